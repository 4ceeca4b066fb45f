import SystemCrypto
import Testing

/// Signature checks against RFC 8032's Ed25519 vector and against keys and signatures that the
/// `openssl` tool makes at run time: each valid one accepted, and refused once a byte of the
/// message or signature changes, or when checked with another key.
@Suite struct SignatureTests {
    static func bytes(_ hex: String) -> [UInt8] { OpenSSLTool.bytes(hex: hex) ?? [] }

    static let needsOpenSSL = ConditionTrait.enabled(
        if: OpenSSLTool.isAvailable, "openssl is not installed (apt-get install openssl)")

    /// RFC 8032, section 7.1, test 1: the empty message.
    @Test func ed25519Rfc8032Vector1() throws {
        let key = try PublicKey.ed25519(Self.bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        let signature = Self.bytes(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        )
        #expect(key.isValid(.ed25519(signature), for: [UInt8]()))
        #expect(!key.isValid(.ed25519(signature), for: [0x00]))
        for index in [0, 31, 32, 63] {
            #expect(!key.isValid(.ed25519(signature.changing(at: index)), for: [UInt8]()), "byte \(index) changed")
        }
        #expect(!key.isValid(.ed25519(Array(signature.dropLast())), for: [UInt8]()))
        // Test 2's key did not sign it.
        let other = try PublicKey.ed25519(
            Self.bytes("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"))
        #expect(!other.isValid(.ed25519(signature), for: [UInt8]()))
        // A signature of another kind is never valid for this key.
        #expect(!key.isValid(.ecdsa(r: [1], s: [1]), for: [UInt8]()))
    }

    @Test func ed25519KeyOfTheWrongLengthIsRefused() {
        #expect(throws: PublicKeyError.self) { try PublicKey.ed25519([UInt8](repeating: 7, count: 31)) }
        #expect(throws: PublicKeyError.self) { try PublicKey.ed25519([]) }
    }

    @Test(Self.needsOpenSSL) func ed25519FromOpenSSL() throws {
        let tool = try OpenSSLTool()
        let message = Array("Sealed DMF-20261206-7K3Q\n".utf8) + (0..<200).map { UInt8($0) }
        try tool.write("message", message)
        try tool.run("genpkey", "-algorithm", "ED25519", "-out", "key.pem")
        try tool.run("genpkey", "-algorithm", "ED25519", "-out", "other.pem")
        try tool.run("pkeyutl", "-sign", "-rawin", "-inkey", "key.pem", "-in", "message", "-out", "signature")
        let signature = try tool.read("signature")
        let key = try PublicKey.ed25519(try tool.publicKeyTail("key.pem", count: 32))
        let other = try PublicKey.ed25519(try tool.publicKeyTail("other.pem", count: 32))
        #expect(key.isValid(.ed25519(signature), for: message))
        #expect(!key.isValid(.ed25519(signature), for: message.changing(at: 5)))
        #expect(!key.isValid(.ed25519(signature.changing(at: 40)), for: message))
        #expect(!other.isValid(.ed25519(signature), for: message))
    }

    @Test(Self.needsOpenSSL, arguments: [(ECDSACurve.p256, "P-256", "-sha256", 65), (.p384, "P-384", "-sha384", 97)])
    func ecdsaFromOpenSSL(_ curve: ECDSACurve, name: String, hash: String, pointSize: Int) throws {
        let tool = try OpenSSLTool()
        let message = Array("A decision statement\n".utf8) + (0..<500).map { UInt8($0 % 251) }
        try tool.write("message", message)
        for key in ["key.pem", "other.pem"] {
            try tool.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:\(name)", "-out", key)
        }
        try tool.run("dgst", hash, "-sign", "key.pem", "-out", "signature.der", "message")
        let point = try tool.publicKeyTail("key.pem", count: pointSize)
        #expect(point.first == 0x04, "an uncompressed point")
        let parts = try #require(OpenSSLTool.integers(fromDER: try tool.read("signature.der")))
        let key = try PublicKey.ecdsa(curve, point: point)
        let other = try PublicKey.ecdsa(curve, point: try tool.publicKeyTail("other.pem", count: pointSize))

        #expect(key.isValid(.ecdsa(r: parts.r, s: parts.s), for: message))
        // Without the mpint's leading zero the numbers are the same.
        let r = parts.r.first == 0 ? Array(parts.r.dropFirst()) : [0] + parts.r
        #expect(key.isValid(.ecdsa(r: r, s: parts.s), for: message))

        #expect(!key.isValid(.ecdsa(r: parts.r, s: parts.s), for: message.changing(at: 0)))
        #expect(!key.isValid(.ecdsa(r: parts.r, s: parts.s), for: message.changing(at: message.count - 1)))
        #expect(!key.isValid(.ecdsa(r: parts.r.changing(at: parts.r.count - 1), s: parts.s), for: message))
        #expect(!key.isValid(.ecdsa(r: parts.r, s: parts.s.changing(at: 3)), for: message))
        #expect(!key.isValid(.ecdsa(r: parts.s, s: parts.r), for: message))
        #expect(!other.isValid(.ecdsa(r: parts.r, s: parts.s), for: message))
        #expect(!key.isValid(.ecdsa(r: [], s: []), for: message))
    }

    /// A point off the curve is refused when the key is made, as is one of the other curve.
    @Test(Self.needsOpenSSL) func ecdsaPointOffTheCurveIsRefused() throws {
        let tool = try OpenSSLTool()
        try tool.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem")
        let point = try tool.publicKeyTail("key.pem", count: 65)
        _ = try PublicKey.ecdsa(.p256, point: point)
        #expect(throws: PublicKeyError.invalid("not a public key on P-256")) {
            try PublicKey.ecdsa(.p256, point: point.changing(at: 64))
        }
        #expect(throws: PublicKeyError.self) { try PublicKey.ecdsa(.p384, point: point) }
        #expect(throws: PublicKeyError.self) { try PublicKey.ecdsa(.p256, point: []) }
    }

    @Test(Self.needsOpenSSL) func rsa2048FromOpenSSL() throws {
        let tool = try OpenSSLTool()
        let message = Array("A receipt\n".utf8) + (0..<1_000).map { UInt8($0 % 256) }
        try tool.write("message", message)
        for key in ["key.pem", "other.pem"] {
            try tool.run(
                "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-pkeyopt",
                "rsa_keygen_pubexp:65537", "-out", key)
        }
        try tool.run("dgst", "-sha256", "-sign", "key.pem", "-out", "sha256.sig", "message")
        try tool.run("dgst", "-sha512", "-sign", "key.pem", "-out", "sha512.sig", "message")
        let exponent: [UInt8] = [0x01, 0x00, 0x01]
        let modulus = try tool.modulus("key.pem")
        #expect(modulus.count == 256)
        let key = try PublicKey.rsa(modulus: modulus, exponent: exponent)
        let other = try PublicKey.rsa(modulus: try tool.modulus("other.pem"), exponent: exponent)

        for (file, hash, wrongHash) in [
            ("sha256.sig", DigestAlgorithm.sha256, DigestAlgorithm.sha512), ("sha512.sig", .sha512, .sha256),
        ] {
            let signature = try tool.read(file)
            #expect(key.isValid(.rsa(signature, hash: hash), for: message), "\(file)")
            #expect(!key.isValid(.rsa(signature, hash: wrongHash), for: message), "\(file) as the other hash")
            #expect(!key.isValid(.rsa(signature, hash: hash), for: message.changing(at: 2)), "\(file)")
            #expect(!key.isValid(.rsa(signature.changing(at: 100), hash: hash), for: message), "\(file)")
            #expect(!key.isValid(.rsa(Array(signature.dropFirst()), hash: hash), for: message), "\(file)")
            #expect(!other.isValid(.rsa(signature, hash: hash), for: message), "\(file)")
            // SHA-384 is not one of SSH's RSA hashes.
            #expect(!key.isValid(.rsa(signature, hash: .sha384), for: message))
        }
        #expect(throws: PublicKeyError.invalid("an RSA key of 0 bits is too short (at least 1024 are needed)")) {
            try PublicKey.rsa(modulus: [], exponent: exponent)
        }
        #expect(throws: PublicKeyError.invalid("an RSA key of 1016 bits is too short (at least 1024 are needed)")) {
            try PublicKey.rsa(modulus: [0] + modulus.prefix(127), exponent: exponent)
        }
    }
}
