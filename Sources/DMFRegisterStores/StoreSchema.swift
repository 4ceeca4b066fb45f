import DMFPolicy
import DMFRegister
import Foundation

/// The register's tables, the same in SQLite and PostgreSQL: each column listed once, with the
/// field it keeps. Creating the tables, inserting a row and reading one back all walk these
/// lists, so a new field is one line here (and a migration that adds it, see `migrations`).
///
/// The hashed forms (`RegisterEntry.canonical`, `RegisterEvent.expectedHash`) keep their own
/// names and order on purpose: they are what every register already recorded has been hashed
/// with, so they must not follow a renamed or reordered column.
enum StoreSchema {
    static let entries = Table<EntryRow>(
        name: "entries", blank: .blank,
        columns: [
            .text("reference", \.entry.reference, listed: true, extra: "PRIMARY KEY"),
            .text("recorded_at", \.entry.recordedAt, listed: true),
            .text("requester", \.entry.requester, listed: true),
            .text("team", \.entry.team, listed: true),
            .choice("route", \.entry.route, listed: true),
            .text("source_system", \.entry.sourceSystem),
            .text("destination_organisation", \.entry.destinationOrganisation),
            .text("destination_system", \.entry.destinationSystem),
            .lines("recipient_organisations", \.entry.recipientOrganisations),
            .choice("classification", \.entry.classification, listed: true),
            .text("marking", \.entry.marking, listed: true),
            .choice("verdict", \.entry.verdict, listed: true),
            .text("rules_version", \.entry.rulesVersion),
            .choice("transfer_kind", \.entry.transferKind),
            .optionalChoice("frequency", \.entry.frequency),
            .optionalText("delete_by", \.entry.deleteBy),
            .text("fingerprint", \.entry.fingerprint),
            .text("answers", \.entry.answers),
            .files("documents", \.entry.documents),
            .written("search") { $0.entry.searchText },
            // The summary: derived from the events, rewritten with each one, checked by `check`.
            .choice("status", \.status, listed: true, summary: true),
            .optionalText("next_due", \.nextDueDate, listed: true, summary: true),
            .optionalChoice("next_due_kind", \.nextDueKind, listed: true, summary: true),
        ])

    static let events = Table<RegisterEvent>(
        name: "events", blank: .blank,
        columns: [
            .integer("sequence", \.sequence, extra: "PRIMARY KEY"),
            .text("reference", \.reference, extra: "REFERENCES entries(reference)"),
            // A kind a newer dmf-wizard wrote is read and kept as its text, so this one can still
            // show and export the register (it does not write to such an entry).
            .choice("kind", \.kind, unknown: \.unknownKind),
            .text("recorded_at", \.recordedAt),
            .text("by_person", \.by),
            .text("date", \.date),
            .optionalText("reason", \.reason),
            .files("files", \.files),
            .optionalText("next_review", \.nextReview),
            .optionalText("entry_digest", \.entryDigest),
            .text("previous_hash", \.previousHash),
            .text("hash", \.hash),
            // Version 3: who wrote it, and its signature.
            .optionalText("account", \.account, since: 3),
            .optionalText("signed_statement", get: { $0.proofStatement }, set: { $0.proofStatement = $1 }, since: 3),
            .optionalText("signature", get: { $0.proofSignature }, set: { $0.proofSignature = $1 }, since: 3),
            .optionalText("signer_key", get: { $0.proofSignerKey }, set: { $0.proofSignerKey = $1 }, since: 3),
            .optionalText("signatures_required", \.signaturesRequired, since: 3),
        ])

    /// The requirement that events be signed (`register require-signatures`): at most one row.
    static let requirements = Table<SignatureRequirement>(
        name: "register_requirements", blank: .blank, access: .iaosAdd,
        columns: [
            .integer("after_sequence", \.afterSequence),
            .text("after_hash", \.afterHash),
            .text("recorded_at", \.recordedAt),
            .text("by_person", \.by),
            .text("account", \.account),
            .text("date", \.date),
            .text("signed_statement", \.proof.statement),
            .text("signature", \.proof.signature),
            .text("signer_key", \.proof.signerKey),
            .text("hash", \.hash, extra: "PRIMARY KEY"),
        ])

    /// The register's identity and its log's tree's right edge: one row, made by the migration
    /// that added it (so a register made before it gets its ID then). The edge changes with
    /// every event; the ID never does.
    static let tree = Table<TreeState>(
        name: "register_tree", blank: TreeState(registerID: "", edge: nil, head: nil),
        columns: [
            .text("register_id", \.registerID, extra: "PRIMARY KEY"),
            .optionalText("tree_edge", \.edge, summary: true),
        ])

    /// Every complete subtree of at least 256 events, with its root: proofs read these instead
    /// of every event. Written once each, never changed.
    static let treeNodes = Table<KeptSubtree>(
        name: "register_tree_nodes", blank: .blank,
        columns: [
            .integer("first_leaf", \.first),
            .integer("leaves", \.leaves),
            .text("root", \.root),
        ])

    /// The checkpoints made (`register checkpoint`), each with its signature.
    static let checkpoints = Table<KeptCheckpoint>(
        name: "register_checkpoints", blank: .blank,
        columns: [
            .integer("tree_size", \.size),
            .text("root", \.root),
            .text("checkpoint", \.text),
            .text("signature", \.signature),
            .text("signer_key", \.signerKey),
            .text("recorded_at", \.recordedAt),
            .text("account", \.account),
        ])

    /// The retention periods set (`register retention --set`); the latest applies. Agreed with
    /// the DPO and set by an IAO, as the requirement that events be signed is.
    static let retention = Table<RetentionSetting>(
        name: "register_retention", blank: .blank, access: .iaosAdd,
        columns: [
            .integer("after_sequence", \.afterSequence),
            .text("after_hash", \.afterHash),
            .text("recorded_at", \.recordedAt),
            .text("by_person", \.by),
            .text("account", \.account),
            .text("period", \.periodText),
            .optionalText("signed_statement", \.proofStatement),
            .optionalText("signature", \.proofSignature),
            .optionalText("signer_key", \.proofSignerKey),
            .text("hash", \.hash, extra: "PRIMARY KEY"),
        ])

    /// What a redaction removes from an entry (`register redact`): these change once, to the
    /// removed form, and never otherwise.
    static let redactable: Set<String> = ["requester", "answers", "search"]

    /// What the register says of itself, one value a name: `oldest_writer`, the oldest
    /// dmf-wizard that may write to it (set by migrations, see `MigrationStep.oldestWriter`),
    /// and on PostgreSQL the roles `register setup-roles` made (`RegisterRoles`).
    static let settings = Table<RegisterSettingRow>(
        name: "register_settings", blank: RegisterSettingRow(name: "", value: ""), access: .readOnly,
        columns: [
            .text("name", \.name, extra: "PRIMARY KEY"),
            .text("value", \.value),
        ])

    /// Every table the register keeps rows in, in the order they were added.
    static let tables: [any SchemaTable] = [
        entries, events, requirements, settings, tree, treeNodes, checkpoints, retention,
    ]

    /// The covering index a list reads: each entry's search words and the columns a list shows,
    /// so a search reads it (a few MB) instead of every entry with its answers.
    static let listIndex = "entries_for_lists"

    /// The migrations, in order: applying the first `n` brings a register to version `n`. A
    /// step is the same for both stores unless it says otherwise. Columns added after the first
    /// version (`Column.since`) are added by the migration of their version, without a step.
    static let migrations: [[MigrationStep]] = [
        // 1: the tables, their indexes, and the guards that keep history append-only.
        [
            .create(entries), .create(events),
            .sql("CREATE INDEX events_by_reference ON events (reference, sequence)"),
            .sql("CREATE INDEX entries_by_time ON entries (recorded_at)"),
            .sql("CREATE INDEX entries_by_due ON entries (next_due)"),
            .guards,
        ],
        // 2: the list index.
        [
            .sql(
                "CREATE INDEX \(listIndex) ON entries (search, "
                    + entries.columns.filter { $0.isListed && $0.since <= 2 }.map(\.name).joined(separator: ", ") + ")")
        ],
        // 3: each event's account and signature (columns above), the requirement that events be
        // signed, and on PostgreSQL the server's own check of who writes and when.
        [
            .create(requirements),
            .perStore(
                sqlite: SQLDialect.sqlite.fixedTable("register_requirements"),
                postgres: SQLDialect.postgres.fixedTable("register_requirements") + SQLDialect.writtenHonestly),
        ],
        // 4: what the register says of itself (`settings`), starting with the oldest dmf-wizard
        // that may write to it: 0.3.0, the first to record each event's account (version 3)
        // and the first to read this setting.
        [.create(settings), .oldestWriter(SoftwareVersion(0, 3, 0))],
        // 5: the log's tree (DECISIONS.md, "A history nobody can quietly rewrite"): the register's
        // ID, made here for a register made before it; the tree's right edge (worked out from the
        // events on the first write after this); its large subtrees; the checkpoints made; the
        // retention period; their guards; and the guards again, so that an entry's answers and
        // requester may be removed once, when it is redacted, and never otherwise changed. An
        // older dmf-wizard would add events without moving the tree's edge on: 0.4.0 at least.
        [
            .create(tree), .identify,
            .create(treeNodes),
            .sql("CREATE UNIQUE INDEX register_tree_nodes_by_place ON register_tree_nodes (first_leaf, leaves)"),
            .create(checkpoints), .create(retention),
            .perStore(
                sqlite: SQLDialect.sqlite.treeGuards + SQLDialect.sqlite.fixedTable("register_tree_nodes")
                    + SQLDialect.sqlite.fixedTable("register_checkpoints")
                    + SQLDialect.sqlite.fixedTable("register_retention"),
                postgres: SQLDialect.postgres.treeGuards + SQLDialect.postgres.fixedTable("register_tree_nodes")
                    + SQLDialect.postgres.fixedTable("register_checkpoints")
                    + SQLDialect.postgres.fixedTable("register_retention")
                    + SQLDialect.writtenHonestly(on: ["register_checkpoints", "register_retention"])),
            .guards,
            .oldestWriter(SoftwareVersion(0, 4, 0)),
        ],
    ]

    /// The first version whose guards let a redaction remove an entry's answers and requester.
    static let redactionVersion = 1 + (migrations.firstIndex { $0.contains(where: \.isIdentify) } ?? migrations.count)

    /// The guards a register at the latest version has: each trigger's name with the statement
    /// that made it, and on PostgreSQL each function they call with its body, as the migrations
    /// leave them. `check` compares the register's own with these.
    static func expectedGuards(_ dialect: SQLDialect) -> (triggers: [String: String], functions: [String: String]) {
        var triggers: [String: String] = [:]
        var functions: [String: String] = [:]
        for version in 1...migrations.count {
            for statement in statements(toVersion: version, dialect) {
                let words = statement.split(separator: " ", maxSplits: 6).map(String.init)
                if statement.hasPrefix("CREATE TRIGGER "), words.count > 2 {
                    triggers[words[2]] = statement
                } else if statement.hasPrefix("DROP TRIGGER IF EXISTS "), words.count > 4 {
                    triggers[words[4]] = nil
                } else if statement.hasPrefix("CREATE OR REPLACE FUNCTION "), words.count > 4,
                    let start = statement.range(of: "$$"), let end = statement.range(of: "$$", options: .backwards),
                    start.upperBound <= end.lowerBound
                {
                    let name = String(words[4].prefix { $0 != "(" })
                    functions[name] = String(statement[start.upperBound..<end.lowerBound])
                }
            }
        }
        return (triggers, functions)
    }

    /// The oldest dmf-wizard that may write to a register at `version`: the last one a migration
    /// up to it set; nil before any did (a register older than version 4 says nothing).
    static func oldestWriter(atVersion version: Int) -> SoftwareVersion? {
        var found: SoftwareVersion?
        for step in migrations.prefix(max(0, version)).joined() {
            if case .oldestWriter(let writer) = step { found = writer }
        }
        return found
    }

    /// Reads the oldest writer the register holds.
    static let oldestWriterQuery = SQLStatement(
        sql: "SELECT value FROM \(settings.name) WHERE name = '\(RegisterSettingRow.oldestWriter)'")

    /// Records a setting, or changes it: written out, not bound, since migrations and the roles'
    /// script are plain statements. The same in both stores.
    static func setting(_ name: String, to value: String) -> String {
        func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        return "INSERT INTO \(settings.name) (name, value) VALUES (\(literal(name)), \(literal(value))) "
            + "ON CONFLICT (name) DO UPDATE SET value = excluded.value"
    }

    /// The statements that bring a register from `version - 1` to `version`: the columns added
    /// at `version`, then its steps.
    static func statements(toVersion version: Int, _ dialect: SQLDialect) -> [String] {
        let steps = migrations[version - 1].flatMap { step in
            switch step {
            case .create(let table): [table.create(dialect, atVersion: version)]
            case .sql(let sql): [sql]
            case .perStore(let sqlite, let postgres): dialect == .sqlite ? sqlite : postgres
            case .identify: [dialect.identify]
            case .guards:
                dialect.guards(
                    fixedEntryColumns: entries.columns.filter {
                        !$0.isSummary && $0.since <= version
                            && !(version >= redactionVersion && redactable.contains($0.name))
                    }.map(\.name), redactable: version >= redactionVersion)
            case .oldestWriter(let writer): [setting(RegisterSettingRow.oldestWriter, to: writer.description)]
            }
        }
        let created = Set(
            migrations[version - 1].compactMap { step -> String? in
                if case .create(let table) = step { table.name } else { nil }
            })
        // New columns first, so the version's own steps (an index, the guards) can use them.
        return tables.filter { !created.contains($0.name) }.flatMap { $0.addColumns(dialect, atVersion: version) }
            + steps
    }
}

/// One step of a migration.
enum MigrationStep: Sendable {
    /// Creates a table with the columns it has at that version.
    case create(any SchemaTable)
    /// The same statement in both stores.
    case sql(String)
    /// A step each store does in its own way.
    case perStore(sqlite: [String], postgres: [String])
    /// Sets the guards that keep history append-only, over the columns as they are then.
    case guards
    /// Gives the register its ID (`register_tree`'s one row), made by the database at random.
    case identify

    var isIdentify: Bool {
        if case .identify = self { true } else { false }
    }

    /// Records the oldest dmf-wizard that may write to the register from this version on. A
    /// migration whose registers an older release would write wrongly (a new event kind, a
    /// column every event must fill) sets it to the release that brings the migration.
    case oldestWriter(SoftwareVersion)
}

/// Who may do what with a table on PostgreSQL once `register setup-roles` has set up roles.
/// Every role reads; only the owner changes the tables, and no one removes rows.
enum TableAccess: Sendable {
    /// Desks (and IAOs, who are desks too) add rows, and change only the summary columns.
    case desksAdd
    /// Only IAOs add rows.
    case iaosAdd
    /// Only the owner writes it.
    case readOnly
}

/// One of the register's settings (`register_settings`).
struct RegisterSettingRow: Sendable {
    var name: String
    var value: String

    static let oldestWriter = "oldest_writer"
}

/// What a migration needs of a table, whatever its rows hold.
protocol SchemaTable: Sendable {
    var name: String { get }
    var access: TableAccess { get }
    /// The columns that may change once a row is written: the summary, and what a redaction
    /// removes (its guards allow that once).
    var changingColumns: [String] { get }
    func create(_ dialect: SQLDialect, atVersion version: Int) -> String
    /// `ALTER TABLE … ADD COLUMN` for the columns added at `version`.
    func addColumns(_ dialect: SQLDialect, atVersion version: Int) -> [String]
}

/// A table: its name and its columns, each keeping one field of `Row`.
struct Table<Row: Sendable>: SchemaTable {
    let name: String
    /// What a row is read into: every column read overwrites its field.
    let blank: Row
    let access: TableAccess
    let columns: [Column<Row>]

    init(name: String, blank: Row, access: TableAccess = .desksAdd, columns: [Column<Row>]) {
        self.name = name
        self.blank = blank
        self.access = access
        self.columns = columns
    }

    var changingColumns: [String] {
        columns.filter { $0.isSummary || StoreSchema.redactable.contains($0.name) }.map(\.name)
    }

    func create(_ dialect: SQLDialect, atVersion version: Int) -> String {
        let definitions = columns.filter { $0.since <= version }.map { $0.definition(dialect) }
        return "CREATE TABLE \(name) (\(definitions.joined(separator: ", ")))"
    }

    func addColumns(_ dialect: SQLDialect, atVersion version: Int) -> [String] {
        columns.filter { $0.since == version && version > 1 }.map {
            "ALTER TABLE \(name) ADD COLUMN \($0.definition(dialect))"
        }
    }

    /// `a, b, c`, optionally each as `prefix.a`.
    func names(_ chosen: [Column<Row>]? = nil, prefix: String = "") -> String {
        (chosen ?? columns).map { prefix.isEmpty ? $0.name : "\(prefix).\($0.name)" }.joined(separator: ", ")
    }

    func insert(_ row: Row, _ dialect: SQLDialect) -> SQLStatement {
        let builder = StatementBuilder(dialect)
        let placeholders = columns.map { builder.bind($0.value(row)) }
        return builder.statement(
            "INSERT INTO \(name) (\(names())) VALUES (\(placeholders.joined(separator: ", ")))")
    }

    /// Reads a row from the columns given (all by default); the rest keep `blank`'s values.
    /// - Parameters:
    ///   - what: names the row in a message ("entry DMF-…", "event 12"); worked out only for one.
    func read(_ text: (String) -> String?, columns chosen: [Column<Row>]? = nil, what: @autoclosure () -> String)
        throws(StoreError)
        -> Row
    {
        var row = blank
        for column in chosen ?? columns {
            guard let read = column.read else { continue }
            let value = text(column.name)
            if value == nil && !column.isOptional { throw .badRow("\(what()): its \(column.words) is missing") }
            do throws(ColumnProblem) { try read(&row, value) } catch {
                throw .badRow("\(what()): its \(column.words) '\(error.value)' cannot be read")
            }
        }
        return row
    }
}

/// A value a column holds that cannot be read back into its field.
struct ColumnProblem: Error {
    var value: String
}

/// One column: its name and SQL type, and how it writes and reads one field of `Row`.
struct Column<Row: Sendable>: Sendable {
    enum Kind: Sendable { case text, integer }

    let name: String
    let kind: Kind
    let isOptional: Bool
    /// Shown by lists, so kept in the list index.
    let isListed: Bool
    /// Part of a row's summary, which changes with each event (an entry's status, the tree's
    /// edge); every other column of a row is written once and never changes.
    let isSummary: Bool
    /// The schema version that added it: 1 for the first tables. A column added later must be
    /// optional, since the rows already there have no value for it.
    let since: Int
    /// More of its definition: `PRIMARY KEY`, `REFERENCES …`.
    let extra: String
    let value: @Sendable (Row) -> SQLValue
    /// Nil for a column that is written and never read back, because it is derived.
    let read: (@Sendable (inout Row, String?) throws(ColumnProblem) -> Void)?

    /// The name in a message: `next due kind`.
    var words: String { name.replacingOccurrences(of: "_", with: " ") }

    func definition(_ dialect: SQLDialect) -> String {
        let type = kind == .integer ? dialect.integer : "TEXT"
        return [name, type, isOptional ? "" : "NOT NULL", extra].filter { !$0.isEmpty }.joined(separator: " ")
    }

    private init(
        _ name: String, _ kind: Kind, optional: Bool, listed: Bool, summary: Bool, since: Int, extra: String,
        value: @escaping @Sendable (Row) -> SQLValue,
        read: (@Sendable (inout Row, String?) throws(ColumnProblem) -> Void)?
    ) {
        self.name = name
        self.kind = kind
        self.isOptional = optional
        self.isListed = listed
        self.isSummary = summary
        self.since = since
        self.extra = extra
        self.value = value
        self.read = read
    }

    /// A field kept as text in its own words.
    static func text(
        _ name: String, _ field: WritableKeyPath<Row, String> & Sendable, listed: Bool = false, since: Int = 1,
        extra: String = ""
    ) -> Column {
        Column(
            name, .text, optional: false, listed: listed, summary: false, since: since, extra: extra,
            value: { .text($0[keyPath: field]) }, read: { row, text in row[keyPath: field] = text ?? "" })
    }

    static func optionalText(
        _ name: String, _ field: WritableKeyPath<Row, String?> & Sendable, listed: Bool = false,
        summary: Bool = false, since: Int = 1
    ) -> Column {
        optionalText(
            name, get: { $0[keyPath: field] }, set: { $0[keyPath: field] = $1 }, listed: listed, summary: summary,
            since: since)
    }

    /// The same through the field's own accessors, for a field worked out from others (a
    /// signature's parts): setting through a key path to a computed property copies the whole
    /// row, for every row `check` reads.
    static func optionalText(
        _ name: String, get: @escaping @Sendable (Row) -> String?,
        set: @escaping @Sendable (inout Row, String?) -> Void,
        listed: Bool = false, summary: Bool = false, since: Int = 1
    ) -> Column {
        Column(
            name, .text, optional: true, listed: listed, summary: summary, since: since, extra: "",
            value: { .text(get($0)) }, read: { row, text in set(&row, text) })
    }

    /// One of a fixed set of values, kept as its raw value (`third-party`).
    static func choice<Value: RawRepresentable<String> & Sendable>(
        _ name: String, _ field: WritableKeyPath<Row, Value> & Sendable, listed: Bool = false, summary: Bool = false,
        since: Int = 1
    ) -> Column {
        Column(
            name, .text, optional: false, listed: listed, summary: summary, since: since, extra: "",
            value: { .text($0[keyPath: field].rawValue) },
            read: { row, text throws(ColumnProblem) in
                guard let text, let value = Value(rawValue: text) else { throw ColumnProblem(value: text ?? "") }
                row[keyPath: field] = value
            })
    }

    /// One of a fixed set of values, where one this version does not know (a newer one wrote
    /// it) is kept as its text in `unknown` rather than refused, and written back the same way.
    static func choice<Value: RawRepresentable<String> & Sendable>(
        _ name: String, _ field: WritableKeyPath<Row, Value> & Sendable,
        unknown: WritableKeyPath<Row, String?> & Sendable
    ) -> Column {
        Column(
            name, .text, optional: false, listed: false, summary: false, since: 1, extra: "",
            value: { .text($0[keyPath: unknown] ?? $0[keyPath: field].rawValue) },
            read: { row, text throws(ColumnProblem) in
                guard let text else { throw ColumnProblem(value: "") }
                if let value = Value(rawValue: text) {
                    row[keyPath: field] = value
                    row[keyPath: unknown] = nil
                } else {
                    row[keyPath: unknown] = text
                }
            })
    }

    static func optionalChoice<Value: RawRepresentable<String> & Sendable>(
        _ name: String, _ field: WritableKeyPath<Row, Value?> & Sendable, listed: Bool = false, summary: Bool = false,
        since: Int = 1
    ) -> Column {
        Column(
            name, .text, optional: true, listed: listed, summary: summary, since: since, extra: "",
            value: { .text($0[keyPath: field]?.rawValue) },
            read: { row, text throws(ColumnProblem) in
                guard let text else { return row[keyPath: field] = nil }
                guard let value = Value(rawValue: text) else { throw ColumnProblem(value: text) }
                row[keyPath: field] = value
            })
    }

    /// A list, one escaped value a line (`ListText`).
    static func lines(_ name: String, _ field: WritableKeyPath<Row, [String]> & Sendable, since: Int = 1) -> Column {
        Column(
            name, .text, optional: false, listed: false, summary: false, since: since, extra: "",
            value: { .text(ListText.join($0[keyPath: field])) },
            read: { row, text in row[keyPath: field] = ListText.split(text ?? "") })
    }

    /// Files as lines of `SHA256 SIZE NAME`.
    static func files(_ name: String, _ field: WritableKeyPath<Row, [FileDigest]> & Sendable, since: Int = 1)
        -> Column
    {
        Column(
            name, .text, optional: false, listed: false, summary: false, since: since, extra: "",
            value: { .text(ListText.join($0[keyPath: field].map(\.line))) },
            read: { row, text throws(ColumnProblem) in
                var files: [FileDigest] = []
                for line in ListText.split(text ?? "") {
                    guard let file = FileDigest(line: line) else { throw ColumnProblem(value: line) }
                    files.append(file)
                }
                row[keyPath: field] = files
            })
    }

    static func integer(
        _ name: String, _ field: WritableKeyPath<Row, Int64> & Sendable, since: Int = 1, extra: String = ""
    ) -> Column {
        Column(
            name, .integer, optional: false, listed: false, summary: false, since: since, extra: extra,
            value: { .integer($0[keyPath: field]) },
            read: { row, text throws(ColumnProblem) in
                guard let text, let number = Int64(text) else { throw ColumnProblem(value: text ?? "") }
                row[keyPath: field] = number
            })
    }

    /// Written from the row, never read back: it is worked out again from the other fields.
    static func written(_ name: String, since: Int = 1, _ value: @escaping @Sendable (Row) -> String) -> Column {
        Column(
            name, .text, optional: false, listed: false, summary: false, since: since, extra: "",
            value: { .text(value($0)) }, read: nil)
    }
}

/// An entry's row: the entry as recorded and its summary.
struct EntryRow: Sendable {
    var entry: RegisterEntry
    var status: EntryStatus
    var nextDueDate: String?
    var nextDueKind: DueItem.Kind?

    init(entry: RegisterEntry, summary: EntrySummary) {
        self.entry = entry
        status = summary.status
        nextDueDate = summary.nextDue?.date
        nextDueKind = summary.nextDue?.kind
    }

    var summary: EntrySummary {
        let due = nextDueDate.flatMap { date in
            nextDueKind.map { DueItem(reference: entry.reference, kind: $0, date: date) }
        }
        return EntrySummary(entry: entry, status: status, nextDue: due)
    }

    /// What a row is read into; every column it has overwrites its field.
    static let blank = EntryRow(
        entry: RegisterEntry(
            reference: "", recordedAt: "", requester: "", team: "", route: .sameSystem, sourceSystem: "",
            destinationOrganisation: "", destinationSystem: "", recipientOrganisations: [],
            classification: .notSure, marking: "", verdict: .refer, rulesVersion: "", transferKind: .notSure,
            frequency: nil, deleteBy: nil, fingerprint: "", answers: "", documents: []),
        summary: EntrySummary(
            reference: "", recordedAt: "", requester: "", team: "", route: "", classification: "", marking: "",
            verdict: "", status: .recorded, nextDue: nil))
}

extension RegisterEvent {
    /// The parts of `proof`, one column each: the statement first, then the signature and key.
    var proofStatement: String? {
        get { proof?.statement }
        set { proof = newValue.map { EventProof(statement: $0, signature: "", signerKey: "") } }
    }
    var proofSignature: String? {
        get { proof?.signature }
        set { if let newValue { proof?.signature = newValue } }
    }
    var proofSignerKey: String? {
        get { proof?.signerKey }
        set { if let newValue { proof?.signerKey = newValue } }
    }
}

extension SignatureRequirement {
    /// What a row is read into; every column overwrites its field.
    static let blank = SignatureRequirement(
        afterSequence: 0, afterHash: "", recordedAt: "", by: "", account: "", date: "",
        proof: EventProof(statement: "", signature: "", signerKey: ""), hash: "")
}

/// A row the store cannot read back: the database was edited by hand or damaged.
enum StoreError: PlainError, Sendable {
    case badRow(String)

    var description: String {
        switch self {
        case .badRow(let what): "a row cannot be read (\(what)); run `dmf-wizard register check`"
        }
    }
}
