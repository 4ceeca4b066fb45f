// Records many made-up assessments, each with its IAO's authorisation and a "sent" event, as
// fast as one process can. The concurrency and kill tests run twenty of these at once, and
// scripts/bench-register.sh fills a register of 100,000 entries with it.
//
//   register-load LOCATION COUNT PREFIX [BUSY_SECONDS] [--entries-only]
//
// LOCATION is a SQLite path or a PostgreSQL connection string; PREFIX keeps each process's references apart.
// --entries-only records the entries without their two events (to fill a large register fast).
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 4, let count = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: register-load LOCATION COUNT PREFIX [BUSY_SECONDS]\n".utf8))
    exit(2)
}
let setting = RegisterSetting.resolve(option: arguments[1], variable: { _ in nil })
let prefix = arguments[3]
let entriesOnly = arguments.contains("--entries-only")
let now: @Sendable () -> String = { "2026-11-29T10:00:00Z" }
let register: Register
do {
    if case .sqlite(let path) = setting.location, arguments.count > 4, let busy = Double(arguments[4]) {
        register = Register(storage: try SQLiteRegister(path: path, busyTimeout: busy), now: now)
    } else {
        register = try setting.open(now: now)
    }
} catch {
    FileHandle.standardError.write(Data("register-load: \(error)\n".utf8))
    exit(1)
}
do { try register.loadHashing() } catch {
    FileHandle.standardError.write(Data("register-load: \(error)\n".utf8))
    exit(1)
}
let routes: [RouteType] = [.betweenMOJSystems, .otherGovernmentDepartment, .thirdParty, .sameSystem]
let names = ["Sam Integration", "Priya Caseworker", "Ash Estates", "Morgan Analyst", "Robin Records"]
let file = FileDigest(name: "extract.csv", bytes: Array("id,name\n1,A\n".utf8))

do {
    for index in 0..<count {
        let reference = "DMF-\(prefix)-\(index)"
        let answers = "purpose: load test \(prefix) \(index)\n"
        let entry = RegisterEntry(
            reference: reference, recordedAt: "2026-11-29T10:00:00Z", requester: names[index % names.count],
            team: "Team \(index % 37)", route: routes[index % routes.count], sourceSystem: "DISC",
            destinationOrganisation: "Organisation \(index % 101)", destinationSystem: "System \(index % 13)",
            recipientOrganisations: ["Organisation \(index % 101)"], classification: .officialSensitive,
            marking: "OFFICIAL-SENSITIVE", verdict: .conditions, rulesVersion: PolicyInfo.rulesVersion,
            transferKind: index % 2 == 0 ? .share : .move, frequency: .oneOff, deleteBy: "2027-03-31",
            fingerprint: answers, answers: answers, documents: [file])
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
