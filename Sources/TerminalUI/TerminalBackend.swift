/// What the app needs from a terminal: a size, a way to show a canvas, and keys.
///
/// Implementations: `HeadlessBackend` (scripted, for tests) and `NcursesBackend`. Use a backend
/// from one thread only; curses is process-global state.
public protocol TerminalBackend: AnyObject {
    /// Current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Whether the theme may use colour.
    var supportsColour: Bool { get }
    /// Whether Unicode box drawing and markers can be shown (otherwise use `BoxCharset.ascii`).
    var supportsUnicode: Bool { get }
    /// The width function layout should use so that it agrees with this backend.
    var displayWidth: DisplayWidth { get }
    /// Shows `canvas` on the terminal.
    func present(_ canvas: Canvas)
    /// Blocks until the next key, resize, signal or end of input.
    func readKey() -> Key
    /// The next key as `readKey`, or nil when none came within `milliseconds`: the app reads
    /// keys this way while work runs elsewhere, to show how it is going.
    func readKey(waitingUpTo milliseconds: Int) -> Key?
    /// Drops keys already typed but not yet read: called when a key has changed the screen, so
    /// keys typed for the old screen never answer the new one.
    func discardTypeahead()
    /// Restores the terminal. Safe to call more than once.
    func close()
    /// Hands the terminal to another program for a moment: leaves full-screen mode (the shell's
    /// screen, echo and line editing back), shows `notice` there, runs `body` (ssh-keygen asking
    /// for a passphrase or a touch of a security key), then takes the terminal back. The next
    /// `present` draws everything afresh, and keys typed meanwhile are dropped. `body` is given
    /// a check that says when a terminating signal (Ctrl-C, a closed terminal) has come meanwhile,
    /// so it can stop the program at once; the signal is still reported by the next `readKey`.
    func outsideFullScreen(notice: String, _ body: (_ signalled: () -> Bool) -> Void)
}

extension TerminalBackend {
    /// The deterministic approximation, for backends that do not know better.
    public var displayWidth: DisplayWidth { DisplayWidths.approximate }

    /// A backend that cannot wait a set time (a script of keys) gives the next key at once.
    public func readKey(waitingUpTo milliseconds: Int) -> Key? { readKey() }

    /// A blank canvas of the backend's current size, using its width function.
    public func makeCanvas() -> Canvas {
        Canvas(width: size.width, height: size.height, widthFunction: displayWidth)
    }
}
