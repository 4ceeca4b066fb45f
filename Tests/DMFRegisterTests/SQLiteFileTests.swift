import DMFRegister
import Foundation
import Testing

@testable import DMFRegisterStores

/// The SQLite register's file: made whole before anyone can open it, never an empty file taken
/// for a register, and once found damaged, never written to until it checks sound again.
@Suite("The SQLite register's file") struct SQLiteFileTests {
    final class Folder {
        let path = NSTemporaryDirectory() + "dmf-sqlite-file-" + UUID().uuidString
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    static func open(_ path: String) throws -> Register {
        Register(storage: try SQLiteRegister(path: path), now: { ScratchRegister.now })
    }

    @Test func aNewRegisterIsMadeWholeAndPrivate() throws {
        let folder = Folder()
        let path = folder.path + "/a/b/register.sqlite"
        let register = try Self.open(path)
        _ = try register.record(Sample.entry("DMF-20261129-NEWW"), by: "Sam")
        register.close()
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode(folder.path + "/a") == 0o700)
        #expect(try Self.mode(folder.path + "/a/b") == 0o700)
        // Nothing is left of the file it was made as.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/a/b") == ["register.sqlite"])
        let again = try Self.open(path)
        defer { again.close() }
        #expect(try again.check().chainOnly == ChainReport(entries: 1, events: 1, problems: []))
    }

    /// An empty file is what a lost or truncated register looks like, or one another program
    /// made: it is refused, and left as it is.
    @Test func anEmptyFileIsRefusedAndLeftAlone() throws {
        let folder = Folder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let path = folder.path + "/register.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect {
            _ = try SQLiteRegister(path: path)
        } throws: { error in
            let text = (error as? RegisterError)?.description ?? ""
            return text.hasPrefix("the register at \(path) cannot be used: the file is empty, so it is not a register")
                && text.contains("put back the last good copy") && text.contains("remove the empty file")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["register.sqlite"])
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0)
    }

    @Test func aFolderOrALinkToNothingIsRefused() throws {
        let folder = Folder()
        try FileManager.default.createDirectory(
            atPath: folder.path + "/register.sqlite", withIntermediateDirectories: true)
        #expect(throws: RegisterError.self) { _ = try SQLiteRegister(path: folder.path + "/register.sqlite") }
        #expect(symlink(folder.path + "/gone", folder.path + "/link.sqlite") == 0)
        #expect {
            _ = try SQLiteRegister(path: folder.path + "/link.sqlite")
        } throws: { error in
            (error as? RegisterError)?.description.contains("a link to a file that is not there") == true
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/gone"))
    }

    /// A register made before the list index (version 1), opened by 30 processes at once: one
    /// of them migrates it, inside one transaction; none fails.
    @Test func thirtyProcessesMigrateAnOlderRegisterOnce() throws {
        try ScratchRegister.requireSQLiteTool()
        try #require(FileManager.default.isExecutableFile(atPath: RegisterLoadTests.loader), "build the package first")
        let scratch = try ScratchRegister(.sqlite)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-OLDR"), by: "Sam")
        scratch.register.close()
        guard case .sqlite(let path) = scratch.location else { return }
        try ScratchRegister.run(
            "/usr/bin/env",
            ["sqlite3", path, "DROP INDEX entries_for_lists; DELETE FROM grdb_migrations WHERE identifier = 'v2';"])

        let loaders = try (1...30).map {
            try RegisterLoadTests.start(path, count: 1, prefix: "M\($0)", showErrors: true)
        }
        for loader in loaders { loader.process.waitUntilExit() }
        let failures = loaders.filter { $0.process.terminationStatus != 0 }.map { $0.errors() }
        #expect(failures.isEmpty, "\(failures.count) of 30 failed: \(failures.prefix(3))")
        let recorded = try ScratchRegister.run(
            "/usr/bin/env",
            [
                "sqlite3", path,
                "SELECT group_concat(identifier) FROM grdb_migrations; "
                    + "SELECT count(*) FROM sqlite_master WHERE name = 'entries_for_lists';",
            ])
        let lines = recorded.split(separator: "\n")
        #expect(lines.count == 2 && lines[1] == "1")
        #expect(
            lines.first.map { Set($0.split(separator: ",").map(String.init)) }
                == Set((1...SchemaStatus.newest).map { "v\($0)" }))
        let register = try Self.open(path)
        defer { register.close() }
        #expect(try register.check().chainOnly == ChainReport(entries: 31, events: 91, problems: []))
    }

    /// Garbage written into the middle of the file, as a failing disk or a bad copy would:
    /// `check` finds it and says how to recover; from then on nothing writes to it, in any
    /// process, until a good copy is back and `check` finds it sound.
    @Test func aDamagedFileIsFoundAndNotWrittenUntilItIsSound() throws {
        let folder = Folder()
        let path = folder.path + "/register.sqlite"
        let register = try Self.open(path)
        for index in 0..<40 {
            _ = try register.record(
                Sample.entry(
                    "DMF-20261129-\(1000 + index)", answers: String(repeating: "purpose: a long one\n", count: 60)),
                by: "Sam")
        }
        register.close()
        try FileManager.default.copyItem(atPath: path, toPath: folder.path + "/backup.sqlite")
        try Self.scribble(path)

        let damaged = try Self.open(path)
        let report = try damaged.check()
        #expect(!report.isIntact)
        #expect(report.damage.first?.hasPrefix("SQLite") == true, "\(report.damage)")
        #expect(FileManager.default.fileExists(atPath: path + ".damaged"))
        damaged.close()

        // Another process, later: the write is refused before it touches the file.
        let later = try Self.open(path)
        #expect {
            _ = try later.record(Sample.entry("DMF-20261129-LATE"), by: "Sam")
        } throws: { error in
            guard case .damaged(let location, _)? = error as? RegisterError else { return false }
            let text = (error as? RegisterError)?.description ?? ""
            return location == path && text.contains("so dmf-wizard no longer writes to it")
                && text.contains("put back the last good copy from a backup")
                && text.contains("run `dmf-wizard register check`")
        }
        later.close()

        // A good copy put back: still refused until check has found it sound.
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: folder.path + "/backup.sqlite", toPath: path)
        let restored = try Self.open(path)
        defer { restored.close() }
        #expect(throws: RegisterError.self) { try restored.record(Sample.entry("DMF-20261129-LATE"), by: "Sam") }
        #expect(try restored.check().chainOnly == ChainReport(entries: 40, events: 40, problems: [], recovered: true))
        #expect(!FileManager.default.fileExists(atPath: path + ".damaged"))
        _ = try restored.record(Sample.entry("DMF-20261129-LATE"), by: "Sam")
        #expect(try restored.check().isIntact)
    }

    /// A write that meets the damage itself marks the register: the next write is refused even
    /// though the file was put right meanwhile, until `check` says it is sound.
    @Test func aWriteThatMeetsDamageMarksTheRegister() throws {
        let folder = Folder()
        let path = folder.path + "/register.sqlite"
        let register = try Self.open(path)
        for index in 0..<40 {
            _ = try register.record(
                Sample.entry(
                    "DMF-20261129-\(1000 + index)", answers: String(repeating: "purpose: a long one\n", count: 60)),
                by: "Sam")
        }
        register.close()
        try FileManager.default.copyItem(atPath: path, toPath: folder.path + "/backup.sqlite")
        // After the pages a new register has: the tables' definitions and the migrations done
        // still read, so it opens; the entries and events do not.
        try Self.scribble(path, from: try Self.rowsStart())

        let writer = try Self.open(path)
        let first = #expect(throws: RegisterError.self) {
            _ = try writer.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-1001")
        }
        writer.close()
        if case .damaged? = first {} else { Issue.record("not reported as damage: \(String(describing: first))") }
        #expect(FileManager.default.fileExists(atPath: path + ".damaged"))

        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: folder.path + "/backup.sqlite", toPath: path)
        let next = try Self.open(path)
        defer { next.close() }
        #expect {
            _ = try next.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-1001")
        } throws: { error in
            if case .damaged? = error as? RegisterError { return true }
            return false
        }
        #expect(try next.check().recovered)
        _ = try next.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-1001")
    }

    /// Where the rows written after a register was made start: a new register's size. Damage
    /// from there on leaves the tables' definitions and the migrations done readable, so the
    /// register opens and the damage is met by what reads or writes the rows.
    static func rowsStart() throws -> Int {
        let folder = Folder()
        let path = folder.path + "/new.sqlite"
        try SQLiteRegister(path: path).close()
        return try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    /// Overwrites the file from `offset` (the middle by default) with garbage, 8 KiB or to the end.
    static func scribble(_ path: String, from offset: Int? = nil) throws {
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let start = offset ?? (size / 2 / 4096 * 4096)
        let length = offset == nil ? min(8192, size - start) : size - start
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(start))
        try handle.write(contentsOf: Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }))
    }
}
