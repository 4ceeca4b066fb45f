// Records many made-up assessments, each with its IAO's authorisation and a "sent" event, as
// fast as one process can. The concurrency and kill tests run twenty of these at once, and
// scripts/bench-register.sh fills a register of 100,000 entries with it.
//
//   register-load LOCATION COUNT PREFIX [BUSY_SECONDS] [--entries-only] [--account NAME] [--signed KEY]
//
// LOCATION is a SQLite path or a PostgreSQL connection string; PREFIX keeps each process's references apart.
// --entries-only records the entries without their two events (to fill a large register fast).
// --account names the account events are written by (on PostgreSQL, the database login).
// --signed KEY records each entry with one decision signed by KEY (an unencrypted private key file),
// hundreds of statements to each `ssh-keygen -Y sign`, to fill a register of signed events.
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import DMFSignatures
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 4, let count = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: register-load LOCATION COUNT PREFIX [BUSY_SECONDS]\n".utf8))
    exit(2)
}
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
// Only the allowed signers come from the environment (DMF_ALLOWED_SIGNERS): the register is the argument.
var setting = RegisterSetting.resolve(
    option: arguments[1],
    variable: { $0 == SigningSettings.allowedSignersVariable ? ProcessInfo.processInfo.environment[$0] : nil })
if let account = option("--account") { setting.account = { account } }
let prefix = arguments[3]
let entriesOnly = arguments.contains("--entries-only")
let signingKey = option("--signed")
let register: Register
do {
    if case .sqlite(let path) = setting.location, arguments.count > 4, let busy = Double(arguments[4]) {
        let allowedSigners = setting.allowedSigners
        register = Register(
            storage: try SQLiteRegister(path: path, busyTimeout: busy), now: { RegisterClock.system.timestamp },
            account: setting.account, trust: { SignerTrust.load(path: allowedSigners) })
    } else {
        register = try setting.open()
    }
} catch {
    FileHandle.standardError.write(Data("register-load: \(error)\n".utf8))
    exit(1)
}
do { try register.loadHashing() } catch {
    FileHandle.standardError.write(Data("register-load: \(error)\n".utf8))
    exit(1)
}
/// The made-up assessment number `index`.
enum Sample {
    static let routes: [RouteType] = [.betweenMOJSystems, .otherGovernmentDepartment, .thirdParty, .sameSystem]
    static let names = ["Sam Integration", "Priya Caseworker", "Ash Estates", "Morgan Analyst", "Robin Records"]

    static func entry(prefix: String, index: Int, file: FileDigest) -> RegisterEntry {
        let answers = "purpose: load test \(prefix) \(index)\n"
        return RegisterEntry(
            reference: "DMF-\(prefix)-\(index)", recordedAt: "2026-11-29T10:00:00Z",
            requester: names[index % names.count],
            team: "Team \(index % 37)", route: routes[index % routes.count], sourceSystem: "DISC",
            destinationOrganisation: "Organisation \(index % 101)", destinationSystem: "System \(index % 13)",
            recipientOrganisations: ["Organisation \(index % 101)"], classification: .officialSensitive,
            marking: "OFFICIAL-SENSITIVE", verdict: .conditions, rulesVersion: PolicyInfo.rulesVersion,
            transferKind: index % 2 == 0 ? .share : .move, frequency: .oneOff, deleteBy: "2027-03-31",
            fingerprint: answers, answers: answers, documents: [file])
    }
}

let file = FileDigest(name: "extract.csv", bytes: Array("id,name\n1,A\n".utf8))

/// Signs each statement with `key` through `ssh-keygen -Y sign`, many files to one run.
func signed(_ statements: [[UInt8]], key: String) throws -> [EventProof] {
    let folder = NSTemporaryDirectory() + "register-load-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let paths = statements.indices.map { "\(folder)/\($0)" }
    for (path, bytes) in zip(paths, statements) { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: SSHKeygen.systemPath)
    process.arguments = ["-q", "-Y", "sign", "-f", key, "-n", SignatureNamespace.decision.rawValue] + paths
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    return try zip(paths, statements).map { path, bytes in
        let armoured = try Data(contentsOf: URL(fileURLWithPath: path + ".sig"))
        return EventProof(statement: bytes, signature: try SSHSignature(armored: Array(armoured)))
    }
}

do {
    if let signingKey {
        let account = try register.currentAccount()
        for start in stride(from: 0, to: count, by: 500) {
            var statements: [[UInt8]] = []
            var references: [String] = []
            for index in start..<min(count, start + 500) {
                let entry = Sample.entry(prefix: prefix, index: index, file: file)
                _ = try register.record(entry, by: entry.requester)
                references.append(entry.reference)
                statements.append(
                    DecisionStatement(
                        reference: entry.reference, entryDigest: entry.digest, kind: .authorised,
                        date: register.currentDay, reason: nil, by: "Iris IAO", account: account
                    ).bytes)
            }
            for (reference, proof) in zip(references, try signed(statements, key: signingKey)) {
                _ = try register.append(
                    EventRequest(kind: .authorised, by: "Iris IAO", date: register.currentDay, proof: proof),
                    to: reference)
            }
        }
        register.close()
        exit(0)
    }
    for index in 0..<count {
        let entry = Sample.entry(prefix: prefix, index: index, file: file)
        let reference = entry.reference
        _ = try register.record(entry, by: entry.requester)
        if entriesOnly { continue }
        _ = try register.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: reference)
        _ = try register.append(EventRequest(kind: .sent, by: entry.requester, files: [file]), to: reference)
    }
} catch {
    FileHandle.standardError.write(Data("register-load: \(error)\n".utf8))
    exit(1)
}
register.close()
