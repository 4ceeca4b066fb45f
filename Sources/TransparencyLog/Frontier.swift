/// The right edge of the log's tree: the roots of the complete subtrees that together hold every
/// leaf so far, one for each bit set in the number of leaves (a tree of 13 = 8 + 4 + 1 leaves keeps
/// three). That is all it takes to add a leaf or to give the root, each in O(log n) hashes,
/// so a new event and a checkpoint never read the register back.
///
/// It is a cache of what the leaves say: whoever keeps one (the register, in a table) can rebuild
/// it from the leaves with `init(leaves:hasher:)`, and a check should, since a kept copy can be
/// edited like anything else stored.
public struct Frontier: Sendable, Equatable {
    /// The number of leaves.
    public private(set) var size: Int
    /// Largest (earliest) subtree first.
    private var roots: [TreeHash]
    private let hasher: MerkleHasher

    /// The empty tree.
    public init(hasher: MerkleHasher) {
        size = 0
        roots = []
        self.hasher = hasher
    }

    /// The tree of `leaves`, read once, in order.
    public init(leaves: some Sequence<LogLeaf>, hasher: MerkleHasher) {
        self.init(hasher: hasher)
        for leaf in leaves { append(leaf) }
    }

    public mutating func append(_ leaf: LogLeaf) { append(leafHash: hasher.leafHash(leaf)) }

    /// Adds a leaf and returns the complete subtrees of at least `smallest` leaves that it
    /// completed, smallest first: each join along the way makes one (the eighth leaf completes
    /// the subtrees of leaves 7–8, 5–8 and 1–8). A log that keeps them, as the register does for
    /// large subtrees, makes proofs without reading every leaf.
    public mutating func appendCompleting(_ leaf: LogLeaf, smallest: Int = 1) -> [Subtree] {
        var completed: [Subtree] = []
        append(leafHash: hasher.leafHash(leaf)) { subtree in
            if subtree.leaves.count >= smallest { completed.append(subtree) }
        }
        return completed
    }

    /// Adds a leaf already hashed: the new leaf is a subtree of one; while the last subtree kept
    /// is as large as the one being added, the two join into one twice the size.
    mutating func append(leafHash: TreeHash, completed: (Subtree) -> Void = { _ in }) {
        precondition(size < Int.max, "a tree cannot hold more leaves than Int.max")
        var carried = leafHash
        var remaining = size
        var width = 1
        completed(Subtree(leaves: size..<size + 1, root: carried))
        while remaining & 1 == 1, let left = roots.popLast() {
            carried = hasher.nodeHash(left, carried)
            remaining >>= 1
            width <<= 1
            completed(Subtree(leaves: size + 1 - width..<size + 1, root: carried))
        }
        roots.append(carried)
        size += 1
    }

    /// The root of the whole tree: the subtrees joined from the right, which is how RFC 6962
    /// splits a tree (its left part is always the largest complete subtree).
    public var root: TreeHash {
        guard var joined = roots.last else { return hasher.emptyRoot }
        for left in roots.dropLast().reversed() { joined = hasher.nodeHash(left, joined) }
        return joined
    }

    /// The complete subtrees, earliest first, with the leaves each covers.
    public var subtrees: [Subtree] {
        var start = 0
        var result: [Subtree] = []
        for (root, count) in zip(roots, Self.subtreeSizes(size)) {
            result.append(Subtree(leaves: start..<start + count, root: root))
            start += count
        }
        return result
    }

    /// The sizes of the complete subtrees of a tree of `size` leaves, largest first.
    static func subtreeSizes(_ size: Int) -> [Int] {
        (0..<Int.bitWidth).reversed().map { 1 << $0 }.filter { size & $0 != 0 }
    }

    // MARK: Kept as a short text

    /// The frontier as one short line, to keep beside the log: the number of leaves in decimal,
    /// then each subtree's root in base64, all separated by single spaces (`13 AAA…= BBB…= CCC…=`).
    /// At most 63 hashes; about 800 characters for a million leaves.
    public var saved: String {
        ([String(size)] + roots.map(\.base64)).joined(separator: " ")
    }

    /// Reads `saved` back. Refuses, with the reason, anything `saved` would not have written:
    /// a size with leading zeros or signs, the wrong number of hashes for the size, a hash that
    /// is not 32 bytes of canonical base64, doubled or trailing spaces.
    public init(saved text: String, hasher: MerkleHasher) throws(LogFormatError) {
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        guard let first = fields.first, !first.isEmpty else {
            throw LogFormatError("the saved tree edge is empty")
        }
        guard let size = DecimalText.strict(first) else {
            throw LogFormatError("the saved tree edge does not start with its number of leaves")
        }
        // No tree reaches Int.max leaves; one claiming to could not take another.
        guard size < Int.max else {
            throw LogFormatError("the saved tree edge claims more leaves than a tree can hold")
        }
        let expected = size.nonzeroBitCount
        guard fields.count - 1 == expected else {
            throw LogFormatError(
                "the saved tree edge for \(DecimalText.grouped(size)) leaves must hold \(expected) "
                    + "\(expected == 1 ? "hash" : "hashes"); it holds \(fields.count - 1)")
        }
        var roots: [TreeHash] = []
        for (position, field) in fields.dropFirst().enumerated() {
            guard let hash = TreeHash(base64: field) else {
                throw LogFormatError("hash \(position + 1) of the saved tree edge is not 32 bytes of base64")
            }
            roots.append(hash)
        }
        self.size = size
        self.roots = roots
        self.hasher = hasher
    }
}

/// A complete subtree (a power-of-two number of leaves, starting at a multiple of it) and its root.
public struct Subtree: Sendable, Equatable {
    /// The leaves it covers, by index from 0.
    public let leaves: Range<Int>
    public let root: TreeHash

    public init(leaves: Range<Int>, root: TreeHash) {
        self.leaves = leaves
        self.root = root
    }
}
