/// Finds a key written twice in one JSON object. JSON readers disagree about which of two
/// copies counts (Foundation's decoder took the first `"files"`, Python's `json` the last), so a
/// manifest or receipt holding one could be read one way here and another way elsewhere: such
/// a file is refused instead. Only objects' keys are looked at; the decoder reads the rest.
public enum JSONDuplicateKeys {
    /// The first key found twice in one object (its text as written, escapes decoded only
    /// as far as comparing bytes needs), or nil when there is none. Malformed JSON is left for
    /// the decoder to refuse.
    public static func first(in bytes: [UInt8]) -> String? {
        // One entry per open container: the keys of an object so far, or nil for an array.
        var open: [Set<[UInt8]>?] = []
        // Whether the next string in the innermost object is a key.
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                open.append([])
                expectingKey = true
            case UInt8(ascii: "["):
                open.append(nil)
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !open.isEmpty { open.removeLast() }
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = open.last.map { $0 != nil } ?? false
            case UInt8(ascii: ":"):
                expectingKey = false
            case UInt8(ascii: "\""):
                var end = index + 1
                var text: [UInt8] = []
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\"), end + 1 < bytes.count {
                        text += decodedEscape(bytes, at: end)
                        end += bytes[end + 1] == UInt8(ascii: "u") ? 6 : 2
                    } else {
                        text.append(bytes[end])
                        end += 1
                    }
                }
                if expectingKey, let keys = open.last, let keys {
                    if keys.contains(text) { return String(decoding: text, as: UTF8.self) }
                    open[open.count - 1] = keys.union([text])
                    expectingKey = false
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// An escape as bytes to compare: `\"` is `"`, `\u0041` is `A` (kept as its code otherwise,
    /// so two spellings of one ASCII key still compare equal).
    private static func decodedEscape(_ bytes: [UInt8], at index: Int) -> [UInt8] {
        let next = bytes[index + 1]
        switch next {
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "u"):
            guard index + 5 < bytes.count,
                let code = UInt32(String(decoding: bytes[(index + 2)...(index + 5)], as: UTF8.self), radix: 16)
            else { return [next] }
            if let scalar = Unicode.Scalar(code) { return Array(String(Character(scalar)).utf8) }
            return Array("\\u\(code)".utf8)
        default: return [next]
        }
    }
}
