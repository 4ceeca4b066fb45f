import TerminalUI

/// What a key asks of the app beyond the screen's own state and the `AppState` it was handed:
/// another screen, a command for the runner, the end of the run. Screens return one from
/// `update` and `receive`; `AppModel` carries it out.
enum Effect {
    /// Nothing more.
    case none
    /// Show this screen next.
    case show(any Screen)
    /// Put this message on the screen that is up once the key is done (the wizard may have moved
    /// on to another question, which is the one the message is about).
    case say(Message)
    /// Stop the run.
    case end(FullScreenApp.Ending)
    /// Open help for what is on screen.
    case help
    /// Show the training case's story again, over the screen.
    case story
    /// Open the go-to-step prompt.
    case jump
    /// Scroll the page by this key (↑ ↓ PgUp PgDn).
    case scroll(Key)
    /// Hand this to the runner: files, printing, the register (see `Command`).
    case run(Command)
    /// Each of these, in order.
    case all([Effect])
}
