/// The editing model of a one-line text field: text plus a cursor counted in graphemes.
///
/// Working in graphemes (Swift `Character`s) keeps names such as "Siân Ó Ceallaigh" intact:
/// the cursor never lands inside "â", and Backspace removes a whole letter with its accent.
public struct TextInput: Equatable, Sendable {
    /// The current contents.
    public private(set) var text: String
    /// Cursor position as a grapheme index, 0...text.count.
    public var cursor: Int {
        didSet { cursor = min(max(0, cursor), text.count) }
    }

    /// Starts with `text` and the cursor at its end.
    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// Inserts `character` at the cursor and moves the cursor after it.
    ///
    /// A combining mark typed after a letter joins that letter's grapheme, so the cursor is
    /// recomputed from the new text rather than simply incremented.
    public mutating func insert(_ character: Character) {
        let index = text.index(text.startIndex, offsetBy: cursor)
        let before = String(text[..<index]) + String(character)
        text = before + text[index...]
        cursor = before.count
    }

    /// Applies an editing key. Returns true when the key was consumed, so callers can pass other
    /// keys (Enter, Esc, Tab, arrows up/down) on to the screen.
    ///
    /// Handles ←/→, Home/End, Backspace/Delete, printable characters, and the readline chords
    /// Ctrl-A (start), Ctrl-E (end), Ctrl-U (delete to start), Ctrl-K (delete to end).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let character):
            insert(character)
        case .left:
            cursor -= 1
        case .right:
            cursor += 1
        case .home, .ctrl("a"):
            cursor = 0
        case .end, .ctrl("e"):
            cursor = text.count
        case .backspace:
            guard cursor > 0 else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: index)
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .ctrl("u"):
            text = String(text[text.index(text.startIndex, offsetBy: cursor)...])
            cursor = 0
        case .ctrl("k"):
            text = String(text[..<text.index(text.startIndex, offsetBy: cursor)])
            cursor = text.count
        default:
            return false
        }
        return true
    }

    /// The part of the text to show in a field `width` columns wide, scrolled horizontally so
    /// the cursor is always visible, and the cursor's column within that part.
    ///
    /// One column is kept for the cursor when it sits after the last character.
    public func visible(width: Int, widthFunction: DisplayWidth = DisplayWidths.approximate) -> (
        text: String, cursorColumn: Int
    ) {
        guard width > 0 else { return ("", 0) }
        let characters = Array(text)
        let widths = characters.map { max(0, widthFunction($0)) }
        var start = 0
        var cursorColumn = widths[0..<cursor].reduce(0, +)
        // Scroll right until the cursor's column fits inside the field.
        while cursorColumn > width - 1, start < cursor {
            cursorColumn -= widths[start]
            start += 1
        }
        var shown = ""
        var used = 0
        for index in start..<characters.count {
            if used + widths[index] > width { break }
            shown.append(characters[index])
            used += widths[index]
        }
        return (shown, cursorColumn)
    }
}
