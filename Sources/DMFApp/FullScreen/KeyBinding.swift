import TerminalUI

/// Which keys a binding answers.
enum KeyMatch: Equatable, Sendable {
    /// Exactly this key.
    case key(Key)
    /// An ASCII digit: a number on a numbered list.
    case digit
    /// A key a text field takes: a character, or an editing key such as ← or Backspace.
    case editing
    /// Any key at all (a screen any key leaves, or the "any other key" of a question).
    case any

    func matches(_ key: Key) -> Bool {
        switch self {
        case .key(let expected): return key == expected
        case .digit:
            guard case .char(let character) = key else { return false }
            return character.isASCII && character.wholeNumberValue != nil
        case .editing:
            // The field itself decides: an empty field takes exactly the keys any field takes.
            var probe = TextInput()
            return probe.handle(key)
        case .any: return true
        }
    }

    /// ↑ and ↓.
    static let arrows: [KeyMatch] = [.key(.up), .key(.down)]
    /// ↑ ↓ and the page keys: what scrolls a page.
    static let scrolling: [KeyMatch] = arrows + [.key(.pageUp), .key(.pageDown)]
    /// What moves through a list that starts with nothing highlighted: the arrows, Home, End and
    /// the page keys.
    static let listMoves: [KeyMatch] = arrows + [.key(.home), .key(.end), .key(.pageUp), .key(.pageDown)]
    /// Esc and ←, which go back on screens without a text field.
    static let back: [KeyMatch] = [.key(.escape), .key(.left)]
    /// F1 and ?, which show help where ? is not typed.
    static let help: [KeyMatch] = [.key(.function(1)), .key(.char("?"))]
}

/// One key binding of a screen, declared once: the keys, what the footer calls them, and what
/// they do. The footer is made from the labels, and a screen's `update` acts only through its
/// bindings, so a key the footer shows is a key that works.
struct KeyBinding<Action> {
    var keys: [KeyMatch]
    /// The footer's words for it; nil for a key that works but is not listed (Esc beside q, the
    /// letters typed into a field).
    var label: String?
    var action: Action

    init(_ keys: [KeyMatch], _ label: String?, _ action: Action) {
        self.keys = keys
        self.label = label
        self.action = action
    }
}

extension KeyBinding: Sendable where Action: Sendable {}

extension Array {
    /// The action of the first binding that answers `key`, if any.
    func action<Action>(for key: Key) -> Action? where Element == KeyBinding<Action> {
        first { binding in binding.keys.contains { $0.matches(key) } }?.action
    }

    /// The footer's hints, most important first (the order the bindings are declared in).
    func hints<Action>() -> [String] where Element == KeyBinding<Action> {
        compactMap(\.label)
    }
}
