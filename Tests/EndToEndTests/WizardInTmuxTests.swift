import DMFFlow
import DMFPolicy
import Foundation
import TestSupport
import Testing

/// A private tmux server running the real binary in a real (emulated) terminal: what a person
/// sees, with `send-keys` for typing and `capture-pane` for reading the screen.
final class TmuxTerminal {
    let socket = "dmf-e2e-\(UUID().uuidString.prefix(8))"
    /// The folder the program runs in, when the terminal is what keeps it (removed with it).
    var workspace: Workspace?
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `script` (a shell command line) in a detached session of the given size.
    init(_ script: String, width: Int = 80, height: Int = 24) throws {
        // Fail at once rather than wait out every screen when the binary is not there.
        try #require(
            FileManager.default.isExecutableFile(atPath: Wizard.executable.path),
            "\(Wizard.executable.path) is missing: build the package first")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "w", "-x", "\(width)", "-y", "\(height)", script])
        try tmux(["set-option", "-t", "w", "remain-on-exit", "on"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// From the start menu: the register screen (option 6), then the entry `reference`, open
    /// with its events.
    func openRegisterEntry(_ reference: String) throws {
        try waitFor("Start a new transfer", "6 The register of recorded transfers")
        try send("6", "Enter")
        try waitFor("The register", reference, "/ search")
        try send("Enter")
        try waitFor("What has happened", "Recorded:")
    }

    /// From an entry of the register screen back to the list, the start menu, and out with q;
    /// waits for `ending` (what the script prints once the wizard has exited).
    func quitFromRegisterEntry(ending: String = "EXIT=0") throws {
        try send("Escape")
        try waitFor("All entries")
        try send("Escape")
        try waitFor("Start a new transfer")
        try send("q")
        try waitFor(ending)
    }

    /// Sends bytes as they are, given in hex ("1b 5b 31 7e"): what a terminal sends for a key.
    func sendBytes(_ hex: String) throws {
        try tmux(["send-keys", "-t", "w", "-H"] + hex.split(separator: " ").map(String.init))
    }

    /// Sends tmux key names ("Enter", "C-c", "Escape") or literal text.
    func send(_ keys: String...) throws { try send(keys) }
    func send(_ keys: [String]) throws { try tmux(["send-keys", "-t", "w"] + keys) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "w", "-l", text]) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "w", "-x", "\(width)", "-y", "\(height)"])
    }

    /// What the pane shows now.
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", "w"]) }

    /// Polls the screen until it contains every one of `texts` (rather than sleeping a guessed
    /// time). Ask for something from each part of the screen that matters: a capture can catch
    /// a frame half painted.
    @discardableResult
    func waitFor(_ texts: String..., timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if texts.allSatisfy(screen.contains) { return screen }
            Thread.sleep(forTimeInterval: 0.02)
        }
        Issue.record("timed out waiting for \(texts); the screen was:\n\(screen)")
        return screen
    }

    /// Polls the screen until `text` is no longer on it: a screen that has gone, not one still
    /// drawn beside what the next one shares with it.
    @discardableResult
    func waitUntilGone(_ text: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if !screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.02)
        }
        Issue.record("timed out waiting for '\(text)' to go; the screen was:\n\(screen)")
        return screen
    }

    /// Runs one tmux command. Output is read for `capture-pane` only: the server that
    /// `new-session` starts inherits the client's descriptors and would hold a capture open.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let capture = arguments.contains("capture-pane")
        let output = try Spawn.run(
            ["/usr/bin/tmux", "-L", socket] + arguments, environment: ProcessInfo.processInfo.environment,
            capture: capture)
        return output.stdout
    }
}

/// End-to-end runs of the full-screen wizard in tmux. Kept few and fast; the screens themselves
/// are tested headless in DMFAppTests.
@Suite(.serialized, .enabled(if: TmuxTerminal.isAvailable, "tmux is not installed"))
struct WizardInTmuxTests {
    /// The shell line that runs the wizard in `workspace` and reports how it ended. `trap '' INT`
    /// keeps the wrapper alive on Ctrl-C (tmux signals the whole foreground group); afterwards
    /// `stty` shows whether the terminal modes were restored.
    static func script(_ workspace: Workspace, arguments: String = "", term: String = "xterm-256color") -> String {
        "sh -c 'trap \"\" INT; cd \(workspace.url.path); env TERM=\(term) SOURCE_DATE_EPOCH=\(Wizard.epoch) "
            + "XDG_STATE_HOME=\(workspace.path("state")) XDG_DATA_HOME=\(workspace.path("data")) DMF_REGISTER_URL= "
            + "\(Wizard.executable.path) \(arguments); "
                + """
                status=$?; echo \"EXIT=$status MODES=$(stty -a | tr \" \" \"\\n\" | grep -x -- \"-*icanon\")\"; sleep \
                30'
                """
    }

    /// Answers the step `code` once it is on screen: types `text` (if any), then presses
    /// `keys`. Waiting for each screen matters: keys typed while the screen changes are
    /// dropped on purpose, so that none answers a question the person has not seen.
    static func answer(_ terminal: TmuxTerminal, _ code: String, text: String? = nil, _ keys: String...) throws {
        try terminal.waitFor("Code \(code) ")
        if let text { try terminal.type(text) }
        try terminal.send(keys)
    }

    /// The wizard under `term`, at its first question (the name field, empty), for the key tests.
    static func atTheFirstQuestion(term: String = "xterm-256color") throws -> TmuxTerminal {
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(script(workspace, term: term))
        terminal.workspace = workspace
        try terminal.waitFor("Start a new transfer")
        try terminal.send("Enter")
        try terminal.waitFor("What is your name?", "Code Y1 ")
        return terminal
    }

    /// A third-party transfer by a secure network, as typed: choices by their number key and
    /// Enter (a number only moves the highlight), text typed, "" for Enter alone. A question
    /// not named here gets its compliant answer (`Journey`).
    static let thirdParty = Journey(
        name: "tmux-third-party", route: .thirdParty, verdict: .conditions,
        typed: [
            "Y1": "Siân Ó Ceallaigh", "Y2": "", "Y3": "", "T1": "1", "T2": "1", "T3": "", "D1": "", "D2": "1",
            "D3": "1", "D4": "2", "D5": "10", "R1": "4", "R2": "", "R3": "Acme Ltd", "R4": "", "R5": "2", "M1": "2",
            "K1": "2027-01-31", "K2": "", "X1": "1", "X2": "1", "X3": "3", "X4": "3", "A1": "", "A2": "1",
        ],
        recipients: [["P2": "Bob Supplier", "P3": "", "P4": "", "P6": "1", "P7": "2"]])

    /// Start → the third-party transfer up to Check your answers, step by step in the flow's order.
    static func answerThirdPartyTransfer(_ terminal: TmuxTerminal) throws {
        try terminal.waitFor("Start a new transfer")
        try terminal.send(["Enter"])
        func answer(_ question: Question, _ typed: String) throws {
            let code = question.code.rawValue
            if question.choices.isEmpty {
                try Self.answer(terminal, code, text: typed.isEmpty ? nil : typed, "Enter")
            } else {
                try Self.answer(terminal, code, typed, "Enter")
            }
        }
        var answers = Answers()
        answers.method = .secureNetwork  // no mailbox question
        for code in thirdParty.expectedCodes {
            guard code == .recipients else {
                if let question = Flow().question(code: code) { try answer(question, thirdParty.typed(code)) }
                continue
            }
            try terminal.waitFor("Who will receive the information?")
            try terminal.send(["Enter"])  // add a recipient
            for question in Flow.recipientQuestions where question.applies(to: answers) {
                try answer(question, thirdParty.recipients[0][question.code] ?? "")
            }
            try Self.answer(terminal, StepCode.recipients.rawValue, "c")
        }
        try terminal.waitFor("Check your answers")
    }

    @Test func thirdPartyJourneyReachesTheOutcomeAndSavesTheFiles() throws {
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(Self.script(workspace))
        try Self.answerThirdPartyTransfer(terminal)
        try terminal.send("c")
        try terminal.waitFor("Outcome: PROCEED WITH CONDITIONS", "Resume code")
        try terminal.send("s")
        try terminal.waitFor("Save the DMF and checklist")
        try terminal.send("Enter")
        let saved = try terminal.waitFor(
            "These files were written", "Recorded in the register as DMF-", "Press Enter to finish")
        try terminal.send("Enter")
        let end = try terminal.waitFor("EXIT=0")
        #expect(end.contains("MODES=icanon"), "the terminal is back in line mode")
        // Long paths wrap inside the frame: read them with the frame and line breaks taken out.
        let savedPaths = saved.split(separator: "\n").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }.joined()
        #expect(savedPaths.contains(".md") && savedPaths.contains(".html"))
        let written = try workspace.files().filter { $0.hasPrefix("DMF-") }
        // The IAO decides, and this register is one person's: the request for the decision too.
        #expect(written.filter { $0.hasSuffix(".request.json") }.count == 1, "\(written)")
        let files = written.filter { !$0.hasSuffix(".request.json") }
        #expect(files.count == 3, "Markdown, HTML and the answers: \(files)")
        #expect(try workspace.mode("data/dmf-wizard/register.sqlite") == 0o600, "recorded in a private register")
        let printed = end.split(separator: "\n").joined()  // long paths wrap at 80 columns
        for file in files {
            #expect(printed.contains(file), "the paths are printed after the screen closes")
            #expect(try workspace.mode(file) == 0o600)
        }
        let markdown = try workspace.contents(try #require(files.first { $0.hasSuffix(".md") }))
        #expect(markdown.contains("Siân Ó Ceallaigh"))
        #expect(markdown.contains("third-party-iao-authorisation") == false, "the IAO authorised it")
    }

    /// A save with PDF, into a folder that is not there yet: the screen says it is printing the
    /// PDF (Chromium, off the key path), then names the PDF to send to the Information Asset Owner;
    /// the folder is made private and every file is written.
    @Test(.enabled(if: PrintTools.mustRun, "Chromium or pdftotext is not installed (CI installs both)"))
    func aSaveWithAPDFSaysItIsPrintingThenNamesThePDF() throws {
        try #require(PrintTools.available, "CI must have Chromium: .ci/run installs it")
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(Self.script(workspace))
        try Self.answerThirdPartyTransfer(terminal)
        try terminal.send("c")
        try terminal.waitFor("Outcome: PROCEED WITH CONDITIONS", "Resume code")
        try terminal.send("s")
        try terminal.waitFor("Save the DMF and checklist", "Folder:")
        // From the folder's row: up to PDF and tick it, back down to the folder, name a new one.
        try terminal.send(["Up", "Up", "Up", "Space", "Down", "Down", "Down"])
        try terminal.waitFor("[x] PDF (.pdf)")
        try terminal.type("/forms")
        try terminal.send("Enter")
        try terminal.waitFor("Saving… printing the PDF", "s so far", timeout: 60)
        let saved = try terminal.waitFor("These files were written", "Press Enter to finish", timeout: 120)
        let words = saved.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
            .joined(separator: " ")
        #expect(words.contains("Send the PDF, DMF-"), "\(saved)")
        // The register here is a file of the person's own, so the IAO decides from a request file.
        #expect(words.contains(".request.json, to your Information Asset Owner to authorise"), "\(saved)")
        try terminal.send("Enter")
        try terminal.waitFor("EXIT=0")
        #expect(try workspace.mode("forms") == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.path("forms")).sorted()
        #expect(Set(files.map { ($0 as NSString).pathExtension }) == ["md", "html", "pdf", "yaml", "json"], "\(files)")
        #expect(files.contains { $0.hasSuffix(".request.json") }, "\(files)")
        let pdf = try #require(files.first { $0.hasSuffix(".pdf") })
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: workspace.path("forms/" + pdf))).starts(with: Data("%PDF-".utf8)))
        #expect(words.contains(String(pdf.prefix(12))))
    }

    /// A transfer recorded by `fill --record` is found from the start menu's register: the
    /// start screen says what is due, and the entry opens with its events.
    @Test func theRegisterScreenFindsARecordedTransfer() throws {
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        let recorded = try Wizard.run(
            ["fill", "case.yaml", "--output-dir", "out", "--record"], in: workspace.url,
            environment: ["XDG_DATA_HOME": workspace.path("data"), "DMF_REGISTER_URL": ""])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let reference = try #require(recorded.stdout.firstMatch(of: /DMF-\d{8}-[0-9A-Z]{4}/).map { String($0.0) })
        let terminal = try TmuxTerminal(Self.script(workspace))
        try terminal.openRegisterEntry(reference)
        try terminal.quitFromRegisterEntry()
    }

    /// `2` Enter `1` Enter typed in one go: the second pair, typed while T1 gave way to T2,
    /// never answers T2.
    @Test func keysTypedWhileTheScreenChangesDoNotAnswerTheNextQuestion() throws {
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(Self.script(workspace))
        try terminal.waitFor("Start a new transfer")
        try terminal.send(["Enter"])
        try Self.answer(terminal, "Y1", "Enter")
        try Self.answer(terminal, "Y2", "Enter")
        try Self.answer(terminal, "Y3", "Enter")
        try Self.answer(terminal, "T1", "2", "Enter", "1", "Enter")
        let t2 = try terminal.waitFor("Code T2 ", "Is this a one-off transfer")
        Thread.sleep(forTimeInterval: 0.3)
        let settled = try terminal.capture()
        #expect(settled.contains("Code T2 "), "still on T2: \(settled)")
        #expect(!settled.contains("(•)"), "nothing chosen on T2")
        #expect(t2.contains("Code T2 "))
        try terminal.send(["q"])
        try terminal.waitFor("EXIT=0")
        let draft = try String(
            contentsOfFile: try #require(
                try FileManager.default.contentsOfDirectory(
                    atPath: workspace.path("state/dmf-wizard/drafts")
                ).first.map { workspace.path("state/dmf-wizard/drafts/\($0)") }), encoding: .utf8)
        #expect(draft.contains("kind: move"))
        #expect(!draft.contains("frequency"), "T2 was never answered")
    }

    @Test func withStandardOutputRedirectedTheWizardStillDrawsOnTheTerminal() throws {
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(Self.script(workspace, arguments: "> \(workspace.path("out.txt"))"))
        try terminal.waitFor("Start a new transfer", "7 Quit")
        try terminal.send("q")
        try terminal.waitFor("EXIT=0 MODES=icanon")
        #expect(try workspace.contents("out.txt").isEmpty, "no screen codes leak into the redirected output")
    }

    @Test func projectorFlagDrawsWithoutAFrame() throws {
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(Self.script(workspace, arguments: "--projector"))
        let screen = try terminal.waitFor("Start a new transfer", "7 Quit")
        #expect(!screen.contains("┌"))
        try terminal.send("q")
        try terminal.waitFor("EXIT=0")
    }

    @Test func resizingBelowTheMinimumSaysSoAndRecovers() throws {
        let terminal = try Self.atTheFirstQuestion()
        try terminal.type("Typed before")
        try terminal.waitFor("[Typed before")
        try terminal.resize(width: 40, height: 12)
        try terminal.waitFor("Make the window at least 60×20")
        try terminal.resize(width: 80, height: 24)
        // Nothing typed is lost.
        try terminal.waitFor("What is your name?", "[Typed before")
        try terminal.send("C-c")
        try terminal.waitFor("EXIT=130")
    }

    @Test func ctrlCSavesTheDraftRestoresTheTerminalAndResumeContinuesAtTheSameStep() throws {
        let terminal = try Self.atTheFirstQuestion()
        let workspace = try #require(terminal.workspace)
        try Self.answer(terminal, "Y1", "Enter")
        try Self.answer(terminal, "Y2", "Enter")
        try Self.answer(terminal, "Y3", "Enter")
        try Self.answer(terminal, "T1", "2", "Enter")
        try terminal.waitFor("Code T2")
        try terminal.send("C-c")
        let end = try terminal.waitFor("EXIT=130")
        #expect(end.contains("MODES=icanon"), "the terminal is back in line mode")
        // After the terminal is restored: where the draft is and the command that continues it.
        let said = end.split(separator: "\n").joined()
        #expect(said.contains("Your answers are saved in \(workspace.path("state/dmf-wizard/drafts"))"), "\(end)")
        #expect(said.contains("Continue later with: dmf-wizard resume \(workspace.path("state/dmf-wizard/drafts"))"))

        let resumed = try TmuxTerminal(Self.script(workspace, arguments: "resume"))
        try resumed.waitFor("Code T2", "Is this a one-off transfer")
        try resumed.send("Escape")
        // The earlier answer is kept: Move is the highlighted choice.
        try resumed.waitFor("Code T1", "(•) 2 Move")
        #expect(!(try resumed.capture()).contains("(•) 1"), "only the saved answer shows as chosen")
        try resumed.send("q")
        try resumed.waitFor("EXIT=0")
    }

    // MARK: - Screens that fit

    /// The footer's rows of a captured screen: those under the frame's bottom border.
    static func footer(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let border = lines.lastIndex(where: { $0.hasPrefix("└") }) else { return [] }
        return lines[(border + 1)...].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// At 60×20 a footer too long for one line wraps between its hints onto a second, under the
    /// frame, so every key's words are there; an optional choice names s, which skips it.
    @Test func footersWrapAt60By20AndNameEveryKey() throws {
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(Self.script(workspace), width: 60, height: 20)
        try terminal.waitFor("Start a new transfer")
        try terminal.send("Enter")
        let y1 = try terminal.waitFor("What is your name?", "Ctrl-S save draft")
        #expect(
            Self.footer(y1) == ["Enter next · Esc back · F1 help · Ctrl-G go to step", "Ctrl-S save draft"], "\(y1)")
        try Self.answer(terminal, "Y1", text: "Kim", "Enter")
        try Self.answer(terminal, "Y2", "Enter")
        try Self.answer(terminal, "Y3", "Enter")
        try Self.answer(terminal, "T1", "2", "Enter")
        let t2 = try terminal.waitFor("Code T2", "q quit")
        #expect(
            Self.footer(t2) == [
                "Enter choose · ↑↓ or number move · s skip · Esc back",
                "F1/? help · g go to step · Ctrl-S save draft · q quit",
            ], "\(t2)")
        #expect(t2.contains("Optional: press s to skip it"))
        try terminal.send("s")
        try terminal.waitFor("Code T3")
        try terminal.send("C-c")
        try terminal.waitFor("EXIT=130")
        let drafts = try FileManager.default.contentsOfDirectory(atPath: workspace.path("state/dmf-wizard/drafts"))
        let draft = try workspace.contents("state/dmf-wizard/drafts/" + (try #require(drafts.first)))
        #expect(draft.contains("kind: move") && !draft.contains("frequency"), "T2 skipped: nothing recorded")
    }

    /// The start menu at 60×20, with a draft to continue and a deletion overdue above its
    /// options, is taller than the window: it says there is more below, and 7 brings Quit into
    /// view with the options before it.
    @Test func theStartMenuScrollsAt60By20() throws {
        let workspace = try Workspace()
        try workspace.write(
            "case.yaml", try AnswersFixture.example().replacingOccurrences(of: "2027-03-31", with: "2026-11-20"))
        try workspace.write("extract.csv", "id\n1\n")
        let environment = ["XDG_DATA_HOME": workspace.path("data"), "DMF_REGISTER_URL": ""]
        let recorded = try Wizard.run(
            ["fill", "case.yaml", "--output", "form.md", "--record"], in: workspace.url, environment: environment)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let reference = try #require(recorded.stdout.firstMatch(of: /DMF-\d{8}-[0-9A-Z]{4}/).map { String($0.0) })
        for step in [
            ["authorise", reference, "--by", "Iris IAO", "--reason", "ok"],
            ["sent", reference, "extract.csv", "--by", "Sam"],
        ] {
            let result = try Wizard.run(["register"] + step, in: workspace.url, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
        }
        try FileManager.default.createDirectory(
            atPath: workspace.path("state/dmf-wizard/drafts"), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        try workspace.write("state/dmf-wizard/drafts/draft-20261110-120010-AAAA.yaml", "format: 1\n")
        let terminal = try TmuxTerminal(Self.script(workspace), width: 60, height: 20)
        let first = try terminal.waitFor("(•) 1 Start a new transfer", "1 deletion overdue", "↓ more below")
        #expect(!first.contains("7 Quit"), "the window is too short for every option at once")
        try terminal.send("7")
        let quit = try terminal.waitFor("(•) 7 Quit", "↑ more above")
        #expect(quit.contains("( ) 4 About this tool and help") && quit.contains("( ) 6 The register"), "\(quit)")
        try terminal.send("Up")
        try terminal.waitFor("(•) 6 The register")
        try terminal.send("Down", "Enter")
        try terminal.waitFor("EXIT=0")
    }

    /// Ctrl-C while a name is half typed keeps it in the draft apart from the answers; resuming
    /// puts it back in the field to finish.
    @Test func ctrlCKeepsTheHalfTypedTextAndResumePutsItBack() throws {
        let terminal = try Self.atTheFirstQuestion()
        let workspace = try #require(terminal.workspace)
        try Self.answer(terminal, "Y1", text: "Siân", "Enter")
        try terminal.waitFor("Code Y2")
        try terminal.type("sian@justice.go")
        try terminal.waitFor("[sian@justice.go")
        try terminal.send("C-c")
        try terminal.waitFor("EXIT=130")
        let folder = workspace.path("state/dmf-wizard/drafts")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        let draft = try workspace.contents("state/dmf-wizard/drafts/" + name)
        #expect(draft.contains("pending: \"sian@justice.go\""), "\(draft)")
        #expect(!draft.contains("email:"), "not an answer")

        let resumed = try TmuxTerminal(Self.script(workspace, arguments: "resume"))
        try resumed.waitFor("Code Y2", "[sian@justice.go")
        try resumed.type("v.uk")
        try resumed.send("Enter")
        try resumed.waitFor("Code Y3")
        try resumed.send("C-c")
        try resumed.waitFor("EXIT=130")
        let after = try workspace.contents("state/dmf-wizard/drafts/" + name)
        #expect(after.contains("email: \"sian@justice.gov.uk\"") && !after.contains("pending"), "\(after)")
    }

    // MARK: - Keys from the terminals people use

    /// PuTTY runs as TERM=xterm, whose description has Home as `ESC O H`; PuTTY sends
    /// `ESC [ 1 ~`. That used to go back to the start screen (Esc) and lose the name typed.
    @Test func puttysHomeAndEndUnderXtermMoveInTheTextAndKeepIt() throws {
        let terminal = try Self.atTheFirstQuestion(term: "xterm")
        try terminal.type("Siân")
        try terminal.waitFor("[Siân")
        try terminal.sendBytes("1b 5b 31 7e")  // PuTTY's Home
        try terminal.type("X")
        try terminal.waitFor("[XSiân", "Code Y1 ")
        try terminal.sendBytes("1b 5b 34 7e")  // PuTTY's End
        try terminal.type("Z")
        try terminal.waitFor("[XSiânZ")
        try terminal.sendBytes("1b 5b 37 7e")  // rxvt's Home
        try terminal.sendBytes("1b 5b 33 7e")  // Delete
        let screen = try terminal.waitFor("[SiânZ", "Code Y1 ")
        #expect(!screen.contains("[1~") && !screen.contains("Start a new transfer"), "\(screen)")
        try terminal.send("C-c")
        try terminal.waitFor("EXIT=130")
    }

    /// F1 as PuTTY and rxvt send it (`ESC [ 11 ~`) under tmux's own TERM opens the help, and so
    /// does the linux console's (`ESC [ [ A`); modified keys are the plain key.
    @Test func functionKeysOfOtherTerminalsOpenHelpUnderTmux() throws {
        let terminal = try Self.atTheFirstQuestion(term: "tmux-256color")
        try terminal.type("Ann")
        try terminal.waitFor("[Ann")
        try terminal.sendBytes("1b 5b 31 31 7e")  // F1 in PuTTY and rxvt
        try terminal.waitFor("any other key: back to the question")
        try terminal.send("Space")
        try terminal.waitFor("[Ann", "Code Y1 ")
        try terminal.sendBytes("1b 5b 5b 41")  // F1 on the linux console
        try terminal.waitFor("any other key: back to the question")
        try terminal.send("Space")
        try terminal.waitFor("[Ann", "Code Y1 ")
        try terminal.sendBytes("1b 5b 31 3b 35 44")  // Ctrl-← (xterm's form): ←
        try terminal.type("e")
        try terminal.waitFor("[Anen", "Code Y1 ")
        try terminal.send("C-c")
        try terminal.waitFor("EXIT=130")
    }

    /// A sequence split by a slow link, with a pause between its bytes far longer than the Esc
    /// delay (25 ms), is still one key.
    @Test func aKeyWhoseBytesArriveWithAPauseIsStillOneKey() throws {
        let terminal = try Self.atTheFirstQuestion(term: "xterm")
        try terminal.type("Bo")
        try terminal.waitFor("[Bo")
        try terminal.sendBytes("1b 5b 31")
        Thread.sleep(forTimeInterval: 0.2)
        try terminal.sendBytes("7e")
        try terminal.type("X")
        let screen = try terminal.waitFor("[XBo", "Code Y1 ")
        #expect(!screen.contains("~"), "\(screen)")
        try terminal.send("C-c")
        try terminal.waitFor("EXIT=130")
    }

    /// Esc on the start screen asks first: n stays, y quits.
    @Test func escapeOnTheStartScreenAsksBeforeQuitting() throws {
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(Self.script(workspace))
        try terminal.waitFor("Start a new transfer")
        try terminal.send("Escape")
        try terminal.waitFor("Quit dmf-wizard? Press y to quit, any other key to stay.")
        try terminal.send("n")
        let stayed = try terminal.waitUntilGone("Quit dmf-wizard?")
        #expect(stayed.contains("7 Quit"), "\(stayed)")
        try terminal.send("Escape")
        try terminal.waitFor("Quit dmf-wizard?")
        try terminal.send("y")
        try terminal.waitFor("EXIT=0 MODES=icanon")
    }
}
