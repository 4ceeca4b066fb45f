import DMFAnswers
import DMFPolicy
import Foundation
import Testing

/// One edit to the valid example and the problem it must cause: key path, line, message words.
struct BadEdit: CustomTestStringConvertible, Sendable {
    let what: String
    let old: String
    let new: String
    let path: String
    /// Text on the line the problem must point at (default: `new`'s first line).
    var at: String?
    let says: [String]
    var testDescription: String { what }
}

@Suite("Invalid answers files")
struct InvalidAnswersTests {
    static let edits: [BadEdit] = [
        // Unknown keys, with a suggestion and the allowed keys.
        .init(
            what: "unknown key in a section", old: "  purpose:", new: "  purpos:", path: "transfer.purpos",
            says: ["unknown key", "did you mean 'purpose'", "kind, frequency, purpose"]),
        .init(
            what: "unknown top-level key", old: "method:", new: "metod:", path: "metod",
            says: ["unknown key", "did you mean 'method'", "recipients", "third_party"]),
        .init(
            what: "unknown key in a recipient", old: "    clearance: bpss", new: "    clearence: bpss",
            path: "recipients[0].clearence", says: ["did you mean 'clearance'", "mailbox, authorised, clearance"]),
        // Wrong types.
        .init(
            what: "list where text is expected", old: "  team: \"Performance Analysis\"",
            new: "  team: [Analysis, Stats]",
            path: "requester.team", says: ["single value", "not a list"]),
        .init(
            what: "list where a choice is expected", old: "    clearance: bpss", new: "    clearance: [bpss, sc]",
            path: "recipients[0].clearance", says: ["single value", "none, bpss, ctc, sc, dv, not-sure"]),
        .init(
            what: "group where a value is expected", old: "method: secure-network",
            new: "method: {type: secure-network}",
            path: "method", says: ["single value", "within-system, secure-network"]),
        .init(
            what: "value where a group is expected",
            old:
                """
                authorisation:\n  iao_name: \"C. Owner\"\n  iao_decision: pending                # authorised | \
                pending | refused
                """,
            new: """
                authorisation: C. Owner
                """, path: "authorisation", says: ["group of answers", "iao_name, iao_decision"]),
        // Values not allowed.
        .init(
            what: "clearance: secret", old: "    clearance: bpss", new: "    clearance: secret",
            path: "recipients[0].clearance", says: ["'secret' is not allowed", "none, bpss, ctc, sc, dv, not-sure"]),
        // (A value that differs only in case, or in a space for the hyphen, is accepted: see
        // TypedValueTests. The hint is for real typos.)
        .init(
            what: "a typo in an allowed value", old: "classification: official-sensitive",
            new: "classification: Offical Sensitive",
            path: "data.classification",
            says: ["did you mean 'official-sensitive'", "official, official-sensitive, secret, top-secret, not-sure"]),
        .init(
            what: "a typo in a hyphenated value", old: "mailbox: personal", new: "mailbox: persnal",
            path: "recipients[0].mailbox", says: ["did you mean 'personal'", "personal, shared"]),
        .init(
            what: "true/false where yes/no is expected", old: "  nda: yes", new: "  nda: true",
            path: "third_party.nda",
            says: ["'true' is not allowed", "write yes in words", "true/false", "not accepted", "yes, no, not-sure"]),
        // Dates.
        .init(
            what: "date 2027-02-30", old: "delete_by: 2027-03-31", new: "delete_by: 2027-02-30",
            path: "retention.delete_by",
            says: ["30 February 2027 does not exist", "31/03/2027", "2027-03-31"]),
        .init(
            what: "date 03/31/2027 (US order)", old: "delete_by: 2027-03-31", new: "delete_by: 03/31/2027",
            path: "retention.delete_by",
            says: ["'03/31/2027' puts the month first", "the day comes first", "31/03/2027", "2027-03-31"]),
        .init(
            what: "date 2026-02-29 (not a leap year)", old: "delete_by: 2027-03-31", new: "delete_by: 2026-02-29",
            path: "retention.delete_by", says: ["29 February 2026 does not exist", "not a leap year"]),
        .init(
            what: "date 31/03/27 (two-digit year)", old: "delete_by: 2027-03-31", new: "delete_by: 31/03/27",
            path: "retention.delete_by", says: ["two-digit year", "ambiguous", "day/month/year", "year-month-day"]),
        .init(
            what: "date 'next spring'", old: "delete_by: 2027-03-31", new: "delete_by: next spring",
            path: "retention.delete_by",
            says: ["'next spring' is not a date", "such as 31/03/2027", "such as 2027-03-31"]),
        // Record counts.
        .init(
            what: "records: lots", old: "records: 4200", new: "records: lots", path: "data.records",
            says: ["'lots' is not a whole number"]),
        .init(
            what: "records: -5", old: "records: 4200", new: "records: -5", path: "data.records",
            says: ["'-5' is not a whole number"]),
        .init(
            what: "records: 12.5", old: "records: 4200", new: "records: 12.5", path: "data.records",
            says: ["'12.5' is not a whole number"]),
        .init(
            what: "records: 0x1F", old: "records: 4200", new: "records: 0x1F", path: "data.records",
            says: ["not a whole number"]),
        // Email addresses.
        .init(
            what: "email without @", old: "\"a.person@example.gov.uk\"", new: "\"a.person.example.gov.uk\"",
            path: "requester.email", says: ["not an email address"]),
        .init(
            what: "email with a space", old: "\"a.person@example.gov.uk\"", new: "\"a person@example.gov.uk\"",
            path: "requester.email", says: ["not an email address"]),
        .init(
            what: "email without a domain dot", old: "\"a.person@example.gov.uk\"", new: "\"a.person@localhost\"",
            path: "requester.email", says: ["not an email address"]),
        // Format.
        .init(
            what: "format: 2", old: "format: 1", new: "format: 2", path: "format", says: ["only format 1", "format 2"]),
    ]

    @Test("a bad edit gives one problem with its key path, its line and what is allowed", arguments: edits)
    func badEdit(edit bad: BadEdit) throws {
        let text = try edit(bad.old, bad.new)
        let found = try problem(text)
        #expect(found.path == bad.path)
        let expectedLine = try line(of: bad.at ?? String(bad.new.split(separator: "\n")[0]), in: text)
        #expect(found.line == expectedLine)
        #expect(found.column != nil)
        for words in bad.says { #expect(found.message.contains(words), "\(found.message)") }
    }

    // MARK: Missing answers

    @Test("no recipients: a problem at recipients citing rule recipients-listed")
    func noRecipients() throws {
        let text = validYAML.components(separatedBy: "\n")
            .filter { !$0.hasPrefix("  - name:") && !$0.hasPrefix("    ") }  // the recipient and comment lines
            .joined(separator: "\n")
        let found = try problem(text)
        #expect(found.path == "recipients")
        #expect(found.message.contains("rule recipients-listed"))
        #expect(found.line == (try line(of: "recipients:", in: text)))
    }

    @Test("recipients that are not a list are refused at their line")
    func recipientsNotAList() throws {
        let text = validYAML.components(separatedBy: "\n")
            .filter { !$0.hasPrefix("  - name:") && !$0.hasPrefix("    ") }
            .map { $0.hasPrefix("recipients:") ? "recipients: B. Analyst" : $0 }
            .joined(separator: "\n")
        let found = try problem(text)
        #expect(found.path == "recipients")
        #expect(found.message.contains("list of recipients"))
        #expect(found.line == (try line(of: "recipients: B. Analyst", in: text)))
    }

    @Test("no classification: required, with the allowed values, pointing at the data section")
    func noClassification() throws {
        let text = try edit(
            "  classification: official-sensitive   # official | official-sensitive | secret | top-secret | not-sure\n",
            "")
        let found = try problem(text)
        #expect(found.path == "data.classification")
        #expect(found.message.contains("required"))
        #expect(found.message.contains(Classification.allowedValues))
        #expect(found.line == (try line(of: "data:", in: text)))
    }

    @Test("third-party route without third_party answers: each missing answer is a problem")
    func thirdPartyMissing() throws {
        let start = validYAML.range(of: "third_party:")!.lowerBound
        let end = validYAML.range(of: "authorisation:")!.lowerBound
        var text = validYAML
        text.removeSubrange(start..<end)
        let found = try problems(text)
        #expect(
            found.map(\.path) == [
                "third_party.contract", "third_party.nda", "third_party.security_aspects_letter",
                "third_party.code_of_connection",
            ])
        #expect(found[2].message.contains("yes, no, not-needed, not-sure"))
        #expect(found.allSatisfy { $0.line == 1 })  // no third_party section: point at the file's top
    }

    @Test("the contract example verbatim (OGD route with a third_party section) is complete, not refused")
    func thirdPartyOnOtherRouteIsAccepted() throws {
        // The contract's own example carries `third_party` on an OGD route, so the file format
        // accepts it; the form prints those answers as not applicable.
        let document = try AnswersParser.parse(data: Data(contractYAML.utf8), file: "answers.yaml", mode: .complete)
        #expect(document.answers.route.type == .otherGovernmentDepartment)
        #expect(document.answers.thirdParty.contract == .yes)
    }

    // MARK: Syntax and structure

    @Test("a YAML syntax error names its line (each kind in plain words: YAMLSyntaxTests)")
    func syntaxError() throws {
        let text = try edit("  team: \"Performance Analysis\"", "  team: Analysis: performance")
        let found = try problem(text)
        #expect(found.message.contains("put the whole value in quotes"))
        #expect(found.line == (try line(of: "team: Analysis", in: text)))
    }

    @Test("an unclosed quote is a syntax error, not a crash, pointing at the quote")
    func unclosedQuote() throws {
        let text = try edit("\"C. Owner\"", "\"C. Owner")
        let found = try problem(text)
        #expect(found.message.contains("never closed"))
        #expect(found.line == (try line(of: "\"C. Owner", in: text)))
    }

    @Test("a duplicate key is refused, naming the key and its line")
    func duplicateKey() throws {
        let text = try edit("  kind: share ", "  kind: move\n  kind: share ")
        let found = try problem(text)
        #expect(found.message.contains("given twice: kind"))
        let candidates = [try line(of: "  kind: move", in: text), try line(of: "  kind: share", in: text)]
        #expect(candidates.contains(found.line ?? 0), "line \(found.line ?? 0)")
    }

    @Test(
        "an empty or comment-only file says it is empty",
        arguments: ["", "\n\n", "# just a comment\n# and another\n", "---\n"])
    func emptyFile(text: String) throws {
        #expect(try problem(text).message.contains("empty"))
    }

    @Test(
        "a root that is a list, or a single value, is refused at line 1",
        arguments: ["- format: 1\n- transfer: {}\n", "just some text\n", "42\n"])
    func rootNotMapping(text: String) throws {
        let found = try problem(text)
        #expect(found.message.contains("`key: value`"))
        #expect(found.line == 1)
    }

    // MARK: Hostile bytes

    @Test(
        "binary or invalid UTF-8 is refused as not UTF-8 text",
        arguments: [
            Data([0xFF, 0xFE, 0x00, 0x41]), Data([0x66, 0x6F, 0x72, 0xC3, 0x28]), Data((0..<256).map { UInt8($0) }),
        ])
    func invalidUTF8(data: Data) throws {
        let found = try problems(data)
        #expect(found.count == 1)
        #expect(found[0].message.contains("not UTF-8"))
    }

    @Test(
        "a NUL byte is refused and located on its line, also after multi-byte text",
        arguments: ["Performance Analysis", String(repeating: "Siân Ó Ceallaigh ", count: 40)])
    func nulByte(before: String) throws {
        let text = try edit(
            "  team: \"Performance Analysis\"", "  team: \"Perfor\u{0}mance\"",
            in: try edit("\"A. Person\"", "\"\(before)\""))
        let found = try problem(text)
        #expect(found.line == (try line(of: "team:", in: text)))
        #expect(found.column == 16)  // `  team: "Perfor` is 15 characters
    }

    @Test("a control byte is located on its line in a file with Windows line endings")
    func controlByteCRLF() throws {
        let text = try edit("\"C. Owner\"", "\"C. \u{1}Owner\"").replacingOccurrences(of: "\n", with: "\r\n")
        let found = try problem(text)
        #expect(found.line == (try line(of: "iao_name:", in: text)))
    }

    @Test("a file over 1 MiB is refused before parsing, from bytes and from a path")
    func oversize() throws {
        let big =
            Data(validYAML.utf8) + Data(("# padding\n" as String).utf8.map { $0 })
            + Data(repeating: 0x20, count: 1 << 20)
        #expect(try problem(String(decoding: big, as: UTF8.self)).message.contains("larger than 1024 KiB"))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dmf-oversize-\(UUID().uuidString).yaml")
        try big.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: AnswersFileError.self) { try AnswersParser.load(path: url.path) }
        #expect(error.problems.count == 1)
        #expect(error.problems[0].message.contains("larger than"))
    }

    @Test("a missing file is an error naming it, not a crash")
    func missingFile() throws {
        let error = try #require(throws: AnswersFileError.self) {
            try AnswersParser.load(path: "/nonexistent/answers.yaml")
        }
        #expect(error.problems[0].message.contains("does not exist"))
    }

    @Test(
        "10,000 levels of nesting are refused quickly, in flow and in block style",
        arguments: [
            String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
            "transfer:\n  purpose: " + String(repeating: "{a: ", count: 10_000) + "x"
                + String(repeating: "}", count: 10_000),
            String(repeating: "- ", count: 10_000) + "x\n",
            "recipients:\n" + String(repeating: "- ", count: 10_000) + "x\n",
        ])
    func deepNesting(text: String) throws {
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try problems(text) }
        #expect(elapsed < .seconds(1))
    }

    @Test("an alias \"billion laughs\" is refused by the node budget, quickly")
    func billionLaughs() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        text += "recipients: *i\n"
        let clock = ContinuousClock()
        var found: [AnswersProblem] = []
        let elapsed = try clock.measure { found = try problems(text) }
        #expect(elapsed < .seconds(1))
        #expect(found.count == 1)
        #expect(found[0].message.contains("more than 10000 values"))
    }

    // MARK: Several problems

    @Test("several problems are reported together, one message each, in file order")
    func multipleProblems() throws {
        var text = try edit("    clearance: bpss", "    clearance: secret")
        text = try edit("records: 4200", "records: lots", in: text)
        text = try edit("  purpose:", "  purpos:", in: text)
        let found = try problems(text)
        #expect(Set(found.map(\.path)) == ["recipients[0].clearance", "data.records", "transfer.purpos"])
        let lines = found.compactMap(\AnswersProblem.line)
        #expect(lines.count == 3 && lines == lines.sorted())
        let error = AnswersFileError(file: "case.yaml", problems: found)
        let messages = error.description.split(separator: "\n")
        #expect(messages.count == 3)
        let recordsLine = try line(of: "records: lots", in: text)
        #expect(messages.contains { $0.hasPrefix("case.yaml:\(recordsLine):") && $0.contains("data.records: 'lots'") })
    }
}
