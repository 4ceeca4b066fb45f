import CNcursesw
import TerminalUI

extension DisplayWidths {
    /// Widths as curses will place them: the sum of `wcwidth` over a grapheme's code points.
    ///
    /// Depends on the current locale (set by `NcursesBackend.open`); outside a UTF-8 locale every
    /// non-ASCII code point counts 0, so such text is dropped rather than drawn as garbage.
    public static let system: DisplayWidth = { character in
        // Printable ASCII is one column in every locale; skip the C call for the common case.
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        var total = 0
        for scalar in character.unicodeScalars {
            total += max(0, Int(wcwidth(wchar_t(bitPattern: scalar.value))))
        }
        return total
    }
}
