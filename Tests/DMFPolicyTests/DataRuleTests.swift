import DMFPolicy
import Testing

/// Classification, markings, personal data, bulk, and "not sure" answers.
@Suite("Classification, personal data and bulk")
struct DataRuleTests {
    // MARK: above-official

    @Test(
        "above-official refers SECRET and TOP SECRET to the Security team before any transfer",
        arguments: [Classification.secret, .topSecret], RouteType.allCases)
    func aboveOfficialRefers(classification: Classification, route: RouteType) throws {
        let decision = try decide(route) {
            $0.data.classification = classification
            $0.route.destinationAccreditation = $0.route.destinationAccreditation.map { _ in .topSecret }
            $0.recipients[0].clearance = .dv
        }
        let finding = try #require(decision.findings(.aboveOfficial).first)
        #expect(decision.kinds(.aboveOfficial) == [.refer])
        #expect(finding.who == .securityTeam)
        #expect(decision.verdict == .refer)
    }

    @Test(
        "above-official blocks SECRET and TOP SECRET by any kind of email",
        arguments: [Classification.secret, .topSecret], [TransferMethod.email, .secureEmail])
    func aboveOfficialByEmail(classification: Classification, method: TransferMethod) throws {
        let decision = try decide(.betweenMOJSystems) {
            $0.data.classification = classification
            $0.recipients[0].clearance = .dv
            $0.method = method
        }
        #expect(decision.kinds(.aboveOfficial) == [.blocker, .refer])
        #expect(decision.verdict == .blocked)
    }

    @Test(
        "above-official does not fire for OFFICIAL or OFFICIAL-SENSITIVE, even by email",
        arguments: [Classification.official, .officialSensitive])
    func aboveOfficialDoesNotFire(classification: Classification) throws {
        let decision = try decide(.betweenMOJSystems) {
            $0.data.classification = classification; $0.method = .secureEmail
        }
        #expect(decision.findings(.aboveOfficial).isEmpty)
    }

    // MARK: legacy-marking-review, classification-not-sure

    @Test(
        "legacy-marking-review refers every old marking to the IAO",
        arguments: LegacyMarking.allCases.filter { $0 != .none })
    func legacyMarkingFires(marking: LegacyMarking) throws {
        let finding = try #require(
            (try decide(.sameSystem) { $0.data.legacyMarking = marking })
                .findings(.legacyMarkingReview).first)
        #expect(finding.kind == .refer)
        #expect(finding.who == .iao)
    }

    @Test("legacy-marking-review does not fire without an old marking, or when the marking is left out")
    func legacyMarkingDoesNotFire() throws {
        #expect((try decide(.thirdParty)).findings(.legacyMarkingReview).isEmpty)
        #expect((try decide(.thirdParty) { $0.data.legacyMarking = nil }).findings(.legacyMarkingReview).isEmpty)
    }

    @Test("classification-not-sure refers to the IAO")
    func classificationNotSureFires() throws {
        let finding = try #require(
            (try decide(.otherGovernmentDepartment) { $0.data.classification = .notSure })
                .findings(.classificationNotSure).first)
        #expect(finding.kind == .refer)
        #expect(finding.who == .iao)
    }

    @Test(
        "classification-not-sure does not fire for a known classification",
        arguments: [Classification.official, .officialSensitive, .secret, .topSecret])
    func classificationKnown(classification: Classification) throws {
        #expect(
            (try decide(.sameSystem) { $0.data.classification = classification }).findings(.classificationNotSure)
                .isEmpty)
    }

    // MARK: personal-data

    @Test("personal-data leaving its system is an action for the Data Protection Officer", arguments: offSystemRoutes)
    func personalDataOffSystem(route: RouteType) throws {
        let finding = try #require((try decide(route) { $0.data.personalData = .yes }).findings(.personalData).first)
        #expect(finding.kind == .action)
        #expect(finding.who == .dataProtectionOfficer)
        #expect(finding.todo.contains("DPIA"))
        #expect(finding.todo.contains("privacy team") == (route == .thirdParty))
    }

    @Test("personal-data inside one system is advice only (need to know)")
    func personalDataInside() throws {
        #expect((try decide(.sameSystem) { $0.data.personalData = .yes }).kinds(.personalData) == [.advice])
    }

    @Test("personal-data does not fire when there is no personal data", arguments: RouteType.allCases)
    func noPersonalData(route: RouteType) throws {
        #expect((try decide(route)).findings(.personalData).isEmpty)
    }

    // MARK: bulk-approval

    @Test("bulk-approval off the system is an action for a senior manager", arguments: offSystemRoutes)
    func bulkOffSystem(route: RouteType) throws {
        let finding = try #require((try decide(route) { $0.data.bulk = .yes }).findings(.bulkApproval).first)
        #expect(finding.kind == .action)
        #expect(finding.who == .seniorManager)
    }

    @Test(
        "bulk-approval: a record count of 1,000 or more implies bulk when bulk is left out",
        arguments: [(999, false), (1_000, true), (2_000_000, true), (0, false)])
    func recordsImplyBulk(records: Int, fires: Bool) throws {
        let decision = try decide(.otherGovernmentDepartment) {
            $0.data.bulk = nil
            $0.data.records = records
        }
        #expect(decision.findings(.bulkApproval).isEmpty == !fires)
    }

    @Test("bulk-approval does not fire inside one system, whatever the quantity")
    func bulkInside() throws {
        #expect((try decide(.sameSystem) { $0.data.bulk = .yes }).findings(.bulkApproval).isEmpty)
        #expect(
            (try decide(.sameSystem) {
                $0.data.bulk = nil; $0.data.records = 50_000
            }).findings(.bulkApproval).isEmpty)
    }

    @Test("bulk-approval does not fire for a small transfer", arguments: offSystemRoutes)
    func notBulk(route: RouteType) throws {
        #expect((try decide(route)).findings(.bulkApproval).isEmpty)
    }

    // MARK: "not sure" answers

    struct NotSure: CustomTestStringConvertible, Sendable {
        let answer: String
        let route: RouteType
        let rule: RuleID
        let who: Actor
        let change: @Sendable (inout Answers) -> Void
        var testDescription: String { "\(answer) on \(route.rawValue)" }
    }

    static let notSureCases: [NotSure] = [
        .init(answer: "data.classification", route: .sameSystem, rule: .classificationNotSure, who: .iao) {
            $0.data.classification = .notSure
        },
        .init(answer: "recipients[0].authorised", route: .sameSystem, rule: .recipientsAuthorised, who: .iao) {
            $0.recipients[0].authorised = .notSure
        },
        .init(answer: "recipients[0].clearance", route: .sameSystem, rule: .recipientsCleared, who: .securityTeam) {
            $0.recipients[0].clearance = .notSure
        },
        .init(
            answer: "route.destination_accreditation", route: .otherGovernmentDepartment,
            rule: .ogdAccreditedDestination, who: .receivingOrganisation
        ) {
            $0.route.destinationAccreditation = .notSure
        },
        .init(
            answer: "route.destination_accreditation", route: .thirdParty,
            rule: .thirdPartyAccreditedDestination, who: .accreditor
        ) {
            $0.data.classification = .officialSensitive
            $0.route.destinationAccreditation = .notSure
        },
        .init(answer: "transfer.kind", route: .sameSystem, rule: .retention, who: .iao) { $0.transfer.kind = .notSure },
        .init(answer: "method", route: .otherGovernmentDepartment, rule: .confidentialityInTransit, who: .securityTeam)
        {
            $0.method = .notSure
        },
        .init(answer: "data.personal_data", route: .sameSystem, rule: .personalData, who: .dataProtectionOfficer) {
            $0.data.personalData = .notSure
        },
        .init(answer: "data.bulk", route: .betweenMOJSystems, rule: .bulkApproval, who: .iao) {
            $0.data.bulk = .notSure
        },
        .init(answer: "third_party.contract", route: .thirdParty, rule: .thirdPartyContract, who: .iao) {
            $0.thirdParty.contract = .notSure
        },
        .init(answer: "third_party.nda", route: .thirdParty, rule: .thirdPartyNDA, who: .iao) {
            $0.thirdParty.nda = .notSure
        },
        .init(
            answer: "third_party.security_aspects_letter", route: .thirdParty, rule: .thirdPartySALCoCo,
            who: .securityTeam
        ) { $0.thirdParty.securityAspectsLetter = .notSure },
    ]

    @Test(
        "a \"not sure\" answer refers, naming who can answer, with a \"Confirm ... with ...\" checklist item",
        arguments: notSureCases)
    func notSureRefers(notSure: NotSure) throws {
        let decision = try decide(notSure.route, notSure.change)
        let finding = try #require(decision.findings(notSure.rule).first { $0.kind == .refer })
        #expect(finding.who == notSure.who)
        #expect(finding.todo.hasPrefix("Confirm ") && finding.todo.contains(" with "), "\(finding.todo)")
        #expect(decision.verdict == .refer)
        #expect(decision.checklist.first?.rule == notSure.rule)
    }
}
