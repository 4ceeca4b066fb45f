import SystemCrypto
import Testing

/// ECDSA and RSA signature checks against keys and signatures that the `openssl` tool makes at
/// run time: each valid one accepted, and refused once a byte of the message or signature
/// changes, or when checked with another key. Ed25519 has its own suite (`Ed25519Tests`).
@Suite struct SignatureTests {
    static let needsOpenSSL = ConditionTrait.enabled(
        if: OpenSSLTool.isAvailable, "openssl is not installed (apt-get install openssl)")

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
