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
        }
    }
}

/// A status change the register will not record, and why, in words for the person who asked.
public struct RefusedChange: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// An entry with its events: what has happened, what may happen next, what is due.
///
/// Every rule about the order of events is here, so the SQLite and PostgreSQL stores cannot differ.
public struct EntryHistory: Sendable, Equatable {
    public var entry: RegisterEntry
    public var events: [RegisterEvent]

    public init(entry: RegisterEntry, events: [RegisterEvent]) {
        self.entry = entry
        self.events = events
    }

    func last(_ kind: EventKind) -> RegisterEvent? { events.last { $0.kind == kind } }
    func has(_ kind: EventKind) -> Bool { events.contains { $0.kind == kind } }

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

    /// Refuses a change that makes no sense at this point, saying why and what to do instead.
    public func check(_ request: EventRequest) throws(RefusedChange) {
        let ref = entry.reference
        func refuse(_ reason: String) -> RefusedChange { RefusedChange(reason: "\(ref): \(reason)") }
        if has(.allCopiesDeleted) && request.kind != .allCopiesDeleted {
            throw refuse("every copy was recorded as deleted; nothing more can happen to this transfer.")
        }
        switch request.kind {
        case .created:
            throw refuse("an entry is created only once, when the assessment is recorded.")
        case .authorised:
            switch entry.verdict {
            case .blocked:
                throw refuse(
                    "the assessment is BLOCKED, so it cannot be authorised. Change the plan and record a new assessment."
                )
            case .refer:
                throw refuse(
                    "the assessment is not decided yet (REFER). Answer the open questions and record a new assessment.")
            case .conditions, .proceed: break
            }
            try checkUndecided(refuse)
        case .refused:
            guard !(request.reason ?? "").isEmpty else { throw refuse("a refusal needs a reason (--reason).") }
            try checkUndecided(refuse)
            if has(.sent) { throw refuse("it was already sent; a refusal now would not undo that.") }
        case .sent:
            if entry.verdict == .blocked { throw refuse("the assessment is BLOCKED: it must not be sent.") }
            if entry.verdict == .refer {
                throw refuse("the assessment is not decided yet (REFER): it must not be sent.")
            }
            if let refusal = last(.refused) {
                throw refuse("the IAO refused it on \(refusal.date) (\(refusal.by)); it must not be sent.")
            }
            if entry.needsAuthorisation && !has(.authorised) {
                throw refuse(
                    "this route needs the IAO's authorisation on the DMF before anything is sent. Record it first (register authorise)."
                )
            }
            if let sent = last(.sent), !isRecurring {
                throw refuse("it was already sent on \(sent.date); only a recurring transfer is sent more than once.")
            }
            if request.files.isEmpty {
                throw refuse("name the files sent, so their integrity can be checked on receipt.")
            }
        case .received:
            guard let sent = last(.sent) else { throw refuse("nothing has been recorded as sent yet.") }
            if let receipt = last(.received), receipt.sequence > sent.sequence {
                throw refuse("the receipt of what was sent on \(sent.date) was already confirmed on \(receipt.date).")
            }
            try checkFilesMatch(request.files, sent: sent, refuse)
        case .senderCopyDeleted:
            guard entry.transferKind == .move else {
                throw refuse(
                    "only a move deletes the sender's copy; this transfer is a \(entry.transferKind.rawValue).")
            }
            guard has(.sent) else { throw refuse("nothing has been recorded as sent yet.") }
            if let done = last(.senderCopyDeleted) {
                throw refuse("the sender's copy was already deleted on \(done.date).")
            }
        case .allCopiesDeleted:
            if let done = last(.allCopiesDeleted) { throw refuse("every copy was already deleted on \(done.date).") }
            guard has(.sent) else {
                throw refuse("nothing has been recorded as sent, so there are no copies to delete.")
            }
        case .reviewed:
            guard isRecurring else { throw refuse("only a recurring transfer is reviewed.") }
            if has(.refused) { throw refuse("the IAO refused it, so there is nothing to review.") }
            if entry.needsAuthorisation && !has(.authorised) {
                throw refuse("it has not been authorised yet, so there is nothing to review.")
            }
        }
    }

    private func checkUndecided(_ refuse: (String) -> RefusedChange) throws(RefusedChange) {
        if let decided = events.last(where: { $0.kind == .authorised || $0.kind == .refused }) {
            let word = decided.kind == .authorised ? "authorised" : "refused"
            throw refuse(
                "the IAO already \(word) it on \(decided.date) (\(decided.by)). Record a new assessment to decide again."
            )
        }
    }

    /// A receipt must name exactly the files sent, each with the same size and SHA-256.
    private func checkFilesMatch(
        _ received: [FileDigest], sent: RegisterEvent, _ refuse: (String) -> RefusedChange
    ) throws(RefusedChange) {
        guard !received.isEmpty else { throw refuse("a receipt must name the files received, to check them.") }
        let expected = Dictionary(sent.files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for file in received {
            guard let match = expected[file.name] else {
                problems.append("\(file.name) was not sent")
                continue
            }
            if match != file { problems.append("\(file.name) differs from the file sent") }
        }
        let names = Set(received.map(\.name))
        for file in sent.files where !names.contains(file.name) { problems.append("\(file.name) is missing") }
        if !problems.isEmpty {
            throw refuse("the files received do not match the files sent: " + problems.joined(separator: "; ") + ".")
        }
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
