import Foundation
import SystemCrypto
import Testing

@testable import DMFSignatures

/// Ed25519 signatures are checked by libsodium where it is installed, else by libcrypto. What
/// `ssh-keygen -Y sign` signs, both accept, for every namespace, and both refuse once a byte of the
/// message or the signature changes, or with another key. libsodium is the stricter of the two
/// (and than OpenSSH) only for hand-made weak keys: a key of small order, which `ssh-keygen -Y
/// verify` accepts, libsodium refuses.
@Suite(KeygenTool.needed) struct Ed25519LibrariesTests {
    /// libcrypto always; libsodium where it loads (`Ed25519Tests` checks it loads exactly where it
    /// is installed, as in CI).
    static let libraries: [LibSodium?] = [nil] + ((try? LibSodium.system().get()).map { [$0] } ?? [])

    static func key(_ point: [UInt8], _ libsodium: LibSodium?) throws -> PublicKey {
        let key = try PublicKey.ed25519(point, libsodium: libsodium)
        #expect(key.checker == (libsodium == nil ? .libcrypto : .libsodium))
        return key
    }

    static func point(_ key: SSHPublicKey) throws -> [UInt8] {
        guard case .ed25519(let point) = key.kind else { throw KeygenTool.Failed(description: "not Ed25519") }
        return point
    }

    @Test func whatSSHKeygenSignsBothLibrariesAccept() throws {
        let tool = try KeygenTool()
        try tool.makeKey("jo", .ed25519)
        try tool.makeKey("other", .ed25519)
        let message = InteropTests.message
        try tool.write("message", message)
        let point = try Self.point(try tool.publicKey("jo"))
        let otherPoint = try Self.point(try tool.publicKey("other"))
        for namespace in SignatureNamespace.allCases {
            let signature = try SSHSignature(
                armored: try tool.sign("message", key: "jo", namespace: namespace.rawValue))
            guard case .native(.ed25519(let bytes)) = signature.payload else {
                Issue.record("not read as an Ed25519 signature: \(signature.payload)")
                continue
            }
            func signed(_ message: [UInt8]) throws -> [UInt8] {
                try SSHSignature.signedData(
                    namespace: namespace.rawValue, hashAlgorithm: signature.hashAlgorithm, message: message)
            }
            for libsodium in Self.libraries {
                let key = try Self.key(point, libsodium)
                let checker = key.checker
                #expect(key.isValid(.ed25519(bytes), for: try signed(message)), "\(namespace) \(checker)")
                for index in [0, message.count / 2, message.count - 1] {
                    #expect(!key.isValid(.ed25519(bytes), for: try signed(message.changing(at: index))))
                }
                for index in [0, 31, 32, 63] {
                    #expect(!key.isValid(.ed25519(bytes.changing(at: index)), for: try signed(message)))
                }
                #expect(!key.isValid(.ed25519(bytes), for: try signed(message + [0])))
                let other = try Self.key(otherPoint, libsodium)
                #expect(!other.isValid(.ed25519(bytes), for: try signed(message)), "\(namespace) \(checker)")
            }
        }
    }

    /// The identity point as a key, with R the base point and S = 1, "signs" every message
    /// (`Ed25519Tests.aKeyOfSmallOrderIsRefusedByLibsodium` says why). OpenSSH accepts such a
    /// signature from a key listed in the allowed signers; libsodium refuses it; libcrypto, like
    /// OpenSSH, accepts it. No key ssh-keygen makes is of small order.
    @Test(arguments: [
        [1] + [UInt8](repeating: 0, count: 31),
        // The same point written with y = p + 1 rather than 1: not canonical either.
        [0xee] + [UInt8](repeating: 0xff, count: 30) + [0x7f],
    ])
    func aHandMadeKeyOfSmallOrderSSHKeygenAcceptsLibsodiumRefuses(_ identity: [UInt8]) throws {
        var keyWire = SSHWireWriter()
        keyWire.string("ssh-ed25519")
        keyWire.string(identity)
        let base = [0x58] + [UInt8](repeating: 0x66, count: 31)
        let made = base + [1] + [UInt8](repeating: 0, count: 31)
        let namespace = SignatureNamespace.decision.rawValue
        let blob = SignatureFormatTests.blob(key: keyWire.bytes, namespace: namespace, signature: made)
        let signature = try SSHSignature(blob: blob)

        let tool = try KeygenTool()
        let message = InteropTests.message
        try tool.write("message", message)
        try tool.write("message.sig", signature.armored)
        try tool.write("allowed", "jo@moj.example \(signature.publicKey.line)\n")
        #expect(
            try tool.verifies(
                allowed: "allowed", principal: "jo@moj.example", namespace: namespace, signature: "message.sig",
                message: "message"), "ssh-keygen accepts it")

        let signed = try SSHSignature.signedData(
            namespace: namespace, hashAlgorithm: signature.hashAlgorithm, message: message)
        #expect(try Self.key(identity, nil).isValid(.ed25519(made), for: signed), "libcrypto accepts it")
        guard let libsodium = Self.libraries.last ?? nil else { return }
        #expect(!(try Self.key(identity, libsodium).isValid(.ed25519(made), for: signed)), "libsodium refuses it")
    }
}
