import Foundation

/// An inclusion proof with the checkpoint it leads to, in C2SP's tlog-proof layout: the line
/// `c2sp.org/tlog-proof@v1`, an optional `extra` line of base64, `index N` (from 0), one base64
/// hash per line, a blank line, then the checkpoint's text as it was signed.
///
/// It shows the other party that their event is in the register without showing them any other.
/// The checkpoint inside is only text: its signature travels beside it (or the other party
/// already holds a signed checkpoint and checks against that).
public struct LogProofFile: Sendable, Equatable {
    public static let header = "c2sp.org/tlog-proof@v1"

    /// Opaque bytes the proof carries, not covered by any signature; nil when there are none.
    public let extra: [UInt8]?
    /// The leaf's index, from 0 (event `index + 1`).
    public let index: Int
    /// Nearest the leaf first.
    public let hashes: [TreeHash]
    public let checkpoint: Checkpoint

    /// The proof for a tree of `checkpoint.size` leaves. Empty `extra` is the same as none.
    public init(index: Int, hashes: [TreeHash], checkpoint: Checkpoint, extra: [UInt8]? = nil) {
        self.index = index
        self.hashes = hashes
        self.checkpoint = checkpoint
        self.extra = extra?.isEmpty == true ? nil : extra
    }

    public var inclusionProof: InclusionProof {
        InclusionProof(index: index, treeSize: checkpoint.size, hashes: hashes)
    }

    /// The file's text.
    public var text: String {
        var lines = [Self.header]
        if let extra { lines.append("extra " + Data(extra).base64EncodedString()) }
        lines.append("index \(index)")
        lines += hashes.map(\.base64)
        return lines.map { $0 + "\n" }.joined() + "\n" + checkpoint.text
    }

    /// Reads a proof file strictly: exactly what `text` would write. Each thing refused is named
    /// with its line: another first line, an `extra` line that is empty or not canonical base64,
    /// a missing or malformed `index` (leading zeros, signs, spaces), a hash line that is not 32
    /// bytes of canonical base64, no blank line before the checkpoint, and anything the checkpoint
    /// reader refuses.
    public init(text: String) throws(LogFormatError) { try self.init(bytes: Array(text.utf8)) }

    public init(bytes: [UInt8]) throws(LogFormatError) {
        let lines = try LogLines.split(bytes, what: "the proof")
        guard lines.first == Substring(Self.header) else {
            throw LogFormatError("a proof file starts with the line \(Self.header)", line: 1)
        }
        var next = 1
        var extra: [UInt8]?
        if next < lines.count, lines[next].hasPrefix("extra") {
            guard lines[next].hasPrefix("extra "),
                let bytes = Base64.decodeCanonical(lines[next].dropFirst("extra ".count)), !bytes.isEmpty
            else {
                throw LogFormatError("the extra line must be “extra ” and base64 of one or more bytes", line: next + 1)
            }
            extra = bytes
            next += 1
        }
        guard next < lines.count, lines[next].hasPrefix("index "),
            let index = DecimalText.strict(lines[next].dropFirst("index ".count))
        else {
            throw LogFormatError(
                "expected “index ” and the event's position from 0, in digits with no leading zeros",
                line: next + 1)
        }
        next += 1
        var hashes: [TreeHash] = []
        while next < lines.count, !lines[next].isEmpty {
            guard let hash = TreeHash(base64: lines[next]) else {
                throw LogFormatError(
                    "each proof line must be a hash: 32 bytes in base64 (44 characters ending in =)", line: next + 1)
            }
            hashes.append(hash)
            next += 1
        }
        guard next < lines.count else {
            throw LogFormatError("the proof has no blank line followed by its checkpoint")
        }
        let checkpoint = try Checkpoint(lines: lines[(next + 1)...], firstLine: next + 2)
        self.init(index: index, hashes: hashes, checkpoint: checkpoint, extra: extra)
    }

    /// Checks that `leaf` (in the register, an event's hash) is at `index` in the tree the
    /// checkpoint describes.
    ///
    /// - Parameter trusted: a checkpoint whose signature the caller has checked. The proof must be
    ///   against that very checkpoint. When nil, the proof's own checkpoint is used, and the
    ///   caller must then check its signature (over `checkpoint.text`, the bytes as signed)
    ///   before believing anything this says.
    /// - Returns: the checkpoint the leaf was proved against.
    @discardableResult
    public func verify(leaf: LogLeaf, trusting trusted: Checkpoint? = nil, hasher: MerkleHasher) throws(ProofFailure)
        -> Checkpoint
    {
        if let trusted, trusted != checkpoint { throw .otherCheckpoint(proof: checkpoint, trusted: trusted) }
        try inclusionProof.verify(leaf: leaf, root: checkpoint.root, hasher: hasher)
        return checkpoint
    }
}
