import TerminalUI

/// The full-screen loop: draw, wait for a key, apply it. Redrawing everything each time is
/// cheap because the backend sends only what changed.
public enum FullScreenLoop {
    public static func run(_ app: FullScreenApp, on backend: TerminalBackend) -> FullScreenApp.Ending {
        app.unicode = backend.supportsUnicode
        var firstFrame = true
        var shownBefore = app.screenIdentity
        while true {
            let size = backend.size
            let frame = app.view(width: size.width, height: size.height, widthFunction: backend.displayWidth)
            backend.present(frame.canvas)
            app.shown(frame)
            // Keys typed for the screen just left, before this one was drawn, must not answer it:
            // they are dropped once the new screen is up (dropping errs on the safe side).
            if app.screenIdentity != shownBefore { backend.discardTypeahead() }
            if firstFrame {
                if app.prepareWhileIdle() {
                    let again = app.view(width: size.width, height: size.height, widthFunction: backend.displayWidth)
                    backend.present(again.canvas)
                    app.shown(again)
                }
                firstFrame = false
            }
            shownBefore = app.screenIdentity
            app.handle(backend.readKey())
            if let ending = app.ending { return ending }
        }
    }
}
