import CLibPQ
import DMFRegister
import Foundation

/// The register on a PostgreSQL server, for a team: every desk sees the same entries.
///
/// One libpq connection per process (`PostgresConnection`), which never waits without a
/// deadline; a lock makes reads and writes from several threads of one process take turns.
/// Writers take a transaction-level advisory lock first, so two desks never link events to the
/// same head.
public final class PostgresRegister: RegisterStorage, @unchecked Sendable {
    public let location: String
    private let connection: PostgresConnection
    private let lock = NSRecursiveLock()
    /// Inside BEGIN … COMMIT: a lost connection is then an error, never quietly replaced.
    private var inTransaction = false
    /// After `close()` nothing connects again.
    private var isClosed = false

    typealias Statement = PostgresConnection.Statement
    typealias TextRow = PostgresConnection.TextRow

    /// The advisory lock keys: one for migrations, one that writers take in turn.
    static let migrationLock: Int64 = 4742
    static let writerLock: Int64 = 4743

    /// Connects, then creates or migrates the tables if they are behind.
    /// - Parameter connection: a libpq connection string (`postgres://…`, `service=…`).
    /// - Parameter quickly: a short wait for the server, for a glance that must not hold the
    ///   person up.
    public init(connection address: String, quickly: Bool = false) throws(RegisterError) {
        connection = try PostgresConnection(address, quickly: quickly)
        location = connection.location
        do {
            try migrateIfBehind()
        } catch let error as RegisterError {
            throw error
        } catch {
            throw .unavailable(location: location, reason: "its tables could not be set up: \(error)")
        }
    }

    public func close() {
        locked {
            isClosed = true
            connection.close()
        }
    }

    // MARK: - Migrations

    /// Each list of statements brings the tables to the next version.
    static let migrations: [[String]] = {
        let fixed = StoreSchema.entryColumns.filter { !StoreSchema.summaryColumns.contains($0) }
        let guardHistory = "FOR EACH ROW EXECUTE FUNCTION dmf_register_keeps_history()"
        return [
            StoreSchema.tables(integer: "BIGINT") + [
                """
                CREATE FUNCTION dmf_register_keeps_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                RAISE EXCEPTION 'the register keeps its history: rows are never changed or removed'; END $$
                """,
                "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events \(guardHistory)",
                """
                CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events \
                FOR EACH STATEMENT EXECUTE FUNCTION dmf_register_keeps_history()
                """,
                "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries \(guardHistory)",
                "CREATE TRIGGER entries_fixed BEFORE UPDATE OF \(fixed.joined(separator: ", ")) ON entries \(guardHistory)",
            ],
            [StoreSchema.listIndex],
        ]
    }()

    /// Reads the schema version (one query, no lock); only when it is behind takes the
    /// migration lock and migrates, so an ordinary command never waits behind a migration.
    private func migrateIfBehind() throws {
        let latest = Self.migrations.count
        guard try schemaVersion(missingIsZero: true) < latest else { return }
        try transaction {
            try run("SELECT pg_advisory_xact_lock($1)", [.integer(Self.migrationLock)])
            try run("CREATE TABLE IF NOT EXISTS dmf_register_schema (version INTEGER NOT NULL)")
            let reached = try schemaVersion(missingIsZero: false)
            for (offset, statements) in Self.migrations.enumerated() where offset + 1 > reached {
                for statement in statements { try run(statement) }
                try run("INSERT INTO dmf_register_schema (version) VALUES ($1)", [.integer(Int64(offset + 1))])
            }
        }
    }

    /// The version the tables are at; 0 for a database without them.
    private func schemaVersion(missingIsZero: Bool) throws -> Int {
        switch try exchange([Statement(sql: Self.versionQuery)])[0] {
        case .success(let reply): return (reply.rows.first?["version"] ?? nil).flatMap { Int($0) } ?? 0
        // 42P01: the table does not exist yet.
        case .failure(let refusal) where missingIsZero && refusal.code == "42P01": return 0
        case .failure(let refusal): throw failure(refusal)
        }
    }

    static let versionQuery = "SELECT max(version) AS version FROM dmf_register_schema"

    // MARK: - RegisterStorage

    /// One transaction in two round trips (see `Writer`).
    public func write<T>(_ body: (any RegisterWriter) throws -> T) throws -> T {
        try locked {
            let writer = Writer(store: self)
            defer { inTransaction = false }
            do {
                let result = try body(writer)
                if connection.transactionStatus != PQTRANS_IDLE { try commit() }
                return result
            } catch {
                rollBackIfOpen()
                throw error
            }
        }
    }

    public func history(_ reference: String) throws -> EntryHistory? {
        try locked {
            let replies = try replies([
                Statement(sql: "SELECT * FROM entries WHERE reference = $1", values: [.text(reference)]),
                Statement(
                    sql: "SELECT * FROM events WHERE reference = $1 ORDER BY sequence", values: [.text(reference)]),
            ])
            return try Self.history(entry: replies[0].rows, events: replies[1].rows)
        }
    }

    public func list(_ query: ListQuery) throws -> [EntrySummary] {
        var conditions: [String] = []
        var values: [PostgresConnection.Value] = []
        func add(_ condition: String, _ value: String) {
            values.append(.text(value))
            conditions.append(condition.replacingOccurrences(of: "$?", with: "$\(values.count)"))
        }
        if let status = query.status { add("status = $?", status.rawValue) }
        if let route = query.route { add("route = $?", route) }
        if let dueBy = query.dueBy { add("next_due IS NOT NULL AND next_due <= $?", dueBy) }
        if let search = query.search, !search.isEmpty { add("strpos(search, $?) > 0", search.lowercased()) }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT \(StoreSchema.summaryListColumns.joined(separator: ", ")) FROM entries\(filter) \
            ORDER BY recorded_at DESC, reference DESC
            """
        return try rows(sql, values).map { row in try StoreSchema.summary { row[$0] ?? nil } }
    }

    /// One read-only transaction at one snapshot (`REPEATABLE READ`), holding the connection:
    /// the pages the scans read inside it all come from the same moment.
    public func readingOneMoment<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Pages through by key, so a register of any size is read in constant memory.
    public func scanEntries(_ body: (@escaping StoredRow<(RegisterEntry, EntrySummary)>) throws -> Void) throws {
        var after = ""
        while true {
            let page = try rows(
                "SELECT * FROM entries WHERE reference > $1 ORDER BY reference LIMIT 1000", [.text(after)])
            for row in page {
                try body { try StoreSchema.entry { row[$0] ?? nil } }
                after = (row["reference"] ?? nil) ?? after
            }
            if page.count < 1000 { return }
        }
    }

    public func scanEvents(_ body: (@escaping StoredRow<RegisterEvent>) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let page = try rows(
                "SELECT * FROM events WHERE sequence > $1 ORDER BY sequence LIMIT 5000", [.integer(after)])
            for row in page {
                try body { try Self.event(row) }
                after = try Self.sequence(row)
            }
            if page.count < 5000 { return }
        }
    }

    // MARK: - Queries

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Sends the statements in one round trip. Outside a transaction a connection lost earlier
    /// (the server restarted, or fell silent and was given up) is made again first.
    fileprivate func exchange(_ statements: [Statement]) throws -> [Result<
        PostgresConnection.Reply, PostgresConnection.Refusal
    >] {
        try locked {
            if !inTransaction && !isClosed && !connection.isOpen { try connection.reconnect() }
            return try connection.exchange(statements)
        }
    }

    /// Every statement's answer; the first refusal thrown in plain words.
    fileprivate func replies(_ statements: [Statement]) throws -> [PostgresConnection.Reply] {
        try exchange(statements).map { result throws(RegisterError) in try reply(result) }
    }

    private func rows(_ sql: String, _ values: [PostgresConnection.Value] = []) throws -> [TextRow] {
        try replies([Statement(sql: sql, values: values)])[0].rows
    }

    private func run(_ sql: String, _ values: [PostgresConnection.Value] = []) throws { _ = try rows(sql, values) }

    private func transaction<T>(begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
        try locked {
            try run(begin)
            inTransaction = true
            defer { inTransaction = false }
            do {
                let result = try body()
                try commit()
                return result
            } catch {
                rollBackIfOpen()
                throw error
            }
        }
    }

    /// COMMIT, and proof that it committed: a transaction that had failed answers COMMIT with
    /// `ROLLBACK`, and a connection lost meanwhile leaves it unknown.
    private func commit() throws {
        let reply = try replies([Statement(sql: "COMMIT")])[0]
        guard reply.command == "COMMIT", connection.transactionStatus == PQTRANS_IDLE else {
            throw RegisterError.failed(location: location, reason: "the server did not keep the change; try again")
        }
    }

    private func rollBackIfOpen() {
        let status = connection.transactionStatus
        guard status == PQTRANS_INTRANS || status == PQTRANS_INERROR else { return }
        _ = try? connection.exchange([Statement(sql: "ROLLBACK")])
    }

    /// A refusal in plain words: the server's own for most, which hold no SQL; the timeouts and a
    /// clash between desks say what happened and what to do.
    fileprivate func failure(_ refusal: PostgresConnection.Refusal) -> RegisterError {
        let reason =
            switch refusal.code {
            case "55P03": "another desk, or someone at the database, held the register too long; try again"
            case "57014": "the register's server took too long over a request and stopped it; try again"
            case "23505": "another desk recorded at the same moment; try again"
            case "42501": "\(refusal.message); ask whoever runs the register's database for access"
            default: refusal.message
            }
        return .failed(location: location, reason: reason)
    }

    fileprivate func reply(_ result: Result<PostgresConnection.Reply, PostgresConnection.Refusal>) throws(RegisterError)
        -> PostgresConnection.Reply
    {
        switch result {
        case .success(let reply): reply
        case .failure(let refusal): throw failure(refusal)
        }
    }

    fileprivate static func history(entry: [TextRow], events: [TextRow]) throws -> EntryHistory? {
        guard let row = entry.first else { return nil }
        let (entry, _) = try StoreSchema.entry { row[$0] ?? nil }
        return EntryHistory(entry: entry, events: try events.map(Self.event))
    }

    fileprivate static func event(_ row: TextRow) throws -> RegisterEvent {
        try StoreSchema.event(sequence: try sequence(row)) { row[$0] ?? nil }
    }

    private static func sequence(_ row: TextRow) throws(StoreError) -> Int64 {
        guard let text = row["sequence"] ?? nil, let sequence = Int64(text) else {
            throw .badRow("an event has no sequence number")
        }
        return sequence
    }

    private static func insert(_ table: String, _ columns: [String], _ values: [PostgresConnection.Value]) -> Statement
    {
        let placeholders = columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        return Statement(
            sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", values: values)
    }

    /// One write transaction in two round trips: BEGIN, the writers' lock and the three reads;
    /// then the inserts, the summary and COMMIT.
    ///
    /// Writers take turns on a transaction-level advisory lock: it excludes writers only, as a
    /// lock on the events table did, and needs no right to change tables, so it works for a role
    /// that may only insert. It is released by COMMIT or ROLLBACK, or by the server when a
    /// session ends.
    private final class Writer: RegisterWriter {
        let store: PostgresRegister

        init(store: PostgresRegister) { self.store = store }

        func load(_ reference: String) throws -> (history: EntryHistory?, head: ChainHead?) {
            // The connection may be made again before BEGIN, never after.
            let results = try store.exchange([
                Statement(sql: "BEGIN"),
                Statement(sql: "SELECT pg_advisory_xact_lock($1)", values: [.integer(PostgresRegister.writerLock)]),
                Statement(sql: "SELECT * FROM entries WHERE reference = $1", values: [.text(reference)]),
                Statement(
                    sql: "SELECT * FROM events WHERE reference = $1 ORDER BY sequence", values: [.text(reference)]),
                Statement(sql: "SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1"),
            ])
            store.inTransaction = true
            let replies = try results.map { result throws(RegisterError) in try store.reply(result) }
            let history = try PostgresRegister.history(entry: replies[2].rows, events: replies[3].rows)
            var head: ChainHead?
            if let row = replies[4].rows.first, let text = row["sequence"] ?? nil,
                let sequence = Int64(text), let hash = row["hash"] ?? nil
            {
                head = ChainHead(sequence: sequence, hash: hash)
            }
            return (history, head)
        }

        func save(newEntry: RegisterEntry?, event: RegisterEvent, summary: EntrySummary) throws {
            var statements: [Statement] = []
            if let newEntry {
                statements.append(
                    PostgresRegister.insert(
                        "entries", StoreSchema.entryColumns,
                        StoreSchema.entryValues(newEntry, summary).map { .text($0) }))
            }
            statements.append(
                PostgresRegister.insert(
                    "events", StoreSchema.eventColumns,
                    [.integer(event.sequence)] + StoreSchema.eventTexts(event).map { .text($0) }))
            if newEntry == nil {
                let assignments = StoreSchema.summaryColumns.enumerated().map { "\($1) = $\($0 + 1)" }
                statements.append(
                    Statement(
                        sql:
                            "UPDATE entries SET \(assignments.joined(separator: ", ")) WHERE reference = $\(assignments.count + 1)",
                        values: (StoreSchema.summaryValues(summary) + [summary.reference]).map { .text($0) }))
            }
            statements.append(Statement(sql: "COMMIT"))
            let replies: [Result<PostgresConnection.Reply, PostgresConnection.Refusal>]
            do {
                replies = try store.exchange(statements)
            } catch {
                // The COMMIT may or may not have reached the server before the connection went.
                throw RegisterError.failed(
                    location: store.location,
                    reason: "\(Self.reason(error)); the change to \(summary.reference) may or may not have been kept: "
                        + "look with `dmf-wizard register show \(summary.reference)` before trying again")
            }
            // The first refusal is the cause; a COMMIT after it answers ROLLBACK.
            for result in replies { _ = try store.reply(result) }
            guard (try? replies.last?.get())?.command == "COMMIT",
                store.connection.transactionStatus == PQTRANS_IDLE
            else {
                throw RegisterError.failed(
                    location: store.location, reason: "the server did not keep the change; try again")
            }
        }

        private static func reason(_ error: any Error) -> String {
            switch error as? RegisterError {
            case .unavailable(_, let reason), .failed(_, let reason): reason
            default: String(describing: error)
            }
        }
    }
}
