import DMFAnswers
import DMFPolicy
import Foundation
import Testing

@Suite("Valid answers files")
struct ValidAnswersTests {
    /// `validYAML` (the contract example on the third-party route) written as JSON.
    static let validJSON = #"""
        {"format": 1,
         "transfer": {"kind": "share", "frequency": "one-off",
                      "purpose": "Monthly caseload figures for the joint inspection"},
         "requester": {"name": "A. Person", "email": "a.person@example.gov.uk", "team": "Performance Analysis"},
         "data": {"description": "Caseload extract, one row per case", "classification": "official-sensitive",
                  "legacy_marking": "none", "personal_data": "yes", "records": 4200, "bulk": "yes"},
         "route": {"type": "third-party", "source_system": "DOM1",
                   "destination_organisation": "Department for Education",
                   "destination_system": "DfE analytical platform", "destination_accreditation": "official-sensitive"},
         "recipients": [{"name": "B. Analyst", "organisation": "Department for Education", "role": "Statistician",
                         "mailbox": "personal", "authorised": "yes", "clearance": "bpss"}],
         "method": "secure-network",
         "retention": {"delete_by": "2027-03-31", "period": "until the inspection report is published"},
         "third_party": {"contract": "yes", "nda": "yes", "security_aspects_letter": "not-needed",
                         "code_of_connection": "not-needed"},
         "authorisation": {"iao_name": "C. Owner", "iao_decision": "pending"}}
        """#

    @Test("the contract example parses, with every answer read as written")
    func contractExample() throws {
        let answers = try parse(validYAML)
        #expect(
            answers.transfer
                == .init(kind: .share, frequency: .oneOff, purpose: "Monthly caseload figures for the joint inspection")
        )
        #expect(
            answers.data
                == .init(
                    description: "Caseload extract, one row per case", classification: .officialSensitive,
                    legacyMarking: LegacyMarking.none,
                    personalData: .yes, records: 4200, bulk: .yes))
        #expect(
            answers.recipients == [
                .init(
                    name: "B. Analyst", organisation: "Department for Education", role: "Statistician",
                    mailbox: .personal,
                    authorised: .yes, clearance: .bpss)
            ])
        #expect(answers.method == .secureNetwork)
        #expect(answers.retention == .init(deleteBy: "2027-03-31", period: "until the inspection report is published"))
        #expect(
            answers.thirdParty
                == .init(contract: .yes, nda: .yes, securityAspectsLetter: .notNeeded, codeOfConnection: .notNeeded))
        #expect(answers.authorisation == .init(iaoName: "C. Owner", iaoDecision: .pending))
        #expect(answers.isComplete)
    }

    @Test("the contract example verbatim (OGD route, with the third_party section it documents) is a valid draft")
    func contractExampleVerbatimAsDraft() throws {
        let answers = try parse(contractYAML, mode: .draft)
        #expect(answers.route.type == .otherGovernmentDepartment)
        #expect(answers.thirdParty.nda == .yes)
    }

    @Test("the same answers as JSON give equal Answers")
    func jsonEqualsYAML() throws {
        #expect(try parse(Self.validJSON) == (try parse(validYAML)))
    }

    @Test("bulk may be left out when records is given", arguments: [(4200, YesNoNotSure.yes), (12, .no)])
    func bulkFromRecords(records: Int, bulk: YesNoNotSure) throws {
        let text = try edit(
            "records: 4200", "records: \(records)",
            in: try edit(
                """
                  bulk: yes                            # yes | no | not-sure (may be left out when records is \
                given)\n
                """,
                ""))
        let answers = try parse(text)
        #expect(answers.data.bulk == nil)
        #expect(answers.effectiveBulk == bulk)
    }

    @Test("a leading byte order mark is accepted")
    func byteOrderMark() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(validYAML.utf8)
        #expect(try AnswersParser.parse(data: data).answers == (try parse(validYAML)))
    }

    @Test("Windows line endings are accepted")
    func crlf() throws {
        #expect(try parse(validYAML.replacingOccurrences(of: "\n", with: "\r\n")) == (try parse(validYAML)))
    }

    @Test("yes, no and dates stay the words written (no YAML 1.1 booleans, no Date)")
    func noNorwayProblem() throws {
        let answers = try parse(
            try edit(
                "  name: \"A. Person\"", "  name: No",
                in: try edit("period: \"until the inspection report is published\"", "period: yes")))
        #expect(answers.requester.name == "No")
        #expect(answers.retention.period == "yes")
        #expect(answers.retention.deleteBy == "2027-03-31")
    }

    @Test("draft mode accepts partial answers and keeps the step to resume at")
    func draftPartial() throws {
        let text =
            """
            format: 1\ntransfer:\n  kind: move\ndata:\n  classification: not-sure\ndraft:\n  step: route\n  \
            saved_at: \"2026-11-29T10:00:00Z\"\n
            """
        let document = try AnswersParser.parse(data: Data(text.utf8), mode: .draft)
        #expect(document.answers.transfer.kind == .move)
        #expect(document.answers.data.classification == .notSure)
        #expect(document.resumeStep == "route")
        #expect(!document.answers.isComplete)
        // The same file is not enough to decide on: every missing answer is listed.
        let missing = try problems(text).map(\.path)
        #expect(missing == document.answers.missingFields)
    }

    @Test("a draft keeps the formats last chosen for saving, a list of names that is never an answer")
    func draftFormats() throws {
        let text = "format: 1\ntransfer:\n  kind: move\ndraft:\n  step: D2\n  formats: [markdown, pdf]\n"
        let document = try AnswersParser.parse(data: Data(text.utf8), mode: .draft)
        #expect(document.saveFormats == ["markdown", "pdf"])
        var answers = Answers()
        answers.transfer.kind = .move
        #expect(document.answers == answers)
        let written = AnswersWriter.yaml(answers, resumeStep: "D2", saveFormats: ["markdown", "pdf"])
        #expect(try AnswersParser.parse(data: Data(written.utf8), mode: .draft) == document)
        #expect(try problems("format: 1\ndraft:\n  formats: pdf\n", mode: .draft).map(\.path) == ["draft.formats"])
        #expect(
            try problems("format: 1\ndraft:\n  formats: [pdf, {a: b}]\n", mode: .draft).map(\.path) == [
                "draft.formats[1]"
            ])
    }

    @Test("draft mode still refuses bad values and unknown keys")
    func draftStillStrict() throws {
        let found = try problems("transfer:\n  kind: maybe\n  knd: move\n", mode: .draft)
        #expect(
            found.map(\.path) == ["transfer.knd", "transfer.kind"]
                || found.map(\.path) == ["transfer.kind", "transfer.knd"])
    }

    @Test("the scenario-style answers load from a file path")
    func loadFromPath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dmf-valid-\(UUID().uuidString).yaml")
        try Data(validYAML.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try AnswersParser.load(path: url.path).answers == (try parse(validYAML)))
    }
}

@Suite("Round trip through AnswersWriter")
struct RoundTripTests {
    static let awkward = [
        "No", "yes", "off", "null", "~", "1:30", "012", "0x1F", "2027-03-31", "a: b", "- dash", "[x]", "{a: 1}",
        "\"double\" and 'single' quotes", "Siân Ó Ceallaigh", "line one\nline two", "# not a comment",
        "text # with hash",
        "  leading and trailing  ", "tab\there", "*alias", "&anchor", "!tag", "%percent", "@at", "`back`", "|", ">",
        "back\\slash", "emoji 😀", "\u{2028}line separator",
    ]

    /// Every free-text answer set to `text`, on top of the contract example.
    static func answers(allText text: String) throws -> Answers {
        var answers = try parse(validYAML)
        answers.transfer.purpose = text
        answers.requester.name = text
        answers.requester.team = text
        answers.data.description = text
        answers.route.sourceSystem = text
        answers.route.destinationOrganisation = text
        answers.route.destinationSystem = text
        answers.recipients[0].name = text
        answers.recipients[0].organisation = text
        answers.recipients[0].role = text
        answers.retention.period = text
        answers.authorisation.iaoName = text
        answers.helpdesk = .init(callerName: text, callerTeam: text, callReference: text, agentName: text)
        return answers
    }

    @Test("AnswersWriter.yaml parsed back equals the original, whatever the text", arguments: awkward)
    func roundTrip(text: String) throws {
        let original = try Self.answers(allText: text)
        let yaml = AnswersWriter.yaml(original, resumeStep: text, savedAt: "2026-11-29T10:00:00Z")
        let document = try AnswersParser.parse(data: Data(yaml.utf8), mode: .draft)
        #expect(document.answers == original, "\(yaml)")
        #expect(document.resumeStep == text)
        #expect(try parse(yaml) == original)
    }

    @Test("round trip keeps every choice value", arguments: RouteType.allCases)
    func roundTripChoices(route: RouteType) throws {
        var original = try parse(validYAML)
        original.route.type = route
        if route != .thirdParty { original.thirdParty = .init() }
        original.recipients.append(.init(name: "D. Other", mailbox: .shared, authorised: .notSure, clearance: .dv))
        original.data.bulk = nil
        original.data.legacyMarking = .il3Restricted
        original.transfer.kind = .notSure
        #expect(try parse(AnswersWriter.yaml(original)) == original)
    }

    /// Yams resolves an implicit tag in place, so one tag shared by every node was "map" by the
    /// time the recipients' list was written: `recipients: !!map` over a list, which other YAML
    /// readers refuse. The file is plain YAML, with no tag anywhere.
    @Test("the YAML written has no tags: the recipients are a plain list")
    func noTags() throws {
        var original = try parse(validYAML)
        original.recipients.append(.init(name: "D. Other", mailbox: .shared, authorised: .notSure, clearance: .dv))
        for yaml in [AnswersWriter.yaml(original), AnswersWriter.yaml(original, resumeStep: "P1", savedAt: "now")] {
            #expect(!yaml.contains("!"), "\(yaml)")
            let lines = yaml.split(separator: "\n")
            let recipients = try #require(lines.firstIndex(of: "recipients:"), "\(yaml)")
            #expect(lines[recipients + 1].hasPrefix("- name: "), "\(yaml)")
            #expect(lines.filter { $0.hasPrefix("- name: ") }.count == 2)
        }
    }

    @Test("a draft with gaps round-trips in draft mode")
    func roundTripDraft() throws {
        var partial = Answers()
        partial.transfer.kind = .move
        partial.recipients = [.init(name: "Only a name")]
        let document = try AnswersParser.parse(
            data: Data(AnswersWriter.yaml(partial, resumeStep: "recipients").utf8), mode: .draft)
        #expect(document.answers == partial)
        #expect(document.resumeStep == "recipients")
    }
}
