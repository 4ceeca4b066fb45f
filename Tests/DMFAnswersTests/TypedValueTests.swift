import DMFAnswers
import DMFPolicy
import Foundation
import Testing

/// Values as people write them in answers files: dates in either order, choices in any case.
@Suite("Values as people write them")
struct TypedValueTests {
    // MARK: Dates

    @Test(
        "delete_by is read in the UK or the ISO order and kept as YYYY-MM-DD",
        arguments: [
            "2027-03-31", "31/03/2027", "31-03-2027", "31/3/2027", "\"31/03/2027\"", "'2027-03-31'", "2027-3-31",
        ])
    func dateForms(written: String) throws {
        let answers = try parse(try edit("delete_by: 2027-03-31", "delete_by: \(written)"))
        #expect(answers.retention.deleteBy == "2027-03-31")
    }

    @Test("a date read in the UK order is written back as YYYY-MM-DD and reads back the same")
    func dateRoundTrip() throws {
        let answers = try parse(try edit("delete_by: 2027-03-31", "delete_by: 1/4/2027"))
        #expect(answers.retention.deleteBy == "2027-04-01")
        let written = AnswersWriter.yaml(answers)
        #expect(written.contains("2027-04-01"))
        #expect(!written.contains("1/4/2027"))
        #expect(try parse(written) == answers)
    }

    @Test(
        "a date that does not exist is told apart from text that is not a date, with its line",
        arguments: [
            ("30/02/2027", "30 February 2027 does not exist"), ("31/04/2027", "31 April 2027 does not exist"),
            ("29/02/2027", "29 February 2027 does not exist"), ("2027-13-01", "has month 13"),
            ("31/03/27", "two-digit year"), ("03/31/2027", "the day comes first"),
            ("someday", "'someday' is not a date"),
        ])
    func dateProblems(written: String, says: String) throws {
        let text = try edit("delete_by: 2027-03-31", "delete_by: \(written)")
        let found = try problem(text)
        #expect(found.path == "retention.delete_by")
        #expect(found.line == (try line(of: "delete_by:", in: text)))
        #expect(found.column == 14)  // `  delete_by: ` is 13 characters
        #expect(found.message.contains(says), "\(found.message)")
        #expect(found.message.contains("31/03/2027") && found.message.contains("2027-03-31"), "\(found.message)")
        #expect(found.message.contains("not a date") == (says.contains("not a date")), "\(found.message)")
    }

    // MARK: Choices

    @Test("choice values are matched whatever their case and kept in their canonical spelling")
    func choicesIgnoreCase() throws {
        var text = try edit("classification: official-sensitive", "classification: OFFICIAL-SENSITIVE")
        text = try edit("  personal_data: yes", "  personal_data: Yes", in: text)
        text = try edit("  bulk: yes", "  bulk: Not-Sure", in: text)
        text = try edit("    authorised: yes", "    authorised: YES", in: text)
        text = try edit("    clearance: bpss", "    clearance: BPSS", in: text)
        text = try edit("  contract: yes", "  contract: No", in: text)
        text = try edit("  nda: yes", "  nda: NO", in: text)
        text = try edit("type: third-party", "type: Third-Party", in: text)
        text = try edit("method: secure-network", "method: \"Secure-Network\"", in: text)
        text = try edit("iao_decision: pending", "iao_decision: Pending", in: text)
        let answers = try parse(text)
        #expect(answers.data.classification == .officialSensitive)
        #expect(answers.data.personalData == .yes)
        #expect(answers.data.bulk == .notSure)
        #expect(answers.recipients[0].authorised == .yes)
        #expect(answers.recipients[0].clearance == .bpss)
        #expect(answers.thirdParty.contract == .no)
        #expect(answers.thirdParty.nda == .no)
        #expect(answers.route.type == .thirdParty)
        #expect(answers.method == .secureNetwork)
        #expect(answers.authorisation.iaoDecision == .pending)
        // Written back, each is in its one spelling.
        let written = AnswersWriter.yaml(answers)
        for spelling in ["official-sensitive", "not-sure", "bpss", "third-party", "secure-network", "pending"] {
            #expect(written.contains(spelling), "\(spelling)")
        }
        for typed in ["OFFICIAL", "Yes", "YES", "Not-Sure", "BPSS", "Third", "Secure", "Pending"] {
            #expect(!written.contains(typed), "\(typed)")
        }
    }

    @Test(
        "'not sure' with a space (or an underscore, or in capitals) is not-sure",
        arguments: ["not sure", "Not sure", "NOT SURE", "not_sure", "\"  not sure \""])
    func notSureWithASpace(written: String) throws {
        let answers = try parse(try edit("  bulk: yes", "  bulk: \(written)"))
        #expect(answers.data.bulk == .notSure)
    }

    @Test("training notes match their verdict and rule ids whatever the case")
    func trainingValuesIgnoreCase() throws {
        let text =
            validYAML
                + """
                training:\n  title: T\n  story: S\n  debrief: D\n  expected_verdict: Conditions\n  key_actions: \
                [Third-Party-NDA]\n
                """
        let document = try AnswersParser.parse(data: Data(text.utf8), file: "case.yaml", mode: .complete)
        #expect(document.training?.expectedVerdict == .conditions)
        #expect(document.training?.keyActions == [.thirdPartyNDA])
    }

    @Test(
        "yes/no look-alikes are refused, saying to write yes or no in words",
        arguments: [("true", "yes"), ("False", "no"), ("on", "yes"), ("OFF", "no"), ("y", "yes"), ("N", "no")])
    func yesNoLookalikes(written: String, word: String) throws {
        let text = try edit("  contract: yes", "  contract: \(written)")
        let found = try problem(text)
        #expect(found.path == "third_party.contract")
        #expect(found.line == (try line(of: "  contract:", in: text)))
        #expect(found.message.contains("'\(written)' is not allowed"))
        #expect(
            found.message.contains("write \(word) in words (true/false, on/off and y/n are not accepted)"),
            "\(found.message)")
        #expect(found.message.contains("yes, no, not-sure"))
        #expect(!found.message.contains("did you mean"))
    }

    @Test(
        "a real typo gets a 'did you mean', whatever its case",
        arguments: [
            ("classification: official-sensitive", "classification: OFICIAL-SENSITIVE", "official-sensitive"),
            ("    clearance: bpss", "    clearance: BPPS", "bpss"),
            ("method: secure-network", "method: secure-netwrok", "secure-network"),
            ("iao_decision: pending", "iao_decision: Pendng", "pending"),
        ])
    func typoHint(old: String, new: String, meant: String) throws {
        let found = try problem(try edit(old, new))
        #expect(found.message.contains("did you mean '\(meant)'?"), "\(found.message)")
    }

    @Test(
        "a value far from every allowed one gets no guess",
        arguments: [
            ("    clearance: bpss", "    clearance: secret"), ("  kind: share", "  kind: maybe"),
            ("  nda: yes", "  nda: \"\""),
        ])
    func noWildGuess(old: String, new: String) throws {
        let found = try problem(try edit(old, new), mode: .draft)
        #expect(!found.message.contains("did you mean"), "\(found.message)")
        #expect(found.message.contains("use one of:"))
    }

    @Test("a value split over lines is not joined into an allowed one")
    func multilineChoice() throws {
        let found = try problems("format: 1\nmethod: |\n  secure\n  network\n", mode: .draft)
        #expect(found.map(\.path) == ["method"])
        #expect(found[0].message.contains("is not allowed"))
    }
}
