/// What the register keeps beside each entry so lists need not read every event: derived from
/// the events, rewritten with each one, and checked against them by `check`.
public struct EntrySummary: Sendable, Equatable, Codable {
    public var reference: String
    public var recordedAt: String
    public var requester: String
    public var team: String
    public var route: String
    public var classification: String
    public var marking: String
    public var verdict: String
    public var status: EntryStatus
    public var nextDue: DueItem?

    public init(entry: RegisterEntry, status: EntryStatus, nextDue: DueItem?) {
        self.init(
            reference: entry.reference, recordedAt: entry.recordedAt, requester: entry.requester, team: entry.team,
            route: entry.route.rawValue, classification: entry.classification.rawValue, marking: entry.marking,
            verdict: entry.verdict.rawValue, status: status, nextDue: nextDue)
    }

    public init(
        reference: String, recordedAt: String, requester: String, team: String, route: String,
        classification: String, marking: String, verdict: String, status: EntryStatus, nextDue: DueItem?
    ) {
        self.reference = reference
        self.recordedAt = recordedAt
        self.requester = requester
        self.team = team
        self.route = route
        self.classification = classification
        self.marking = marking
        self.verdict = verdict
        self.status = status
        self.nextDue = nextDue
    }
}

/// Which entries a list shows. Every filter given must match.
public struct ListQuery: Sendable, Equatable {
    public var status: EntryStatus?
    public var route: String?
    /// Only entries with something due on or before this day (`2026-11-29`).
    public var dueBy: String?
    /// Text found (ignoring case) in the reference, requester, team, organisations or systems.
    public var search: String?
    /// At most this many, the newest; nil for every one.
    public var limit: Int?

    public init(
        status: EntryStatus? = nil, route: String? = nil, dueBy: String? = nil, search: String? = nil,
        limit: Int? = nil
    ) {
        self.status = status
        self.route = route
        self.dueBy = dueBy
        self.search = search
        self.limit = limit
    }
}

/// The entries a list shows, newest first, and how many match in all.
public struct EntryList: Sendable, Equatable {
    public var entries: [EntrySummary]
    /// Every entry the query matches, shown or not.
    public var total: Int

    public init(entries: [EntrySummary], total: Int) {
        self.entries = entries
        self.total = total
    }

    /// How many match but were left out by the limit.
    public var notShown: Int { max(0, total - entries.count) }
}

/// What a store found wrong with itself, below the rows: a damaged file.
public struct StorageCheck: Sendable, Equatable {
    /// Each thing found damaged, in plain words; empty when the storage is sound.
    public var damage: [String]
    /// The store had been marked damaged and is sound now, so it is written to again.
    public var recovered: Bool

    public init(damage: [String] = [], recovered: Bool = false) {
        self.damage = damage
        self.recovered = recovered
    }
}

/// The last event in the log: where the next one links on.
public struct ChainHead: Sendable, Equatable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}

/// A row as read from a store, decoded on demand, on any thread.
public typealias StoredRow<Value> = @Sendable () throws -> Value

/// What a store does inside one write transaction: one read, then one write, so a store on a
/// server can send each as a single batch.
public protocol RegisterWriter {
    /// The entry with its events (nil when there is none), the last event of the whole log, the
    /// requirement that events be signed, if the register has one, and the tree's right edge as
    /// kept (`Frontier.saved`; nil until it is first worked out).
    func load(_ reference: String) throws -> (
        history: EntryHistory?, head: ChainHead?, requirement: SignatureRequirement?, treeEdge: String?
    )
    /// The hashes of the events with these sequence numbers, in order: what a tree edge kept
    /// behind the log (never worked out, or written by an older dmf-wizard) catches up with.
    func eventHashes(_ sequences: ClosedRange<Int64>) throws -> [String]
    /// Writes the new entry if there is one, then the event, the entry's summary (and, for a
    /// redaction, what is kept of it), the tree's new edge and the large subtrees it completed.
    func save(_ write: EventWrite) throws
    /// Writes the requirement that events be signed.
    func save(requirement: SignatureRequirement) throws
    /// Writes a retention period for the register.
    func save(retention: RetentionSetting) throws
    /// Writes the tree's edge and subtrees alone: an edge brought up to date with the log.
    func save(tree: TreeGrowth) throws
}

/// What one event adds to the register, written in one transaction.
public struct EventWrite: Sendable, Equatable {
    public var newEntry: RegisterEntry?
    public var event: RegisterEvent
    public var summary: EntrySummary
    public var tree: TreeGrowth
    /// For a redaction: the entry as it is kept from now on (answers and names removed).
    public var redactedEntry: RegisterEntry?

    public init(
        newEntry: RegisterEntry?, event: RegisterEvent, summary: EntrySummary, tree: TreeGrowth,
        redactedEntry: RegisterEntry? = nil
    ) {
        self.newEntry = newEntry
        self.event = event
        self.summary = summary
        self.tree = tree
        self.redactedEntry = redactedEntry
    }
}

/// An entry as a store holds it: the entry, its summary as read, and the columns kept beside it
/// that are worked out from it or its events, exactly as stored, so `check` names any that
/// disagree (a half-written due date, search words that no longer find it).
public struct StoredEntry: Sendable {
    public var entry: RegisterEntry
    public var summary: EntrySummary
    /// Column name to its stored text (nil for NULL): `status`, `next_due`, `next_due_kind`, `search`.
    public var derived: [String: String?]

    public init(entry: RegisterEntry, summary: EntrySummary, derived: [String: String?]) {
        self.entry = entry
        self.summary = summary
        self.derived = derived
    }
}

/// A place the register lives: SQLite or PostgreSQL. Stores only store; every decision about what
/// may be recorded is made once, in `Register`, so both stores behave alike.
public protocol RegisterStorage: AnyObject, Sendable {
    /// Where it is, for messages: a file path, or a database URL without its password.
    var location: String { get }
    /// Runs `body` in one transaction that excludes every other writer, in this process or
    /// another; all of it is kept, or none of it.
    func write<T>(_ body: (any RegisterWriter) throws -> T) throws -> T
    func history(_ reference: String) throws -> EntryHistory?
    /// Newest first, at most `query.limit`, with the number that match in all.
    func list(_ query: ListQuery) throws -> EntryList
    /// Every entry with something due on or before `day` (`2026-11-29`), with all its events,
    /// read at once; the entries' answers may be left out (nothing due depends on them).
    func due(by day: String) throws -> [EntryHistory]
    /// The requirement that events be signed, if the register has one.
    func requirement() throws -> SignatureRequirement?
    /// Which of `references` are taken, each with its entry's fingerprint: one read.
    func fingerprints(of references: [String]) throws -> [String: String]
    /// Reads the whole storage for damage beneath the rows (SQLite's `quick_check`); a store
    /// that found damage refuses to write until it is sound again.
    func checkStorage() throws -> StorageCheck
    /// Runs `body` on one moment of the register: the scans inside it see neither a write
    /// that lands between them nor one during them, so entries and events agree.
    func readingOneMoment<T>(_ body: () throws -> T) throws -> T
    /// Every entry, in reference order, a few at a time. Each row comes undecoded, as a
    /// `StoredRow`, so the chain check can decode and hash rows on every core.
    func scanEntries(_ body: (@escaping StoredRow<StoredEntry>) throws -> Void) throws
    /// Every event, in sequence order, a few at a time, undecoded like the entries.
    func scanEvents(_ body: (@escaping StoredRow<RegisterEvent>) throws -> Void) throws

    // The log's tree, checkpoints, retention (see `RegisterTree.swift`).

    /// The register's ID, the tree's edge as kept and the log's last event, at one moment.
    func treeState() throws -> TreeState
    /// The hashes of the events with these sequence numbers, in order (fewer if some are missing).
    func eventHashes(_ sequences: ClosedRange<Int64>) throws -> [String]
    /// Every large complete subtree kept, in any order.
    func keptSubtrees() throws -> [KeptSubtree]
    /// Every checkpoint made of this register and kept in it, oldest first.
    func checkpoints() throws -> [KeptCheckpoint]
    /// Keeps a checkpoint just made and signed. Not a write of the log: it takes no writer's turn.
    func save(checkpoint: KeptCheckpoint) throws
    /// Every retention period set, oldest first.
    func retentions() throws -> [RetentionSetting]
    /// Entries whose every copy was recorded as deleted and whose answers are still kept, each
    /// with the day the copies were deleted: the candidates for removal.
    func awaitingRemoval() throws -> [(reference: String, deletedOn: String)]
    /// The guards (triggers) that keep history append-only and are missing, disabled or not as
    /// dmf-wizard set them, each in words; empty when all are in place.
    func guardProblems() throws -> [String]
    func close()
}
