import Foundation
import SystemCrypto
import TestSupport
import Testing

/// Ed25519 checks with each library that can make them: libsodium when it is installed, and
/// libcrypto, which checks them when libsodium is not. Both accept the same good signatures and
/// refuse the same bad ones; libsodium alone also refuses a key of small order.
@Suite struct Ed25519Tests {
    static func bytes(_ hex: String) -> [UInt8] { OpenSSLTool.bytes(hex: hex) ?? [] }

    /// Whether the loader knows libsodium.so.23 (`ldconfig -p`): asked of the system, not of the
    /// code under test. CI installs libsodium23.
    static let libsodiumInstalled: Bool = {
        let listed = try? Spawn.run(["/sbin/ldconfig", "-p"], environment: [:], timeout: 30)
        return listed?.stdout.contains("libsodium.so.23 (") == true
    }()

    /// The libraries to check with here: libcrypto always, libsodium where it is installed.
    static let checkers: [PublicKey.Checker] = libsodiumInstalled ? [.libsodium, .libcrypto] : [.libcrypto]

    /// A key checked by `checker`.
    static func key(_ raw: [UInt8], _ checker: PublicKey.Checker) throws -> PublicKey {
        let key = try PublicKey.ed25519(raw, libsodium: checker == .libsodium ? try LibSodium.system().get() : nil)
        #expect(key.checker == checker)
        return key
    }

    /// RFC 8032, section 7.1, tests 1 to 3: the key, the message and its signature.
    static let vectors: [(key: [UInt8], message: [UInt8], signature: [UInt8])] = [
        (
            bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"), [],
            bytes(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
            )
        ),
        (
            bytes("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"), [0x72],
            bytes(
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
            )
        ),
        (
            bytes("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"), [0xaf, 0x82],
            bytes(
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
            )
        ),
    ]

    /// L, the order of the group Ed25519 signs in, as 32 little-endian bytes.
    static let order = bytes("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")

    /// The same signature with L added to S: the same number modulo L, but not written as the
    /// smallest one (S ≥ L), which RFC 8032 says to refuse, as both libraries do.
    static func withNonCanonicalS(_ signature: [UInt8]) -> [UInt8] {
        var changed = signature
        var carry = 0
        for index in 0..<32 {
            let sum = Int(signature[32 + index]) + Int(order[index]) + carry
            changed[32 + index] = UInt8(sum & 0xff)
            carry = sum >> 8
        }
        return changed
    }

    @Test(arguments: checkers)
    func rfc8032Vectors(_ checker: PublicKey.Checker) throws {
        for (number, vector) in Self.vectors.enumerated() {
            let key = try Self.key(vector.key, checker)
            let signature = vector.signature
            #expect(key.isValid(.ed25519(signature), for: vector.message), "vector \(number + 1)")
            // The same bytes as a sequence that is not contiguous.
            #expect(key.isValid(.ed25519(signature), for: vector.message.lazy.map { $0 }), "vector \(number + 1)")
            #expect(!key.isValid(.ed25519(signature), for: vector.message + [0]), "vector \(number + 1)")
            for index in vector.message.indices {
                #expect(!key.isValid(.ed25519(signature), for: vector.message.changing(at: index)))
            }
            for index in [0, 31, 32, 63] {
                #expect(!key.isValid(.ed25519(signature.changing(at: index)), for: vector.message), "byte \(index)")
            }
            #expect(!key.isValid(.ed25519(Self.withNonCanonicalS(signature)), for: vector.message), "S ≥ L")
            #expect(!key.isValid(.ed25519(Array(signature.dropLast())), for: vector.message))
            #expect(!key.isValid(.ed25519(signature + [0]), for: vector.message))
            #expect(!key.isValid(.ed25519([]), for: vector.message))
            // Another vector's key did not sign it.
            let other = try Self.key(Self.vectors[(number + 1) % Self.vectors.count].key, checker)
            #expect(!other.isValid(.ed25519(signature), for: vector.message))
            // A signature of another kind is never valid for this key.
            #expect(!key.isValid(.ecdsa(r: [1], s: [1]), for: vector.message))
            #expect(!key.isValid(.rsa(signature, hash: .sha512), for: vector.message))
        }
    }

    @Test(arguments: checkers)
    func aKeyOfTheWrongLengthIsRefused(_ checker: PublicKey.Checker) throws {
        let libsodium = checker == .libsodium ? try LibSodium.system().get() : nil
        for raw in [[UInt8](repeating: 7, count: 31), [UInt8](repeating: 7, count: 33), []] {
            #expect(
                throws: PublicKeyError.invalid("not an Ed25519 public key (it must be 32 bytes; it is \(raw.count))")
            ) {
                try PublicKey.ed25519(raw, libsodium: libsodium)
            }
        }
    }

    @Test(SignatureTests.needsOpenSSL, arguments: checkers)
    func fromOpenSSL(_ checker: PublicKey.Checker) throws {
        let tool = try OpenSSLTool()
        let message = Array("Sealed DMF-20261206-7K3Q\n".utf8) + (0..<200).map { UInt8($0) }
        try tool.write("message", message)
        try tool.run("genpkey", "-algorithm", "ED25519", "-out", "key.pem")
        try tool.run("genpkey", "-algorithm", "ED25519", "-out", "other.pem")
        try tool.run("pkeyutl", "-sign", "-rawin", "-inkey", "key.pem", "-in", "message", "-out", "signature")
        let signature = try tool.read("signature")
        let key = try Self.key(try tool.publicKeyTail("key.pem", count: 32), checker)
        let other = try Self.key(try tool.publicKeyTail("other.pem", count: 32), checker)
        #expect(key.isValid(.ed25519(signature), for: message))
        #expect(!key.isValid(.ed25519(signature), for: message.changing(at: 5)))
        #expect(!key.isValid(.ed25519(signature), for: message.changing(at: message.count - 1)))
        #expect(!key.isValid(.ed25519(signature.changing(at: 40)), for: message))
        #expect(!key.isValid(.ed25519(Self.withNonCanonicalS(signature)), for: message))
        #expect(!other.isValid(.ed25519(signature), for: message))
    }

    /// A key of small order signs every message at once: with the identity point as the key, R
    /// the base point B and S = 1, the check [S]B = R + [k]A holds whatever k, the message's hash,
    /// is. OpenSSL (and OpenSSH's own check) accept such a signature; libsodium refuses the key.
    /// Only a deliberately weak, hand-made key is like this; no key ssh-keygen makes is.
    @Test(arguments: [
        [1] + [UInt8](repeating: 0, count: 31),
        // The same point written with y = p + 1 rather than 1: not canonical either.
        [0xee] + [UInt8](repeating: 0xff, count: 30) + [0x7f],
    ])
    func aKeyOfSmallOrderIsRefusedByLibsodium(_ identity: [UInt8]) throws {
        let base = Self.bytes("5866666666666666666666666666666666666666666666666666666666666666")
        let signature = base + [1] + [UInt8](repeating: 0, count: 31)
        let messages = [Array("any message at all".utf8), Array("another one".utf8)]
        // libcrypto shows the signature is good by the equation alone.
        let byLibcrypto = try Self.key(identity, .libcrypto)
        for message in messages { #expect(byLibcrypto.isValid(.ed25519(signature), for: message)) }
        guard Self.libsodiumInstalled else { return }
        let byLibsodium = try Self.key(identity, .libsodium)
        for message in messages { #expect(!byLibsodium.isValid(.ed25519(signature), for: message)) }
    }

    /// The program's keys are checked by libsodium exactly when the system has it.
    @Test func libsodiumChecksWhenItIsInstalled() throws {
        let vector = Self.vectors[0]
        let key = try PublicKey.ed25519(vector.key)
        #expect(key.checker == (Self.libsodiumInstalled ? .libsodium : .libcrypto))
        #expect(key.isValid(.ed25519(vector.signature), for: vector.message))
        #expect(!key.isValid(.ed25519(vector.signature), for: [0]))
        let loaded = LibSodium.system()
        if case .failure(let reason) = loaded {
            #expect(!Self.libsodiumInstalled, "\(reason)")
            #expect(reason.description == "libsodium.so.23 cannot be loaded (libsodium23 is not installed)")
        } else {
            #expect(Self.libsodiumInstalled)
        }
    }

    /// When libsodium cannot be loaded (missing, or a library that is not libsodium), libcrypto
    /// checks Ed25519 signatures, with the same answers.
    @Test func withoutLibsodiumLibcryptoChecks() throws {
        let missing = LibSodium.open("libsodium.so.0-not-installed")
        let notLibsodium = LibSodium.open("libc.so.6")
        #expect(Self.reason(missing) == "libsodium.so.0-not-installed cannot be loaded (libsodium23 is not installed)")
        #expect(Self.reason(notLibsodium) == "libc.so.6 has no sodium_init")
        let vector = Self.vectors[1]
        for failed in [missing, notLibsodium] {
            let key = try PublicKey.ed25519(vector.key, libsodium: try? failed.get())
            #expect(key.checker == .libcrypto)
            #expect(key.isValid(.ed25519(vector.signature), for: vector.message))
            #expect(!key.isValid(.ed25519(vector.signature), for: vector.message.changing(at: 0)))
            #expect(!key.isValid(.ed25519(vector.signature.changing(at: 10)), for: vector.message))
        }
    }

    /// The library opened afresh by name is as good as the one loaded once.
    @Test(.enabled(if: libsodiumInstalled, "libsodium23 is not installed")) func libsodiumOpenedByName() throws {
        let vector = Self.vectors[2]
        let key = try PublicKey.ed25519(vector.key, libsodium: try LibSodium.open("libsodium.so.23").get())
        #expect(key.checker == .libsodium)
        #expect(key.isValid(.ed25519(vector.signature), for: vector.message))
        #expect(!key.isValid(.ed25519(vector.signature), for: vector.message.changing(at: 1)))
    }

    static func reason(_ loaded: Result<LibSodium, LibSodiumUnavailable>) -> String? {
        if case .failure(let reason) = loaded { return reason.description }
        return nil
    }
}
