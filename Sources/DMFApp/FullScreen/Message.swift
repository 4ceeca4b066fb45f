import TerminalUI

/// A line about the last key: a problem to put right ("Choose at least one format.") or news of
/// what it did ("Draft saved: …"). A message is part of the state of the screen it was said on,
/// so it goes when that screen goes; each screen's `update` says which of its keys end it sooner.
/// Only `Effect.say` hands one on to the next screen.
struct Message: Equatable {
    enum Kind: Equatable {
        case problem
        case done
    }

    var text: String
    var kind: Kind

    static func problem(_ text: String) -> Message { Message(text: text, kind: .problem) }
    static func done(_ text: String) -> Message { Message(text: text, kind: .done) }
}

extension Page {
    /// The message, kept in view at the bottom of the page and marked with "!" so it is seen
    /// without colour.
    mutating func message(_ message: Message?) {
        if let message { pinned("! " + message.text, style: .error) }
    }
}
