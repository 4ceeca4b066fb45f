import Testing
import TransparencyLog

/// The register's leaves against checkpoints trusted from before: each way of rewriting history
/// is named, in plain words.
@Suite struct LogComparisonTests {
    let hasher: MerkleHasher
    let origin = Checkpoint.origin(registerID: "4f1c2e")
    let leaves: [LogLeaf]

    init() throws {
        hasher = try MerkleHasher()
        leaves = randomLeaves(1_300, seed: 6)
    }

    func checkpoint(_ size: Int, of leaves: [LogLeaf]? = nil, origin: String? = nil) throws -> Checkpoint {
        let root = Frontier(leaves: (leaves ?? self.leaves).prefix(size), hasher: hasher).root
        return try Checkpoint(origin: origin ?? self.origin, head: TreeHead(size: size, root: root))
    }

    func compare(_ leaves: [LogLeaf], _ trusted: [Checkpoint]) -> LogComparison {
        LogComparison.compare(origin: origin, leaves: leaves, trusted: trusted, hasher: hasher)
    }

    @Test func aLogThatOnlyGrewExtendsIt() throws {
        let trusted = try checkpoint(1_234)
        let result = compare(leaves, [trusted])
        #expect(result == .extends(trustedSize: 1_234, currentSize: 1_300, currentRoot: try checkpoint(1_300).root))
        #expect(result.extends)
        #expect(
            result.description
                == "The register extends the checkpoint: its first 1,234 events are the ones the checkpoint records, "
                + "and 66 have been added since.")
        let same = compare(Array(leaves.prefix(1_234)), [trusted])
        #expect(same == .extends(trustedSize: 1_234, currentSize: 1_234, currentRoot: trusted.root))
        #expect(same.description.hasSuffix("and none has been added since."))
        #expect(
            compare(Array(leaves.prefix(2)), [try checkpoint(1)]).description
                == "The register extends the checkpoint: its first event is the one the checkpoint records, and 1 has "
                + "been added since.")
        // The empty register's checkpoint is extended by every register.
        let fromEmpty = compare(leaves, [try checkpoint(0)])
        #expect(fromEmpty.extends)
        #expect(
            fromEmpty.description
                == "The register extends the checkpoint, which records no events: 1,300 have been added since.")
        #expect(compare([], [try checkpoint(0)]).extends)
    }

    /// A rolled-back or restored register, and one whose newest events were removed.
    @Test func aShorterLogIsARollback() throws {
        let trusted = try checkpoint(1_300)
        let rolledBack = compare(Array(leaves.prefix(1_234)), [trusted])
        #expect(rolledBack == .shrank(trustedSize: 1_300, currentSize: 1_234, matchingSize: nil))
        #expect(
            rolledBack.description
                == "The checkpoint records 1,300 events, but the register holds only 1,234: events after 1,234 are "
                + "missing: a restored backup or a rollback.")
        #expect(
            compare(Array(leaves.prefix(1_299)), [trusted])
                == .shrank(trustedSize: 1_300, currentSize: 1_299, matchingSize: nil))
        #expect(
            compare([], [trusted]).description
                == "The checkpoint records 1,300 events, but the register holds none: every event is missing: a "
                + "restored backup or a rollback.")
        // An earlier checkpoint the register still holds says the events before it are intact.
        let narrowed = compare(Array(leaves.prefix(1_234)), [try checkpoint(1_000), trusted])
        #expect(narrowed == .shrank(trustedSize: 1_300, currentSize: 1_234, matchingSize: 1_000))
        #expect(narrowed.description.hasSuffix("rollback. Its first 1,000 events still match an earlier checkpoint."))
    }

    /// Events changed, one removed, history rewritten with every hash recomputed (which a hash
    /// chain alone cannot see), or a rollback followed by new events.
    @Test func aRewrittenLogDiffers() throws {
        let trusted = try checkpoint(1_234)
        var rewritten = leaves
        for index in 500..<rewritten.count { rewritten[index] = LogLeaf(bytes: rewritten[index].bytes.reversed()) }
        let result = compare(rewritten, [trusted])
        #expect(result == .differs(trustedSize: 1_234, earliestChange: 0..<1_234))
        #expect(
            result.description
                == "The register does not extend the checkpoint: its first 1,234 events give another root hash than "
                + "the checkpoint records, so at least one of them was changed, removed or replaced since, even if "
                + "every hash after it was worked out again. The earliest change is among events 1 to 1,234.")
        var oneRemoved = leaves
        oneRemoved.remove(at: 700)
        #expect(compare(oneRemoved, [trusted]) == .differs(trustedSize: 1_234, earliestChange: 0..<1_234))
        let rolledBackThenGrown = Array(leaves.prefix(1_200)) + randomLeaves(100, seed: 99)
        #expect(compare(rolledBackThenGrown, [trusted]) == .differs(trustedSize: 1_234, earliestChange: 0..<1_234))
        var lastChanged = leaves
        lastChanged[1_233] = LogLeaf(bytes: [1])
        #expect(compare(lastChanged, [trusted]) == .differs(trustedSize: 1_234, earliestChange: 0..<1_234))
        // A change after the checkpoint is not history it recorded.
        var changedAfter = leaves
        changedAfter[1_234] = LogLeaf(bytes: [1])
        #expect(compare(changedAfter, [trusted]).extends)
    }

    /// More trusted checkpoints (daily ones, say) narrow down where the earliest change is.
    @Test func earlierCheckpointsNarrowTheChange() throws {
        var rewritten = leaves
        rewritten[650] = LogLeaf(bytes: [0])
        let trusted = try [100, 400, 600, 700, 1_000, 1_234].map { try checkpoint($0) }
        let result = compare(rewritten, trusted.shuffled())
        #expect(result == .differs(trustedSize: 700, earliestChange: 600..<700))
        #expect(
            result.description.hasSuffix(
                "The earliest change is among events 601 to 700 (the first 600 still match an earlier checkpoint)."))
    }

    @Test func aReplacedRegisterIsNamed() throws {
        let other = Checkpoint.origin(registerID: "77aa01")
        let result = compare(leaves, [try checkpoint(1_000, origin: other)])
        #expect(result == .otherLog(trusted: other, current: origin))
        #expect(
            result.description
                == "The checkpoint is for “dmf-wizard register 77aa01”, but this register is “dmf-wizard register "
                + "4f1c2e”: the register was replaced by another one, or the checkpoint belongs to a different register."
        )
        // Another register given this one's name: its own history does not match.
        let impostor = randomLeaves(1_300, seed: 7)
        #expect(compare(impostor, [try checkpoint(1_000)]) == .differs(trustedSize: 1_000, earliestChange: 0..<1_000))
    }

    @Test func aDamagedEmptyCheckpointIsSaidToBe() throws {
        let damaged = try Checkpoint(origin: origin, head: TreeHead(size: 0, root: hasher.leafHash(leaves[0])))
        let result = compare(leaves, [damaged])
        #expect(result == .differs(trustedSize: 0, earliestChange: 0..<0))
        #expect(
            result.description
                == "The checkpoint records no events, yet its root hash is not an empty register's: the checkpoint is damaged."
        )
    }

    /// The comparison stops reading at the first checkpoint that no longer matches.
    @Test func readingStopsAtTheFirstDifference() throws {
        var rewritten = leaves
        rewritten[10] = LogLeaf(bytes: [0])
        var read = 0
        let counted = rewritten.lazy.map { leaf -> LogLeaf in
            read += 1
            return leaf
        }
        let result = LogComparison.compare(leaves: counted, heads: [try checkpoint(100).head], hasher: hasher)
        #expect(result == .differs(trustedSize: 100, earliestChange: 0..<100))
        #expect(read == 100)
    }
}
