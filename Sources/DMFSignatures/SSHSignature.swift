import DMFPolicy
import Foundation
import SystemCrypto

/// A signature in OpenSSH's SSHSIG format (PROTOCOL.sshsig), as `ssh-keygen -Y sign` makes it:
/// the signer's public key, the namespace (what kind of thing was signed), the hash of the
/// message and the key's signature over them. Read strictly: anything OpenSSH would refuse, and
/// bytes after the end, are refused with the reason.
public struct SSHSignature: Sendable, Equatable {
    /// How the message is hashed before it is signed.
    public enum HashAlgorithm: String, Sendable, CaseIterable {
        case sha256, sha512

        var digest: DigestAlgorithm {
            switch self {
            case .sha256: .sha256
            case .sha512: .sha512
            }
        }
    }

    /// The key's signature, as far as it can be read here.
    package enum Payload: Sendable, Equatable {
        /// A signature SystemCrypto checks.
        case native(Signature)
        /// A signature only `ssh-keygen` checks (security keys, P-521).
        case external
    }

    static let magic = Array("SSHSIG".utf8)
    static let version: UInt32 = 1

    public let publicKey: SSHPublicKey
    /// What kind of thing was signed; a signature made for one namespace is never valid for another.
    public let namespace: String
    public let hashAlgorithm: HashAlgorithm
    /// The name of the key's signature algorithm (`ssh-ed25519`, `rsa-sha2-512`).
    public let algorithm: String
    /// The `signature` field as the blob holds it: the algorithm's name, then its bytes.
    let signatureField: [UInt8]
    /// PROTOCOL.sshsig's `reserved` field. What is signed always has it empty; the blob may carry
    /// something there, which OpenSSH ignores and so does this.
    let reserved: [UInt8]
    package let payload: Payload

    /// Reads the blob (what the armour's base64 holds).
    public init(blob: [UInt8]) throws(SSHFormatError) {
        var reader = SSHWireReader(blob)
        guard Array(try reader.raw(6, "its first six bytes")) == Self.magic else {
            throw SSHFormatError("it is not an SSH signature (it does not start with SSHSIG)")
        }
        let version = try reader.uint32("its version")
        guard version == Self.version else {
            throw SSHFormatError("it is an SSH signature of version \(version); only version 1 exists")
        }
        let keyWire = try reader.string("its public key")
        do {
            publicKey = try SSHPublicKey(wire: keyWire)
        } catch {
            throw SSHFormatError("its public key cannot be read: \(error.description)")
        }
        namespace = try reader.text("its namespace")
        guard !namespace.isEmpty else { throw SSHFormatError("its namespace is empty") }
        reserved = try reader.string("its reserved field")
        let hashName = try reader.text("its hash algorithm")
        guard let hash = HashAlgorithm(rawValue: hashName) else {
            throw SSHFormatError(
                "it hashes the message with \(Sanitizer.visible(hashName, limit: 40)); only sha256 and sha512 are accepted"
            )
        }
        hashAlgorithm = hash
        signatureField = try reader.string("its signature")
        guard reader.isAtEnd else { throw SSHFormatError("it has bytes after the signature (trailing data)") }
        (algorithm, payload) = try Self.readSignature(signatureField, key: publicKey)
    }

    /// Reads the armoured text `ssh-keygen` writes (`-----BEGIN SSH SIGNATURE-----` …).
    public init(armored text: some Collection<UInt8>) throws(SSHFormatError) {
        try self.init(blob: try Armour.unwrap(text))
    }

    public init(armored text: String) throws(SSHFormatError) { try self.init(armored: Array(text.utf8)) }

    /// The blob: what the armour's base64 holds.
    public var blob: [UInt8] {
        var writer = SSHWireWriter()
        writer.raw(Self.magic)
        writer.uint32(Self.version)
        writer.string(publicKey.wire)
        writer.string(namespace)
        writer.string(reserved)
        writer.string(hashAlgorithm.rawValue)
        writer.string(signatureField)
        return writer.bytes
    }

    /// The signature as `ssh-keygen` writes it to a `.sig` file, byte for byte.
    public var armored: String { Armour.wrap(blob) }

    /// What the key signs for `message` (PROTOCOL.sshsig, "Signed Data"): the magic, the
    /// namespace, an empty reserved field, the hash algorithm's name and the message's hash.
    public static func signedData(
        namespace: String, hashAlgorithm: HashAlgorithm, message: some Sequence<UInt8>
    ) throws(LibCryptoUnavailable) -> [UInt8] {
        let digest = try hashAlgorithm.digest.hash(message)
        var writer = SSHWireWriter()
        writer.raw(magic)
        writer.string(namespace)
        writer.string([UInt8]())
        writer.string(hashAlgorithm.rawValue)
        writer.string(digest.bytes)
        return writer.bytes
    }

    /// The algorithm's name and what can be read of the signature, refusing a signature that does
    /// not belong to the key's type.
    private static func readSignature(
        _ field: [UInt8], key: SSHPublicKey
    ) throws(SSHFormatError) -> (String, Payload) {
        var reader = SSHWireReader(field)
        let algorithm = try reader.text("the signature's algorithm")
        let type = key.signingType
        let bytes = try reader.string("the signature")
        if type == "ssh-rsa", algorithm == "ssh-rsa" {
            throw SSHFormatError(
                "it is an RSA signature with SHA-1 (ssh-rsa), which OpenSSH does not accept for signed files")
        }
        switch key.kind {
        case .securityKey, .certificate:
            // ssh-keygen reads and checks the rest (a security key adds flags and a counter).
            let expected = type == "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256"] : [type]
            guard expected.contains(algorithm) else { throw mismatch(algorithm, type) }
            return (algorithm, .external)
        case .ed25519:
            guard algorithm == type else { throw mismatch(algorithm, type) }
            guard reader.isAtEnd else { throw SSHFormatError("the signature has bytes after its end") }
            guard bytes.count == 64 else { throw SSHFormatError("the Ed25519 signature is not 64 bytes long") }
            return (algorithm, .native(.ed25519(bytes)))
        case .ecdsa(let curve, _):
            guard algorithm == type else { throw mismatch(algorithm, type) }
            guard reader.isAtEnd else { throw SSHFormatError("the signature has bytes after its end") }
            guard curve == "nistp256" || curve == "nistp384" else { return (algorithm, .external) }
            var numbers = SSHWireReader(bytes)
            let r = try numbers.positiveMPInt("the ECDSA signature's r")
            let s = try numbers.positiveMPInt("the ECDSA signature's s")
            guard numbers.isAtEnd else { throw SSHFormatError("the ECDSA signature has bytes after its end") }
            return (algorithm, .native(.ecdsa(r: r, s: s)))
        case .rsa(_, let modulus):
            guard reader.isAtEnd else { throw SSHFormatError("the signature has bytes after its end") }
            let hash: DigestAlgorithm
            switch algorithm {
            case "rsa-sha2-512": hash = .sha512
            case "rsa-sha2-256": hash = .sha256
            default: throw mismatch(algorithm, type)
            }
            // OpenSSH pads a signature shorter than the modulus with leading zeros; a longer one is
            // refused.
            let size = modulus.drop { $0 == 0 }.count
            guard bytes.count <= size else { throw SSHFormatError("the RSA signature is longer than the key") }
            return (algorithm, .native(.rsa([UInt8](repeating: 0, count: size - bytes.count) + bytes, hash: hash)))
        }
    }

    private static func mismatch(_ algorithm: String, _ type: String) -> SSHFormatError {
        SSHFormatError("it is a \(Sanitizer.visible(algorithm, limit: 60)) signature by a \(type) key")
    }
}

/// The armour around a signature's blob (PROTOCOL.sshsig, "Armored format").
enum Armour {
    static let begin = "-----BEGIN SSH SIGNATURE-----"
    static let end = "-----END SSH SIGNATURE-----"
    /// A signature file larger than this is not a signature: the largest blob OpenSSH makes (a
    /// certificate with a 16384-bit RSA authority) is a few kilobytes.
    static let largest = 64 * 1024

    /// The blob armoured as `ssh-keygen` writes it: base64 lines of 70 characters.
    static func wrap(_ blob: [UInt8]) -> String {
        let base64 = Array(Data(blob).base64EncodedString().utf8)
        var out = begin + "\n"
        for start in stride(from: 0, to: base64.count, by: 70) {
            out += String(decoding: base64[start..<min(start + 70, base64.count)], as: UTF8.self) + "\n"
        }
        return out + end + "\n"
    }

    /// The blob inside armoured text. Lines may end in CRLF; nothing but a line ending may follow
    /// the last line.
    static func unwrap(_ text: some Collection<UInt8>) throws(SSHFormatError) -> [UInt8] {
        guard text.count <= largest else { throw SSHFormatError("it is too large to be an SSH signature") }
        let text = Array(text)
        // Each line without its ending; a final line ending starts no line after it.
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        while start < text.count {
            let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
            let line = text[start..<end]
            lines.append(line.last == UInt8(ascii: "\r") ? line.dropLast() : line)
            start = end + 1
        }
        guard let first = lines.first, first.elementsEqual(begin.utf8) else {
            throw SSHFormatError("it is not an SSH signature (it does not start with \(begin))")
        }
        guard let endLine = lines.firstIndex(where: { $0.elementsEqual(end.utf8) }) else {
            throw SSHFormatError("the signature has no \(end) line")
        }
        guard endLine == lines.count - 1 else { throw SSHFormatError("there is text after the signature's last line") }
        let body = lines[1..<endLine]
        var base64: [UInt8] = []
        base64.reserveCapacity(text.count)
        for line in body {
            guard !line.isEmpty else { throw SSHFormatError("the signature's base64 lines are damaged") }
            for byte in line where !isBase64(byte) { throw SSHFormatError("the signature's base64 lines are damaged") }
            base64.append(contentsOf: line)
        }
        guard !base64.isEmpty else { throw SSHFormatError("the signature's base64 lines are damaged") }
        guard let blob = Data(base64Encoded: Data(base64)) else {
            throw SSHFormatError("the signature's base64 is damaged")
        }
        return Array(blob)
    }

    /// A character of base64 as the armour writes it (letters, digits, `+`, `/`, `=`).
    private static func isBase64(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
            true
        default: false
        }
    }
}
