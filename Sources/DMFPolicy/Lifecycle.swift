/// What can happen to an assessed transfer once it is recorded, in the order it usually happens.
public enum LifecycleStep: String, Sendable, Codable, CaseIterable {
    case created
    case authorised
    case refused
    case sent
    case received
    case senderCopyDeleted = "sender-copy-deleted"
    case allCopiesDeleted = "all-copies-deleted"
    case reviewed
    /// The entry's answers and the requester's name removed once the register's retention
    /// period has passed since every copy was deleted; their digests are kept.
    case redacted

    /// Plain words for lists and screens.
    public var label: String {
        switch self {
        case .created: "Recorded"
        case .authorised: "Authorised by the IAO"
        case .refused: "Refused by the IAO"
        case .sent: "Sent"
        case .received: "Receipt confirmed"
        case .senderCopyDeleted: "Sender's copy deleted"
        case .allCopiesDeleted: "All copies deleted"
        case .reviewed: "Reviewed"
        case .redacted: "Answers and names removed"
        }
    }
}

/// A file sent or received, as the lifecycle rules compare them: its name and what identifies
/// its content.
public struct TransferredFile: Sendable, Equatable {
    public var name: String
    public var size: Int64
    public var sha256: String

    public init(name: String, size: Int64, sha256: String) {
        self.name = name
        self.size = size
        self.sha256 = sha256
    }
}

/// An assessed transfer's life so far, as the lifecycle rules read it: the assessment, and each
/// step recorded since, oldest first.
public struct TransferLife: Sendable {
    public struct Step: Sendable {
        public var kind: LifecycleStep
        /// The day it happened, `2026-11-29`.
        public var date: String
        /// Who did it or recorded it.
        public var by: String
        /// Its place in the register's log.
        public var sequence: Int64
        public var files: [TransferredFile]

        public init(kind: LifecycleStep, date: String, by: String, sequence: Int64, files: [TransferredFile]) {
            self.kind = kind
            self.date = date
            self.by = by
            self.sequence = sequence
            self.files = files
        }
    }

    public var verdict: Verdict
    public var route: RouteType
    public var kind: TransferKind
    public var frequency: Frequency?
    public var steps: [Step]
    /// The day the assessed form was produced (`2026-12-06`): nothing recorded about it can have
    /// happened earlier.
    public var producedOn: String?

    public init(
        verdict: Verdict, route: RouteType, kind: TransferKind, frequency: Frequency?, steps: [Step],
        producedOn: String? = nil
    ) {
        self.verdict = verdict
        self.route = route
        self.kind = kind
        self.frequency = frequency
        self.steps = steps
        self.producedOn = producedOn
    }

    public func last(_ kind: LifecycleStep) -> Step? { steps.last { $0.kind == kind } }
    public func has(_ kind: LifecycleStep) -> Bool { steps.contains { $0.kind == kind } }
    public var isRecurring: Bool { frequency == .recurring }
    /// Whether the route needs the IAO's authorisation on a DMF before anything is sent.
    public var needsAuthorisation: Bool { PolicyEngine.isDMFRequired(route) }
}

/// A step someone asks to record, before the rules allow it.
public struct LifecycleChange: Sendable {
    public var kind: LifecycleStep
    public var reason: String?
    public var files: [TransferredFile]
    /// The day it happened, as stated (`2026-12-06`); nil when the dates are not to be judged.
    public var date: String?
    /// The next review a review sets, as stated.
    public var nextReview: String?
    /// The local calendar day at the desk recording it (a UK desk at 00:30 in summer is already
    /// on the next day, while UTC is not).
    public var today: String?
    /// How long the register keeps answers and names after every copy was deleted, when a
    /// period has been set (none is assumed).
    public var retention: RetentionPeriod?

    public init(
        kind: LifecycleStep, reason: String? = nil, files: [TransferredFile] = [], date: String? = nil,
        nextReview: String? = nil, today: String? = nil, retention: RetentionPeriod? = nil
    ) {
        self.kind = kind
        self.reason = reason
        self.files = files
        self.date = date
        self.nextReview = nextReview
        self.today = today
        self.retention = retention
    }
}

/// One rule about which step may follow which, as a value: its id, the guidance it serves, the
/// steps it governs, and `refusal`, which says why a change may not be recorded now (nil when it
/// may). The register asks every rule, in order, before it records a step.
public struct LifecycleRule: Sendable {
    public let id: String
    public let source: GuidanceSource
    /// The steps it checks (every step, for a rule about the transfer as a whole).
    public let governs: [LifecycleStep]
    let refusal: @Sendable (TransferLife, LifecycleChange) -> String?

    public func refusal(of change: LifecycleChange, in life: TransferLife) -> String? {
        governs.contains(change.kind) ? refusal(life, change) : nil
    }
}

/// The lifecycle rules, in the order they are asked.
public enum Lifecycle {
    /// The first refusal of `change`, with the rule that gives it; nil when it may be recorded.
    public static func refusal(of change: LifecycleChange, in life: TransferLife) -> (
        rule: LifecycleRule, reason: String
    )? {
        for rule in rules {
            if let reason = rule.refusal(of: change, in: life) { return (rule, reason) }
        }
        return nil
    }

    static let dmfRecorded = GuidanceSource(
        section: Rule.general, text: "The authorisation must be recorded in a Data Movement Form (DMF).")
    static let completedAndAuthorised = GuidanceSource(
        section: Rule.internalSection,
        text: "You must have a completed and authorised DMF to transport information between two MOJ systems.",
        note: "The guidance asks the same for other government departments and for 3rd parties.")
    static let integrity = GuidanceSource(
        section: Rule.internalSection,
        text:
            """
            maintain the integrity of the data during transport, to guard against inadvertent, accidental or \
            deliberate modification
            """)
    static let proofOfReceipt = GuidanceSource(
        section: Rule.internalSection,
        text:
            "ensure the exchange cannot be denied by either party, for example by enabling proof of sending or proof of receipt"
    )
    static let copiesKept = GuidanceSource(
        section: Rule.general,
        text: "any copies of information are kept only for as long as needed, including those transported externally")

    /// `6/12/2026`: a stored day as UK staff write it, for messages.
    static func shown(_ day: String) -> String { IsoDate(day)?.short ?? day }

    public static let rules: [LifecycleRule] = [
        LifecycleRule(
            id: "lifecycle-dates-in-order", source: dmfRecorded,
            governs: LifecycleStep.allCases.filter { $0 != .created }
        ) { life, change in
            guard let date = change.date else { return nil }
            let stated = "the date \(shown(date))"
            if let today = change.today, date > today {
                return "\(stated) is after today, \(shown(today)): only a review's next date may lie in the future."
            }
            if let produced = life.producedOn, date < produced {
                return "\(stated) is before the form was produced on \(shown(produced))."
            }
            if let last = life.steps.last, date < last.date {
                return
                    "\(stated) is before the event it follows (\(last.kind.label.lowercased()) on \(shown(last.date)))."
            }
            if let next = change.nextReview, next <= date {
                return "the next review, \(shown(next)), must come after the review on \(shown(date))."
            }
            return nil
        },
        LifecycleRule(
            id: "lifecycle-closed-once-deleted", source: copiesKept,
            governs: LifecycleStep.allCases.filter { $0 != .allCopiesDeleted && $0 != .redacted }
        ) { life, _ in
            life.has(.allCopiesDeleted)
                ? "every copy was recorded as deleted; nothing more can happen to this transfer." : nil
        },
        LifecycleRule(id: "lifecycle-recorded-once", source: dmfRecorded, governs: [.created]) { _, _ in
            "an entry is created only once, when the assessment is recorded."
        },
        LifecycleRule(
            id: "lifecycle-authorise-a-decided-assessment", source: completedAndAuthorised, governs: [.authorised]
        ) { life, _ in
            switch life.verdict {
            case .blocked:
                "the assessment is BLOCKED, so it cannot be authorised. Change the plan and record a new assessment."
            case .refer:
                "the assessment is not decided yet (REFER). Answer the open questions and record a new assessment."
            case .conditions, .proceed: nil
            }
        },
        LifecycleRule(id: "lifecycle-refusal-gives-a-reason", source: dmfRecorded, governs: [.refused]) { _, change in
            (change.reason ?? "").isEmpty ? "a refusal needs a reason (--reason)." : nil
        },
        LifecycleRule(id: "lifecycle-decided-once", source: dmfRecorded, governs: [.authorised, .refused]) { life, _ in
            guard let decided = life.steps.last(where: { $0.kind == .authorised || $0.kind == .refused }) else {
                return nil
            }
            let word = decided.kind == .authorised ? "authorised" : "refused"
            return
                "the IAO already \(word) it on \(decided.date) (\(decided.by)). Record a new assessment to decide again."
        },
        LifecycleRule(id: "lifecycle-refused-before-sending", source: dmfRecorded, governs: [.refused]) { life, _ in
            life.has(.sent) ? "it was already sent; a refusal now would not undo that." : nil
        },
        LifecycleRule(id: "lifecycle-sent-once-authorised", source: completedAndAuthorised, governs: [.sent]) {
            life, _ in
            if life.verdict == .blocked { return "the assessment is BLOCKED: it must not be sent." }
            if life.verdict == .refer { return "the assessment is not decided yet (REFER): it must not be sent." }
            if let refusal = life.last(.refused) {
                return "the IAO refused it on \(refusal.date) (\(refusal.by)); it must not be sent."
            }
            if life.needsAuthorisation && !life.has(.authorised) {
                return
                    "this route needs the IAO's authorisation on the DMF before anything is sent. Record it first (register authorise)."
            }
            return nil
        },
        LifecycleRule(id: "lifecycle-sent-once-unless-recurring", source: completedAndAuthorised, governs: [.sent]) {
            life, _ in
            guard let sent = life.last(.sent), !life.isRecurring else { return nil }
            return "it was already sent on \(sent.date); only a recurring transfer is sent more than once."
        },
        LifecycleRule(id: "lifecycle-files-named-when-sent", source: integrity, governs: [.sent]) { _, change in
            change.files.isEmpty ? "name the files sent, so their integrity can be checked on receipt." : nil
        },
        LifecycleRule(id: "lifecycle-receipt-after-sending", source: proofOfReceipt, governs: [.received]) { life, _ in
            guard let sent = life.last(.sent) else { return "nothing has been recorded as sent yet." }
            guard let receipt = life.last(.received), receipt.sequence > sent.sequence else { return nil }
            return "the receipt of what was sent on \(sent.date) was already confirmed on \(receipt.date)."
        },
        LifecycleRule(id: "lifecycle-receipt-matches-what-was-sent", source: integrity, governs: [.received]) {
            life, change in
            guard let sent = life.last(.sent) else { return nil }
            return filesMismatch(change.files, sent: sent.files)
        },
        LifecycleRule(
            id: "lifecycle-sender-copy-after-a-move",
            source: .init(
                section: "Overview", text: "if you move information, you do not keep a copy of the information"),
            governs: [.senderCopyDeleted]
        ) { life, _ in
            guard life.kind == .move else {
                return "only a move deletes the sender's copy; this transfer is a \(life.kind.rawValue)."
            }
            guard life.has(.sent) else { return "nothing has been recorded as sent yet." }
            return life.last(.senderCopyDeleted).map { "the sender's copy was already deleted on \($0.date)." }
        },
        LifecycleRule(id: "lifecycle-copies-deleted-after-sending", source: copiesKept, governs: [.allCopiesDeleted]) {
            life, _ in
            if let done = life.last(.allCopiesDeleted) { return "every copy was already deleted on \(done.date)." }
            return life.has(.sent) ? nil : "nothing has been recorded as sent, so there are no copies to delete."
        },
        LifecycleRule(
            id: "lifecycle-review-authorised-recurring-transfers",
            source: .init(
                section: Rule.general, text: copiesKept.text,
                note: "A recurring transfer is reviewed every year: is it, and every copy it makes, still needed?"),
            governs: [.reviewed]
        ) { life, _ in
            guard life.isRecurring else { return "only a recurring transfer is reviewed." }
            if life.has(.refused) { return "the IAO refused it, so there is nothing to review." }
            if life.needsAuthorisation && !life.has(.authorised) {
                return "it has not been authorised yet, so there is nothing to review."
            }
            return nil
        },
        LifecycleRule(
            id: "lifecycle-removed-after-retention",
            source: .init(
                section: Rule.general, text: copiesKept.text,
                note: "The register itself holds answers and names about people, so they too are kept only for the "
                    + "retention period agreed with the Data Protection Officer."),
            governs: [.redacted]
        ) { life, change in
            guard let deleted = life.last(.allCopiesDeleted) else {
                return "every copy must be recorded as deleted before its answers and names are removed."
            }
            if let done = life.last(.redacted) {
                return "its answers and names were already removed on \(shown(done.date))."
            }
            guard let retention = change.retention else {
                return "no retention period is set for the register. Agree one with your Data Protection Officer "
                    + "and set it with `dmf-wizard register retention --set PERIOD`; until then nothing is removed."
            }
            guard let from = retention.end(after: deleted.date) else {
                return "the end of the retention period cannot be worked out from \(shown(deleted.date))."
            }
            guard let today = change.today ?? change.date, today >= from else {
                return "its answers and names are kept until \(shown(from)): every copy was deleted on "
                    + "\(shown(deleted.date)), and the register keeps them for \(retention) after that."
            }
            return nil
        },
    ]

    /// A receipt must name exactly the files sent, each the same size with the same SHA-256.
    private static func filesMismatch(_ received: [TransferredFile], sent: [TransferredFile]) -> String? {
        guard !received.isEmpty else { return "a receipt must name the files received, to check them." }
        var expected: [String: TransferredFile] = [:]
        for file in sent where expected[file.name] == nil { expected[file.name] = file }
        var problems: [String] = []
        for file in received {
            guard let match = expected[file.name] else {
                problems.append("\(file.name) was not sent")
                continue
            }
            if match != file { problems.append("\(file.name) differs from the file sent") }
        }
        let names = Set(received.map(\.name))
        for file in sent where !names.contains(file.name) { problems.append("\(file.name) is missing") }
        guard !problems.isEmpty else { return nil }
        return "the files received do not match the files sent: " + problems.joined(separator: "; ") + "."
    }
}
