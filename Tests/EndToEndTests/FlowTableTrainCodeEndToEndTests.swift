import DMFFlow
import DMFPolicy
import Foundation
import TestSupport
import Testing

/// The built `dmf-wizard` run as a process, with no terminal: `flow`, `table`, `train --list`
/// and a mistyped `--code`.
@Suite struct FlowTableTrainCodeEndToEndTests {
    @Test(arguments: [
        (["flow", "-f", "dot"], "digraph dmf_wizard {\n", "  CHECK -> BLOCKED"),
        (["flow", "--format", "mermaid"], "flowchart TD\n", "  START --> Y1"),
        (["flow"], "Flow map (", "  -> Outcome: PROCEED"),
        (["flow"], "Flow map (", "Start (helpdesk)\n  -> H1: What is the caller's name?\n"),
        (["flow"], "Flow map (", "P4: What is their role?\n  -> P5: "),
        (["flow"], "Flow map (", "  -> Outcome: BLOCKED   [if a rule says Must change: recipients-authorised ("),
        (
            ["table", "-f", "csv"],
            "route,answers_changed_from_baseline,verdict,dmf_required,findings,"
                + "route_label,answers_changed_plain,verdict_label,findings_plain\n",
            "same-system,(baseline),proceed,no,"
        ),
        (["table"], "# Decision table (", "\n## Inside one MOJ system\n"),
        (["table"], "# Decision table (", "\n- Classification: OFFICIAL\n"),
        (["table"], "# Decision table (", "\n| Classification: SECRET | BLOCKED | no | + Must change: "),
    ])
    func mapsAndTablesPrintAndExitZero(arguments: [String], start: String, contains: String) throws {
        let result = try Wizard.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(start))
        #expect(result.stdout.contains(contains))
        #expect(result.stderr.isEmpty)
    }

    @Test func aFormatTheCommandDoesNotKnowIsBadUsage() throws {
        let result = try Wizard.run(["flow", "-f", "png"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }

    @Test func trainListPrintsEveryCase() throws {
        let result = try Wizard.run(["train", "--list"])
        #expect(result.status == 0, "\(result.stderr)")
        let cases = try FileManager.default.contentsOfDirectory(
            atPath: Wizard.repositoryRoot.appendingPathComponent("assets/training").path
        )
        .filter { $0.hasSuffix(".yaml") }.sorted()
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == cases.count)
        for (line, file) in zip(lines, cases) {
            #expect(line.hasPrefix(String(file.dropLast(5)) + "  "), "\(line)")
        }
        #expect(result.stdout.contains("01-team-folder  Copying a spreadsheet to the team folder"))
    }

    @Test func trainListFindsTheCasesWhereTheEnvironmentSays() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dmf-e2e-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let training = folder.appendingPathComponent("training")
        try FileManager.default.createDirectory(at: training, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Wizard.repositoryRoot.appendingPathComponent("assets/training/01-team-folder.yaml"),
            to: training.appendingPathComponent("only-case.yaml"))
        let result = try Wizard.run(["train", "--list"], environment: ["DMF_WIZARD_ASSETS": folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "only-case  Copying a spreadsheet to the team folder\n")

        let missing = try Wizard.run(["train", "--list"], environment: ["DMF_WIZARD_ASSETS": folder.path + "/nowhere"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("dmf-wizard: "), "\(missing.stderr)")
        #expect(missing.stderr.contains("the assets folder was not found"))
    }

    @Test func theBareCommandWithoutATerminalAsksInPlainModeAndKeepsTheDraftWhenInputEnds() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("dmf-bare-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let result = try Wizard.run([], environment: ["XDG_STATE_HOME": state.path])
        #expect(result.status == 1, "input ends before the first answer")
        #expect(result.stderr.contains("using plain mode"))
        #expect(result.stdout.contains("About you: step 1 of about \(Flow().applicable(to: Answers()).count), code Y1"))
        #expect(result.stdout.contains("Input ended before any answer was given"))
    }

    @Test func trainingWithoutATerminalFallsBackToPlainMode() throws {
        let result = try Wizard.run(["train"])
        #expect(result.status == 1, "standard input is empty, so the session ends at once")
        #expect(result.stderr.contains("using plain mode"))
        #expect(result.stdout.contains("TRAINING — not a real transfer"))
        #expect(result.stdout.contains("What is your name?"), "the trainee's name is asked first")
    }

    /// A code the wizard gives out rebuilds the choices: only the free-text questions are asked.
    @Test func aCodeFromTheWizardIsTakenAndTheTextQuestionsAsked() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("dmf-code-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let code = ResumeCode.encode(Drive.wizard(.otherDepartmentRefer).answers)
        let result = try Wizard.run(["--code", code], environment: ["XDG_STATE_HOME": state.path])
        #expect(result.status == 1, "input ends at the first text question")
        #expect(!result.stderr.contains("cannot be used"), "\(result.stderr)")
        #expect(result.stdout.contains("code Y1\nWhat is your name?"), "\(result.stdout)")
        #expect(!result.stdout.contains("code T1"), "a choice the code carries is not asked")
    }

    @Test(arguments: [
        ("K7Q-2MX-9RD", "That code does not check out"),
        ("K7Q-2UX", "'U' cannot be in a code"),
        (" - ", "Type the code the caller reads out"),
        ("K", "That code is not complete"),
    ])
    func aCodeThatCannotBeUsedExitsOneWithTheReason(code: String, message: String) throws {
        let result = try Wizard.run(["--code", code])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("dmf-wizard: the code \(code) cannot be used. \(message)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "no question is asked")
    }
}
