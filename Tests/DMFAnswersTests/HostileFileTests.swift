import DMFPolicy
import Foundation
import Testing

@testable import DMFAnswers

/// Files that are not what they seem: values that try to plant lines in messages, JSON as other
/// programs write it, and paths that are not regular files.
@Suite struct HostileFileTests {
    // MARK: Messages stay one line per problem

    @Test(
        "a value cannot plant a second, fake error line",
        arguments: ["\\n", "\\r", "\\r\\n", "\\u2028", "\\u0085", "\\t"])
    func valueCannotPlantALine(separator: String) throws {
        let text = try edit("mailbox: personal", "mailbox: \"personal\(separator)other.yaml:1:1: fake: injected line\"")
        let error = try #require(throws: AnswersFileError.self) {
            try AnswersParser.parse(data: Data(text.utf8), file: "case.yaml")
        }
        let lines = error.description.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        #expect(lines.count == 1, "\(error.description.debugDescription)")
        #expect(lines[0].hasPrefix("case.yaml:"))
        #expect(lines[0].contains("other.yaml:1:1: fake"), "the value is still shown, made visible")
    }

    @Test("a key with a newline in it is shown escaped in the key path")
    func keyWithNewline() throws {
        let text = try edit("  team:", "  \"te\\nam\":")
        let error = try #require(throws: AnswersFileError.self) {
            try AnswersParser.parse(data: Data(text.utf8), file: "case.yaml")
        }
        #expect(!error.description.contains("\n"))
        #expect(error.description.contains("requester.te\\nam"))
    }

    @Test("an escape sequence in a value is shown as its code, never sent raw")
    func escapeInValue() throws {
        let text = try edit("mailbox: personal", "mailbox: \"\\e]0;PWNED\\a\"")
        let error = try #require(throws: AnswersFileError.self) {
            try AnswersParser.parse(data: Data(text.utf8), file: "case.yaml")
        }
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 })
        #expect(error.description.contains("'<U+001B>]0;PWNED<U+0007>'"))
    }

    // MARK: JSON as other programs write it

    static let toolFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "JSONFromTools")

    /// Written by Python's `json.dumps(answers, indent=2)` (emoji and letters outside the BMP as
    /// surrogate-pair escapes), by `jq .` and by Node's `JSON.stringify(answers, null, 2)`.
    @Test(arguments: ["python-json-dumps.json", "jq.json", "node-json-stringify.json"])
    func jsonFromOtherTools(name: String) throws {
        let document = try AnswersParser.load(path: Self.toolFolder.appendingPathComponent(name).path)
        #expect(
            document.answers.data.description
                == "Quarterly statistics 📊 for 𝔘nit 7, café, back\\slash, \"quoted\", a/b"
        )
        #expect(document.answers.recipients.first?.name == "Zoë Analyst 👩‍💻")
    }

    @Test(
        "surrogate pairs are combined only where they are escapes",
        arguments: [
            (#"{"a": "\ud83d\udcca"}"#, #"{"a": "\U0001F4CA"}"#),
            (#"{"a": "\\ud83d\\udcca"}"#, #"{"a": "\\ud83d\\udcca"}"#),  // escaped backslashes: plain text
            (#"{"a": "\\\ud83d\udcca"}"#, #"{"a": "\\\U0001F4CA"}"#),
            (#"{"a": "\ud83d"}"#, #"{"a": "\ud83d"}"#),  // a lone half is left for the parser
            ("a: \"\\ud83d\\udcca\"", "a: \"\\ud83d\\udcca\""),  // YAML, not JSON: untouched
        ])
    func surrogatePairs(input: String, expected: String) {
        #expect(JSONSurrogates.combined(input) == expected)
    }

    @Test("a lone surrogate is refused with a located message, not a crash")
    func loneSurrogate() throws {
        let found = try problems(#"{"format": 1, "transfer": {"purpose": "x\ud83d y"}}"#)
        #expect(found.count == 1)
        #expect(found[0].line == 1)
    }

    // MARK: Paths that are not regular files

    @Test("a named pipe is refused at once instead of waiting for a writer")
    func namedPipe() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dmf-fifo-\(UUID().uuidString).yaml")
            .path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let clock = ContinuousClock()
        var error: AnswersFileError?
        let elapsed = clock.measure {
            error = #expect(throws: AnswersFileError.self) { try AnswersParser.load(path: path) }
        }
        #expect(elapsed < .seconds(1))
        #expect(error?.problems.first?.message.contains("named pipe") == true)
    }

    @Test("a folder is reported as a folder, not as an empty file")
    func folder() throws {
        let error = try #require(throws: AnswersFileError.self) { try AnswersParser.load(path: NSTemporaryDirectory()) }
        #expect(error.problems.first?.message.contains("folder") == true)
    }

    @Test("a device is refused")
    func device() throws {
        let error = try #require(throws: AnswersFileError.self) { try AnswersParser.load(path: "/dev/zero") }
        #expect(error.problems.first?.message.contains("not a regular file") == true)
    }

    // MARK: Limits say which and where

    @Test("invalid UTF-8 names the line and column of the first bad byte")
    func invalidUTF8Located() throws {
        let bytes = Data("format: 1\ntransfer:\n  purpose: \"café ".utf8) + Data([0xC3, 0x28]) + Data("\"\n".utf8)
        let found = try problems(bytes)
        #expect(found.count == 1)
        #expect(found[0].line == 3)
        #expect(found[0].column == 18)  // `  purpose: "café ` is 17 characters
        #expect(found[0].message.contains("0xC3"))
    }

    @Test("the node budget names the limit and where it was passed")
    func nodeBudgetLocated() throws {
        let text =
            "format: 1\ntransfer:\n  purpose: [" + Array(repeating: "x", count: 12_000).joined(separator: ", ") + "]\n"
        let found = try problems(text)
        #expect(found.count == 1)
        #expect(found[0].message.contains("more than 10000 values"))
        #expect(found[0].line == 3)
    }

    @Test("an empty file says so at line 1; a comment-only one says it holds no answers")
    func emptyFileLocated() throws {
        let empty = try problem("")
        #expect(empty.message.hasPrefix("the file is empty") && empty.line == 1)
        #expect(try problem("# only a comment\n").message.hasPrefix("the file holds no answers"))
    }
}
