import DMFRegister
import Foundation
import GRDB

/// The register in one SQLite file: nothing to set up, safe with several processes at once.
///
/// WAL lets lists read while another process writes; every write takes SQLite's write lock at
/// its start (`BEGIN IMMEDIATE`), so two processes never link events to the same chain head.
public final class SQLiteRegister: RegisterStorage {
    public let location: String
    private let queue: DatabaseQueue

    /// Opens the register file, creating it (mode 0600, in a 0700 folder) and its tables when new.
    public init(path: String, busyTimeout: TimeInterval = 15) throws(RegisterError) {
        location = path
        do {
            try Self.createPrivately(path)
            var configuration = Configuration()
            configuration.busyMode = .timeout(busyTimeout)
            configuration.label = "dmf-register"
            configuration.prepareDatabase { db in
                // WAL is set here rather than with GRDB's `journalMode = .wal`, which also writes
                // a throwaway table whenever the WAL file is empty, as it is after every process
                // closes the register: a second commit, with its syncs, on every recording. The
                // mode is kept in the file, so after the first time this only reads it.
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw RegisterError.unavailable(location: path, reason: "its journal cannot be kept beside it")
                }
                // Full durability on commit: an entry said to be recorded survives a power cut.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try db.execute(sql: "PRAGMA foreign_keys = ON")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch let error as RegisterError {
            throw error
        } catch {
            throw .unavailable(location: path, reason: Self.plain(error))
        }
    }

    /// The migrations, each applied once and recorded in the file.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            for statement in StoreSchema.tables(integer: "INTEGER") { try db.execute(sql: statement) }
            let refuse = "SELECT RAISE(ABORT, 'the register keeps its history: rows are never changed or removed')"
            let fixed = StoreSchema.entryColumns.filter { !StoreSchema.summaryColumns.contains($0) }
            try db.execute(sql: "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN \(refuse); END")
            try db.execute(sql: "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN \(refuse); END")
            try db.execute(sql: "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN \(refuse); END")
            try db.execute(
                sql: """
                    CREATE TRIGGER entries_fixed BEFORE UPDATE OF \(fixed.joined(separator: ", ")) ON entries \
                    BEGIN \(refuse); END
                    """)
        }
        // A list searches every entry's words; this index holds them with the columns a list
        // shows, so a search reads it (a few MB) instead of every entry with its answers.
        migrator.registerMigration("v2") { db in try db.execute(sql: StoreSchema.listIndex) }
        return migrator
    }

    public func write<T>(_ body: (any RegisterWriter) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(Writer(db: db))
                return .commit
            }
            return result!
        }
    }

    public func history(_ reference: String) throws -> EntryHistory? {
        try queue.read { db in try Self.history(db, reference) }
    }

    public func list(_ query: ListQuery) throws -> [EntrySummary] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let status = query.status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        if let route = query.route {
            conditions.append("route = ?")
            arguments.append(route)
        }
        if let dueBy = query.dueBy {
            conditions.append("next_due IS NOT NULL AND next_due <= ?")
            arguments.append(dueBy)
        }
        if let search = query.search, !search.isEmpty {
            conditions.append("instr(search, ?) > 0")
            arguments.append(search.lowercased())
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        // A search reads the narrow list index, not every entry with its answers; SQLite would
        // otherwise walk the entries in time order to save a sort.
        let source = query.search.map { $0.isEmpty ? "entries" : "entries INDEXED BY entries_for_lists" } ?? "entries"
        let sql = """
            SELECT \(StoreSchema.summaryListColumns.joined(separator: ", ")) FROM \(source)\(filter) \
            ORDER BY recorded_at DESC, reference DESC
            """
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                try StoreSchema.summary { row[$0] }
            }
        }
    }

    public func scanEntries(_ body: (@escaping StoredRow<(RegisterEntry, EntrySummary)>) throws -> Void) throws {
        try scan("SELECT * FROM entries ORDER BY reference") { text in try body { try StoreSchema.entry(text) } }
    }

    public func scanEvents(_ body: (@escaping StoredRow<RegisterEvent>) throws -> Void) throws {
        try scan("SELECT * FROM events ORDER BY sequence") { text in
            try body {
                guard let sequence = text("sequence").flatMap({ Int64($0) }) else {
                    throw StoreError.badRow("an event has no sequence number")
                }
                return try StoreSchema.event(sequence: sequence, text)
            }
        }
    }

    /// One read transaction; the scans inside it join it (`unsafeReentrantRead` runs in the
    /// transaction already open on this connection), so they read one WAL snapshot.
    public func readingOneMoment<T>(_ body: () throws -> T) throws -> T {
        try queue.read { _ in try body() }
    }

    /// Reads every row of `sql` as text by column name. Each row's values are copied out (a
    /// cursor reuses its row), so they can be decoded later, on another thread.
    private func scan(_ sql: String, _ body: (@escaping @Sendable (String) -> String?) throws -> Void) throws {
        try queue.unsafeReentrantRead { db in
            let statement = try db.makeStatement(sql: sql)
            let positions = Dictionary(uniqueKeysWithValues: statement.columnNames.enumerated().map { ($1, $0) })
            let rows = try Row.fetchCursor(statement)
            while let row = try rows.next() {
                let values = (0..<row.count).map { Self.text(row[$0] as DatabaseValue) }
                try body { column in positions[column].flatMap { values[$0] } }
            }
        }
    }

    /// A value as text, as PostgreSQL gives it: integers in decimal, NULL as nil.
    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .string(let text): text
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    public func close() { try? queue.close() }

    static func history(_ db: Database, _ reference: String) throws -> EntryHistory? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM entries WHERE reference = ?", arguments: [reference])
        else { return nil }
        let (entry, _) = try StoreSchema.entry { row[$0] }
        let events = try Row.fetchAll(
            db, sql: "SELECT * FROM events WHERE reference = ? ORDER BY sequence", arguments: [reference]
        ).map { row in try StoreSchema.event(sequence: row["sequence"]) { row[$0] } }
        return EntryHistory(entry: entry, events: events)
    }

    private struct Writer: RegisterWriter {
        let db: Database

        func load(_ reference: String) throws -> (history: EntryHistory?, head: ChainHead?) {
            let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1").map
            {
                ChainHead(sequence: $0["sequence"], hash: $0["hash"])
            }
            return (try SQLiteRegister.history(db, reference), head)
        }

        func save(newEntry: RegisterEntry?, event: RegisterEvent, summary: EntrySummary) throws {
            if let newEntry {
                let columns = StoreSchema.entryColumns
                try db.execute(
                    sql: "INSERT INTO entries (\(columns.joined(separator: ", "))) VALUES (\(marks(columns.count)))",
                    arguments: StatementArguments(StoreSchema.entryValues(newEntry, summary)))
            }
            let columns = StoreSchema.eventColumns
            let values: [(any DatabaseValueConvertible)?] = [event.sequence] + StoreSchema.eventTexts(event)
            try db.execute(
                sql: "INSERT INTO events (\(columns.joined(separator: ", "))) VALUES (\(marks(columns.count)))",
                arguments: StatementArguments(values))
            if newEntry == nil {
                let assignments = StoreSchema.summaryColumns.map { "\($0) = ?" }.joined(separator: ", ")
                try db.execute(
                    sql: "UPDATE entries SET \(assignments) WHERE reference = ?",
                    arguments: StatementArguments(StoreSchema.summaryValues(summary) + [summary.reference]))
            }
        }

        private func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
    }

    /// Creates the folder (0700) and an empty file (0600) before SQLite does, so the register and
    /// the WAL files SQLite makes beside it (which copy the file's mode) are the owner's alone.
    private static func createPrivately(_ path: String) throws(RegisterError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .unavailable(location: path, reason: "its folder cannot be created (\(plain(error)))")
            }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if descriptor >= 0 {
            _ = Foundation.close(descriptor)
        } else if errno != EACCES && errno != EROFS {
            // A read-only file or folder is reported by SQLite below, in its own words.
            throw .unavailable(location: path, reason: String(cString: strerror(errno)))
        }
    }

    /// SQLite's message without GRDB's decoration ("SQLite error 26: file is not a database").
    static func plain(_ error: any Error) -> String {
        if let database = error as? DatabaseError { return database.message ?? "\(database.resultCode)" }
        return String(describing: error)
    }
}
