/// The characters used for borders and choice markers.
///
/// `.unicode` needs a UTF-8 locale; `.ascii` is the fallback when the locale is not UTF-8 (and
/// reads well on a screen reader's braille line).
public struct BoxCharset: Sendable, Hashable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Where a horizontal rule meets the left side of a box (├).
    public var teeLeft: Character
    /// Where a horizontal rule meets the right side of a box (┤).
    public var teeRight: Character
    /// Radio marker for the chosen option, e.g. "(•)".
    public var radioSelected: String
    /// Radio marker for the other options, e.g. "( )".
    public var radioUnselected: String
    /// Checkbox marker when ticked, "[x]".
    public var checkboxChecked: String
    /// Checkbox marker when not ticked, "[ ]".
    public var checkboxUnchecked: String

    public init(
        horizontal: Character, vertical: Character, topLeft: Character, topRight: Character,
        bottomLeft: Character, bottomRight: Character, teeLeft: Character, teeRight: Character,
        radioSelected: String, radioUnselected: String, checkboxChecked: String, checkboxUnchecked: String
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.teeLeft = teeLeft
        self.teeRight = teeRight
        self.radioSelected = radioSelected
        self.radioUnselected = radioUnselected
        self.checkboxChecked = checkboxChecked
        self.checkboxUnchecked = checkboxUnchecked
    }

    /// Light box-drawing characters, for UTF-8 terminals.
    public static let unicode = BoxCharset(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤", radioSelected: "(•)", radioUnselected: "( )",
        checkboxChecked: "[x]", checkboxUnchecked: "[ ]")

    /// Plain ASCII, for non-UTF-8 locales.
    public static let ascii = BoxCharset(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+", radioSelected: "(*)", radioUnselected: "( )",
        checkboxChecked: "[x]", checkboxUnchecked: "[ ]")

    /// The charset matching a backend's Unicode support.
    public static func forUnicode(_ supported: Bool) -> BoxCharset { supported ? .unicode : .ascii }
}
