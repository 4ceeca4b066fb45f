import DMFRegister
import DMFRegisterStores
import Foundation
import Testing

/// The PostgreSQL store never waits without a limit: a server stopped mid-command is given up
/// with a plain message, ordinary commands do not wait behind a migration, and a write held up by
/// someone holding the writers' lock stops after the lock timeout. Each test finishes in bounded
/// time whatever the store does: a watchdog lets the server go on (or the lock go) after 30 s,
/// and the test then fails on the time it took.
@Suite(
    "PostgreSQL time limits",
    .enabled(if: StoreKind.postgresAdminURL != nil, "PostgreSQL time limit tests skipped: set DMF_TEST_POSTGRES_URL"))
struct PostgresTimeLimitTests {
    @Test func aServerStoppedMidCommandIsGivenUpAndTheNextCallConnectsAgain() throws {
        let scratch = try ScratchRegister(.postgres)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-STOP"), by: "Sam")
        let backend = try #require(
            Int32(
                try ScratchRegister.psql(
                    StoreKind.postgresAdminURL!,
                    """
                    SELECT pid FROM pg_stat_activity WHERE datname = '\(scratch.databaseName ?? "")' \
                    AND application_name = 'dmf-wizard'
                    """)))
        let watchdog = DispatchWorkItem { kill(backend, SIGCONT) }
        #expect(kill(backend, SIGSTOP) == 0)
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        defer {
            watchdog.cancel()
            kill(backend, SIGCONT)
        }

        let started = Date()
        #expect {
            _ = try scratch.register.list().entries
        } throws: { error in
            (error as? RegisterError)?.description.contains("the register's server (127.0.0.1 port ") == true
                && (error as? RegisterError)?.description.contains("did not answer within 10 s") == true
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 9 && elapsed < 15, "gave up after \(elapsed) s")

        kill(backend, SIGCONT)
        #expect(try scratch.register.list().entries.map(\.reference) == ["DMF-20261129-STOP"])
    }

    @Test func ordinaryCommandsDoNotWaitBehindAMigration() throws {
        let scratch = try ScratchRegister(.postgres)
        let holder = try LockHolder(database: scratch.databaseName ?? "", key: 4742)
        defer { holder.release() }
        holder.release(after: 30)
        let started = Date()
        let storage = try scratch.location.open()
        defer { storage.close() }
        #expect(try Register(storage: storage, now: { ScratchRegister.now }).list().entries.isEmpty)
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test func aWriteHeldUpByAnotherStopsAfterTheLockTimeout() throws {
        let scratch = try ScratchRegister(.postgres)
        let holder = try LockHolder(database: scratch.databaseName ?? "", key: 4743)
        defer { holder.release() }
        holder.release(after: 30)
        let entry = Sample.entry("DMF-20261129-HELD")
        let started = Date()
        #expect(
            throws: RegisterError.failed(
                location: scratch.storage.location,
                reason: "another desk, or someone at the database, held the register too long; try again")
        ) {
            try scratch.register.record(entry, by: "Sam")
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 4 && elapsed < 9, "gave up after \(elapsed) s")
        holder.release()
        #expect(try scratch.register.record(entry, by: "Sam") == .added(entry))
    }
}

/// A psql session holding a session-level advisory lock until released, as a person at the
/// database might.
final class LockHolder: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let lock = NSLock()

    init(database: String, key: Int64) throws {
        let url = ScratchRegister.url(replacingDatabaseWith: database)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-qAt", url]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("SELECT pg_advisory_lock(\(key));\n".utf8))
        let deadline = Date().addingTimeInterval(10)
        let held = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = \(key) AND granted"
        while try ScratchRegister.psql(url, held) != "1" {
            try #require(Date() < deadline, "psql did not take the lock")
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Ends the session, which lets the lock go. Safe from any thread, more than once.
    func release() {
        lock.lock()
        defer { lock.unlock() }
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// A watchdog: releases the lock after `seconds` whatever the test is waiting for.
    func release(after seconds: Double) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in release() }
    }

    deinit { release() }
}
