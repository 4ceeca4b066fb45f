import TerminalUI

/// The full-screen loop: take what finished work reported, draw, wait for a key, apply it.
/// Redrawing everything each time is cheap because the backend sends only what changed. While
/// work runs on the worker (a PDF printing, the register), the wait for a key ends every
/// `tick` milliseconds, so its replies are taken and its progress drawn; otherwise it waits
/// for the key however long it takes (no wake-ups while idle).
public enum FullScreenLoop {
    static let tick = 100

    public static func run(_ app: FullScreenApp, on backend: TerminalBackend) -> FullScreenApp.Ending {
        app.unicode = backend.supportsUnicode
        var firstFrame = true
        var shownBefore = app.screenIdentity
        while true {
            app.collectReplies()
            // A key that must ask the person on the terminal itself (a passphrase): handed over,
            // then everything is drawn afresh.
            if app.needsTerminal { app.runAtTerminal(backend) }
            // Keys typed for the screen just left, before this one is drawn, must not answer it:
            // they are dropped just before it is drawn, so that a key typed once it is up is
            // never lost (dropping after drawing would lose a key pressed as the screen
            // appeared, on a slow or busy machine). A reply that changes the screen (the
            // register's entry opened) counts the same.
            if app.screenIdentity != shownBefore { backend.discardTypeahead() }
            draw(app, on: backend)
            if firstFrame {
                // What the first screen did not need is made while the person reads it.
                app.prepareWhileIdle()
                firstFrame = false
            }
            shownBefore = app.screenIdentity
            let key = app.isWorking ? backend.readKey(waitingUpTo: tick) : backend.readKey()
            if let key { app.handle(key) }
            if let ending = app.ending {
                // The run ends once the work in hand is done: show what it came to (the files
                // saved) if it changed the screen.
                if app.screenIdentity != shownBefore { draw(app, on: backend) }
                return ending
            }
        }
    }

    private static func draw(_ app: FullScreenApp, on backend: TerminalBackend) {
        let size = backend.size
        let frame = app.view(width: size.width, height: size.height, widthFunction: backend.displayWidth)
        backend.present(frame.canvas)
        app.shown(frame)
    }
}
