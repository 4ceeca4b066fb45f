import ArgumentParser
import DMFApp
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import DMFSignatures
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

    var setting: RegisterSetting { Production.registerSetting(option: location) }

    func command(signing: SigningOptions? = nil) -> RegisterCommand {
        var command = RegisterCommand(register: setting, clock: Production.clock)
        command.signing = signing?.signing ?? .none
        return command
    }
}

/// The key that signs.
struct SigningOptions: ParsableArguments {
    @Option(
        name: .customLong("key"),
        help: ArgumentHelp(
            """
            The key that signs: a private key file, or a public key whose private half is in ssh-agent \
            (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.
            """, valueName: "FILE"))
    var key: String?

    var signing: Signing { .resolve(option: key, variable: ProcessContext.variable) }
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

    @OptionGroup var signing: SigningOptions

    func command() -> RegisterCommand { register.command(signing: signing) }

    func request(_ kind: EventKind, files: [FileDigest] = [], nextReview: String? = nil) -> EventRequest {
        EventRequest(kind: kind, by: by, date: date, reason: reason, files: files, nextReview: nextReview)
    }
}

struct RegisterGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract:
            "The register of assessments: each one's life from authorisation to deletion, in a history no one can quietly rewrite.",
        discussion: """
            Exit status: 0 done, 1 refused, not found or the register cannot be used, 2 bad usage.
            """,
        subcommands: [
            RegisterList.self, RegisterShow.self, RegisterAuthorise.self, RegisterRefuse.self, RegisterSent.self,
            RegisterReceived.self, RegisterDeleted.self, RegisterReviewed.self, RegisterDue.self, RegisterExport.self,
            RegisterCheck.self, RegisterCheckpoint.self, RegisterProve.self, RegisterVerifyProof.self,
            RegisterAdd.self, RegisterDecide.self, RegisterImport.self, RegisterRequireSignatures.self,
            RegisterRetention.self, RegisterRedact.self, RegisterMigrate.self, RegisterSetupRoles.self,
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

    @Option(name: .shortAndLong, help: "text or json.")
    var format: ShowFormat = .text

    @Flag(help: "JSON instead of text (the same as --format json).")
    var json = false

    @OptionGroup var register: RegisterOptions

    enum ShowFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        try finish(register.command().show(reference, format: json || format == .json ? .json : .table))
    }
}

struct RegisterAuthorise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorise", abstract: "Record the IAO's authorisation.", aliases: ["authorize"])
    @OptionGroup var change: ChangeOptions
    func run() throws {
        try finish(change.command().change(change.request(.authorised), reference: change.reference))
    }
}

struct RegisterRefuse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refuse", abstract: "Record the IAO's refusal (--reason is required).")
    @OptionGroup var change: ChangeOptions
    func run() throws {
        try finish(change.command().change(change.request(.refused), reference: change.reference))
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
            change.command().change(change.request(.sent), reference: change.reference, hashing: files))
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
            change.command().change(change.request(.received), reference: change.reference, hashing: files))
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
        try finish(change.command().change(change.request(kind), reference: change.reference))
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
            change.command().change(
                change.request(.reviewed, nextReview: nextReview), reference: change.reference))
    }
}

struct RegisterDue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "Deletions, reviews and entries due for redaction, due today or overdue, soonest first.")
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
        abstract: "Verify the file, the hash chain and the tree; with --checkpoint, that no history was rewritten.",
        discussion: """
            Without a checkpoint it finds a damaged file; any event or entry changed, removed or reordered \
            without every later hash worked out again; a listed status, due date or search words that do not \
            follow from the events; broken or untrusted signatures; the guards (triggers) that keep history \
            append-only missing, disabled or changed; and the tree kept beside the events no longer matching \
            them. Only with a checkpoint made before (`register checkpoint`, kept by someone who does not run \
            the register) can it find a rewrite by someone who worked every hash out again: a register rolled \
            back to an older copy or restored from a backup, newest events removed, a replaced register, or \
            changed events with every later hash recomputed. It then says from which event the register \
            differs (as closely as the checkpoints kept in the register allow) or how many events are \
            missing. FILE.sig is checked with your own allowed signers, and who signed it is said. \
            Exit status: 0 intact (and extending the checkpoint, whose signature is trusted), 1 anything else.
            """)
    @Option(
        help: ArgumentHelp(
            "A checkpoint made before (with FILE.sig beside it): the register must still hold every event it records.",
            valueName: "FILE"))
    var checkpoint: String?
    @OptionGroup var register: RegisterOptions
    func run() throws {
        let command = register.command()
        try finish(checkpoint.map { command.check(checkpointPath: $0) } ?? command.check())
    }
}

struct RegisterCheckpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Write the register's signed checkpoint (FILE and FILE.sig) for someone who does not run it.",
        discussion: """
            A C2SP checkpoint: the register's ID (origin "dmf-wizard register ID"), the number of events and \
            the root hash of their tree, signed with your key (SSHSIG, namespace dmf-wizard-checkpoint) in \
            FILE.sig, and kept in the register too. Run it regularly (daily, or from cron) where the register \
            is kept, and send both files to your auditor or Data Protection Officer: later, `register check \
            --checkpoint FILE` shows whether history was rewritten since. OpenSSH alone checks the signature: \
            ssh-keygen -Y verify -f ALLOWED_SIGNERS -I PRINCIPAL -n dmf-wizard-checkpoint -s FILE.sig < FILE. \
            Exit status: 0 written, 1 not (no key, the register or the file could not be used).
            """)
    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the checkpoint.", valueName: "FILE"))
    var output: String
    @Flag(help: "Replace FILE and FILE.sig if they exist.")
    var force = false
    @OptionGroup var signing: SigningOptions
    @OptionGroup var register: RegisterOptions
    func run() throws { try finish(register.command(signing: signing).checkpoint(output: output, force: force)) }
}

struct RegisterProve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Proofs that an entry's events are in the register, against its latest checkpoint.",
        discussion: """
            One C2SP tlog-proof per event (the event's hash in its extra line, the checkpoint's text after it), \
            on standard output, or with --output-dir as REF.proof with the checkpoint and its signature \
            (REF.checkpoint, REF.checkpoint.sig). The other party checks them with `dmf-wizard register \
            verify-proof REF.proof REF.checkpoint`, and sees no one else's events. Exit status: 0 proved, 1 not.
            """)
    @Argument(help: "The DMF reference.")
    var reference: String
    @Option(
        name: .customLong("output-dir"),
        help: ArgumentHelp("Write the proofs and the checkpoint here.", valueName: "DIR"))
    var outputDirectory: String?
    @OptionGroup var register: RegisterOptions
    func run() throws { try finish(register.command().prove(reference, outputDirectory: outputDirectory)) }
}

struct RegisterVerifyProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check proofs from `register prove` against a checkpoint signed by someone you trust.",
        discussion: """
            CHECKPOINT.sig is checked with your allowed signers (namespace dmf-wizard-checkpoint). Needs no \
            register. Exit status: 0 the checkpoint is trusted and every proof leads to it, 1 anything else.
            """)
    @Argument(help: "The proofs (REF.proof).")
    var proof: String
    @Argument(help: "The checkpoint (REF.checkpoint), with its .sig beside it.")
    var checkpoint: String
    func run() throws {
        try finish(
            VerifyProofCommand(
                proofPath: proof, checkpointPath: checkpoint,
                allowedSigners: SigningSettings.allowedSigners(variable: ProcessContext.variable)
            ).run())
    }
}

struct RegisterRetention: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Show or set how long the register keeps answers and names after every copy is deleted.",
        discussion: """
            Agree the period with your Data Protection Officer; none is assumed, and until one is set nothing \
            falls due for removal. Setting it is recorded with your account (and signed, with a key trusted for \
            decisions, where one is set up); the latest period set applies. Exit status: 0 done, 1 refused, 2 bad usage.
            """)
    @Option(name: .customLong("set"), help: ArgumentHelp("The period: 6y, 18m or 90d.", valueName: "PERIOD"))
    var period: String?
    @Option(help: "Who sets it.")
    var by: String?
    @OptionGroup var signing: SigningOptions
    @OptionGroup var register: RegisterOptions
    func validate() throws {
        if period != nil, by == nil { throw ValidationError("Say who sets it: --by NAME.") }
    }
    func run() throws { try finish(register.command(signing: signing).retention(set: period, by: by)) }
}

struct RegisterRedact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Remove an entry's answers and requester's name once its retention period has passed.",
        discussion: """
            Allowed once every copy was recorded as deleted and the register's retention period has passed \
            since (`register due` lists them). Their SHA-256 digests are kept, so the chain, the tree and every \
            checkpoint still verify. Recorded as an event with your account, signed where a key is set up. \
            Exit status: 0 removed, 1 refused, 2 bad usage.
            """)
    @Argument(help: "The DMF reference.")
    var reference: String
    @Option(help: "Who removes them.")
    var by: String
    @OptionGroup var signing: SigningOptions
    @OptionGroup var register: RegisterOptions
    func run() throws { try finish(register.command(signing: signing).redact(reference, by: by)) }
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

struct RegisterDecide: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "The IAO's decision on a request (REF.request.json), signed, as REF.decision and REF.decision.sig.",
        discussion: """
            For a register that is not shared: the requester's save writes REF.request.json; the Information \
            Asset Owner runs this on their own computer, reads the summary, and sends back the two files it \
            writes, which the requester records with `dmf-wizard register import REF.decision`. Needs a key \
            the allowed signers trust for decisions. Exit status: 0 written, 1 refused or not signed, 2 bad usage.
            """)

    @Argument(help: "The request, REF.request.json.")
    var request: String

    @Flag(help: "Authorise it.")
    var authorise = false

    @Flag(help: "Refuse it (--reason is required).")
    var refuse = false

    @Option(help: "Your name as it goes on the form (the IAO's).")
    var by: String

    @Option(help: "Why: the reason, or the conditions.")
    var reason: String?

    @Option(help: "The day decided (31/03/2027 or 2027-03-31). Default: today.")
    var date: String?

    @OptionGroup var signing: SigningOptions

    @OptionGroup var register: RegisterOptions

    func validate() throws {
        if authorise == refuse { throw ValidationError("Give one of --authorise or --refuse.") }
    }

    func run() throws {
        try finish(
            register.command(signing: signing).decide(
                requestPath: request, kind: authorise ? .authorised : .refused, by: by, reason: reason, date: date))
    }
}

struct RegisterImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record a decision (REF.decision), a sealed manifest or a receipt, with its signature (FILE.sig).",
        discussion: """
            The signature is checked with your allowed signers, and what the file names with the register's \
            entry. A file already recorded is not recorded twice, so the files of a transfer bring a register \
            restored from a backup up to date. Exit status: 0 recorded or already there, 1 refused.
            """)

    @Argument(help: "The file to record.")
    var file: String

    @OptionGroup var register: RegisterOptions

    func run() throws { try finish(register.command().importFile(file)) }
}

struct RegisterRequireSignatures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "require-signatures",
        abstract: "From now on, every desk refuses unsigned decisions, sendings and receipts (a signed event).",
        discussion: "Needs a key the allowed signers trust for decisions. It cannot be undone.")

    @Option(help: "Your name.")
    var by: String

    @OptionGroup var signing: SigningOptions

    @OptionGroup var register: RegisterOptions

    func run() throws { try finish(register.command(signing: signing).requireSignatures(by: by)) }
}

struct RegisterMigrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring the register's tables to the newest version this dmf-wizard knows.",
        discussion: """
            A SQLite register, and a PostgreSQL register kept with one login, are brought up to date on \
            first use; this says where they are. Once `register setup-roles` has given the tables to an owner \
            role, only this changes them, run by someone granted that role. Exit status: 0 up to date, 1 not \
            allowed or the register cannot be used.
            """)

    @OptionGroup var register: RegisterOptions

    func run() throws { try finish(register.command().migrate()) }
}

struct RegisterSetupRoles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup-roles",
        abstract: "Print the SQL that sets up the roles a team's register on PostgreSQL is kept with; --apply runs it.",
        discussion: """
            Four group roles, which each person's own login is granted: PREFIX_owner owns the tables (only \
            `register migrate` uses it), PREFIX_desk records assessments and events, PREFIX_iao records \
            decisions too (the server refuses a decision from anyone else), PREFIX_auditor only reads. No role \
            may remove or change history. Run --apply as a superuser. Exit status: 0 printed (and applied), 1 \
            refused, 2 bad usage.
            """)

    @Option(help: "What the roles' names start with.")
    var prefix: String = RegisterRoles.defaultPrefix

    @Flag(help: "Run the SQL on the register (--register or $DMF_REGISTER_URL), as well as printing it.")
    var apply = false

    @OptionGroup var register: RegisterOptions

    func run() throws { try finish(register.command().setUpRoles(prefix: prefix, apply: apply)) }
}

struct VerifyReceipt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-receipt",
        abstract: "Check a receipt and the recipient's signature (FILE.sig) with your allowed signers.",
        discussion: """
            Exit status: 0 the recipient's signature is trusted and every file matched, 1 anything else (said why).
            The same check with OpenSSH alone: ssh-keygen -Y verify -f ALLOWED_SIGNERS -I PRINCIPAL \
            -n dmf-wizard-receipt -s FILE.sig < FILE
            """)

    @Argument(help: "The receipt (JSON), with FILE.sig beside it.")
    var receipt: String

    func run() throws {
        try finish(
            VerifyReceiptCommand(
                path: receipt, allowedSigners: SigningSettings.allowedSigners(variable: ProcessContext.variable)
            ).run())
    }
}

struct KeysInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Which key signs for you, whether the allowed signers trust it and for what, or how to set one up.",
        discussion: "Exit status: 0 your key is set up and listed, 1 not yet (it says what to do).")

    @OptionGroup var signing: SigningOptions

    func run() throws {
        try finish(
            KeysCommand(
                signing: signing.signing,
                allowedSigners: SigningSettings.allowedSigners(variable: ProcessContext.variable),
                home: ProcessContext.variable("HOME") ?? NSHomeDirectory()
            ).run())
    }
}

struct SealFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Write a manifest of the files to send (name, size, SHA-256) and record them as sent.",
        discussion: """
            The manifest, REFERENCE.manifest.json, is written beside the files, and signed with your key \
            (REFERENCE.manifest.json.sig) when you have one; send both with the files. \
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

    @OptionGroup var signing: SigningOptions

    @OptionGroup var register: RegisterOptions

    func run() throws {
        var seal = SealCommand(reference: reference, files: files, by: by, force: force)
        seal.marking = marking
        try finish(register.command(signing: signing).seal(seal, recording: !noRecord))
    }
}

struct VerifyFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check received files against their manifest and print a receipt.",
        discussion: """
            The manifest's signature (MANIFEST.sig) is checked first, with your allowed signers: it says \
            who sealed it, or exactly why that is not known. An unsigned manifest is still checked. With \
            --by (the recipient's name), the receipt is also recorded in the register, which checks the \
            files against those recorded as sent. Exit status: 0 every file matched (and the seal is \
            trusted, or unsigned where no signature is required), 1 anything changed, missing or extra, a \
            seal not trusted or missing where required, or the manifest or register could not be used, 2 \
            bad usage.
            """)

    @Argument(help: "The manifest (REFERENCE.manifest.json) beside the received files.")
    var manifest: String

    @Option(help: "The recipient: record the receipt in the register under this name.")
    var by: String?

    @Option(help: "Also write the receipt as JSON to this file, signed by you (FILE.sig) when you have a key.")
    var receipt: String?

    @Flag(help: "Fail unless the manifest is signed by a key your allowed signers trust for manifests.")
    var requireSignature = false

    @OptionGroup var signing: SigningOptions

    @OptionGroup var register: RegisterOptions

    func run() throws {
        var verify = VerifyCommand(manifestPath: manifest, by: by, receiptPath: receipt)
        verify.requireSignature = requireSignature
        try finish(register.command(signing: signing).verify(verify))
    }
}
