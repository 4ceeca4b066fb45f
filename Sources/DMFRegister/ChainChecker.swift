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
    public var isIntact: Bool { problems.isEmpty }

    public init(entries: Int, events: Int, problems: [ChainProblem]) {
        self.entries = entries
        self.events = events
        self.problems = problems
    }
}

/// Walks the register once: entries first (their digests and summaries), then the log in order.
struct ChainChecker {
    let storage: any RegisterStorage

    /// Rows read before their hashes are worked out, on every core at once.
    static let batch = 2048

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

    func run() throws -> ChainReport {
        var problems: [ChainProblem] = []
        // The answers text is most of an entry's size: keep its digest and drop the text, so
        // checking 100,000 entries needs tens of megabytes, not hundreds.
        var entries: [String: (entry: RegisterEntry, digest: String, summary: EntrySummary)] = [:]
        var pendingEntries: [(RegisterEntry, EntrySummary)] = []
        func flushEntries() {
            let digests = Self.inParallel(pendingEntries) { $0.0.digest }
            for ((entry, summary), digest) in zip(pendingEntries, digests) {
                var light = entry
                light.answers = ""
                entries[entry.reference] = (light, digest, summary)
            }
            pendingEntries.removeAll(keepingCapacity: true)
        }
        try storage.scanEntries { entry, summary in
            pendingEntries.append((entry, summary))
            if pendingEntries.count == Self.batch { flushEntries() }
        }
        flushEntries()

        var eventsByEntry: [String: [RegisterEvent]] = [:]
        var previous: RegisterEvent?
        var count = 0
        var pendingEvents: [RegisterEvent] = []
        func flushEvents() {
            let hashes = Self.inParallel(pendingEvents) { $0.expectedHash }
            for (event, expectedHash) in zip(pendingEvents, hashes) {
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
                if let found = entries[event.reference] {
                    if event.kind == .created, event.entryDigest != found.digest {
                        report("the entry does not match what was recorded when it was created: the entry was changed")
                    }
                } else {
                    report("the event names an entry that is not in the register")
                }
                eventsByEntry[event.reference, default: []].append(event)
                previous = event
            }
            pendingEvents.removeAll(keepingCapacity: true)
        }
        try storage.scanEvents { event in
            pendingEvents.append(event)
            if pendingEvents.count == Self.batch { flushEvents() }
        }
        flushEvents()

        for reference in entries.keys.sorted() {
            let (entry, _, summary) = entries[reference]!
            let events = eventsByEntry[reference] ?? []
            guard events.first?.kind == .created else {
                problems.append(ChainProblem(reference: reference, sequence: nil, what: "it has no \"created\" event"))
                continue
            }
            let expected = Register.summary(of: EntryHistory(entry: entry, events: events))
            if expected != summary {
                problems.append(
                    ChainProblem(
                        reference: reference, sequence: nil,
                        what: "its listed status or due date does not follow from its events"))
            }
        }
        return ChainReport(entries: entries.count, events: count, problems: problems)
    }
}
