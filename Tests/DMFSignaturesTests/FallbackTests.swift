import DMFSignatures
import Foundation
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
