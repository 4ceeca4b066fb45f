import DMFPolicy
import Testing

/// A complete set of answers that raises no blocker, referral or route-specific action on its own:
/// OFFICIAL, no legacy marking, no personal data, not bulk, one authorised BPSS recipient with a
/// personal mailbox, a retention period, a share. Off-system routes use a secure network and an
/// OFFICIAL-SENSITIVE accredited destination; third parties have everything in place.
func baseline(_ route: RouteType = .sameSystem) -> Answers {
    var answers = Answers()
    answers.transfer = .init(kind: .share, frequency: .oneOff, purpose: "Monthly caseload figures")
    answers.requester = .init(name: "A. Person", email: "a.person@justice.gov.uk", team: "Analysis")
    answers.data = .init(
        description: "Caseload extract", classification: .official, legacyMarking: LegacyMarking.none,
        personalData: .no, bulk: .no)
    answers.route = .init(type: route, sourceSystem: "DOM1")
    answers.recipients = [
        .init(
            name: "B. Analyst", organisation: "MOJ", role: "Statistician", mailbox: .personal,
            authorised: .yes, clearance: .bpss)
    ]
    answers.method = route == .sameSystem ? .withinSystem : .secureNetwork
    answers.retention = .init(period: "until the report is published")
    if route == .otherGovernmentDepartment || route == .thirdParty {
        answers.route.destinationOrganisation = "Receiving organisation"
        answers.route.destinationAccreditation = .officialSensitive
    }
    if route == .thirdParty {
        answers.thirdParty = .init(
            contract: .yes, nda: .yes, securityAspectsLetter: .notNeeded, codeOfConnection: .notNeeded)
        answers.authorisation = .init(iaoName: "C. Owner", iaoDecision: .authorised)
    }
    return answers
}

/// The baseline for `route`, changed by `change`, decided by the engine.
func decide(_ route: RouteType = .sameSystem, _ change: (inout Answers) -> Void = { _ in }) throws -> Decision {
    var answers = baseline(route)
    change(&answers)
    return try PolicyEngine.evaluate(answers)
}

extension Decision {
    func findings(_ rule: RuleID) -> [Finding] { findings.filter { $0.rule == rule } }
    func kinds(_ rule: RuleID) -> Set<FindingKind> { Set(findings(rule).map(\.kind)) }
    var rules: Set<RuleID> { Set(findings.map(\.rule)) }
}

/// Routes that leave the system the information is in.
let offSystemRoutes: [RouteType] = [.betweenMOJSystems, .otherGovernmentDepartment, .thirdParty]
