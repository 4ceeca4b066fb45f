/// Turns a complete set of answers into findings and a verdict, following `policy-rules.md`.
///
/// Pure: no I/O, no clock. Each rule is one function below, named after its id, in the order
/// the specification lists them. A rule decides when it fires, how heavily, who acts and which
/// answers made it fire, and names what it says as a `FindingCase`; the words are in
/// `RuleWording.swift`.
public enum PolicyEngine {
    /// Decides one transfer.
    /// - Throws: `IncompleteAnswers` when a required answer is missing (rule `recipients-listed`
    ///   is enforced here: no recipients is invalid, never a verdict).
    public static func evaluate(_ answers: Answers) throws(IncompleteAnswers) -> Decision {
        evaluate(try CompleteAnswers(answers))
    }

    /// Decides one transfer whose answers are known to be complete.
    public static func evaluate(_ answers: CompleteAnswers) -> Decision {
        let facts = Facts(answers)
        var findings: [Finding] = []
        findings.reserveCapacity(16)
        for rule in rules { rule(facts, &findings) }
        // Debug builds (and so every test) check each finding against its rule's declared kinds,
        // which the rule book prints; release builds skip the check.
        assert(findings.allSatisfy { $0.rule.kinds.contains($0.kind) }, "a rule gave a kind it does not declare")
        return Decision(
            verdict: Decision.verdict(for: findings),
            dmfRequired: isDMFRequired(answers.route.type),
            findings: findings)
    }

    /// Every rule, in the order policy-rules.md lists them (`recipients-listed` is the
    /// completeness check above).
    static let rules: [@Sendable (Facts, inout [Finding]) -> Void] = [
        recipientsAuthorised, recipientsCleared, confidentialityInTransit, retention,
        minimiseRisk, acceptableUse, sameSystemNoExtraControls, dmfAuthorised, transitControls,
        dataInTransitGuidance, ogdAccreditedDestination, ogdSecureNetwork,
        thirdPartyIAOAuthorisation, thirdPartyContract, thirdPartyNDA, thirdPartySALCoCo,
        thirdPartyAccreditedDestination, thirdPartySecurityAdvice, aboveOfficial,
        legacyMarkingReview, classificationNotSure, personalData, bulkApproval,
    ]

    /// DMF required for every route that leaves one system (policy-rules.md, "DMF required").
    public static func isDMFRequired(_ route: RouteType) -> Bool { route != .sameSystem }

    /// The complete answers, shared by every rule and every finding's deferred `because` (a
    /// class, so a finding keeps one reference rather than a copy), with the answers most
    /// findings cite.
    @dynamicMemberLookup
    final class Facts: Sendable {
        let answers: CompleteAnswers

        init(_ answers: CompleteAnswers) { self.answers = answers }

        subscript<Value>(dynamicMember keyPath: KeyPath<CompleteAnswers, Value>) -> Value {
            answers[keyPath: keyPath]
        }

        /// The route's type, which most rules ask about.
        var routeType: RouteType { answers.route.type }

        // The answers most findings cite; only spelt out when a finding's `because` is read.
        var routeFact: String { "route.type: " + routeType.rawValue }
        var classificationFact: String { "data.classification: " + answers.classification.rawValue }
        var methodFact: String { "method: " + answers.method.rawValue }

        /// One recipient's answer as findings cite it, numbered from 1 as the screens and the
        /// form number recipients: "recipient 2 mailbox: shared".
        func recipientFact(_ recipient: CompleteAnswers.Recipient, _ key: String, _ value: String) -> String {
            "recipient \(recipient.number) \(key): \(value)"
        }
    }

    // MARK: - General principles (every route)

    static func recipientsAuthorised(_ f: Facts, into out: inout [Finding]) {
        let refused = f.recipients.filter { $0.authorised == .no }
        if !refused.isEmpty {
            out.append(
                Finding(
                    .recipientsAuthorised(.notAuthorised(refused)), kind: .blocker, who: .iao,
                    because: refused.map { f.recipientFact($0, "authorised", "no") }))
        }
        // A mailbox matters only when the method delivers to one (revised 2026-11-29); with any
        // other method the answer is not asked, and ignored if given (so not in the answers).
        let shared = f.recipients.filter { $0.mailbox == .shared }
        if !shared.isEmpty {
            let because: @Sendable () -> [String] = {
                [f.methodFact] + shared.map { f.recipientFact($0, "mailbox", "shared") }
            }
            if f.method.deliversToMailbox {
                out.append(
                    Finding(
                        .recipientsAuthorised(.sharedMailbox(shared)), kind: .blocker, who: .requester,
                        because: because()))
            } else {
                // Method "not sure": it may turn out to be email, when the mailbox would block.
                out.append(
                    Finding(
                        .recipientsAuthorised(.sharedMailboxIfEmail(shared)), kind: .refer, who: .requester,
                        because: because()))
            }
        }
        let unsure = f.recipients.filter { $0.authorised == .notSure }
        if !unsure.isEmpty {
            out.append(
                Finding(
                    .recipientsAuthorised(.notSure(unsure)), kind: .refer, who: .iao,
                    because: unsure.map { f.recipientFact($0, "authorised", "not-sure") }))
        }
    }

    static func recipientsCleared(_ f: Facts, into out: inout [Finding]) {
        let minimum = f.classification.minimumClearance
        let below = f.recipients.filter { $0.clearance.meets(minimum) == false }
        if !below.isEmpty {
            out.append(
                Finding(
                    .recipientsCleared(.belowMinimum(below, classification: f.classification, minimum: minimum)),
                    kind: .blocker, who: .requester,
                    because: [f.classificationFact]
                        + below.map { f.recipientFact($0, "clearance", $0.clearance.rawValue) }))
        }
        let unsure = f.recipients.filter { $0.clearance == .notSure }
        if !unsure.isEmpty {
            out.append(
                Finding(
                    .recipientsCleared(.notSure(unsure, minimum: minimum)), kind: .refer, who: .securityTeam,
                    because: unsure.map { f.recipientFact($0, "clearance", "not-sure") }))
        }
    }

    static func confidentialityInTransit(_ f: Facts, into out: inout [Finding]) {
        func finding(
            _ said: FindingCase.ConfidentialityInTransit, _ kind: FindingKind, _ who: Actor,
            afterTransfer: Bool = false
        ) -> Finding {
            Finding(
                .confidentialityInTransit(said), kind: kind, who: who, because: [f.routeFact, f.methodFact],
                afterTransfer: afterTransfer)
        }
        // Every "not sure" is referred (policy-rules.md), even inside one system.
        guard f.routeType.leavesSystem else {
            guard f.method == .notSure else { return }
            out.append(finding(.methodNotSureInsideSystem, .refer, .securityTeam))
            return
        }
        switch f.method {
        case .email where f.routeType != .betweenMOJSystems:
            out.append(finding(.emailOutsideMOJ, .blocker, .requester))
        case .email:
            out.append(finding(.emailBetweenMOJSystems, .action, .requester))
        case .unencryptedMedia:
            out.append(finding(.unencryptedMedia, .blocker, .requester))
        case .paper:
            out.append(finding(.paperPacking, .action, .requester))
            out.append(finding(.paperArrival, .action, .requester, afterTransfer: true))
        case .withinSystem:
            out.append(finding(.withinSystemOnARouteThatLeaves, .refer, .securityTeam))
        case .notSure:
            out.append(finding(.methodNotSure, .refer, .securityTeam))
        case .secureNetwork, .sharingService, .secureEmail, .encryptedFile, .secureFileTransfer,
            .encryptedStorageDevice:
            break
        }
    }

    static func retention(_ f: Facts, into out: inout [Finding]) {
        if !f.retention.isGiven {
            out.append(
                Finding(.retention(.notGiven), kind: .action, who: .requester, because: ["retention: not given"]))
        }
        switch f.kind {
        case .move:
            out.append(
                Finding(
                    .retention(.move), kind: .action, who: .requester, because: ["transfer.kind: move"],
                    afterTransfer: true))
        case .share:
            out.append(Finding(.retention(.share), kind: .advice, who: .requester, because: ["transfer.kind: share"]))
        case .notSure:
            out.append(
                Finding(.retention(.kindNotSure), kind: .refer, who: .iao, because: ["transfer.kind: not-sure"]))
        }
    }

    static func minimiseRisk(_ f: Facts, into out: inout [Finding]) {
        out.append(Finding(.minimiseRisk(.sendOnlyWhatIsNeeded), kind: .advice, who: .requester, because: []))
    }

    static func acceptableUse(_ f: Facts, into out: inout [Finding]) {
        out.append(Finding(.acceptableUse(.applies), kind: .info, who: .requester, because: []))
    }

    // MARK: - Inside one MOJ system or domain

    static func sameSystemNoExtraControls(_ f: Facts, into out: inout [Finding]) {
        guard f.routeType == .sameSystem, f.classification == .official || f.classification == .officialSensitive
        else { return }
        out.append(
            Finding(
                .sameSystemNoExtraControls(.noExtraControls), kind: .info, who: .requester,
                because: [f.routeFact, f.classificationFact]))
    }

    // MARK: - Between MOJ systems, other departments, third parties

    static func dmfAuthorised(_ f: Facts, into out: inout [Finding]) {
        guard isDMFRequired(f.routeType) else { return }
        // On the third-party route a refusal is third-party-iao-authorisation's blocker.
        if f.routeType != .thirdParty, f.route.iaoDecision == .refused {
            out.append(
                Finding(
                    .dmfAuthorised(.refused), kind: .blocker, who: .iao,
                    because: [f.routeFact, "authorisation.iao_decision: refused"]))
            return
        }
        out.append(Finding(.dmfAuthorised(.needed), kind: .action, who: .iao, because: [f.routeFact]))
    }

    static func transitControls(_ f: Facts, into out: inout [Finding]) {
        guard f.routeType == .betweenMOJSystems else { return }
        out.append(Finding(.transitControls(.needed), kind: .action, who: .requester, because: [f.routeFact]))
    }

    static func dataInTransitGuidance(_ f: Facts, into out: inout [Finding]) {
        guard f.routeType.leavesSystem else { return }
        out.append(
            Finding(
                .dataInTransitGuidance(.follow(f.method)), kind: .info, who: .requester,
                because: [f.routeFact, f.methodFact]))
    }

    /// How a receiving system's accreditation falls short of the level the information needs,
    /// for the OGD and third-party accreditation rules; nil when it is enough.
    private enum AccreditationGap {
        case notSure, tooLow
    }

    private static func accreditationGap(_ accreditation: Accreditation, needed: Classification) -> AccreditationGap? {
        guard accreditation != .notSure else { return .notSure }
        return accreditation.covers(needed) == false ? .tooLow : nil
    }

    /// The answers an accreditation finding cites.
    private static func accreditationFacts(_ f: Facts, _ accreditation: Accreditation) -> [String] {
        [f.routeFact, f.classificationFact, "route.destination_accreditation: \(accreditation.rawValue)"]
            + (f.legacyMarking == .none ? [] : ["data.legacy_marking: \(f.legacyMarking.rawValue)"])
    }

    static func ogdAccreditedDestination(_ f: Facts, into out: inout [Finding]) {
        guard case .otherGovernmentDepartment(let accreditation, _) = f.route else { return }
        let needed = f.classification == .notSure ? Classification.official : f.classification
        switch accreditationGap(accreditation, needed: needed) {
        case .notSure:
            out.append(
                Finding(
                    .ogdAccreditedDestination(.accreditationNotSure(needed: needed)), kind: .refer,
                    who: .receivingOrganisation, because: accreditationFacts(f, accreditation)))
        case .tooLow:
            out.append(
                Finding(
                    .ogdAccreditedDestination(.accreditedTooLow(accreditation, needed: needed)), kind: .blocker,
                    who: .requester, because: accreditationFacts(f, accreditation)))
        case nil:
            break
        }
    }

    static func ogdSecureNetwork(_ f: Facts, into out: inout [Finding]) {
        guard f.routeType == .otherGovernmentDepartment else { return }
        out.append(
            Finding(
                .ogdSecureNetwork(.preferSecureNetwork), kind: .advice, who: .requester,
                because: [f.routeFact, f.methodFact]))
    }

    static func thirdPartyIAOAuthorisation(_ f: Facts, into out: inout [Finding]) {
        guard case .thirdParty(let thirdParty) = f.route else { return }
        let decision = thirdParty.iaoDecision
        let because: @Sendable () -> [String] = { [f.routeFact, "authorisation.iao_decision: \(decision.rawValue)"] }
        switch decision {
        case .authorised:
            break
        case .refused:
            out.append(Finding(.thirdPartyIAOAuthorisation(.refused), kind: .blocker, who: .iao, because: because()))
        case .pending:
            out.append(Finding(.thirdPartyIAOAuthorisation(.pending), kind: .action, who: .iao, because: because()))
        }
    }

    /// Contract and NDA share one shape: yes passes, no is an action, not sure a referral.
    private static func inPlaceBeforeTransfer(
        _ f: Facts, answer: YesNoNotSure, key: String, notInPlace: FindingCase, notSure: FindingCase,
        into out: inout [Finding]
    ) {
        let because: @Sendable () -> [String] = { [f.routeFact, "third_party.\(key): \(answer.rawValue)"] }
        switch answer {
        case .yes:
            break
        case .no:
            out.append(Finding(notInPlace, kind: .action, who: .iao, because: because()))
        case .notSure:
            out.append(Finding(notSure, kind: .refer, who: .iao, because: because()))
        }
    }

    static func thirdPartyContract(_ f: Facts, into out: inout [Finding]) {
        guard case .thirdParty(let thirdParty) = f.route else { return }
        inPlaceBeforeTransfer(
            f, answer: thirdParty.contract, key: "contract", notInPlace: .thirdPartyContract(.notInPlace),
            notSure: .thirdPartyContract(.notSure), into: &out)
    }

    static func thirdPartyNDA(_ f: Facts, into out: inout [Finding]) {
        guard case .thirdParty(let thirdParty) = f.route else { return }
        inPlaceBeforeTransfer(
            f, answer: thirdParty.nda, key: "nda", notInPlace: .thirdPartyNDA(.notInPlace),
            notSure: .thirdPartyNDA(.notSure), into: &out)
    }

    static func thirdPartySALCoCo(_ f: Facts, into out: inout [Finding]) {
        guard case .thirdParty(let thirdParty) = f.route else { return }
        let (sal, coco) = (thirdParty.securityAspectsLetter, thirdParty.codeOfConnection)
        let because: @Sendable () -> [String] = {
            [
                f.routeFact, "third_party.security_aspects_letter: \(sal.rawValue)",
                "third_party.code_of_connection: \(coco.rawValue)",
            ]
        }
        if sal == .notSure || coco == .notSure {
            out.append(Finding(.thirdPartySALCoCo(.notSure), kind: .refer, who: .securityTeam, because: because()))
            return
        }
        out.append(
            Finding(
                .thirdPartySALCoCo(.record(securityAspectsLetter: sal, codeOfConnection: coco)), kind: .advice,
                who: .iao, because: because()))
    }

    static func thirdPartyAccreditedDestination(_ f: Facts, into out: inout [Finding]) {
        guard case .thirdParty(let thirdParty) = f.route else { return }
        let accreditation = thirdParty.accreditation
        // IL3 RESTRICTED counts as OFFICIAL-SENSITIVE for this comparison (the conservative reading).
        var needed = f.classification == .notSure ? nil : f.classification
        if f.legacyMarking == .il3Restricted { needed = max(needed ?? .officialSensitive, .officialSensitive) }
        guard let level = needed, level >= .officialSensitive else {
            // Plain OFFICIAL needs no particular accreditation, but "not sure" is still referred.
            guard accreditation == .notSure else { return }
            out.append(
                Finding(
                    .thirdPartyAccreditedDestination(.accreditationNotSureForOfficial), kind: .refer,
                    who: .accreditor,
                    because: [f.routeFact, f.classificationFact, "route.destination_accreditation: not-sure"]))
            return
        }
        switch accreditationGap(accreditation, needed: level) {
        case .notSure:
            out.append(
                Finding(
                    .thirdPartyAccreditedDestination(.accreditationNotSure(needed: level)), kind: .refer,
                    who: .accreditor, because: accreditationFacts(f, accreditation)))
        case .tooLow:
            out.append(
                Finding(
                    .thirdPartyAccreditedDestination(.accreditedTooLow(accreditation, needed: level)),
                    kind: .blocker, who: .requester, because: accreditationFacts(f, accreditation)))
        case nil:
            break
        }
    }

    static func thirdPartySecurityAdvice(_ f: Facts, into out: inout [Finding]) {
        guard f.routeType == .thirdParty else { return }
        out.append(
            Finding(
                .thirdPartySecurityAdvice(.seekAdvice), kind: .advice, who: .securityTeam, because: [f.routeFact]))
    }

    // MARK: - Classification and markings

    static func aboveOfficial(_ f: Facts, into out: inout [Finding]) {
        guard f.classification == .secret || f.classification == .topSecret else { return }
        if f.method.isEmail {
            out.append(
                Finding(
                    .aboveOfficial(.neverByEmail(f.classification)), kind: .blocker, who: .requester,
                    because: [f.classificationFact, f.methodFact]))
        }
        out.append(
            Finding(
                .aboveOfficial(.askSecurityTeam(f.classification)), kind: .refer, who: .securityTeam,
                because: [f.classificationFact]))
    }

    static func legacyMarkingReview(_ f: Facts, into out: inout [Finding]) {
        let marking = f.legacyMarking
        guard marking != .none else { return }
        // Until the review, a third party's system is treated as needing accreditation.
        let said = FindingCase.LegacyMarkingReview.review(
            marking, untilThenNeedsAccreditedSystem: f.routeType == .thirdParty)
        out.append(
            Finding(
                .legacyMarkingReview(said), kind: .refer, who: .iao,
                because: ["data.legacy_marking: \(marking.rawValue)"]))
    }

    static func classificationNotSure(_ f: Facts, into out: inout [Finding]) {
        guard f.classification == .notSure else { return }
        out.append(
            Finding(.classificationNotSure(.confirm), kind: .refer, who: .iao, because: [f.classificationFact]))
    }

    // MARK: - Personal data and bulk (later guidance)

    static func personalData(_ f: Facts, into out: inout [Finding]) {
        let answer = f.personalData
        let because: @Sendable () -> [String] = { ["data.personal_data: \(answer.rawValue)", f.routeFact] }
        switch answer {
        case .no:
            break
        case .notSure:
            out.append(
                Finding(.personalData(.notSure), kind: .refer, who: .dataProtectionOfficer, because: because()))
        case .yes where !f.routeType.leavesSystem:
            out.append(Finding(.personalData(.insideSystem), kind: .advice, who: .requester, because: because()))
        case .yes:
            out.append(
                Finding(
                    .personalData(.leavingSystem(tellPrivacyTeam: f.routeType == .thirdParty)), kind: .action,
                    who: .dataProtectionOfficer, because: because()))
        }
    }

    static func bulkApproval(_ f: Facts, into out: inout [Finding]) {
        let bulk = f.bulk.inEffect
        guard bulk != .no else { return }
        // Bulk inside one system needs no extra controls; only "not sure" is referred there.
        guard f.routeType.leavesSystem || bulk == .notSure else { return }
        let because: @Sendable () -> [String] = {
            switch f.bulk {
            case .answered(let answer, let records):
                [f.routeFact] + (records.map { ["data.records: \($0)"] } ?? []) + ["data.bulk: \(answer.rawValue)"]
            case .counted(let records):
                [f.routeFact, "data.records: \(records)"]
            }
        }
        if bulk == .notSure {
            out.append(Finding(.bulkApproval(.notSure), kind: .refer, who: .iao, because: because()))
            return
        }
        out.append(Finding(.bulkApproval(.needsApproval), kind: .action, who: .seniorManager, because: because()))
    }
}
