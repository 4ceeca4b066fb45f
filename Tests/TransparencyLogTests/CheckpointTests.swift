import Foundation
import TestSupport
import Testing
import TransparencyLog

/// Checkpoints in C2SP's tlog-checkpoint layout: written, read back exactly, and every malformed
/// variant refused with its line and reason.
@Suite struct CheckpointTests {
    let hasher: MerkleHasher
    let root: TreeHash
    let checkpoint: Checkpoint

    init() throws {
        hasher = try MerkleHasher()
        root = try hash(VectorTests.roots[7])
        checkpoint = try Checkpoint(
            origin: Checkpoint.origin(registerID: "4f1c2e"), head: TreeHead(size: 7, root: root))
    }

    @Test func textIsTheThreeLines() {
        #expect(checkpoint.origin == "dmf-wizard register 4f1c2e")
        #expect(checkpoint.text == "dmf-wizard register 4f1c2e\n7\n3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\n")
        #expect(checkpoint.root.base64 == "3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=")
    }

    @Test func readBackExactly() throws {
        let read = try Checkpoint(text: checkpoint.text)
        #expect(read == checkpoint)
        #expect(read.text == checkpoint.text)
        let extended = try Checkpoint(
            origin: "example.com/log", head: TreeHead(size: 0, root: hasher.emptyRoot),
            extensions: ["one", "two words"])
        #expect(try Checkpoint(text: extended.text) == extended)
        #expect(extended.text.hasSuffix("=\none\ntwo words\n"))
        // C2SP tlog-checkpoint's own example (its note text, without the signature line).
        let example = try Checkpoint(
            text: "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
        #expect(example.size == 20_852_163)
        #expect(example.origin == "example.com/behind-the-sofa")
    }

    @Test func malformedCheckpointsAreRefusedWithLineAndReason() throws {
        let good = checkpoint.text
        let base64 = checkpoint.root.base64
        let origin = checkpoint.origin
        let cases: [(String, LogFormatError)] = [
            ("", LogFormatError("the checkpoint is empty")),
            (String(good.dropLast()), LogFormatError("the checkpoint must end with a newline", line: 3)),
            (
                good.replacingOccurrences(of: "\n", with: "\r\n"),
                LogFormatError(
                    "it has a carriage return (Windows line endings); lines must end with a newline only", line: 1)
            ),
            (
                "\(origin)\n7\n",
                LogFormatError(
                    "a checkpoint has at least three lines (the origin, the number of events, the root hash); this has 2"
                )
            ),
            (
                "\n7\n\(base64)\n",
                LogFormatError("a checkpoint has no blank lines (a signature belongs in its .sig file)", line: 1)
            ),
            (
                good + "\n— \(origin) AAAA\n",
                LogFormatError("a checkpoint has no blank lines (a signature belongs in its .sig file)", line: 4)
            ),
            (" \(origin)\n7\n\(base64)\n", LogFormatError("the origin starts or ends with a space", line: 1)),
            ("\(origin) \n7\n\(base64)\n", LogFormatError("the origin starts or ends with a space", line: 1)),
            ("dmf-wizard\tregister\n7\n\(base64)\n", LogFormatError("it has a control character (byte 9)", line: 1)),
            (
                "\(origin)\n7\n\(base64)\nextension \n",
                LogFormatError("an extension line starts or ends with a space", line: 4)
            ),
        ]
        for size in ["07", "+7", "-7", " 7", "7 ", "7a", "seven", "0x7", "99999999999999999999", "٧"] {
            let text = "\(origin)\n\(size)\n\(base64)\n"
            #expect(
                throws: LogFormatError(
                    "the number of events must be written in digits with no leading zeros, signs or spaces", line: 2),
                "\(size)"
            ) {
                try Checkpoint(text: text)
            }
        }
        for hash in [
            String(base64.dropLast()), base64 + "=", "-" + base64.dropFirst(), base64 + " ",
            checkpoint.root.hex, "3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTI==", "",
        ] {
            let text = "\(origin)\n7\n\(hash)\n"
            let expected =
                hash.isEmpty
                ? LogFormatError("a checkpoint has no blank lines (a signature belongs in its .sig file)", line: 3)
                : LogFormatError("the root hash must be 32 bytes in base64 (44 characters ending in =)", line: 3)
            #expect(throws: expected, "\(hash)") { try Checkpoint(text: text) }
        }
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try Checkpoint(text: text) }
        }
        #expect(throws: LogFormatError("the checkpoint is not UTF-8 text")) {
            try Checkpoint(bytes: Array(origin.utf8) + [0xff, 0x0a] + Array("7\n\(base64)\n".utf8))
        }
        #expect(throws: LogFormatError("the checkpoint is 65,537 bytes; at most 65,536 are read")) {
            try Checkpoint(bytes: [UInt8](repeating: UInt8(ascii: "a"), count: 65_537))
        }
    }

    @Test func originsAndExtensionsThatTextCannotHoldAreRefused() {
        let head = checkpoint.head
        #expect(throws: LogFormatError("the origin is empty")) { try Checkpoint(origin: "", head: head) }
        #expect(throws: LogFormatError("the origin has a newline or other control character")) {
            try Checkpoint(origin: "a\nb", head: head)
        }
        #expect(throws: LogFormatError("the origin starts or ends with a space")) {
            try Checkpoint(origin: "dmf-wizard register ", head: head)
        }
        #expect(throws: LogFormatError("extension line 2 is empty")) {
            try Checkpoint(origin: "log", head: head, extensions: ["a", ""])
        }
    }

    /// The checkpoint's text written as FILE and signed by ssh-keygen in the checkpoint namespace
    /// is a pair `ssh-keygen -Y verify` accepts; read back, its text is those bytes exactly.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen")))
    func sshKeygenVerifiesTheCheckpointFileAndItsSignature() throws {
        var template = Array((NSTemporaryDirectory() + "/dmf-checkpoint-XXXXXX").utf8CString)
        let folder = String(cString: try #require(mkdtemp(&template)))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment["SSH_AUTH_SOCK"] = nil
        func keygen(_ arguments: String) throws -> Spawn.Output {
            try Spawn.run(["/bin/sh", "-c", "/usr/bin/ssh-keygen " + arguments], environment: environment, in: folder)
        }
        #expect(try keygen("-q -t ed25519 -N '' -C auditor -f key").status == 0)
        try Data(checkpoint.text.utf8).write(to: URL(fileURLWithPath: folder + "/checkpoint"))
        #expect(try keygen("-Y sign -f key -n dmf-wizard-checkpoint checkpoint").status == 0)
        let publicKey = try String(contentsOfFile: folder + "/key.pub", encoding: .utf8)
        try Data(("auditor namespaces=\"dmf-wizard-checkpoint\" " + publicKey).utf8)
            .write(to: URL(fileURLWithPath: folder + "/allowed_signers"))
        let verified = try keygen(
            "-Y verify -f allowed_signers -I auditor -n dmf-wizard-checkpoint -s checkpoint.sig < checkpoint")
        #expect(verified.status == 0, "\(verified.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/checkpoint")))
        #expect(Array(try Checkpoint(bytes: bytes).text.utf8) == bytes)
        // Another namespace is not accepted for it.
        #expect(
            try keygen("-Y verify -f allowed_signers -I auditor -n dmf-wizard-receipt -s checkpoint.sig < checkpoint")
                .status != 0)
    }
}
