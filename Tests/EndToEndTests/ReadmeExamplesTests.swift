import Foundation
import Testing

/// Every `dmf-wizard …` command the README shows runs as shown: the shell examples in its code
/// blocks, and the commands in its text (alternatives such as `text|dot|mermaid` each tried).
/// Interactive commands run with no terminal and no input, so they fall back to plain mode and
/// end when input does. Commands with a placeholder in capitals (ANSWERS, DRAFT, CODE) are
/// skipped: a resume code depends on the questions of the day, and `FlowTableTrainCodeEndToEndTests`
/// runs one the wizard made.
@Suite struct ReadmeExamplesTests {
    static let readme =
        (try? String(contentsOf: Wizard.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The shell lines of the ```sh blocks that start with `dmf-wizard`, comments removed.
    static var shellExamples: [String] {
        var inBlock = false
        var lines: [String] = []
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inBlock = line.hasPrefix("```sh")
                continue
            }
            guard inBlock, line.hasPrefix("dmf-wizard ") else { continue }
            let command = line.split(separator: "#", maxSplits: 1).first.map(String.init) ?? String(line)
            lines.append(command.trimmingCharacters(in: .whitespaces))
        }
        return lines
    }

    /// The `dmf-wizard …` code spans of the text, each alternative of `a\|b` spelt out.
    static var inlineExamples: [String] {
        var commands: [String] = []
        for match in readme.matches(of: /`(dmf-wizard(?: [^`]*)?)`/) {
            let span = String(match.1).replacingOccurrences(of: "\\|", with: "|")
            guard !span.contains(where: \.isUppercase) else { continue }
            guard let options = span.split(separator: " ").first(where: { $0.contains("|") }) else {
                commands.append(span)
                continue
            }
            for option in options.split(separator: "|") {
                commands.append(span.replacingOccurrences(of: String(options), with: String(option)))
            }
        }
        return Array(Set(commands)).sorted()
    }

    @Test func theReadmeHasExamplesToRun() {
        #expect(Self.shellExamples.count >= 5)
        #expect(Self.inlineExamples.count >= 10)
    }

    @Test(arguments: shellExamples + inlineExamples)
    func exampleRunsAsShown(command: String) throws {
        if command.contains("pdf"), !PrintTools.mustRun {
            try Test.cancel("skipped: \(command) needs Chromium, which is not installed here (CI installs it)")
        }
        let workspace = try Workspace()
        try FileManager.default.createDirectory(atPath: workspace.path("examples"), withIntermediateDirectories: true)
        let example = try AnswersFixture.example()
        try workspace.write("examples/ogd-share.yaml", example)
        try workspace.write("case.yaml", example)
        try workspace.write("typed-answers.txt", "A. Person\n")
        let script = command.replacingOccurrences(of: "dmf-wizard", with: "\"$DMF\"")
        let result = try Wizard.run(
            ["-c", script], in: workspace.url,
            environment: [
                "XDG_STATE_HOME": workspace.path("state"), "XDG_DATA_HOME": workspace.path("data"),
                "DMF_REGISTER_URL": "", "DMF": Wizard.executable.path,
            ],
            shell: true)
        // 0 done, or 3-5 with --verdict-exit; 1 only where an interactive command ran out of input.
        let words = command.split(separator: " ").map(String.init)
        let interactive =
            !["fill", "flow", "table", "register", "seal", "verify"].contains(words.dropFirst().first ?? "")
            && !words.contains("--list")
        let allowed: [Int32] = (interactive ? [0, 1] : [0]) + (words.contains("--verdict-exit") ? [3, 4, 5] : [])
        #expect(allowed.contains(result.status), "\(command): exit \(result.status)\n\(result.stderr)")
        #expect(!result.stderr.contains("Error:") && !result.stderr.contains("Usage:"), "\(command): \(result.stderr)")
        #expect(!result.stderr.contains("cannot be used"), "\(command): \(result.stderr)")
    }
}

/// The shell completions in docs/completions are the ones the command definitions generate
/// (regenerate with scripts/generate-docs.sh after changing a command).
@Suite struct CompletionScriptTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func committedCompletionsAreCurrent(shell: String) throws {
        let result = try Wizard.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        let committed = try String(
            contentsOf: Wizard.repositoryRoot.appendingPathComponent("docs/completions/dmf-wizard.\(shell)"),
            encoding: .utf8)
        #expect(result.stdout == committed, "run scripts/generate-docs.sh")
    }

    @Test func theManPageCoversEveryCommand() throws {
        let page = try String(
            contentsOf: Wizard.repositoryRoot.appendingPathComponent("docs/man/dmf-wizard.1"), encoding: .utf8)
        for command in [
            "wizard", "resume", "fill", "train", "flow", "table", "rules", "register", "list", "show", "refuse", "sent",
            "received", "deleted", "reviewed", "due", "export", "check", "add", "seal", "verify", "checkpoint", "prove",
            "verify-proof", "retention", "redact", "migrate", "setup-roles",
        ] {
            #expect(page.contains(".It Em \(command)"), "\(command) is in the man page")
        }
        #expect(page.contains(".It Fl -delete"), "the man page is as recent as resume --delete")
        // A help text's blank line is an empty input line to groff (lintian warns), and a line
        // continued without `\` keeps its indentation: a run of spaces in the middle of the help.
        for (number, line) in page.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            #expect(!line.isEmpty, "line \(number + 1) of the man page is empty")
            #expect(!line.contains("     "), "line \(number + 1) of the man page has a run of spaces: \(line)")
        }
    }
}
