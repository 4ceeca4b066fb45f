import Foundation
import Glibc
import Testing

/// A private tmux server running the real binary in a real (emulated) terminal: what a person
/// sees, with `send-keys` for typing and `capture-pane` for reading the screen.
final class TmuxTerminal {
    let socket = "dmf-e2e-\(UUID().uuidString.prefix(8))"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `script` (a shell command line) in a detached session of the given size.
    init(_ script: String, width: Int = 80, height: Int = 24) throws {
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "w", "-x", "\(width)", "-y", "\(height)", script])
        try tmux(["set-option", "-t", "w", "remain-on-exit", "on"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Sends tmux key names ("Enter", "C-c", "Escape") or literal text.
    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "w"] + keys) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "w", "-l", text]) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "w", "-x", "\(width)", "-y", "\(height)"])
    }

    /// What the pane shows now.
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", "w"]) }

    /// Polls the screen until it contains `text` (rather than sleeping a guessed time).
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.02)
        }
        Issue.record("timed out waiting for \"\(text)\"; the screen was:\n\(screen)")
        return screen
    }

    /// Runs one tmux command with posix_spawn and waitpid. (Foundation's `Process` sometimes
    /// never noticed the tmux client exit here: the client forks the server and exits at once,
    /// and `waitUntilExit` hung with the client a zombie.) Output is read for `capture-pane`
    /// only; the server started by `new-session` inherits the client's descriptors, so its
    /// output goes to /dev/null, never to a pipe that would then stay open.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let argv = ["/usr/bin/tmux", "-L", socket] + arguments
        var pipe: [Int32] = [-1, -1]
        let capture = arguments.contains("capture-pane")
        if capture, Glibc.pipe(&pipe) != 0 { throw POSIXError(.EIO) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipe[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ) == 0 else { throw POSIXError(.ENOENT) }
        var output = Data()
        if capture {
            close(pipe[1])
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(pipe[0], &buffer, buffer.count)
                if count > 0 { output.append(contentsOf: buffer[0..<count]) } else if count == 0 || errno != EINTR { break }
            }
            close(pipe[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }
}

/// End-to-end runs of the full-screen wizard in tmux. Kept few and fast; the screens themselves
/// are tested headless in DMFAppTests.
@Suite(.serialized, .enabled(if: TmuxTerminal.isAvailable, "tmux is not installed"))
struct WizardInTmuxTests {
    /// The shell line that runs the wizard in `workspace` and reports how it ended. `trap '' INT`
    /// keeps the wrapper alive on Ctrl-C (tmux signals the whole foreground group); afterwards
    /// `stty` shows whether the terminal modes were restored.
    static func script(_ workspace: Workspace, arguments: String = "") -> String {
        "sh -c 'trap \"\" INT; cd \(workspace.url.path); env TERM=xterm-256color SOURCE_DATE_EPOCH=\(Wizard.epoch) "
            + "XDG_STATE_HOME=\(workspace.path("state")) \(Wizard.executable.path) \(arguments); "
            + "status=$?; echo \"EXIT=$status MODES=$(stty -a | tr \" \" \"\\n\" | grep -x -- \"-*icanon\")\"; sleep 30'"
    }

    /// Start → a third-party transfer, answered by number and typing, up to Check your answers.
    static func answerThirdPartyTransfer(_ terminal: TmuxTerminal) throws {
        try terminal.waitFor("Start a new transfer")
        try terminal.send("Enter")
        try terminal.waitFor("What is your name?")
        try terminal.type("Siân Ó Ceallaigh")
        try terminal.send("Enter", "Enter", "Enter", "1", "1", "Enter", "Enter", "1", "1", "2")
        try terminal.type("10")
        try terminal.send("Enter", "4", "Enter")
        try terminal.type("Acme Ltd")
        try terminal.send("Enter", "Enter", "2")
        try terminal.waitFor("Who will receive the information?")
        try terminal.send("Enter")
        try terminal.type("Bob Supplier")
        try terminal.send("Enter", "Enter", "Enter", "1", "1", "2", "c", "2")
        try terminal.type("2027-01-31")
        try terminal.send("Enter", "Enter", "1", "1", "3", "3", "Enter", "1")
        try terminal.waitFor("Check your answers")
    }

    @Test func thirdPartyJourneyReachesTheOutcomeAndSavesTheFiles() throws {
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(Self.script(workspace))
        try Self.answerThirdPartyTransfer(terminal)
        try terminal.send("c")
        let outcome = try terminal.waitFor("Outcome: PROCEED WITH CONDITIONS")
        #expect(outcome.contains("Resume code"))
        try terminal.send("s")
        try terminal.waitFor("Save the DMF and checklist")
        try terminal.send("Enter")
        let saved = try terminal.waitFor("Saved. These files were written")
        try terminal.send("Enter")
        let end = try terminal.waitFor("EXIT=0")
        #expect(end.contains("MODES=icanon"), "the terminal is back in line mode")
        #expect(saved.contains(".md") && saved.contains(".html"))
        let files = try workspace.files().filter { $0.hasPrefix("DMF-") }
        #expect(files.count == 3, "Markdown, HTML and the answers: \(files)")
        let printed = end.split(separator: "\n").joined()   // long paths wrap at 80 columns
        for file in files {
            #expect(printed.contains(file), "the paths are printed after the screen closes")
            #expect(try workspace.mode(file) == 0o600)
        }
        let markdown = try workspace.contents(try #require(files.first { $0.hasSuffix(".md") }))
        #expect(markdown.contains("Siân Ó Ceallaigh"))
        #expect(markdown.contains("third-party-iao-authorisation") == false, "the IAO authorised it")
    }

    @Test func resizingBelowTheMinimumSaysSoAndRecovers() throws {
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(Self.script(workspace))
        try terminal.waitFor("Start a new transfer")
        try terminal.send("Enter")
        try terminal.waitFor("What is your name?")
        try terminal.type("Typed before")
        try terminal.waitFor("[Typed before")
        try terminal.resize(width: 40, height: 12)
        try terminal.waitFor("Make the window at least 60×20")
        try terminal.resize(width: 80, height: 24)
        let screen = try terminal.waitFor("What is your name?")
        #expect(screen.contains("Typed before"), "nothing typed is lost")
        try terminal.send("C-c")
        try terminal.waitFor("EXIT=130")
    }

    @Test func ctrlCSavesTheDraftRestoresTheTerminalAndResumeContinuesAtTheSameStep() throws {
        let workspace = try Workspace()
        let terminal = try TmuxTerminal(Self.script(workspace))
        try terminal.waitFor("Start a new transfer")
        try terminal.send("Enter")
        try terminal.waitFor("What is your name?")
        try terminal.send("Enter", "Enter", "Enter", "2")
        try terminal.waitFor("Code T2")
        try terminal.send("C-c")
        let end = try terminal.waitFor("EXIT=130")
        #expect(end.contains("MODES=icanon"), "the terminal is back in line mode")

        let resumed = try TmuxTerminal(Self.script(workspace, arguments: "resume"))
        let screen = try resumed.waitFor("Code T2")
        #expect(screen.contains("Is this a one-off transfer"))
        try resumed.send("Escape")
        let previous = try resumed.waitFor("Code T1")
        #expect(previous.contains("(•) 2  Move") || previous.contains("(•) 2 Move"), "the earlier answer is kept")
        try resumed.send("q")
        try resumed.waitFor("EXIT=0")
    }
}
