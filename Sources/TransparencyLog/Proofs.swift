/// Why a proof does not hold. Messages speak of events, the register's leaves, numbered from 1
/// as the register numbers them (leaf index 0 is event 1).
public enum ProofFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// A size or index below zero.
    case negative(what: String, value: Int)
    /// An inclusion proof for a leaf the tree does not have.
    case indexOutOfRange(index: Int, size: Int)
    /// A consistency proof from a larger tree to a smaller one.
    case sizesOutOfOrder(old: Int, new: Int)
    /// The proof has more or fewer hashes than one for these sizes must.
    case wrongLength(expected: Int, actual: Int)
    /// An inclusion proof that leads to another root: the leaf is not there, or something was changed.
    case rootMismatch
    /// A consistency proof that does not lead to the old tree's root.
    case oldRootMismatch
    /// A consistency proof that leads to the old root but not to the new one.
    case newRootMismatch
    /// Two trees of the same size with different roots.
    case sameSizeDifferentRoots(size: Int)
    /// A proof file made against another checkpoint than the one trusted.
    case otherCheckpoint(proof: Checkpoint, trusted: Checkpoint)

    public var description: String {
        switch self {
        case .negative(let what, let value):
            "\(what) cannot be negative (it is \(value))"
        case .indexOutOfRange(let index, let size):
            "the proof is for event \(DecimalText.grouped(index + 1)), but the tree holds "
                + (size == 0 ? "no events" : "only \(DecimalText.count(size, "event", "events"))")
        case .sizesOutOfOrder(let old, let new):
            "the older tree (\(DecimalText.count(old, "event", "events"))) is larger than the newer one "
                + "(\(DecimalText.grouped(new))): a log only grows"
        case .wrongLength(let expected, let actual):
            "the proof has \(DecimalText.count(actual, "hash", "hashes")) where it must have \(DecimalText.grouped(expected))"
        case .rootMismatch:
            "the proof does not lead to the tree's root hash: the event is not in that tree at that "
                + "position, or the proof or the event was changed"
        case .oldRootMismatch:
            "the proof does not lead to the older tree's root hash: the newer tree does not contain it"
        case .newRootMismatch:
            "the proof does not lead to the newer tree's root hash: the newer tree does not contain the older one"
        case .sameSizeDifferentRoots(let size):
            "the two trees both hold \(DecimalText.count(size, "event", "events")) but have different "
                + "root hashes: one of them was rewritten"
        case .otherCheckpoint(let proof, let trusted):
            if proof.origin != trusted.origin {
                "the proof is against a checkpoint of “\(proof.origin)”, not of “\(trusted.origin)”"
            } else if proof.size != trusted.size {
                "the proof is against the checkpoint of \(DecimalText.count(proof.size, "event", "events")), "
                    + "not the trusted one of \(DecimalText.grouped(trusted.size)): ask for a proof against "
                    + "the trusted checkpoint"
            } else {
                "the proof's checkpoint has the trusted checkpoint's size but another root hash or "
                    + "extension lines: one of the two was changed"
            }
        }
    }
}

/// That one leaf is at `index` in the tree of `treeSize` leaves: the hashes of the subtrees beside
/// the path from the leaf up to the root, nearest first (RFC 6962 section 2.1.1).
public struct InclusionProof: Sendable, Equatable {
    public let index: Int
    public let treeSize: Int
    public let hashes: [TreeHash]

    public init(index: Int, treeSize: Int, hashes: [TreeHash]) {
        self.index = index
        self.treeSize = treeSize
        self.hashes = hashes
    }

    /// How many hashes a proof for `index` in a tree of `size` leaves has (at most ⌈log₂ size⌉):
    /// the steps the check below takes. 0 for an index outside the tree, which the check refuses
    /// before it asks.
    public static func length(index: Int, size: Int) -> Int {
        guard index >= 0, index < size else { return 0 }
        var steps = 0
        var (position, last) = (index, size - 1)
        while last > 0 {
            InclusionWalk.step(&position, &last)
            steps += 1
        }
        return steps
    }

    /// Checks that `leaf` is in the tree whose root is `root`, as RFC 9162 section 2.1.3.2 (and
    /// C2SP's merkle-tree) checks it. Refuses, with the reason, an index outside the tree, the
    /// wrong number of hashes, and a proof leading to any other root.
    public func verify(leaf: LogLeaf, root: TreeHash, hasher: MerkleHasher) throws(ProofFailure) {
        try verify(leafHash: hasher.leafHash(leaf), root: root, hasher: hasher)
    }

    public func verify(leafHash: TreeHash, root: TreeHash, hasher: MerkleHasher) throws(ProofFailure) {
        guard try self.root(leafHash: leafHash, hasher: hasher) == root else { throw .rootMismatch }
    }

    /// The root the proof leads to from the leaf's hash, once its shape is right.
    func root(leafHash: TreeHash, hasher: MerkleHasher) throws(ProofFailure) -> TreeHash {
        guard treeSize >= 0 else { throw .negative(what: "the tree size", value: treeSize) }
        guard index >= 0 else { throw .negative(what: "the event's index", value: index) }
        guard index < treeSize else { throw .indexOutOfRange(index: index, size: treeSize) }
        let expected = Self.length(index: index, size: treeSize)
        guard hashes.count == expected else { throw .wrongLength(expected: expected, actual: hashes.count) }
        var hash = leafHash
        var (position, last) = (index, treeSize - 1)
        for sibling in hashes {
            hash =
                InclusionWalk.siblingIsLeft(position, last)
                ? hasher.nodeHash(sibling, hash) : hasher.nodeHash(hash, sibling)
            InclusionWalk.step(&position, &last)
        }
        return hash
    }
}

/// That a tree of `oldSize` leaves is the first part of the tree of `newSize` leaves: the log
/// only grew in between (RFC 6962 section 2.1.2).
public struct ConsistencyProof: Sendable, Equatable {
    public let oldSize: Int
    public let newSize: Int
    public let hashes: [TreeHash]

    public init(oldSize: Int, newSize: Int, hashes: [TreeHash]) {
        self.oldSize = oldSize
        self.newSize = newSize
        self.hashes = hashes
    }

    /// How many hashes a proof between these sizes has (at most ⌈log₂ newSize⌉ + 1). Sizes out of
    /// order give 0; the check refuses them before it asks.
    public static func length(oldSize: Int, newSize: Int) -> Int {
        guard oldSize > 0, oldSize < newSize else { return 0 }
        var (position, last) = (oldSize - 1, newSize - 1)
        InclusionWalk.skipCompleteLevels(&position, &last)
        var steps = 0
        while last > 0 {
            InclusionWalk.step(&position, &last)
            steps += 1
        }
        // The walk starts from the old tree's largest complete subtree; the proof carries it
        // unless it is the whole old tree, whose root the checker already has.
        return oldSize.isPowerOfTwo ? steps : steps + 1
    }

    /// Checks that the tree with root `oldRoot` is the first part of the tree with root `newRoot`,
    /// as RFC 9162 section 2.1.4.2 (and C2SP's merkle-tree) checks it. Refuses, with the
    /// reason, sizes out of order, the wrong number of hashes, and a proof that leads to either
    /// root wrongly. Equal sizes need equal roots and no hashes; from an empty tree, no hashes.
    public func verify(oldRoot: TreeHash, newRoot: TreeHash, hasher: MerkleHasher) throws(ProofFailure) {
        guard oldSize >= 0 else { throw .negative(what: "the older tree's size", value: oldSize) }
        guard newSize >= 0 else { throw .negative(what: "the newer tree's size", value: newSize) }
        guard oldSize <= newSize else { throw .sizesOutOfOrder(old: oldSize, new: newSize) }
        let expected = Self.length(oldSize: oldSize, newSize: newSize)
        guard hashes.count == expected else { throw .wrongLength(expected: expected, actual: hashes.count) }
        if oldSize == newSize {
            guard oldRoot == newRoot else { throw .sameSizeDifferentRoots(size: oldSize) }
            return
        }
        if oldSize == 0 { return }

        var path = hashes[...]
        var (position, last) = (oldSize - 1, newSize - 1)
        InclusionWalk.skipCompleteLevels(&position, &last)
        let start = oldSize.isPowerOfTwo ? oldRoot : path.removeFirst()
        var (oldHash, newHash) = (start, start)
        for sibling in path {
            if InclusionWalk.siblingIsLeft(position, last) {
                oldHash = hasher.nodeHash(sibling, oldHash)
                newHash = hasher.nodeHash(sibling, newHash)
            } else {
                newHash = hasher.nodeHash(newHash, sibling)
            }
            InclusionWalk.step(&position, &last)
        }
        guard oldHash == oldRoot else { throw .oldRootMismatch }
        guard newHash == newRoot else { throw .newRootMismatch }
    }
}

/// The walk up the tree that both checks share (RFC 9162's `fn` and `sn`): `position` is the
/// node's index on its level, `last` the index of the level's last node.
enum InclusionWalk {
    /// Whether the next proof hash is a subtree to the left of the current node: the node is a
    /// right child, or the last on its level with no right sibling.
    static func siblingIsLeft(_ position: Int, _ last: Int) -> Bool {
        position & 1 == 1 || position == last
    }

    /// Moves to the parent of the node just joined with its sibling. A node that is last on its
    /// level but a left child has no sibling on the levels where it is alone; those are skipped.
    static func step(_ position: inout Int, _ last: inout Int) {
        if siblingIsLeft(position, last) {
            while position & 1 == 0, position != 0 {
                position >>= 1
                last >>= 1
            }
        }
        position >>= 1
        last >>= 1
    }

    /// A consistency walk starts at the old tree's last complete subtree: climb while the node
    /// is a right child.
    static func skipCompleteLevels(_ position: inout Int, _ last: inout Int) {
        while position & 1 == 1 {
            position >>= 1
            last >>= 1
        }
    }
}
