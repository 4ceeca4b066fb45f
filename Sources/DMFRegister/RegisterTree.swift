import DMFPolicy
import DMFSignatures
import Foundation
import TransparencyLog

/// The register's identity and its log's tree as kept, read at one moment with the log's head.
public struct TreeState: Sendable, Equatable {
    /// Made when the register was created (or, for an older register, when it was migrated).
    public var registerID: String
    /// The tree's right edge (`Frontier.saved`); nil until first worked out.
    public var edge: String?
    /// The last event of the log.
    public var head: ChainHead?

    public init(registerID: String, edge: String?, head: ChainHead?) {
        self.registerID = registerID
        self.edge = edge
        self.head = head
    }

    /// `dmf-wizard register ID`: the origin line of this register's checkpoints.
    public var origin: String { Checkpoint.origin(registerID: registerID) }
}

/// A complete subtree of the log's tree that the register keeps: every one of at least
/// `RegisterTree.smallestKept` events, so an inclusion proof reads a few hundred event hashes
/// and O(log n) kept roots instead of every event.
public struct KeptSubtree: Sendable, Equatable, Hashable {
    /// The index of its first event, from 0 (event `first + 1`).
    public var first: Int64
    /// How many events it covers: a power of two.
    public var leaves: Int64
    /// Its root, in base64.
    public var root: String

    public init(first: Int64, leaves: Int64, root: String) {
        self.first = first
        self.leaves = leaves
        self.root = root
    }

    init(_ subtree: Subtree) {
        self.init(
            first: Int64(subtree.leaves.lowerBound), leaves: Int64(subtree.leaves.count), root: subtree.root.base64)
    }

    /// A row with nothing in it, for a store to read into.
    public static let blank = KeptSubtree(first: 0, leaves: 0, root: "")
}

/// What a write adds to the tree: its new right edge, and the large subtrees completed.
public struct TreeGrowth: Sendable, Equatable {
    public var edge: String
    public var subtrees: [KeptSubtree]

    public init(edge: String, subtrees: [KeptSubtree]) {
        self.edge = edge
        self.subtrees = subtrees
    }
}

/// A checkpoint made with `register checkpoint` and kept in the register with its signature,
/// so the latest is known on every desk and `check` can narrow a change between checkpoints.
public struct KeptCheckpoint: Sendable, Equatable {
    public var size: Int64
    /// The root, in base64.
    public var root: String
    /// The checkpoint's text, exactly as signed.
    public var text: String
    /// The armoured SSHSIG signature of `text` (namespace `dmf-wizard-checkpoint`).
    public var signature: String
    /// The key that signed, as an allowed-signers line names it.
    public var signerKey: String
    public var recordedAt: String
    /// The login account that made it.
    public var account: String

    public init(
        size: Int64, root: String, text: String, signature: String, signerKey: String, recordedAt: String,
        account: String
    ) {
        self.size = size
        self.root = root
        self.text = text
        self.signature = signature
        self.signerKey = signerKey
        self.recordedAt = recordedAt
        self.account = account
    }

    public static let blank = KeptCheckpoint(
        size: 0, root: "", text: "", signature: "", signerKey: "", recordedAt: "", account: "")

    public var proof: EventProof { EventProof(statement: text, signature: signature, signerKey: signerKey) }

    /// The checkpoint read back from its text; nil when the text is not one.
    public var checkpoint: Checkpoint? { try? Checkpoint(text: text) }
}

/// Where the register stood: the number of events and the root of their tree. Printed on every
/// document saved with a register and every receipt recorded in one, so each paper copy is a
/// witness that the register held at least this much then.
public struct RegisterPosition: Sendable, Equatable, Codable {
    /// `dmf-wizard register ID`.
    public var origin: String
    public var events: Int
    /// The root hash in base64, as a checkpoint writes it.
    public var root: String

    public init(origin: String, events: Int, root: String) {
        self.origin = origin
        self.events = events
        self.root = root
    }

    enum CodingKeys: String, CodingKey {
        case origin = "register"
        case events
        case root = "root_hash"
    }

    /// "dmf-wizard register 3f…: 1,234 events, root hash AbC…=".
    public var line: String { "\(origin): \(Count.grouped(events)) events, root hash \(root)" }

    public var head: TreeHead? { TreeHash(base64: root).map { TreeHead(size: events, root: $0) } }
}

/// The register's tree: its edge kept beside the log and brought forward with every event.
enum RegisterTree {
    /// The smallest complete subtree kept, in events. A proof then reads fewer than 3 × 256 event
    /// hashes, and the register keeps about one subtree root for every 128 events.
    static let smallestKept = 256

    /// The tree's edge as kept, brought up to the log's `head`: read from its saved text, then
    /// grown by any events written after it (by an older dmf-wizard, or before the tree was kept),
    /// with the large subtrees those completed. A saved edge that cannot be read is worked out
    /// again from every event. An edge ahead of the log means events were removed: refused.
    static func caughtUp(
        edge: String?, head: ChainHead?, hasher: MerkleHasher, location: String,
        read: (ClosedRange<Int64>) throws -> [String]
    ) throws -> (frontier: Frontier, completed: [KeptSubtree]) {
        let count = Int(head?.sequence ?? 0)
        var frontier = edge.flatMap { try? Frontier(saved: $0, hasher: hasher) } ?? Frontier(hasher: hasher)
        guard frontier.size <= count else {
            throw RegisterError.failed(
                location: location,
                reason: "its tree records \(Count.grouped(frontier.size)) events but its log holds only "
                    + "\(Count.grouped(count)): events were removed outside dmf-wizard, so nothing more is "
                    + "written. Run `dmf-wizard register check --checkpoint FILE` with the latest checkpoint")
        }
        var completed: [KeptSubtree] = []
        var next = frontier.size + 1
        while next <= count {
            let last = min(count, next + 9_999)
            let hashes = try read(Int64(next)...Int64(last))
            guard hashes.count == last - next + 1 else {
                throw RegisterError.failed(
                    location: location,
                    reason: "events \(next) to \(last) cannot all be read; run `dmf-wizard register check`")
            }
            for hash in hashes {
                guard let leaf = LogLeaf(eventHash: hash) else {
                    throw RegisterError.failed(
                        location: location,
                        reason: "event \(frontier.size + 1) has no proper hash; run `dmf-wizard register check`")
                }
                completed += frontier.appendCompleting(leaf, smallest: smallestKept).map(KeptSubtree.init)
            }
            next = last + 1
        }
        return (frontier, completed)
    }

    /// The growth a new event makes: the edge caught up with the log, then the event's hash added.
    static func growth(
        edge: String?, head: ChainHead?, adding hash: String, hasher: MerkleHasher, location: String,
        read: (ClosedRange<Int64>) throws -> [String]
    ) throws -> TreeGrowth {
        var (frontier, completed) = try caughtUp(
            edge: edge, head: head, hasher: hasher, location: location, read: read)
        // The register made this hash itself: always 64 lower-case digits.
        let leaf = LogLeaf(eventHash: hash) ?? LogLeaf(bytes: hash.utf8)
        completed += frontier.appendCompleting(leaf, smallest: smallestKept).map(KeptSubtree.init)
        return TreeGrowth(edge: frontier.saved, subtrees: completed)
    }

    /// The leaf an event's stored hash makes: its 32 bytes, or for a stored hash that is not 64
    /// lower-case digits (changed by hand) its text's bytes, which gives a root no checkpoint
    /// of the real log has.
    static func leaf(_ hash: String) -> LogLeaf { LogLeaf(eventHash: hash) ?? LogLeaf(bytes: hash.utf8) }
}

/// Where a prover reads the register's tree: stored event hashes and kept subtree roots.
struct StoredLeaves: LeafSource {
    let storage: any RegisterStorage
    let kept: [Range<Int>: TreeHash]

    init(storage: any RegisterStorage) throws {
        self.storage = storage
        var kept: [Range<Int>: TreeHash] = [:]
        for subtree in try storage.keptSubtrees() {
            guard let root = TreeHash(base64: subtree.root) else { continue }
            kept[Int(subtree.first)..<Int(subtree.first + subtree.leaves)] = root
        }
        self.kept = kept
    }

    func leaves(in range: Range<Int>) throws -> [LogLeaf] {
        guard !range.isEmpty else { return [] }
        return try storage.eventHashes(Int64(range.lowerBound + 1)...Int64(range.upperBound)).map(RegisterTree.leaf)
    }

    var smallestKeptSubtree: Int? { RegisterTree.smallestKept }

    func subtreeRoot(of range: Range<Int>) throws -> TreeHash? { kept[range] }
}

// MARK: - The register's checkpoints and proofs

/// One event's inclusion proof, as `register prove` prints it.
public struct EventInclusion: Sendable, Equatable {
    public var event: RegisterEvent
    public var proof: LogProofFile
}

extension Register {
    /// Libcrypto loaded, and the tree's hasher.
    func merkleHasher() throws(RegisterError) -> MerkleHasher {
        do { return try MerkleHasher() } catch { throw .unavailable(location: location, reason: error.description) }
    }

    /// Where the register stands now: its ID, the number of events and their root, from the
    /// kept edge (O(log n)). An edge behind the log (a register migrated from before the tree,
    /// or written to by an older dmf-wizard) is brought up to date first, once, in a write.
    public func position() throws(RegisterError) -> RegisterPosition {
        let hasher = try merkleHasher()
        return try guarded {
            var state = try storage.treeState()
            if Frontier.size(ofSaved: state.edge) != Int(state.head?.sequence ?? 0) {
                try catchUpTree(hasher: hasher)
                state = try storage.treeState()
            }
            let frontier =
                try state.edge.map { text throws in try Frontier(saved: text, hasher: hasher) }
                ?? Frontier(hasher: hasher)
            return RegisterPosition(origin: state.origin, events: frontier.size, root: frontier.root.base64)
        }
    }

    /// Brings the kept edge up to the log, in one write transaction.
    private func catchUpTree(hasher: MerkleHasher) throws {
        try storage.write { writer in
            let (_, head, _, edge) = try writer.load("")
            let (frontier, completed) = try RegisterTree.caughtUp(
                edge: edge, head: head, hasher: hasher, location: location, read: writer.eventHashes)
            try writer.save(tree: TreeGrowth(edge: frontier.saved, subtrees: completed))
        }
    }

    /// The checkpoint of the register as it stands, ready to sign: O(log n), no pass over the log.
    public func currentCheckpoint() throws(RegisterError) -> Checkpoint {
        let position = try position()
        guard let head = position.head, let checkpoint = try? Checkpoint(origin: position.origin, head: head) else {
            throw .failed(location: location, reason: "its ID cannot be written in a checkpoint")
        }
        return checkpoint
    }

    /// Keeps a checkpoint just made and signed with the register, so the latest is known on
    /// every desk. The signature must be intact and in the checkpoint namespace.
    public func keep(_ checkpoint: Checkpoint, proof: EventProof) throws(RegisterError) -> KeptCheckpoint {
        let account = try currentAccount()
        guard proof.statementBytes == Array(checkpoint.text.utf8) else {
            throw .refused(RefusedChange(reason: "the signature is not of this checkpoint"))
        }
        if case .broken(let reason) = trust.judge(proof, namespace: .checkpoint, at: Date()) {
            throw .refused(RefusedChange(reason: "the checkpoint's signature cannot be used: \(reason)"))
        }
        let kept = KeptCheckpoint(
            size: Int64(checkpoint.size), root: checkpoint.root.base64, text: checkpoint.text,
            signature: proof.signature, signerKey: proof.signerKey, recordedAt: now(), account: account)
        try guarded { try storage.save(checkpoint: kept) }
        return kept
    }

    /// Every checkpoint kept in the register, oldest first.
    public func keptCheckpoints() throws(RegisterError) -> [KeptCheckpoint] {
        try guarded { try storage.checkpoints() }
    }

    /// The latest checkpoint kept (the largest, the newest of equals), if any.
    public func latestCheckpoint() throws(RegisterError) -> KeptCheckpoint? {
        try keptCheckpoints().max { ($0.size, $0.recordedAt) < ($1.size, $1.recordedAt) }
    }

    /// Inclusion proofs of every event of `reference` in the tree `checkpoint` describes, one per
    /// event, each carrying the event's hash (its `extra` line) and the checkpoint's text. Events
    /// written after the checkpoint have none yet.
    public func inclusionProofs(of reference: String, against checkpoint: Checkpoint) throws(RegisterError)
        -> (proved: [EventInclusion], notYet: [RegisterEvent])
    {
        let hasher = try merkleHasher()
        let history = try history(reference)
        return try guarded {
            let prover = LogProver(source: try StoredLeaves(storage: storage), hasher: hasher)
            var proved: [EventInclusion] = []
            var notYet: [RegisterEvent] = []
            for event in history.events {
                let index = Int(event.sequence) - 1
                guard index < checkpoint.size else {
                    notYet.append(event)
                    continue
                }
                let proof = try prover.inclusionProof(index: index, treeSize: checkpoint.size)
                let leaf = RegisterTree.leaf(event.hash)
                let file = LogProofFile(index: index, hashes: proof.hashes, checkpoint: checkpoint, extra: leaf.bytes)
                // A proof that does not lead to the checkpoint means the register no longer
                // holds what it did when the checkpoint was made: said, never handed out.
                do throws(ProofFailure) { try file.verify(leaf: leaf, trusting: checkpoint, hasher: hasher) } catch {
                    throw RegisterError.failed(
                        location: location,
                        reason: "event \(event.sequence) no longer leads to the checkpoint of "
                            + "\(Count.grouped(checkpoint.size)) events (\(error)): the register was changed since; "
                            + "run `dmf-wizard register check --checkpoint FILE`")
                }
                proved.append(EventInclusion(event: event, proof: file))
            }
            return (proved, notYet)
        }
    }
}

extension Frontier {
    /// The number of leaves a saved edge records, without reading its hashes; 0 for none, -1
    /// for a text that does not start with one.
    static func size(ofSaved text: String?) -> Int {
        guard let text else { return 0 }
        return Int(text.prefix { $0 != " " }) ?? -1
    }
}
