import DMFRegister
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The register on a PostgreSQL server, for a team: every desk sees the same entries.
///
/// One connection per process. Every call blocks on NIO's own threads (`wait()`), never on
/// Swift's task pool, so it is safe from any thread the wizard or a test uses. Writers take a
/// self-excluding lock on the event log first, so two desks never link events to the same head.
public final class PostgresRegister: RegisterStorage, @unchecked Sendable {
    public let location: String
    private let connection: PostgresConnection
    private let logger = Logger(label: "dmf-register", factory: { _ in SwiftLogNoOpLogHandler() })
    /// One request at a time on the connection; the lock makes `write` and reads from several
    /// threads of one process take turns.
    private let lock = NSRecursiveLock()

    /// Connects and creates or migrates the tables.
    /// - Parameter url: `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
    /// - Parameter connectTimeout: seconds to wait for the server.
    public init(url: String, connectTimeout: Int64 = 10) throws(RegisterError) {
        let address = try PostgresAddress(url)
        location = address.redacted
        do {
            var configuration = try address.configuration()
            configuration.options.connectTimeout = .seconds(connectTimeout)
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                id: 1, logger: logger
            ).wait()
        } catch let error as PSQLError where error.code == .connectionError {
            throw .unavailable(
                location: address.redacted, reason: "no PostgreSQL server answers at \(address.host):\(address.port)")
        } catch {
            throw .unavailable(location: address.redacted, reason: Self.plain(error))
        }
        do {
            try migrate()
        } catch {
            try? connection.close().wait()
            throw .unavailable(location: location, reason: Self.plain(error))
        }
    }

    deinit { try? connection.close().wait() }

    public func close() { try? connection.close().wait() }

    /// Migrations, each applied once under a lock so several desks starting at once agree.
    private func migrate() throws {
        let fixed = StoreSchema.entryColumns.filter { !StoreSchema.summaryColumns.contains($0) }
        let guardHistory = "FOR EACH ROW EXECUTE FUNCTION dmf_register_keeps_history()"
        let migrations: [[String]] = [
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
        for (offset, statements) in migrations.enumerated() {
            let version = offset + 1
            try transaction {
                try run("SELECT pg_advisory_xact_lock(4742)")
                try run("CREATE TABLE IF NOT EXISTS dmf_register_schema (version INTEGER NOT NULL)")
                let reached = try rows("SELECT max(version) AS version FROM dmf_register_schema").first?["version"]
                guard (reached.flatMap { $0 }.flatMap(Int.init) ?? 0) < version else { return }
                for statement in statements { try run(statement) }
                try run("INSERT INTO dmf_register_schema (version) VALUES ($1::integer)", [String(version)])
            }
        }
    }

    /// The statements of a write go in two batches (see `Writer`), so a write waits for the
    /// server twice, not once per statement.
    public func write<T>(_ body: (any RegisterWriter) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let writer = Writer(store: self)
        do {
            let result = try body(writer)
            if writer.isOpen { try run("COMMIT") }
            return result
        } catch {
            if writer.isOpen { try? run("ROLLBACK") }
            throw error
        }
    }

    public func history(_ reference: String) throws -> EntryHistory? {
        lock.lock()
        defer { lock.unlock() }
        guard let row = try rows("SELECT * FROM entries WHERE reference = $1", [reference]).first else { return nil }
        let (entry, _) = try StoreSchema.entry { row[$0] ?? nil }
        let events = try rows("SELECT * FROM events WHERE reference = $1 ORDER BY sequence", [reference]).map {
            try Self.event($0)
        }
        return EntryHistory(entry: entry, events: events)
    }

    public func list(_ query: ListQuery) throws -> [EntrySummary] {
        var conditions: [String] = []
        var binds: [String?] = []
        func add(_ condition: String, _ value: String) {
            binds.append(value)
            conditions.append(condition.replacingOccurrences(of: "$?", with: "$\(binds.count)"))
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
        lock.lock()
        defer { lock.unlock() }
        return try rows(sql, binds).map { row in try StoreSchema.summary { row[$0] ?? nil } }
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
            let page = try locked {
                try rows("SELECT * FROM entries WHERE reference > $1 ORDER BY reference LIMIT 1000", [after])
            }
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
            let page = try locked {
                try rows(
                    "SELECT * FROM events WHERE sequence > $1::bigint ORDER BY sequence LIMIT 5000", [String(after)])
            }
            for row in page {
                try body { try Self.event(row) }
                after = try Self.sequence(row)
            }
            if page.count < 5000 { return }
        }
    }

    // MARK: - Queries

    /// A row as text by column name (integers too), so one mapping serves both stores.
    typealias TextRow = [String: String?]

    private func locked<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func transaction<T>(begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try run(begin)
        do {
            let result = try body()
            try run("COMMIT")
            return result
        } catch {
            try? run("ROLLBACK")
            throw error
        }
    }

    fileprivate func run(_ sql: String, _ binds: [String?] = []) throws { _ = try rows(sql, binds) }

    fileprivate func rows(_ sql: String, _ binds: [String?] = []) throws -> [TextRow] {
        try batch([(sql, binds)])[0]
    }

    /// Queues every statement on the connection before waiting for any, so the next is sent as
    /// soon as the server answers the last; then waits for them all, in order.
    fileprivate func batch(_ statements: [(sql: String, binds: [String?])]) throws -> [[TextRow]] {
        let pending = statements.map { statement in
            var bindings = PostgresBindings(capacity: statement.binds.count)
            for value in statement.binds {
                if let value { bindings.append(value) } else { bindings.appendNull() }
            }
            return connection.query(PostgresQuery(unsafeSQL: statement.sql, binds: bindings), logger: logger)
        }
        return try pending.map { try Self.textRows(try $0.wait()) }
    }

    private static func textRows(_ result: PostgresQueryResult) throws -> [TextRow] {
        try result.rows.map { row in
            var out: TextRow = [:]
            for cell in row {
                if cell.bytes == nil {
                    out[cell.columnName] = .some(nil)
                } else if cell.dataType == .int8 || cell.dataType == .int4 {
                    out[cell.columnName] = String(try cell.decode(Int64.self))
                } else {
                    out[cell.columnName] = try cell.decode(String.self)
                }
            }
            return out
        }
    }

    private static func insertStatement(_ table: String, _ columns: [String], _ values: [String?], sequenceFirst: Bool)
        -> (sql: String, binds: [String?])
    {
        let placeholders = columns.indices.map { index in
            "$\(index + 1)" + (sequenceFirst && index == 0 ? "::bigint" : "")
        }
        return (
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))",
            values
        )
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

    /// One write transaction in two batches: BEGIN, the lock and the three reads; then the
    /// inserts, the summary and COMMIT.
    private final class Writer: RegisterWriter {
        let store: PostgresRegister
        /// Begun and not yet committed or rolled back.
        private(set) var isOpen = false

        init(store: PostgresRegister) { self.store = store }

        func load(_ reference: String) throws -> (history: EntryHistory?, head: ChainHead?) {
            isOpen = true
            let results = try store.batch([
                ("BEGIN", []),
                // Self-excluding, so writers take turns, but readers are not blocked.
                ("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE", []),
                ("SELECT * FROM entries WHERE reference = $1", [reference]),
                ("SELECT * FROM events WHERE reference = $1 ORDER BY sequence", [reference]),
                ("SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1", []),
            ])
            var history: EntryHistory?
            if let row = results[2].first {
                let (entry, _) = try StoreSchema.entry { row[$0] ?? nil }
                history = EntryHistory(entry: entry, events: try results[3].map(PostgresRegister.event))
            }
            var head: ChainHead?
            if let row = results[4].first, let text = row["sequence"] ?? nil, let sequence = Int64(text),
                let hash = row["hash"] ?? nil
            {
                head = ChainHead(sequence: sequence, hash: hash)
            }
            return (history, head)
        }

        func save(newEntry: RegisterEntry?, event: RegisterEvent, summary: EntrySummary) throws {
            var statements: [(sql: String, binds: [String?])] = []
            if let newEntry {
                statements.append(
                    PostgresRegister.insertStatement(
                        "entries", StoreSchema.entryColumns, StoreSchema.entryValues(newEntry, summary),
                        sequenceFirst: false))
            }
            statements.append(
                PostgresRegister.insertStatement(
                    "events", StoreSchema.eventColumns, [String(event.sequence)] + StoreSchema.eventTexts(event),
                    sequenceFirst: true))
            if newEntry == nil {
                let assignments = StoreSchema.summaryColumns.enumerated().map { "\($1) = $\($0 + 1)" }
                statements.append(
                    (
                        "UPDATE entries SET \(assignments.joined(separator: ", ")) WHERE reference = $\(assignments.count + 1)",
                        StoreSchema.summaryValues(summary) + [summary.reference]
                    ))
            }
            // COMMIT ends the transaction even when a statement before it failed (the server then
            // rolls back), so it is closed either way.
            statements.append(("COMMIT", []))
            defer { isOpen = false }
            _ = try store.batch(statements)
        }
    }

    /// The server's own words when it gave any ("password authentication failed for user …"),
    /// else what went wrong on the way (connection refused).
    static func plain(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return String(describing: underlying) }
            return "\(error.code)"
        }
        return String(describing: error)
    }
}
