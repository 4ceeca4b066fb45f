import Foundation

/// A SHA-256 hash in the log's tree: a leaf's hash, an inner node's, or the root. Always 32 bytes,
/// so a proof or checkpoint holding one cannot carry a hash of the wrong length.
public struct TreeHash: Sendable, Hashable, CustomStringConvertible {
    public static let size = 32

    public let bytes: [UInt8]

    /// Nil unless there are exactly 32 bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.size else { return nil }
        self.bytes = Array(bytes)
    }

    /// For digests just computed, which are 32 bytes by construction.
    init(digest: [UInt8]) {
        precondition(digest.count == Self.size, "a SHA-256 digest is 32 bytes")
        bytes = digest
    }

    /// Reads 64 hexadecimal digits (either case); nil for anything else.
    public init?(hex: some StringProtocol) {
        guard let bytes = Hex.decode(hex), bytes.count == Self.size else { return nil }
        self.bytes = bytes
    }

    /// Reads standard base64 (RFC 4648 section 4) of 32 bytes, written the one way it encodes:
    /// padded, no spaces or line breaks, unused bits zero. Nil for anything else, so one hash has
    /// one spelling in a checkpoint or proof.
    public init?(base64: some StringProtocol) {
        guard let bytes = Base64.decodeCanonical(base64), bytes.count == Self.size else { return nil }
        self.bytes = bytes
    }

    /// Lower-case hexadecimal.
    public var hex: String { Hex.encode(bytes) }

    /// Standard padded base64: how checkpoints and proofs write a hash.
    public var base64: String { Data(bytes).base64EncodedString() }

    public var description: String { hex }
}

/// A leaf of the log: the bytes the tree commits to. In the register, an event's SHA-256 (its
/// 32 raw bytes); RFC 6962 allows any bytes, which its test vectors use.
public struct LogLeaf: Sendable, Hashable {
    public let bytes: [UInt8]

    public init(bytes: some Sequence<UInt8>) { self.bytes = Array(bytes) }

    /// An event's hash as the register keeps it: 64 lower-case hexadecimal digits. Nil for any
    /// other text, so a damaged stored hash is noticed instead of becoming some other leaf.
    /// Read from the string's bytes: `check` reads one for every event.
    public init?(eventHash: String) {
        var text = eventHash
        let bytes = text.withUTF8 { digits -> [UInt8]? in
            guard digits.count == 2 * TreeHash.size else { return nil }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(TreeHash.size)
            for index in stride(from: 0, to: digits.count, by: 2) {
                guard let high = Hex.value(lowerCase: digits[index]), let low = Hex.value(lowerCase: digits[index + 1])
                else { return nil }
                bytes.append(high << 4 | low)
            }
            return bytes
        }
        guard let bytes else { return nil }
        self.bytes = bytes
    }
}

/// Hexadecimal, both ways.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Pairs of digits in either case; nil for an odd count or any other character.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count.isMultiple(of: 2) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    static func value(lowerCase digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: value(lowerCase: digit)
        }
    }
}

/// Foundation's base64, held to the one spelling of each value.
enum Base64 {
    /// The bytes, only if `text` is exactly what encoding them gives back: Foundation alone
    /// would also accept some texts that encode nothing canonically.
    static func decodeCanonical(_ text: some StringProtocol) -> [UInt8]? {
        let text = String(text)
        guard let data = Data(base64Encoded: text), data.base64EncodedString() == text else { return nil }
        return Array(data)
    }
}
