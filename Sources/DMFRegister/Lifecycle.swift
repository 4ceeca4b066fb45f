import DMFPolicy

/// Where an assessment has got to: the furthest step its events record.
public enum EntryStatus: String, Sendable, Codable, CaseIterable {
    case recorded
    case authorised
    case refused
    case sent
    case received
    case senderCopyDeleted = "sender-copy-deleted"
    case closed

    public var label: String {
        switch self {
        case .recorded: "Recorded, not yet decided"
        case .authorised: "Authorised"
        case .refused: "Refused"
        case .sent: "Sent"
        case .received: "Received"
        case .senderCopyDeleted: "Sender's copy deleted"
        case .closed: "All copies deleted"
        }
    }
}

/// Something that falls due on a recorded transfer.
public struct DueItem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The agreed deletion date of every copy.
        case deletion
        /// A move: the sender's own copy goes once the recipient has it.
        case senderCopy = "sender-copy"
        /// A recurring transfer's yearly review.
        case review
        /// Every copy deleted and the register's retention period passed: the entry's answers
        /// and names are removed (`register redact`).
        case redaction
    }

    public var reference: String
    public var kind: Kind
    /// `2027-03-31`.
    public var date: String

    public init(reference: String, kind: Kind, date: String) {
        self.reference = reference
        self.kind = kind
        self.date = date
    }

    public var label: String {
        switch kind {
        case .deletion: "delete every copy"
        case .senderCopy: "delete the sender's copy"
        case .review: "review the recurring transfer"
        case .redaction: "remove its answers and names from the register"
        }
    }
}

/// A status change the register will not record, and why, in words for the person who asked.
public struct RefusedChange: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    /// The lifecycle rule that refused it, when one did (`lifecycle-sent-once-authorised`).
    public var rule: String?

    public init(reason: String, rule: String? = nil) {
        self.reason = reason
        self.rule = rule
    }

    public var description: String { reason }
}

/// An entry with its events: what has happened, what may happen next, what is due.
///
/// Every rule about the order of events is here, so the SQLite and PostgreSQL stores cannot differ.
public struct EntryHistory: Sendable, Equatable {
    public var entry: RegisterEntry
    /// Its events of the kinds this version knows, oldest first: what its status, what is due
    /// and what may come next follow from.
    public var events: [RegisterEvent]
    /// Its events of kinds this version of dmf-wizard does not know (a newer one wrote them),
    /// kept apart so nothing is worked out from them: shown and exported as they are, and while
    /// there are any this version writes nothing to the entry.
    public var unknownEvents: [RegisterEvent] = []

    /// Events of kinds this version does not know go to `unknownEvents`.
    public init(entry: RegisterEntry, events: [RegisterEvent]) {
        self.entry = entry
        self.events = []
        for event in events { add(event) }
    }

    /// Adds an event read from the register, after those it has.
    public mutating func add(_ event: RegisterEvent) {
        if event.unknownKind == nil { events.append(event) } else { unknownEvents.append(event) }
    }

    /// Every event, whether this version knows its kind or not, in the log's order.
    public var allEvents: [RegisterEvent] {
        unknownEvents.isEmpty ? events : (events + unknownEvents).sorted { $0.sequence < $1.sequence }
    }

    func last(_ kind: EventKind) -> RegisterEvent? { events.lastIndex(ofKind: kind).map { events[$0] } }
    func has(_ kind: EventKind) -> Bool { events.lastIndex(ofKind: kind) != nil }

    public var status: EntryStatus {
        if has(.allCopiesDeleted) { return .closed }
        if has(.senderCopyDeleted) { return .senderCopyDeleted }
        if has(.received) { return .received }
        if has(.sent) { return .sent }
        if has(.refused) { return .refused }
        if has(.authorised) { return .authorised }
        return .recorded
    }

    private var isRecurring: Bool { entry.frequency == .recurring }

    /// Refuses a change that makes no sense at this point, saying why and what to do instead:
    /// the lifecycle rules (`Lifecycle`, DMFPolicy) decide.
    /// - Parameters:
    ///   - today: the desk's local day; with it, a stated date is judged too (not after today,
    ///     not before the form was produced or the event it follows).
    ///   - retention: the register's retention period, when one is set (a redaction needs it).
    public func check(_ request: EventRequest, today: String? = nil, retention: RetentionPeriod? = nil)
        throws(RefusedChange)
    {
        let change = LifecycleChange(
            kind: request.kind, reason: request.reason, files: request.files.map(\.transferred),
            date: today == nil ? nil : request.date, nextReview: request.nextReview, today: today,
            retention: retention)
        if let refused = Lifecycle.refusal(of: change, in: life) {
            throw RefusedChange(reason: "\(entry.reference): \(refused.reason)", rule: refused.rule.id)
        }
    }

    /// The entry and its events as the lifecycle rules read them.
    var life: TransferLife {
        TransferLife(
            verdict: entry.verdict, route: entry.route, kind: entry.transferKind, frequency: entry.frequency,
            steps: events.map {
                TransferLife.Step(
                    kind: $0.kind, date: $0.date, by: $0.by + ($0.account.map { ", account \($0)" } ?? ""),
                    sequence: $0.sequence,
                    files: $0.files.map(\.transferred))
            }, producedOn: events.first { $0.kind == .created }?.date)
    }

    /// What is due on this transfer, whether or not the day has come.
    public var dueItems: [DueItem] {
        let ref = entry.reference
        guard !has(.allCopiesDeleted) else { return [] }
        var items: [DueItem] = []
        if let sent = last(.sent) {
            if let deleteBy = entry.deleteBy { items.append(DueItem(reference: ref, kind: .deletion, date: deleteBy)) }
            if entry.transferKind == .move && !has(.senderCopyDeleted) {
                // Due as soon as the recipient has it; until a receipt, from the day it was sent.
                let from = last(.received)?.date ?? sent.date
                items.append(DueItem(reference: ref, kind: .senderCopy, date: from))
            }
        }
        if isRecurring && !has(.refused) && (has(.authorised) || !entry.needsAuthorisation) {
            let next =
                last(.reviewed)?.nextReview
                ?? Self.oneYearAfter(last(.authorised)?.date ?? String(entry.recordedAt.prefix(10)))
            items.append(DueItem(reference: ref, kind: .review, date: next))
        }
        return items.sorted { $0.date < $1.date }
    }

    /// The soonest thing due, which the register keeps beside the entry for quick lists.
    public var nextDue: DueItem? { dueItems.first }

    /// The same day a year later (29 February becomes 28 February).
    public static func oneYearAfter(_ day: String) -> String {
        guard let date = IsoDate(day) else { return day }
        let next =
            IsoDate(year: date.year + 1, month: date.month, day: date.day)
            ?? IsoDate(year: date.year + 1, month: date.month, day: date.day - 1)
        return next?.iso ?? day
    }
}

extension [RegisterEvent] {
    /// Where the last event of `kind` is. Reads each event's kind in place: a closure over the
    /// events (`last(where:)`) copied every event it looked at, and `check` asks this several
    /// times for every entry.
    func lastIndex(ofKind kind: EventKind) -> Int? {
        var index = endIndex
        while index > startIndex {
            index -= 1
            if self[index].kind == kind { return index }
        }
        return nil
    }
}
