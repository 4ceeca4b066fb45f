/// One input event, independent of any terminal library.
///
/// Backends translate whatever they read (curses key codes, scripted test input) into these
/// values so that screens and reducers never see terminal specifics.
public enum Key: Equatable, Sendable, Hashable {
    /// A printable character (letters, digits, punctuation, accented and wide characters).
    case char(Character)
    case enter
    case escape
    case backspace
    case delete
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    case tab
    case backTab
    /// A function key; F1 is `.function(1)`.
    case function(Int)
    /// A control chord, named by its lowercase letter: Ctrl-S is `.ctrl("s")`. Ctrl-H, Ctrl-I,
    /// Ctrl-J and Ctrl-M arrive as `.backspace`, `.tab` and `.enter`: terminals send the same bytes.
    /// Ctrl-C, Ctrl-\ and Ctrl-Z stay with the terminal (signals), so arrive as `.signal` or not at all.
    case ctrl(Character)
    /// The terminal changed size; read the backend's `size` again and redraw.
    case resize
    /// A terminating signal (SIGINT, SIGTERM, SIGHUP or SIGQUIT) arrived while waiting for input.
    case signal(Int32)
    /// Input is closed for good (the terminal went away, or a test script ran out).
    case endOfInput
}
