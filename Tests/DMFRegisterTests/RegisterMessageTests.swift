import DMFRegister
import Foundation
import GRDB
import Testing

@testable import DMFRegisterStores

/// Every message about the register is plain words that name the register and say what to do:
/// no SQL, no error dumps, no names from the code, never a password. Each store's failures are
/// fed in: for real where the test can cause them, and as the errors SQLite and the server give
/// where it cannot (a read-only file means nothing to root, who runs CI).
@Suite("Register messages") struct RegisterMessageTests {
    static var sqlKeywords: Regex<(Substring, Substring)> {
        /\b(INSERT|SELECT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|VALUES|WHERE|FROM|INTO)\b/
    }
    static let dumps = [
        "Error Domain", "NSCocoaErrorDomain", "UserInfo", "Code=", "SQLite error", "SQLITE_", "DatabaseError",
    ]
    /// Names as the code writes them: `sslUnsupported`, `badRow`, `unavailable(location:`.
    static var codeNames: Regex<Substring> { /\b[a-z]+[A-Z][A-Za-z]*\b|\w\(\w+:/ }

    /// What is wrong with `message`, as a person would find it.
    static func problems(
        _ message: String, names location: String, says whatToDo: String, secrets: [String] = []
    ) -> [String] {
        var found: [String] = []
        if let keyword = message.firstMatch(of: sqlKeywords) { found.append("SQL: \(keyword.0)") }
        for dump in dumps where message.contains(dump) { found.append("a dump: \(dump)") }
        if let name = message.firstMatch(of: codeNames) { found.append("a name from the code: \(name.0)") }
        for secret in secrets where message.contains(secret) { found.append("the password") }
        if !message.contains(location) { found.append("does not name the register (\(location))") }
        if !message.contains(whatToDo) { found.append("does not say what to do (\(whatToDo))") }
        if message.contains("\n") { found.append("more than one line") }
        return found
    }

    /// The messages people met before, each caught.
    @Test(arguments: [
        "the register at /r failed: SQLite error 8: attempt to write a readonly database - while executing `INSERT INTO entries`; try again",
        "the register at /r cannot be used: its folder cannot be created (Error Domain=NSCocoaErrorDomain Code=513 "
            + "\"You don't have permission.\" UserInfo={NSFilePath=/r}); try again",
        "the register at /r cannot be used: sslUnsupported; try again",
        "the register at /r failed: unavailable(location: \"/r\", reason: \"x\"); try again",
    ])
    func theCheckCatchesTheOldMessages(message: String) {
        #expect(!Self.problems(message, names: "/r", says: "try again").isEmpty)
    }

    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch let error as RegisterError {
            return error.description
        } catch {
            return "not a RegisterError: \(error)"
        }
    }

    final class Folder {
        let path = NSTemporaryDirectory() + "dmf-messages-" + UUID().uuidString
        init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit {
            chmod(path, 0o700)
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    // MARK: - SQLite, for real

    @Test func notADatabase() throws {
        let folder = Folder()
        let path = folder.path + "/register.sqlite"
        try Data("name,team\nSam,Data\n".utf8).write(to: URL(fileURLWithPath: path))
        let text = Self.message { _ = try SQLiteRegister(path: path) }
        #expect(Self.problems(text, names: path, says: "Name the right file with --register") == [], "\(text)")
    }

    @Test func anEmptyFile() throws {
        let folder = Folder()
        let path = folder.path + "/register.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let text = Self.message { _ = try SQLiteRegister(path: path) }
        #expect(Self.problems(text, names: path, says: "remove the empty file") == [], "\(text)")
    }

    /// The folder cannot be made: a file stands where it should be (as root, the only way).
    @Test func aFolderThatCannotBeMade() throws {
        let folder = Folder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path + "/data"))
        let path = folder.path + "/data/dmf-wizard/register.sqlite"
        let text = Self.message { _ = try SQLiteRegister(path: path) }
        #expect(Self.problems(text, names: path, says: "name a register in a folder you can write") == [], "\(text)")
    }

    /// A folder that is not writable: only someone other than root can be refused.
    @Test(.enabled(if: geteuid() != 0, "root may write any folder")) func aFolderNotWritable() throws {
        let folder = Folder()
        chmod(folder.path, 0o500)
        let path = folder.path + "/register.sqlite"
        let text = Self.message { _ = try SQLiteRegister(path: path) }
        #expect(Self.problems(text, names: path, says: "name another with --register") == [], "\(text)")
    }

    @Test(.enabled(if: geteuid() != 0, "root may write any file")) func aReadOnlyFile() throws {
        let scratch = try ScratchRegister(.sqlite)
        scratch.register.close()
        guard case .sqlite(let path) = scratch.location else { return }
        chmod(path, 0o400)
        defer { chmod(path, 0o600) }
        let text = Self.message {
            let register = try Self.open(path)
            defer { register.close() }
            _ = try register.record(Sample.entry("DMF-20261129-READ"), by: "Sam")
        }
        #expect(Self.problems(text, names: path, says: "write access") == [], "\(text)")
    }

    @Test func aLockedFile() throws {
        try ScratchRegister.requireSQLiteTool()
        let scratch = try ScratchRegister(.sqlite)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-HELD"), by: "Sam")
        guard case .sqlite(let path) = scratch.location else { return }
        let holder = try ScratchRegister.holdLocked(path)
        let text = Self.message {
            let impatient = Register(storage: try SQLiteRegister(path: path, busyTimeout: 0.3), now: { "" })
            defer { impatient.close() }
            _ = try impatient.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-HELD")
        }
        holder.waitUntilExit()
        #expect(Self.problems(text, names: path, says: "try again") == [], "\(text)")
    }

    @Test func aDamagedFile() throws {
        let folder = Folder()
        let path = folder.path + "/register.sqlite"
        let register = try Self.open(path)
        for index in 0..<40 {
            _ = try register.record(
                Sample.entry("DMF-20261129-\(1000 + index)", answers: String(repeating: "purpose: long\n", count: 80)),
                by: "Sam")
        }
        register.close()
        try SQLiteFileTests.scribble(path, from: try SQLiteFileTests.rowsStart())
        let text = Self.message {
            let damaged = try Self.open(path)
            defer { damaged.close() }
            _ = try damaged.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-1001")
        }
        #expect(Self.problems(text, names: path, says: "put back the last good copy") == [], "\(text)")
    }

    static func open(_ path: String) throws -> Register {
        Register(storage: try SQLiteRegister(path: path), now: { ScratchRegister.now })
    }

    // MARK: - SQLite, as SQLite reports what root cannot be refused

    @Test(arguments: [
        (ResultCode.SQLITE_READONLY, "attempt to write a readonly database", "write access"),
        (.SQLITE_CANTOPEN, "unable to open database file", "check that it and its folder exist"),
        (.SQLITE_PERM, "access permission denied", "ask whoever keeps it"),
        (.SQLITE_FULL, "database or disk is full", "free some space"),
        (.SQLITE_IOERR, "disk I/O error", "try again"),
        (.SQLITE_BUSY, "database is locked", "try again"),
        (.SQLITE_CONSTRAINT, "the register keeps its history", "run `dmf-wizard register check`"),
        (.SQLITE_ERROR, "no such table: entries", "run `dmf-wizard register check`"),
        (.SQLITE_CORRUPT, "database disk image is malformed", "put back the last good copy"),
    ])
    func whatSQLiteSaysInPlainWords(code: ResultCode, said: String, whatToDo: String) {
        let error = DatabaseError(
            resultCode: code, message: said, sql: "INSERT INTO entries (reference) VALUES (?)", arguments: ["DMF-1"])
        let text = SQLiteRegister.plain(error, "/srv/register.sqlite", 15).description
        #expect(Self.problems(text, names: "/srv/register.sqlite", says: whatToDo) == [], "\(text)")
    }

    /// Not GRDB's errors, nor SQLite's: still no dump.
    @Test func anythingElseIsNoDumpEither() {
        let cocoa = NSError(domain: NSCocoaErrorDomain, code: 513, userInfo: [NSFilePathErrorKey: "/srv"])
        let text = SQLiteRegister.plain(cocoa, "/srv/register.sqlite", 15).description
        #expect(Self.problems(text, names: "/srv/register.sqlite", says: "run `dmf-wizard register check`") == [])
        let register = Register(storage: FailingStorage(cocoa), now: { "" })
        let listed = Self.message { _ = try register.list() }
        #expect(Self.problems(listed, names: "memory", says: "run `dmf-wizard register check`") == [], "\(listed)")
    }

    // MARK: - PostgreSQL

    @Test func aServerThatIsDown() {
        let secret = "s3cret-" + UUID().uuidString.prefix(6)
        let location = RegisterLocation.postgres(
            connection: "postgresql://dmf:\(secret)@127.0.0.1:1/register?sslmode=disable&connect_timeout=2")
        let text = Self.message { _ = try location.open() }
        #expect(
            Self.problems(
                text, names: "user=dmf", says: "Is the server running on that host and accepting TCP/IP connections?",
                secrets: [String(secret)]) == [], "\(text)")
    }

    @Test(.enabled(if: StoreKind.postgresAdminURL != nil, "set DMF_TEST_POSTGRES_URL")) func aWrongPassword() throws {
        let admin = try #require(StoreKind.postgresAdminURL)
        let role = "dmf_message_" + UUID().uuidString.prefix(8).lowercased()
        let password = "right-" + UUID().uuidString
        try ScratchRegister.psql(
            admin,
            "SET password_encryption = 'scram-sha-256'; "
                + "CREATE ROLE \(role) LOGIN PASSWORD '\(password)' IN ROLE dmf_password_users")
        defer { _ = try? ScratchRegister.psql(admin, "DROP ROLE IF EXISTS \(role)") }
        let port = try #require(URLComponents(string: admin)?.port)
        let secret = "Wr0ng-" + UUID().uuidString
        let location = RegisterLocation.postgres(
            connection: "postgresql://\(role):\(secret)@127.0.0.1:\(port)/postgres?sslmode=disable")
        let text = Self.message { _ = try location.open() }
        #expect(
            Self.problems(text, names: "user=\(role)", says: "check the password", secrets: [secret, password]) == [],
            "\(text)")
    }

    /// A login without rights on the tables: the server refuses, the message says whom to ask.
    @Test(.enabled(if: StoreKind.postgresAdminURL != nil, "set DMF_TEST_POSTGRES_URL")) func noRightsOnTheTables()
        throws
    {
        let scratch = try ScratchRegister(.postgres)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-RGHT"), by: "Sam")
        let role = "dmf_reader_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try #require(StoreKind.postgresAdminURL)
        try ScratchRegister.psql(admin, "CREATE ROLE \(role) LOGIN")
        defer { _ = try? ScratchRegister.psql(admin, "DROP OWNED BY \(role); DROP ROLE IF EXISTS \(role)") }
        var parts = try #require(
            URLComponents(string: ScratchRegister.url(replacingDatabaseWith: scratch.databaseName ?? "")))
        parts.user = role
        let location = RegisterLocation.postgres(connection: try #require(parts.string))
        let text = Self.message {
            let storage = try location.open()
            defer { storage.close() }
            _ = try Register(storage: storage, now: { "" }).list()
        }
        #expect(
            Self.problems(text, names: "user=\(role)", says: "ask whoever runs the register's database") == [],
            "\(text)")
    }

    @Test(arguments: [
        ("53100", "could not extend file: No space left on device", "ask whoever runs it"),
        ("53300", "sorry, too many clients already", "try again later"),
        ("57P01", "terminating connection due to administrator command", "try again in a minute"),
        ("XX001", "invalid page in block 4 of relation base/16384/16385", "restore it from a backup"),
        ("42P01", "relation \"entries\" does not exist", "ask whoever runs the register's database"),
        ("40P01", "deadlock detected", "try again"),
        ("P0001", "the register keeps its history: rows are never changed or removed", "ask whoever runs"),
    ])
    func whatTheServerSaysInPlainWords(code: String, said: String, whatToDo: String) {
        let text = PostgresRegister.plain(
            PostgresConnection.Refusal(code: code, message: said), location: "host=db.example dbname=register"
        ).description
        #expect(Self.problems(text, names: "host=db.example", says: whatToDo) == [], "\(text)")
    }
}

/// A store whose every read fails with a foreign error.
final class FailingStorage: RegisterStorage, @unchecked Sendable {
    let error: any Error
    init(_ error: any Error) { self.error = error }
    let location = "memory"
    func write<T>(_ body: (any RegisterWriter) throws -> T) throws -> T { throw error }
    func history(_ reference: String) throws -> EntryHistory? { throw error }
    func list(_ query: ListQuery) throws -> EntryList { throw error }
    func due(by day: String) throws -> [EntryHistory] { throw error }
    func fingerprints(of references: [String]) throws -> [String: String] { throw error }
    func checkStorage() throws -> StorageCheck { throw error }
    func requirement() throws -> SignatureRequirement? { throw error }
    func readingOneMoment<T>(_ body: () throws -> T) throws -> T { throw error }
    func scanEntries(_ body: (@escaping StoredRow<StoredEntry>) throws -> Void) throws { throw error }
    func scanEvents(_ body: (@escaping StoredRow<RegisterEvent>) throws -> Void) throws { throw error }
    func treeState() throws -> TreeState { throw error }
    func eventHashes(_ sequences: ClosedRange<Int64>) throws -> [String] { throw error }
    func keptSubtrees() throws -> [KeptSubtree] { throw error }
    func checkpoints() throws -> [KeptCheckpoint] { throw error }
    func save(checkpoint: KeptCheckpoint) throws { throw error }
    func retentions() throws -> [RetentionSetting] { throw error }
    func awaitingRemoval() throws -> [(reference: String, deletedOn: String)] { throw error }
    func guardProblems() throws -> [String] { throw error }
    func close() {}
}
