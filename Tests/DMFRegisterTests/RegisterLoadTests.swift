import DMFRegister
import DMFRegisterStores
import Foundation
import Testing

/// Many processes writing at once, and a process killed mid-write, on both stores.
///
/// In CI the full load runs: 20 processes each recording 500 entries with two events apiece.
/// Locally it is 20 × 50 unless `DMF_REGISTER_LOAD` gives the count per process.
@Suite("Register under load", .serialized) struct RegisterLoadTests {
    static let perProcess: Int =
        ProcessInfo.processInfo.environment["DMF_REGISTER_LOAD"].flatMap(Int.init) ?? (StoreKind.inCI ? 500 : 50)
    static let processes = 20

    static let loader = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("RegisterLoad").path

    static func start(_ location: String, count: Int, prefix: String) throws -> Process {
        try start(location, count: count, prefix: prefix, showErrors: false).process
    }

    /// A loader; with `showErrors`, its standard error goes to a file, read once it has ended.
    static func start(
        _ location: String, count: Int, prefix: String, showErrors: Bool
    ) throws -> (process: Process, errors: () -> String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: loader)
        // On PostgreSQL the server takes events only from the login they name.
        let account = location.hasPrefix("postgres") ? URLComponents(string: location)?.user ?? "postgres" : "tester"
        process.arguments = [location, String(count), prefix, "300", "--account", account]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let file = NSTemporaryDirectory() + "dmf-loader-" + UUID().uuidString
        if showErrors {
            _ = FileManager.default.createFile(atPath: file, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: file)
        }
        try process.run()
        return (
            process,
            {
                defer { try? FileManager.default.removeItem(atPath: file) }
                return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            }
        )
    }

    static func address(_ scratch: ScratchRegister) -> String {
        switch scratch.location {
        case .sqlite(let path): path
        case .postgres(let url): url
        case .refused(let shown, _): shown
        }
    }

    @Test(arguments: StoreKind.available) func twentyProcessesAtOnceLoseNothing(kind: StoreKind) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.loader), "build the package first")
        let scratch = try ScratchRegister(kind)
        let processes = try (1...Self.processes).map {
            try Self.start(Self.address(scratch), count: Self.perProcess, prefix: "P\($0)")
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })

        let total = Self.processes * Self.perProcess
        let entries = try scratch.register.list().entries
        #expect(entries.count == total)
        #expect(Set(entries.map(\.reference)).count == total)
        #expect(entries.allSatisfy { $0.status == .sent })
        let report = try scratch.register.check()
        #expect(report.isIntact, "\(report.problems.prefix(5))")
        #expect(report.events == total * 3)
    }

    /// Thirty desks start using a register nobody has opened yet, at the same moment: every one
    /// of them records, and the register holds all their entries, intact.
    @Test(arguments: StoreKind.available) func thirtyFirstUsersOfANewRegisterAllSucceed(kind: StoreKind) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.loader), "build the package first")
        let address: String
        let folder = NSTemporaryDirectory() + "dmf-first-users-" + UUID().uuidString
        var cleanUp: () -> Void = { try? FileManager.default.removeItem(atPath: folder) }
        switch kind {
        case .sqlite:
            address = folder + "/new/register.sqlite"
        case .postgres:
            let name = "dmf_first_" + UUID().uuidString.prefix(8).lowercased()
            try ScratchRegister.psql(StoreKind.postgresAdminURL!, "CREATE DATABASE \(name)")
            cleanUp = { _ = try? ScratchRegister.psql(StoreKind.postgresAdminURL!, "DROP DATABASE IF EXISTS \(name)") }
            address = ScratchRegister.url(replacingDatabaseWith: name)
        }
        defer { cleanUp() }
        let processes = try (1...30).map { try Self.start(address, count: 2, prefix: "F\($0)", showErrors: true) }
        for process in processes { process.process.waitUntilExit() }
        // Every loader's errors are read, which removes their files, and the failures' kept.
        let failures = processes.map { ($0.process.terminationStatus, $0.errors()) }.filter { $0.0 != 0 }.map(\.1)
        #expect(failures.isEmpty, "\(failures.count) of 30 failed: \(failures.prefix(3))")

        let storage = try RegisterLocation.resolve(option: address, variable: { _ in nil }).open()
        defer { storage.close() }
        let register = Register(storage: storage, now: { ScratchRegister.now })
        let report = try register.check()
        #expect(report.isIntact, "\(report.problems.prefix(5))")
        #expect(report.entries == 60 && report.events == 180)
    }

    /// SIGKILL in the middle of writing: what was committed is whole, the rest is absent, and
    /// the register still verifies and accepts new entries.
    @Test(arguments: StoreKind.available) func aKilledWriterLeavesTheRegisterConsistent(kind: StoreKind) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.loader), "build the package first")
        let scratch = try ScratchRegister(kind)
        let writers = try (1...3).map { try Self.start(Self.address(scratch), count: 100_000, prefix: "K\($0)") }
        let deadline = Date().addingTimeInterval(60)
        while try scratch.register.list().entries.count < 60, Date() < deadline { usleep(50_000) }
        for writer in writers { kill(writer.processIdentifier, SIGKILL) }
        for writer in writers { writer.waitUntilExit() }
        #expect(writers.allSatisfy { $0.terminationReason == .uncaughtSignal })

        let report = try scratch.register.check()
        #expect(report.isIntact, "\(report.problems.prefix(5))")
        #expect(report.entries >= 60)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-AFTR"), by: "Sam")
        #expect(try scratch.register.check().isIntact)
    }
}
