import Foundation
import Testing

/// `dmf-wizard fill` run as a process: exit status, standard output and error, files written.
@Suite struct FillEndToEndTests {
    static var referencePattern: Regex<Substring> { /DMF-\d{8}-[0-9A-HJKMNP-TV-Z]{4}/ }

    // MARK: - Printing

    @Test func validFileExitsZeroWithTheVerdictOnStdoutAndNothingOnStderr() throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        let result = try Wizard.run(["fill", file, "--format", "text"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("VERDICT: PROCEED WITH CONDITIONS. You may transfer once everything the"))
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")
    }

    @Test(arguments: [
        ("markdown", "**OFFICIAL-SENSITIVE**\n"), ("text", "OFFICIAL-SENSITIVE\n"),
        ("html", "<!DOCTYPE html>\n"), ("json", "{\n"),
    ])
    func eachFormatPrintsItsDocument(format: String, start: String) throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        let result = try Wizard.run(["fill", file, "--format", format])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(start), "\(result.stdout.prefix(80))")
        #expect(result.stdout.contains(Wizard.producedAt), "SOURCE_DATE_EPOCH fixes the time")
        #expect(result.stderr.isEmpty)
    }

    @Test func defaultFormatIsMarkdownAndJsonParses() throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        #expect(
            try Wizard.run(["fill", file]).stdout == (try Wizard.run(["fill", file, "--format", "markdown"])).stdout)
        let json = try Wizard.run(["fill", file, "--format", "json"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "conditions")
        #expect(object["produced_at"] as? String == Wizard.producedAt)
    }

    @Test func sameFileAndTimeGiveIdenticalOutput() throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        #expect(
            try Wizard.run(["fill", file, "-f", "html"]).stdout
                == (try Wizard.run(["fill", file, "-f", "html"])).stdout)
    }

    // MARK: - Writing files

    @Test func outputFileIsPrivateAndOnlyReplacedWithForce() throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        let target = workspace.path("dmf.md")
        // A permissive umask must not widen the mode.
        let first = try Wizard.run(["fill", file, "--output", target], shellPrefix: "umask 000")
        #expect(first.status == 0)
        #expect(first.stdout.contains("Wrote: \(target)"))
        #expect(try workspace.mode("dmf.md") == 0o600)
        #expect(try workspace.contents("dmf.md").hasPrefix("**OFFICIAL-SENSITIVE**"))

        try workspace.write("dmf.md", "keep me")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
        let refused = try Wizard.run(["fill", file, "--output", target, "--format", "text"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already exists; use --force"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(try workspace.contents("dmf.md") == "keep me")

        let forced = try Wizard.run(["fill", file, "--output", target, "--format", "text", "--force"])
        #expect(forced.status == 0)
        #expect(try workspace.contents("dmf.md").hasPrefix("OFFICIAL-SENSITIVE\n"))
        #expect(try workspace.mode("dmf.md") == 0o600)
        #expect(try workspace.files() == ["dmf.md", "ogd.yaml"], "no temporary file is left behind")
    }

    /// Without --format, the output file's extension says which format to write.
    @Test(arguments: [
        ("dmf.html", "<!DOCTYPE html>"), ("dmf.HTM", "<!DOCTYPE html>"), ("dmf.json", "{"),
        ("dmf.txt", "OFFICIAL-SENSITIVE\n\nData Movement Form"), ("dmf.md", "**OFFICIAL-SENSITIVE**"),
        ("dmf.out", "**OFFICIAL-SENSITIVE**"),
    ])
    func outputExtensionChoosesTheFormat(name: String, start: String) throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        let result = try Wizard.run(["fill", file, "--output", workspace.path(name)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try workspace.contents(name).hasPrefix(start), "\(name)")
        // An explicit --format still wins over the extension.
        let explicit = try Wizard.run(["fill", file, "--format", "json", "--output", workspace.path("x.html")])
        #expect(explicit.status == 0)
        #expect(try workspace.contents("x.html").hasPrefix("{"))
    }

    @Test func outputDirWritesEveryFormatNamedAfterTheReference() throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: false)
        // Without a browser: the text formats, and a note that PDF needs Chromium (the PDF
        // itself is checked in PDFPrintTests).
        let result = try Wizard.run(
            ["fill", file, "--output-dir", workspace.path("out")],
            environment: ["DMF_CHROMIUM": "/nonexistent/chromium"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("No PDF: PDF needs Chromium"))
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.path("out")).sorted()
        let reference = try #require(names.first.map { String($0.prefix { $0 != "." }) })
        #expect(reference.wholeMatch(of: Self.referencePattern) != nil, "\(reference)")
        #expect(names == ["html", "json", "md", "txt"].map { "\(reference).\($0)" })
        for name in names {
            #expect(try workspace.mode("out/\(name)") == 0o600, "\(name)")
            #expect(try workspace.contents("out/\(name)").contains(reference))
            #expect(result.stdout.contains(name))
        }
        // A second run refuses before writing anything.
        let again = try Wizard.run(["fill", file, "--output-dir", workspace.path("out")])
        #expect(again.status == 1)
        #expect(again.stderr.contains("use --force"))
        #expect(try Wizard.run(["fill", file, "--output-dir", workspace.path("out"), "--force"]).status == 0)
    }

    @Test func missingOutputFolderExitsOne() throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        let result = try Wizard.run(["fill", file, "--output", workspace.path("nowhere/dmf.md")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("does not exist"))
    }

    @Test func runsFromAnotherWorkingDirectoryWithRelativePaths() throws {
        let workspace = try Workspace()
        try workspace.write("answers.yaml", try AnswersFixture.example())
        let result = try Wizard.run(
            ["fill", "answers.yaml", "--output", "dmf.txt", "--format", "text"], in: workspace.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try workspace.contents("dmf.txt").contains("VERDICT: PROCEED WITH CONDITIONS"))
    }

    // MARK: - Invalid answers and bad usage

    @Test(arguments: [
        ("classification: official", "classification: offical", "data.classification"),
        ("    mailbox: personal", "    mailbox: group", "recipients[0].mailbox"),
        ("method: within-system", "method: carrier-pigeon", "method"),
    ])
    func invalidAnswersExitOneWithTheLocationAndAllowedValues(old: String, new: String, keyPath: String) throws {
        let workspace = try Workspace()
        let file = try workspace.write("bad.yaml", AnswersFixture.proceedChanging(old, with: new))
        let result = try Wizard.run(["fill", file])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let escaped =
            NSRegularExpression.escapedPattern(for: "\(file)") + ":\\d+:\\d+: "
            + NSRegularExpression.escapedPattern(for: keyPath) + ": .*use one of: "
        let line = try Regex(escaped)
        #expect(result.stderr.split(separator: "\n").contains { $0.firstMatch(of: line) != nil }, "\(result.stderr)")
    }

    @Test func errorMessagesCarryNoTerminalEscapes() throws {
        let workspace = try Workspace()
        let hostile = "classification: \"\\e]0;owned\\a\\e[31moffical\\x9b2J\""
        let file = try workspace.write(
            "bad.yaml", AnswersFixture.proceedChanging("classification: official", with: hostile))
        let result = try Wizard.run(["fill", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("offical"))
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
    }

    @Test func missingAnswersFileExitsOne() throws {
        let result = try Wizard.run(["fill", "/nonexistent/answers.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("does not exist"))
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ["fill"], ["fill", "answers.yaml", "--format", "docx"], ["fill", "answers.yaml", "--no-such-flag"],
        ["fill", "answers.yaml", "--output", "a.md", "--output-dir", "."], ["no-such-command"],
    ])
    func badUsageExitsTwo(arguments: [String]) throws {
        let result = try Wizard.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: ["nan", "1e20", "-5", "12.5", "tomorrow"])
    func malformedSourceDateEpochIsBadUsage(value: String) throws {
        let workspace = try Workspace()
        let file = try workspace.write("ogd.yaml", try AnswersFixture.example())
        let result = try Wizard.run(["fill", file], environment: ["SOURCE_DATE_EPOCH": value])
        #expect(result.status == 2)
        #expect(result.stderr.contains("SOURCE_DATE_EPOCH"))
    }

    @Test func helpExitsZero() throws {
        let result = try Wizard.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("fill"))
        let fillHelp = try Wizard.run(["fill", "--help"])
        #expect(fillHelp.status == 0)
        #expect(fillHelp.stdout.contains("--verdict-exit"))
    }

    /// `--version` alone is answered before argument parsing, in the form ArgumentParser gives:
    /// one line on standard output, nothing else, status 0; the help still lists the option.
    @Test func versionIsOneLine() throws {
        let result = try Wizard.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(
            result.stdout.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+ \(rule set [^()\n]+\)\n/) != nil,
            "'\(result.stdout)'")
        #expect(try Wizard.run(["--help"]).stdout.contains("--version"))
    }

    // MARK: - Verdict as exit status

    @Test(arguments: [
        (AnswersFixture.proceed, "proceed", Int32(0)), (AnswersFixture.conditions, "conditions", 3),
        (AnswersFixture.refer, "refer", 4), (AnswersFixture.blocked, "blocked", 5),
    ])
    func verdictExitTurnsTheVerdictIntoTheStatus(answers: String, verdict: String, status: Int32) throws {
        let workspace = try Workspace()
        let file = try workspace.write("answers.yaml", answers)
        let flagged = try Wizard.run(["fill", file, "--verdict-exit", "--format", "json"])
        #expect(flagged.status == status)
        #expect(flagged.stdout.contains("\"verdict\" : \"\(verdict)\""))
        #expect(try Wizard.run(["fill", file]).status == 0, "without the flag every verdict exits 0")
    }
}
