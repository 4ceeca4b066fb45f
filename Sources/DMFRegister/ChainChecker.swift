import Dispatch

/// One thing wrong in the register, placed as exactly as it can be.
public struct ChainProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public var reference: String?
    public var sequence: Int64?
    public var what: String

    public var description: String {
        var place: [String] = []
        if let reference { place.append("entry \(reference)") }
        if let sequence { place.append("event \(sequence)") }
        return (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + what
    }
}

public struct ChainReport: Sendable, Equatable, Codable {
    public var entries: Int
    public var events: Int
    public var problems: [ChainProblem]
    /// Damage to the storage itself (a damaged file); when any is found, nothing else is read.
    public var damage: [String]
    /// The register had been marked damaged and is sound again, so it is written to again.
    public var recovered: Bool
    public var isIntact: Bool { problems.isEmpty && damage.isEmpty }

    public init(entries: Int, events: Int, problems: [ChainProblem], damage: [String] = [], recovered: Bool = false) {
        self.entries = entries
        self.events = events
        self.problems = problems
        self.damage = damage
        self.recovered = recovered
    }
}

/// Walks the register once: entries first (their digests and summaries), then the log in order.
struct ChainChecker {
    let storage: any RegisterStorage

    /// Rows read before they are decoded and hashed, on every core at once, while the next are read.
    var batch = 2048

    /// `transform` of each item, worked out on every core; the results in the items' order.
    static func inParallel<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @escaping @Sendable (Item) -> Result
    ) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        return [Result](unsafeUninitializedCapacity: items.count) { buffer, initialised in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                (slots.base + index).initialize(to: transform(items[index]))
            }
            initialised = items.count
        }
    }

    /// The results' memory, shared by the workers: each writes only its own slot, so no lock.
    private struct Slots<Result>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Result>
    }

    /// Reads rows with `scan` while the batch read before is decoded (`decode`, on every core),
    /// and hands each batch's results to `merge`, in the rows' order.
    func pipeline<Value, Output: Sendable>(
        _ scan: ((@escaping StoredRow<Value>) throws -> Void) throws -> Void,
        decode: @escaping @Sendable (StoredRow<Value>) throws -> Output,
        merge: ([Output]) throws -> Void
    ) throws {
        try withoutActuallyEscaping(merge) { merge in
            var rows: [StoredRow<Value>] = []
            var running: Decoding<Output>?
            func launch() throws {
                let next = Decoding(rows, decode)
                rows.removeAll(keepingCapacity: true)
                try running.map { try merge(try $0.results()) }
                running = next
            }
            try scan { row in
                rows.append(row)
                if rows.count == batch { try launch() }
            }
            try launch()
            try running.map { try merge(try $0.results()) }
        }
    }

    /// One batch being decoded in the background.
    private final class Decoding<Output: Sendable>: @unchecked Sendable {
        private let done = DispatchGroup()
        /// Written by the background work, read only after `done` says it has finished.
        private var decoded: [Result<Output, any Error>] = []

        init<Value>(_ rows: [StoredRow<Value>], _ decode: @escaping @Sendable (StoredRow<Value>) throws -> Output) {
            DispatchQueue.global().async(group: done) { [self] in
                decoded = ChainChecker.inParallel(rows) { row in Result { try decode(row) } }
            }
        }

        func results() throws -> [Output] {
            done.wait()
            return try decoded.map { try $0.get() }
        }
    }

    /// Entries and events are read at one moment, so a desk recording meanwhile is not taken
    /// for tampering.
    func run() throws -> ChainReport { try storage.readingOneMoment(check) }

    private func check() throws -> ChainReport {
        var problems: [ChainProblem] = []
        // The answers text is most of an entry's size: keep its digest and drop the text, so
        // checking 100,000 entries needs tens of megabytes, not hundreds. Entries stay in the
        // order they were read; `positions` finds one by reference.
        var entries: [(entry: RegisterEntry, digest: String, summary: EntrySummary)] = []
        var positions: [String: Int] = [:]
        try pipeline(storage.scanEntries) { row in
            var (entry, summary) = try row()
            let digest = entry.digest
            entry.answers = ""
            return (entry, digest, summary)
        } merge: { decoded in
            for read in decoded {
                positions[read.0.reference] = entries.count
                entries.append(read)
            }
        }

        var eventsByEntry = [[RegisterEvent]](repeating: [], count: entries.count)
        var previous: RegisterEvent?
        var count = 0
        try pipeline(storage.scanEvents) { row in
            let event = try row()
            return (event, event.expectedHash)
        } merge: { decoded in
            for (event, expectedHash) in decoded {
                count += 1
                let expectedSequence = (previous?.sequence ?? 0) + 1
                let expectedPrevious = previous?.hash ?? RegisterEvent.firstPreviousHash
                func report(_ what: String) {
                    problems.append(ChainProblem(reference: event.reference, sequence: event.sequence, what: what))
                }
                if event.sequence != expectedSequence {
                    report("expected event \(expectedSequence) here: events are missing or out of order")
                }
                if event.previousHash != expectedPrevious {
                    report("it does not link to the event before it: history before it was changed or removed")
                }
                if event.hash != expectedHash {
                    report("its content does not match its hash: the \(event.kind.rawValue) event was changed")
                }
                if let position = positions[event.reference] {
                    if event.kind == .created, event.entryDigest != entries[position].digest {
                        report("the entry does not match what was recorded when it was created: the entry was changed")
                    }
                    // What an entry's status and due dates follow from; its hashes are checked above.
                    var kept = event
                    (kept.hash, kept.previousHash, kept.entryDigest) = ("", "", nil)
                    eventsByEntry[position].append(kept)
                } else {
                    report("the event names an entry that is not in the register")
                }
                previous = event
            }
        }

        let summaryProblems = Self.inParallel(Array(entries.indices)) {
            [entries, eventsByEntry] position -> ChainProblem? in
            let (entry, _, summary) = entries[position]
            let events = eventsByEntry[position]
            guard events.first?.kind == .created else {
                return ChainProblem(reference: entry.reference, sequence: nil, what: "it has no \"created\" event")
            }
            guard Register.summary(of: EntryHistory(entry: entry, events: events)) == summary else {
                return ChainProblem(
                    reference: entry.reference, sequence: nil,
                    what: "its listed status or due date does not follow from its events")
            }
            return nil
        }
        problems += summaryProblems.compactMap { $0 }
        return ChainReport(entries: entries.count, events: count, problems: problems)
    }
}
