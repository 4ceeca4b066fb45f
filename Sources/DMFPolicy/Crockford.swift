/// Crockford's base32: digits and letters without I, L, O and U, so codes survive being read
/// aloud and typed back (I/L read as 1, O as 0). Used for DMF references and resume codes.
public enum Crockford {
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The symbol for a 5-bit value.
    public static func symbol(_ value: Int) -> Character { alphabet[value & 31] }

    /// The value of a symbol typed by a person, forgiving case and the look-alikes I, L and O.
    public static func value(of symbol: Character) -> Int? {
        let upper = Character(symbol.uppercased())
        let normalised: Character =
            switch upper {
            case "I", "L": "1"
            case "O": "0"
            default: upper
            }
        return alphabet.firstIndex(of: normalised)
    }

    /// `count` symbols from the low bits of `value`, most significant first.
    public static func encode(_ value: UInt64, count: Int) -> String {
        String((0..<count).reversed().map { symbol(Int((value >> UInt64($0 * 5)) & 31)) })
    }

    /// FNV-1a, 64-bit: a small, stable hash (not for security) for references.
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}
