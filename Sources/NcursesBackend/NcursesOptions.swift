import TerminalUI

/// Which look the full-screen UI should have.
public enum ThemeChoice: Sendable, Hashable {
    /// Colour when the terminal has it and NO_COLOR is unset or empty, else monochrome.
    case automatic
    case colour
    case monochrome
    /// Projector mode: bold and reverse, no dependence on colour or dim text.
    case highContrast
}

/// Settings for `NcursesBackend.open`.
public struct NcursesOptions: Sendable {
    public var theme: ThemeChoice
    /// Shorthand for `theme = .highContrast`; wins over `theme` when true.
    public var highContrast: Bool
    /// Esc delay in milliseconds. nil means 25 ms unless $ESCDELAY is set (then curses reads it).
    public var escapeDelayMilliseconds: Int?
    /// Whether $LINES/$COLUMNS may override the size. Headless tests turn this off to get the
    /// terminfo size.
    public var useEnvironmentSize: Bool
    /// Whether to install the best-effort terminal rescue for crashes (SIGSEGV, SIGILL, ...).
    public var crashRestore: Bool

    public init(
        theme: ThemeChoice = .automatic, highContrast: Bool = false, escapeDelayMilliseconds: Int? = nil,
        useEnvironmentSize: Bool = true, crashRestore: Bool = true
    ) {
        self.theme = theme
        self.highContrast = highContrast
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
        self.useEnvironmentSize = useEnvironmentSize
        self.crashRestore = crashRestore
    }
}
