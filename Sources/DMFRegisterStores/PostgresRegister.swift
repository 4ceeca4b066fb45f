import CLibPQ
import DMFRegister
import Foundation

/// The register on a PostgreSQL server, for a team: every desk sees the same entries.
///
/// One libpq connection per process (`PostgresConnection`), which never waits without a
/// deadline; a lock makes reads and writes from several threads of one process take turns.
/// Writers take a transaction-level advisory lock first, so two desks never link events to the
/// same head.
///
/// The tables are changed only by the role that owns them. Without roles (one login owns
/// everything) that login makes the tables on first use and migrates them when they are behind;
/// once `register setup-roles` has given them to an owner role, only `register migrate`, run by
/// a member of that role, changes them.
public final class PostgresRegister: RegisterStorage, @unchecked Sendable {
    public let location: String
    /// The release this program is: it writes only where the register allows it.
    public let software: SoftwareVersion
    /// The tables' version, as found, or as this program left them.
    public private(set) var status = SchemaStatus(version: 0)
    private let connection: PostgresConnection
    private let lock = NSRecursiveLock()
    /// Inside BEGIN … COMMIT: a lost connection is then an error, never quietly replaced.
    private var inTransaction = false
    /// After `close()` nothing connects again.
    private var isClosed = false

    typealias Statement = PostgresConnection.Statement
    private let queries = StoreQueries.postgres

    /// The advisory lock keys: one for migrations, one that writers take in turn.
    static let migrationLock: Int64 = 4742
    static let writerLock: Int64 = 4743

    /// How a program opens the register: to use it, or to migrate it (`register migrate`).
    public enum Opening: Sendable {
        /// Every command: makes the tables in an empty database; migrates tables this login
        /// owns; refuses tables that are behind and belong to a role (the owner must migrate).
        case toUse
        /// `register migrate`: migrates as the role that owns the tables, when this login is
        /// a member of it.
        case toMigrate
    }

    /// Connects, then creates or migrates the tables if they are behind (see `Opening`).
    /// - Parameter connection: a libpq connection string (`postgres://…`, `service=…`).
    /// - Parameter quickly: a short wait for the server, for a glance that must not hold the
    ///   person up.
    /// - Parameter software: the release this program is.
    public init(
        connection address: String, quickly: Bool = false, software: SoftwareVersion = .newestKnownWriter,
        opening: Opening = .toUse
    ) throws(RegisterError) {
        connection = try PostgresConnection(address, quickly: quickly)
        location = connection.location
        self.software = software
        do {
            try migrateIfBehind(opening)
        } catch let error as RegisterError {
            throw error
        } catch let error as any PlainError {
            throw .unavailable(location: location, reason: "its tables could not be set up: \(error.description)")
        } catch {
            throw .unavailable(
                location: location, reason: "its tables could not be set up; ask whoever runs the register's database")
        }
    }

    public func close() {
        locked {
            isClosed = true
            connection.close()
        }
    }

    // MARK: - Migrations

    /// Reads where the tables are (one round trip, no lock); only when they are behind, and
    /// this login may change them, takes the migration lock and migrates, so an ordinary command
    /// never waits behind a migration.
    private func migrateIfBehind(_ opening: Opening) throws {
        let found = try lookAtTables()
        status = SchemaStatus(version: found.version, oldestWriter: found.oldestWriter)
        // `register migrate` is the owner's: whoever may act as the owner migrates, and sets the
        // roles' privileges again (which this version knows only for tables it knows).
        if opening == .toMigrate, let owner = found.owner, !owner.isThisLogin {
            guard owner.hasThisLogin else {
                throw RegisterError.unavailable(
                    location: location,
                    reason: """
                        only the role that owns its tables, \(owner.name), may migrate them, and the login \
                        \(owner.login) is not a member of it: someone granted that role\(try whoMayMigrate(owner.name)) \
                        must run `dmf-wizard register migrate`\(behind(found.version))
                        """)
            }
            if found.version <= SchemaStatus.newest { return try migrate(as: owner.name) }
        }
        guard found.version < SchemaStatus.newest else { return }
        // No tables yet: whoever connects first makes them, and owns them (no roles yet).
        guard let owner = found.owner, found.version > 0 else { return try migrate(as: nil) }
        if owner.isThisLogin { return try migrate(as: nil) }
        throw RegisterError.unavailable(
            location: location,
            reason: """
                only the role that owns its tables, \(owner.name), may bring them up to date\(behind(found.version)): \
                someone granted that role\(try whoMayMigrate(owner.name)) must run `dmf-wizard register migrate` \
                first (see the README's upgrade order)
                """)
    }

    /// " (they are at version 3, and this dmf-wizard needs version 4)", when they are behind.
    private func behind(_ version: Int) -> String {
        guard version < SchemaStatus.newest else { return "" }
        return
            " (they are at version \(version), and this dmf-wizard, \(software), needs version \(SchemaStatus.newest))"
    }

    /// Who owns the tables, against the login signed in.
    private struct Owner {
        var name: String
        var login: String
        /// The login is the owner itself: one login keeps the register, without roles.
        var isThisLogin: Bool
        /// The login may act as the owner (a member of the role, or a superuser).
        var hasThisLogin: Bool
    }

    /// The tables' version (0 without tables), the oldest writer they name, and their owner.
    private func lookAtTables() throws -> (version: Int, oldestWriter: String?, owner: Owner?) {
        let replies = try exchange([
            Statement(sql: Self.versionQuery), Statement(sql: StoreSchema.oldestWriterQuery.sql),
            Statement(
                sql: """
                    SELECT r.rolname AS owner, session_user AS login, r.rolname = session_user AS mine, \
                    pg_has_role(session_user, r.oid, 'MEMBER') AS member \
                    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_roles r ON r.oid = c.relowner \
                    WHERE c.oid = to_regclass('\(StoreSchema.events.name)')
                    """),
        ])
        // 42P01: a table that does not exist yet (no tables, or none from that version).
        func rows(_ result: Result<PostgresConnection.Reply, PostgresConnection.Refusal>) throws -> [TextRow] {
            switch result {
            case .success(let reply): return reply.rows
            case .failure(let refusal) where refusal.code == "42P01": return []
            case .failure(let refusal): throw failure(refusal)
            }
        }
        let version = try rows(replies[0]).first?["version"].flatMap { Int($0) } ?? 0
        let oldestWriter = try rows(replies[1]).first?["value"]
        let owner = try rows(replies[2]).first.map { row in
            Owner(
                name: row["owner"] ?? "", login: row["login"] ?? "", isThisLogin: row["mine"] == "t",
                hasThisLogin: row["member"] == "t")
        }
        return (version, oldestWriter, owner)
    }

    /// " (alice, bob)": the logins granted the owner role, who may migrate; empty for none.
    private func whoMayMigrate(_ owner: String) throws -> String {
        let found = try rows(
            Statement(
                sql: """
                    SELECT string_agg(m.rolname, ', ' ORDER BY m.rolname) AS logins \
                    FROM pg_catalog.pg_auth_members a JOIN pg_catalog.pg_roles m ON m.oid = a.member \
                    JOIN pg_catalog.pg_roles o ON o.oid = a.roleid WHERE o.rolname = $1 AND m.rolcanlogin
                    """, values: [.text(owner)]))
        return found.first?["logins"].map { " (\($0))" } ?? ""
    }

    /// Migrates, all versions in one transaction under the migration lock: as `role`, the
    /// tables' owner, when given (so what the migration makes is the owner's too). Then, when
    /// `register setup-roles` has run, grants each role what it may do with every table, a new
    /// one included.
    private func migrate(as role: String?) throws {
        try transaction {
            if let role { try run("SET LOCAL ROLE \(RegisterRoles.quoted(role))") }
            try run("SELECT pg_advisory_xact_lock($1)", [.integer(Self.migrationLock)])
            try run("CREATE TABLE IF NOT EXISTS \(Self.versionTable) (version INTEGER NOT NULL)")
            let reached = try rows(Statement(sql: Self.versionQuery)).first?["version"].flatMap { Int($0) } ?? 0
            // Another desk may have migrated while this one waited for the lock.
            if reached < SchemaStatus.newest {
                for version in stride(from: reached + 1, through: SchemaStatus.newest, by: 1) {
                    for statement in StoreSchema.statements(toVersion: version, .postgres) { try run(statement) }
                    try run("INSERT INTO \(Self.versionTable) (version) VALUES ($1)", [.integer(Int64(version))])
                }
            }
            if let roles = try recordedRoles() {
                for statement in roles.tablePrivileges { try run(statement) }
            }
            status = SchemaStatus(
                version: max(reached, SchemaStatus.newest), migratedFrom: reached < SchemaStatus.newest ? reached : nil,
                oldestWriter: try rows(StoreSchema.oldestWriterQuery).first?["value"])
        }
    }

    /// The roles `register setup-roles` recorded in the register, if it has run.
    private func recordedRoles() throws -> RegisterRoles? {
        let keys = RegisterRoles.settingKeys.map { "'\($0)'" }.joined(separator: ", ")
        let rows = try rows(
            Statement(sql: "SELECT name, value FROM \(StoreSchema.settings.name) WHERE name IN (\(keys))"))
        var found: [String: String] = [:]
        for row in rows { if let name = row["name"], let value = row["value"] { found[name] = value } }
        return RegisterRoles(settings: found)
    }

    /// Sets up the roles (`RegisterRoles.setUp`) in one transaction, under the migration lock.
    public func setUp(_ roles: RegisterRoles) throws(RegisterError) {
        do {
            try transaction {
                try run("SELECT pg_advisory_xact_lock($1)", [.integer(Self.migrationLock)])
                for statement in roles.setUp { try run(statement) }
            }
        } catch let error as RegisterError {
            throw error
        } catch {
            throw .failed(location: location, reason: "the roles could not be set up; nothing was changed")
        }
    }

    /// Where PostgreSQL keeps each version reached.
    static let versionTable = "dmf_register_schema"
    static let versionQuery = "SELECT max(version) AS version FROM \(versionTable)"

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
        let replies = try replies([queries.entry(reference), queries.events(of: reference)])
        return try queries.history(entry: replies[0].rows, events: replies[1].rows)
    }

    public func list(_ query: ListQuery) throws -> EntryList {
        try queries.page(try rows(queries.list(query)), query) { queries.total(try rows(queries.count)) }
    }

    public func due(by day: String) throws -> [EntryHistory] {
        try queries.dueHistories(try rows(queries.due(by: day)))
    }

    public func requirement() throws -> SignatureRequirement? {
        try queries.requirement(try rows(queries.requirement))
    }

    public func fingerprints(of references: [String]) throws -> [String: String] {
        references.isEmpty ? [:] : queries.fingerprints(try rows(queries.fingerprints(of: references)))
    }

    /// The server keeps its own files and finds damage in them itself; nothing to read here.
    /// A register a newer dmf-wizard set up is not checked by this one.
    public func checkStorage() throws -> StorageCheck {
        try status.checkable(location: location)
        return StorageCheck()
    }

    /// One read-only transaction at one snapshot (`REPEATABLE READ`), holding the connection:
    /// the pages the scans read inside it all come from the same moment.
    public func readingOneMoment<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Pages through by key, so a register of any size is read in constant memory.
    public func scanEntries(_ body: (@escaping StoredRow<StoredEntry>) throws -> Void) throws {
        let queries = queries
        var after = ""
        while true {
            let page = try rows(queries.entries(after: after, limit: 1000))
            for row in page {
                try body { try queries.storedEntry(row) }
                after = row["reference"] ?? after
            }
            if page.count < 1000 { return }
        }
    }

    public func scanEvents(_ body: (@escaping StoredRow<RegisterEvent>) throws -> Void) throws {
        let queries = queries
        var after: Int64 = 0
        while true {
            let page = try rows(queries.events(after: after, limit: 5000))
            for row in page {
                try body { try queries.event(row) }
                guard let sequence = row["sequence"].flatMap({ Int64($0) }) else {
                    throw StoreError.badRow("an event has no sequence number")
                }
                after = sequence
            }
            if page.count < 5000 { return }
        }
    }

    // MARK: - The tree, checkpoints, retention

    public func treeState() throws -> TreeState {
        let replies = try replies([queries.treeRow, queries.head])
        return try queries.tree(replies[0].rows, head: try queries.head(replies[1].rows))
    }

    public func eventHashes(_ sequences: ClosedRange<Int64>) throws -> [String] {
        queries.hashes(try rows(queries.eventHashes(sequences)))
    }

    public func keptSubtrees() throws -> [KeptSubtree] { try queries.keptSubtrees(try rows(queries.keptSubtrees)) }

    public func checkpoints() throws -> [KeptCheckpoint] { try queries.checkpoints(try rows(queries.checkpoints)) }

    /// One statement on its own: a checkpoint takes no writer's turn.
    public func save(checkpoint: KeptCheckpoint) throws { _ = try rows(queries.insert(checkpoint)) }

    public func retentions() throws -> [RetentionSetting] { try queries.retentions(try rows(queries.retentions)) }

    public func awaitingRemoval() throws -> [(reference: String, deletedOn: String)] {
        queries.awaitingRemoval(try rows(queries.awaitingRemoval))
    }

    public func guardProblems() throws -> [String] { queries.guardProblems(try rows(queries.triggers)) }

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

    private func rows(_ statement: Statement) throws -> [TextRow] { try replies([statement])[0].rows }

    private func run(_ sql: String, _ values: [SQLValue] = []) throws {
        _ = try rows(Statement(sql: sql, values: values))
    }

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
        Self.plain(refusal, location: location)
    }

    static func plain(_ refusal: PostgresConnection.Refusal, location: String) -> RegisterError {
        let reason =
            switch refusal.code {
            case "55P03": "another desk, or someone at the database, held the register too long; try again"
            case "57014": "the register's server took too long over a request and stopped it; try again"
            case "23505", "40001", "40P01": "another desk recorded at the same moment; try again"
            case "42501": "\(refusal.message); ask whoever runs the register's database for access"
            case "25006": "the server only lets it be read just now (a standby server?); ask whoever runs it"
            case "57P01", "57P02", "57P03":
                "the register's server is shutting down or starting up; try again in a minute"
            case "XX001", "XX002":
                "the register's server reports damaged data; ask whoever runs it to restore it from a backup"
            case let code where code.hasPrefix("53"):
                "the register's server has run out of room or connections (\(refusal.message)); try again later, "
                    + "or ask whoever runs it"
            case let code where code.hasPrefix("42"):
                "its tables are not as dmf-wizard made them (\(refusal.message)); ask whoever runs the register's database"
            default: "\(refusal.message); if it keeps happening, ask whoever runs the register's database"
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

        func load(_ reference: String) throws -> (
            history: EntryHistory?, head: ChainHead?, requirement: SignatureRequirement?, treeEdge: String?
        ) {
            // The connection may be made again before BEGIN, never after.
            let queries = store.queries
            let results = try store.exchange([
                Statement(sql: "BEGIN"),
                Statement(sql: "SELECT pg_advisory_xact_lock($1)", values: [.integer(PostgresRegister.writerLock)]),
                queries.entry(reference), queries.events(of: reference), queries.head, queries.requirement,
                StoreSchema.oldestWriterQuery, queries.treeRow,
            ])
            store.inTransaction = true
            let replies = try results.map { result throws(RegisterError) in try store.reply(result) }
            try SchemaStatus.checkWriter(
                replies[6].rows.first?["value"], software: store.software, location: store.location)
            let head = try queries.head(replies[4].rows)
            return (
                try queries.history(entry: replies[2].rows, events: replies[3].rows), head,
                try queries.requirement(replies[5].rows), try queries.tree(replies[7].rows, head: head).edge
            )
        }

        func eventHashes(_ sequences: ClosedRange<Int64>) throws -> [String] {
            store.queries.hashes(try store.replies([store.queries.eventHashes(sequences)])[0].rows)
        }

        func save(requirement: SignatureRequirement) throws { try commit([store.queries.insert(requirement)]) }

        func save(retention: RetentionSetting) throws { try commit([store.queries.insert(retention)]) }

        func save(tree: TreeGrowth) throws { try commit(store.queries.save(tree: tree)) }

        /// The statements and COMMIT in one round trip.
        private func commit(_ statements: [Statement]) throws {
            for result in try store.exchange(statements + [Statement(sql: "COMMIT")]) {
                _ = try store.reply(result)
            }
            guard store.connection.transactionStatus == PQTRANS_IDLE else {
                throw RegisterError.failed(
                    location: store.location, reason: "the server did not keep the change; try again")
            }
        }

        func save(_ write: EventWrite) throws {
            let summary = write.summary
            let statements = store.queries.save(write) + [Statement(sql: "COMMIT")]
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
