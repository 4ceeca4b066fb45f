import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation
import Testing

@testable import DMFApp

/// A register written by dmf-wizard 0.2.0 (`Fixtures/make-register-0.2.0.sh` says how it was
/// made), opened by this code: it still checks intact, reads exactly as 0.2.0 printed it, and
/// takes new entries and events. On PostgreSQL the same register is restored from pg_dump's SQL.
@Suite("A register made by 0.2.0") struct OlderRegisterTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// 2027-07-01T10:00:00Z, when 0.2.0 printed what is kept beside the register.
    static let clock = WallClock.fixed(Date(timeIntervalSince1970: 1_814_436_000))

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    /// A copy of the register on `kind`, removed when the test is done.
    final class Copy {
        let location: RegisterLocation
        private let cleanUp: () -> Void

        init(_ kind: StoreKind) throws {
            switch kind {
            case .sqlite:
                let folder = NSTemporaryDirectory() + "dmf-older-register-" + UUID().uuidString
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try FileManager.default.copyItem(
                    atPath: OlderRegisterTests.fixtures.appendingPathComponent("register-0.2.0.sqlite").path,
                    toPath: folder + "/register.sqlite")
                location = .sqlite(path: folder + "/register.sqlite")
                cleanUp = { try? FileManager.default.removeItem(atPath: folder) }
            case .postgres:
                let admin = try #require(StoreKind.postgresAdminURL)
                let name = "dmf_older_" + UUID().uuidString.prefix(8).lowercased()
                try ScratchRegister.psql(admin, "CREATE DATABASE \(name)")
                cleanUp = { _ = try? ScratchRegister.psql(admin, "DROP DATABASE IF EXISTS \(name)") }
                let url = ScratchRegister.url(replacingDatabaseWith: name)
                try ScratchRegister.run(
                    "/usr/bin/env",
                    [
                        "psql", "-v", "ON_ERROR_STOP=1", "-qAt", url, "-f",
                        OlderRegisterTests.fixtures.appendingPathComponent("register-0.2.0.postgres.sql").path,
                    ])
                location = .postgres(connection: url)
            }
        }

        deinit { cleanUp() }
    }

    final class Output: @unchecked Sendable {
        var out = ""
        var err = ""
    }

    /// What the command prints, cleaned as `Console` cleans it on its way to the terminal.
    func printed(_ location: RegisterLocation, _ run: (RegisterCommand) -> Int32) -> (Int32, String, String) {
        let output = Output()
        var setting = location.setting
        setting.clock = .fixed(Self.clock.now())
        let command = RegisterCommand(
            register: setting, clock: Self.clock,
            stdout: { output.out += Sanitizer.clean($0, keepNewlines: true) }, stderr: { output.err += $0 })
        let status = run(command)
        return (status, output.out, output.err)
    }

    @Test(arguments: StoreKind.available) func itChecksIntactAndReadsAsItDid(kind: StoreKind) throws {
        let copy = try Copy(kind)
        let check = printed(copy.location) { $0.check() }
        #expect(check.0 == 0, "\(check.2)")
        #expect(check.1 == (try Self.fixture("register-0.2.0.check.txt")))
        let export = printed(copy.location) { $0.export(format: .json) }
        #expect(export.1 == (try Self.fixture("register-0.2.0.export.json")))
        let list = printed(copy.location) { $0.list(ListQuery(), format: .csv) }
        #expect(list.1 == (try Self.fixture("register-0.2.0.list.csv")))
        let due = printed(copy.location) { $0.due(format: .csv) }
        #expect(due.1 == (try Self.fixture("register-0.2.0.due.csv")))
    }

    @Test(arguments: StoreKind.available) func itTakesNewEntriesAndEvents(kind: StoreKind) throws {
        let copy = try Copy(kind)
        let storage = try copy.location.open()
        defer { storage.close() }
        // On PostgreSQL the server checks the time and the account, so the register writes now,
        // as its login; on SQLite on the day 0.2.0 printed what is kept beside the register.
        let onServer = kind == .postgres
        let account = kind.account
        let register = Register(
            storage: storage, now: { onServer ? RegisterClock.system.timestamp : "2027-07-01T10:00:00Z" },
            account: { account })
        _ = try register.record(Sample.entry("DMF-20270701-NEWW"), by: "Sam")
        _ = try register.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20270701-NEWW")
        let review = try register.append(EventRequest(kind: .reviewed, by: "Iris IAO"), to: "DMF-20261129-MVM6")
        let report = try register.check()
        #expect(report.chainOnly == ChainReport(entries: 9, events: 27, problems: []))
        // The old events have no account and count as nothing; the new ones are unsigned.
        #expect(report.unsignedEvents == 1 && report.trustedSignatures == 0)
        #expect(review.account == account)
        #expect(review.nextReview == EntryHistory.oneYearAfter(review.date))
    }
}
