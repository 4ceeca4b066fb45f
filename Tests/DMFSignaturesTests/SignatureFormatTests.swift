import Foundation
import Testing

@testable import DMFSignatures

/// The SSHSIG blob and its armour, read strictly: every way a signature file can be wrong is
/// refused with its reason, and never crashes.
@Suite struct SignatureFormatTests {
    /// RFC 8032's first Ed25519 public key, as an SSH key.
    static let keyWire: [UInt8] = {
        var writer = SSHWireWriter()
        writer.string("ssh-ed25519")
        writer.string(
            [
                0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
                0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
            ] as [UInt8])
        return writer.bytes
    }()

    /// A blob with every field as given (the signature need not be valid to be read).
    static func blob(
        magic: String = "SSHSIG", version: UInt32 = 1, key: [UInt8] = keyWire,
        namespace: String = "dmf-wizard-manifest",
        reserved: [UInt8] = [], hash: String = "sha512", algorithm: String = "ssh-ed25519",
        signature: [UInt8] = [UInt8](repeating: 7, count: 64), extra: [UInt8] = []
    ) -> [UInt8] {
        var inner = SSHWireWriter()
        inner.string(algorithm)
        inner.string(signature)
        var writer = SSHWireWriter()
        writer.raw(Array(magic.utf8))
        writer.uint32(version)
        writer.string(key)
        writer.string(namespace)
        writer.string(reserved)
        writer.string(hash)
        writer.string(inner.bytes)
        writer.raw(extra)
        return writer.bytes
    }

    static func refusal(_ blob: [UInt8]) -> String? {
        do {
            _ = try SSHSignature(blob: blob)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aWellFormedBlobIsReadAndWrittenBackTheSame() throws {
        let blob = Self.blob()
        let signature = try SSHSignature(blob: blob)
        #expect(signature.namespace == "dmf-wizard-manifest")
        #expect(signature.hashAlgorithm == .sha512)
        #expect(signature.algorithm == "ssh-ed25519")
        #expect(signature.publicKey.type == "ssh-ed25519")
        #expect(signature.blob == blob)
        #expect(try SSHSignature(armored: signature.armored) == signature)
    }

    @Test func theArmourIsSSHKeygensBase64At70Columns() throws {
        let armored = try SSHSignature(blob: Self.blob()).armored
        let lines = armored.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "-----BEGIN SSH SIGNATURE-----")
        #expect(lines.dropLast().last == "-----END SSH SIGNATURE-----")
        #expect(lines.last == "", "it ends with a newline")
        let body = lines.dropFirst().dropLast(2)
        #expect(body.dropLast().allSatisfy { $0.count == 70 })
        #expect((body.last?.count ?? 0) <= 70)
        #expect(Data(base64Encoded: body.joined()).map(Array.init) == Self.blob())
    }

    @Test func wrongMagicVersionTrailingDataAndHashAreRefused() {
        #expect(
            Self.refusal(Self.blob(magic: "SSHSIX")) == "it is not an SSH signature (it does not start with SSHSIG)")
        #expect(Self.refusal(Self.blob(version: 2)) == "it is an SSH signature of version 2; only version 1 exists")
        #expect(Self.refusal(Self.blob(version: 0)) == "it is an SSH signature of version 0; only version 1 exists")
        #expect(Self.refusal(Self.blob(extra: [0])) == "it has bytes after the signature (trailing data)")
        #expect(
            Self.refusal(Self.blob(hash: "sha1"))
                == "it hashes the message with sha1; only sha256 and sha512 are accepted")
        #expect(Self.refusal(Self.blob(hash: "SHA512")) != nil, "the name is exact")
        #expect(Self.refusal(Self.blob(namespace: "")) == "its namespace is empty")
    }

    @Test func aSignatureThatDoesNotFitItsKeyIsRefused() {
        #expect(Self.refusal(Self.blob(signature: [1, 2, 3])) == "the Ed25519 signature is not 64 bytes long")
        #expect(
            Self.refusal(Self.blob(algorithm: "ecdsa-sha2-nistp256"))
                == "it is a ecdsa-sha2-nistp256 signature by a ssh-ed25519 key")
        var dss = SSHWireWriter()
        dss.string("ssh-dss")
        dss.string([1, 2, 3])
        #expect(
            Self.refusal(Self.blob(key: dss.bytes))
                == "its public key cannot be read: it is a key of type ssh-dss, which is not accepted")
        #expect(
            Self.refusal(Self.blob(key: Self.keyWire + [0]))
                == "its public key cannot be read: the ssh-ed25519 key has bytes after its end")
    }

    /// ssh-rsa signatures hash with SHA-1, which OpenSSH refuses for SSHSIG.
    @Test func anRSASignatureWithSHA1IsRefused() {
        var key = SSHWireWriter()
        key.string("ssh-rsa")
        key.string([1, 0, 1] as [UInt8])
        key.string([0x00, 0xc1] + [UInt8](repeating: 0x55, count: 255))
        let blob = Self.blob(key: key.bytes, algorithm: "ssh-rsa", signature: [UInt8](repeating: 1, count: 256))
        #expect(
            Self.refusal(blob)
                == "it is an RSA signature with SHA-1 (ssh-rsa), which OpenSSH does not accept for signed files")
        // The SHA-2 names are read; a longer signature than the key is not.
        let good = Self.blob(key: key.bytes, algorithm: "rsa-sha2-256", signature: [UInt8](repeating: 1, count: 255))
        #expect(Self.refusal(good) == nil)
        let long = Self.blob(key: key.bytes, algorithm: "rsa-sha2-512", signature: [UInt8](repeating: 1, count: 257))
        #expect(Self.refusal(long) == "the RSA signature is longer than the key")
    }

    /// OpenSSH ignores the reserved field's content (what is signed has it empty); so does this,
    /// and it survives being written back.
    @Test func aReservedFieldIsKept() throws {
        let signature = try SSHSignature(blob: Self.blob(reserved: [1, 2]))
        #expect(signature.blob == Self.blob(reserved: [1, 2]))
    }

    /// Every shortened blob is refused with a reason, none crashes.
    @Test func everyTruncationIsRefused() {
        let blob = Self.blob()
        for length in 0..<blob.count {
            #expect(Self.refusal(Array(blob.prefix(length))) != nil, "\(length) bytes")
        }
    }

    static func armourRefusal(_ text: String) -> String? {
        do {
            _ = try SSHSignature(armored: text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func malformedArmourIsRefused() throws {
        let good = try SSHSignature(blob: Self.blob()).armored
        #expect(Self.armourRefusal(good) == nil)
        #expect(Self.armourRefusal(good.replacingOccurrences(of: "\n", with: "\r\n")) == nil, "CRLF line endings")
        #expect(Self.armourRefusal(String(good.dropLast())) == nil, "no final newline")

        #expect(
            Self.armourRefusal("")
                == "it is not an SSH signature (it does not start with -----BEGIN SSH SIGNATURE-----)")
        #expect(Self.armourRefusal(" " + good) != nil, "text before the header")
        #expect(
            Self.armourRefusal(good.replacingOccurrences(of: "-----END SSH SIGNATURE-----\n", with: ""))
                == "the signature has no -----END SSH SIGNATURE----- line")
        #expect(Self.armourRefusal(good + "more\n") == "there is text after the signature's last line")
        #expect(Self.armourRefusal(good + "\n") == "there is text after the signature's last line")
        let lines = good.split(separator: "\n").map(String.init)
        let broken = ([lines[0], lines[1], ""] + lines[2...]).joined(separator: "\n")
        #expect(Self.armourRefusal(broken) == "the signature's base64 lines are damaged", "a blank line inside")
        let bad = good.replacingOccurrences(of: lines[1], with: "!" + lines[1].dropFirst())
        #expect(Self.armourRefusal(bad) == "the signature's base64 lines are damaged")
        #expect(
            Self.armourRefusal(good.replacingOccurrences(of: "BEGIN SSH SIGNATURE", with: "BEGIN PGP SIGNATURE")) != nil
        )
        #expect(
            Self.armourRefusal("-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n")
                == "the signature's base64 lines are damaged")
        let huge = "-----BEGIN SSH SIGNATURE-----\n" + String(repeating: "QUFB\n", count: 20_000)
        #expect(Self.armourRefusal(huge) == "it is too large to be an SSH signature")
    }

    @Test func theSignedDataIsLaidOutAsPROTOCOLsshsigSays() throws {
        let data = try SSHSignature.signedData(namespace: "dmf-wizard-receipt", hashAlgorithm: .sha256, message: [0x61])
        var reader = SSHWireReader(data)
        let magic = Array(try reader.raw(6, "magic"))
        let namespace = try reader.text("namespace")
        let reserved = try reader.string("reserved")
        let hash = try reader.text("hash")
        let digest = try reader.string("digest")
        #expect(magic == Array("SSHSIG".utf8))
        #expect(namespace == "dmf-wizard-receipt")
        #expect(reserved == [])
        #expect(hash == "sha256")
        // SHA-256 of "a".
        #expect(
            digest
                == [
                    0xca, 0x97, 0x81, 0x12, 0xca, 0x1b, 0xbd, 0xca, 0xfa, 0xc2, 0x31, 0xb3, 0x9a, 0x23, 0xdc, 0x4d,
                    0xa7, 0x86, 0xef, 0xf8, 0x14, 0x7c, 0x4e, 0x72, 0xb9, 0x80, 0x77, 0x85, 0xaf, 0xee, 0x48, 0xbb,
                ])
        #expect(reader.isAtEnd)
    }

    @Test func mpintsAreReadAsOpenSSHReadsThem() throws {
        func read(_ bytes: [UInt8]) -> String {
            var writer = SSHWireWriter()
            writer.string(bytes)
            var reader = SSHWireReader(writer.bytes)
            do {
                return "\(try reader.positiveMPInt("n"))"
            } catch {
                return error.description
            }
        }
        #expect(read([0x01, 0x02]) == "[1, 2]")
        #expect(read([0x00, 0x80]) == "[0, 128]")
        #expect(read([]) == "n is zero")
        #expect(read([0x80]) == "n is negative")
        #expect(read([0x00, 0x01]) == "n has a leading zero it does not need")
    }

    @Test func namespacesAreTheIssuesNames() {
        #expect(
            SignatureNamespace.allCases.map(\.rawValue) == [
                "dmf-wizard-manifest", "dmf-wizard-receipt", "dmf-wizard-decision", "dmf-wizard-checkpoint",
            ])
    }
}
