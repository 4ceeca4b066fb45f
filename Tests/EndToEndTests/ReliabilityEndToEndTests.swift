import Foundation
import Testing

/// Holes found by a test campaign against the release binary, each run as a person would hit it.
@Suite struct ReliabilityEndToEndTests {
    /// The text formats only: these tests count files, and PDF depends on a browser being there.
    static let withoutBrowser = ["DMF_CHROMIUM": "/nonexistent/chromium"]

    /// Bytes that would act on the reader's terminal: ESC (sequences for the title, the
    /// clipboard, clearing the screen), BEL and the 8-bit CSI.
    static func hasTerminalControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { [0x1B, 0x07, 0x9B].contains($0.value) }
    }

    static let hostileText = "Rota \u{1B}]52;c;cm0gLXJmIH4=\u{07} \u{1B}]0;PWNED\u{07} \u{1B}[2J end"

    // MARK: - Nothing from a file or a typed value reaches the terminal raw

    @Test func resumingAFileInPlainModePrintsItsTextWithoutEscapes() throws {
        let workspace = try Workspace()
        let text = try AnswersFixture.example()
            .replacingOccurrences(
                of: "\"Monthly caseload figures for the joint inspection\"",
                with: "\"\(Self.escapedYAML(Self.hostileText))\"")
        let file = try workspace.write("case.yaml", text)
        let result = try Wizard.run(
            ["resume", file, "--plain"], environment: ["XDG_STATE_HOME": workspace.path("state")])
        // The purpose is shown with its escape sequences (and what they carried) taken out.
        #expect(
            result.stdout.contains("T3  Why does the information need to be sent?: Rota"),
            "\(result.stdout.suffix(300))")
        #expect(result.stdout.contains(" end\n"))
        #expect(!Self.hasTerminalControls(result.stdout + result.stderr))
    }

    @Test func aDraftWithAnEscapeInAChoiceIsReportedVisibly() throws {
        let workspace = try Workspace()
        let drafts = workspace.path("state/dmf-wizard/drafts")
        try FileManager.default.createDirectory(atPath: drafts, withIntermediateDirectories: true)
        try workspace.write(
            "state/dmf-wizard/drafts/draft-20261129-010101-AAAA.yaml",
            "format: 1\ntransfer:\n  kind: \"\\e]0;PWNED\\a\"\n")
        let result = try Wizard.run(["resume", "--plain"], environment: ["XDG_STATE_HOME": workspace.path("state")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("transfer.kind: '<U+001B>]0;PWNED<U+0007>' is not allowed"), "\(result.stderr)")
        #expect(!Self.hasTerminalControls(result.stdout + result.stderr))
    }

    @Test(arguments: [
        ["--code", "\u{1B}]0;PWNED\u{07}"],
        ["resume", "\u{1B}[2Jdraft"],
        ["fill", "x.yaml", "--format", "\u{1B}]0;PWNED\u{07}"],
        ["fill", "\u{1B}]0;PWNED\u{07}.yaml"],
        ["--bogus-\u{1B}[2J"],
    ])
    func typedValuesAreNotEchoedRaw(arguments: [String]) throws {
        let workspace = try Workspace()
        let result = try Wizard.run(
            arguments, in: workspace.url, environment: ["XDG_STATE_HOME": workspace.path("state")])
        #expect(result.status != 0)
        #expect(!result.stderr.isEmpty)
        #expect(
            !Self.hasTerminalControls(result.stdout + result.stderr),
            "\((result.stdout + result.stderr).debugDescription)")
    }

    // MARK: - A person's own answers file is theirs

    @Test func resumingAnAnswersFileLeavesItAsItWas() throws {
        let workspace = try Workspace()
        let original = try AnswersFixture.example()
        let file = try workspace.write("mine.yaml", original)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let result = try Wizard.run(
            ["resume", file, "--plain"], environment: ["XDG_STATE_HOME": workspace.path("state")])
        #expect(result.status == 1, "input ended before the end")
        #expect(try workspace.contents("mine.yaml") == original, "comments and all")
        #expect(try workspace.mode("mine.yaml") == 0o644)
        let drafts = try FileManager.default.contentsOfDirectory(atPath: workspace.path("state/dmf-wizard/drafts"))
        #expect(drafts.count == 1 && drafts[0].hasPrefix("draft-"), "a new draft holds the work: \(drafts)")
        #expect(result.stdout.contains("dmf-wizard resume \(workspace.path("state/dmf-wizard/drafts"))"))
    }

    // MARK: - A set of outputs is all or nothing

    @Test func outputDirLeavesNothingWhenOneFormatCannotBeWritten() throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        let reference = try Self.reference(of: file)
        let out = workspace.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        // A dangling link where the text form goes: the old pre-check followed it, saw nothing,
        // wrote the Markdown and then failed on the text.
        try FileManager.default.createSymbolicLink(
            atPath: "\(out)/\(reference).txt", withDestinationPath: "\(out)/missing")
        let refused = try Wizard.run(["fill", file, "--output-dir", out])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(reference).txt already exists"), "\(refused.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out) == ["\(reference).txt"], "nothing else was written"
        )

        try FileManager.default.removeItem(atPath: "\(out)/\(reference).txt")
        let retried = try Wizard.run(["fill", file, "--output-dir", out], environment: Self.withoutBrowser)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).count == 4)
    }

    @Test func outputDirThatDoesNotExistIsCreatedPrivate() throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        let result = try Wizard.run(
            ["fill", file, "--output-dir", "forms/"], in: workspace.url, environment: Self.withoutBrowser)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try workspace.mode("forms") == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("forms")).count == 4)
    }

    // MARK: - Files that are not files

    @Test func fillOnANamedPipeSaysSoAtOnce() throws {
        let workspace = try Workspace()
        #expect(mkfifo(workspace.path("pipe.yaml"), 0o600) == 0)
        let start = Date()
        let result = try Wizard.run(["fill", workspace.path("pipe.yaml")], timeout: 5)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(result.status == 1)
        #expect(result.stderr.contains("named pipe"))
    }

    @Test func aNamedPipeAmongTheDraftsDoesNotHangResume() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(
            atPath: workspace.path("state/dmf-wizard/drafts"), withIntermediateDirectories: true)
        #expect(mkfifo(workspace.path("state/dmf-wizard/drafts/draft-20991231-235959-ZZZZ.yaml"), 0o600) == 0)
        let start = Date()
        let result = try Wizard.run(
            ["resume", "--plain"], environment: ["XDG_STATE_HOME": workspace.path("state")], timeout: 5)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(result.status == 1)
        #expect(result.stderr.contains("named pipe"), "\(result.stderr)")
    }

    // MARK: - Drafts

    @Test func aCorruptNewestDraftIsReportedNotSkipped() throws {
        let workspace = try Workspace()
        let drafts = "state/dmf-wizard/drafts"
        try FileManager.default.createDirectory(atPath: workspace.path(drafts), withIntermediateDirectories: true)
        try workspace.write("\(drafts)/draft-20261128-090000-AAAA.yaml", "format: 1\ntransfer:\n  kind: share\n")
        try workspace.write("\(drafts)/draft-20261129-090000-BBBB.yaml", "format: 1\ntransfer: [oops\n")
        let result = try Wizard.run(["resume", "--plain"], environment: ["XDG_STATE_HOME": workspace.path("state")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("draft-20261129-090000-BBBB.yaml"), "\(result.stderr)")
        #expect(result.stderr.contains("cannot be resumed"))
    }

    @Test func loosenedPermissionsAreTightenedWithANoticeAndStaleTemporariesRemoved() throws {
        let workspace = try Workspace()
        let drafts = "state/dmf-wizard/drafts"
        try FileManager.default.createDirectory(atPath: workspace.path(drafts), withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: workspace.path(drafts))
        let draft = try workspace.write(
            "\(drafts)/draft-20261129-090000-AAAA.yaml", "format: 1\ntransfer:\n  kind: share\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: draft)
        // Left by a save that was killed: its process (a pid that cannot exist) is gone.
        try workspace.write("\(drafts)/.draft-20261129-090000-AAAA.yaml.99999999.123.tmp", "half")
        let result = try Wizard.run(
            ["resume", draft, "--plain"], environment: ["XDG_STATE_HOME": workspace.path("state")])
        #expect(result.stderr.contains("now private to you (mode 0700)"), "\(result.stderr)")
        #expect(result.stderr.contains("readable only by you (mode 0600)"))
        #expect(try workspace.mode(drafts) == 0o700)
        #expect(try workspace.mode("\(drafts)/draft-20261129-090000-AAAA.yaml") == 0o600)
        #expect(
            !FileManager.default.fileExists(
                atPath: workspace.path("\(drafts)/.draft-20261129-090000-AAAA.yaml.99999999.123.tmp")))
    }

    // MARK: - Helpers

    static func reference(of file: String) throws -> String {
        let json = try Wizard.run(["fill", file, "--format", "json"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(object["reference"] as? String)
    }

    /// `text` as the inside of a double-quoted YAML scalar.
    static func escapedYAML(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x1B: "\\e"
            case 0x07: "\\a"
            case 0x22: "\\\""
            case 0x5C: "\\\\"
            default: String(scalar)
            }
        }.joined()
    }
}
