import DMFAnswers
import DMFPolicy
import Foundation
import Testing

/// One broken file and what the reader must say: where (line and column) and in which words.
struct SyntaxCase: CustomTestStringConvertible, Sendable {
    let what: String
    let text: String
    let line: Int
    let column: Int
    let says: [String]
    var testDescription: String { what }
}

/// YAML syntax errors are explained in plain words at the likely mistake, never in the
/// parser's own terms.
@Suite("YAML syntax errors in plain words")
struct YAMLSyntaxTests {
    /// Words from libyaml's and Yams's messages that must never reach a person.
    static let jargon = [
        "scanner", "parser", "composer", "token", "mapping values", "simple key", "block mapping", "block collection",
        "flow sequence", "flow mapping", "node content", "in this context", "stream", "indicator", "scalar",
        "YAML syntax error", "could not find expected", "did not find expected", "while scanning", "while parsing",
    ]

    static let cases: [SyntaxCase] = [
        // Tabs.
        .init(
            what: "a tab indenting a key", text: "format: 1\ntransfer:\n\tkind: share\n",
            line: 3, column: 1, says: ["tabs cannot indent YAML; use spaces"]),
        .init(
            what: "a tab indenting the second key of a group",
            text: "format: 1\ntransfer:\n  kind: share\n\tfrequency: one-off\n",
            line: 4, column: 1, says: ["tabs cannot indent YAML; use spaces"]),
        .init(
            what: "a tab after spaces in a recipient",
            text: "format: 1\nrecipients:\n  - name: a\n  \tclearance: bpss\n",
            line: 4, column: 3, says: ["tabs cannot indent YAML; use spaces"]),
        .init(
            what: "a tab indenting with Windows line ends", text: "format: 1\r\ntransfer:\r\n\tkind: share\r\n",
            line: 3, column: 1, says: ["tabs cannot indent YAML; use spaces"]),
        // Quotes.
        .init(
            what: "an unclosed double quote",
            text: "format: 1\nauthorisation:\n  iao_name: \"C. Owner\n  iao_decision: pending\n",
            line: 3, column: 13,
            says: [
                """
                the quote \" that starts this value is never closed
                """, "end the value with \"",
            ]),
        .init(
            what: "an unclosed single quote",
            text: "format: 1\nauthorisation:\n  iao_name: 'C. Owner\n  iao_decision: pending\n",
            line: 3, column: 13, says: ["the quote ' that starts this value is never closed", "apostrophe as ''"]),
        .init(
            what: "an unclosed quote before a --- line", text: "format: 1\nmethod: \"email\n---\n\"\n",
            line: 2, column: 9, says: ["never closed"]),
        .init(
            what: "an apostrophe closing a single-quoted value early",
            text: "format: 1\ntransfer:\n  purpose: 'the team's figures'\n",
            line: 3, column: 22, says: ["more text after the closing quote", "apostrophe as ''"]),
        .init(
            what: "an unknown backslash escape in double quotes", text: "format: 1\nrequester:\n  team: \"C:\\data\"\n",
            line: 3, column: 12, says: ["backslash", "write a backslash as \\\\", "single quotes"]),
        // A missing space after a colon.
        .init(
            what: "no space after a colon, with a key below",
            text: "format: 1\ntransfer:\n  kind:share\n  frequency: one-off\n",
            line: 3, column: 7, says: ["a space is missing after this colon", "`kind: share`"]),
        .init(
            what: "no space after a colon, last in its group",
            text: "format: 1\ntransfer:\n  kind: share\n  frequency:one-off\n",
            line: 4, column: 12, says: ["a space is missing after this colon", "`frequency: one-off`"]),
        .init(
            what: "no space after a colon, at the top", text: "format: 1\nmethod:email\nretention:\n  period: x\n",
            line: 2, column: 7, says: ["a space is missing after this colon", "`method: email`"]),
        .init(
            what: "no space after a colon in a list item", text: "recipients:\n  - name:B\n    role: x\n",
            line: 2, column: 9, says: ["a space is missing after this colon", "`name: B`"]),
        .init(
            what: "no colon at all", text: "format: 1\ntransfer:\n  kind share\n  frequency: one-off\n",
            line: 3, column: 3, says: ["no colon between a key and its value", "`key: value`"]),
        // Colons inside values and keys out of line.
        .init(
            what: "': ' inside a value", text: "format: 1\nrequester:\n  team: Analysis: performance\n",
            line: 3, column: 17, says: ["contains ': '", "put the whole value in quotes"]),
        .init(
            what: "a key indented further than the one above",
            text: "format: 1\ntransfer:\n  kind: share\n   frequency: one-off\n",
            line: 4, column: 4, says: ["indented further than the line above", "same column"]),
        .init(
            what: "a top-level key indented under a value", text: "format: 1\n  method: email\n",
            line: 2, column: 3, says: ["indented further than the line above"]),
        .init(
            what: "a key indented less than the keys of its group",
            text: "format: 1\ntransfer:\n  kind: share\n frequency: one-off\n",
            line: 4, column: 2, says: ["does not line up with the keys above it"]),
        .init(
            what: "the first key indented, the next not", text: "  format: 1\nmethod: email\n",
            line: 2, column: 1, says: ["does not line up with the keys above it"]),
        .init(
            what: "a recipient's key out of line with the list item", text: "recipients:\n  - name: a\n  role: b\n",
            line: 3, column: 3, says: ["not part of the list above it", "start a new item with a dash"]),
        // List items where a key was expected.
        .init(
            what: "a list item among keys", text: "format: 1\ntransfer:\n  kind: share\n  - frequency: one-off\n",
            line: 4, column: 3, says: ["a list item", "where a `key: value` answer was expected"]),
        .init(
            what: "a list item at the top", text: "format: 1\n- transfer: x\n",
            line: 2, column: 1, says: ["a list item", "where a `key: value` answer was expected"]),
        .init(
            what: "a list item on the key's own line", text: "format: 1\nmethod: - email\n",
            line: 2, column: 9, says: ["a list item (-) cannot start here", "own line"]),
        // Brackets and braces.
        .init(
            what: "an unclosed bracket", text: "format: 1\nrequester:\n  team: [Analysis, Stats\n  name: x\n",
            line: 3, column: 9, says: ["the list opened with [ here is never closed", "add ]"]),
        .init(
            what: "an unclosed bracket at the end of the file",
            text: "format: 1\nrequester:\n  team: [Analysis, Stats\n",
            line: 3, column: 9, says: ["the list opened with [ here is never closed"]),
        .init(
            what: "an unclosed brace", text: "format: 1\nrequester: {team: Analysis, name: x\nmethod: email\n",
            line: 2, column: 12, says: ["the group opened with { here is never closed", "add }"]),
        .init(
            what: "an unclosed brace in JSON", text: "{\"format\": 1, \"method\": \"email\"\n",
            line: 1, column: 1, says: ["the group opened with { here is never closed"]),
        .init(
            what: "a missing comma in JSON", text: "{\"format\": 1\n \"method\": \"email\"}\n",
            line: 2, column: 10,
            says: ["a comma or } was expected here", "opened at line 1, column 1", "comma may be missing"]),
        .init(
            what: "a bracket closing a brace", text: "format: 1\nrequester: {team: [a, b}\n",
            line: 2, column: 19, says: ["the list opened with [ here is never closed"]),
        // Other YAML features an answers file does not use.
        .init(
            what: "a value starting with @", text: "format: 1\nrequester:\n  email: @person\n",
            line: 3, column: 10, says: ["a value cannot start with @", "quotes"]),
        .init(
            what: "a value starting with a backtick", text: "format: 1\nmethod: `email`\n",
            line: 2, column: 9, says: ["a value cannot start with `", "quotes"]),
        .init(
            what: "a value starting with *", text: "format: 1\nrequester:\n  name: *Ann\n",
            line: 3, column: 9, says: ["starting with *", "put the value in quotes"]),
        .init(
            what: "a second document", text: "format: 1\n---\nformat: 1\n",
            line: 2, column: 1, says: ["a second document starts here"]),
        .init(
            what: "a %YAML directive", text: "%YAML 1.3\n---\nformat: 1\n",
            line: 1, column: 1, says: ["YAML directive", "delete the line"]),
        .init(
            what: "an unknown % directive", text: "%FOO bar\n---\nformat: 1\n",
            line: 1, column: 1, says: ["YAML directive", "delete the line"]),
        .init(
            what: "a ! tag that is not closed", text: "format: 1\nmethod: !<email\n",
            line: 2, column: 16, says: ["type tag", "quotes"]),
        .init(
            what: "a block scalar with a bad header", text: "format: 1\ntransfer:\n  purpose: |0\n    text\n",
            line: 3, column: 12, says: ["text block", "| or >"]),
        .init(
            what: "a stray closing bracket as a value", text: "format: 1\nmethod: ]\n",
            line: 2, column: 9, says: ["a value cannot start with ]"]),
        .init(
            what: "an empty item in a flow group", text: "format: 1\nrequester: {name: a, ]\n",
            line: 2, column: 22, says: ["inside [ ] or { }"]),
        // Non-ASCII text before the mistake: columns count characters, not bytes.
        .init(
            what: "': ' inside a value with accents", text: "format: 1\nrequester:\n  team: Siân: Ó\n",
            line: 3, column: 13, says: ["contains ': '"]),
    ]

    @Test("each syntax mistake is explained at its line and column, in plain words", arguments: cases)
    func explained(_ broken: SyntaxCase) throws {
        let found = try problem(broken.text, mode: .draft)
        #expect(found.path == "")
        #expect(found.line == broken.line, "\(found)")
        #expect(found.column == broken.column, "\(found)")
        for words in broken.says { #expect(found.message.contains(words), "\(found.message)") }
        for word in Self.jargon {
            #expect(!found.message.localizedCaseInsensitiveContains(word), "'\(word)' in: \(found.message)")
        }
    }

    @Test("a duplicate key is still named, at its line")
    func duplicateKey() throws {
        let found = try problem("format: 1\ntransfer:\n  kind: move\n  kind: share\n", mode: .draft)
        #expect(found.message == "a key is given twice: kind; give each answer once")
        #expect([3, 4].contains(found.line ?? 0))
    }

    @Test("a control character is located and named by its code, without parser words")
    func controlCharacter() throws {
        let found = try problem("format: 1\nrequester:\n  name: A\u{1}nn\n", mode: .draft)
        #expect(found.line == 3)
        #expect(found.column == 10)
        #expect(found.message.contains("control character (U+0001)"), "\(found.message)")
        for word in Self.jargon { #expect(!found.message.localizedCaseInsensitiveContains(word)) }
    }

    @Test("too deep nesting is explained without the parser's words")
    func tooDeep() throws {
        let found = try problem(String(repeating: "[", count: 2_000), mode: .draft)
        #expect(found.message.contains("nested too deeply"), "\(found.message)")
    }

    /// Anything libyaml may say that has no explanation of its own still gets a plain sentence.
    @Test("unknown problems get the plain general sentence at the parser's place")
    func fallback() throws {
        let found = try problem("format: 1\nrequester:\n  name: [a, b]]\n", mode: .draft)
        #expect(found.line == 3)
        for word in Self.jargon { #expect(!found.message.localizedCaseInsensitiveContains(word), "\(found.message)") }
    }

    @Test("the fuzz corpus's syntax errors all come out in plain words")
    func corpusInPlainWords() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(names.count >= 20)
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            do {
                _ = try AnswersParser.parse(data: data, file: name, mode: .draft)
            } catch {
                for problem in error.problems where problem.path.isEmpty {
                    for word in Self.jargon {
                        #expect(!problem.message.localizedCaseInsensitiveContains(word), "\(name): \(problem.message)")
                    }
                }
            }
        }
    }
}
