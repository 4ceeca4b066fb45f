import CTermSupport
import Dispatch
import Foundation
import Glibc
import NcursesBackend
import TerminalUI
import Testing

/// Every test that touches curses lives in this one serialized suite: curses is process-global
/// (SP, stdscr, cur_term), and parallel runs garble snapshots or crash.
@Suite(.serialized) struct NcursesBackendTests {
    /// A fixed environment so results do not depend on the machine running the tests.
    let environment = TerminalEnvironment()
    let options = NcursesOptions(escapeDelayMilliseconds: 25, useEnvironmentSize: false, crashRestore: false)

    @Test func headlessScreenHoldsExactlyTheCanvas() throws {
        let devNull = open("/dev/null", O_RDWR)
        defer { Glibc.close(devNull) }
        let backend = try NcursesBackend.attach(
            term: "xterm-256color", inputFD: devNull, outputFD: devNull, options: options, environment: environment)
        defer { backend.close(); dmf_uninstall_signal_handlers() }
        #expect(backend.size == (80, 24))
        #expect(backend.supportsUnicode)
        // Widths as curses places them: printable ASCII one column, control characters none,
        // CJK two, a combining mark nothing of its own.
        let widths: [(String, Int)] = [
            ("a", 1), ("~", 1), (" ", 1), ("\u{7}", 0), ("\u{7F}", 0), ("\r\n", 0), ("é", 1), ("漢", 2), ("e\u{301}", 1),
        ]
        for (text, columns) in widths {
            #expect(backend.displayWidth(Character(text)) == columns, "\(text.debugDescription)")
        }

        var canvas = backend.makeCanvas()
        canvas.box(x: 0, y: 0, width: 80, height: 24, title: "Setup wizard")
        canvas.put("Name: Siân Ó Ceallaigh", x: 2, y: 2, style: .input)
        canvas.put("UTF-8: £ — ✓ é 漢字", x: 2, y: 3)
        canvas.put("Combining: Zoe\u{308} cafe\u{301} n\u{303}", x: 2, y: 4)  // one cell each
        canvas.put("(•) Selected option", x: 2, y: 5, style: .selected)
        canvas.fill(x: 1, y: 22, width: 78, height: 1, style: .banner)
        canvas.put("Enter next · Esc back", x: 2, y: 22, style: .banner)
        canvas.put("X", x: 79, y: 23)  // bottom-right cell: curses returns ERR but draws it
        backend.present(canvas)

        let snapshot = backend.snapshot()
        #expect(snapshot.count == 24)
        for (row, line) in canvas.lines.enumerated() {
            #expect(snapshot[row] == line, "row \(row)")
        }
        #expect(backend.presentation(atX: 3, y: 5).reverse)
        #expect(!backend.presentation(atX: 3, y: 3).reverse)
        #expect(backend.presentation(atX: 60, y: 22).reverse)  // styled blanks are drawn too
    }

    @Test func presentingAgainUpdatesOnlyWhatChangedAndLeavesNoTrace() throws {
        let devNull = open("/dev/null", O_RDWR)
        defer { Glibc.close(devNull) }
        let backend = try NcursesBackend.attach(
            term: "xterm-256color", inputFD: devNull, outputFD: devNull, options: options, environment: environment)
        defer { backend.close(); dmf_uninstall_signal_handlers() }
        var first = backend.makeCanvas()
        first.box(x: 0, y: 0, width: 80, height: 24, title: "Pick one")
        first.put("(•) 1 A much longer first choice", x: 2, y: 3, style: .selected)
        first.put("( ) 2 Second", x: 2, y: 4)
        backend.present(first)
        // The highlight moves: row 3 gets shorter and loses its style, row 4 gains it.
        var second = backend.makeCanvas()
        second.box(x: 0, y: 0, width: 80, height: 24, title: "Pick one")
        second.put("( ) 1 Short", x: 2, y: 3)
        second.put("(•) 2 Second", x: 2, y: 4, style: .selected)
        backend.present(second)
        #expect(backend.snapshot() == second.lines)
        #expect(!backend.presentation(atX: 20, y: 3).reverse, "no reverse video left behind")
        #expect(backend.presentation(atX: 4, y: 4).reverse)
    }

    @Test func headlessInputAtEndOfFileReturnsEndOfInputWithoutSpinning() throws {
        let devNull = open("/dev/null", O_RDWR)
        defer { Glibc.close(devNull) }
        let backend = try NcursesBackend.attach(
            term: "xterm-256color", inputFD: devNull, outputFD: devNull, options: options, environment: environment)
        defer { backend.close(); dmf_uninstall_signal_handlers() }
        #expect(backend.readKey() == .endOfInput)
    }

    @Test func closeIsIdempotent() throws {
        let devNull = open("/dev/null", O_RDWR)
        defer { Glibc.close(devNull) }
        let backend = try NcursesBackend.attach(
            term: "vt100", inputFD: devNull, outputFD: devNull, options: options, environment: environment)
        defer { dmf_uninstall_signal_handlers() }
        #expect(!backend.supportsColour)  // vt100 has no colour: monochrome theme
        #expect(backend.theme == .monochrome)
        backend.close()
        backend.close()
        #expect(backend.size == (0, 0))
        #expect(backend.readKey() == .endOfInput)
    }

    @Test func noColourRespectsNO_COLOR() throws {
        let devNull = open("/dev/null", O_RDWR)
        defer { Glibc.close(devNull) }
        defer { dmf_uninstall_signal_handlers() }
        // One backend at a time: curses keeps one current screen.
        let plain = try NcursesBackend.attach(
            term: "xterm-256color", inputFD: devNull, outputFD: devNull, options: options,
            environment: TerminalEnvironment(noColor: "1"))
        #expect(!plain.supportsColour)
        #expect(plain.theme == .monochrome)
        plain.close()
        let coloured = try NcursesBackend.attach(
            term: "xterm-256color", inputFD: devNull, outputFD: devNull, options: options, environment: environment)
        #expect(coloured.supportsColour)
        #expect(coloured.theme == .colour)
        coloured.close()
        var projector = options
        projector.highContrast = true
        let highContrast = try NcursesBackend.attach(
            term: "xterm-256color", inputFD: devNull, outputFD: devNull, options: projector, environment: environment)
        #expect(!highContrast.supportsColour)
        #expect(highContrast.theme == .highContrast)
        highContrast.close()
    }

    @Test func ptyKeysAreDecoded() throws {
        let pty = try Pty()
        defer { pty.close() }
        let backend = try NcursesBackend.attach(
            term: "xterm-256color", inputFD: pty.slave, outputFD: pty.slave, options: options, environment: environment)
        defer { backend.close(); dmf_uninstall_signal_handlers() }
        let watchdog = SignalSender(signal: SIGTERM, afterMilliseconds: 5000)
        defer { watchdog.cancel() }
        #expect(pty.drain().contains("\u{1b}[?1049h"))  // entered the alternate screen

        let cases: [(bytes: String, key: Key)] = [
            ("\u{1b}OB", .down),  // keypad mode: application cursor keys
            ("\r", .enter),
            ("é", .char("é")),
            ("\u{1b}", .escape),  // alone: returned after ESCDELAY
            ("\u{1b}OP", .function(1)),
            ("\u{1b}[Z", .backTab),
            ("\u{7f}", .backspace),
            ("\u{1b}[3~", .delete),
            ("\u{13}", .ctrl("s")),  // reaches us only because XON/XOFF is off
            ("\t", .tab),
            ("漢", .char("漢")),
        ]
        for (bytes, key) in cases {
            pty.write(bytes)
            #expect(backend.readKey() == key, "\(Array(bytes.unicodeScalars))")
            _ = pty.drain()
        }
        backend.close()
        #expect(pty.drain().contains("\u{1b}[?1049l"))  // back to the main screen
    }

    /// `readKey`, but a key that never comes (because the one before swallowed it) fails the
    /// test with `.signal(SIGHUP)` instead of hanging the run.
    static func read(_ backend: NcursesBackend) -> Key {
        let watchdog = SignalSender(signal: SIGHUP, afterMilliseconds: 3000)
        defer { watchdog.cancel() }
        return backend.readKey()
    }

    /// Each terminal's keys through real curses on a pty, under the TERM it usually runs with:
    /// one key each, or nothing at all for a sequence that names none (the `x` typed after it
    /// must be the next key, so nothing of the sequence was typed or taken as Esc).
    @Test(arguments: TerminalKeys.all)
    func everyTerminalsKeysArriveAsOneKey(terminal: TerminalKeys) throws {
        let pty = try Pty()
        defer { pty.close() }
        // The size from the pty: the linux console's description has none of its own.
        var sized = options
        sized.useEnvironmentSize = true
        let backend = try NcursesBackend.attach(
            term: terminal.term, inputFD: pty.slave, outputFD: pty.slave, options: sized, environment: environment)
        defer { backend.close(); dmf_uninstall_signal_handlers() }
        _ = pty.drain()
        for (bytes, key) in terminal.keys {
            pty.write(bytes + "x")
            if let key { #expect(Self.read(backend) == key, "\(terminal): \(Array(bytes.unicodeScalars))") }
            #expect(Self.read(backend) == .char("x"), "\(terminal): \(Array(bytes.unicodeScalars)) left nothing behind")
            _ = pty.drain()
        }
    }

    /// A terminal description that names `ESC [ 1 ~` Find (vt220) does not win: it is Home, as
    /// PuTTY and the linux console mean it. And ^H is Backspace where terminfo says so.
    @Test func theCommonVariantsWinOverTheTerminalDescription() throws {
        let pty = try Pty()
        defer { pty.close() }
        let backend = try NcursesBackend.attach(
            term: "vt220", inputFD: pty.slave, outputFD: pty.slave, options: options, environment: environment)
        defer { backend.close(); dmf_uninstall_signal_handlers() }
        for (bytes, key) in [
            ("\u{1b}[1~", Key.home), ("\u{1b}[4~", .end), ("\u{08}", .backspace), ("\u{7f}", .backspace),
        ] {
            pty.write(bytes)
            #expect(Self.read(backend) == key, "\(Array(bytes.unicodeScalars))")
            _ = pty.drain()
        }
    }

    /// A sequence split by a slow link, the pause far longer than the Esc delay (25 ms), is
    /// still one key; a lone Esc is still the Esc key, and prompt.
    @Test func aSequenceWithAPauseBetweenItsBytesIsStillOneKey() throws {
        let pty = try Pty()
        defer { pty.close() }
        let backend = try NcursesBackend.attach(
            term: "xterm", inputFD: pty.slave, outputFD: pty.slave, options: options, environment: environment)
        defer { backend.close(); dmf_uninstall_signal_handlers() }
        _ = pty.drain()
        let splits: [([String], Key)] = [
            (["\u{1b}[1", "~"], .home),  // PuTTY's Home
            (["\u{1b}[", "11~"], .function(1)),  // PuTTY's F1
            (["\u{1b}[1;", "5C"], .right),
            (["\u{1b}[[", "B"], .function(2)),  // the linux console's F2
            (["\u{1b}[", "3", "~"], .delete),
        ]
        for (parts, key) in splits {
            for (index, part) in parts.enumerated() {
                if index > 0 { usleep(150_000) }
                pty.write(part)
            }
            pty.write("x")
            #expect(Self.read(backend) == key, "\(parts)")
            #expect(Self.read(backend) == .char("x"), "\(parts): nothing typed")
            _ = pty.drain()
        }
        // An unknown sequence split the same way is swallowed whole.
        pty.write("\u{1b}[2")
        usleep(150_000)
        pty.write("00~x")
        #expect(Self.read(backend) == .char("x"))

        let watchdog = SignalSender(signal: SIGHUP, afterMilliseconds: 3000)
        defer { watchdog.cancel() }
        let started = monotonicMilliseconds()
        pty.write("\u{1b}")
        #expect(backend.readKey() == .escape)
        let waited = monotonicMilliseconds() - started
        // The Esc delay, not the wait for a sequence's next byte (500 ms).
        #expect(waited < 450, "a lone Esc took \(waited) ms")
    }

    /// A Ctrl-S (XOFF) that reaches the terminal just before start, with the terminal's default
    /// XON/XOFF, stopped output: the first write (turning on keypad mode) blocked until Ctrl-Q.
    @Test func ctrlSTypedBeforeStartDoesNotFreezeIt() throws {
        let pty = try Pty()
        defer { pty.close() }
        var modes = termios()
        tcgetattr(pty.slave, &modes)
        modes.c_iflag |= tcflag_t(IXON)
        tcsetattr(pty.slave, TCSANOW, &modes)
        pty.write("\u{13}")  // XOFF, as Ctrl-S sends it
        // Attach on another thread: if it blocks, this thread sends XON to free it and fails.
        let started = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var backend: NcursesBackend?
        let slave = pty.slave, options = options, environment = environment
        Thread.detachNewThread {
            backend = try? NcursesBackend.attach(
                term: "xterm-256color", inputFD: slave, outputFD: slave, options: options, environment: environment)
            started.signal()
        }
        let inTime = started.wait(timeout: .now() + 3) == .success
        if !inTime {
            pty.write("\u{11}")  // XON frees the blocked write
            started.wait()
        }
        defer { backend?.close(); dmf_uninstall_signal_handlers() }
        #expect(inTime, "the start blocked on a terminal stopped by XOFF")
        #expect(backend != nil)
        #expect(pty.drain().contains("\u{1b}[?1049h"))  // it went on to draw
    }

    @Test func signalWhileWaitingIsReturnedAsAKey() throws {
        let pty = try Pty()
        defer { pty.close() }
        let backend = try NcursesBackend.attach(
            term: "xterm-256color", inputFD: pty.slave, outputFD: pty.slave, options: options, environment: environment)
        defer { backend.close(); dmf_uninstall_signal_handlers() }
        _ = pty.drain()

        // Already sent before readKey starts: must not block (the race a bare read would lose).
        // kill, not raise: the signal goes to the process, and whichever thread runs the handler,
        // the self-pipe wakes the waiting one. The watchdog turns a hang into a failure.
        let watchdog = SignalSender(signal: SIGHUP, afterMilliseconds: 3000)
        kill(getpid(), SIGINT)
        #expect(backend.readKey() == .signal(SIGINT))
        watchdog.cancel()

        // Arrives while blocked with no input and no timeout.
        let sender = SignalSender(signal: SIGTERM, afterMilliseconds: 150)
        defer { sender.cancel() }
        let started = monotonicMilliseconds()
        #expect(backend.readKey() == .signal(SIGTERM))
        let waited = monotonicMilliseconds() - started
        #expect(waited >= 100 && waited < 3000, "waited \(waited) ms")
        #expect(dmf_pending_signal() == 0)  // readKey consumed it
    }

    /// The terminal handed to another program (ssh-keygen asking for a passphrase): the shell's
    /// screen and modes (line editing, echo) while it runs, the notice shown there, then curses'
    /// own modes and every row drawn afresh; a Ctrl-C meanwhile is seen by the program's check
    /// and still reported by the next read, and keys typed meanwhile are not.
    @Test func theTerminalIsHandedOverAndTakenBackWhole() throws {
        let pty = try Pty()
        defer { pty.close() }
        let backend = try NcursesBackend.attach(
            term: "xterm-256color", inputFD: pty.slave, outputFD: pty.slave, options: options, environment: environment)
        defer { backend.close(); dmf_uninstall_signal_handlers() }
        func lineEditing() -> Bool {
            var modes = termios()
            tcgetattr(pty.slave, &modes)
            return modes.c_lflag & tcflag_t(ICANON) != 0 && modes.c_lflag & tcflag_t(ECHO) != 0
        }
        var canvas = backend.makeCanvas()
        canvas.put("The register", x: 2, y: 1)
        backend.present(canvas)
        _ = pty.drain()
        #expect(!lineEditing())

        var outside = false
        var signalledBefore = true
        var signalledAfter = false
        backend.outsideFullScreen(notice: "Signing the authorisation of DMF-20261129-7K3Q.") { signalled in
            outside = lineEditing()
            signalledBefore = signalled()
            kill(getpid(), SIGINT)
            // Whichever thread takes it, the handler runs soon after.
            for _ in 0..<200 where !signalled() { usleep(5_000) }
            signalledAfter = signalled()
            pty.write("typed meanwhile")
        }
        #expect(outside, "the program gets the shell's modes: line editing and echo")
        #expect(!signalledBefore && signalledAfter)
        let shown = pty.drain()
        #expect(shown.contains("\u{1b}[?1049l"), "back to the shell's screen")
        #expect(shown.contains("Signing the authorisation of DMF-20261129-7K3Q."))

        backend.present(canvas)
        #expect(!lineEditing(), "curses' modes are back")
        let redrawn = pty.drain()
        #expect(redrawn.contains("\u{1b}[?1049h"), "the full screen again")
        #expect(redrawn.contains("The register"), "drawn afresh, though the canvas did not change")
        #expect(backend.readKey() == .signal(SIGINT))
        #expect(backend.readKey(waitingUpTo: 100) == nil, "what was typed meanwhile was dropped")
    }

    /// While work runs elsewhere the app reads keys with a time limit: nothing comes back as
    /// nil after about that long, and a key typed meanwhile is returned at once.
    @Test func aTimedReadReturnsNothingAfterItsTimeOrTheKeyTyped() throws {
        let pty = try Pty()
        defer { pty.close() }
        let backend = try NcursesBackend.attach(
            term: "xterm-256color", inputFD: pty.slave, outputFD: pty.slave, options: options, environment: environment)
        defer { backend.close(); dmf_uninstall_signal_handlers() }
        let watchdog = SignalSender(signal: SIGHUP, afterMilliseconds: 5000)
        defer { watchdog.cancel() }
        _ = pty.drain()
        let started = monotonicMilliseconds()
        #expect(backend.readKey(waitingUpTo: 200) == nil)
        let waited = monotonicMilliseconds() - started
        #expect(waited >= 150 && waited < 3000, "waited \(waited) ms")
        pty.write("x")
        #expect(backend.readKey(waitingUpTo: 2000) == .char("x"))
        // A signal still ends the wait as a key.
        kill(getpid(), SIGTERM)
        #expect(backend.readKey(waitingUpTo: 2000) == .signal(SIGTERM))
    }

    @Test(arguments: [
        (String?.none, TerminalOpenError.termUnset),
        ("dumb", .dumbTerminal),
        ("", .dumbTerminal),
        ("no-such-terminal-xyz", .unknownTerminal("no-such-terminal-xyz")),
    ])
    func unusableTermThrowsInsteadOfExiting(term: String?, expected: TerminalOpenError) {
        #expect(throws: expected) {
            _ = try NcursesBackend.open(options: options, environment: TerminalEnvironment(term: term))
        }
    }
}

/// Milliseconds from a monotonic clock.
func monotonicMilliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
}
