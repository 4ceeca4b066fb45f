import DMFPolicy
import Testing

/// Evaluates every combination of the choice answers for one recipient and checks invariants that
/// must hold whatever the answers.
///
/// Pruning, to stay within a few seconds in debug (one evaluation plus checks costs 65-200 µs):
/// - the answers that interact (classification, legacy marking, method, accreditation, clearance)
///   are combined in full, except that values every rule treats alike form one class whose
///   members take turns: PROTECT / CONFIDENTIAL / other old marking; the five protecting methods
///   other than secure email; BPSS / CTC (both at least BPSS and below SC);
/// - accreditation only varies on the routes that ask it, third-party answers only on that route;
/// - the answers that each feed a single rule (kind, personal data, bulk/records, retention,
///   authorised, mailbox, and the third-party answers) take turns alongside that product, and are
///   combined in full with each other in `independentAnswers` (the 432 third-party combinations
///   in `thirdPartyAnswerCombinations`). Both mailbox answers meet every method class in the product
///   (the method turns every few steps, the mailbox every 135), as it matters only with some methods.
@Suite("Exhaustive sweep")
struct SweepTests {
    static let legacyClasses: [[LegacyMarking]] = [[.none], [.il3Restricted], [.protect, .confidential, .other]]
    static let methodClasses: [[TransferMethod]] = [
        [.withinSystem], [.secureEmail], [.email], [.unencryptedMedia], [.paper], [.notSure],
        [.secureNetwork, .sharingService, .encryptedFile, .secureFileTransfer, .encryptedStorageDevice],
    ]
    static let clearanceClasses: [[Clearance]] = [[.none], [.bpss, .ctc], [.sc], [.dv], [.notSure]]
    /// bulk given, or left out with a record count either side of the threshold.
    static let bulkAnswers: [(YesNoNotSure?, Int?)] = [
        (.yes, nil), (.no, nil), (.notSure, 12), (nil, 999), (nil, 1_000),
    ]

    static let thirdPartyAnswers: [(Answers.ThirdParty, IAODecision)] =
        YesNoNotSure.allCases.flatMap { contract in
            YesNoNotSure.allCases.flatMap { nda in
                YesNoNotNeeded.allCases.flatMap { sal in
                    YesNoNotNeeded.allCases.flatMap { coco in
                        IAODecision.allCases.map {
                            (
                                Answers.ThirdParty(
                                    contract: contract, nda: nda, securityAspectsLetter: sal, codeOfConnection: coco),
                                $0
                            )
                        }
                    }
                }
            }
        }

    /// The single-rule answers, from one counter: a mixed radix, so consecutive counters give
    /// every combination of kind, personal data, bulk, authorised and mailbox (270), then repeat.
    static func setIndependent(_ answers: inout Answers, _ i: Int) {
        answers.transfer.kind = TransferKind.allCases[i % 3]
        answers.data.personalData = YesNoNotSure.allCases[(i / 3) % 3]
        (answers.data.bulk, answers.data.records) = bulkAnswers[(i / 9) % 5]
        answers.recipients[0].authorised = YesNoNotSure.allCases[(i / 45) % 3]
        answers.recipients[0].mailbox = Mailbox.allCases[(i / 135) % 2]
        answers.retention = i % 7 == 0 ? .init() : .init(period: "one year")
        if answers.route.type == .thirdParty {
            (answers.thirdParty, answers.authorisation.iaoDecision) = thirdPartyAnswers[i % thirdPartyAnswers.count]
        }
    }

    @Test(
        "every combination of interacting answers decides without crashing and keeps the invariants",
        arguments: RouteType.allCases)
    func interactingAnswers(route: RouteType) throws {
        let accreditations: [Accreditation?] =
            route == .otherGovernmentDepartment || route == .thirdParty ? Accreditation.allCases : [nil]
        var failures = 0
        var i = 0
        for classification in Classification.allCases {
            for legacy in Self.legacyClasses {
                for method in Self.methodClasses {
                    for accreditation in accreditations {
                        for clearance in Self.clearanceClasses {
                            var answers = baseline(route)
                            answers.data.classification = classification
                            answers.data.legacyMarking = legacy[i % legacy.count]
                            answers.method = method[i % method.count]
                            answers.route.destinationAccreditation = accreditation
                            answers.recipients[0].clearance = clearance[i % clearance.count]
                            Self.setIndependent(&answers, i)
                            i += 1
                            try Self.check(answers, failures: &failures)
                        }
                    }
                }
            }
        }
        #expect(failures == 0)
    }

    @Test(
        "every combination of kind, personal data, bulk, authorised and mailbox keeps the invariants",
        arguments: RouteType.allCases)
    func independentAnswers(route: RouteType) throws {
        var failures = 0
        for i in 0..<270 {
            var answers = baseline(route)
            Self.setIndependent(&answers, i)
            try Self.check(answers, failures: &failures)
        }
        #expect(failures == 0)
    }

    @Test("every combination of the third-party answers keeps the invariants")
    func thirdPartyAnswerCombinations() throws {
        var failures = 0
        for (thirdParty, iao) in Self.thirdPartyAnswers {
            var answers = baseline(.thirdParty)
            answers.thirdParty = thirdParty
            answers.authorisation.iaoDecision = iao
            try Self.check(answers, failures: &failures)
        }
        #expect(Self.thirdPartyAnswers.count == 432)
        #expect(failures == 0)
    }

    /// The invariants. Records at most a few issues per test so a broken rule does not flood the log.
    static func check(_ answers: Answers, failures: inout Int) throws {
        let decision = try PolicyEngine.evaluate(answers)
        var broken: [String] = []
        let kinds = Set(decision.findings.map(\.kind))
        let expected: Verdict =
            kinds.contains(.blocker)
            ? .blocked : kinds.contains(.refer) ? .refer : kinds.contains(.action) ? .conditions : .proceed
        if decision.verdict != expected {
            broken.append("verdict \(decision.verdict) but precedence gives \(expected)")
        }
        if (decision.verdict == .blocked) != kinds.contains(.blocker) { broken.append("blocked iff a blocker") }
        if decision.findings.contains(where: { !$0.rule.rule.gives.contains(Consequence($0.kind, $0.who)) }) {
            broken.append("a finding its rule does not declare")
        }
        broken += checklistProblems(decision)
        broken += mailboxProblems(answers, decision)
        if decision.dmfRequired != (answers.route.type != .sameSystem) { broken.append("dmfRequired") }
        let order = decision.findings.map(\.rule.order)
        if order != order.sorted() { broken.append("findings out of rule order") }
        if decision.rules.contains(.recipientsListed) { broken.append("recipients-listed as a finding") }
        if decision.findings(.minimiseRisk).count != 1 || decision.findings(.acceptableUse).count != 1 {
            broken.append("minimise-risk and acceptable-use once each")
        }
        if decision.findings.contains(where: { $0.text.isEmpty || $0.todo.isEmpty }) { broken.append("empty text") }
        // A "not sure" to a question every route relies on can never give proceed or conditions.
        let r = answers.recipients[0]
        let unsure =
            answers.data.classification == .notSure || r.authorised == .notSure || r.clearance == .notSure
            || answers.transfer.kind == .notSure || answers.data.personalData == .notSure
        if unsure, decision.verdict != .refer, decision.verdict != .blocked {
            broken.append("not sure gave \(decision.verdict)")
        }
        guard !broken.isEmpty else { return }
        failures += 1
        if failures <= 5 { Issue.record("\(broken.joined(separator: "; ")) for \(answers)") }
    }

    /// Each finding has its item unless a more specific rule's item covers it; no item twice;
    /// groups in order; nothing that can only be done after sending listed before it.
    static func checklistProblems(_ decision: Decision) -> [String] {
        var broken: [String] = []
        let checklist = decision.checklist
        let listed = Set(checklist.map(\.rule))
        for finding in decision.findings where !listed.contains(finding.rule) {
            if !finding.rule.moreSpecific.contains(where: listed.contains) {
                broken.append("\(finding.rule) has no checklist item")
            }
        }
        if !listed.isSubset(of: decision.rules) { broken.append("checklist item without a finding") }
        let keys = checklist.map { "\($0.group)|\($0.who)|\($0.text)" }
        if Set(keys).count != keys.count { broken.append("a checklist item appears twice") }
        if checklist.contains(where: { $0.rule == .dmfAuthorised })
            && checklist.contains(where: { $0.rule == .thirdPartyIAOAuthorisation })
        {
            broken.append("two IAO authorisation items")
        }
        if checklist.map(\.group) != checklist.map(\.group).sorted() { broken.append("checklist groups out of order") }
        if checklist.contains(where: { $0.group == .beforeSending && $0.text.contains("once the recipient confirms") })
        {
            broken.append("an after-the-transfer action under Do before sending")
        }
        return broken
    }

    /// A shared mailbox blocks only with a method that delivers to a mailbox; with any other
    /// method (bar "not sure") the mailbox answer changes nothing at all.
    static func mailboxProblems(_ answers: Answers, _ decision: Decision) -> [String] {
        guard let method = answers.method else { return [] }
        let mailboxBlocker = decision.findings.contains {
            $0.rule == .recipientsAuthorised && $0.kind == .blocker
                && $0.because.contains { $0.hasSuffix("mailbox: shared") }
        }
        let shared = answers.recipients.contains { $0.mailbox == .shared }
        if mailboxBlocker != (shared && method.deliversToMailbox) {
            return ["shared-mailbox blocker with method \(method)"]
        }
        guard !method.asksMailbox else { return [] }
        var without = answers
        for index in without.recipients.indices { without.recipients[index].mailbox = nil }
        guard let other = try? PolicyEngine.evaluate(without) else { return ["mailbox needed with method \(method)"] }
        return other == decision ? [] : ["the mailbox changed the decision with method \(method)"]
    }
}
