/// How many terminal columns a grapheme occupies.
///
/// Layout takes this as a parameter because terminals and curses disagree about widths: the
/// curses backend supplies one that matches what curses will do (wcwidth per code point), while
/// tests use the deterministic `DisplayWidths.approximate`.
public typealias DisplayWidth = @Sendable (Character) -> Int

/// Ready-made width functions.
public enum DisplayWidths {
    /// A deterministic pure-Swift estimate: 0 for combining and format characters, 2 for East
    /// Asian wide and fullwidth characters, 1 otherwise. A grapheme takes the widest of its
    /// scalars, so "e" + U+0301 is 1 and "漢" is 2.
    public static let approximate: DisplayWidth = { character in
        var widest = 0
        for scalar in character.unicodeScalars {
            widest = max(widest, scalarWidth(scalar))
        }
        return widest
    }

    /// Width of one scalar under the `approximate` rules.
    static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        return isWide(value) ? 2 : 1
    }

    /// East Asian Wide/Fullwidth blocks plus the emoji blocks terminals draw double-width.
    private static func isWide(_ value: UInt32) -> Bool {
        for range in wideRanges where range.contains(value) { return true }
        return false
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
