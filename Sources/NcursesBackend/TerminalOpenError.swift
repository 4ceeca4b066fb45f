/// Why the full-screen terminal could not be opened. Every case means "use plain line mode".
public enum TerminalOpenError: Error, Equatable, Sendable, CustomStringConvertible {
    /// TERM is not set.
    case termUnset
    /// TERM is "dumb" (or an empty string): no cursor movement at all.
    case dumbTerminal
    /// No terminfo entry for TERM.
    case unknownTerminal(String)
    /// The terminfo entry has no cursor addressing (`cup`), so a full-screen UI cannot work.
    case noCursorAddressing(String)
    /// Neither stdin/stdout nor /dev/tty is a terminal.
    case noTerminalDevice
    /// newterm failed for another reason.
    case initialisationFailed(String)

    public var description: String {
        switch self {
        case .termUnset: "TERM is not set"
        case .dumbTerminal: "the terminal is dumb (TERM=dumb)"
        case .unknownTerminal(let name): "unknown terminal type \"\(name)\""
        case .noCursorAddressing(let name): "terminal type \"\(name)\" cannot move the cursor"
        case .noTerminalDevice: "no terminal is attached (stdin/stdout are not terminals and /dev/tty cannot be opened)"
        case .initialisationFailed(let name): "curses could not start on terminal type \"\(name)\""
        }
    }
}
