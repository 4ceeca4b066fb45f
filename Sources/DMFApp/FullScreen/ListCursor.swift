import TerminalUI

/// The highlight on a list. Choice lists start with nothing highlighted (nothing is ever chosen
/// for the person); other lists start on a row. Digits add up while they still name an option
/// (`1` `1` is option 11 of 11) with no timer, so the result does not depend on typing speed;
/// any other key ends the number. Only Enter ever chooses.
struct ListCursor: Equatable {
    var position: Int?
    private var typedNumber = ""

    init(at position: Int?) { self.position = position }

    /// Moves for ↑ ↓ Home End PgUp PgDn or a digit naming an option of `count`.
    /// - Returns: whether the highlight moved.
    @discardableResult
    mutating func move(_ key: Key, count: Int) -> Bool {
        let moved: Int? =
            switch key {
            case .up: position.map { max(0, $0 - 1) } ?? 0
            case .down: position.map { min(count - 1, $0 + 1) } ?? 0
            case .home: 0
            case .end: count - 1
            case .pageUp: max(0, (position ?? 0) - 10)
            case .pageDown: min(count - 1, (position ?? -1) + 10)
            default: typedOption(key, count: count)
            }
        guard let moved else { return false }
        position = moved
        return true
    }

    /// Called with every key the list sees: any key but a digit ends the number being typed.
    mutating func saw(_ key: Key) {
        if !KeyMatch.digit.matches(key) { typedNumber = "" }
    }

    /// The option number typed so far (0-based), when a digit names one; otherwise the digit
    /// starts a new number.
    private mutating func typedOption(_ key: Key, count: Int) -> Int? {
        guard case .char(let character) = key, let digit = character.wholeNumberValue, character.isASCII else {
            typedNumber = ""
            return nil
        }
        for candidate in [typedNumber + String(digit), String(digit)] {
            if let number = Int(candidate), (1...count).contains(number) {
                typedNumber = candidate
                return number - 1
            }
        }
        typedNumber = ""
        return nil
    }
}

/// The answer to a yes-or-no question put in a message ("Remove recipient 2 (Acme)? Press y to
/// remove, any other key to keep."): `y` does it, any other key keeps things as they are.
enum YesOrNo {
    case yes
    case no

    /// The question's keys. They are spelt out in the question itself; while it is pending the
    /// footer still lists the screen's own keys (see DECISIONS.md, "Screens as state and view").
    static let bindings: [KeyBinding<YesOrNo>] = [
        KeyBinding([.key(.char("y")), .key(.char("Y"))], nil, .yes),
        KeyBinding([.any], nil, .no),
    ]

    static func answer(_ key: Key) -> YesOrNo { bindings.action(for: key) ?? .no }
}
