import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation
import Testing

/// The two stores every contract test runs against. PostgreSQL runs when
/// `DMF_TEST_POSTGRES_URL` names a server (`.ci/run` starts one); locally without it those
/// cases are left out and `PostgresAvailabilityTests` says so. In CI it must be there.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static let postgresAdminURL: String? = ProcessInfo.processInfo.environment["DMF_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static var available: [StoreKind] { postgresAdminURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// The account events are written by: on PostgreSQL the database login of the test server's
    /// address (the server refuses any other), on SQLite a made-up one.
    var account: String {
        switch self {
        case .sqlite: "tester"
        case .postgres:
            StoreKind.postgresAdminURL.flatMap { URLComponents(string: $0)?.user } ?? "postgres"
        }
    }
}

/// A new, empty register of one kind, removed when the test is done.
final class ScratchRegister: @unchecked Sendable {
    let kind: StoreKind
    let location: RegisterLocation
    let folder: String
    private(set) var storage: any RegisterStorage
    let register: Register
    /// The PostgreSQL database made for this register (nil for SQLite).
    let databaseName: String?

    /// Fixed time for every event: 2026-11-29T10:00:00Z.
    static let now = "2026-11-29T10:00:00Z"

    init(_ kind: StoreKind) throws {
        self.kind = kind
        folder = NSTemporaryDirectory() + "dmf-register-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        switch kind {
        case .sqlite:
            databaseName = nil
            location = .sqlite(path: folder + "/register.sqlite")
        case .postgres:
            let name = "dmf_test_" + UUID().uuidString.prefix(8).lowercased()
            databaseName = name
            try Self.psql(StoreKind.postgresAdminURL!, "CREATE DATABASE \(name)")
            location = .postgres(connection: Self.url(replacingDatabaseWith: name))
        }
        storage = try location.open()
        let account = kind.account
        let fixed = ScratchRegister.now
        let onServer = kind == .postgres
        register = Register(
            storage: storage, now: { onServer ? RegisterClock.system.timestamp : fixed }, account: { account })
    }

    deinit {
        storage.close()
        try? FileManager.default.removeItem(atPath: folder)
        if let databaseName {
            _ = try? Self.psql(StoreKind.postgresAdminURL!, "DROP DATABASE IF EXISTS \(databaseName)")
        }
    }

    /// The tamper and lock tests edit the file with the `sqlite3` tool: skipped without it,
    /// saying so, except in CI, which installs it.
    static func requireSQLiteTool() throws {
        let found = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        if !found && !StoreKind.inCI { try Test.cancel("skipped: the sqlite3 tool is not installed (CI installs it)") }
    }

    /// Another program holding the SQLite file's write lock: sqlite3 takes it and keeps it for
    /// two seconds, half a second of which has passed on return. Wait for the process to end.
    static func holdLocked(_ path: String) throws -> Process {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["sqlite3", path]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\n.shell sleep 2\nCOMMIT;\n".utf8))
        try input.fileHandleForWriting.close()
        Thread.sleep(forTimeInterval: 0.5)
        return holder
    }

    /// SQL run by hand, as someone with direct access to the database would (to tamper).
    func sql(_ statement: String) throws {
        switch location {
        case .sqlite(let path):
            try Self.requireSQLiteTool()
            try Self.run("/usr/bin/env", ["sqlite3", path, statement])
        case .postgres(let url): try Self.psql(url, statement)
        case .refused(let shown, _): throw CommandFailed(description: "\(shown) is not a register")
        }
    }

    static func url(replacingDatabaseWith name: String) -> String {
        var parts = URLComponents(string: StoreKind.postgresAdminURL!)!
        parts.path = "/" + name
        return parts.string!
    }

    /// Runs SQL with psql and returns what it printed (unaligned, without headers).
    @discardableResult
    static func psql(_ url: String, _ statement: String) throws -> String {
        try run("/usr/bin/env", ["psql", "-v", "ON_ERROR_STOP=1", "-qAt", url, "-c", statement])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a tool and returns its output; fails with its error output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let errors = Pipe()
        let output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailed(
                description: "\(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
        }
        return String(decoding: printed, as: UTF8.self)
    }
}

/// Entries made to order: only what the register reads matters here.
enum Sample {
    static func entry(
        _ reference: String, verdict: Verdict = .conditions, route: RouteType = .betweenMOJSystems,
        kind: TransferKind = .share, frequency: Frequency? = .oneOff, deleteBy: String? = nil,
        requester: String = "Sam Integration", answers: String = "purpose: test\n"
    ) -> RegisterEntry {
        RegisterEntry(
            reference: reference, recordedAt: ScratchRegister.now, requester: requester, team: "Data integration",
            route: route, sourceSystem: "DISC", destinationOrganisation: "HMPPS", destinationSystem: "Quantum",
            recipientOrganisations: ["HMPPS"], classification: .officialSensitive, marking: "OFFICIAL-SENSITIVE",
            verdict: verdict, rulesVersion: PolicyInfo.rulesVersion, transferKind: kind, frequency: frequency,
            deleteBy: deleteBy, fingerprint: "fp-" + reference + answers, answers: answers,
            documents: [FileDigest(name: reference + ".md", bytes: Array("form".utf8))])
    }

    static let file = FileDigest(name: "cases.csv", bytes: Array("a,b\n1,2\n".utf8))
}

extension RegisterLocation {
    /// This register as found from the environment (no `--register` to repeat in a later command),
    /// written by the test's account; on SQLite at 2026-11-29T10:00:00Z, on PostgreSQL (whose
    /// server checks the time) now.
    var setting: RegisterSetting {
        var setting = RegisterSetting(location: self, namedBy: .environment)
        let kind: StoreKind = if case .postgres = self { .postgres } else { .sqlite }
        if kind == .sqlite { setting.clock = .fixed(Date(timeIntervalSince1970: 1_795_946_400)) }
        setting.account = { kind.account }
        return setting
    }
}

extension ChainReport {
    /// What the hash chain showed, without what signatures showed (tested on their own).
    var chainOnly: ChainReport {
        ChainReport(entries: entries, events: events, problems: problems, damage: damage, recovered: recovered)
    }
}

/// The first DMF reference in `text` (`DMF-20261129-7K3Q`).
func firstReference(in text: String) -> String? {
    text.firstMatch(of: /DMF-[0-9]{8}-[0-9A-Z]{4}/).map { String($0.output) }
}
