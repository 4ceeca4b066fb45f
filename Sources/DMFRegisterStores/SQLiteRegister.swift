import DMFRegister
import Foundation
import GRDB
import GRDBSQLite
import ProcessSupport

/// The register in one SQLite file: nothing to set up, safe with several processes at once.
///
/// WAL lets lists read while another process writes; every write takes SQLite's write lock at
/// its start (`BEGIN IMMEDIATE`), so two processes never link events to the same chain head.
/// A new register is made whole under another name and then linked into place, so no one ever
/// opens it half made; an existing empty file is never taken for a register. Once a corruption
/// is met, a mark beside the file (`PATH.damaged`) stops every process writing to it until
/// `register check` finds it sound again.
public final class SQLiteRegister: RegisterStorage {
    public let location: String
    private let queue: DatabaseQueue
    private let queries = StoreQueries.sqlite
    /// How long a write waits for another process's, before saying so.
    private let busyTimeout: TimeInterval
    /// The release this program is: it writes only where the register allows it.
    public let software: SoftwareVersion
    /// The tables' version, as found, or as this program left them. Opening reads only which
    /// migrations ran (the file's first pages); the oldest writer is read by each write, and by
    /// `oldestWriter()`.
    public let status: SchemaStatus

    /// Opens the register file, making it (mode 0600, in a 0700 folder) with its tables when new,
    /// and migrating them when they are behind: the file is one person's, who owns its tables.
    /// - Parameter software: the release this program is.
    public init(path: String, busyTimeout: TimeInterval = 15, software: SoftwareVersion = .newestKnownWriter)
        throws(RegisterError)
    {
        location = path
        self.busyTimeout = busyTimeout
        self.software = software
        (queue, status) = try Self.translated(path, busyTimeout) { () throws -> (DatabaseQueue, SchemaStatus) in
            try Self.makeUnlessThere(path, busyTimeout)
            let (queue, migratedFrom) = try Self.opened(path, busyTimeout)
            do {
                return (queue, try Self.status(queue, migratedFrom: migratedFrom))
            } catch {
                try? queue.close()
                throw error
            }
        }
    }

    public func close() { try? queue.close() }

    // MARK: - Opening

    private static func configuration(_ path: String, busyTimeout: TimeInterval) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "dmf-register"
        configuration.prepareDatabase { db in
            // WAL is set here rather than with GRDB's `journalMode = .wal`, which also writes
            // a throwaway table whenever the WAL file is empty, as it is after every process
            // closes the register: a second commit, with its syncs, on every recording. The
            // mode is kept in the file, so after the first time this only reads it.
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw RegisterError.unavailable(
                    location: path,
                    reason: "SQLite cannot keep its journal beside it; put the register in a folder on a local disk")
            }
            // Full durability on commit: an entry said to be recorded survives a power cut.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        return configuration
    }

    /// Opens the file and brings its tables up to date; with the version they were at when this
    /// migrated them. The first users of a register, or of a new version, may all try at once: a
    /// moment's "busy" while another sets up is tried again.
    private static func opened(_ path: String, _ busyTimeout: TimeInterval) throws -> (DatabaseQueue, Int?) {
        var attempt = 0
        while true {
            attempt += 1
            do {
                try refuseNonRegister(path)
                let queue = try DatabaseQueue(path: path, configuration: configuration(path, busyTimeout: busyTimeout))
                do {
                    return (queue, try migrate(queue))
                } catch {
                    try? queue.close()
                    throw error
                }
            } catch let error as DatabaseError
                where attempt < 5 && [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode.primaryResultCode)
            {
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    /// An empty file, or something other than a file, is not a register: dmf-wizard never leaves
    /// a register empty (it makes one whole before it appears under its name), so an empty file
    /// is a register lost or truncated, or a file made by something else.
    private static func refuseNonRegister(_ path: String) throws(RegisterError) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard stat(path, &status) == 0 else {
            throw .unavailable(
                location: path, reason: "it is a link to a file that is not there; name the register's file")
        }
        if (status.st_mode & S_IFMT) != S_IFREG {
            throw .unavailable(
                location: path, reason: "it is not a file; name the register's file with --register or DMF_REGISTER_URL"
            )
        }
        if status.st_size == 0 {
            throw .unavailable(
                location: path,
                reason: """
                    the file is empty, so it is not a register (dmf-wizard never leaves one empty). If the \
                    register was lost, put back the last good copy from a backup; to start a new register \
                    here, remove the empty file
                    """)
        }
    }

    /// Makes a new register when there is none at `path`: created (`O_EXCL`, mode 0600) under a
    /// temporary name beside it, given its tables, closed, and only then linked to `path`, so
    /// anyone who opens `path` finds a whole register. When several processes do this at once,
    /// the first link wins and the others use that register.
    private static func makeUnlessThere(_ path: String, _ busyTimeout: TimeInterval) throws {
        var status = stat()
        if lstat(path, &status) == 0 { return }
        let folder = (path as NSString).deletingLastPathComponent
        try makeFolder(folder.isEmpty ? "." : folder, for: path)
        let name = (path as NSString).lastPathComponent
        removeAbandonedRegisters(in: folder)
        let temporary = (folder.isEmpty ? "" : folder + "/") + TemporaryFiles.name(for: name, suffix: "new")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw RegisterError.unavailable(
                location: path,
                reason: "a new register cannot be made in \(folder.isEmpty ? "this folder" : folder) "
                    + "(\(String(cString: strerror(errno)))); name another with --register")
        }
        _ = Foundation.close(descriptor)
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) } }
        let made = try DatabaseQueue(path: temporary, configuration: configuration(path, busyTimeout: busyTimeout))
        try migrate(made)
        try made.close()
        guard link(temporary, path) == 0 || errno == EEXIST else {
            // A file system without hard links: the tiny gap between looking and renaming is
            // the price, and only there.
            guard errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == ENOSYS,
                lstat(path, &status) != 0, rename(temporary, path) == 0
            else {
                throw RegisterError.unavailable(
                    location: path, reason: "a new register cannot be made there (\(String(cString: strerror(errno))))")
            }
            return
        }
    }

    /// Removes what a process killed while making a register left in `folder`: the register
    /// under its temporary name (`.NAME.PID.RANDOM.new`) and SQLite's files beside it. Only when
    /// that process no longer runs here and the files are a minute old: making one takes
    /// milliseconds, and a process on another computer sharing the folder cannot be seen.
    static func removeAbandonedRegisters(in folder: String) {
        TemporaryFiles.removeAbandoned(
            in: folder.isEmpty ? "." : folder, suffix: "new", companions: ["-wal", "-shm", "-journal"], olderThan: 60)
    }

    /// Makes the folder and any missing above it, each 0700: the register is the owner's alone.
    private static func makeFolder(_ folder: String, for path: String) throws(RegisterError) {
        var status = stat()
        if stat(folder, &status) == 0 { return }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != folder { try makeFolder(parent, for: path) }
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw .unavailable(
                location: path,
                reason: "its folder \(folder) cannot be made (\(String(cString: strerror(errno)))); "
                    + "name a register in a folder you can write with --register")
        }
    }

    /// The migrations not yet applied (`StoreSchema.migrations`). Which ones ran is kept in the
    /// table GRDB's migrator used (`grdb_migrations`, `v1`, `v2`, …), so registers made before
    /// and binaries older than this agree on it. Read first without a lock; only a register
    /// behind takes the write lock, reads again and migrates, all in one transaction, so two
    /// processes never both create the same table. Returns the version the tables were at when
    /// this migrated them (nil when nothing was to do).
    @discardableResult
    private static func migrate(_ queue: DatabaseQueue) throws -> Int? {
        let wanted = Set((1...StoreSchema.migrations.count).map { "v\($0)" })
        guard try !queue.read({ try applied($0) }).isSuperset(of: wanted) else { return nil }
        return try queue.writeWithoutTransaction { db in
            var from: Int?
            try db.inTransaction(.immediate) {
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                let done = try applied(db)
                for version in 1...StoreSchema.migrations.count where !done.contains("v\(version)") {
                    from = from ?? Self.version(of: done)
                    for statement in StoreSchema.statements(toVersion: version, .sqlite) {
                        try db.execute(sql: statement)
                    }
                    try db.execute(
                        sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: ["v\(version)"])
                }
                return .commit
            }
            return from
        }
    }

    /// The newest version among the migrations recorded (`v3` is 3).
    private static func version(of applied: Set<String>) -> Int {
        applied.compactMap { $0.first == "v" ? Int($0.dropFirst()) : nil }.max() ?? 0
    }

    private static func status(_ queue: DatabaseQueue, migratedFrom: Int?) throws -> SchemaStatus {
        try queue.read { db in SchemaStatus(version: version(of: try applied(db)), migratedFrom: migratedFrom) }
    }

    /// The oldest dmf-wizard that may write to the register, as it records it.
    public func oldestWriter() throws -> String? {
        try translated {
            try queue.read { db in
                try db.tableExists(StoreSchema.settings.name)
                    ? String.fetchOne(db, sql: StoreSchema.oldestWriterQuery.sql) : nil
            }
        }
    }

    private static func applied(_ db: Database) throws -> Set<String> {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
    }

    // MARK: - RegisterStorage

    public func write<T>(_ body: (any RegisterWriter) throws -> T) throws -> T {
        if let found = damageFound() { throw RegisterError.damaged(location: location, found: found) }
        return try translated {
            try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    try SchemaStatus.checkWriter(
                        try String.fetchOne(db, sql: StoreSchema.oldestWriterQuery.sql), software: software,
                        location: location)
                    result = try body(Writer(db: db, queries: queries))
                    return .commit
                }
                guard let result else { throw RegisterError.failed(location: location, reason: "nothing was written") }
                return result
            }
        }
    }

    public func history(_ reference: String) throws -> EntryHistory? {
        try translated {
            try queue.read { db in
                try queries.history(
                    entry: try Self.rows(db, queries.entry(reference)),
                    events: try Self.rows(db, queries.events(of: reference)))
            }
        }
    }

    public func list(_ query: ListQuery) throws -> EntryList {
        try translated {
            try queue.read { db in
                try queries.page(try Self.rows(db, queries.list(query)), query) {
                    queries.total(try Self.rows(db, queries.count))
                }
            }
        }
    }

    public func due(by day: String) throws -> [EntryHistory] {
        try translated { try queue.read { db in try queries.dueHistories(try Self.rows(db, queries.due(by: day))) } }
    }

    public func requirement() throws -> SignatureRequirement? {
        // Reentrant: `check` asks inside the read transaction of `readingOneMoment`.
        try translated {
            try queue.unsafeReentrantRead { db in try queries.requirement(try Self.rows(db, queries.requirement)) }
        }
    }

    public func fingerprints(of references: [String]) throws -> [String: String] {
        guard !references.isEmpty else { return [:] }
        return try translated {
            try queue.read { db in queries.fingerprints(try Self.rows(db, queries.fingerprints(of: references))) }
        }
    }

    /// SQLite's `quick_check`, which reads every page. Sound: a mark left by damage found
    /// earlier is taken away. Damaged: marked, so no process writes to it.
    public func checkStorage() throws -> StorageCheck {
        try status.checkable(location: location)
        let found: String
        do {
            let lines = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            found =
                lines == ["ok"]
                ? "" : "SQLite's own check of the file found \(lines.count) problem\(lines.count == 1 ? "" : "s") in it"
        } catch let error as DatabaseError where Self.isDamage(error) {
            found = "SQLite could not read all of the file"
        } catch {
            throw Self.plain(error, location, busyTimeout)
        }
        guard found.isEmpty else {
            markDamaged(found)
            return StorageCheck(damage: [found])
        }
        let wasMarked = damageFound() != nil
        if wasMarked { unlink(damageMark) }
        Self.removeAbandonedRegisters(in: (location as NSString).deletingLastPathComponent)
        return StorageCheck(recovered: wasMarked)
    }

    public func scanEntries(_ body: (@escaping StoredRow<StoredEntry>) throws -> Void) throws {
        let queries = queries
        try scan(queries.entries(after: nil, limit: nil)) { row in try body { try queries.storedEntry(row) } }
    }

    // MARK: - The tree, checkpoints, retention

    /// Reentrant like the scans: `check` asks inside its one read transaction.
    private func reading<T>(_ body: (Database) throws -> T) throws -> T {
        try translated { try queue.unsafeReentrantRead(body) }
    }

    public func treeState() throws -> TreeState {
        try reading { db in
            try queries.tree(
                try Self.rows(db, queries.treeRow), head: try queries.head(try Self.rows(db, queries.head)))
        }
    }

    public func eventHashes(_ sequences: ClosedRange<Int64>) throws -> [String] {
        try reading { db in queries.hashes(try Self.rows(db, queries.eventHashes(sequences))) }
    }

    public func keptSubtrees() throws -> [KeptSubtree] {
        try reading { db in try queries.keptSubtrees(try Self.rows(db, queries.keptSubtrees)) }
    }

    public func checkpoints() throws -> [KeptCheckpoint] {
        try reading { db in try queries.checkpoints(try Self.rows(db, queries.checkpoints)) }
    }

    public func save(checkpoint: KeptCheckpoint) throws {
        try write { writer in try (writer as? Writer)?.run([queries.insert(checkpoint)]) }
    }

    public func retentions() throws -> [RetentionSetting] {
        try reading { db in try queries.retentions(try Self.rows(db, queries.retentions)) }
    }

    public func awaitingRemoval() throws -> [(reference: String, deletedOn: String)] {
        try reading { db in queries.awaitingRemoval(try Self.rows(db, queries.awaitingRemoval)) }
    }

    public func guardProblems() throws -> [String] {
        try reading { db in queries.guardProblems(try Self.rows(db, queries.triggers)) }
    }

    public func scanEvents(_ body: (@escaping StoredRow<RegisterEvent>) throws -> Void) throws {
        let queries = queries
        try scan(queries.events(after: nil, limit: nil)) { row in try body { try queries.event(row) } }
    }

    /// One read transaction; the scans inside it join it (`unsafeReentrantRead` runs in the
    /// transaction already open on this connection), so they read one WAL snapshot.
    public func readingOneMoment<T>(_ body: () throws -> T) throws -> T {
        try translated { try queue.read { _ in try body() } }
    }

    /// Reads every row of `statement`, copying each one's values out (a cursor reuses its row),
    /// so they can be decoded later, on another thread.
    private func scan(_ statement: SQLStatement, _ body: (TextRow) throws -> Void) throws {
        try translated {
            try queue.unsafeReentrantRead { db in
                let prepared = try db.makeStatement(sql: statement.sql)
                let names = ColumnNames(prepared.columnNames)
                let rows = try Row.fetchCursor(prepared, arguments: Self.arguments(statement.values))
                while try rows.next() != nil {
                    try body(TextRow(names: names, values: Self.texts(prepared)))
                }
            }
        }
    }

    // MARK: - Rows

    static func rows(_ db: Database, _ statement: SQLStatement) throws -> [TextRow] {
        let prepared = try db.makeStatement(sql: statement.sql)
        let names = ColumnNames(prepared.columnNames)
        let rows = try Row.fetchCursor(prepared, arguments: arguments(statement.values))
        var read: [TextRow] = []
        while try rows.next() != nil { read.append(TextRow(names: names, values: texts(prepared))) }
        return read
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .text(let text): text
                case .integer(let number): number
                }
            })
    }

    /// The values of the row `statement` is on, as text, as PostgreSQL gives them: integers in
    /// decimal, NULL as nil. Read from SQLite directly: going through GRDB's `DatabaseValue`, a
    /// generic path, cost more per value than SQLite took to find the row.
    private static func texts(_ statement: Statement) -> [String?] {
        let handle = statement.sqliteStatement
        return (0..<sqlite3_column_count(handle)).map { column -> String? in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL: return nil
            case SQLITE_INTEGER: return String(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT: return String(sqlite3_column_double(handle, column))
            default:
                // Text, or a blob read as the UTF-8 it should hold. The pointer is asked for before
                // the length, as SQLite's documentation says to.
                guard let start = sqlite3_column_blob(handle, column) else { return "" }
                let count = Int(sqlite3_column_bytes(handle, column))
                return String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
            }
        }
    }

    private struct Writer: RegisterWriter {
        let db: Database
        let queries: StoreQueries

        func load(_ reference: String) throws -> (
            history: EntryHistory?, head: ChainHead?, requirement: SignatureRequirement?, treeEdge: String?
        ) {
            let head = try queries.head(try SQLiteRegister.rows(db, queries.head))
            let history = try queries.history(
                entry: try SQLiteRegister.rows(db, queries.entry(reference)),
                events: try SQLiteRegister.rows(db, queries.events(of: reference)))
            let tree = try queries.tree(try SQLiteRegister.rows(db, queries.treeRow), head: head)
            return (
                history, head, try queries.requirement(try SQLiteRegister.rows(db, queries.requirement)), tree.edge
            )
        }

        func eventHashes(_ sequences: ClosedRange<Int64>) throws -> [String] {
            queries.hashes(try SQLiteRegister.rows(db, queries.eventHashes(sequences)))
        }

        func run(_ statements: [SQLStatement]) throws {
            for statement in statements {
                try db.execute(sql: statement.sql, arguments: SQLiteRegister.arguments(statement.values))
            }
        }

        func save(requirement: SignatureRequirement) throws { try run([queries.insert(requirement)]) }

        func save(retention: RetentionSetting) throws { try run([queries.insert(retention)]) }

        func save(tree: TreeGrowth) throws { try run(queries.save(tree: tree)) }

        func save(_ write: EventWrite) throws { try run(queries.save(write)) }
    }

    // MARK: - Damage and messages

    /// Beside the register: present while the register is known to be damaged.
    private var damageMark: String { location + ".damaged" }

    /// What was found, when the register is marked damaged.
    private func damageFound() -> String? {
        guard let text = try? String(contentsOfFile: damageMark, encoding: .utf8) else { return nil }
        let found = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return found.isEmpty ? "found earlier" : found
    }

    private func markDamaged(_ found: String) { Self.markDamaged(location, found) }

    /// Marks the register damaged for every process. If the mark cannot be written, this
    /// process's message still says so.
    private static func markDamaged(_ path: String, _ found: String) {
        let descriptor = open(path + ".damaged", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { return }
        defer { _ = Foundation.close(descriptor) }
        let line = Array((found + "\n").utf8)
        _ = line.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Runs `body`, turning SQLite's errors into plain words; damage met on the way marks it.
    private func translated<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where Self.isDamage(error) {
            let found = "SQLite found it damaged while reading or writing it"
            markDamaged(found)
            throw RegisterError.damaged(location: location, found: found)
        } catch let error as DatabaseError {
            throw Self.plain(error, location, busyTimeout)
        }
    }

    private static func translated<T>(
        _ path: String, _ busyTimeout: TimeInterval, _ body: () throws -> T
    ) throws(RegisterError) -> T {
        do {
            return try body()
        } catch {
            let plain = plain(error, path, busyTimeout)
            if case .damaged(_, let found) = plain { markDamaged(path, found) }
            throw plain
        }
    }

    static func isDamage(_ error: DatabaseError) -> Bool { error.resultCode.primaryResultCode == .SQLITE_CORRUPT }

    /// Every failure as one `RegisterError` in plain words: what is wrong and what to do, never
    /// SQL, result-code names or a Swift error dump.
    static func plain(_ error: any Error, _ path: String, _ busyTimeout: TimeInterval) -> RegisterError {
        if let error = error as? RegisterError { return error }
        if let error = error as? any PlainError { return .failed(location: path, reason: error.description) }
        guard let error = error as? DatabaseError else {
            return .unavailable(location: path, reason: "it could not be opened; run `dmf-wizard register check`")
        }
        let seconds = busyTimeout >= 1 ? "\(Int(busyTimeout)) s" : "a moment"
        let reason: String
        switch error.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            reason = """
                another program kept it busy for more than \(seconds) (another dmf-wizard recording, or a \
                backup); try again
                """
        case .SQLITE_READONLY:
            reason = """
                the file or its folder is read-only for you, and the register needs both writable, even to \
                read it. Ask whoever keeps it for write access, or name another register with --register
                """
        case .SQLITE_PERM, .SQLITE_AUTH:
            reason = "you are not allowed to use it; ask whoever keeps it for access"
        case .SQLITE_CANTOPEN:
            reason = """
                the file cannot be opened: check that it and its folder exist and that you may read and \
                write them
                """
        case .SQLITE_NOTADB:
            reason = """
                the file is not a register (it is not a SQLite database). Name the right file with \
                --register, or move this one away to start a new register here
                """
        case .SQLITE_CORRUPT:
            return .damaged(location: path, found: "SQLite found it damaged while opening it")
        case .SQLITE_FULL:
            reason = "the disk is full; free some space and try again"
        case .SQLITE_IOERR:
            reason = """
                the file could not be read or written (a disk or network problem); try again, and if it \
                keeps happening run `dmf-wizard register check`
                """
        case .SQLITE_NOMEM:
            reason = "there is not enough memory; close other programs and try again"
        case .SQLITE_CONSTRAINT:
            reason = """
                the change would have altered what the register already holds, so nothing was written; \
                run `dmf-wizard register check`
                """
        default:
            reason = """
                its tables are not as dmf-wizard made them (a damaged register, or one changed by hand); \
                run `dmf-wizard register check`
                """
        }
        return .unavailable(location: path, reason: reason)
    }
}
