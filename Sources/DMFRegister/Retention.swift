import DMFPolicy
import DMFSignatures
import Foundation

/// A retention period set for the register (`register retention --set 6y`): how long an
/// entry's answers and names are kept after every copy was deleted, agreed with the DPO. Like the
/// requirement that events be signed, it is register-wide, so it is a row of its own: it names the
/// event it follows and that event's hash, and has its own hash. The latest set applies.
public struct RetentionSetting: Sendable, Equatable {
    /// The last event of the log when it was set (0 when there was none), and its hash.
    public var afterSequence: Int64
    public var afterHash: String
    public var recordedAt: String
    public var by: String
    public var account: String
    /// `6y`, `18m`, `90d`.
    public var periodText: String
    /// Its signature, where a key is set up (a statement in the decision namespace).
    public var proof: EventProof?
    public var hash: String

    public init(
        afterSequence: Int64, afterHash: String, recordedAt: String, by: String, account: String,
        periodText: String, proof: EventProof?, hash: String
    ) {
        self.afterSequence = afterSequence
        self.afterHash = afterHash
        self.recordedAt = recordedAt
        self.by = by
        self.account = account
        self.periodText = periodText
        self.proof = proof
        self.hash = hash
    }

    public static let blank = RetentionSetting(
        afterSequence: 0, afterHash: "", recordedAt: "", by: "", account: "", periodText: "", proof: nil, hash: "")

    public var period: RetentionPeriod? { RetentionPeriod(periodText) }

    public var expectedHash: String {
        var form = Canonical()
        form.add("after_sequence", String(afterSequence))
        form.add("after_hash", afterHash)
        form.add("recorded_at", recordedAt)
        form.add("by", by)
        form.add("account", account)
        form.add("period", periodText)
        form.add("signed_statement", proof?.statement)
        form.add("signature", proof?.signature)
        form.add("signer_key", proof?.signerKey)
        return form.sha256
    }

    /// "6 years after every copy is deleted, set on 6/12/2026 by Dee Pio (account dpio)".
    public var shown: String {
        let day = IsoDate(String(recordedAt.prefix(10)))?.short ?? recordedAt
        return "\(period?.description ?? periodText) after every copy is deleted, set on \(day) by "
            + RegisterEvent.shown(by, account: account)
    }

    /// The columns holding the signature, one each (nil when unsigned).
    public var proofStatement: String? {
        get { proof?.statement }
        set { proof = newValue.map { EventProof(statement: $0, signature: proof?.signature ?? "", signerKey: "") } }
    }
    public var proofSignature: String? {
        get { proof?.signature }
        set { if let newValue { proof?.signature = newValue } }
    }
    public var proofSignerKey: String? {
        get { proof?.signerKey }
        set { if let newValue { proof?.signerKey = newValue } }
    }
}

/// What is signed to set a retention period (namespace `dmf-wizard-decision`).
public struct RetentionStatement: Sendable, Equatable {
    public static let header = "dmf-wizard retention 1"

    public var period: String
    public var date: String
    public var by: String
    public var account: String

    public init(period: String, date: String, by: String, account: String) {
        self.period = period
        self.date = date
        self.by = by
        self.account = account
    }

    public var bytes: [UInt8] {
        var form = Canonical()
        form.add("format", Self.header)
        form.add("period", period)
        form.add("date", date)
        form.add("by", by)
        form.add("account", account)
        return form.bytes
    }

    public init(bytes: [UInt8]) throws(StatementError) {
        let fields = try Canonical.fields(
            bytes, keys: ["format", "period", "date", "by", "account"], what: "a retention statement")
        guard fields[0] == Self.header, let period = fields[1], let date = fields[2], let by = fields[3],
            let account = fields[4]
        else { throw StatementError("it is not a dmf-wizard retention statement") }
        self.init(period: period, date: date, by: by, account: account)
    }
}

/// What is signed to remove an entry's answers and names (namespace `dmf-wizard-decision`): the
/// entry as recorded, and the digest of each thing removed.
public struct RedactionStatement: Sendable, Equatable {
    public static let header = "dmf-wizard redaction 1"

    public var reference: String
    /// The entry's digest as recorded (its "created" event's).
    public var entryDigest: String
    /// Each thing removed, with its size and SHA-256.
    public var removed: [FileDigest]
    public var date: String
    public var by: String
    public var account: String

    public init(
        reference: String, entryDigest: String, removed: [FileDigest], date: String, by: String, account: String
    ) {
        self.reference = reference
        self.entryDigest = entryDigest
        self.removed = removed
        self.date = date
        self.by = by
        self.account = account
    }

    public var bytes: [UInt8] {
        var form = Canonical()
        form.add("format", Self.header)
        form.add("reference", reference)
        form.add("entry_digest", entryDigest)
        form.add("removed", ListText.join(removed.map(\.line)))
        form.add("date", date)
        form.add("by", by)
        form.add("account", account)
        return form.bytes
    }

    public init(bytes: [UInt8]) throws(StatementError) {
        let fields = try Canonical.fields(
            bytes, keys: ["format", "reference", "entry_digest", "removed", "date", "by", "account"],
            what: "a redaction statement")
        guard fields[0] == Self.header, let reference = fields[1], let digest = fields[2], let removed = fields[3],
            let date = fields[4], let by = fields[5], let account = fields[6]
        else { throw StatementError("it is not a dmf-wizard redaction statement") }
        var files: [FileDigest] = []
        for line in ListText.split(removed) {
            guard let file = FileDigest(line: line) else { throw StatementError("it names something removed oddly") }
            files.append(file)
        }
        self.init(reference: reference, entryDigest: digest, removed: files, date: date, by: by, account: account)
    }
}

extension RegisterEntry {
    /// What the requester's name becomes once removed.
    public static let removedName = "(removed)"
    private static let removedPrefix = "(removed after the register's retention period; the entry's digest was "

    /// The entry as kept once its answers and the requester's name are removed, with the
    /// digest of each: the answers text says the entry's digest as recorded, so signatures over
    /// it (the IAO's decision) still check.
    func redacted() -> (kept: RegisterEntry, removed: [FileDigest]) {
        var kept = self
        kept.requester = Self.removedName
        kept.answers = Self.removedPrefix + digest + ")"
        let removed = [
            FileDigest(name: "answers", bytes: Array(answers.utf8)),
            FileDigest(name: "requester", bytes: Array(requester.utf8)),
        ]
        return (kept, removed)
    }

    /// Whether its answers and names were removed.
    public var isRedacted: Bool { answers.hasPrefix(Self.removedPrefix) }

    /// The digest the entry had when it was recorded, which its "created" event and any signed
    /// decision name: its digest now, or, once its answers were removed, the one it says it had.
    public var digestAsRecorded: String {
        guard isRedacted, answers.hasSuffix(")") else { return digest }
        return String(answers.dropFirst(Self.removedPrefix.count).dropLast())
    }
}

enum Redaction {
    /// Fills a redaction's request from the entry (what is removed and its digests), and gives the
    /// entry as it will be kept. An entry changed since it was recorded is not redacted: its
    /// digest no longer matches its "created" event, and removing its answers would hide that.
    static func prepare(_ request: inout EventRequest, history: EntryHistory, location: String) throws
        -> RegisterEntry
    {
        let entry = history.entry
        guard !entry.isRedacted else {
            throw RegisterError.refused(
                RefusedChange(
                    reason: "\(entry.reference): its answers and names were already removed.",
                    rule: "lifecycle-removed-after-retention"))
        }
        guard history.events.first(where: { $0.kind == .created })?.entryDigest == entry.digest else {
            throw RegisterError.failed(
                location: location,
                reason: "\(entry.reference) no longer matches what was recorded, so nothing was removed; "
                    + "run `dmf-wizard register check`")
        }
        let (kept, removed) = entry.redacted()
        request.files = removed
        return kept
    }
}

extension Register {
    /// The retention period in force: the latest set, if any.
    public func retention() throws(RegisterError) -> RetentionSetting? {
        try guarded { try storage.retentions().last }
    }

    /// Sets the register's retention period, signed with `proof` where a key is set up. A
    /// signed one must be by a key trusted for decisions; where the register requires signatures
    /// it must be signed.
    public func setRetention(_ statement: RetentionStatement, proof: EventProof?) throws(RegisterError)
        -> RetentionSetting
    {
        try loadHashing()
        let account = try currentAccount()
        try Self.checkPerson(statement.by, reference: "the register")
        guard statement.account == account else {
            throw .refused(RefusedChange(reason: "the statement names the account \(statement.account), not yours"))
        }
        guard RetentionPeriod(statement.period) != nil else {
            throw .refused(RefusedChange(reason: "'\(statement.period)' is not a period such as 6y, 18m or 90d"))
        }
        if let proof {
            guard proof.statementBytes == statement.bytes else {
                throw .refused(RefusedChange(reason: "the signature is not of this retention period"))
            }
            let finding = trust.judge(proof, namespace: .decision, at: Date())
            guard finding.isTrusted else {
                throw .refused(
                    RefusedChange(reason: "only a key trusted for decisions may sign a retention period: \(finding)"))
            }
        }
        return try guarded {
            try storage.write { writer in
                let (_, head, requirement, _) = try writer.load("")
                if requirement != nil, proof == nil {
                    throw RegisterError.refused(
                        RefusedChange(
                            reason: "this register requires signatures, and the retention period is not signed. "
                                + "Set up your key (see `dmf-wizard keys`) and try again."))
                }
                var setting = RetentionSetting(
                    afterSequence: head?.sequence ?? 0, afterHash: head?.hash ?? RegisterEvent.firstPreviousHash,
                    recordedAt: now(), by: statement.by, account: account, periodText: statement.period,
                    proof: proof, hash: "")
                setting.hash = setting.expectedHash
                try writer.save(retention: setting)
                return setting
            }
        }
    }

    /// What `redact` would record for `reference` now, for it to be signed first: the request,
    /// and the statement to sign. Refused now (with the rule) when it would be refused.
    public func prepareRedaction(of reference: String, by person: String) throws(RegisterError) -> (
        request: EventRequest, statement: RedactionStatement
    ) {
        let retention = try retention()
        try Self.checkPerson(person, reference: reference)
        let history = try history(reference)
        var request = try prepared(EventRequest(kind: .redacted, by: person), reference: reference)
        do throws(RefusedChange) { try history.check(request, today: today(), retention: retention?.period) } catch {
            throw .refused(error)
        }
        do { _ = try Redaction.prepare(&request, history: history, location: location) } catch let error
            as RegisterError
        {
            throw error
        } catch {
            throw .failed(location: location, reason: "\(error)")
        }
        if let retention {
            request.reason = "retention period \(retention.periodText) (set \(retention.recordedAt.prefix(10)))"
        }
        let statement = RedactionStatement(
            reference: reference, entryDigest: history.entry.digest, removed: request.files,
            date: request.date ?? today(), by: person, account: try currentAccount())
        return (request, statement)
    }

    /// Removes an entry's answers and the requester's name, keeping their digests, as an event:
    /// allowed once every copy was deleted and the retention period has passed since.
    public func redact(_ request: EventRequest, to reference: String) throws(RegisterError) -> RegisterEvent {
        let retention = try retention()
        return try write(request, to: reference, redaction: retention)
    }

    /// Entries due for redaction by `day`: every copy deleted, the answers still kept, and the
    /// retention period passed. None until a period is set.
    public func redactionsDue(by day: String) throws(RegisterError) -> [DueItem] {
        guard let period = try retention()?.period else { return [] }
        return try guarded {
            try storage.awaitingRemoval().compactMap { reference, deletedOn in
                guard let from = period.end(after: deletedOn), from <= day else { return nil }
                return DueItem(reference: reference, kind: .redaction, date: from)
            }
        }
    }
}
