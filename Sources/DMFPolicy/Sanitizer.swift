/// Removes what must never reach a document or a terminal from user text: escape sequences
/// (ESC [ … and ESC ] … which could rewrite a reader's terminal or clipboard), every other control
/// character (C0 and C1), and every invisible format character: bidirectional controls
/// (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width characters (U+200B–D, U+2060, U+FEFF) and
/// the rest of Unicode's "format" category. Those make text read differently from what it is,
/// or hide text, on a form someone signs. Line and paragraph separators (U+2028/9) count as
/// newlines.
public enum Sanitizer {
    /// Cleans one value. Newlines survive only when `keepNewlines` (multi-line descriptions);
    /// tabs become spaces.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        // Most values are plain printable ASCII: return them as they are, without copying.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B:
                skipEscapeSequence(&scalars)
            case 0x0A, 0x2028, 0x2029:
                out.append(keepNewlines ? "\n" : " ")
            case 0x0D:
                continue
            case 0x09:
                out.append(" ")
            default:
                if !isInvisible(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// One line for a terminal or a message: like `clean`, and newlines become spaces, so a value
    /// can never start a line of its own (that could pass for another message).
    public static func line(_ text: String) -> String { clean(text, keepNewlines: false) }

    /// Whether a scalar is a control or format character: drawn as nothing (or as a terminal
    /// command), so it can hide or reorder what a reader sees.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return false }
        if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
        switch scalar.properties.generalCategory {
        case .format, .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// Skips the rest of an escape sequence: CSI (ESC [ params final), OSC/DCS/APC/PM/SOS (ended by
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

extension Sanitizer {
    /// A value quoted inside a message, on one line and with nothing hidden: newlines and tabs
    /// are written as `\n` and `\t`, other controls and invisible format characters by their
    /// code (`<U+001B>`, `<U+200B>`). The person sees exactly what their file holds, and a value
    /// can never start a line that passes for another message. Long values are cut at `limit`.
    public static func visible(_ text: String, limit: Int = 120) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), text.utf8.count <= limit { return text }
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "…"
                break
            }
            count += 1
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isInvisible(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
