import DMFSignatures
import Foundation
import SystemCrypto
import TestSupport
import Testing

/// What is not checked natively goes to `ssh-keygen -Y verify`: certificates under a
/// `cert-authority` line, and P-521 keys (FIDO security keys take the same path, but need a
/// device to sign).
@Suite(KeygenTool.needed) struct FallbackTests {
    static let message = InteropTests.message

    /// A folder with a certificate authority `ca`, the key `jo` and its certificate for
    /// jowner@moj.example and jo, valid through 2026.
    static func certificateFolder() throws -> KeygenTool {
        let tool = try KeygenTool()
        try tool.makeKey("ca", .ed25519)
        try tool.makeKey("jo", .ecdsa256)
        try tool.mustRun([
            "-q", "-s", "ca", "-I", "jo", "-n", "jowner@moj.example,jo", "-V", "20260101000000Z:20270101000000Z",
            "jo.pub",
        ])
        try tool.write("message", message)
        return tool
    }

    @Test func aCertificateUnderACertAuthorityLineIsCheckedBySSHKeygen() throws {
        let tool = try Self.certificateFolder()
        let ca = try tool.publicKey("ca").line
        try tool.write("allowed", "*@moj.example cert-authority,namespaces=\"dmf-wizard-decision\" \(ca)\n")
        let verifier = try SignatureVerifier(
            allowedSigners: try AllowedSigners.load(path: tool.file("allowed")),
            keygen: SSHKeygen(environment: tool.environment))
        let armored = try tool.sign("message", key: "jo-cert.pub", namespace: "dmf-wizard-decision")
        let fingerprint = try tool.publicKey("jo").fingerprint()
        let inside = utc("20260615")
        let signer = Signer(principals: ["jowner@moj.example"], fingerprint: fingerprint, lines: [1])

        #expect(
            verifier.check(armored: armored, of: Self.message, namespace: .decision, at: inside) == .trusted(signer))
        #expect(
            try tool.verifies(
                allowed: "allowed", principal: "jowner@moj.example", namespace: "dmf-wizard-decision",
                signature: "message.sig", message: "message", time: "20260615Z"))
        #expect(
            verifier.check(armored: armored, of: Self.message.changing(at: 3), namespace: .decision, at: inside)
                == .changedAfterSigning(fingerprint: fingerprint))
        let expired = verifier.check(armored: armored, of: Self.message, namespace: .decision, at: utc("20270102"))
        guard case .notValidAt(_, let late, let window) = expired else {
            Issue.record("\(expired)")
            return
        }
        #expect(late == signer)
        #expect(
            window
                == "at any time, and the certificate is valid from 2026-01-01 00:00:00 UTC until 2027-01-01 00:00:00 UTC"
        )
        #expect(
            try !tool.verifies(
                allowed: "allowed", principal: "jowner@moj.example", namespace: "dmf-wizard-decision",
                signature: "message.sig", message: "message", time: "20270102Z"))

        // The line allows decisions only.
        let receipt = try tool.sign("message", key: "jo-cert.pub", namespace: "dmf-wizard-receipt")
        #expect(
            verifier.check(armored: receipt, of: Self.message, namespace: .receipt, at: inside)
                == .notAllowedForNamespace(signer, .receipt))
        // A principal the certificate names but the line does not cover, and one it does not name.
        let decision = try tool.sign("message", key: "jo-cert.pub", namespace: "dmf-wizard-decision")
        #expect(
            verifier.check(armored: decision, of: Self.message, namespace: .decision, at: inside, principal: "jo")
                == .keyNotListed(fingerprint: fingerprint, principal: "jo"))
        #expect(
            verifier.check(
                armored: decision, of: Self.message, namespace: .decision, at: inside, principal: "ann@moj.example")
                == .keyNotListed(fingerprint: fingerprint, principal: "ann@moj.example"))
    }

    @Test func aCertificateFromAnAuthorityNotListedIsNotTrusted() throws {
        let tool = try Self.certificateFolder()
        try tool.makeKey("other-ca", .ed25519)
        // The certificate's own key listed plainly does not make the certificate trusted either.
        try tool.write(
            "allowed",
            "*@moj.example cert-authority \(try tool.publicKey("other-ca").line)\njowner@moj.example \(try tool.publicKey("ca").line)\n"
        )
        let verifier = try SignatureVerifier(allowedSigners: try AllowedSigners.load(path: tool.file("allowed")))
        let armored = try tool.sign("message", key: "jo-cert.pub", namespace: "dmf-wizard-manifest")
        #expect(
            verifier.check(armored: armored, of: Self.message, namespace: .manifest, at: utc("20260615"))
                == .keyNotListed(fingerprint: try tool.publicKey("jo").fingerprint(), principal: nil))
        #expect(
            try !tool.verifies(
                allowed: "allowed", principal: "jowner@moj.example", namespace: "dmf-wizard-manifest",
                signature: "message.sig", message: "message", time: "20260615Z"))
    }

    /// Signing with a certificate goes through ssh-keygen like any key; ssh-keygen verifies it.
    @Test func signingWithACertificateVerifiesWithSSHKeygen() throws {
        let tool = try Self.certificateFolder()
        try tool.write("allowed", "*@moj.example cert-authority \(try tool.publicKey("ca").line)\n")
        let signer = SSHSigner(keyPath: tool.file("jo-cert.pub"), keygen: SSHKeygen(environment: tool.environment))
        let signature = try signer.sign(Self.message, namespace: .receipt, terminal: .forbidden)
        guard case .certificate = signature.publicKey.kind else {
            Issue.record("signed with \(signature.publicKey.type)")
            return
        }
        try? FileManager.default.removeItem(atPath: tool.file("message.sig"))
        try tool.write("message.sig", signature.armored)
        // ssh-keygen judges a certificate at the real time; this one is valid through 2026.
        let now = Date()
        let valid = now < utc("20270101") && now >= utc("20260101")
        #expect(
            try tool.verifies(
                allowed: "allowed", principal: "jowner@moj.example", namespace: "dmf-wizard-receipt",
                signature: "message.sig", message: "message", time: "20260615Z"))
        let verifier = try SignatureVerifier(allowedSigners: try AllowedSigners.load(path: tool.file("allowed")))
        #expect(verifier.check(signature, of: Self.message, namespace: .receipt, at: utc("20260615")).isTrusted)
        #expect(verifier.check(signature, of: Self.message, namespace: .receipt, at: now).isTrusted == valid)
    }

    /// Without ssh-keygen, what needs it says so instead of passing.
    @Test func aCertificateWithoutSSHKeygenIsNotTrusted() throws {
        let tool = try Self.certificateFolder()
        try tool.write("allowed", "*@moj.example cert-authority \(try tool.publicKey("ca").line)\n")
        let verifier = try SignatureVerifier(
            allowedSigners: try AllowedSigners.load(path: tool.file("allowed")),
            keygen: SSHKeygen(path: tool.file("no-ssh-keygen")))
        let armored = try tool.sign("message", key: "jo-cert.pub", namespace: "dmf-wizard-manifest")
        let check = verifier.check(armored: armored, of: Self.message, namespace: .manifest, at: utc("20260615"))
        #expect(!check.isTrusted)
        #expect(check.description.contains("apt install openssh-client"), "\(check)")
    }

    /// A FIDO security key's signature, made without a device: its Ed25519 key signs what the
    /// device would (the application's and the signed data's SHA-256 around the flags and the
    /// counter), with openssl. ssh-keygen accepts it, and so does the fallback; a changed byte
    /// is refused, and an unlisted security key is judged without ssh-keygen.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "openssl is not installed"))
    func aSecurityKeySignatureIsCheckedBySSHKeygen() throws {
        let tool = try KeygenTool()
        func openssl(_ arguments: String...) throws {
            let result = try Spawn.run(["/usr/bin/openssl"] + arguments, environment: tool.environment, in: tool.folder)
            try #require(result.status == 0, "openssl \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        func string(_ bytes: [UInt8]) -> [UInt8] {
            let count = UInt32(bytes.count)
            return [UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)]
                + bytes
        }
        try openssl("genpkey", "-algorithm", "ED25519", "-out", "sk.pem")
        try openssl("pkey", "-in", "sk.pem", "-pubout", "-outform", "DER", "-out", "sk.der")
        let point = Array(try tool.read("sk.der").suffix(32))
        let type = Array("sk-ssh-ed25519@openssh.com".utf8)
        let keyWire = string(type) + string(point) + string(Array("ssh:".utf8))
        let key = try SSHPublicKey(wire: keyWire)
        #expect(key.kind == .securityKey(application: "ssh:"))

        let signed = try SSHSignature.signedData(
            namespace: "dmf-wizard-receipt", hashAlgorithm: .sha512, message: Self.message)
        let flags: [UInt8] = [0x01]  // the user was present
        let counter: [UInt8] = [0, 0, 0, 7]
        try tool.write(
            "device-signs",
            try DigestAlgorithm.sha256.hash(Array("ssh:".utf8)).bytes + flags + counter
                + DigestAlgorithm.sha256.hash(signed).bytes)
        try openssl("pkeyutl", "-sign", "-rawin", "-inkey", "sk.pem", "-in", "device-signs", "-out", "device.sig")
        let inner = string(type) + string(try tool.read("device.sig")) + flags + counter
        let blob =
            Array("SSHSIG".utf8) + [0, 0, 0, 1] + string(keyWire) + string(Array("dmf-wizard-receipt".utf8))
            + string([])
            + string(Array("sha512".utf8)) + string(inner)
        let signature = try SSHSignature(blob: blob)
        try tool.write("message", Self.message)
        try tool.write("message.sig", signature.armored)
        try tool.write("allowed", "jowner@moj.example \(key.line)\n")
        #expect(
            try tool.verifies(
                allowed: "allowed", principal: "jowner@moj.example", namespace: "dmf-wizard-receipt",
                signature: "message.sig", message: "message"), "ssh-keygen accepts the made-up device's signature")

        let verifier = try SignatureVerifier(
            allowedSigners: try AllowedSigners.load(path: tool.file("allowed")),
            keygen: SSHKeygen(environment: tool.environment))
        let fingerprint = try key.fingerprint()
        #expect(
            verifier.check(signature, of: Self.message, namespace: .receipt, at: Date())
                == .trusted(Signer(principals: ["jowner@moj.example"], fingerprint: fingerprint, lines: [1])))
        #expect(
            verifier.check(signature, of: Self.message.changing(at: 1), namespace: .receipt, at: Date())
                == .changedAfterSigning(fingerprint: fingerprint))
        #expect(
            verifier.check(signature, of: Self.message, namespace: .decision, at: Date())
                == .wrongNamespace(expected: .decision, found: "dmf-wizard-receipt"))
        let unlisted = try SignatureVerifier(
            allowedSigners: try AllowedSigners(text: "", source: "allowed"),
            keygen: SSHKeygen(path: tool.file("no-ssh-keygen")))
        #expect(
            unlisted.check(signature, of: Self.message, namespace: .receipt, at: Date())
                == .keyNotListed(fingerprint: fingerprint, principal: nil))
    }

    @Test func p521KeysAreCheckedBySSHKeygen() throws {
        let tool = try KeygenTool()
        try tool.mustRun(["-q", "-t", "ecdsa", "-b", "521", "-N", "", "-f", "jo"])
        let key = try tool.publicKey("jo")
        #expect(!key.isCheckedNatively)
        try tool.write("allowed", "jowner@moj.example \(key.line)\n")
        try tool.write("message", Self.message)
        let verifier = try SignatureVerifier(allowedSigners: try AllowedSigners.load(path: tool.file("allowed")))
        let fingerprint = try key.fingerprint()
        for namespace in SignatureNamespace.allCases {
            let armored = try tool.sign("message", key: "jo", namespace: namespace.rawValue)
            #expect(
                verifier.check(armored: armored, of: Self.message, namespace: namespace, at: Date())
                    == .trusted(Signer(principals: ["jowner@moj.example"], fingerprint: fingerprint, lines: [1])))
            #expect(
                verifier.check(armored: armored, of: Self.message.changing(at: 0), namespace: namespace, at: Date())
                    == .changedAfterSigning(fingerprint: fingerprint))
        }
        // Unlisted: judged here, without running ssh-keygen.
        try tool.makeKey("other", .ed25519)
        let other = try SignatureVerifier(
            allowedSigners: try AllowedSigners(text: "x \(try tool.publicKey("other").line)\n", source: "allowed"),
            keygen: SSHKeygen(path: tool.file("no-ssh-keygen")))
        let armored = try tool.sign("message", key: "jo", namespace: "dmf-wizard-manifest")
        #expect(
            other.check(armored: armored, of: Self.message, namespace: .manifest, at: Date())
                == .keyNotListed(fingerprint: fingerprint, principal: nil))
    }
}
