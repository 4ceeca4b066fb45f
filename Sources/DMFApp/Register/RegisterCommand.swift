import DMFAnswers
import DMFDocuments
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation

/// `dmf-wizard register ...`: the register's commands, with their output and exit statuses.
/// Exit 0 done; 1 refused, not found, or the register cannot be used; 2 bad usage.
public struct RegisterCommand {
    public var location: RegisterLocation
    public var clock: WallClock
    public var stdout: (String) -> Void
    public var stderr: (String) -> Void

    public init(
        location: RegisterLocation, clock: WallClock, stdout: @escaping (String) -> Void = Console.out,
        stderr: @escaping (String) -> Void = Console.errorText
    ) {
        self.location = location
        self.clock = clock
        self.stdout = stdout
        self.stderr = stderr
    }

    /// `2026-11-29T10:15:00Z` now.
    func now() -> String { clock.timestamp }
    var today: String { String(now().prefix(10)) }

    /// Opens the register, runs `body`, and turns every register error into one clear line.
    func withRegister(_ body: (Register) throws(RegisterError) -> Int32) -> Int32 {
        do {
            let storage = try location.open()
            defer { storage.close() }
            let clock = clock
            return try body(Register(storage: storage, now: { clock.timestamp }))
        } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        }
    }

    public func list(_ query: ListQuery, format: ListingFormat) -> Int32 {
        withRegister { register throws(RegisterError) in
            stdout(RegisterListing.render(try register.list(query).entries, format: format))
            return 0
        }
    }

    public func show(_ reference: String, json: Bool) -> Int32 {
        withRegister { register throws(RegisterError) in
            let history = try register.history(reference)
            stdout(json ? RegisterListing.json(RegisterExport.Record(history)) : RegisterListing.details(history))
            return 0
        }
    }

    /// Records a status change: authorise, refuse, sent, received, deleted, reviewed.
    public func change(_ typed: EventRequest, reference: String) -> Int32 {
        let request: EventRequest
        do { request = try typed.readingDates() } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 2
        }
        return withRegister { register throws(RegisterError) in
            let event = try register.append(request, to: reference)
            stdout("\(reference): \(event.kind.label) on \(event.date), recorded as event \(event.sequence).\n")
            return 0
        }
    }

    /// A change that names files (sent, received): each is hashed first, as a stream.
    public func change(_ request: EventRequest, reference: String, hashing paths: [String]) -> Int32 {
        var request = request
        do {
            request.files = try paths.map { path throws(DigestError) in try FileDigest.of(file: path) }
        } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        }
        return change(request, reference: reference)
    }

    /// Deletions and reviews due today or earlier, soonest first.
    public func due(format: ListingFormat) -> Int32 {
        withRegister { register throws(RegisterError) in
            let items = try register.due(today: today)
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
                        + DueSummary(items, today: today).line + "\n")
            }
            return 0
        }
    }

    public func export(format: ListingFormat) -> Int32 {
        withRegister { register throws(RegisterError) in
            stdout(try RegisterExport(register: register, producedAt: now()).render(format))
            return 0
        }
    }

    /// Verifies the hash chain; exit 1 when anything is wrong, naming each entry and event.
    public func check() -> Int32 {
        withRegister { register throws(RegisterError) in
            let report = try register.check()
            if report.isIntact {
                stdout(
                    "The register is intact: \(report.entries) entries, \(report.events) events, every hash verified.\n"
                )
                return 0
            }
            stdout(
                "The register has been changed outside dmf-wizard (\(report.problems.count) problem"
                    + "\(report.problems.count == 1 ? "" : "s")):\n" + report.problems.map { "  \($0)\n" }.joined())
            return 1
        }
    }

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
            let outcome = try RegisterRecorder(register: register).record(
                answers, producedAt: now(), reference: reference, documents: { _ in digests })
            stdout(outcome.message + "\n")
            return 0
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
