import DMFRegister

/// What differs between SQLite's SQL and PostgreSQL's, in one place: every statement the register
/// runs is written once (`StoreSchema`, `StoreQueries`) and spelled for a store through this.
enum SQLDialect: Sendable {
    case sqlite, postgres

    /// The type of an event's sequence number.
    var integer: String {
        switch self {
        case .sqlite: "INTEGER"
        case .postgres: "BIGINT"
        }
    }

    /// The `number`th parameter (from 1).
    func placeholder(_ number: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgres: "$\(number)"
        }
    }

    /// A condition true when `text` holds `part` (already lower-case, as the search words are).
    func contains(_ text: String, _ part: String) -> String {
        switch self {
        case .sqlite: "instr(\(text), \(part)) > 0"
        case .postgres: "strpos(\(text), \(part)) > 0"
        }
    }

    /// Where a filtered list reads from: SQLite is told to read the narrow list index rather
    /// than walk every entry with its answers in time order to save a sort; PostgreSQL's planner
    /// chooses well without a hint.
    func listSource(_ table: String, index: String) -> String {
        switch self {
        case .sqlite: "\(table) INDEXED BY \(index)"
        case .postgres: table
        }
    }

    /// The statements that make history append-only: events are never changed or removed, and
    /// entries are never removed and change only in `summary` columns. A statement that tries
    /// is refused with the same words in both stores. Dropped first, so a later migration can
    /// set them again over a table with more columns.
    /// - Parameter redactable: whether an entry's answers, requester and search words may change
    ///   once, to the form a redaction leaves (`register redact`), and never otherwise.
    func guards(fixedEntryColumns fixed: [String], redactable: Bool = false) -> [String] {
        let refusal = "the register keeps its history: rows are never changed or removed"
        let fixedList = fixed.joined(separator: ", ")
        // An entry's answers change once, to the removed form, and its requester with them.
        let removedOnce = """
            old.answers LIKE '(removed %' OR new.answers NOT LIKE '(removed %' \
            OR new.requester <> '\(RegisterEntry.removedName)'
            """
        switch self {
        case .sqlite:
            let refuse = "SELECT RAISE(ABORT, '\(refusal)')"
            return [
                "DROP TRIGGER IF EXISTS events_no_update", "DROP TRIGGER IF EXISTS events_no_delete",
                "DROP TRIGGER IF EXISTS entries_no_delete", "DROP TRIGGER IF EXISTS entries_fixed",
                "DROP TRIGGER IF EXISTS entries_removed_once",
                "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN \(refuse); END",
                "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN \(refuse); END",
                "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN \(refuse); END",
                "CREATE TRIGGER entries_fixed BEFORE UPDATE OF \(fixedList) ON entries BEGIN \(refuse); END",
            ]
                + (redactable
                    ? [
                        """
                        CREATE TRIGGER entries_removed_once BEFORE UPDATE OF requester, answers, search ON entries \
                        WHEN \(removedOnce) BEGIN \(refuse); END
                        """
                    ] : [])
        case .postgres:
            let guardRows = "FOR EACH ROW EXECUTE FUNCTION dmf_register_keeps_history()"
            return [
                """
                CREATE OR REPLACE FUNCTION dmf_register_keeps_history() RETURNS trigger LANGUAGE plpgsql AS $$ \
                BEGIN RAISE EXCEPTION '\(refusal)'; END $$
                """,
                "DROP TRIGGER IF EXISTS events_append_only ON events",
                "DROP TRIGGER IF EXISTS events_no_truncate ON events",
                "DROP TRIGGER IF EXISTS entries_no_delete ON entries",
                "DROP TRIGGER IF EXISTS entries_fixed ON entries",
                "DROP TRIGGER IF EXISTS entries_removed_once ON entries",
                "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events \(guardRows)",
                """
                CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events \
                FOR EACH STATEMENT EXECUTE FUNCTION dmf_register_keeps_history()
                """,
                "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries \(guardRows)",
                "CREATE TRIGGER entries_fixed BEFORE UPDATE OF \(fixedList) ON entries \(guardRows)",
            ]
                + (redactable
                    ? [
                        """
                        CREATE TRIGGER entries_removed_once BEFORE UPDATE OF requester, answers, search ON entries \
                        FOR EACH ROW WHEN (\(removedOnce)) EXECUTE FUNCTION dmf_register_keeps_history()
                        """
                    ] : [])
        }
    }

    /// Gives the register its one `register_tree` row, with an ID made at random by the database.
    var identify: String {
        switch self {
        case .sqlite: "INSERT INTO register_tree (register_id) VALUES (lower(hex(randomblob(16))))"
        case .postgres: "INSERT INTO register_tree (register_id) VALUES (replace(gen_random_uuid()::text, '-', ''))"
        }
    }

    /// `register_tree` keeps one row whose ID never changes; only its edge moves on.
    var treeGuards: [String] {
        let refusal = "the register keeps its history: rows are never changed or removed"
        switch self {
        case .sqlite:
            let refuse = "SELECT RAISE(ABORT, '\(refusal)')"
            return [
                "CREATE TRIGGER register_tree_no_delete BEFORE DELETE ON register_tree BEGIN \(refuse); END",
                "CREATE TRIGGER register_tree_id_fixed BEFORE UPDATE OF register_id ON register_tree BEGIN \(refuse); END",
                """
                CREATE TRIGGER register_tree_one_row BEFORE INSERT ON register_tree \
                WHEN (SELECT count(*) FROM register_tree) > 0 BEGIN \(refuse); END
                """,
            ]
        case .postgres:
            let guardRows = "FOR EACH ROW EXECUTE FUNCTION dmf_register_keeps_history()"
            return [
                "CREATE TRIGGER register_tree_no_delete BEFORE DELETE ON register_tree \(guardRows)",
                "CREATE TRIGGER register_tree_id_fixed BEFORE UPDATE OF register_id ON register_tree \(guardRows)",
                "CREATE UNIQUE INDEX register_tree_one_row ON register_tree ((true))",
            ]
        }
    }
}

extension SQLDialect {
    /// Guards that keep every row of `table` as written, with the same words as `guards`.
    func fixedTable(_ table: String) -> [String] {
        let refusal = "the register keeps its history: rows are never changed or removed"
        switch self {
        case .sqlite:
            return [
                "CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table) BEGIN SELECT RAISE(ABORT, '\(refusal)'); END",
                "CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table) BEGIN SELECT RAISE(ABORT, '\(refusal)'); END",
            ]
        case .postgres:
            return [
                """
                CREATE TRIGGER \(table)_fixed BEFORE UPDATE OR DELETE ON \(table) \
                FOR EACH ROW EXECUTE FUNCTION dmf_register_keeps_history()
                """
            ]
        }
    }

    /// PostgreSQL checks every event and requirement as it is written: its account must be the
    /// database login writing it (`session_user`), so a desk cannot record in another's name,
    /// and its time must be within five minutes of the server's clock, so no desk can date an
    /// event as it likes. The account is part of the hashed event, so the desk states it and
    /// the server checks it rather than filling it in.
    static let writtenHonestly: [String] =
        [
            """
            CREATE OR REPLACE FUNCTION dmf_register_written_honestly() RETURNS trigger LANGUAGE plpgsql AS $$ \
            BEGIN \
            IF NEW.account IS DISTINCT FROM session_user THEN \
            RAISE EXCEPTION 'the register records who writes: this connection is the database login %, but the \
            event names the account %; each person signs in to the database as their own account', \
            session_user, coalesce(NEW.account, '(none)'); \
            END IF; \
            IF abs(extract(epoch FROM (NEW.recorded_at::timestamptz - now()))) > \(maximumClockDifference) THEN \
            RAISE EXCEPTION 'the register records when: the event says %, but the server''s clock says %; set this \
            computer''s clock right', NEW.recorded_at, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'); \
            END IF; \
            RETURN NEW; \
            END $$
            """,
            """
            CREATE TRIGGER events_written_honestly BEFORE INSERT ON events \
            FOR EACH ROW EXECUTE FUNCTION dmf_register_written_honestly()
            """,
        ] + writtenHonestly(on: ["register_requirements"])

    /// The same check of account and time on more tables (each has `account` and `recorded_at`).
    static func writtenHonestly(on tables: [String]) -> [String] {
        tables.map {
            """
            CREATE TRIGGER \($0)_written_honestly BEFORE INSERT ON \($0) \
            FOR EACH ROW EXECUTE FUNCTION dmf_register_written_honestly()
            """
        }
    }

    /// How far, in seconds, an event's time may be from the server's clock.
    static let maximumClockDifference = 300
}

/// A value bound to a statement's parameter.
enum SQLValue: Sendable, Equatable {
    case text(String?)
    /// Sent as an integer (`bigint` on PostgreSQL), not as text cast in the SQL.
    case integer(Int64)
}

/// One statement with its parameters, spelled for one dialect.
struct SQLStatement: Sendable {
    var sql: String
    var values: [SQLValue] = []
}

/// Builds a statement, numbering its parameters as the dialect wants. A class, so that
/// `builder.statement("… \(builder.bind(x))")` sees the parameter bound while its text was made.
final class StatementBuilder {
    let dialect: SQLDialect
    private(set) var values: [SQLValue] = []

    init(_ dialect: SQLDialect) { self.dialect = dialect }

    /// Adds a parameter; returns its placeholder to write into the SQL.
    func bind(_ value: SQLValue) -> String {
        values.append(value)
        return dialect.placeholder(values.count)
    }

    func bind(_ text: String?) -> String { bind(.text(text)) }

    func statement(_ sql: String) -> SQLStatement { SQLStatement(sql: sql, values: values) }
}

/// A row as both stores give it: every value as text (integers in decimal), NULL as nil, found
/// by column name. The names are shared by every row of one result.
struct TextRow: Sendable {
    let names: ColumnNames
    let values: [String?]

    subscript(_ column: String) -> String? { names.position(of: column).flatMap { values[$0] } }

    /// The values by name, for reading many in the order the row holds them (a table's columns,
    /// as its SELECT lists them): each name is first compared with the one after the last found,
    /// which costs less than looking it up. `check` reads every column of every row so.
    func inOrder() -> (String) -> String? {
        var next = 0
        return { [names, values] name in
            let position = names.name(at: next) == name ? next : names.position(of: name)
            guard let position else { return nil }
            next = position + 1
            return values[position]
        }
    }
}

/// Column positions by name, made once per result.
final class ColumnNames: Sendable {
    private let names: [String]
    private let positions: [String: Int]

    init(_ names: [String]) {
        self.names = names
        positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func position(of name: String) -> Int? { positions[name] }

    /// The name at `position`; nil past the last.
    func name(at position: Int) -> String? { position < names.count ? names[position] : nil }
}
