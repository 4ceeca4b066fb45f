import CNcursesw
import TerminalUI

extension DisplayWidths {
    /// Widths as curses will place them: the sum of `wcwidth` over a grapheme's code points.
    ///
    /// Depends on the current locale (set by `NcursesBackend.open`); outside a UTF-8 locale every
    /// non-ASCII code point counts 0, so such text is dropped rather than drawn as garbage.
    public static let system: DisplayWidth = { character in
        // Printable ASCII is one column in every locale; skip the C call for the common case.
        // One UTF-8 byte is one ASCII scalar (`asciiValue` first compares the character with
        // "\r\n", several hundred instructions a call, and a frame asks for every character).
        let utf8 = character.utf8
        if utf8.count == 1, let byte = utf8.first, byte >= 0x20, byte < 0x7F { return 1 }
        var total = 0
        for scalar in character.unicodeScalars {
            total += max(0, Int(wcwidth(wchar_t(bitPattern: scalar.value))))
        }
        return total
    }
}
