import CNcursesw
import CTermSupport
import Glibc
import TerminalUI

/// The full-screen terminal, drawn with ncursesw. The only code in the project that calls curses.
///
/// curses is process-global: keep one backend open at a time and use it from one thread.
/// Every exit path must reach `close()` (or `restoreAndReraise`) so the terminal is restored.
public final class NcursesBackend: TerminalBackend {
    /// The theme in use after resolving `NcursesOptions` against the terminal's abilities.
    public let theme: Theme
    public let supportsColour: Bool
    public let supportsUnicode: Bool
    public var displayWidth: DisplayWidth { DisplayWidths.system }

    var screen: OpaquePointer?
    var window: UnsafeMutablePointer<WINDOW>?
    let input: UnsafeMutablePointer<FILE>
    let output: UnsafeMutablePointer<FILE>
    let styles: StyleAttributes
    /// The rows last presented, so unchanged rows are not sent to curses again.
    var presentedRows: [[Cell]] = []
    /// An input that cut an escape sequence short: it belongs to what comes next, so it is read
    /// again first.
    var replayedInput: EscapeSequence.Input?

    private init(
        screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, input: UnsafeMutablePointer<FILE>,
        output: UnsafeMutablePointer<FILE>, theme: Theme, colour: Bool, unicode: Bool, styles: StyleAttributes
    ) {
        self.screen = screen
        self.window = window
        self.input = input
        self.output = output
        self.theme = theme
        self.supportsColour = colour
        self.supportsUnicode = unicode
        self.styles = styles
    }

    deinit { close() }

    /// Opens the user's terminal.
    ///
    /// Uses stdin/stdout when both are terminals, otherwise /dev/tty, so the UI still shows when
    /// output is redirected. Throws (never exits the process) when TERM is unset, dumb or
    /// unknown, or no terminal is attached; the caller should then fall back to plain mode.
    public static func open(
        options: NcursesOptions = NcursesOptions(), environment: TerminalEnvironment = .current()
    ) throws(TerminalOpenError) -> NcursesBackend {
        let unicode = prepareLocale(environment)
        let term = try validateTerminalType(environment.term)
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            return try start(
                term: term, inputFD: STDIN_FILENO, outputFD: STDOUT_FILENO, unicode: unicode, options: options,
                environment: environment)
        }
        // Output redirected (or input piped): draw on the controlling terminal instead, so the
        // result can still go to the redirected stdout after close.
        let tty = Glibc.open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { throw .noTerminalDevice }
        defer { Glibc.close(tty) }
        return try start(
            term: term, inputFD: tty, outputFD: tty, unicode: unicode, options: options, environment: environment)
    }

    /// Attaches to an already open terminal given by file descriptors (tests and harnesses:
    /// a pty slave, or /dev/null for a headless screen). The descriptors are duplicated, so the
    /// caller keeps ownership of its own.
    public static func attach(
        term: String, inputFD: Int32, outputFD: Int32, options: NcursesOptions = NcursesOptions(),
        environment: TerminalEnvironment = .current()
    ) throws(TerminalOpenError) -> NcursesBackend {
        let unicode = prepareLocale(environment)
        let term = try validateTerminalType(term)
        return try start(
            term: term, inputFD: inputFD, outputFD: outputFD, unicode: unicode, options: options,
            environment: environment)
    }

    /// Duplicates the descriptors into FILE streams the backend owns, then starts curses.
    private static func start(
        term: String, inputFD: Int32, outputFD: Int32, unicode: Bool, options: NcursesOptions,
        environment: TerminalEnvironment
    ) throws(TerminalOpenError) -> NcursesBackend {
        guard let input = fdopen(dup(inputFD), "r") else { throw .noTerminalDevice }
        guard let output = fdopen(dup(outputFD), "w") else {
            fclose(input)
            throw .noTerminalDevice
        }
        return try start(
            term: term, input: input, output: output, unicode: unicode, options: options, environment: environment)
    }

    /// Sets the locale and reports whether it is UTF-8.
    ///
    /// curses needs the locale before newterm or UTF-8 comes out as garbage. When no locale
    /// variable is set at all (containers, CI) C.UTF-8 is used, which glibc always has; a locale
    /// the user chose explicitly is respected, and a non-UTF-8 one means ASCII mode.
    ///
    /// Only the character type category: it is all curses reads (the encoding and character
    /// widths), loading every category costs a quarter of a millisecond before the first screen,
    /// and numbers and dates in the outputs stay in the C locale whatever the user's settings.
    static func prepareLocale(_ environment: TerminalEnvironment) -> Bool {
        setlocale(LC_CTYPE, "")
        if environment.localeUnset {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Checks TERM with setupterm, which reports errors instead of exiting like initscr does,
    /// and requires cursor addressing.
    static func validateTerminalType(_ term: String?) throws(TerminalOpenError) -> String {
        guard let term else { throw .termUnset }
        if term.isEmpty || term == "dumb" { throw .dumbTerminal }
        var status: Int32 = 0
        guard setupterm(term, STDERR_FILENO, &status) == OK else { throw .unknownTerminal(term) }
        let hasCursorAddressing = nc_has_string_cap("cup") != 0
        _ = nc_del_cur_term()
        guard hasCursorAddressing else { throw .noCursorAddressing(term) }
        return term
    }

    private static func start(
        term: String, input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>, unicode: Bool,
        options: NcursesOptions, environment: TerminalEnvironment
    ) throws(TerminalOpenError) -> NcursesBackend {
        // Before newterm: curses only installs its own INT/TERM handlers where the disposition is
        // still the default, and ours let the main loop restore the terminal and exit 128+n.
        dmf_install_signal_handlers()
        use_env(options.useEnvironmentSize)
        // The shell's modes, for the crash rescue: newterm itself already turns echo off.
        let outputFD = fileno(output)
        var shellModes = termios()
        let haveShellModes = tcgetattr(outputFD, &shellModes) == 0
        guard let screen = newterm(term, output, input) else {
            fclose(input)
            if output != input { fclose(output) }
            throw .initialisationFailed(term)
        }
        guard let window = nc_stdscr() else {
            endwin()
            delscreen(screen)
            fclose(input)
            if output != input { fclose(output) }
            throw .initialisationFailed(term)
        }
        if options.crashRestore {
            var sequence = ""
            for capability in ["rmcup", "cnorm", "sgr0", "rmkx"] {
                if let value = nc_string_cap(capability) { sequence += String(cString: value) }
            }
            if haveShellModes {
                _ = dmf_install_crash_restore(outputFD, outputFD, &shellModes, sequence)
            } else {
                _ = dmf_install_crash_restore(outputFD, outputFD, nil, sequence)
            }
        }
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        // cbreak keeps XON/XOFF, which would swallow Ctrl-S (save); def_prog_mode makes curses
        // re-apply this after Ctrl-Z/fg. It must come before the first byte is written (keypad
        // writes at once): with XON/XOFF on, a Ctrl-S typed just before start would stop
        // output and block that write until Ctrl-Q. Turning XON/XOFF off also restarts output
        // that such a Ctrl-S already stopped (Linux does so when IXON is cleared).
        _ = dmf_disable_flow_control(outputFD)
        def_prog_mode()
        keypad(window, true)
        defineCommonKeySequences()
        if let delay = options.escapeDelayMilliseconds {
            set_escdelay(Int32(delay))
        } else if (environment.escDelay ?? "").isEmpty {
            set_escdelay(25)
        }

        let choice: ThemeChoice = options.highContrast ? .highContrast : options.theme
        var theme: Theme
        switch choice {
        case .automatic, .colour: theme = .colour
        case .monochrome: theme = .monochrome
        case .highContrast: theme = .highContrast
        }
        var colour = false
        var defaultColours = false
        if theme.usesColour, has_colors(), !environment.colourForbidden, start_color() != ERR {
            colour = true
            defaultColours = use_default_colors() != ERR
        } else if theme.usesColour {
            theme = .monochrome
        }
        let styles = StyleAttributes(theme: theme, colour: colour, defaultColours: defaultColours)
        return NcursesBackend(
            screen: screen, window: window, input: input, output: output, theme: theme, colour: colour,
            unicode: unicode, styles: styles)
    }

    /// Gives curses the key sequences common terminals send (`EscapeSequence.commonVariants`)
    /// as the keys `EscapeSequence` reads them as, so it decodes them itself, and so a terminal
    /// description that lists one as another key (vt220's Find for `ESC [ 1 ~`) does not win.
    /// The keypad's digits are taken out of its table instead: curses cannot return a character
    /// for a sequence, and `EscapeSequence` types them.
    ///
    /// The mouse report's prefix (xterm's `ESC [ <`) is taken out too: the app never turns the
    /// mouse on, and a report left over from another program is then read, and swallowed, as one
    /// sequence instead of curses returning "mouse" and the rest arriving as typed text.
    private static func defineCommonKeySequences() {
        for sequence in EscapeSequence.commonVariants {
            guard let key = EscapeSequence.decode(sequence), let code = KeyMapping.code(for: key) else { continue }
            _ = define_key(sequence, code)
        }
        if let mouse = nc_string_cap("kmous") { _ = define_key(mouse, 0) }
    }

    /// The size of the window curses holds (already updated when `.resize` is returned).
    public var size: (width: Int, height: Int) {
        guard let window else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Restores the terminal (modes, cursor, main screen) and frees curses. Idempotent.
    ///
    /// The terminating-signal handlers stay installed: the caller may still be printing its
    /// result, and `restoreAndReraise` (or its own exit code) decides how the process ends.
    public func close() {
        guard let screen else { return }
        _ = set_term(screen)
        curs_set(1)
        endwin()
        delscreen(screen)
        self.screen = nil
        window = nil
        dmf_remove_crash_restore()
        fclose(input)
        if output != input { fclose(output) }
    }

    /// Leaves curses (`endwin`: the shell's screen and modes), writes `notice` there, runs `body`,
    /// then takes the terminal back: curses puts its own modes back on the next refresh, which
    /// clears and draws everything afresh. The signal handlers stay installed throughout, so a
    /// Ctrl-C meanwhile is reported by the next `readKey` and the run ends as it always does.
    public func outsideFullScreen(notice: String, _ body: (_ signalled: () -> Bool) -> Void) {
        guard let screen, let window else {
            body { dmf_pending_signal() != 0 }
            return
        }
        _ = set_term(screen)
        endwin()
        fputs("\r\n" + notice + "\r\n", output)
        fflush(output)
        body { dmf_pending_signal() != 0 }
        fputs("\r\n", output)
        fflush(output)
        presentedRows = []
        clearok(window, true)
        discardTypeahead()
    }

    /// Restores the terminal, then ends the process by signal `sig` so the shell sees 128 + sig.
    public func restoreAndReraise(_ sig: Int32) -> Never {
        close()
        dmf_reraise(sig)
        exit(128 + sig)
    }
}
