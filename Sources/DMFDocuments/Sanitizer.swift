/// Removes what must never reach a document or a terminal from user text: escape sequences
/// (ESC [ … and ESC ] … which could rewrite a reader's terminal), other control characters, C1
/// controls and bidirectional overrides (which make text display differently from what it is).
public enum Sanitizer {
    /// Cleans one value. Newlines survive only when `keepNewlines` (multi-line descriptions);
    /// tabs become spaces.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B:
                skipEscapeSequence(&scalars)
            case 0x0A:
                out.append(keepNewlines ? scalar : " ")
            case 0x0D:
                continue
            case 0x09:
                out.append(" ")
            case 0x00...0x1F, 0x7F, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F:
                continue
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Skips the rest of an escape sequence: CSI (ESC [ params final), OSC/DCS/APC/PM (ended by
    /// BEL or ESC \), or a two-character escape.
    private static func skipEscapeSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let introducer = scalars.next() else { return }
        switch introducer {
        case "[":
            while let next = scalars.next(), !(0x40...0x7E).contains(next.value) {}
        case "]", "P", "_", "^", "X":
            while let next = scalars.next() {
                if next.value == 0x07 { break }
                if next.value == 0x1B { _ = scalars.next(); break }
            }
        default:
            break
        }
    }
}
