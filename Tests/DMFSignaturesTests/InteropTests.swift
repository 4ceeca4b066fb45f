import DMFSignatures
import Foundation
import TestSupport
import Testing

/// Both directions against OpenSSH's own ssh-keygen, for every namespace and every key type
/// checked natively: what ssh-keygen signs is accepted here, what is signed here ssh-keygen
/// verifies, and one changed byte, another namespace, an unlisted key, a key not allowed for a
/// namespace or outside its dates fails on both sides.
@Suite(KeygenTool.needed) struct InteropTests {
    static let message =
        Array("DMF-20261206-7K3Q authorised by Jo Owner (account jowner)\n".utf8)
        + (0..<300).map {
            UInt8($0 % 256)
        }
    static let principal = "jowner@moj.example"

    /// A folder with the key `jo` (and `other`, unlisted), an allowed-signers file listing `jo`
    /// with `options`, and the message.
    static func setUp(_ type: KeygenTool.KeyType, options: String = "") throws -> (KeygenTool, SignatureVerifier) {
        let tool = try KeygenTool()
        try tool.makeKey("jo", type)
        let line = "\(principal) \(options.isEmpty ? "" : options + " ")\(try tool.publicKey("jo").line)\n"
        try tool.write("allowed", line)
        try tool.write("message", message)
        let verifier = try SignatureVerifier(
            allowedSigners: try AllowedSigners.load(path: tool.file("allowed")),
            keygen: SSHKeygen(environment: tool.environment))
        return (tool, verifier)
    }

    @Test(arguments: KeygenTool.KeyType.allCases)
    func whatSSHKeygenSignsIsAcceptedHere(_ type: KeygenTool.KeyType) throws {
        let (tool, verifier) = try Self.setUp(type)
        let fingerprint = try tool.publicKey("jo").fingerprint()
        let now = Date()
        for namespace in SignatureNamespace.allCases {
            let armored = try tool.sign("message", key: "jo", namespace: namespace.rawValue)
            let signature = try SSHSignature(armored: armored)
            #expect(signature.armored == String(decoding: armored, as: UTF8.self), "the armour, byte for byte")
            #expect(signature.hashAlgorithm == .sha512)
            let check = verifier.check(armored: armored, of: Self.message, namespace: namespace, at: now)
            #expect(check == .trusted(Signer(principals: [Self.principal], fingerprint: fingerprint, lines: [1])))
            #expect(check.description == "signed by \(Self.principal) (key \(fingerprint))")

            for index in [0, Self.message.count / 2, Self.message.count - 1] {
                let changed = verifier.check(
                    armored: armored, of: Self.message.changing(at: index), namespace: namespace, at: now)
                #expect(changed == .changedAfterSigning(fingerprint: fingerprint), "\(namespace) byte \(index)")
            }
            #expect(
                verifier.check(armored: armored, of: Self.message + [0], namespace: namespace, at: now)
                    == .changedAfterSigning(fingerprint: fingerprint))
            let forged = try SSHSignature(blob: signature.blob.changing(at: signature.blob.count - 1))
            #expect(
                verifier.check(forged, of: Self.message, namespace: namespace, at: now)
                    == .changedAfterSigning(fingerprint: fingerprint), "a byte of the signature changed")
            for other in SignatureNamespace.allCases where other != namespace {
                #expect(
                    verifier.check(armored: armored, of: Self.message, namespace: other, at: now)
                        == .wrongNamespace(expected: other, found: namespace.rawValue))
            }
        }
        // SHA-256 instead of SHA-512 for the message's hash.
        try? FileManager.default.removeItem(atPath: tool.file("message.sig"))
        try tool.mustRun(["-Y", "sign", "-f", "jo", "-n", "dmf-wizard-receipt", "-O", "hashalg=sha256", "message"])
        let sha256 = try tool.read("message.sig")
        #expect(try SSHSignature(armored: sha256).hashAlgorithm == .sha256)
        #expect(verifier.check(armored: sha256, of: Self.message, namespace: .receipt, at: now).isTrusted)
    }

    @Test(arguments: KeygenTool.KeyType.allCases)
    func whatIsSignedHereSSHKeygenVerifies(_ type: KeygenTool.KeyType) throws {
        let (tool, verifier) = try Self.setUp(type)
        try tool.write("changed", Self.message.changing(at: 7))
        let signer = SSHSigner(keyPath: tool.file("jo"), keygen: SSHKeygen(environment: tool.environment))
        #expect(try signer.publicKey() == tool.publicKey("jo"))
        for namespace in SignatureNamespace.allCases {
            let signature = try signer.sign(Self.message, namespace: namespace, terminal: .forbidden)
            #expect(signature.namespace == namespace.rawValue)
            #expect(signature.publicKey == (try tool.publicKey("jo")))
            try? FileManager.default.removeItem(atPath: tool.file("message.sig"))
            try tool.write("message.sig", signature.armored)
            #expect(
                try tool.verifies(
                    allowed: "allowed", principal: Self.principal, namespace: namespace.rawValue,
                    signature: "message.sig",
                    message: "message"))
            #expect(
                try !tool.verifies(
                    allowed: "allowed", principal: Self.principal, namespace: namespace.rawValue,
                    signature: "message.sig",
                    message: "changed"), "a changed byte")
            for other in SignatureNamespace.allCases where other != namespace {
                #expect(
                    try !tool.verifies(
                        allowed: "allowed", principal: Self.principal, namespace: other.rawValue,
                        signature: "message.sig", message: "message"), "signed as \(namespace), checked as \(other)")
            }
            #expect(try tool.findPrincipals(allowed: "allowed", signature: "message.sig") == [Self.principal])
            #expect(verifier.check(signature, of: Self.message, namespace: namespace, at: Date()).isTrusted)
        }
    }

    /// A key the file does not list (never listed, or removed since) still shows which key signed.
    @Test func anUnlistedKeyIsNotTrusted() throws {
        let (tool, verifier) = try Self.setUp(.ed25519)
        try tool.makeKey("other", .ed25519)
        let armored = try tool.sign("message", key: "other", namespace: "dmf-wizard-decision")
        let fingerprint = try tool.publicKey("other").fingerprint()
        let check = verifier.check(armored: armored, of: Self.message, namespace: .decision, at: Date())
        #expect(check == .keyNotListed(fingerprint: fingerprint, principal: nil))
        #expect(
            check.description
                == "key no longer trusted: key \(fingerprint) is not in the allowed signers (removed, or never listed)")
        #expect(
            try !tool.verifies(
                allowed: "allowed", principal: Self.principal, namespace: "dmf-wizard-decision",
                signature: "message.sig",
                message: "message"))
        #expect(try tool.findPrincipals(allowed: "allowed", signature: "message.sig") == [])
        #expect(verifier.check(armored: nil, of: Self.message, namespace: .decision, at: Date()) == .notSigned)
        #expect(SignatureCheck.notSigned.description == "not signed")
    }

    /// `namespaces=` says what a key may sign, as patterns; both sides agree for every namespace.
    @Test(arguments: [
        ("namespaces=\"dmf-wizard-manifest,dmf-wizard-receipt\"", [SignatureNamespace.manifest, .receipt]),
        ("namespaces=\"dmf-wizard-*,!dmf-wizard-decision\"", [.manifest, .receipt, .checkpoint]),
        ("NameSpaces=\"dmf-wizard-d?cision\"", [.decision]),
    ])
    func aKeyNotAllowedForANamespaceIsRefused(_ options: String, allowed: [SignatureNamespace]) throws {
        let (tool, verifier) = try Self.setUp(.ed25519, options: options)
        let fingerprint = try tool.publicKey("jo").fingerprint()
        for namespace in SignatureNamespace.allCases {
            let armored = try tool.sign("message", key: "jo", namespace: namespace.rawValue)
            let check = verifier.check(armored: armored, of: Self.message, namespace: namespace, at: Date())
            let ours = check.isTrusted
            let theirs = try tool.verifies(
                allowed: "allowed", principal: Self.principal, namespace: namespace.rawValue, signature: "message.sig",
                message: "message")
            #expect(ours == allowed.contains(namespace), "\(namespace): \(check)")
            #expect(theirs == ours, "ssh-keygen agrees for \(namespace)")
            if !ours {
                let signer = Signer(principals: [Self.principal], fingerprint: fingerprint, lines: [1])
                #expect(check == .notAllowedForNamespace(signer, namespace))
                #expect(
                    check.description
                        == "the key is not allowed to sign \(namespace.things) (signed by \(Self.principal) (key \(fingerprint)))"
                )
            }
        }
    }

    /// `valid-after` and `valid-before` are judged at the moment given (the event's date), as
    /// `ssh-keygen -Overify-time` judges them: a leaver's decisions made in time still check.
    @Test func validityIsJudgedAtTheGivenMomentOnBothSides() throws {
        let (tool, verifier) = try Self.setUp(
            .ecdsa256, options: "valid-after=\"20260101Z\",valid-before=\"20261130235959Z\"")
        let armored = try tool.sign("message", key: "jo", namespace: "dmf-wizard-decision")
        let fingerprint = try tool.publicKey("jo").fingerprint()
        for (moment, trusted) in [
            ("20251231235959", false), ("20260101000000", true), ("20260615120000", true), ("20261130235959", true),
            ("20261201000000", false),
        ] {
            let check = verifier.check(armored: armored, of: Self.message, namespace: .decision, at: utc(moment))
            #expect(check.isTrusted == trusted, "\(moment): \(check)")
            #expect(
                try tool.verifies(
                    allowed: "allowed", principal: Self.principal, namespace: "dmf-wizard-decision",
                    signature: "message.sig", message: "message", time: moment + "Z") == trusted,
                "ssh-keygen at \(moment)")
            if !trusted {
                let signer = Signer(principals: [Self.principal], fingerprint: fingerprint, lines: [1])
                let window = "from 2026-01-01 00:00:00 UTC until 2026-11-30 23:59:59 UTC"
                #expect(check == .notValidAt(utc(moment), signer, window: window))
                #expect(check.description.contains("whose key the allowed signers trust \(window)"))
            }
        }
    }

    /// Local times (no Z) are read the same way on both sides, whatever the time zone.
    @Test func localValidityTimesAgreeWithSSHKeygen() throws {
        let (tool, verifier) = try Self.setUp(.ed25519, options: "valid-after=\"202603291200\"")
        let armored = try tool.sign("message", key: "jo", namespace: "dmf-wizard-manifest")
        let start = try #require(try AllowedSigners.load(path: tool.file("allowed")).lines.first?.validAfter)
        for offset: Int64 in [-1, 0] {
            let moment = Date(timeIntervalSince1970: Double(start + offset))
            let ours = verifier.check(armored: armored, of: Self.message, namespace: .manifest, at: moment).isTrusted
            let digits = ISO8601DateFormatter().string(from: moment).filter(\.isNumber) + "Z"
            let theirs = try tool.verifies(
                allowed: "allowed", principal: Self.principal, namespace: "dmf-wizard-manifest",
                signature: "message.sig", message: "message", time: digits)
            #expect(ours == (offset == 0))
            #expect(theirs == ours, "ssh-keygen at \(digits)")
        }
    }

    /// A pattern principal: the line speaks for every name it matches and for no name it excludes.
    @Test func aPatternPrincipalIsMatchedAsSSHKeygenMatchesIt() throws {
        let tool = try KeygenTool()
        try tool.makeKey("jo", .ed25519)
        try tool.write("allowed", "*@moj.example,!mallory@moj.example \(try tool.publicKey("jo").line)\n")
        try tool.write("message", Self.message)
        let verifier = try SignatureVerifier(allowedSigners: try AllowedSigners.load(path: tool.file("allowed")))
        let armored = try tool.sign("message", key: "jo", namespace: "dmf-wizard-receipt")
        let fingerprint = try tool.publicKey("jo").fingerprint()
        let anyone = verifier.check(armored: armored, of: Self.message, namespace: .receipt, at: Date())
        #expect(anyone == .trusted(Signer(principals: ["*@moj.example"], fingerprint: fingerprint, lines: [1])))
        for (principal, trusted) in [
            ("jo@moj.example", true), ("ann@moj.example", true), ("mallory@moj.example", false),
            ("jo@elsewhere", false),
        ] {
            let check = verifier.check(
                armored: armored, of: Self.message, namespace: .receipt, at: Date(), principal: principal)
            #expect(check.isTrusted == trusted, "\(principal)")
            if trusted {
                #expect(check == .trusted(Signer(principals: [principal], fingerprint: fingerprint, lines: [1])))
            } else {
                #expect(check == .keyNotListed(fingerprint: fingerprint, principal: principal))
            }
            #expect(
                try tool.verifies(
                    allowed: "allowed", principal: principal, namespace: "dmf-wizard-receipt", signature: "message.sig",
                    message: "message") == trusted, "ssh-keygen -I \(principal)")
        }
    }

    /// An RSA signature made with SHA-256 (rsa-sha2-256) is accepted, and one made with SHA-1
    /// (ssh-rsa) refused, on both sides. ssh-keygen makes neither, so openssl signs the layout.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "openssl is not installed"))
    func rsaWithSHA256IsAcceptedAndSHA1Refused() throws {
        let (tool, verifier) = try Self.setUp(.rsa3072)
        // The private key in PEM, which openssl reads.
        try tool.mustRun(["-q", "-p", "-m", "PEM", "-N", "", "-P", "", "-f", "jo"])
        let key = try tool.publicKey("jo")
        for (algorithm, digest, accepted) in [("rsa-sha2-256", "-sha256", true), ("ssh-rsa", "-sha1", false)] {
            let signed = try SSHSignature.signedData(
                namespace: "dmf-wizard-checkpoint", hashAlgorithm: .sha512, message: Self.message)
            try tool.write("signed", signed)
            let openssl = try Spawn.run(
                ["/usr/bin/openssl", "dgst", digest, "-sign", "jo", "-out", "raw.sig", "signed"],
                environment: tool.environment, in: tool.folder)
            #expect(openssl.status == 0, "\(openssl.stderr)")
            let blob = Self.blob(
                key: key.wire, namespace: "dmf-wizard-checkpoint", algorithm: algorithm,
                signature: try tool.read("raw.sig"))
            try? FileManager.default.removeItem(atPath: tool.file("message.sig"))
            let armored = Self.armour(blob)
            try tool.write("message.sig", armored)
            let check = verifier.check(
                armored: Array(armored.utf8), of: Self.message, namespace: .checkpoint, at: Date())
            #expect(check.isTrusted == accepted, "\(algorithm): \(check)")
            if !accepted {
                #expect(
                    check
                        == .badSignature(
                            "it is an RSA signature with SHA-1 (ssh-rsa), which OpenSSH does not accept for signed files"
                        ))
            }
            #expect(
                try tool.verifies(
                    allowed: "allowed", principal: Self.principal, namespace: "dmf-wizard-checkpoint",
                    signature: "message.sig", message: "message") == accepted, "ssh-keygen with \(algorithm)")
        }
    }

    /// A SHA-512 SSHSIG blob around a signature made elsewhere.
    static func blob(key: [UInt8], namespace: String, algorithm: String, signature: [UInt8]) -> [UInt8] {
        func string(_ bytes: [UInt8]) -> [UInt8] {
            let count = UInt32(bytes.count)
            return [UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)]
                + bytes
        }
        return Array("SSHSIG".utf8) + [0, 0, 0, 1] + string(key) + string(Array(namespace.utf8)) + string([])
            + string(Array("sha512".utf8)) + string(string(Array(algorithm.utf8)) + string(signature))
    }

    static func armour(_ blob: [UInt8]) -> String {
        let base64 = Array(Data(blob).base64EncodedString())
        let lines = stride(from: 0, to: base64.count, by: 70).map { String(base64[$0..<min($0 + 70, base64.count)]) }
        return "-----BEGIN SSH SIGNATURE-----\n" + lines.joined(separator: "\n") + "\n-----END SSH SIGNATURE-----\n"
    }

    /// The lines read here are read the same way by ssh-keygen: options in any case, quotes, and
    /// lines it refuses are refused here too.
    @Test func allowedSignersLinesReadTheSameOnBothSides() throws {
        let tool = try KeygenTool()
        try tool.makeKey("jo", .ed25519)
        try tool.write("message", Self.message)
        _ = try tool.sign("message", key: "jo", namespace: "dmf-wizard-manifest")
        let key = try tool.publicKey("jo").line
        for (line, readable) in [
            ("jowner@moj.example \(key) comment after", true),
            ("\"jowner@moj.example\" \(key)", true),
            ("jowner@moj.example NAMESPACES=\"dmf-wizard-manifest\",Valid-Before=\"29991231Z\" \(key)", true),
            ("jowner@moj.example namespaces=\"dmf-wizard-manifest\" \(key)\r", true),
            ("jowner@moj.example nope=\"1\" \(key)", false),
            ("jowner@moj.example namespaces=dmf-wizard-manifest \(key)", false),
            ("jowner@moj.example namespaces=\"a\",namespaces=\"b\" \(key)", false),
            ("jowner@moj.example cert-authority, \(key)", false),
            ("jowner@moj.example valid-after=\"2026\" \(key)", false),
            ("jowner@moj.example valid-after=\"20270101Z\",valid-before=\"20260101Z\" \(key)", false),
        ] {
            try tool.write("allowed", line + "\n")
            let ours = Result { try AllowedSigners.load(path: tool.file("allowed")) }
            let theirs = try tool.verifies(
                allowed: "allowed", principal: "jowner@moj.example", namespace: "dmf-wizard-manifest",
                signature: "message.sig", message: "message")
            #expect(((try? ours.get()) != nil) == readable, "\(line)")
            #expect(theirs == readable, "ssh-keygen reads \(line)")
        }
    }
}
