import DMFPolicy
import Foundation
import SystemCrypto

/// An OpenSSH public key: the kinds staff hold (Ed25519, ECDSA, RSA, FIDO security keys) and
/// OpenSSH certificates over them. Read from SSH's wire encoding (as a signature carries it) or
/// from a `TYPE BASE64 COMMENT` line (a `.pub` file, an allowed-signers line).
public struct SSHPublicKey: Sendable, Hashable {
    /// What the key is, as far as checking a signature needs to know.
    public enum Kind: Sendable, Hashable {
        /// 32 bytes.
        case ed25519([UInt8])
        /// A point on a NIST curve, as SEC 1 encodes it; `curve` is OpenSSH's name (`nistp256`).
        case ecdsa(curve: String, point: [UInt8])
        /// The public exponent and modulus, as the key's mpints write them.
        case rsa(exponent: [UInt8], modulus: [UInt8])
        /// A FIDO security key (`sk-…@openssh.com`): what it signs adds a flag byte and a counter,
        /// and OpenSSH's own tool checks those.
        case securityKey(application: String)
        /// An OpenSSH certificate: a key signed by a certificate authority.
        indirect case certificate(SSHCertificate)
    }

    /// The type name, as written before the base64 in a `.pub` file (`ssh-ed25519`).
    public let type: String
    public let kind: Kind
    /// The key in SSH's wire encoding: what a signature carries and the fingerprint hashes.
    public let wire: [UInt8]

    /// The key types read here, without certificates. DSA is left out: OpenSSH no longer makes
    /// or accepts DSA keys.
    static let plainTypes: Set<String> = [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    /// Whether `name` is the type name of a key read here, plain or certificate: how an
    /// allowed-signers line tells a key from options.
    static func isTypeName(_ name: String) -> Bool {
        plainTypes.contains(name) || certifiedType(of: name) != nil
    }

    /// `ssh-ed25519` for `ssh-ed25519-cert-v01@openssh.com`, nil for a name that is not a
    /// certificate's.
    static func certifiedType(of name: String) -> String? {
        guard name.hasSuffix(certificateSuffix) else { return nil }
        let base = String(name.dropLast(certificateSuffix.count))
        // The security keys' names carry "@openssh.com" after the "-cert-v01" part.
        let plain = base.hasPrefix("sk-") ? base + "@openssh.com" : base
        return plainTypes.contains(plain) ? plain : nil
    }

    private static let certificateSuffix = "-cert-v01@openssh.com"

    /// Reads a key in SSH's wire encoding; nothing may follow it.
    public init(wire: [UInt8]) throws(SSHFormatError) {
        var reader = SSHWireReader(wire)
        let type = try reader.text("the key's type")
        let kind: Kind
        if let plain = Self.certifiedType(of: type) {
            kind = .certificate(try SSHCertificate(reading: &reader, type: plain))
        } else if Self.plainTypes.contains(type) {
            kind = try Self.readFields(of: type, from: &reader)
        } else {
            throw SSHFormatError("it is a key of type \(Sanitizer.visible(type, limit: 60)), which is not accepted")
        }
        guard reader.isAtEnd else { throw SSHFormatError("the \(type) key has bytes after its end") }
        self.type = type
        self.kind = kind
        self.wire = wire
    }

    /// Reads a key written as `TYPE BASE64` with an optional comment after it, as in a `.pub` file.
    public init(line: String) throws(SSHFormatError) {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(2)
        guard fields.count == 2 else {
            throw SSHFormatError(
                "it is not a public key (one is written as its type, then base64, such as ssh-ed25519 AAAA…)")
        }
        try self.init(type: String(fields[fields.startIndex]), base64: String(fields[fields.startIndex + 1]))
    }

    /// Reads a key from its type name and base64, which must name the same type.
    init(type: String, base64: String) throws(SSHFormatError) {
        guard Self.isTypeName(type) else {
            throw SSHFormatError("\(Sanitizer.visible(type, limit: 60)) is not a key type that is accepted")
        }
        guard let bytes = Data(base64Encoded: base64) else {
            throw SSHFormatError("the \(type) key's base64 is damaged")
        }
        try self.init(wire: Array(bytes))
        guard self.type == type else {
            throw SSHFormatError("the key is written as \(type) but holds a \(self.type) key")
        }
    }

    /// The key's fields after its type name, for a plain (not certificate) type.
    static func readFields(of type: String, from reader: inout SSHWireReader) throws(SSHFormatError) -> Kind {
        switch type {
        case "ssh-ed25519":
            let point = try reader.string("the Ed25519 key")
            guard point.count == 32 else { throw SSHFormatError("the Ed25519 key is not 32 bytes long") }
            return .ed25519(point)
        case "ssh-rsa":
            let exponent = try reader.positiveMPInt("the RSA key's exponent")
            let modulus = try reader.positiveMPInt("the RSA key's modulus")
            return .rsa(exponent: exponent, modulus: modulus)
        case "sk-ssh-ed25519@openssh.com":
            let point = try reader.string("the security key's Ed25519 key")
            guard point.count == 32 else { throw SSHFormatError("the security key's Ed25519 key is not 32 bytes long") }
            return .securityKey(application: try reader.text("the security key's application"))
        default:
            // ECDSA, plain or on a security key: the curve must be the one the type names.
            let curve = try reader.text("the ECDSA key's curve")
            guard type.hasSuffix("-" + curve) || type == "sk-ecdsa-sha2-\(curve)@openssh.com" else {
                throw SSHFormatError("the \(type) key names another curve (\(Sanitizer.visible(curve, limit: 40)))")
            }
            let point = try reader.string("the ECDSA key's point")
            let size = ["nistp256": 65, "nistp384": 97, "nistp521": 133][curve]
            guard point.count == size, point.first == 0x04 else {
                throw SSHFormatError("the ECDSA key's point is not an uncompressed point on \(curve)")
            }
            if type.hasPrefix("sk-") {
                return .securityKey(application: try reader.text("the security key's application"))
            }
            return .ecdsa(curve: curve, point: point)
        }
    }

    /// `TYPE BASE64`: the key as a `.pub` file or an allowed-signers line writes it.
    public var line: String { "\(type) \(Data(wire).base64EncodedString())" }

    /// Whether signatures by this key are checked here; the others (security keys, certificates,
    /// P-521) are handed to `ssh-keygen -Y verify`.
    public var isCheckedNatively: Bool {
        switch kind {
        case .ed25519, .rsa: true
        case .ecdsa(let curve, _): curve == "nistp256" || curve == "nistp384"
        case .securityKey, .certificate: false
        }
    }

    /// The key as SystemCrypto checks it, for the kinds checked natively. Throws when the bytes
    /// are not a usable key (a point off its curve, an RSA modulus under 1024 bits).
    func nativeKey() throws(PublicKeyError) -> PublicKey {
        switch kind {
        case .ed25519(let point): return try PublicKey.ed25519(point)
        case .ecdsa("nistp256", let point): return try PublicKey.ecdsa(.p256, point: point)
        case .ecdsa("nistp384", let point): return try PublicKey.ecdsa(.p384, point: point)
        case .rsa(let exponent, let modulus): return try PublicKey.rsa(modulus: modulus, exponent: exponent)
        default: throw .invalid("\(type) keys are checked by ssh-keygen")
        }
    }

    /// The type of the key that signs: a certificate's certified key, else the key itself.
    var signingType: String {
        if case .certificate(let certificate) = kind { return certificate.certifiedType }
        return type
    }

    /// The fingerprint as OpenSSH prints it: `SHA256:` and the unpadded base64 of the SHA-256 of
    /// the key's wire encoding. A certificate's is its certified key's, as OpenSSH's is.
    public func fingerprint() throws(LibCryptoUnavailable) -> String {
        let hashed: [UInt8]
        if case .certificate(let certificate) = kind { hashed = certificate.certifiedKeyWire } else { hashed = wire }
        let digest = try DigestAlgorithm.sha256.hash(hashed)
        let base64 = Data(digest.bytes).base64EncodedString()
        return "SHA256:" + base64.prefix { $0 != "=" }
    }
}

/// An OpenSSH certificate (PROTOCOL.certkeys): a key, who it is for and when, signed by a
/// certificate authority. Read only far enough to know which authority and whom it names; the
/// authority's signature is checked by `ssh-keygen`.
public struct SSHCertificate: Sendable, Hashable {
    /// The plain type of the certified key (`ssh-ed25519`).
    public let certifiedType: String
    /// The certified key in its plain wire encoding (its type, then its fields).
    public let certifiedKeyWire: [UInt8]
    public let serial: UInt64
    /// Whether it is a user certificate (1); host certificates (2) cannot sign files.
    public let isUserCertificate: Bool
    public let keyID: String
    /// Whom it is for. OpenSSH accepts a certificate only for a principal it names.
    public let principals: [String]
    /// Seconds since 1970 (UTC), as the certificate holds them: valid from `validAfter` until
    /// `validBefore`, both included.
    public let validAfter: UInt64
    public let validBefore: UInt64
    /// The authority that signed it.
    public let authority: SSHPublicKey

    init(reading reader: inout SSHWireReader, type: String) throws(SSHFormatError) {
        certifiedType = type
        _ = try reader.string("the certificate's nonce")
        let fieldsStart = reader.position
        _ = try SSHPublicKey.readFields(of: type, from: &reader)
        var plain = SSHWireWriter()
        plain.string(type)
        plain.raw(reader.bytes(from: fieldsStart))
        certifiedKeyWire = plain.bytes
        serial = try reader.uint64("the certificate's serial number")
        let role = try reader.uint32("the certificate's type")
        guard role == 1 || role == 2 else { throw SSHFormatError("the certificate is neither a user's nor a host's") }
        isUserCertificate = role == 1
        keyID = try reader.text("the certificate's key id")
        var names = SSHWireReader(try reader.string("the certificate's principals"))
        var principals: [String] = []
        while !names.isAtEnd { principals.append(try names.text("a principal of the certificate")) }
        self.principals = principals
        validAfter = try reader.uint64("the certificate's start")
        validBefore = try reader.uint64("the certificate's end")
        _ = try reader.string("the certificate's critical options")
        _ = try reader.string("the certificate's extensions")
        _ = try reader.string("the certificate's reserved field")
        let authorityWire = try reader.string("the certificate's authority key")
        do {
            authority = try SSHPublicKey(wire: authorityWire)
        } catch {
            throw SSHFormatError("the certificate's authority key cannot be read: \(error.description)")
        }
        if case .certificate = authority.kind {
            throw SSHFormatError("the certificate's authority is itself a certificate")
        }
        _ = try reader.string("the certificate's signature")
    }

    /// Whether the certificate was valid at `seconds` since 1970, as OpenSSH judges it.
    func isValid(atSecond seconds: UInt64) -> Bool { validAfter <= seconds && seconds < validBefore }
}
