import Testing
import TransparencyLog

/// Proof files in C2SP's tlog-proof layout: made from the log, read back exactly, verified for the
/// one event they are about, and every malformed variant refused with its line and reason.
@Suite struct ProofFileTests {
    let hasher: MerkleHasher
    let leaves: [LogLeaf]
    let checkpoint: Checkpoint
    let prover: LogProver<[LogLeaf]>

    init() throws {
        hasher = try MerkleHasher()
        leaves = randomLeaves(1_000, seed: 22)
        prover = LogProver(source: leaves, hasher: hasher)
        checkpoint = try Checkpoint(
            origin: Checkpoint.origin(registerID: "4f1c2e"),
            head: TreeHead(size: 1_000, root: try prover.root(size: 1_000)))
    }

    func proofFile(index: Int, extra: [UInt8]? = nil) throws -> LogProofFile {
        let proof = try prover.inclusionProof(index: index, treeSize: checkpoint.size)
        return LogProofFile(index: index, hashes: proof.hashes, checkpoint: checkpoint, extra: extra)
    }

    @Test func textIsTheC2SPLayout() throws {
        let file = try proofFile(index: 73)
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "c2sp.org/tlog-proof@v1")
        #expect(lines[1] == "index 73")
        #expect(Array(lines[2..<12]) == file.hashes.map { Substring($0.base64) })
        #expect(lines[12] == "")
        #expect(lines[13...].joined(separator: "\n") == checkpoint.text)
        #expect(file.text.hasSuffix("\n\n" + checkpoint.text))
        let withExtra = try proofFile(index: 0, extra: Array("entry DMF-2026-0042".utf8))
        #expect(withExtra.text.hasPrefix("c2sp.org/tlog-proof@v1\nextra ZW50cnkgRE1GLTIwMjYtMDA0Mg==\nindex 0\n"))
        #expect(try proofFile(index: 0, extra: []).extra == nil)
    }

    @Test func readBackExactlyAndVerified() throws {
        for index in [0, 1, 73, 511, 512, 998, 999] {
            let file = try proofFile(index: index, extra: index == 73 ? [1, 2, 3] : nil)
            let read = try LogProofFile(text: file.text)
            #expect(read == file)
            #expect(read.text == file.text)
            // Against its own checkpoint (whose signature the caller then checks) and against the
            // same checkpoint held separately.
            #expect(try read.verify(leaf: leaves[index], hasher: hasher) == checkpoint)
            #expect(try read.verify(leaf: leaves[index], trusting: checkpoint, hasher: hasher) == checkpoint)
        }
    }

    @Test func proofsForAnythingElseAreRefused() throws {
        let file = try proofFile(index: 73)
        #expect(throws: ProofFailure.rootMismatch) { try file.verify(leaf: leaves[74], hasher: hasher) }
        let older = try Checkpoint(
            origin: checkpoint.origin, head: TreeHead(size: 999, root: try prover.root(size: 999)))
        #expect(throws: ProofFailure.otherCheckpoint(proof: checkpoint, trusted: older)) {
            try file.verify(leaf: leaves[73], trusting: older, hasher: hasher)
        }
        let otherRegister = try Checkpoint(origin: Checkpoint.origin(registerID: "77aa01"), head: checkpoint.head)
        #expect(throws: ProofFailure.otherCheckpoint(proof: checkpoint, trusted: otherRegister)) {
            try file.verify(leaf: leaves[73], trusting: otherRegister, hasher: hasher)
        }
        let changedRoot = try Checkpoint(
            origin: checkpoint.origin, head: TreeHead(size: 1_000, root: flipped(checkpoint.root, bit: 3)))
        #expect(throws: ProofFailure.otherCheckpoint(proof: checkpoint, trusted: changedRoot)) {
            try file.verify(leaf: leaves[73], trusting: changedRoot, hasher: hasher)
        }
        #expect(
            ProofFailure.otherCheckpoint(proof: checkpoint, trusted: older).description
                == "the proof is against the checkpoint of 1,000 events, not the trusted one of 999: ask for a proof "
                + "against the trusted checkpoint")
        #expect(
            ProofFailure.otherCheckpoint(proof: checkpoint, trusted: otherRegister).description
                == "the proof is against a checkpoint of “dmf-wizard register 4f1c2e”, not of “dmf-wizard register 77aa01”"
        )

        // Edited files: each is read, then refused by the check with the reason.
        var lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func edited(_ change: (inout [String]) -> Void) throws -> LogProofFile {
            var copy = lines
            change(&copy)
            return try LogProofFile(text: copy.joined(separator: "\n"))
        }
        #expect(throws: ProofFailure.rootMismatch) {
            try edited { $0[3] = flipped(file.hashes[2], bit: 100).base64 }.verify(leaf: leaves[73], hasher: hasher)
        }
        #expect(throws: ProofFailure.rootMismatch) {
            try edited { $0[1] = "index 72" }.verify(leaf: leaves[73], hasher: hasher)
        }
        #expect(throws: ProofFailure.wrongLength(expected: 10, actual: 9)) {
            try edited { $0.remove(at: 11) }.verify(leaf: leaves[73], hasher: hasher)
        }
        #expect(throws: ProofFailure.wrongLength(expected: 10, actual: 11)) {
            try edited { $0.insert(file.hashes[0].base64, at: 11) }.verify(leaf: leaves[73], hasher: hasher)
        }
        #expect(throws: ProofFailure.indexOutOfRange(index: 1_000, size: 1_000)) {
            try edited { $0[1] = "index 1000" }.verify(leaf: leaves[73], hasher: hasher)
        }
        // A changed root is refused. (A changed size alone may not be: a proof cannot tell apart
        // sizes whose paths have the same shape; the checkpoint's signature binds the size.)
        lines[15] = flipped(checkpoint.root, bit: 0).base64
        #expect(throws: ProofFailure.rootMismatch) {
            try LogProofFile(text: lines.joined(separator: "\n")).verify(leaf: leaves[73], hasher: hasher)
        }
    }

    @Test func malformedProofFilesAreRefusedWithLineAndReason() throws {
        let good = try proofFile(index: 73).text
        let lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func replacing(_ index: Int, with line: String?) -> String {
            var copy = lines
            if let line { copy[index] = line } else { copy.remove(at: index) }
            return copy.joined(separator: "\n")
        }
        func inserting(_ line: String, at index: Int) -> String {
            var copy = lines
            copy.insert(line, at: index)
            return copy.joined(separator: "\n")
        }
        let notAHash = "each proof line must be a hash: 32 bytes in base64 (44 characters ending in =)"
        let badIndex = "expected “index ” and the event's position from 0, in digits with no leading zeros"
        let badExtra = "the extra line must be “extra ” and base64 of one or more bytes"
        let cases: [(String, LogFormatError)] = [
            (
                replacing(0, with: "c2sp.org/tlog-proof@v2"),
                LogFormatError("a proof file starts with the line c2sp.org/tlog-proof@v1", line: 1)
            ),
            (
                replacing(0, with: "c2sp.org/tlog-proof@v1 "),
                LogFormatError("a proof file starts with the line c2sp.org/tlog-proof@v1", line: 1)
            ),
            (inserting("extra", at: 1), LogFormatError(badExtra, line: 2)),
            (inserting("extra ", at: 1), LogFormatError(badExtra, line: 2)),
            (
                inserting("extra AQID", at: 1).replacingOccurrences(of: "extra AQID", with: "extra AQI"),
                LogFormatError(badExtra, line: 2)
            ),
            (inserting("extra  AQID", at: 1), LogFormatError(badExtra, line: 2)),
            (inserting("extra AQID", at: 2), LogFormatError(notAHash, line: 3)),
            (replacing(1, with: "index 073"), LogFormatError(badIndex, line: 2)),
            (replacing(1, with: "index -73"), LogFormatError(badIndex, line: 2)),
            (replacing(1, with: "index  73"), LogFormatError(badIndex, line: 2)),
            (replacing(1, with: "index 73 "), LogFormatError(badIndex, line: 2)),
            (replacing(1, with: "Index 73"), LogFormatError(badIndex, line: 2)),
            (replacing(1, with: nil), LogFormatError(badIndex, line: 2)),
            (replacing(4, with: String(lines[4].dropLast())), LogFormatError(notAHash, line: 5)),
            (replacing(4, with: lines[4] + " "), LogFormatError(notAHash, line: 5)),
            (replacing(4, with: "*" + lines[4].dropFirst()), LogFormatError(notAHash, line: 5)),
            (replacing(12, with: nil), LogFormatError(notAHash, line: 13)),
            (replacing(12, with: " "), LogFormatError(notAHash, line: 13)),
            (
                replacing(14, with: "01000"),
                LogFormatError(
                    "the number of events must be written in digits with no leading zeros, signs or spaces", line: 15)
            ),
            (
                replacing(14, with: "1000 "),
                LogFormatError(
                    "the number of events must be written in digits with no leading zeros, signs or spaces", line: 15)
            ),
            (
                good + "\n— dmf-wizard AAAA\n",
                LogFormatError("a checkpoint has no blank lines (a signature belongs in its .sig file)", line: 17)
            ),
            (String(good.dropLast()), LogFormatError("the proof must end with a newline", line: 16)),
            (
                "c2sp.org/tlog-proof@v1\nindex 0\n",
                LogFormatError("the proof has no blank line followed by its checkpoint")
            ),
            (
                "c2sp.org/tlog-proof@v1\nindex 0\n\n",
                LogFormatError(
                    "a checkpoint has at least three lines (the origin, the number of events, the root hash); this has 0"
                )
            ),
            ("c2sp.org/tlog-proof@v1\n", LogFormatError(badIndex, line: 2)),
            ("", LogFormatError("the proof is empty")),
            (
                good.replacingOccurrences(of: "\n", with: "\r\n"),
                LogFormatError(
                    "it has a carriage return (Windows line endings); lines must end with a newline only", line: 1)
            ),
        ]
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try LogProofFile(text: text) }
        }
    }
}
