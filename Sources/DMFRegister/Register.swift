import DMFPolicy
import DMFSignatures
import Foundation
import TransparencyLog

/// The record of assessments and what happened to them, over any store.
///
/// Everything that decides what may be written (the order of events, the dates, the hash chain,
/// signatures, the summaries kept for lists) is here; the stores only keep rows.
public final class Register: Sendable {
    public let storage: any RegisterStorage
    /// `2026-11-29T10:15:00Z` now: the computer's clock (`SOURCE_DATE_EPOCH` fixes a document's
    /// time, never the register's); tests give a fixed one.
    let now: @Sendable () -> String
    /// The desk's local calendar day now (`2026-12-06`): no stated date may be after it.
    let today: @Sendable () -> String
    /// The login account of this process, which every event records.
    let account: @Sendable () throws -> String
    /// This desk's allowed signers, which every signature is judged by: read the first time a
    /// signature is judged, so a list never loads OpenSSL's library.
    private let trusted: Lazily<SignerTrust>
    public var trust: SignerTrust { trusted.value }

    /// - Parameters:
    ///   - today: the local day; by default the local day of `now`.
    ///   - account: by default the process's own (`getpwuid_r(geteuid())`).
    ///   - trust: this desk's allowed signers; by default nobody is trusted, and signatures are
    ///     only checked for being intact.
    public init(
        storage: any RegisterStorage, now: @escaping @Sendable () -> String,
        today: (@Sendable () -> String)? = nil,
        account: @escaping @Sendable () throws -> String = { try Account.current() },
        trust: @escaping @Sendable () -> SignerTrust = { .nobody }
    ) {
        self.storage = storage
        self.now = now
        self.today = today ?? { Moments.localDay(now()) }
        self.account = account
        trusted = Lazily(trust)
    }

    /// The time now on the register's clock, for an entry about to be recorded.
    public var timestamp: String { now() }
    /// The local day now on the register's clock.
    public var currentDay: String { today() }

    /// The account every event this process writes records, or why there is none.
    public func currentAccount() throws(RegisterError) -> String {
        do { return try account() } catch {
            throw .refused(RefusedChange(reason: "\(error)"))
        }
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
    /// - Parameter producedOn: the day the form was produced (local); the "created" event states
    ///   it, and no later event may say it happened before.
    public func record(_ entry: RegisterEntry, by person: String, producedOn: String? = nil) throws(RegisterError)
        -> Recorded
    {
        try loadHashing()
        let hasher = try merkleHasher()
        let account = try currentAccount()
        try Self.checkPerson(person, reference: entry.reference)
        return try guarded {
            try storage.write { writer in
                let (existing, head, requirement, edge) = try writer.load(entry.reference)
                if let existing {
                    guard existing.entry.fingerprint == entry.fingerprint else {
                        throw RegisterError.referenceTaken(entry.reference)
                    }
                    return .alreadyRecorded(existing.entry)
                }
                let created = link(
                    EventRequest(
                        kind: .created, by: person, date: producedOn ?? Moments.localDay(entry.recordedAt)),
                    reference: entry.reference, entryDigest: entry.digest, after: head, account: account,
                    requirement: requirement)
                let history = EntryHistory(entry: entry, events: [created])
                let tree = try RegisterTree.growth(
                    edge: edge, head: head, adding: created.hash, hasher: hasher, location: location,
                    read: writer.eventHashes)
                try writer.save(
                    EventWrite(newEntry: entry, event: created, summary: Self.summary(of: history), tree: tree))
                return .added(entry)
            }
        }
    }

    /// Appends one event to an entry's life, if it makes sense now. A signed request carries
    /// its signature, made before this is called: signing never holds the write lock.
    public func append(_ typed: EventRequest, to reference: String) throws(RegisterError) -> RegisterEvent {
        try write(typed, to: reference)
    }

    /// Appends `typed`, and for a redaction keeps `redaction`'s entry in place of the recorded
    /// one, after the same checks as any event (the retention period among them).
    func write(_ typed: EventRequest, to reference: String, redaction: RetentionSetting? = nil)
        throws(RegisterError) -> RegisterEvent
    {
        try loadHashing()
        let hasher = try merkleHasher()
        let account = try currentAccount()
        try Self.checkPerson(typed.by, reference: reference)
        return try guarded {
            try storage.write { writer in
                let (found, head, requirement, edge) = try writer.load(reference)
                guard var history = found else { throw RegisterError.unknownReference(reference) }
                if let newer = history.unknownEvents.first {
                    throw RegisterError.refused(
                        RefusedChange(
                            reason:
                                "\(reference): a newer dmf-wizard recorded an event of kind '\(Sanitizer.visible(newer.kindName, limit: 40))' for it (event "
                                + "\(newer.sequence)), which this version does not know, so it records nothing more "
                                + "for it; record the change with the newer version"))
                }
                var request = try self.prepared(typed, reference: reference)
                var kept: RegisterEntry?
                if request.kind == .redacted {
                    let removed = try Redaction.prepare(&request, history: history, location: location)
                    kept = removed
                }
                do throws(RefusedChange) {
                    try history.check(request, today: today(), retention: redaction?.period)
                    try checkProof(request, of: history, account: account, requirement: requirement)
                } catch {
                    throw RegisterError.refused(error)
                }
                let event = link(
                    request, reference: reference, entryDigest: kept?.digest, after: head, account: account,
                    requirement: requirement)
                history.events.append(event)
                if let kept { history.entry = kept }
                let tree = try RegisterTree.growth(
                    edge: edge, head: head, adding: event.hash, hasher: hasher, location: location,
                    read: writer.eventHashes)
                try writer.save(
                    EventWrite(
                        newEntry: nil, event: event, summary: Self.summary(of: history), tree: tree,
                        redactedEntry: kept))
                return event
            }
        }
    }

    /// The request as the log keeps it: ISO dates (which `due` compares as text), today's when
    /// none was given.
    func prepared(_ typed: EventRequest, reference: String) throws(RegisterError) -> EventRequest {
        var request: EventRequest
        do throws(UnreadableDate) { request = try typed.readingDates() } catch {
            throw RegisterError.refused(RefusedChange(reason: "\(reference): \(error.description)"))
        }
        request.date = request.date ?? today()
        return request
    }

    /// Checks a change before anything is signed or written: the same rules `append` applies in
    /// its write, so a person is not asked to sign what would be refused. The register may still
    /// refuse it at the write, if another desk recorded something first.
    public func precheck(_ typed: EventRequest, to reference: String) throws(RegisterError) -> (
        history: EntryHistory, request: EventRequest
    ) {
        try Self.checkPerson(typed.by, reference: reference)
        let history = try self.history(reference)
        let request = try prepared(typed, reference: reference)
        do throws(RefusedChange) { try history.check(request, today: today()) } catch {
            throw .refused(error)
        }
        return (history, request)
    }

    /// What an event's signature shows to this desk: "signed by jowner (key SHA256:…)",
    /// "unsigned", or why it is not trusted. `entryDigest` is the entry's, for a decision.
    public func finding(for event: RegisterEvent, entryDigest: String?) -> ProofFinding {
        guard event.proof != nil else { return .unsigned }
        do { try loadHashing() } catch { return .uncheckable(error.description) }
        return ChainChecker.finding(event, trust: trust, entryDigest: entryDigest)
    }

    /// The rule that makes the register require signatures, if one was recorded.
    public func signatureRequirement() throws(RegisterError) -> SignatureRequirement? {
        try guarded { try storage.requirement() }
    }

    /// Records that decisions, sendings and receipts must be signed from now on, with the
    /// signature of the statement saying so (a key trusted for decisions).
    public func requireSignatures(_ statement: RequirementStatement, proof: EventProof) throws(RegisterError)
        -> SignatureRequirement
    {
        try loadHashing()
        let account = try currentAccount()
        try Self.checkPerson(statement.by, reference: "the register")
        guard statement.account == account else {
            throw .refused(RefusedChange(reason: "the statement names the account \(statement.account), not yours"))
        }
        guard proof.statementBytes == statement.bytes else {
            throw .refused(RefusedChange(reason: "the signature is not of this requirement"))
        }
        let finding = trust.judge(proof, namespace: .decision, at: Date())
        guard finding.isTrusted else {
            throw .refused(
                RefusedChange(reason: "only a key trusted for decisions may require signatures: \(finding)"))
        }
        return try guarded {
            try storage.write { writer in
                let (_, head, existing, _) = try writer.load("")
                if let existing { return existing }
                var requirement = SignatureRequirement(
                    afterSequence: head?.sequence ?? 0, afterHash: head?.hash ?? RegisterEvent.firstPreviousHash,
                    recordedAt: now(), by: statement.by, account: account, date: statement.date, proof: proof, hash: "")
                requirement.hash = requirement.expectedHash
                try writer.save(requirement: requirement)
                return requirement
            }
        }
    }

    /// A name that can be recorded: something other than blanks, on one line.
    static func checkPerson(_ person: String, reference: String) throws(RegisterError) {
        if person.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .refused(RefusedChange(reason: "\(reference): say who did it (--by NAME); a name cannot be blank."))
        }
        if person.unicodeScalars.contains(where: Sanitizer.isInvisible) {
            throw .refused(
                RefusedChange(reason: "\(reference): a name must be on one line, without control characters."))
        }
    }

    /// A signed change must carry a good signature of what it records, by this person (unless
    /// it was signed elsewhere and is imported); a decision's key must be trusted for decisions.
    /// While the register requires signatures, decisions, sendings and receipts must be signed,
    /// by trusted keys.
    func checkProof(
        _ request: EventRequest, of history: EntryHistory, account: String, requirement: SignatureRequirement?
    ) throws(RefusedChange) {
        let reference = history.entry.reference
        guard let proof = request.proof else {
            if requirement != nil, request.kind.needsSignatureWhenRequired {
                throw RefusedChange(
                    reason: "\(reference): this register requires signatures, and this is not signed. Set up your key "
                        + "(see `dmf-wizard keys`) and try again.")
            }
            return
        }
        guard let namespace = request.kind.signatureNamespace else {
            throw RefusedChange(reason: "\(reference): a \(request.kind.rawValue) event is not signed.")
        }
        var probe = RegisterEvent.blank
        probe.reference = reference
        probe.kind = request.kind
        probe.date = request.date ?? today()
        probe.reason = request.reason
        probe.by = request.by
        probe.files = request.files
        probe.proof = proof
        probe.recordedAt = now()
        if let mismatch = probe.statementMismatch(entryDigest: history.entry.digestAsRecorded) {
            throw RefusedChange(reason: "\(reference): \(mismatch).")
        }
        if namespace == .decision, !request.signedElsewhere,
            let statement = probe.decisionStatement, statement.account != account
        {
            throw RefusedChange(
                reason:
                    "\(reference): the decision was signed as the account \(statement.account), not yours (\(account))."
            )
        }
        let finding = trust.judge(proof, namespace: namespace, at: probe.signedMoment)
        switch finding {
        case .trusted: return
        case .broken(let reason), .uncheckable(let reason):
            throw RefusedChange(reason: "\(reference): the signature cannot be used: \(reason).")
        case .untrusted(let check):
            if namespace == .decision || requirement != nil {
                throw RefusedChange(
                    reason: "\(reference): \(check.description). Only a key the allowed signers (\(trust.source)) "
                        + "trust for \(namespace.things) can sign this; see `dmf-wizard keys`.")
            }
        case .unsigned: return
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
            let entry = try row().entry
            positions[entry.reference] = histories.count
            histories.append(EntryHistory(entry: entry, events: []))
        }
        try storage.scanEvents { row in
            let event = try row()
            if let position = positions[event.reference] { histories[position].add(event) }
        }
        return histories.sorted {
            ($0.entry.recordedAt, $0.entry.reference) < ($1.entry.recordedAt, $1.entry.reference)
        }
    }

    /// Deletions and reviews due on or before `today`, soonest first. Reads every event of the
    /// entries with something due, in one read, so it is exact even for entries with several
    /// things due.
    public func due(today: String) throws(RegisterError) -> [DueItem] {
        let redactions = try redactionsDue(by: today)
        return try guarded {
            (try storage.due(by: today).flatMap { $0.dueItems.filter { $0.date <= today } } + redactions)
                .sorted { ($0.date, $0.reference) < ($1.date, $1.reference) }
        }
    }

    /// Verifies the storage itself (a damaged file), then the whole log: every hash, every link,
    /// every entry against its "created" event, every summary against the events, the guards,
    /// and the tree kept beside the log. Reads the register a row at a time. A damaged file is
    /// reported without reading further.
    /// - Parameter checkpoints: checkpoints trusted from elsewhere (their signatures checked by
    ///   the caller): the log must still extend each; the ones kept in the register narrow a change.
    public func check(against checkpoints: [Checkpoint] = []) throws(RegisterError) -> ChainReport {
        try loadHashing()
        return try guarded {
            let storageCheck = try storage.checkStorage()
            guard storageCheck.damage.isEmpty else {
                return ChainReport(entries: 0, events: 0, problems: [], damage: storageCheck.damage)
            }
            var checker = ChainChecker(storage: storage, trust: trust)
            checker.trustedCheckpoints = checkpoints
            var report = try checker.run()
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
        _ request: EventRequest, reference: String, entryDigest: String?, after head: ChainHead?, account: String,
        requirement: SignatureRequirement?
    ) -> RegisterEvent {
        let at = now()
        let date = request.date ?? today()
        var event = RegisterEvent(
            sequence: (head?.sequence ?? 0) + 1, reference: reference, kind: request.kind, recordedAt: at,
            by: request.by, date: date, reason: request.reason, files: request.files,
            nextReview: request.kind == .reviewed ? (request.nextReview ?? EntryHistory.oneYearAfter(date)) : nil,
            entryDigest: entryDigest, previousHash: head?.hash ?? RegisterEvent.firstPreviousHash, hash: "",
            account: account, proof: request.proof, signaturesRequired: requirement?.hash)
        event.hash = event.expectedHash
        return event
    }

    /// Every failure leaves as a `RegisterError`. The stores give theirs in plain words; any
    /// other error is named by its own description only when it has one written for people.
    func guarded<T>(_ body: () throws -> T) throws(RegisterError) -> T {
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
