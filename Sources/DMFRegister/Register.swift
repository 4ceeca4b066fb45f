import Foundation

/// The record of assessments and what happened to them, over any store.
///
/// Everything that decides what may be written (the order of events, the hash chain, the
/// summaries kept for lists) is here; the stores only keep rows.
public final class Register: Sendable {
    public let storage: any RegisterStorage
    /// `2026-11-29T10:15:00Z` now; injected so tests and `SOURCE_DATE_EPOCH` fix it.
    let now: @Sendable () -> String

    public init(storage: any RegisterStorage, now: @escaping @Sendable () -> String) {
        self.storage = storage
        self.now = now
    }

    public var location: String { storage.location }

    public enum Recorded: Sendable, Equatable {
        case added(RegisterEntry)
        /// The same answers were recorded before, under this entry; nothing was written.
        case alreadyRecorded(RegisterEntry)

        public var entry: RegisterEntry {
            switch self {
            case .added(let entry), .alreadyRecorded(let entry): entry
            }
        }
    }

    /// The first of `candidates` that is free or already names these answers: the reference a
    /// new assessment's documents should carry. References are short, so two assessments can
    /// hash alike; the later one takes the next candidate. One read, whatever the candidates.
    public func reference(for fingerprint: String, candidates: some Sequence<String>) throws(RegisterError) -> String {
        let candidates = Array(candidates)
        let taken = try guarded { try storage.fingerprints(of: candidates) }
        guard let free = candidates.first(where: { taken[$0] == nil || taken[$0] == fingerprint }) else {
            throw RegisterError.failed(location: location, reason: "no free reference for this assessment; try again")
        }
        return free
    }

    /// Records an assessment with its "created" event, both or neither.
    /// - Throws: `.referenceTaken` when another assessment got the reference first.
    public func record(_ entry: RegisterEntry, by person: String) throws(RegisterError) -> Recorded {
        try loadHashing()
        return try guarded {
            try storage.write { writer in
                let (existing, head) = try writer.load(entry.reference)
                if let existing {
                    guard existing.entry.fingerprint == entry.fingerprint else {
                        throw RegisterError.referenceTaken(entry.reference)
                    }
                    return .alreadyRecorded(existing.entry)
                }
                let created = link(
                    EventRequest(kind: .created, by: person, date: String(entry.recordedAt.prefix(10))),
                    reference: entry.reference, entryDigest: entry.digest, after: head)
                let history = EntryHistory(entry: entry, events: [created])
                try writer.save(newEntry: entry, event: created, summary: Self.summary(of: history))
                return .added(entry)
            }
        }
    }

    /// Appends one event to an entry's life, if it makes sense now.
    public func append(_ typed: EventRequest, to reference: String) throws(RegisterError) -> RegisterEvent {
        try loadHashing()
        return try guarded {
            try storage.write { writer in
                let (found, head) = try writer.load(reference)
                guard var history = found else { throw RegisterError.unknownReference(reference) }
                // The log keeps ISO dates, which `due` compares as text, whoever the caller is.
                let request: EventRequest
                do throws(UnreadableDate) { request = try typed.readingDates() } catch {
                    throw RegisterError.refused(RefusedChange(reason: "\(reference): \(error.description)"))
                }
                do throws(RefusedChange) { try history.check(request) } catch { throw RegisterError.refused(error) }
                let event = link(request, reference: reference, entryDigest: nil, after: head)
                history.events.append(event)
                try writer.save(newEntry: nil, event: event, summary: Self.summary(of: history))
                return event
            }
        }
    }

    public func history(_ reference: String) throws(RegisterError) -> EntryHistory {
        let found = try guarded { try storage.history(reference) }
        guard let found else { throw .unknownReference(reference) }
        return found
    }

    /// Newest first, at most `query.limit`, with how many match in all.
    public func list(_ query: ListQuery = ListQuery()) throws(RegisterError) -> EntryList {
        try guarded { try storage.list(query) }
    }

    /// Every entry with its events, oldest first (as an export lists them): two scans of the
    /// store, however many entries there are.
    public func histories() throws(RegisterError) -> [EntryHistory] {
        try guarded { try storage.readingOneMoment(readHistories) }
    }

    private func readHistories() throws -> [EntryHistory] {
        var histories: [EntryHistory] = []
        var positions: [String: Int] = [:]
        try storage.scanEntries { row in
            let (entry, _) = try row()
            positions[entry.reference] = histories.count
            histories.append(EntryHistory(entry: entry, events: []))
        }
        try storage.scanEvents { row in
            let event = try row()
            if let position = positions[event.reference] { histories[position].events.append(event) }
        }
        return histories.sorted {
            ($0.entry.recordedAt, $0.entry.reference) < ($1.entry.recordedAt, $1.entry.reference)
        }
    }

    /// Deletions and reviews due on or before `today`, soonest first. Reads every event of the
    /// entries with something due, in one read, so it is exact even for entries with several
    /// things due.
    public func due(today: String) throws(RegisterError) -> [DueItem] {
        try guarded {
            try storage.due(by: today).flatMap { $0.dueItems.filter { $0.date <= today } }
                .sorted { ($0.date, $0.reference) < ($1.date, $1.reference) }
        }
    }

    /// Verifies the storage itself (a damaged file), then the whole log: every hash, every link,
    /// every entry against its "created" event, and every summary against the events. Reads
    /// the register a row at a time. A damaged file is reported without reading further.
    public func check() throws(RegisterError) -> ChainReport {
        try loadHashing()
        return try guarded {
            let storageCheck = try storage.checkStorage()
            guard storageCheck.damage.isEmpty else {
                return ChainReport(entries: 0, events: 0, problems: [], damage: storageCheck.damage)
            }
            var report = try ChainChecker(storage: storage).run()
            report.recovered = storageCheck.recovered
            return report
        }
    }

    /// Recording and checking hash, which needs OpenSSL's libcrypto: a missing library is said
    /// in words before anything is read or written. Lists and histories do not need it.
    public func loadHashing() throws(RegisterError) {
        do { try Hashing.load() } catch { throw .unavailable(location: location, reason: error.description) }
    }

    /// Lets go of the store (its connection or file). Nothing may be asked of it afterwards.
    public func close() { storage.close() }

    static func summary(of history: EntryHistory) -> EntrySummary {
        EntrySummary(entry: history.entry, status: history.status, nextDue: history.nextDue)
    }

    private func link(
        _ request: EventRequest, reference: String, entryDigest: String?, after head: ChainHead?
    ) -> RegisterEvent {
        let at = now()
        var event = RegisterEvent(
            sequence: (head?.sequence ?? 0) + 1, reference: reference, kind: request.kind, recordedAt: at,
            by: request.by, date: request.date ?? String(at.prefix(10)), reason: request.reason,
            files: request.files,
            nextReview: request.kind == .reviewed
                ? (request.nextReview ?? EntryHistory.oneYearAfter(request.date ?? String(at.prefix(10)))) : nil,
            entryDigest: entryDigest, previousHash: head?.hash ?? RegisterEvent.firstPreviousHash, hash: "")
        event.hash = event.expectedHash
        return event
    }

    /// Every failure leaves as a `RegisterError`. The stores give theirs in plain words; any
    /// other error is named by its own description only when it has one written for people.
    private func guarded<T>(_ body: () throws -> T) throws(RegisterError) -> T {
        do {
            return try body()
        } catch let error as RegisterError {
            throw error
        } catch let error as any PlainError {
            throw .failed(location: location, reason: error.description)
        } catch {
            throw .failed(
                location: location, reason: "something unexpected went wrong; run `dmf-wizard register check`")
        }
    }
}
