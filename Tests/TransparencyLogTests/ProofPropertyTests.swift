import TestSupport
import Testing
import TransparencyLog

/// Proofs over seeded random trees: each equals the recursive definition's, verifies, and stops
/// verifying when anything about it changes.
@Suite struct ProofPropertyTests {
    let hasher: MerkleHasher
    let reference: Reference
    /// 3,000 leaves; each test uses a prefix.
    let leaves: [LogLeaf]
    let leafHashes: [TreeHash]

    init() throws {
        hasher = try MerkleHasher()
        reference = Reference(hasher: hasher)
        leaves = randomLeaves(3_000, seed: 6962)
        leafHashes = leaves.map(hasher.leafHash)
    }

    /// Every size to 80, then random sizes to 3,000.
    static func sizes(seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        return Array(1...80) + (0..<10).map { _ in Int.random(in: 81...3_000, using: &generator) }
    }

    @Test func frontierRootIsTheDefinitionsForEverySizeTo1100() {
        var frontier = Frontier(hasher: hasher)
        for size in 0...1_100 {
            #expect(frontier.size == size)
            #expect(frontier.root == reference.mth(leafHashes[..<size]), "size \(size)")
            frontier.append(leaves[size])
        }
    }

    @Test func proofLengthsAreWhatTheChecksWalk() throws {
        for size in 1...130 {
            let prover = LogProver(source: Array(leaves.prefix(size)), hasher: hasher)
            for index in 0..<size {
                #expect(
                    InclusionProof.length(index: index, size: size) == reference.path(index, leafHashes[..<size]).count)
            }
            for old in 0...size {
                let proof = try prover.consistencyProof(from: old, to: size)
                #expect(ConsistencyProof.length(oldSize: old, newSize: size) == proof.hashes.count, "\(old) to \(size)")
                #expect(proof.hashes == reference.proof(old, leafHashes[..<size]), "\(old) to \(size)")
            }
        }
    }

    @Test func inclusionProofsVerifyAndRefuseEveryChange() throws {
        var generator = SeededGenerator(seed: 1)
        for size in Self.sizes(seed: 2) {
            let prover = LogProver(source: Array(leaves.prefix(size)), hasher: hasher)
            let root = reference.mth(leafHashes[..<size])
            let indices =
                size <= 24 ? Array(0..<size) : (0..<24).map { _ in Int.random(in: 0..<size, using: &generator) }
            for index in indices {
                let proof = try prover.inclusionProof(index: index, treeSize: size)
                #expect(proof.hashes == reference.path(index, leafHashes[..<size]), "event \(index) of \(size)")
                try proof.verify(leaf: leaves[index], root: root, hasher: hasher)
                try expectRefused(proof, leaf: leaves[index], root: root, generator: &generator)
            }
        }
    }

    func expectRefused(
        _ proof: InclusionProof, leaf: LogLeaf, root: TreeHash, generator: inout SeededGenerator
    ) throws {
        let (index, size, path) = (proof.index, proof.treeSize, proof.hashes)
        func refused(_ changed: InclusionProof, leaf: LogLeaf = leaf, root: TreeHash = root, _ what: String) {
            #expect(throws: ProofFailure.self, "\(what): event \(index) of \(size)") {
                try changed.verify(leaf: leaf, root: root, hasher: hasher)
            }
        }
        for position in path.indices {
            var changed = path
            changed[position] = flipped(changed[position], bit: Int.random(in: 0..<256, using: &generator))
            refused(InclusionProof(index: index, treeSize: size, hashes: changed), "bit flipped in hash \(position)")
        }
        refused(proof, leaf: LogLeaf(bytes: leaf.bytes.dropLast()), "another leaf")
        refused(proof, root: flipped(root, bit: Int.random(in: 0..<256, using: &generator)), "another root")
        let extra = leafHashes[Int.random(in: 0..<leafHashes.count, using: &generator)]
        refused(InclusionProof(index: index, treeSize: size, hashes: path + [extra]), "extra hash at the end")
        refused(InclusionProof(index: index, treeSize: size, hashes: [extra] + path), "extra hash at the start")
        refused(InclusionProof(index: index, treeSize: size, hashes: path + [root]), "the root added")
        if !path.isEmpty {
            refused(InclusionProof(index: index, treeSize: size, hashes: path.dropLast()), "truncated")
            refused(InclusionProof(index: index, treeSize: size, hashes: Array(path.dropFirst())), "first hash dropped")
        }
        if path.count > 1 {
            refused(InclusionProof(index: index, treeSize: size, hashes: path.reversed()), "hashes reversed")
        }
        for other in [index - 1, index + 1, index ^ 2] where other != index && other >= 0 && other < size {
            refused(InclusionProof(index: other, treeSize: size, hashes: path), "index \(other)")
        }
        // A proof alone cannot tell apart two tree sizes whose paths have the same shape (the
        // checkpoint binds the size to the root); a size that changes its length is refused.
        for other in [size - 1, size + 1, size * 2, size / 2]
        where other > index && InclusionProof.length(index: index, size: other) != path.count {
            refused(InclusionProof(index: index, treeSize: other, hashes: path), "tree size \(other)")
        }
    }

    @Test func consistencyProofsVerifyAndRefuseEveryChange() throws {
        var generator = SeededGenerator(seed: 3)
        var pairs: [(Int, Int)] = []
        for new in 1...40 { for old in 0...new { pairs.append((old, new)) } }
        for new in Self.sizes(seed: 4).filter({ $0 > 80 }) {
            pairs += (0..<6).map { _ in (Int.random(in: 1...new, using: &generator), new) }
        }
        for (old, new) in pairs {
            let prover = LogProver(source: Array(leaves.prefix(new)), hasher: hasher)
            let oldRoot = reference.mth(leafHashes[..<old])
            let newRoot = reference.mth(leafHashes[..<new])
            let proof = try prover.consistencyProof(from: old, to: new)
            #expect(proof.hashes == reference.proof(old, leafHashes[..<new]), "\(old) to \(new)")
            try proof.verify(oldRoot: oldRoot, newRoot: newRoot, hasher: hasher)
            try expectRefused(proof, oldRoot: oldRoot, newRoot: newRoot, generator: &generator)
        }
    }

    func expectRefused(
        _ proof: ConsistencyProof, oldRoot: TreeHash, newRoot: TreeHash, generator: inout SeededGenerator
    ) throws {
        let (old, new, path) = (proof.oldSize, proof.newSize, proof.hashes)
        func refused(
            _ changed: ConsistencyProof, oldRoot: TreeHash = oldRoot, newRoot: TreeHash = newRoot, _ what: String
        ) {
            #expect(throws: ProofFailure.self, "\(what): \(old) to \(new)") {
                try changed.verify(oldRoot: oldRoot, newRoot: newRoot, hasher: hasher)
            }
        }
        let extra = leafHashes[Int.random(in: 0..<leafHashes.count, using: &generator)]
        refused(ConsistencyProof(oldSize: old, newSize: new, hashes: path + [extra]), "extra hash at the end")
        refused(ConsistencyProof(oldSize: old, newSize: new, hashes: [extra] + path), "extra hash at the start")
        // From an empty tree any root is consistent (RFC 9162); otherwise a changed root is refused.
        if old > 0 {
            refused(
                proof, oldRoot: flipped(oldRoot, bit: Int.random(in: 0..<256, using: &generator)), "another old root")
            refused(
                proof, newRoot: flipped(newRoot, bit: Int.random(in: 0..<256, using: &generator)), "another new root")
        }
        guard !path.isEmpty else { return }
        for position in path.indices {
            var changed = path
            changed[position] = flipped(changed[position], bit: Int.random(in: 0..<256, using: &generator))
            refused(ConsistencyProof(oldSize: old, newSize: new, hashes: changed), "bit flipped in hash \(position)")
        }
        refused(ConsistencyProof(oldSize: old, newSize: new, hashes: path.dropLast()), "truncated")
        refused(ConsistencyProof(oldSize: old, newSize: new, hashes: []), "no hashes")
        refused(proof, oldRoot: newRoot, newRoot: oldRoot, "roots swapped")
        for other in [old - 1, old + 1] where other > 0 && other < new {
            refused(ConsistencyProof(oldSize: other, newSize: new, hashes: path), "old size \(other)")
        }
        for other in [new + 1, new * 2] where ConsistencyProof.length(oldSize: old, newSize: other) != path.count {
            refused(ConsistencyProof(oldSize: old, newSize: other, hashes: path), "new size \(other)")
        }
    }

    /// What cannot be a proof at all is refused with the reason, never a crash.
    @Test func malformedRequestsAreRefusedWithTheReason() throws {
        let root = reference.mth(leafHashes[..<7])
        let proof = InclusionProof(index: 3, treeSize: 7, hashes: [])
        #expect(throws: ProofFailure.indexOutOfRange(index: 7, size: 7)) {
            try InclusionProof(index: 7, treeSize: 7, hashes: []).verify(leaf: leaves[0], root: root, hasher: hasher)
        }
        #expect(throws: ProofFailure.indexOutOfRange(index: 0, size: 0)) {
            try InclusionProof(index: 0, treeSize: 0, hashes: []).verify(leaf: leaves[0], root: root, hasher: hasher)
        }
        #expect(throws: ProofFailure.negative(what: "the event's index", value: -1)) {
            try InclusionProof(index: -1, treeSize: 7, hashes: []).verify(leaf: leaves[0], root: root, hasher: hasher)
        }
        #expect(throws: ProofFailure.negative(what: "the tree size", value: Int.min)) {
            try InclusionProof(index: 0, treeSize: Int.min, hashes: []).verify(
                leaf: leaves[0], root: root, hasher: hasher)
        }
        #expect(throws: ProofFailure.wrongLength(expected: 3, actual: 0)) {
            try proof.verify(leaf: leaves[3], root: root, hasher: hasher)
        }
        // The largest trees: no overflow on the way to saying the proof is short.
        #expect(throws: ProofFailure.wrongLength(expected: 63, actual: 0)) {
            try InclusionProof(index: 0, treeSize: Int.max, hashes: []).verify(
                leaf: leaves[0], root: root, hasher: hasher)
        }
        #expect(throws: ProofFailure.wrongLength(expected: 62, actual: 0)) {
            try InclusionProof(index: Int.max - 1, treeSize: Int.max, hashes: []).verify(
                leaf: leaves[0], root: root, hasher: hasher)
        }
        #expect(throws: ProofFailure.self) {
            try ConsistencyProof(oldSize: Int.max - 1, newSize: Int.max, hashes: []).verify(
                oldRoot: root, newRoot: root, hasher: hasher)
        }
        #expect(throws: ProofFailure.sizesOutOfOrder(old: 8, new: 7)) {
            try ConsistencyProof(oldSize: 8, newSize: 7, hashes: []).verify(
                oldRoot: root, newRoot: root, hasher: hasher)
        }
        #expect(throws: ProofFailure.negative(what: "the older tree's size", value: -1)) {
            try ConsistencyProof(oldSize: -1, newSize: 7, hashes: []).verify(
                oldRoot: root, newRoot: root, hasher: hasher)
        }
        #expect(throws: ProofFailure.sameSizeDifferentRoots(size: 7)) {
            try ConsistencyProof(oldSize: 7, newSize: 7, hashes: []).verify(
                oldRoot: root, newRoot: hasher.emptyRoot, hasher: hasher)
        }
        #expect(throws: ProofFailure.wrongLength(expected: 0, actual: 1)) {
            try ConsistencyProof(oldSize: 7, newSize: 7, hashes: [root]).verify(
                oldRoot: root, newRoot: root, hasher: hasher)
        }
        #expect(throws: ProofFailure.wrongLength(expected: 0, actual: 1)) {
            try ConsistencyProof(oldSize: 0, newSize: 7, hashes: [root]).verify(
                oldRoot: root, newRoot: root, hasher: hasher)
        }

        // The lengths of impossible proofs are worked out without hanging; the checks refuse them first.
        #expect(ConsistencyProof.length(oldSize: -3, newSize: -1) == 0)
        #expect(ConsistencyProof.length(oldSize: 9, newSize: 7) == 0)
        #expect(InclusionProof.length(index: -5, size: 10) == 0)
        #expect(InclusionProof.length(index: 50, size: 10) == 0)
        #expect(InclusionProof.length(index: 0, size: Int.min) == 0)
        #expect(InclusionProof.length(index: Int.min, size: Int.max) == 0)

        #expect(
            ProofFailure.indexOutOfRange(index: 7, size: 7).description
                == "the proof is for event 8, but the tree holds only 7 events")
        #expect(
            ProofFailure.wrongLength(expected: 3, actual: 4).description
                == "the proof has 4 hashes where it must have 3")
        #expect(
            ProofFailure.sizesOutOfOrder(old: 1_300, new: 1_234).description
                == "the older tree (1,300 events) is larger than the newer one (1,234): a log only grows")
    }

    @Test func proofsThatCannotBeMadeAreRefusedWithTheReason() {
        let prover = LogProver(source: Array(leaves.prefix(7)), hasher: hasher)
        #expect(throws: ProofRequestError.indexOutOfRange(index: 7, size: 7)) {
            try prover.inclusionProof(index: 7, treeSize: 7)
        }
        #expect(throws: ProofRequestError.indexOutOfRange(index: -1, size: 7)) {
            try prover.inclusionProof(index: -1, treeSize: 7)
        }
        #expect(throws: ProofRequestError.sizesOutOfOrder(old: 5, new: 4)) {
            try prover.consistencyProof(from: 5, to: 4)
        }
        #expect(throws: ProofRequestError.negativeSize(-2)) { try prover.root(size: -2) }
        // More leaves than the source holds.
        #expect(throws: LogReadError.missing(range: 0..<8, available: 7)) { try prover.root(size: 9) }
        #expect(
            ProofRequestError.indexOutOfRange(index: 7, size: 7).description
                == "there is no event 8 in a tree of 7 events")
    }
}
