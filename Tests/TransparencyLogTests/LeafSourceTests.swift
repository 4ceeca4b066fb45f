import Testing
import TransparencyLog

/// A source that counts what a prover reads, and keeps the roots of every complete subtree of at
/// least `smallest` leaves, as a register could.
final class CountingSource: LeafSource {
    let all: [LogLeaf]
    let kept: [Range<Int>: TreeHash]
    let smallestKeptSubtree: Int?
    var leavesRead = 0
    var reads = 0
    var lookups = 0

    init(_ leaves: [LogLeaf], keepingFrom smallest: Int?, hasher: MerkleHasher, changing changed: Range<Int>? = nil) {
        all = leaves
        smallestKeptSubtree = smallest
        var kept: [Range<Int>: TreeHash] = [:]
        if let smallest {
            let reference = Reference(hasher: hasher)
            let hashes = leaves.map(hasher.leafHash)
            var size = smallest
            while size <= leaves.count {
                for start in stride(from: 0, through: leaves.count - size, by: size) {
                    kept[start..<start + size] = reference.mth(hashes[start..<start + size])
                }
                size *= 2
            }
            if let changed { kept[changed] = hasher.emptyRoot }
        }
        self.kept = kept
    }

    func leaves(in range: Range<Int>) throws -> [LogLeaf] {
        reads += 1
        leavesRead += range.count
        return Array(all[range])
    }

    func subtreeRoot(of range: Range<Int>) throws -> TreeHash? {
        lookups += 1
        #expect(
            range.count.nonzeroBitCount == 1 && range.lowerBound % range.count == 0,
            "\(range) is not a complete subtree")
        #expect(range.count >= smallestKeptSubtree ?? .max)
        return kept[range]
    }
}

/// How much a proof reads from the register, with and without kept subtrees.
@Suite struct LeafSourceTests {
    let hasher: MerkleHasher
    let leaves: [LogLeaf]

    init() throws {
        hasher = try MerkleHasher()
        leaves = randomLeaves(10_000, seed: 10)
    }

    @Test func withoutKeptSubtreesEachLeafIsReadOnceAtMost() throws {
        for index in [0, 4_095, 4_096, 9_999] {
            let source = CountingSource(leaves, keepingFrom: nil, hasher: hasher)
            let proof = try LogProver(source: source, hasher: hasher).inclusionProof(index: index, treeSize: 10_000)
            try proof.verify(
                leaf: leaves[index], root: try LogProver(source: leaves, hasher: hasher).root(size: 10_000),
                hasher: hasher)
            #expect(source.leavesRead <= 10_000)
            #expect(source.reads <= 2 * 14, "\(source.reads) reads")
            #expect(source.lookups == 0)
        }
    }

    @Test func withEverySubtreeKeptAProofReadsNoLeaves() throws {
        let source = CountingSource(leaves, keepingFrom: 1, hasher: hasher)
        let prover = LogProver(source: source, hasher: hasher)
        let root = try LogProver(source: leaves, hasher: hasher).root(size: 10_000)
        for index in [0, 1, 5_000, 8_191, 8_192, 9_999] {
            source.lookups = 0
            let proof = try prover.inclusionProof(index: index, treeSize: 10_000)
            try proof.verify(leaf: leaves[index], root: root, hasher: hasher)
            #expect(source.lookups <= 2 * 14, "event \(index): \(source.lookups) lookups")
        }
        let consistency = try prover.consistencyProof(from: 3_333, to: 10_000)
        try consistency.verify(oldRoot: try prover.root(size: 3_333), newRoot: root, hasher: hasher)
        #expect(source.leavesRead == 0)
    }

    @Test func withLargeSubtreesKeptAProofReadsFewLeaves() throws {
        let root = try LogProver(source: leaves, hasher: hasher).root(size: 10_000)
        for index in [0, 5_000, 9_999] {
            let source = CountingSource(leaves, keepingFrom: 256, hasher: hasher)
            let proof = try LogProver(source: source, hasher: hasher).inclusionProof(index: index, treeSize: 10_000)
            try proof.verify(leaf: leaves[index], root: root, hasher: hasher)
            #expect(source.leavesRead < 3 * 256, "event \(index): \(source.leavesRead) leaves read")
        }
    }

    /// A source claiming to keep subtrees of no leaves is asked for single leaves at most.
    @Test func aSourceKeepingFromZeroLeavesIsAskedForOneAtMost() throws {
        struct Nothing: LeafSource {
            let all: [LogLeaf]
            var smallestKeptSubtree: Int? { 0 }
            func leaves(in range: Range<Int>) throws -> [LogLeaf] { Array(all[range]) }
            func subtreeRoot(of range: Range<Int>) throws -> TreeHash? {
                #expect(range.count >= 1)
                return nil
            }
        }
        let prover = LogProver(source: Nothing(all: Array(leaves.prefix(100))), hasher: hasher)
        let proof = try prover.inclusionProof(index: 37, treeSize: 100)
        try proof.verify(
            leaf: leaves[37], root: try LogProver(source: leaves, hasher: hasher).root(size: 100), hasher: hasher)
    }

    /// A wrong kept root makes a proof that does not verify, never one that wrongly does.
    @Test func aWrongKeptRootMakesAProofThatFails() throws {
        let root = try LogProver(source: leaves, hasher: hasher).root(size: 10_000)
        let source = CountingSource(leaves, keepingFrom: 1, hasher: hasher, changing: 4_096..<8_192)
        let proof = try LogProver(source: source, hasher: hasher).inclusionProof(index: 10, treeSize: 10_000)
        #expect(throws: ProofFailure.rootMismatch) { try proof.verify(leaf: leaves[10], root: root, hasher: hasher) }
    }

    @Test func aSourceThatGivesTheWrongLeavesIsRefused() throws {
        let short = LeafReader { range in Array(leaves[range].dropLast()) }
        #expect(throws: LogReadError.wrongCount(range: 0..<8, given: 7)) {
            try LogProver(source: short, hasher: hasher).inclusionProof(index: 9, treeSize: 10)
        }
        #expect(
            LogReadError.wrongCount(range: 0..<8, given: 7).description
                == "events 1 to 8 were asked for, but 7 events were read")
        #expect(throws: LogReadError.missing(range: 10_000..<10_001, available: 10_000)) {
            try LogProver(source: leaves, hasher: hasher).root(size: 10_001)
        }
        #expect(
            LogReadError.missing(range: 10_000..<10_001, available: 10_000).description
                == "event 10,001 was asked for, but the log holds 10,000 events")
    }

    /// A register's worth: the frontier, the prover and a proof over 100,000 leaves agree.
    @Test func oneHundredThousandLeaves() throws {
        let many = randomLeaves(100_000, seed: 100)
        let frontier = Frontier(leaves: many, hasher: hasher)
        let source = CountingSource(many, keepingFrom: nil, hasher: hasher)
        let prover = LogProver(source: source, hasher: hasher)
        let proof = try prover.inclusionProof(index: 54_321, treeSize: 100_000)
        try proof.verify(leaf: many[54_321], root: frontier.root, hasher: hasher)
        #expect(source.leavesRead == 99_999)
        let head = TreeHead(size: 60_000, root: Frontier(leaves: many.prefix(60_000), hasher: hasher).root)
        #expect(LogComparison.compare(leaves: many, heads: [head], hasher: hasher).extends)
    }
}
