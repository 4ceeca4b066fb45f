import DMFAnswers
import DMFDocuments
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import DMFSignatures
import Foundation
import TransparencyLog

/// The register's commands (`dmf-wizard register …`, `seal`, `verify`) with their output and exit
/// statuses; the executable only reads their arguments. Exit 0 done; 1 refused, not found, or the
/// register cannot be used; 2 bad usage.
public struct RegisterCommand {
    public var register: RegisterSetting
    /// The clock documents are stamped with (`SOURCE_DATE_EPOCH` may fix it); the register
    /// keeps its own (`register.clock`).
    public var clock: WallClock
    public var stdout: (String) -> Void
    public var stderr: (String) -> Void
    /// The key that signs decisions, sendings and receipts (none: they are recorded unsigned).
    public var signing: Signing = .none

    /// How many entries a list shows unless told otherwise.
    public static let defaultLimit = 50

    public init(
        register: RegisterSetting, clock: WallClock, stdout: @escaping (String) -> Void = Console.out,
        stderr: @escaping (String) -> Void = Console.errorText
    ) {
        self.register = register
        self.clock = clock
        self.stdout = stdout
        self.stderr = stderr
    }

    /// `2026-11-29T10:15:00Z` now, on the documents' clock (an export's "produced" time).
    func now() -> String { clock.timestamp }
    /// The desk's local day, on the register's clock: what is due by now.
    var today: String { register.clock.today }

    /// Opens the register, runs `body`, closes it, and turns every register error into one line.
    /// - Parameter hint: a second line for when the register cannot be used.
    func withRegister(hint: String? = nil, _ body: (Register) throws(RegisterError) -> Int32) -> Int32 {
        do throws(RegisterError) {
            let opened = try register.open(clock)
            defer { opened.close() }
            return try body(opened)
        } catch {
            stderr("dmf-wizard: \(error.description)\n" + (hint.map { $0 + "\n" } ?? ""))
            return 1
        }
    }

    /// - Parameters:
    ///   - dueOnly: only entries with a deletion or review due today or earlier.
    ///   - query: its `limit` is how many to show (nil: all); how many more there are is said.
    public func list(_ query: ListQuery, dueOnly: Bool = false, format: ListingFormat) -> Int32 {
        var query = query
        if dueOnly { query.dueBy = today }
        return withRegister { register throws(RegisterError) in
            let listed = try register.list(query)
            stdout(RegisterListing.render(listed.entries, format: format))
            notShown(listed.notShown, of: listed.total, format: format)
            return 0
        }
    }

    /// "12 more not shown": in the table, or on standard error beside CSV and JSON, which must
    /// stay data.
    private func notShown(_ count: Int, of total: Int, format: ListingFormat) {
        guard count > 0 else { return }
        let line = "\(count) more not shown (\(total) in all): give --limit N, or --all, to see more."
        if format == .table { stdout(line + "\n") } else { stderr("dmf-wizard: \(line)\n") }
    }

    /// One entry and its whole life: text for people, JSON for systems (`--json` is `json`).
    public func show(_ reference: String, format: ListingFormat) -> Int32 {
        withRegister { register throws(RegisterError) in
            let history = try register.history(reference)
            let findings = history.events.map { register.finding(for: $0, entryDigest: history.entry.digest) }
            stdout(
                format == .json
                    ? RegisterListing.json(RegisterExport.Record(history, findings: findings))
                    : RegisterListing.details(history, findings: findings))
            return 0
        }
    }

    public func show(_ reference: String, json: Bool) -> Int32 { show(reference, format: json ? .json : .table) }

    /// Records a status change: authorise, refuse, sent, received, deleted, reviewed. A change
    /// that names files (sent, received) hashes each first, as a stream. A decision is signed
    /// with the person's key, when they have one, before the register is written: the key must
    /// be one this desk's allowed signers trust for decisions.
    public func change(_ typed: EventRequest, reference: String, hashing paths: [String] = []) -> Int32 {
        var request: EventRequest
        do { request = try typed.readingDates() } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 2
        }
        if request.by.trimmingCharacters(in: .whitespaces).isEmpty {
            stderr("dmf-wizard: say who did it: --by NAME (a name, not blanks)\n")
            return 2
        }
        do {
            request.files += try paths.map { path throws(DigestError) in try FileDigest.of(file: path) }
        } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        }
        return withRegister { register throws(RegisterError) in
            if request.kind.signatureNamespace == .decision {
                guard let proof = try signDecision(request, reference: reference, in: register) else { return 1 }
                request.proof = proof
            }
            let event = try register.append(request, to: reference)
            let history = try? register.history(reference)
            stdout(
                "\(reference): \(event.kind.label) on \(event.date) — \(event.byShown), recorded as "
                    + "\(RegisterListing.place(of: event, in: history)).\n")
            if event.kind.signatureNamespace != nil {
                let finding = register.finding(for: event, entryDigest: history?.entry.digest)
                stdout(
                    finding == .unsigned
                        ? "Not signed: no signing key is set up (see `dmf-wizard keys`).\n"
                        : (RegisterListing.signatureNote(event, finding) ?? "") + ".\n")
            }
            return 0
        }
    }

    /// The decision statement signed with the person's key; nil (and nothing signed) when the
    /// change would be refused or the key would not be trusted for decisions; no proof at all
    /// when no key is set up.
    func signDecision(_ typed: EventRequest, reference: String, in register: Register) throws(RegisterError)
        -> EventProof??
    {
        // Refused now rather than after a passphrase: the same rules the write applies.
        let pending: PendingDecision?
        do throws(DecisionNotSigned) {
            pending = try signing.prepareDecision(typed, reference: reference, in: register)
        } catch {
            if case .refused(let refusal) = error { throw refusal }
            stderr("dmf-wizard: \(error.description); nothing was recorded\n")
            return nil
        }
        guard let pending else { return .some(nil) }
        do {
            return .some(try signing.sign(pending.statement.bytes, for: .decision))
        } catch {
            stderr("dmf-wizard: \(error.description); nothing was recorded\n")
            return nil
        }
    }

    /// Deletions and reviews due today or earlier, soonest first; at most `limit` of them
    /// (nil: all), the summary line counting every one.
    public func due(format: ListingFormat, limit: Int? = nil) -> Int32 {
        withRegister { register throws(RegisterError) in
            let all = try register.due(today: today)
            let items = Array(all.prefix(limit ?? .max))
            switch format {
            case .json: stdout(RegisterListing.json(items))
            case .csv:
                stdout(
                    RegisterListing.csv(
                        [["Reference", "Due", "What"]] + items.map { [$0.reference, $0.date, $0.label] }))
            case .table:
                guard !items.isEmpty else {
                    stdout("Nothing is due.\n")
                    return 0
                }
                let rows = items.map { [$0.reference, $0.date, $0.date < today ? "overdue" : "due today", $0.label] }
                stdout(
                    RegisterListing.table([["Reference", "Due", "", "What"]] + rows)
                        + DueSummary(all, today: today).line + "\n")
            }
            notShown(all.count - items.count, of: all.count, format: format)
            return 0
        }
    }

    public func export(format: ListingFormat) -> Int32 {
        withRegister { register throws(RegisterError) in
            stdout(try RegisterExport(register: register, producedAt: now()).render(format))
            return 0
        }
    }

    /// Verifies the file and the hash chain; exit 1 when anything is wrong, naming each entry
    /// and event, or what is damaged and how to recover.
    public func check() -> Int32 { check(against: []) }

    /// The same, and the register must still extend each checkpoint (their signatures checked
    /// by the caller).
    func check(against checkpoints: [Checkpoint]) -> Int32 {
        withRegister { register throws(RegisterError) in
            let report = try register.check(against: checkpoints)
            if !report.damage.isEmpty {
                stdout(
                    report.damage.map { "The register at \(register.location) is damaged: \($0)." }
                        .joined(separator: "\n") + "\n" + Self.recovery)
                return 1
            }
            if report.isIntact {
                stdout(
                    "The register is intact: \(report.entries) entries, \(report.events) events, every hash verified.\n"
                )
                if report.recovered {
                    stdout("It had been found damaged; it is sound again, so dmf-wizard writes to it again.\n")
                }
                stdout(Self.treeLines(report, checkpoints: checkpoints))
                stdout(Self.signatureLines(report, allowedSigners: register.trust.source))
                return 0
            }
            stdout(
                "The register has been changed outside dmf-wizard (\(report.problems.count) problem"
                    + "\(report.problems.count == 1 ? "" : "s")):\n" + report.problems.map { "  \($0)\n" }.joined()
                    + Self.signatureLines(report, allowedSigners: register.trust.source))
            return 1
        }
    }

    /// What the comparison with checkpoints found, when one was given.
    static func treeLines(_ report: ChainReport, checkpoints: [Checkpoint]) -> String {
        guard !checkpoints.isEmpty, let tree = report.tree, let comparison = tree.comparison else { return "" }
        let kept =
            tree.keptCheckpointsUsed == 0
            ? ""
            : " (\(tree.keptCheckpointsUsed) checkpoint\(tree.keptCheckpointsUsed == 1 ? "" : "s") kept in the "
                + "register were compared too)"
        return comparison + kept + "\n"
    }

    /// What `check` found of signatures; nothing for a register where nothing is signed.
    static func signatureLines(_ report: ChainReport, allowedSigners: String) -> String {
        guard report.mentionsSignatures else { return "" }
        var lines: [String] = []
        if let requirement = report.requirement { lines.append(requirement + ".") }
        if let unchecked = report.signaturesUnchecked {
            lines.append("Signatures could not be checked: \(unchecked).")
        } else {
            lines.append(
                "Signatures: \(report.trustedSignatures) trusted by the allowed signers (\(allowedSigners)), "
                    + "\(report.untrustedSignatures.count) not trusted, \(report.unsignedEvents) unsigned.")
        }
        lines += report.untrustedSignatures.map { "  \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `register migrate`: brings the register's tables to the newest version this dmf-wizard
    /// knows. On PostgreSQL with roles only a member of the role that owns them may.
    public func migrate() -> Int32 {
        let status: SchemaStatus
        do { status = try register.location.migrate(software: register.software) } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        }
        let this = "this dmf-wizard (\(register.software))"
        if let from = status.migratedFrom {
            stdout(
                "The register at \(register.location) was at version \(from) and is now at version \(status.version), "
                    + "the newest \(this) knows.\n")
        } else if status.isNewer {
            stdout(
                "The register at \(register.location) is at version \(status.version), newer than \(this) knows "
                    + "(\(SchemaStatus.newest)): nothing to do. Install the newer dmf-wizard here too.\n")
        } else {
            stdout(
                "The register at \(register.location) is at version \(status.version), the newest \(this) knows: "
                    + "nothing to do.\n")
        }
        if let oldest = status.oldestWriter {
            stdout("Recording in it needs dmf-wizard \(Sanitizer.visible(oldest, limit: 40)) or newer.\n")
        }
        return 0
    }

    /// `register setup-roles`: prints the SQL that sets up the roles a team's register on
    /// PostgreSQL is kept with, and with `apply` runs it on the register. Exit 2 for a prefix
    /// that cannot name roles.
    public func setUpRoles(prefix: String, apply: Bool) -> Int32 {
        let roles: RegisterRoles
        do { roles = try RegisterRoles(prefix: prefix) } catch {
            stderr("dmf-wizard: --prefix: \(error.description)\n")
            return 2
        }
        stdout(roles.script)
        guard apply else { return 0 }
        do { try register.location.setUp(roles, software: register.software) } catch {
            stderr("dmf-wizard: \(error.description); the roles were not set up\n")
            return 1
        }
        stdout(
            "-- Applied to the register at \(register.location): the roles \(roles.owner), \(roles.desk), "
                + "\(roles.iao) and \(roles.auditor) are set up.\n")
        return 0
    }

    /// What to do about a damaged register file.
    static let recovery = """
        dmf-wizard no longer writes to it. To recover: keep a copy of the file as it is, put back the last \
        good copy from a backup (forms saved meanwhile keep the command that records them later), then run \
        `dmf-wizard register check` again: once it checks intact, it is written to again.

        """

    /// Records an assessment from its answers file, for one saved while the register was away.
    public func add(answersPath: String, documents: [String], reference: String?) -> Int32 {
        let answers: Answers
        do {
            answers = try AnswersParser.load(path: answersPath, mode: .complete).answers
        } catch {
            stderr("dmf-wizard: the answers file cannot be used:\n\(error)\n")
            return 1
        }
        var digests: [FileDigest] = []
        for path in documents {
            do { digests.append(try FileDigest.of(file: path)) } catch {
                stderr("dmf-wizard: \(error.description)\n")
                return 1
            }
        }
        return withRegister { register throws(RegisterError) in
            var outcome = try OutcomeRecorder(register: register).record(
                answers, producedAt: now(), reference: reference, documents: { _ in digests })
            if !self.register.location.isShared, let first = documents.first ?? Optional(answersPath) {
                try? DecisionRequest.writeIfNeeded(outcome: &outcome, register: register, folder: Seal.folderOf(first))
            }
            stdout(outcome.message + "\n")
            return 0
        }
    }

    /// `seal`, recording the files as sent unless told not to.
    public func seal(_ command: SealCommand, recording: Bool) -> Int32 {
        var command = command
        command.clock = clock
        command.signing = signing
        let account = register.account
        command.loginName = { try? account() }
        guard recording else { return command.run(stdout: stdout, stderr: stderr) }
        return withRegister(hint: "Give --no-record to seal without the register.") { register in
            command.register = register
            return command.run(stdout: stdout, stderr: stderr)
        }
    }

    /// `verify`, recording the receipt when the recipient is named.
    public func verify(_ command: VerifyCommand) -> Int32 {
        var command = command
        command.clock = clock
        command.signing = signing
        let allowedSigners = register.allowedSigners
        let account = register.account
        command.account = { try? account() }
        command.trust = { SignerTrust.load(path: allowedSigners) }
        guard command.by != nil else {
            // Nothing is recorded; a register there is only asked whether it requires signatures.
            if register.exists, let opened = try? register.open(quickly: true) {
                command.registerRequiresSignatures = (try? opened.signatureRequirement()) != nil
                opened.close()
            }
            return command.run(stdout: stdout, stderr: stderr)
        }
        return withRegister(hint: "Leave out --by to check the files only.") { register in
            command.register = register
            command.registerRequiresSignatures = (try? register.signatureRequirement()) != nil
            return command.run(stdout: stdout, stderr: stderr)
        }
    }
}

/// "2 deletions overdue, 1 review due": the line the start screen and `register due` show.
public struct DueSummary: Sendable, Equatable {
    public var overdue: [DueItem.Kind: Int] = [:]
    public var dueToday: [DueItem.Kind: Int] = [:]

    public init(_ items: [DueItem], today: String) {
        for item in items where item.date <= today {
            if item.date < today { overdue[item.kind, default: 0] += 1 } else { dueToday[item.kind, default: 0] += 1 }
        }
    }

    public var isEmpty: Bool { overdue.isEmpty && dueToday.isEmpty }

    public var line: String {
        func words(_ counts: [DueItem.Kind: Int], _ state: String) -> [String] {
            [DueItem.Kind.deletion, .senderCopy, .review, .redaction].compactMap { kind in
                guard let count = counts[kind] else { return nil }
                let noun =
                    switch kind {
                    case .deletion: count == 1 ? "deletion" : "deletions"
                    case .senderCopy: count == 1 ? "sender's copy to delete" : "senders' copies to delete"
                    case .review: count == 1 ? "review" : "reviews"
                    case .redaction: count == 1 ? "redaction" : "redactions"
                    }
                return "\(count) \(noun) \(state)"
            }
        }
        let parts = words(overdue, "overdue") + words(dueToday, "due today")
        return parts.isEmpty ? "Nothing is due." : parts.joined(separator: ", ")
    }
}
