import DMFAnswers
import DMFDocuments
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation

/// The register's commands (`dmf-wizard register …`, `seal`, `verify`) with their output and exit
/// statuses; the executable only reads their arguments. Exit 0 done; 1 refused, not found, or the
/// register cannot be used; 2 bad usage.
public struct RegisterCommand {
    public var register: RegisterSetting
    public var clock: WallClock
    public var stdout: (String) -> Void
    public var stderr: (String) -> Void

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

    /// `2026-11-29T10:15:00Z` now.
    func now() -> String { clock.timestamp }
    var today: String { String(now().prefix(10)) }

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

    public func show(_ reference: String, json: Bool) -> Int32 {
        withRegister { register throws(RegisterError) in
            let history = try register.history(reference)
            stdout(json ? RegisterListing.json(RegisterExport.Record(history)) : RegisterListing.details(history))
            return 0
        }
    }

    /// Records a status change: authorise, refuse, sent, received, deleted, reviewed. A change
    /// that names files (sent, received) hashes each first, as a stream.
    public func change(_ typed: EventRequest, reference: String, hashing paths: [String] = []) -> Int32 {
        var request: EventRequest
        do { request = try typed.readingDates() } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 2
        }
        do {
            request.files += try paths.map { path throws(DigestError) in try FileDigest.of(file: path) }
        } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        }
        return withRegister { register throws(RegisterError) in
            let event = try register.append(request, to: reference)
            stdout("\(reference): \(event.kind.label) on \(event.date), recorded as event \(event.sequence).\n")
            return 0
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
    public func check() -> Int32 {
        withRegister { register throws(RegisterError) in
            let report = try register.check()
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
                return 0
            }
            stdout(
                "The register has been changed outside dmf-wizard (\(report.problems.count) problem"
                    + "\(report.problems.count == 1 ? "" : "s")):\n" + report.problems.map { "  \($0)\n" }.joined())
            return 1
        }
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
            let outcome = try OutcomeRecorder(register: register).record(
                answers, producedAt: now(), reference: reference, documents: { _ in digests })
            stdout(outcome.message + "\n")
            return 0
        }
    }

    /// `seal`, recording the files as sent unless told not to.
    public func seal(_ command: SealCommand, recording: Bool) -> Int32 {
        var command = command
        command.clock = clock
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
        guard command.by != nil else { return command.run(stdout: stdout, stderr: stderr) }
        return withRegister(hint: "Leave out --by to check the files only.") { register in
            command.register = register
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
            [DueItem.Kind.deletion, .senderCopy, .review].compactMap { kind in
                guard let count = counts[kind] else { return nil }
                let noun =
                    switch kind {
                    case .deletion: count == 1 ? "deletion" : "deletions"
                    case .senderCopy: count == 1 ? "sender's copy to delete" : "senders' copies to delete"
                    case .review: count == 1 ? "review" : "reviews"
                    }
                return "\(count) \(noun) \(state)"
            }
        }
        let parts = words(overdue, "overdue") + words(dueToday, "due today")
        return parts.isEmpty ? "Nothing is due." : parts.joined(separator: ", ")
    }
}
