import TerminalUI

/// The full-screen loop: draw, wait for a key, apply it. Redrawing everything each time is
/// cheap because the backend sends only what changed.
public enum FullScreenLoop {
    public static func run(_ app: FullScreenApp, on backend: TerminalBackend) -> FullScreenApp.Ending {
        app.unicode = backend.supportsUnicode
        var firstFrame = true
        var shownBefore = app.screenIdentity
        while true {
            draw(app, on: backend)
            // Keys typed for the screen just left, before this one was drawn, must not answer it:
            // they are dropped once the new screen is up (dropping errs on the safe side).
            if app.screenIdentity != shownBefore { backend.discardTypeahead() }
            if firstFrame {
                // What the first screen did not need is made while the person reads it.
                if app.prepareWhileIdle() { draw(app, on: backend) }
                firstFrame = false
            }
            shownBefore = app.screenIdentity
            app.handle(backend.readKey())
            if let ending = app.ending { return ending }
        }
    }

    private static func draw(_ app: FullScreenApp, on backend: TerminalBackend) {
        let size = backend.size
        let frame = app.view(width: size.width, height: size.height, widthFunction: backend.displayWidth)
        backend.present(frame.canvas)
        app.shown(frame)
    }
}
