import Dispatch
import Foundation
import TransparencyLog

// How fast the register's tree works (scripts/bench-tree.sh), over N event hashes (100,000 unless
// an argument says otherwise), each given as the 64 hexadecimal digits the register stores:
//   - a checkpoint from nothing: every hash read into a leaf, the frontier built in one pass,
//     its root and the checkpoint's text (a register's first checkpoint, and what `check` does);
//   - one more event and a checkpoint from the frontier kept as text (what recording does);
//   - an inclusion proof for one event, reading the leaves it needs, and with every complete
//     subtree of 256 or more leaves kept;
//   - the leaves compared with a checkpoint taken at 60 % of them (`check --checkpoint`).
// The register's own reading of its rows is not included. Prints medians; asserts nothing.

struct Failure: Error, CustomStringConvertible {
    var description: String
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The median of `rounds` runs.
func median(_ rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<rounds { times.append(try seconds(body)) }
    return times.sorted()[rounds / 2]
}

/// Leaves from memory, with every complete subtree of `smallest` or more leaves kept.
struct KeptSubtrees: LeafSource {
    let leaves: [LogLeaf]
    let kept: [Range<Int>: TreeHash]
    let smallestKeptSubtree: Int?

    /// The smallest subtrees from their leaves, each larger one from its two halves.
    init(_ leaves: [LogLeaf], smallest: Int, hasher: MerkleHasher) {
        self.leaves = leaves
        smallestKeptSubtree = smallest
        var kept: [Range<Int>: TreeHash] = [:]
        for start in stride(from: 0, through: leaves.count - smallest, by: smallest) {
            kept[start..<start + smallest] = Frontier(leaves: leaves[start..<start + smallest], hasher: hasher).root
        }
        var size = smallest * 2
        while size <= leaves.count {
            for start in stride(from: 0, through: leaves.count - size, by: size) {
                if let left = kept[start..<start + size / 2], let right = kept[start + size / 2..<start + size] {
                    kept[start..<start + size] = hasher.nodeHash(left, right)
                }
            }
            size *= 2
        }
        self.kept = kept
    }

    func leaves(in range: Range<Int>) throws -> [LogLeaf] { try leaves.leaves(in: range) }
    func subtreeRoot(of range: Range<Int>) throws -> TreeHash? { kept[range] }
}

func measure(count: Int) throws {
    let hasher = try MerkleHasher()
    var generator = SystemRandomNumberGenerator()
    let stored = (0..<count).map { _ in
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
    let origin = Checkpoint.origin(registerID: "speed")

    var checkpoint: Checkpoint?
    var leaves: [LogLeaf] = []
    let fromNothing = try median(5) {
        leaves = try stored.map { hex in
            guard let leaf = LogLeaf(eventHash: hex) else { throw Failure(description: "not an event hash: \(hex)") }
            return leaf
        }
        let frontier = Frontier(leaves: leaves, hasher: hasher)
        checkpoint = try Checkpoint(origin: origin, head: TreeHead(size: frontier.size, root: frontier.root))
    }
    guard let checkpoint, !checkpoint.text.isEmpty else { throw Failure(description: "no checkpoint") }

    let kept = Frontier(leaves: leaves.dropLast(), hasher: hasher).saved
    let oneMore = try median(101) {
        var frontier = try Frontier(saved: kept, hasher: hasher)
        frontier.append(leaves[count - 1])
        _ = try Checkpoint(origin: origin, head: TreeHead(size: frontier.size, root: frontier.root)).text
    }

    let index = count / 2 + 1
    let prover = LogProver(source: leaves, hasher: hasher)
    let readingLeaves = try median(5) {
        let proof = try prover.inclusionProof(index: index, treeSize: count)
        try proof.verify(leaf: leaves[index], root: checkpoint.root, hasher: hasher)
    }
    let keptSubtrees = LogProver(source: KeptSubtrees(leaves, smallest: 256, hasher: hasher), hasher: hasher)
    let fromKept = try median(101) {
        let proof = try keptSubtrees.inclusionProof(index: index, treeSize: count)
        try proof.verify(leaf: leaves[index], root: checkpoint.root, hasher: hasher)
    }

    let old = try Checkpoint(
        origin: origin, head: TreeHead(size: count * 6 / 10, root: try prover.root(size: count * 6 / 10)))
    let comparing = try median(5) {
        let result = LogComparison.compare(origin: origin, leaves: leaves, trusted: [old], hasher: hasher)
        guard result.extends else { throw Failure(description: result.description) }
    }

    print("the register's tree over \(count) event hashes (medians)")
    print(String(format: "  checkpoint from nothing (hex read, frontier, root, text): %.1f ms", fromNothing * 1e3))
    print(String(format: "  one more event and a checkpoint, from the kept frontier:  %.3f ms", oneMore * 1e3))
    print(String(format: "  inclusion proof reading the leaves it needs:               %.1f ms", readingLeaves * 1e3))
    print(String(format: "  inclusion proof with subtrees of 256+ leaves kept:         %.3f ms", fromKept * 1e3))
    print(String(format: "  compared with a checkpoint at 60 %% of them:                %.1f ms", comparing * 1e3))
}

do {
    let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
    guard count >= 2 else { throw Failure(description: "give a number of events of 2 or more") }
    try measure(count: count)
} catch {
    FileHandle.standardError.write(Data("tree-speed: \(error)\n".utf8))
    exit(1)
}
