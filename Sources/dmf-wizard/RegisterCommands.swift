import ArgumentParser
import DMFApp
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation

extension ListingFormat: ExpressibleByArgument {}
extension EntryStatus: ExpressibleByArgument {}

/// Where the register is, for every register command.
struct RegisterOptions: ParsableArguments {
    @Option(
        name: .customLong("register"),
        help: """
            The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as \
            service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else \
            $XDG_DATA_HOME/dmf-wizard/register.sqlite.
            """)
    var location: String?

    var setting: RegisterSetting { .resolve(option: location, variable: ProcessContext.variable) }

    func command() -> RegisterCommand { RegisterCommand(register: setting, clock: Production.clock) }
}

/// What every status change asks: who, on what day, why.
struct ChangeOptions: ParsableArguments {
    @Argument(help: "The DMF reference, such as DMF-20261129-7K3Q.")
    var reference: String

    @Option(help: "Who did it (the IAO for a decision, the recipient for a receipt).")
    var by: String

    @Option(help: "The day it happened (31/03/2027 or 2027-03-31). Default: today.")
    var date: String?

    @Option(help: "Why: the reason, conditions or a note.")
    var reason: String?

    @OptionGroup var register: RegisterOptions

    func request(_ kind: EventKind, files: [FileDigest] = [], nextReview: String? = nil) -> EventRequest {
        EventRequest(kind: kind, by: by, date: date, reason: reason, files: files, nextReview: nextReview)
    }
}

struct RegisterGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "The register of assessments: each one's life from authorisation to deletion, in a hash chain.",
        discussion: """
            Exit status: 0 done, 1 refused, not found or the register cannot be used, 2 bad usage.
            """,
        subcommands: [
            RegisterList.self, RegisterShow.self, RegisterAuthorise.self, RegisterRefuse.self, RegisterSent.self,
            RegisterReceived.self, RegisterDeleted.self, RegisterReviewed.self, RegisterDue.self, RegisterExport.self,
            RegisterCheck.self, RegisterAdd.self,
        ])
}

struct RegisterList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List entries, newest first.")

    @Option(help: "Only entries with this status: \(EntryStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
    var status: EntryStatus?

    @Flag(help: "Only entries with a deletion or review due today or earlier.")
    var due = false

    @Option(help: "Only this route: same-system, between-moj-systems, other-government-department, third-party.")
    var route: String?

    @Option(help: "Text in the reference, requester, team, organisations or systems (any case).")
    var search: String?

    @Option(name: .shortAndLong, help: "table, csv or json.")
    var format: ListingFormat = .table

    @OptionGroup var limits: LimitOptions

    @OptionGroup var register: RegisterOptions

    func validate() throws {
        let routes = RouteType.allCases.map(\.rawValue)
        if let route, !routes.contains(route) {
            throw ValidationError("--route must be one of \(routes.joined(separator: ", ")), not '\(route)'.")
        }
    }

    func run() throws {
        let query = ListQuery(status: status, route: route, search: search, limit: limits.limit)
        try finish(register.command().list(query, dueOnly: due, format: format))
    }
}

/// How many a list shows: 50 unless told otherwise.
struct LimitOptions: ParsableArguments {
    @Option(
        name: .customLong("limit"),
        help: ArgumentHelp("Show at most N (default \(RegisterCommand.defaultLimit)).", valueName: "N"))
    var given: Int?

    @Flag(help: "Show every one.")
    var all = false

    func validate() throws {
        if let given, given < 1 { throw ValidationError("--limit must be 1 or more.") }
        if all, given != nil { throw ValidationError("Use --limit or --all, not both.") }
    }

    /// Nil for every one.
    var limit: Int? { all ? nil : (given ?? RegisterCommand.defaultLimit) }
}

struct RegisterShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One entry and all its events.")

    @Argument(help: "The DMF reference.")
    var reference: String

    @Flag(help: "JSON instead of text.")
    var json = false

    @OptionGroup var register: RegisterOptions

    func run() throws { try finish(register.command().show(reference, json: json)) }
}

struct RegisterAuthorise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorise", abstract: "Record the IAO's authorisation.", aliases: ["authorize"])
    @OptionGroup var change: ChangeOptions
    func run() throws {
        try finish(change.register.command().change(change.request(.authorised), reference: change.reference))
    }
}

struct RegisterRefuse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refuse", abstract: "Record the IAO's refusal (--reason is required).")
    @OptionGroup var change: ChangeOptions
    func run() throws {
        try finish(change.register.command().change(change.request(.refused), reference: change.reference))
    }
}

struct RegisterSent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sent", abstract: "Record that the files were sent (each file's size and SHA-256 is kept).")
    @OptionGroup var change: ChangeOptions
    @Argument(help: "The files sent.")
    var files: [String] = []
    func run() throws {
        try finish(
            change.register.command().change(change.request(.sent), reference: change.reference, hashing: files))
    }
}

struct RegisterReceived: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "received",
        abstract: "Record the recipient's receipt; the files received must match the files sent.")
    @OptionGroup var change: ChangeOptions
    @Argument(help: "The files as received.")
    var files: [String] = []
    func run() throws {
        try finish(
            change.register.command().change(change.request(.received), reference: change.reference, hashing: files))
    }
}

struct RegisterDeleted: ParsableCommand {
    enum Copy: String, ExpressibleByArgument, CaseIterable { case sender, all }

    static let configuration = CommandConfiguration(
        commandName: "deleted", abstract: "Record a deletion: the sender's copy (a move) or every copy.")
    @Option(help: "sender (the sender's copy, for a move) or all (every copy).")
    var copy: Copy
    @OptionGroup var change: ChangeOptions
    func run() throws {
        let kind: EventKind = copy == .sender ? .senderCopyDeleted : .allCopiesDeleted
        try finish(change.register.command().change(change.request(kind), reference: change.reference))
    }
}

struct RegisterReviewed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviewed", abstract: "Record a recurring transfer's review.")
    @Option(name: .customLong("next-review"), help: "The next review date. Default: a year after this review.")
    var nextReview: String?
    @OptionGroup var change: ChangeOptions
    func run() throws {
        try finish(
            change.register.command().change(
                change.request(.reviewed, nextReview: nextReview), reference: change.reference))
    }
}

struct RegisterDue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due", abstract: "Deletions and reviews due today or overdue, soonest first.")
    @Option(name: .shortAndLong, help: "table, csv or json.")
    var format: ListingFormat = .table
    @OptionGroup var limits: LimitOptions
    @OptionGroup var register: RegisterOptions
    func run() throws { try finish(register.command().due(format: format, limit: limits.limit)) }
}

struct RegisterExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Every entry and event, for an auditor, under its protective marking.")
    @Option(name: .shortAndLong, help: "csv or json.")
    var format: ListingFormat = .csv
    @OptionGroup var register: RegisterOptions
    func validate() throws {
        if format == .table { throw ValidationError("An export is csv or json, not a table.") }
    }
    func run() throws { try finish(register.command().export(format: format)) }
}

struct RegisterCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the file and the hash chain: damage and changes to history are found and named.")
    @OptionGroup var register: RegisterOptions
    func run() throws { try finish(register.command().check()) }
}

struct RegisterAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record an assessment from its answers file (one saved while the register could not be used).")
    @Argument(help: "The answers file (YAML or JSON).")
    var answers: String
    @Option(name: .customLong("document"), help: "A document written for it, to record its SHA-256 (repeatable).")
    var documents: [String] = []
    @Option(help: "The reference its documents already carry.")
    var reference: String?
    @OptionGroup var register: RegisterOptions
    func run() throws {
        try finish(register.command().add(answersPath: answers, documents: documents, reference: reference))
    }
}

struct SealFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Write a manifest of the files to send (name, size, SHA-256) and record them as sent.",
        discussion: """
            The manifest, REFERENCE.manifest.json, is written beside the files; send it with them. \
            Exit status: 0 sealed (and recorded), 1 a file or the register could not be used or the \
            register refused the change (the manifest is kept), 2 bad usage.
            """)

    @Argument(help: "The DMF reference, such as DMF-20261129-7K3Q.")
    var reference: String

    @Argument(help: "The files to send, all in one folder.")
    var files: [String] = []

    @Option(help: "Who is sending them. Default: your login name.")
    var by: String?

    @Option(help: "The protective marking. Default: the register entry's, else OFFICIAL-SENSITIVE.")
    var marking: String?

    @Flag(help: "Replace a manifest that already exists.")
    var force = false

    @Flag(name: .customLong("no-record"), help: "Write the manifest only; record nothing in the register.")
    var noRecord = false

    @OptionGroup var register: RegisterOptions

    func run() throws {
        var seal = SealCommand(reference: reference, files: files, by: by, force: force)
        seal.marking = marking
        try finish(register.command().seal(seal, recording: !noRecord))
    }
}

struct VerifyFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check received files against their manifest and print a receipt.",
        discussion: """
            With --by (the recipient's name), the receipt is also recorded in the register, which \
            checks the files against those recorded as sent. Exit status: 0 every file matched, 1 \
            anything changed, missing or extra, or the manifest or register could not be used, 2 bad usage.
            """)

    @Argument(help: "The manifest (REFERENCE.manifest.json) beside the received files.")
    var manifest: String

    @Option(help: "The recipient: record the receipt in the register under this name.")
    var by: String?

    @Option(help: "Also write the receipt as JSON to this file.")
    var receipt: String?

    @OptionGroup var register: RegisterOptions

    func run() throws {
        try finish(register.command().verify(VerifyCommand(manifestPath: manifest, by: by, receiptPath: receipt)))
    }
}
