/// JSON writes characters outside the Basic Multilingual Plane as two escapes, a UTF-16
/// surrogate pair (`"\ud83d\udcca"` for 📊): Python's `json.dumps` does so by default. YAML,
/// which reads our JSON files too, has no such escapes and refuses them. Before parsing, each
/// pair in a JSON document is rewritten as the one YAML escape for the same character
/// (`\U0001F4CA`), so any valid JSON is read as JSON would read it.
enum JSONSurrogates {
    /// The text with every escaped surrogate pair combined; text that does not look like JSON
    /// (its first non-blank character is not `{` or `[`) or has no `\u` is returned unchanged.
    static func combined(_ text: String) -> String {
        guard text.contains("\\u"),
            let first = text.utf8.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                out.append(byte)
                index += 1
                continue
            }
            // In JSON a backslash only ever appears inside a string, as the start of an escape.
            if let high = unit(bytes, at: index), (0xD800...0xDBFF).contains(high),
                let low = unit(bytes, at: index + 6), (0xDC00...0xDFFF).contains(low)
            {
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                let hex = String(scalar, radix: 16, uppercase: true)
                out += Array("\\U\(String(repeating: "0", count: 8 - hex.count))\(hex)".utf8)
                index += 12
            } else {
                // Any other escape (`\\`, `\"`, `\n`, a single `\u00e9`) is copied whole, so an
                // escaped backslash is never mistaken for the start of the next escape.
                out += bytes[index...index + 1]
                index += 2
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The UTF-16 unit of a `\u` escape (backslash, `u`, four hex digits) starting at `index`,
    /// if there is one.
    private static func unit(_ bytes: [UInt8], at index: Int) -> UInt16? {
        guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
            return nil
        }
        let digits = bytes[index + 2..<index + 6]
        guard digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }) else { return nil }
        return UInt16(String(decoding: digits, as: UTF8.self), radix: 16)
    }
}
