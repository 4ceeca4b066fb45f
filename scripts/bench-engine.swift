// Exhaustive policy-engine benchmark, compiled by scripts/bench-fill.sh with `swiftc -O`
// against the release build's DMFPolicy module (no new package target, no hidden subcommand).
//
// Usage: bench-engine [core|third-party|full] [stride]
//   core         every combination of the choice answers the engine reads, on every route, with
//                the receiving system's accreditation varied where the route asks it; the
//                third-party arrangements fixed at a baseline (contract/NDA yes, SAL/CoCo not
//                needed, IAO authorised).
//   third-party  route third-party: accreditation × the five third-party answers, crossed with
//                classification, legacy marking, authorised, clearance and method; the rest fixed.
//   full         the whole cross product (about 1.4 billion): only every `stride`-th combination
//                is evaluated, and the time for all of them is extrapolated.
import DMFPolicy
import Foundation

struct Dimension {
    let name: String
    let count: Int
    let apply: (inout Answers, Int) -> Void
}

func choice<V: AnswerValue>(_ name: String, _ path: WritableKeyPath<Answers, V?>) -> Dimension {
    let values = Array(V.allCases)
    return Dimension(name: name, count: values.count) { $0[keyPath: path] = values[$1] }
}

let kind = choice("transfer.kind", \Answers.transfer.kind)
let classification = choice("data.classification", \Answers.data.classification)
let legacy = choice("data.legacy_marking", \Answers.data.legacyMarking)
let personal = choice("data.personal_data", \Answers.data.personalData)
let bulk = choice("data.bulk", \Answers.data.bulk)
let accreditation = choice("route.destination_accreditation", \Answers.route.destinationAccreditation)
let method = choice("method", \Answers.method)
let contract = choice("third_party.contract", \Answers.thirdParty.contract)
let nda = choice("third_party.nda", \Answers.thirdParty.nda)
let sal = choice("third_party.security_aspects_letter", \Answers.thirdParty.securityAspectsLetter)
let coco = choice("third_party.code_of_connection", \Answers.thirdParty.codeOfConnection)
let iao = choice("authorisation.iao_decision", \Answers.authorisation.iaoDecision)
let mailboxes = Array(Mailbox.allCases), yesNo = Array(YesNoNotSure.allCases), clearances = Array(Clearance.allCases)
let mailbox = Dimension(name: "recipients[0].mailbox", count: mailboxes.count) { $0.recipients[0].mailbox = mailboxes[$1] }
let authorised = Dimension(name: "recipients[0].authorised", count: yesNo.count) { $0.recipients[0].authorised = yesNo[$1] }
let clearance = Dimension(name: "recipients[0].clearance", count: clearances.count) { $0.recipients[0].clearance = clearances[$1] }
let retention = Dimension(name: "retention given", count: 2) { $0.retention.period = $1 == 0 ? nil : "six months" }

func route(_ type: RouteType) -> Dimension {
    Dimension(name: "route.type=\(type.rawValue)", count: 1) { answers, _ in answers.route.type = type }
}

func baseline() -> Answers {
    var answers = Answers()
    answers.transfer.kind = .share
    answers.transfer.frequency = .oneOff
    answers.data.classification = .official
    answers.data.legacyMarking = LegacyMarking.none
    answers.data.personalData = .no
    answers.data.bulk = .no
    answers.route.type = .sameSystem
    answers.route.destinationAccreditation = .officialSensitive
    answers.recipients = [Answers.Recipient(name: "B. Analyst", mailbox: .personal, authorised: .yes, clearance: .bpss)]
    answers.method = .secureNetwork
    answers.thirdParty.contract = .yes
    answers.thirdParty.nda = .yes
    answers.thirdParty.securityAspectsLetter = .notNeeded
    answers.thirdParty.codeOfConnection = .notNeeded
    answers.authorisation.iaoDecision = .authorised
    return answers
}

let common = [kind, classification, legacy, personal, bulk, mailbox, authorised, clearance, method, retention]
let thirdPartyBlock = [accreditation, contract, nda, sal, coco, iao]

/// Each part is a list of dimensions crossed with each other; the space is the union of parts.
let spaces: [String: [[Dimension]]] = [
    "core": [
        [route(.sameSystem)] + common, [route(.betweenMOJSystems)] + common,
        [route(.otherGovernmentDepartment), accreditation] + common, [route(.thirdParty), accreditation] + common,
    ],
    "third-party": [[route(.thirdParty)] + thirdPartyBlock + [classification, legacy, authorised, clearance, method]],
    "full": [
        [route(.sameSystem)] + common, [route(.betweenMOJSystems)] + common,
        [route(.otherGovernmentDepartment), accreditation] + common, [route(.thirdParty)] + thirdPartyBlock + common,
    ],
]

let arguments = CommandLine.arguments.dropFirst()
let spaceName = arguments.first ?? "core"
let stride = max(1, Int(arguments.dropFirst().first ?? "1") ?? 1)
guard let parts = spaces[spaceName] else {
    FileHandle.standardError.write(Data("unknown space \(spaceName); use core, third-party or full\n".utf8))
    exit(2)
}

var total = 0, evaluated = 0
var verdicts: [Verdict: Int] = [:]
var incomplete = 0
let start = DispatchTime.now().uptimeNanoseconds
for dimensions in parts {
    let size = dimensions.reduce(1) { $0 * $1.count }
    total += size
    var answers = baseline()
    var index = 0
    while index < size {
        // Mixed-radix digits of `index`, one per dimension.
        var rest = index
        for dimension in dimensions {
            dimension.apply(&answers, rest % dimension.count)
            rest /= dimension.count
        }
        do {
            let decision = try PolicyEngine.evaluate(answers)
            verdicts[decision.verdict, default: 0] += 1
        } catch {
            incomplete += 1
        }
        evaluated += 1
        index += stride
    }
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let perDecision = seconds / Double(evaluated)
let counts = Verdict.allCases.map { "\($0.rawValue)=\(verdicts[$0, default: 0])" }.joined(separator: " ")
print("space=\(spaceName) combinations=\(total) evaluated=\(evaluated) seconds=\(String(format: "%.3f", seconds)) "
    + "us_per_decision=\(String(format: "%.3f", perDecision * 1e6)) decisions_per_s=\(Int(1 / perDecision)) "
    + "all_combinations_s=\(String(format: "%.2f", perDecision * Double(total))) incomplete=\(incomplete) \(counts)")
