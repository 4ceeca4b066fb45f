import DMFRegister
import Foundation

/// A register store in memory, for tests of code that records events: it keeps rows and
/// nothing else, as the protocol asks, so every rule under test is `Register`'s own.
final class MemoryRegisterStorage: RegisterStorage, @unchecked Sendable {
    // `@unchecked`: every access to the rows below holds `lock`.
    private let lock = NSLock()
    private var rows = Rows()
    let location = "memory"

    struct Rows {
        var entries: [String: RegisterEntry] = [:]
        var summaries: [String: EntrySummary] = [:]
        var events: [RegisterEvent] = []
        var requirement: SignatureRequirement?
        var treeEdge: String?
        var subtrees: [KeptSubtree] = []
        var checkpoints: [KeptCheckpoint] = []
        var retentions: [RetentionSetting] = []
        let registerID = "0123456789abcdef0123456789abcdef"

        func hashes(_ sequences: ClosedRange<Int64>) -> [String] {
            events.filter { sequences.contains($0.sequence) }.map(\.hash)
        }

        func history(_ reference: String) -> EntryHistory? {
            guard let entry = entries[reference] else { return nil }
            return EntryHistory(entry: entry, events: events.filter { $0.reference == reference })
        }
    }

    /// Works on a copy and keeps it only if `body` returns: all of it, or none of it.
    final class Writer: RegisterWriter {
        var rows: Rows
        init(_ rows: Rows) { self.rows = rows }

        func load(_ reference: String) throws -> (
            history: EntryHistory?, head: ChainHead?, requirement: SignatureRequirement?, treeEdge: String?
        ) {
            (
                rows.history(reference), rows.events.last.map { ChainHead(sequence: $0.sequence, hash: $0.hash) },
                rows.requirement, rows.treeEdge
            )
        }
        func eventHashes(_ sequences: ClosedRange<Int64>) throws -> [String] { rows.hashes(sequences) }
        func save(requirement: SignatureRequirement) throws { rows.requirement = requirement }
        func save(retention: RetentionSetting) throws { rows.retentions.append(retention) }
        func save(tree: TreeGrowth) throws {
            rows.treeEdge = tree.edge
            rows.subtrees += tree.subtrees.filter { new in
                !rows.subtrees.contains { $0.first == new.first && $0.leaves == new.leaves }
            }
        }
        func save(_ write: EventWrite) throws {
            if let newEntry = write.newEntry { rows.entries[newEntry.reference] = newEntry }
            if let kept = write.redactedEntry { rows.entries[kept.reference] = kept }
            rows.events.append(write.event)
            rows.summaries[write.summary.reference] = write.summary
            try save(tree: write.tree)
        }
    }

    func write<T>(_ body: (any RegisterWriter) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let writer = Writer(rows)
        let result = try body(writer)
        rows = writer.rows
        return result
    }

    /// Edits the rows behind the register's back, as someone with the file could.
    func tamper(_ edit: (inout Rows) -> Void) { lock.withLock { edit(&rows) } }

    /// Makes this event's row fail to decode when it is scanned, as a damaged row would.
    var unreadableEvent: Int64? {
        get { lock.withLock { unreadable } }
        set { lock.withLock { unreadable = newValue } }
    }
    private var unreadable: Int64?

    func history(_ reference: String) throws -> EntryHistory? {
        lock.withLock { rows.history(reference) }
    }

    func list(_ query: ListQuery) throws -> EntryList {
        lock.withLock {
            let matching = rows.summaries.values
                .filter { summary in
                    (query.status.map { $0 == summary.status } ?? true)
                        && (query.route.map { $0 == summary.route } ?? true)
                        && (query.dueBy.map { day in summary.nextDue.map { $0.date <= day } ?? false } ?? true)
                        && (query.search.map { text in
                            rows.entries[summary.reference]?.searchText.contains(text.lowercased()) ?? false
                        } ?? true)
                }
                .sorted { ($0.recordedAt, $0.reference) > ($1.recordedAt, $1.reference) }
            return EntryList(entries: Array(matching.prefix(query.limit ?? .max)), total: matching.count)
        }
    }

    func due(by day: String) throws -> [EntryHistory] {
        lock.withLock {
            rows.summaries.values.filter { ($0.nextDue?.date ?? "9999") <= day }.compactMap {
                rows.history($0.reference)
            }
        }
    }

    func fingerprints(of references: [String]) throws -> [String: String] {
        lock.withLock {
            var taken: [String: String] = [:]
            for reference in references { taken[reference] = rows.entries[reference]?.fingerprint }
            return taken
        }
    }

    func checkStorage() throws -> StorageCheck { StorageCheck() }

    func requirement() throws -> SignatureRequirement? { lock.withLock { rows.requirement } }

    /// A copy of the rows is taken per scan; tests that need one moment do not write meanwhile.
    func readingOneMoment<T>(_ body: () throws -> T) throws -> T { try body() }

    func scanEntries(_ body: (@escaping StoredRow<StoredEntry>) throws -> Void) throws {
        let copy = lock.withLock { rows }
        for reference in copy.entries.keys.sorted() {
            let row = StoredEntry(entry: copy.entries[reference]!, summary: copy.summaries[reference]!, derived: [:])
            try body { row }
        }
    }

    func treeState() throws -> TreeState {
        lock.withLock {
            TreeState(
                registerID: rows.registerID, edge: rows.treeEdge,
                head: rows.events.last.map { ChainHead(sequence: $0.sequence, hash: $0.hash) })
        }
    }
    func eventHashes(_ sequences: ClosedRange<Int64>) throws -> [String] { lock.withLock { rows.hashes(sequences) } }
    func keptSubtrees() throws -> [KeptSubtree] { lock.withLock { rows.subtrees } }
    func checkpoints() throws -> [KeptCheckpoint] { lock.withLock { rows.checkpoints } }
    func save(checkpoint: KeptCheckpoint) throws { lock.withLock { rows.checkpoints.append(checkpoint) } }
    func retentions() throws -> [RetentionSetting] { lock.withLock { rows.retentions } }
    func awaitingRemoval() throws -> [(reference: String, deletedOn: String)] {
        lock.withLock {
            rows.entries.values.filter { !$0.isRedacted }.compactMap { entry in
                rows.history(entry.reference)?.events.last { $0.kind == .allCopiesDeleted }.map {
                    (entry.reference, $0.date)
                }
            }
        }
    }
    func guardProblems() throws -> [String] { [] }

    func scanEvents(_ body: (@escaping StoredRow<RegisterEvent>) throws -> Void) throws {
        let events: [RegisterEvent] = lock.withLock { rows.events }
        let unreadable: Int64? = lock.withLock { self.unreadable }
        for event in events {
            try body {
                if event.sequence == unreadable { throw UnreadableRow(sequence: event.sequence) }
                return event
            }
        }
    }

    struct UnreadableRow: Error, Equatable { var sequence: Int64 }

    func close() {}
}
