/// Where a prover reads the log: its leaves by position, and optionally the roots of complete
/// subtrees kept from before.
///
/// The register implements it by reading stored event hashes (leaf `i` is event `i + 1`). With no
/// subtrees kept, a proof reads the leaves it needs, in O(log n) calls that together read
/// every leaf of the tree once at most. A source that keeps the root of every complete subtree of
/// at least `smallestKeptSubtree` leaves (as C2SP's tiled logs do) lets a proof read O(log n)
/// hashes and fewer than 2 × `smallestKeptSubtree` leaves per level.
public protocol LeafSource {
    /// The leaves at `range`, in order: exactly `range.count` of them.
    func leaves(in range: Range<Int>) throws -> [LogLeaf]

    /// The smallest complete subtree, in leaves (a power of two), whose root `subtreeRoot(of:)`
    /// may know; nil when none are kept. Smaller subtrees are always computed from their leaves.
    var smallestKeptSubtree: Int? { get }

    /// The root of the complete subtree over `range` (a power-of-two number of leaves starting at
    /// a multiple of it), or nil when it is not kept. Asked only when `smallestKeptSubtree` is set,
    /// and only for subtrees at least that large. A root given here is trusted as it is: a
    /// wrong one makes proofs that do not verify, never a proof that wrongly does.
    func subtreeRoot(of range: Range<Int>) throws -> TreeHash?
}

extension LeafSource {
    public var smallestKeptSubtree: Int? { nil }
    public func subtreeRoot(of range: Range<Int>) throws -> TreeHash? { nil }
}

/// Leaves already in memory.
extension Array: LeafSource where Element == LogLeaf {
    public func leaves(in range: Range<Int>) throws -> [LogLeaf] {
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw LogReadError.missing(range: range, available: count)
        }
        return Array(self[range])
    }
}

/// A source made of a function that reads leaves.
public struct LeafReader: LeafSource {
    private let read: (Range<Int>) throws -> [LogLeaf]

    public init(_ read: @escaping (Range<Int>) throws -> [LogLeaf]) { self.read = read }

    public func leaves(in range: Range<Int>) throws -> [LogLeaf] { try read(range) }
}

/// Why a prover could not read what it needed.
public enum LogReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source gave another number of leaves than asked for.
    case wrongCount(range: Range<Int>, given: Int)
    /// Leaves beyond what the source holds.
    case missing(range: Range<Int>, available: Int)

    public var description: String {
        switch self {
        case .wrongCount(let range, let given):
            "\(Self.asked(range)), but \(DecimalText.count(given, "event was", "events were")) read"
        case .missing(let range, let available):
            "\(Self.asked(range)), but the log holds \(DecimalText.count(available, "event", "events"))"
        }
    }

    private static func asked(_ range: Range<Int>) -> String {
        range.count == 1
            ? "event \(DecimalText.grouped(range.upperBound)) was asked for"
            : "events \(DecimalText.grouped(range.lowerBound + 1)) to \(DecimalText.grouped(range.upperBound)) were asked for"
    }
}

/// Why a proof was not made: what was asked for makes no sense.
public enum ProofRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case negativeSize(Int)
    case indexOutOfRange(index: Int, size: Int)
    case sizesOutOfOrder(old: Int, new: Int)

    public var description: String {
        switch self {
        case .negativeSize(let size):
            "a tree cannot have \(size) events"
        case .indexOutOfRange(let index, let size):
            "there is no event \(DecimalText.grouped(index + 1)) in a tree of "
                + DecimalText.count(size, "event", "events")
        case .sizesOutOfOrder(let old, let new):
            "a tree of \(DecimalText.count(old, "event", "events")) cannot be part of one of "
                + DecimalText.grouped(new)
        }
    }
}

/// Makes roots, inclusion proofs and consistency proofs from a `LeafSource`, as RFC 6962
/// section 2.1 defines them.
public struct LogProver<Source: LeafSource> {
    public let source: Source
    public let hasher: MerkleHasher

    public init(source: Source, hasher: MerkleHasher) {
        self.source = source
        self.hasher = hasher
    }

    /// The root of the tree of the first `size` leaves.
    public func root(size: Int) throws -> TreeHash {
        guard size >= 0 else { throw ProofRequestError.negativeSize(size) }
        return size == 0 ? hasher.emptyRoot : try hash(of: 0..<size)
    }

    /// The proof that the leaf at `index` is in the tree of the first `treeSize` leaves.
    public func inclusionProof(index: Int, treeSize: Int) throws -> InclusionProof {
        guard index >= 0, index < treeSize else {
            throw ProofRequestError.indexOutOfRange(index: index, size: max(treeSize, 0))
        }
        // Down from the whole tree towards the leaf, keeping the subtree beside each step; the
        // proof lists them from the leaf up.
        var hashes: [TreeHash] = []
        var subtree = 0..<treeSize
        while subtree.count > 1 {
            let middle = subtree.lowerBound + subtree.count.splitPoint
            if index < middle {
                hashes.append(try hash(of: middle..<subtree.upperBound))
                subtree = subtree.lowerBound..<middle
            } else {
                hashes.append(try hash(of: subtree.lowerBound..<middle))
                subtree = middle..<subtree.upperBound
            }
        }
        return InclusionProof(index: index, treeSize: treeSize, hashes: hashes.reversed())
    }

    /// The proof that the tree of the first `oldSize` leaves is the first part of the tree of the
    /// first `newSize`.
    public func consistencyProof(from oldSize: Int, to newSize: Int) throws -> ConsistencyProof {
        guard oldSize >= 0, oldSize <= newSize else {
            throw ProofRequestError.sizesOutOfOrder(old: oldSize, new: newSize)
        }
        var hashes: [TreeHash] = []
        if oldSize > 0, oldSize < newSize {
            // Down from the whole new tree until a subtree ends where the old tree ends; that
            // subtree's root is needed too unless it is the whole old tree (which the checker has).
            var subtree = 0..<newSize
            var wholeOldTree = true
            while subtree.upperBound != oldSize {
                let middle = subtree.lowerBound + subtree.count.splitPoint
                if oldSize <= middle {
                    hashes.append(try hash(of: middle..<subtree.upperBound))
                    subtree = subtree.lowerBound..<middle
                } else {
                    hashes.append(try hash(of: subtree.lowerBound..<middle))
                    subtree = middle..<subtree.upperBound
                    wholeOldTree = false
                }
            }
            if !wholeOldTree { hashes.append(try hash(of: subtree)) }
        }
        return ConsistencyProof(oldSize: oldSize, newSize: newSize, hashes: hashes.reversed())
    }

    /// The root of the leaves in `range` (never empty), split as RFC 6962 splits a tree: a
    /// complete subtree kept by the source is taken as it is; one not kept is split further while
    /// its halves may be kept, else computed from its leaves, read in one call.
    func hash(of range: Range<Int>) throws -> TreeHash {
        let count = range.count
        guard count.isPowerOfTwo else {
            let middle = range.lowerBound + count.splitPoint
            return hasher.nodeHash(
                try hash(of: range.lowerBound..<middle), try hash(of: middle..<range.upperBound))
        }
        // A source saying it keeps subtrees of fewer than one leaf keeps single leaves at most.
        if let smallest = source.smallestKeptSubtree.map({ max($0, 1) }), count >= smallest {
            if let kept = try source.subtreeRoot(of: range) { return kept }
            if count / 2 >= smallest {
                let middle = range.lowerBound + count / 2
                return hasher.nodeHash(
                    try hash(of: range.lowerBound..<middle), try hash(of: middle..<range.upperBound))
            }
        }
        let leaves = try source.leaves(in: range)
        guard leaves.count == count else { throw LogReadError.wrongCount(range: range, given: leaves.count) }
        return Frontier(leaves: leaves, hasher: hasher).root
    }
}
