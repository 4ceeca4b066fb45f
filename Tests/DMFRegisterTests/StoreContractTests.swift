import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation
import Testing

/// The same tests for both stores: what one keeps and refuses, the other does too.
@Suite("Register stores") struct StoreContractTests {
    @Test(arguments: StoreKind.available) func recordsAnEntryWithItsCreatedEvent(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        let entry = Sample.entry("DMF-20261129-AAAA")
        #expect(try scratch.register.record(entry, by: "Sam") == .added(entry))
        let history = try scratch.register.history(entry.reference)
        #expect(history.entry == entry)
        #expect(history.events.map(\.kind) == [.created])
        #expect(history.events[0].entryDigest == entry.digest)
        #expect(history.events[0].previousHash == RegisterEvent.firstPreviousHash)
        #expect(history.status == .recorded)
    }

    @Test(arguments: StoreKind.available) func sameAnswersAreOneAssessmentAndOthersTakeTheNextReference(
        kind: StoreKind
    ) throws {
        let scratch = try ScratchRegister(kind)
        let first = Sample.entry("DMF-20261129-AAAA")
        _ = try scratch.register.record(first, by: "Sam")
        #expect(try scratch.register.record(first, by: "Sam") == .alreadyRecorded(first))

        var other = Sample.entry("DMF-20261129-AAAA", answers: "purpose: something else\n")
        #expect(throws: RegisterError.referenceTaken("DMF-20261129-AAAA")) {
            try scratch.register.record(other, by: "Kim")
        }
        let free = try scratch.register.reference(
            for: other.fingerprint, candidates: ["DMF-20261129-AAAA", "DMF-20261129-BBBB"])
        #expect(free == "DMF-20261129-BBBB")
        other.reference = free
        #expect(try scratch.register.record(other, by: "Kim") == .added(other))
        #expect(try scratch.register.list().entries.count == 2)
    }

    @Test(arguments: StoreKind.available) func aMoveFollowsItsLifeToDeletion(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        let entry = Sample.entry("DMF-20261129-MOVE", kind: .move, deleteBy: "2026-12-31")
        _ = try scratch.register.record(entry, by: "Sam")
        let steps: [(EventRequest, EntryStatus)] = [
            (EventRequest(kind: .authorised, by: "Iris IAO", date: "2026-11-29", reason: "for the pilot"), .authorised),
            (EventRequest(kind: .sent, by: "Sam", files: [Sample.file]), .sent),
            (EventRequest(kind: .received, by: "Rita Recipient", files: [Sample.file]), .received),
            (EventRequest(kind: .senderCopyDeleted, by: "Sam"), .senderCopyDeleted),
            (EventRequest(kind: .allCopiesDeleted, by: "Rita Recipient"), .closed),
        ]
        for (request, status) in steps {
            _ = try scratch.register.append(request, to: entry.reference)
            if request.kind == .received {
                #expect(throws: RegisterError.self) { try scratch.register.append(request, to: entry.reference) }
            }
            #expect(try scratch.register.history(entry.reference).status == status)
            #expect(try scratch.register.list(ListQuery(status: status)).entries.map(\.reference) == [entry.reference])
        }
        let history = try scratch.register.history(entry.reference)
        #expect(history.events.map(\.sequence) == [1, 2, 3, 4, 5, 6])
        #expect(history.events[1].reason == "for the pilot")
        #expect(history.events[2].files == [Sample.file])
        #expect(try scratch.register.check().isIntact)
    }

    @Test(arguments: StoreKind.available) func refusedChangesWriteNothing(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        let blocked = Sample.entry("DMF-20261129-BLKD", verdict: .blocked)
        let refer = Sample.entry("DMF-20261129-REFR", verdict: .refer)
        let fine = Sample.entry("DMF-20261129-FINE")
        for entry in [blocked, refer, fine] { _ = try scratch.register.record(entry, by: "Sam") }

        func refusal(_ request: EventRequest, _ reference: String) -> String? {
            do {
                _ = try scratch.register.append(request, to: reference)
                return nil
            } catch {
                guard case .refused(let refused) = error else { return "unexpected: \(error)" }
                return refused.reason
            }
        }
        let authorise = EventRequest(kind: .authorised, by: "Iris IAO")
        #expect(refusal(authorise, blocked.reference)?.contains("BLOCKED, so it cannot be authorised") == true)
        #expect(refusal(authorise, refer.reference)?.contains("not decided yet (REFER)") == true)
        let send = EventRequest(kind: .sent, by: "Sam", files: [Sample.file])
        #expect(refusal(send, fine.reference)?.contains("needs the IAO's authorisation") == true)
        #expect(
            refusal(EventRequest(kind: .received, by: "R", files: [Sample.file]), fine.reference)?
                .contains("nothing has been recorded as sent") == true)
        #expect(
            refusal(EventRequest(kind: .refused, by: "Iris IAO"), fine.reference)?.contains("needs a reason") == true)
        #expect(refusal(EventRequest(kind: .reviewed, by: "Iris IAO"), fine.reference)?.contains("recurring") == true)
        #expect(
            refusal(EventRequest(kind: .senderCopyDeleted, by: "Sam"), fine.reference)?.contains("only a move") == true)

        _ = try scratch.register.append(authorise, to: fine.reference)
        #expect(
            refusal(EventRequest(kind: .refused, by: "X", reason: "no"), fine.reference)?
                .contains("already authorised it") == true)
        _ = try scratch.register.append(send, to: fine.reference)
        #expect(refusal(send, fine.reference)?.contains("only a recurring transfer is sent more than once") == true)
        let changed = FileDigest(name: "cases.csv", bytes: Array("a,b\n1,3\n".utf8))
        let extra = FileDigest(name: "extra.csv", bytes: Array("x".utf8))
        let mismatch = refusal(EventRequest(kind: .received, by: "R", files: [changed, extra]), fine.reference)
        #expect(mismatch?.contains("cases.csv differs from the file sent") == true)
        #expect(mismatch?.contains("extra.csv was not sent") == true)
        #expect(refusal(EventRequest(kind: .received, by: "R", files: []), fine.reference) != nil)

        // Only the events that made sense were written, and the chain still holds.
        #expect(try scratch.register.history(fine.reference).events.map(\.kind) == [.created, .authorised, .sent])
        #expect(try scratch.register.history(blocked.reference).events.count == 1)
        #expect(throws: RegisterError.unknownReference("DMF-NOPE")) {
            try scratch.register.append(authorise, to: "DMF-NOPE")
        }
        #expect(try scratch.register.check().isIntact)
    }

    @Test(arguments: StoreKind.available) func listsFilterBySearchRouteAndDue(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        let samePlace = Sample.entry("DMF-20261129-SAME", route: .sameSystem, deleteBy: "2026-11-01")
        let supplier = Sample.entry("DMF-20261129-SUPP", route: .thirdParty, requester: "Ash Estates")
        let yearly = Sample.entry("DMF-20261129-YEAR", frequency: .recurring)
        for entry in [samePlace, supplier, yearly] {
            _ = try scratch.register.record(entry, by: "Sam", producedOn: "2025-10-01")
        }
        // Same system needs no authorisation; sent, its deletion date has passed.
        _ = try scratch.register.append(
            EventRequest(kind: .sent, by: "Sam", files: [Sample.file]), to: samePlace.reference)
        _ = try scratch.register.append(
            EventRequest(kind: .authorised, by: "Iris IAO", date: "2025-11-01"), to: yearly.reference)

        #expect(
            try scratch.register.list(ListQuery(search: "ash est")).entries.map(\.reference) == [supplier.reference])
        #expect(try scratch.register.list(ListQuery(search: "SUPP")).entries.map(\.reference) == [supplier.reference])
        #expect(
            try scratch.register.list(ListQuery(route: "same-system")).entries.map(\.reference) == [samePlace.reference]
        )
        let due = try scratch.register.due(today: "2026-11-29")
        #expect(due.map(\.reference) == [samePlace.reference, yearly.reference])
        #expect(due.map(\.kind) == [.deletion, .review])
        #expect(due.map(\.date) == ["2026-11-01", "2026-11-01"])
        #expect(try scratch.register.list(ListQuery(dueBy: "2026-11-29")).entries.count == 2)

        _ = try scratch.register.append(
            EventRequest(kind: .reviewed, by: "Iris IAO", date: "2026-11-29"), to: yearly.reference)
        #expect(try scratch.register.history(yearly.reference).dueItems.first?.date == "2027-11-29")
        #expect(try scratch.register.due(today: "2026-11-29").map(\.reference) == [samePlace.reference])
    }

    @Test(arguments: StoreKind.available) func historyCannotBeChangedThroughTheDatabase(kind: StoreKind) throws {
        if kind == .sqlite { try ScratchRegister.requireSQLiteTool() }
        let scratch = try ScratchRegister(kind)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-KEEP"), by: "Sam")
        #expect(throws: (any Error).self) { try scratch.sql("UPDATE events SET by_person = 'Mallory'") }
        #expect(throws: (any Error).self) { try scratch.sql("DELETE FROM events") }
        #expect(throws: (any Error).self) { try scratch.sql("UPDATE entries SET verdict = 'proceed'") }
        #expect(throws: (any Error).self) { try scratch.sql("DELETE FROM entries") }
        #expect(try scratch.register.check().isIntact)
    }

    /// A check reads entries, then events. Another desk recording between the two must not
    /// show up in the second read only (it would look like an event without its entry).
    @Test(arguments: StoreKind.available) func scansInOneMomentAgree(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-AAAA"), by: "Sam")
        let otherDesk = Register(
            storage: try scratch.location.open(), now: { scratch.register.timestamp },
            account: { kind.account })
        defer { otherDesk.storage.close() }
        let storage = scratch.register.storage
        let (entries, events) = try storage.readingOneMoment { () throws -> (Int, Int) in
            var entries = 0
            var events = 0
            try storage.scanEntries { _ in entries += 1 }
            _ = try otherDesk.record(Sample.entry("DMF-20261129-BBBB"), by: "Another desk")
            try storage.scanEvents { _ in events += 1 }
            return (entries, events)
        }
        #expect(entries == 1 && events == 1)
        #expect(try scratch.register.check().chainOnly == ChainReport(entries: 2, events: 2, problems: []))
    }

    /// An export reads every entry with its events in two scans: oldest first, then by
    /// reference, each entry's events in the order they happened.
    @Test(arguments: StoreKind.available) func historiesHoldEveryEntryWithItsEvents(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        for suffix in ["CCCC", "AAAA", "BBBB"] {
            _ = try scratch.register.record(Sample.entry("DMF-20261129-" + suffix), by: "Sam")
        }
        _ = try scratch.register.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-BBBB")
        _ = try scratch.register.append(
            EventRequest(kind: .sent, by: "Taylor", files: [Sample.file]), to: "DMF-20261129-BBBB")
        let histories = try scratch.register.histories()
        #expect(histories.map(\.entry.reference) == ["DMF-20261129-AAAA", "DMF-20261129-BBBB", "DMF-20261129-CCCC"])
        #expect(histories.map { $0.events.map(\.kind) } == [[.created], [.created, .authorised, .sent], [.created]])
        #expect(histories[1] == (try scratch.register.history("DMF-20261129-BBBB")))
    }

    /// Someone with the database's owner rights drops the guards and edits history: `check`
    /// names the entry and the event.
    @Test(arguments: StoreKind.available) func checkFindsEveryKindOfTampering(kind: StoreKind) throws {
        if kind == .sqlite { try ScratchRegister.requireSQLiteTool() }
        let scratch = try ScratchRegister(kind)
        for suffix in ["AAAA", "BBBB", "CCCC"] {
            let entry = Sample.entry("DMF-20261129-" + suffix)
            _ = try scratch.register.record(entry, by: "Sam")
            _ = try scratch.register.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: entry.reference)
        }
        #expect(try scratch.register.check().chainOnly == ChainReport(entries: 3, events: 6, problems: []))
        try scratch.dropGuards()

        try scratch.sql("UPDATE events SET reason = 'backdated' WHERE sequence = 4")
        var report = try scratch.register.check()
        #expect(
            report.problems.filter { $0.reference != nil }.map(\.description) == [
                "entry DMF-20261129-BBBB, log position 4: its content does not match its hash: the authorised event was changed"
            ])
        // The guards themselves are found missing (SQLite) or turned off (PostgreSQL).
        let guardWords =
            kind == .sqlite ? "the guard events_no_update is missing" : "the guard events_append_only is disabled"
        #expect(report.problems.contains { $0.reference == nil && $0.what.hasPrefix(guardWords) }, "\(report.problems)")

        try scratch.sql("UPDATE entries SET verdict = 'proceed' WHERE reference = 'DMF-20261129-CCCC'")
        report = try scratch.register.check()
        #expect(
            report.problems.contains {
                $0.reference == "DMF-20261129-CCCC" && $0.sequence == 5 && $0.what.contains("the entry was changed")
            })

        try scratch.sql("DELETE FROM events WHERE sequence = 2")
        report = try scratch.register.check()
        #expect(report.problems.contains { $0.sequence == 3 && $0.what.contains("missing or out of order") })
        #expect(
            report.problems.contains {
                $0.reference == "DMF-20261129-AAAA" && $0.what.contains("status or due date does not follow")
            })
    }
}

/// The SQLite register keeps a write-ahead log, so lists read while another process writes. The
/// mode is set when the register opens and kept in the file: bytes 18 and 19 of its header are
/// 2 (WAL) for writing and reading, 1 for the rollback journal.
@Test func theSQLiteRegisterKeepsAWriteAheadLog() throws {
    let scratch = try ScratchRegister(.sqlite)
    _ = try scratch.register.record(Sample.entry("DMF-20261129-WALL"), by: "Sam")
    guard case .sqlite(let path) = scratch.location else { Issue.record("not a SQLite register"); return }
    let header = try #require(FileManager.default.contents(atPath: path))
    #expect(Array(header[18...19]) == [2, 2])
}

/// A register another process holds locked: one clear error after the wait, nothing written.
@Suite("Locked register") struct LockedRegisterTests {
    @Test func aLockedFileGivesUpWithAClearReason() throws {
        try ScratchRegister.requireSQLiteTool()
        let scratch = try ScratchRegister(.sqlite)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-HELD"), by: "Sam")
        guard case .sqlite(let path) = scratch.location else { return }
        let holder = try ScratchRegister.holdLocked(path)

        let impatient = Register(
            storage: try SQLiteRegister(path: path, busyTimeout: 0.3), now: { ScratchRegister.now })
        #expect {
            _ = try impatient.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-HELD")
        } throws: { error in
            (error as? RegisterError)?.description.contains("another program kept it busy") == true
        }
        holder.waitUntilExit()
        #expect(try scratch.register.history("DMF-20261129-HELD").events.count == 1)
        _ = try impatient.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-HELD")
        impatient.storage.close()
    }
}

extension ScratchRegister {
    /// What an intruder with the owner's rights could do first: remove the append-only guards.
    func dropGuards() throws {
        switch kind {
        case .sqlite:
            for trigger in [
                "events_no_update", "events_no_delete", "entries_no_delete", "entries_fixed", "entries_removed_once",
            ] {
                try sql("DROP TRIGGER \(trigger)")
            }
        case .postgres:
            try sql("ALTER TABLE events DISABLE TRIGGER USER")
            try sql("ALTER TABLE entries DISABLE TRIGGER USER")
        }
    }
}

@Suite("PostgreSQL availability") struct PostgresAvailabilityTests {
    /// In CI the PostgreSQL cases must run; locally this test is skipped with the reason shown.
    @Test(
        .enabled(
            if: StoreKind.postgresAdminURL != nil || StoreKind.inCI,
            "PostgreSQL store tests skipped: set DMF_TEST_POSTGRES_URL=postgres://USER@127.0.0.1:PORT/postgres"))
    func postgresIsSetInCI() {
        #expect(StoreKind.postgresAdminURL != nil, "CI=true but DMF_TEST_POSTGRES_URL is not set")
    }
}

/// Lists stop at their limit and say how many match in all; `due` and the choice of a
/// reference each read the store once, whatever the register holds.
@Suite("Register reads") struct RegisterReadTests {
    @Test(arguments: StoreKind.available) func listsStopAtTheirLimit(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        for index in 1...7 {
            var entry = Sample.entry(
                "DMF-20261129-L00\(index)", requester: index.isMultiple(of: 2) ? "Ash Estates" : "Sam")
            entry.recordedAt = "2026-11-29T10:0\(index):00Z"
            _ = try scratch.register.record(entry, by: "Sam")
        }
        let page = try scratch.register.list(ListQuery(limit: 3))
        #expect(page.entries.map(\.reference) == ["DMF-20261129-L007", "DMF-20261129-L006", "DMF-20261129-L005"])
        #expect(page.total == 7 && page.notShown == 4)
        #expect(try scratch.register.list(ListQuery(limit: 7)) == (try scratch.register.list()))
        #expect(try scratch.register.list().total == 7)
        let searched = try scratch.register.list(ListQuery(search: "ash", limit: 2))
        #expect(searched.entries.map(\.reference) == ["DMF-20261129-L006", "DMF-20261129-L004"])
        #expect(searched.total == 3)
        #expect(try scratch.register.list(ListQuery(search: "ash", limit: 3)).notShown == 0)
    }

    /// An entry with two things due is listed with both; one whose soonest date has not come is
    /// not listed at all.
    @Test(arguments: StoreKind.available) func dueFindsEverythingDueOnEveryEntry(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        let register = scratch.register
        let move = Sample.entry("DMF-20261129-MOVE", route: .sameSystem, kind: .move, deleteBy: "2026-11-20")
        let yearly = Sample.entry(
            "DMF-20261129-YEAR", route: .sameSystem, frequency: .recurring, deleteBy: "2027-06-01")
        let later = Sample.entry("DMF-20261129-LATR", route: .sameSystem, deleteBy: "2027-01-01")
        for entry in [move, yearly, later] {
            _ = try register.record(entry, by: "Sam", producedOn: "2026-11-01")
            _ = try register.append(
                EventRequest(kind: .sent, by: "Sam", date: "2026-11-10", files: [Sample.file]), to: entry.reference)
        }
        _ = try register.append(
            EventRequest(kind: .reviewed, by: "Iris IAO", date: "2026-11-12", nextReview: "2026-11-25"),
            to: yearly.reference)
        let due = try register.due(today: "2026-11-29")
        #expect(
            due == [
                DueItem(reference: move.reference, kind: .senderCopy, date: "2026-11-10"),
                DueItem(reference: move.reference, kind: .deletion, date: "2026-11-20"),
                DueItem(reference: yearly.reference, kind: .review, date: "2026-11-25"),
            ])
        #expect(try register.due(today: "2026-11-09").isEmpty)
    }

    @Test(arguments: StoreKind.available) func dueAndTheChoiceOfAReferenceReadTheStoreOnce(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        for index in 1...5 {
            let entry = Sample.entry("DMF-20261129-D00\(index)", route: .sameSystem, deleteBy: "2026-11-01")
            _ = try scratch.register.record(entry, by: "Sam")
            _ = try scratch.register.append(
                EventRequest(kind: .sent, by: "Sam", files: [Sample.file]), to: entry.reference)
        }
        let counting = CountingStorage(scratch.register.storage)
        let register = Register(storage: counting, now: { ScratchRegister.now })
        #expect(try register.due(today: "2026-11-29").count == 5)
        #expect(counting.calls == ["due"])

        counting.calls = []
        let taken = Sample.entry("DMF-20261129-D001").fingerprint
        let candidates = (1...21).map { "DMF-20261129-D00\($0)" }
        #expect(try register.reference(for: "another", candidates: candidates) == "DMF-20261129-D006")
        #expect(try register.reference(for: taken, candidates: candidates) == "DMF-20261129-D001")
        #expect(counting.calls == ["fingerprints", "fingerprints"])
    }
}

/// A store that counts what is asked of it, and passes everything on.
final class CountingStorage: RegisterStorage, @unchecked Sendable {
    let inner: any RegisterStorage
    var calls: [String] = []

    init(_ inner: any RegisterStorage) { self.inner = inner }

    var location: String { inner.location }
    func write<T>(_ body: (any RegisterWriter) throws -> T) throws -> T {
        calls.append("write")
        return try inner.write(body)
    }
    func history(_ reference: String) throws -> EntryHistory? {
        calls.append("history")
        return try inner.history(reference)
    }
    func list(_ query: ListQuery) throws -> EntryList {
        calls.append("list")
        return try inner.list(query)
    }
    func due(by day: String) throws -> [EntryHistory] {
        calls.append("due")
        return try inner.due(by: day)
    }
    func fingerprints(of references: [String]) throws -> [String: String] {
        calls.append("fingerprints")
        return try inner.fingerprints(of: references)
    }
    func checkStorage() throws -> StorageCheck {
        calls.append("checkStorage")
        return try inner.checkStorage()
    }
    func requirement() throws -> SignatureRequirement? { try inner.requirement() }
    func readingOneMoment<T>(_ body: () throws -> T) throws -> T { try inner.readingOneMoment(body) }
    func scanEntries(_ body: (@escaping StoredRow<StoredEntry>) throws -> Void) throws {
        calls.append("scanEntries")
        try inner.scanEntries(body)
    }
    func scanEvents(_ body: (@escaping StoredRow<RegisterEvent>) throws -> Void) throws {
        calls.append("scanEvents")
        try inner.scanEvents(body)
    }
    func treeState() throws -> TreeState {
        calls.append("treeState")
        return try inner.treeState()
    }
    func eventHashes(_ sequences: ClosedRange<Int64>) throws -> [String] {
        calls.append("eventHashes")
        return try inner.eventHashes(sequences)
    }
    func keptSubtrees() throws -> [KeptSubtree] {
        calls.append("keptSubtrees")
        return try inner.keptSubtrees()
    }
    func checkpoints() throws -> [KeptCheckpoint] { try inner.checkpoints() }
    func save(checkpoint: KeptCheckpoint) throws { try inner.save(checkpoint: checkpoint) }
    func retentions() throws -> [RetentionSetting] { try inner.retentions() }
    func awaitingRemoval() throws -> [(reference: String, deletedOn: String)] { try inner.awaitingRemoval() }
    func guardProblems() throws -> [String] { try inner.guardProblems() }
    func close() { inner.close() }
}
