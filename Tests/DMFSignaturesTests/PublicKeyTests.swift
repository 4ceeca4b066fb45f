import Foundation
import Testing

@testable import DMFSignatures

/// SSH public keys as `.pub` files and allowed-signers lines write them, and their fingerprints
/// as `ssh-keygen -l` prints them.
@Suite struct PublicKeyTests {
    @Test(KeygenTool.needed, arguments: KeygenTool.KeyType.allCases)
    func keysOfEveryNativeTypeAreReadWithSSHKeygensFingerprint(_ type: KeygenTool.KeyType) throws {
        let tool = try KeygenTool()
        try tool.makeKey("key", type, comment: "jo owner@desk")
        let line = try tool.text("key.pub").trimmingCharacters(in: .whitespacesAndNewlines)
        let key = try SSHPublicKey(line: line)
        #expect(key.isCheckedNatively)
        #expect(line.hasPrefix(key.line + " "), "the line without its comment")
        _ = try key.nativeKey()
        // "256 SHA256:… jo owner@desk (ED25519)"
        let listed = try tool.mustRun(["-l", "-E", "sha256", "-f", "key.pub"]).stdout.split(separator: " ")
        let fingerprint = try key.fingerprint()
        #expect(listed.count > 1 && String(listed[1]) == fingerprint)
        #expect(try key.fingerprint().hasPrefix("SHA256:"))
        #expect(try !key.fingerprint().hasSuffix("="))
        switch (type, key.kind) {
        case (.ed25519, .ed25519), (.rsa3072, .rsa): break
        case (.ecdsa256, .ecdsa("nistp256", _)), (.ecdsa384, .ecdsa("nistp384", _)): break
        default: Issue.record("\(type) read as \(key.kind)")
        }
    }

    @Test func aLineThatIsNotAKeyIsRefusedWithTheReason() throws {
        func refusal(_ line: String) -> String? {
            do {
                _ = try SSHPublicKey(line: line)
                return nil
            } catch {
                return error.description
            }
        }
        let ed25519 = try SSHPublicKey(wire: SignatureFormatTests.keyWire)
        let base64 = Data(ed25519.wire).base64EncodedString()
        #expect(refusal("ssh-ed25519 \(base64)") == nil)
        #expect(refusal("  ssh-ed25519\t\(base64) a comment") == nil)
        #expect(refusal("ssh-rsa \(base64)") == "the key is written as ssh-rsa but holds a ssh-ed25519 key")
        #expect(refusal("ssh-dss \(base64)") == "ssh-dss is not a key type that is accepted")
        #expect(refusal("ssh-ed25519 AAAA$$") == "the ssh-ed25519 key's base64 is damaged")
        #expect(refusal("ssh-ed25519") != nil)
        #expect(refusal("") != nil)
        // A key one byte short.
        var short = SSHWireWriter()
        short.string("ssh-ed25519")
        short.string([UInt8](repeating: 1, count: 31))
        #expect(
            refusal("ssh-ed25519 \(Data(short.bytes).base64EncodedString())")
                == "the Ed25519 key is not 32 bytes long")
        // An ECDSA key naming another curve than its type.
        var curve = SSHWireWriter()
        curve.string("ecdsa-sha2-nistp256")
        curve.string("nistp384")
        curve.string([4] + [UInt8](repeating: 1, count: 96))
        #expect(
            refusal("ecdsa-sha2-nistp256 \(Data(curve.bytes).base64EncodedString())")
                == "the ecdsa-sha2-nistp256 key names another curve (nistp384)")
    }

    /// FIDO security keys are recognised, and left to ssh-keygen to check.
    @Test func securityKeysAreRecognised() throws {
        var ed = SSHWireWriter()
        ed.string("sk-ssh-ed25519@openssh.com")
        ed.string([UInt8](repeating: 9, count: 32))
        ed.string("ssh:")
        let key = try SSHPublicKey(line: "sk-ssh-ed25519@openssh.com \(Data(ed.bytes).base64EncodedString()) yubikey")
        #expect(key.kind == .securityKey(application: "ssh:"))
        #expect(!key.isCheckedNatively)

        var ec = SSHWireWriter()
        ec.string("sk-ecdsa-sha2-nistp256@openssh.com")
        ec.string("nistp256")
        ec.string([4] + [UInt8](repeating: 1, count: 64))
        ec.string("ssh:")
        let ecKey = try SSHPublicKey(wire: ec.bytes)
        #expect(ecKey.kind == .securityKey(application: "ssh:"))
        #expect(ecKey.type == "sk-ecdsa-sha2-nistp256@openssh.com")
    }

    /// A certificate is read far enough to know its authority, principals and validity; its
    /// fingerprint is its key's, as OpenSSH prints it.
    @Test(KeygenTool.needed) func certificatesAreRecognised() throws {
        let tool = try KeygenTool()
        try tool.makeKey("ca", .ed25519)
        try tool.makeKey("jo", .ecdsa256)
        try tool.mustRun([
            "-q", "-s", "ca", "-I", "jo's card", "-n", "jowner@moj.example,jo", "-V", "20260101000000Z:20270101000000Z",
            "-z", "42", "jo.pub",
        ])
        let certificate = try tool.publicKey("jo-cert")
        guard case .certificate(let details) = certificate.kind else {
            Issue.record("read as \(certificate.kind)")
            return
        }
        #expect(certificate.type == "ecdsa-sha2-nistp256-cert-v01@openssh.com")
        #expect(details.certifiedType == "ecdsa-sha2-nistp256")
        #expect(details.certifiedKeyWire == (try tool.publicKey("jo")).wire)
        #expect(details.principals == ["jowner@moj.example", "jo"])
        #expect(details.keyID == "jo's card")
        #expect(details.serial == 42)
        #expect(details.isUserCertificate)
        #expect(details.validAfter == UInt64(utc("20260101").timeIntervalSince1970))
        #expect(details.validBefore == UInt64(utc("20270101").timeIntervalSince1970))
        #expect(details.authority == (try tool.publicKey("ca")))
        #expect(try certificate.fingerprint() == (try tool.publicKey("jo")).fingerprint())
        #expect(!certificate.isCheckedNatively)
    }
}
