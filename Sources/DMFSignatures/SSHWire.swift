/// Why bytes in one of OpenSSH's formats (a key, a signature, an allowed-signers line) cannot be
/// used, in plain words.
public struct SSHFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// Reads SSH's wire encoding (RFC 4251, section 5): big-endian integers, and strings and mpints
/// that carry their length first. Every read names the field, so a short or damaged blob is
/// refused with the field where it went wrong.
struct SSHWireReader {
    private let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        position = 0
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func raw(_ count: Int, _ field: String) throws(SSHFormatError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count - position >= count else { throw SSHFormatError("it ends early, in \(field)") }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func byte(_ field: String) throws(SSHFormatError) -> UInt8 { try raw(1, field).first ?? 0 }

    mutating func uint32(_ field: String) throws(SSHFormatError) -> UInt32 {
        try raw(4, field).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func uint64(_ field: String) throws(SSHFormatError) -> UInt64 {
        try raw(8, field).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// A `string`: a 32-bit length, then that many bytes.
    mutating func string(_ field: String) throws(SSHFormatError) -> [UInt8] {
        let count = try uint32(field)
        return Array(try raw(Int(count), field))
    }

    /// A `string` holding text: UTF-8 with no NUL (OpenSSH reads these as C strings, so a NUL
    /// would make it see less than is there).
    mutating func text(_ field: String) throws(SSHFormatError) -> String {
        let bytes = try string(field)
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
            throw SSHFormatError("\(field) is not text")
        }
        return text
    }

    /// An `mpint` that must be positive: big-endian, with a leading zero byte only where the top
    /// bit would otherwise be set, as OpenSSH insists. Returns the bytes as written.
    mutating func positiveMPInt(_ field: String) throws(SSHFormatError) -> [UInt8] {
        let bytes = try string(field)
        guard let first = bytes.first else { throw SSHFormatError("\(field) is zero") }
        guard first & 0x80 == 0 else { throw SSHFormatError("\(field) is negative") }
        if first == 0 {
            guard bytes.count > 1, bytes[1] & 0x80 != 0 else {
                throw SSHFormatError("\(field) has a leading zero it does not need")
            }
        }
        return bytes
    }

    /// The bytes from `start` to where the reader is now.
    func bytes(from start: Int) -> [UInt8] { Array(bytes[start..<position]) }
}

/// Writes SSH's wire encoding.
struct SSHWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ more: some Sequence<UInt8>) { bytes.append(contentsOf: more) }

    mutating func uint32(_ value: UInt32) {
        bytes.append(contentsOf: [
            UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff),
        ])
    }

    mutating func string(_ value: some Collection<UInt8>) {
        uint32(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ text: String) { string(Array(text.utf8)) }
}
