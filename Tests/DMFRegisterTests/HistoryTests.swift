import DMFPolicy
import DMFRegister
import Foundation
import Testing
import TransparencyLog

@testable import DMFRegisterStores

/// The register's history as a Merkle tree: the edge kept with every event, checkpoints, and the
/// attacks a checkpoint catches and a hash chain alone cannot (a rollback, a replaced register, a
/// removed tail, a rewrite with every hash worked out again), on both stores.
@Suite("The register's tree and checkpoints") struct HistoryTests {
    static let hasher: MerkleHasher = {
        do { return try MerkleHasher() } catch { preconditionFailure("libcrypto: \(error)") }
    }()

    /// Records `count` entries, each authorised: 2 × `count` events.
    static func filled(_ kind: StoreKind, entries count: Int) throws -> ScratchRegister {
        let scratch = try ScratchRegister(kind)
        for number in 0..<count {
            let reference = "DMF-20261129-" + String(format: "%04d", number)
            _ = try scratch.register.record(Sample.entry(reference), by: "Sam")
            _ = try scratch.register.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: reference)
        }
        return scratch
    }

    /// Every event hash, in order, as the store keeps them.
    static func hashes(_ scratch: ScratchRegister) throws -> [String] {
        var hashes: [String] = []
        try scratch.register.storage.scanEvents { row in hashes.append(try row().hash) }
        return hashes
    }

    static func frontier(_ hashes: [String]) -> Frontier {
        Frontier(leaves: hashes.map { LogLeaf(eventHash: $0)! }, hasher: hasher)
    }

    /// The checkpoint as the register gives it now.
    static func checkpoint(_ scratch: ScratchRegister) throws -> Checkpoint {
        try scratch.register.currentCheckpoint()
    }

    @Test(arguments: StoreKind.available) func theTreesEdgeFollowsEveryEventAndLargeSubtreesAreKept(kind: StoreKind)
        throws
    {
        let scratch = try Self.filled(kind, entries: 140)
        let state = try scratch.register.storage.treeState()
        #expect(state.registerID.count == 32 && state.registerID.allSatisfy(\.isHexDigit))
        let hashes = try Self.hashes(scratch)
        #expect(hashes.count == 280)
        #expect(state.edge == Self.frontier(hashes).saved)
        // One complete subtree of 256 events so far, with the root its events give.
        let kept = try scratch.register.storage.keptSubtrees()
        let first256 = Self.frontier(Array(hashes.prefix(256)))
        #expect(kept == [KeptSubtree(first: 0, leaves: 256, root: first256.root.base64)])
        let checkpoint = try Self.checkpoint(scratch)
        #expect(checkpoint.origin == "dmf-wizard register \(state.registerID)")
        #expect(checkpoint.size == 280 && checkpoint.root == Self.frontier(hashes).root)
        #expect(try scratch.register.check().isIntact)
    }

    /// An inclusion proof from the kept subtrees reads a few hundred hashes, and the other party
    /// checks it with the event's hash alone.
    @Test(arguments: StoreKind.available) func everyEventOfAnEntryIsProved(kind: StoreKind) throws {
        let scratch = try Self.filled(kind, entries: 140)
        let checkpoint = try Self.checkpoint(scratch)
        let (proved, notYet) = try scratch.register.inclusionProofs(of: "DMF-20261129-0007", against: checkpoint)
        #expect(notYet.isEmpty)
        #expect(proved.map(\.event.sequence) == [15, 16])
        for inclusion in proved {
            let read = try LogProofFile(text: inclusion.proof.text)
            #expect(read.extra == LogLeaf(eventHash: inclusion.event.hash)?.bytes)
            try read.verify(leaf: LogLeaf(bytes: read.extra ?? []), trusting: checkpoint, hasher: Self.hasher)
        }
        // An event written after the checkpoint has no proof against it yet.
        _ = try scratch.register.append(
            EventRequest(kind: .sent, by: "Taylor", files: [Sample.file]), to: "DMF-20261129-0007")
        #expect(try scratch.register.inclusionProofs(of: "DMF-20261129-0007", against: checkpoint).notYet.count == 1)
    }

    // MARK: - The attacks a checkpoint catches

    /// A rollback to an older copy of the file, or a backup restored: the chain is whole, so
    /// only the checkpoint shows what is missing, in plain words.
    @Test func aRegisterRolledBackToAnOlderCopyIsFound() throws {
        let scratch = try Self.filled(.sqlite, entries: 3)
        guard case .sqlite(let path) = scratch.location else { return }
        // The file as a backup copies it: with its write-ahead log.
        let copy = scratch.folder + "/older.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        _ = try scratch.register.append(
            EventRequest(kind: .sent, by: "Taylor", files: [Sample.file]), to: "DMF-20261129-0001")
        let checkpoint = try Self.checkpoint(scratch)
        #expect(checkpoint.size == 7)

        let older = Register(storage: try SQLiteRegister(path: copy), now: { ScratchRegister.now })
        defer { older.close() }
        #expect(try older.check().isIntact)
        let report = try older.check(against: [checkpoint])
        #expect(!report.isIntact)
        #expect(
            report.problems.map(\.what).contains {
                $0.contains("events after 6 are missing: a restored backup or a rollback")
            }, "\(report.problems)")
    }

    /// Another register, whole in itself, put in the first one's place: another ID, or the same
    /// ID copied in, either way it is not the history the checkpoint records.
    @Test(arguments: StoreKind.available) func aReplacedRegisterIsFound(kind: StoreKind) throws {
        let original = try Self.filled(kind, entries: 3)
        let checkpoint = try Self.checkpoint(original)
        let replacement = try ScratchRegister(kind)
        for suffix in ["XXX1", "XXX2", "XXX3", "XXX4", "XXX5", "XXX6", "XXX7"] {
            _ = try replacement.register.record(Sample.entry("DMF-20261129-" + suffix), by: "Mallory")
        }
        #expect(try replacement.register.check().isIntact)
        var report = try replacement.register.check(against: [checkpoint])
        #expect(report.problems.map(\.what).contains { $0.contains("the register was replaced by another one") })

        // The replacement given the original's ID: its first events are not the checkpoint's.
        try replacement.dropTreeGuards()
        let id = try original.register.storage.treeState().registerID
        try replacement.sql("UPDATE register_tree SET register_id = '\(id)'")
        report = try replacement.register.check(against: [checkpoint])
        #expect(
            report.problems.map(\.what).contains {
                $0.contains("does not extend the checkpoint") && $0.contains("among events 1 to 6")
            }, "\(report.problems)")
    }

    /// The newest entry and its events removed, and the tree's edge set back to match: the
    /// chain and the edge agree, so `check` alone finds nothing; the checkpoint does.
    @Test(arguments: StoreKind.available) func aRemovedTailIsFound(kind: StoreKind) throws {
        let scratch = try Self.filled(kind, entries: 3)
        let checkpoint = try Self.checkpoint(scratch)
        try scratch.dropGuards()
        try scratch.dropTreeGuards()
        try scratch.sql("DELETE FROM events WHERE reference = 'DMF-20261129-0002'")
        try scratch.sql("DELETE FROM entries WHERE reference = 'DMF-20261129-0002'")
        try scratch.setTreeEdge(Self.frontier(try Self.hashes(scratch)).saved)
        try scratch.restoreGuards()

        #expect(try scratch.register.check().isIntact)
        let report = try scratch.register.check(against: [checkpoint])
        #expect(
            report.problems.map(\.what) == [
                "The checkpoint records 6 events, but the register holds only 4: events after 4 are missing: "
                    + "a restored backup or a rollback."
            ])
    }

    /// The newest event removed and the entry's status set back, as someone who may change the
    /// summary could: without the edge set back, `check` alone sees events were removed; with it,
    /// only the checkpoint does.
    @Test(arguments: StoreKind.available) func theNewestEventRemovedWithItsStatusSetBackIsFound(kind: StoreKind)
        throws
    {
        let scratch = try Self.filled(kind, entries: 2)
        let checkpoint = try Self.checkpoint(scratch)
        try scratch.dropGuards()
        try scratch.sql("DELETE FROM events WHERE sequence = 4")
        try scratch.sql("UPDATE entries SET status = 'recorded' WHERE reference = 'DMF-20261129-0001'")
        var report = try scratch.register.check()
        #expect(
            report.problems.map(\.what).contains {
                $0.contains("the tree's kept edge records 4 events, but the log holds 3: events were removed")
            }, "\(report.problems)")
        try scratch.dropTreeGuards()
        try scratch.setTreeEdge(Self.frontier(try Self.hashes(scratch)).saved)
        report = try scratch.register.check()
        #expect(report.problems.allSatisfy { $0.what.hasPrefix("the guard") }, "\(report.problems)")
        report = try scratch.register.check(against: [checkpoint])
        #expect(report.problems.map(\.what).contains { $0.contains("events after 3 are missing") })
    }

    /// A refusal turned into an authorisation, the IAO's name changed, every later hash worked
    /// out again and the tree's edge too: the chain is whole, so `check` alone finds nothing. The
    /// checkpoint finds it, and the checkpoints kept in the register narrow it down.
    @Test(arguments: StoreKind.available) func aRewriteWithEveryHashRecomputedIsFound(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        var checkpoints: [Checkpoint] = []
        for (number, suffix) in ["0000", "0001", "0002"].enumerated() {
            let reference = "DMF-20261129-" + suffix
            _ = try scratch.register.record(Sample.entry(reference), by: "Sam")
            if number == 1 {
                _ = try scratch.register.append(
                    EventRequest(kind: .refused, by: "Iris IAO", reason: "no agreement"), to: reference)
            }
            checkpoints.append(try Self.checkpoint(scratch))
        }
        #expect(checkpoints.map(\.size) == [1, 3, 4])
        try scratch.rewrite(sequence: 3) { event in
            event.kind = .authorised
            event.by = "Mallory"
            event.reason = nil
        }
        try scratch.sql("UPDATE entries SET status = 'authorised' WHERE reference = 'DMF-20261129-0001'")
        #expect(try scratch.register.check().problems.allSatisfy { $0.what.hasPrefix("the guard") })

        // The latest checkpoint alone: somewhere in the first four events.
        var report = try scratch.register.check(against: [checkpoints[2]])
        #expect(
            report.problems.map(\.what).contains {
                $0.contains("does not extend the checkpoint") && $0.contains("among events 1 to 4.")
            }, "\(report.problems)")
        // With the earlier checkpoints: after event 1, by event 3.
        report = try scratch.register.check(against: checkpoints)
        #expect(
            report.problems.map(\.what).contains {
                $0.contains("among events 2 to 3 (the first 1 still match an earlier checkpoint)")
            }, "\(report.problems)")
        // A register that still extends it says so.
        let honest = try Self.filled(kind, entries: 2)
        let early = try Self.checkpoint(honest)
        _ = try honest.register.record(Sample.entry("DMF-20261129-LATE"), by: "Sam")
        report = try honest.register.check(against: [early])
        #expect(report.isIntact && report.tree?.extendsCheckpoints == true)
        #expect(report.tree?.comparison?.contains("1 has been added since") == true)
    }

    /// The checkpoints kept in the register narrow a change when this desk trusts their signer;
    /// those it does not trust are left out.
    @Test func checkpointsKeptInTheRegisterAreUsedOnlyWhenTrusted() throws {
        let scratch = try Self.filled(.sqlite, entries: 1)
        let checkpoint = try Self.checkpoint(scratch)
        let unsigned = KeptCheckpoint(
            size: Int64(checkpoint.size), root: checkpoint.root.base64, text: checkpoint.text, signature: "",
            signerKey: "", recordedAt: ScratchRegister.now, account: "tester")
        try scratch.register.storage.save(checkpoint: unsigned)
        #expect(try scratch.register.latestCheckpoint() == unsigned)
        let report = try scratch.register.check(against: [checkpoint])
        #expect(report.tree?.keptCheckpointsUsed == 0)
        #expect(throws: RegisterError.self) {
            _ = try scratch.register.keep(
                checkpoint, proof: EventProof(statement: "other", signature: "", signerKey: ""))
        }
    }

    // MARK: - What check finds without a checkpoint

    /// Every column kept beside an entry is compared with what its events and fields give.
    @Test(arguments: StoreKind.available) func everySummaryColumnIsComparedWithTheEvents(kind: StoreKind) throws {
        let scratch = try Self.filled(kind, entries: 2)
        try scratch.dropGuards()
        try scratch.sql("UPDATE entries SET next_due = '2026-12-01' WHERE reference = 'DMF-20261129-0000'")
        try scratch.sql("UPDATE entries SET search = 'nothing to see' WHERE reference = 'DMF-20261129-0001'")
        let problems = try scratch.register.check().problems.filter { $0.reference != nil }.map(\.description)
        #expect(
            problems == [
                "entry DMF-20261129-0000: its listed status or due date does not follow from its events: the next due "
                    + "date kept for lists is not what its events give",
                "entry DMF-20261129-0001: its search words do not follow from the entry (they were edited to hide it)",
            ])
    }

    /// A register whose guards were dropped or turned off says so, by name.
    @Test(arguments: StoreKind.available) func missingGuardsAreReported(kind: StoreKind) throws {
        let scratch = try Self.filled(kind, entries: 1)
        #expect(try scratch.register.check().isIntact)
        switch kind {
        case .sqlite:
            try scratch.sql("DROP TRIGGER register_tree_id_fixed")
            try scratch.sql(
                "DROP TRIGGER entries_no_delete; CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT 1; END"
            )
        case .postgres:
            try scratch.sql("DROP TRIGGER register_tree_id_fixed ON register_tree")
            try scratch.sql("ALTER TABLE entries DISABLE TRIGGER entries_no_delete")
        }
        let problems = try scratch.register.check().problems.map(\.what)
        #expect(problems.contains { $0.hasPrefix("the guard register_tree_id_fixed is missing") }, "\(problems)")
        let changed = kind == .sqlite ? "is not as dmf-wizard set it" : "is disabled"
        #expect(problems.contains { $0.hasPrefix("the guard entries_no_delete \(changed)") }, "\(problems)")
    }

    // MARK: - Registers made before the tree

    /// The 0.2.0 register gets an ID when migrated, checks intact, and its first checkpoint is
    /// the tree of every event it holds.
    @Test(arguments: StoreKind.available) func theFirstReleasesRegisterCanBeCheckpointed(kind: StoreKind) throws {
        let copy = try OlderRegisterTests.Copy(kind)
        var setting = copy.location.setting
        setting.account = { kind.account }
        let register = try setting.open()
        defer { register.close() }
        #expect(try register.check().isIntact)
        let state = try register.storage.treeState()
        #expect(state.edge == nil && state.registerID.count == 32)
        var hashes: [String] = []
        try register.storage.scanEvents { row in hashes.append(try row().hash) }
        let checkpoint = try register.currentCheckpoint()
        #expect(checkpoint.size == hashes.count && checkpoint.root == Self.frontier(hashes).root)
        #expect(try register.storage.treeState().edge == Self.frontier(hashes).saved)
        #expect(try register.check(against: [checkpoint]).isIntact)
    }
}

extension ScratchRegister {
    /// Lets the register's tree row be changed, as its owner could.
    func dropTreeGuards() throws {
        switch kind {
        case .sqlite: try sql("DROP TRIGGER register_tree_id_fixed")
        case .postgres: try sql("ALTER TABLE register_tree DISABLE TRIGGER USER")
        }
    }

    /// Puts the guards back as they were, so only what was changed meanwhile is found.
    func restoreGuards() throws {
        switch kind {
        case .sqlite:
            for statement in StoreSchema.statements(toVersion: StoreSchema.migrations.count, .sqlite)
            where statement.hasPrefix("CREATE TRIGGER") || statement.hasPrefix("DROP TRIGGER") {
                try sql(statement.replacingOccurrences(of: "CREATE TRIGGER ", with: "CREATE TRIGGER IF NOT EXISTS "))
            }
        case .postgres:
            for table in ["events", "entries", "register_tree"] { try sql("ALTER TABLE \(table) ENABLE TRIGGER USER") }
        }
    }

    func setTreeEdge(_ edge: String) throws { try sql("UPDATE register_tree SET tree_edge = '\(edge)'") }

    /// Rewrites event `sequence` with `change`, then works every later hash out again and the
    /// tree's edge too, as someone who can write the tables and knows how they are hashed could.
    func rewrite(sequence: Int64, _ change: (inout RegisterEvent) -> Void) throws {
        try dropGuards()
        try dropTreeGuards()
        var events: [RegisterEvent] = []
        try register.storage.scanEvents { row in events.append(try row()) }
        var previous = events[Int(sequence) - 2].hash
        for index in Int(sequence - 1)..<events.count {
            var event = events[index]
            if event.sequence == sequence { change(&event) }
            event.previousHash = previous
            event.hash = event.expectedHash
            previous = event.hash
            let reason = event.reason.map { "'\($0)'" } ?? "NULL"
            try sql(
                """
                UPDATE events SET kind = '\(event.kind.rawValue)', by_person = '\(event.by)', reason = \(reason), \
                previous_hash = '\(event.previousHash)', hash = '\(event.hash)' WHERE sequence = \(event.sequence)
                """)
            events[index] = event
        }
        let frontier = Frontier(leaves: events.map { LogLeaf(eventHash: $0.hash)! }, hasher: HistoryTests.hasher)
        try setTreeEdge(frontier.saved)
    }
}
