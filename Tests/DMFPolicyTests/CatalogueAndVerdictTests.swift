import DMFPolicy
import Foundation
import Testing

@Suite("Rule catalogue")
struct CatalogueTests {
    /// The 24 rule ids of policy-rules.md, in its order (copied from the specification by hand:
    /// the shared docs are not beside the clone in CI).
    static let specificationIDs = [
        "recipients-listed", "recipients-authorised", "recipients-cleared", "confidentiality-in-transit",
        "retention", "minimise-risk", "acceptable-use", "same-system-no-extra-controls", "dmf-authorised",
        "transit-controls", "data-in-transit-guidance", "ogd-accredited-destination", "ogd-secure-network",
        "third-party-iao-authorisation", "third-party-contract", "third-party-nda", "third-party-sal-coco",
        "third-party-accredited-destination", "third-party-security-advice", "above-official",
        "legacy-marking-review", "classification-not-sure", "personal-data", "bulk-approval",
    ]

    @Test("RuleID has exactly the 24 ids of policy-rules.md, in the document's order")
    func idsMatchSpecification() {
        #expect(Self.specificationIDs.count == 24)
        #expect(RuleID.allCases.map(\.rawValue) == Self.specificationIDs)
    }

    @Test("every rule id names its rule, with a title, a section and source text", arguments: RuleID.allCases)
    func catalogueEntry(id: RuleID) throws {
        let rule = id.rule
        #expect(rule.id == id)
        #expect(!rule.title.trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(!rule.source.section.isEmpty)
        #expect(!rule.source.text.trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(id.title == rule.title)
        #expect(Rule.all[id.order].id == id, "the engine runs the rules in the document's order")
    }

    @Test("each rule declares who acts on each kind it gives, and only recipients-listed gives none")
    func consequencesDeclared() {
        for rule in Rule.all {
            #expect(rule.gives.isEmpty == (rule.id == .recipientsListed), "\(rule.id.rawValue)")
            #expect(Set(rule.gives).count == rule.gives.count, "\(rule.id.rawValue) declares a consequence twice")
        }
    }

    @Test("the later-guidance rules are marked as such in the catalogue")
    func laterGuidanceMarked() {
        let later = Set(RuleID.allCases.filter { $0.source.isLaterGuidance })
        #expect(later == [.aboveOfficial, .legacyMarkingReview, .personalData, .bulkApproval])
    }

    @Test("the catalogue says NCSC (not just CESG) and expands IAO as Information Asset Owner")
    func wording() {
        let texts = Rule.all.map { $0.title + " " + $0.source.quotation }
        #expect(!texts.contains { $0.contains("Information Assurance Officer") })
        #expect(!texts.contains { $0.contains("CESG") && !$0.contains("NCSC") })
    }
}

@Suite("Verdict precedence")
struct VerdictTests {
    static func finding(_ kind: FindingKind) -> Finding {
        Finding(rule: .minimiseRisk, kind: kind, text: "t", todo: "d", who: .requester)
    }

    @Test(
        "the heaviest finding decides: blocker > refer > action > proceed; advice and info never change it",
        arguments: [
            ([FindingKind](), Verdict.proceed), ([.advice, .info], .proceed), ([.action], .conditions),
            ([.action, .advice, .info], .conditions), ([.refer, .action], .refer), ([.info, .refer], .refer),
            ([.blocker, .refer, .action], .blocked), ([.advice, .blocker], .blocked), ([.blocker], .blocked),
        ])
    func precedence(kinds: [FindingKind], verdict: Verdict) {
        #expect(Decision.verdict(for: kinds.map(Self.finding)) == verdict)
        #expect(Decision.verdict(for: kinds.reversed().map(Self.finding)) == verdict)
    }

    @Test("the engine's verdict follows precedence: a blocker beats a referral and actions")
    func engineBlockerBeatsRefer() throws {
        let decision = try decide(.thirdParty) {
            $0.thirdParty.nda = .no  // action
            $0.recipients[0].clearance = .notSure  // refer
            $0.method = .unencryptedMedia  // blocker
        }
        #expect(Set(decision.findings.map(\.kind)).isSuperset(of: [.blocker, .refer, .action]))
        #expect(decision.verdict == .blocked)
    }

    @Test("the engine's verdict follows precedence: a referral beats actions")
    func engineReferBeatsAction() throws {
        let decision = try decide(.thirdParty) {
            $0.thirdParty.nda = .no; $0.data.classification = .notSure
        }
        #expect(decision.verdict == .refer)
    }

    @Test(
        "DMF required for between-moj-systems, other-government-department and third-party; not for same-system",
        arguments: RouteType.allCases)
    func dmfRequired(route: RouteType) throws {
        #expect((try decide(route)).dmfRequired == (route != .sameSystem))
    }

    @Test("the checklist has one item per finding when none overlap, heaviest first, keeping rule order within a kind")
    func checklistOrder() throws {
        let decision = try decide(.thirdParty) {
            $0.thirdParty.nda = .no; $0.recipients[0].authorised = .notSure
        }
        let checklist = decision.checklist
        #expect(checklist.count == decision.findings.count)
        #expect(checklist.map(\.kind) == checklist.map(\.kind).sorted())
        #expect(checklist.allSatisfy { !$0.done })
        let actions = checklist.filter { $0.kind == .action }.map(\.rule)
        #expect(actions == decision.findings.filter { $0.kind == .action }.map(\.rule))
    }
}
