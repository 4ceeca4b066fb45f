import DMFAnswers
import DMFPolicy
import Foundation
import Testing

/// The acceptance scenarios of policy-digest.md (i), as answer files in `Scenarios/`.
/// Where the digest and policy-rules.md disagree, policy-rules.md wins; `Scenarios/README.md`
/// gives the mapping and the reasons.
@Suite("Acceptance scenarios")
struct ScenarioTests {
    struct Scenario: CustomTestStringConvertible, Sendable {
        let file: String
        let verdict: Verdict
        /// Exactly the rules that weigh (blocker, refer or action findings).
        let decisive: Set<RuleID>
        /// Further rules (advice, info) that must appear.
        var alsoPresent: Set<RuleID> = []
        var testDescription: String { "\(file) → \(verdict.rawValue)" }
    }

    static let scenarios: [Scenario] = [
        .init(
            file: "01-same-domain-copy", verdict: .proceed, decisive: [],
            alsoPresent: [.sameSystemNoExtraControls, .retention, .minimiseRisk, .acceptableUse]),
        .init(
            file: "02-nightly-disc-quantum", verdict: .conditions,
            decisive: [.dmfAuthorised, .transitControls, .personalData, .bulkApproval],
            alsoPresent: [.dataInTransitGuidance]),
        .init(
            file: "03-ogd-approved-tool", verdict: .conditions, decisive: [.dmfAuthorised, .personalData],
            alsoPresent: [.ogdSecureNetwork]),
        .init(
            file: "04-bulk-ogd-usb", verdict: .conditions,
            decisive: [.dmfAuthorised, .personalData, .bulkApproval], alsoPresent: [.ogdSecureNetwork]),
        .init(
            file: "05-supplier-no-nda", verdict: .conditions,
            decisive: [.dmfAuthorised, .thirdPartyNDA, .thirdPartyIAOAuthorisation, .personalData],
            alsoPresent: [.thirdPartySALCoCo, .thirdPartySecurityAdvice]),
        .init(
            file: "06-unassured-saas", verdict: .blocked,
            decisive: [.thirdPartyAccreditedDestination, .dmfAuthorised]),
        .init(
            file: "07-secret-by-email", verdict: .blocked,
            decisive: [.aboveOfficial, .confidentialityInTransit, .dmfAuthorised]),
        .init(
            file: "08-legacy-restricted", verdict: .refer,
            decisive: [.legacyMarkingReview, .classificationNotSure, .dmfAuthorised]),
        .init(
            file: "09-oversize-email", verdict: .blocked,
            decisive: [.confidentialityInTransit, .dmfAuthorised, .personalData]),
        .init(
            file: "10-shared-mailbox", verdict: .blocked,
            decisive: [.recipientsAuthorised, .recipientsCleared, .dmfAuthorised, .personalData]),
        .init(
            file: "11-offshore-support", verdict: .refer,
            decisive: [
                .thirdPartySALCoCo, .thirdPartyIAOAuthorisation, .dmfAuthorised, .personalData, .bulkApproval,
                .thirdPartyAccreditedDestination,
            ]),
        .init(
            file: "12-laptop-disposal", verdict: .conditions,
            decisive: [.retention, .dmfAuthorised, .thirdPartyIAOAuthorisation, .personalData]),
        .init(
            file: "13-hmrc-official-tier", verdict: .conditions, decisive: [.dmfAuthorised],
            alsoPresent: [.ogdSecureNetwork]),
    ]

    static func path(_ file: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Scenarios", withExtension: nil))
        return url.appendingPathComponent(file + ".yaml").path
    }

    @Test("each scenario file loads and gives its expected verdict and rules", arguments: scenarios)
    func scenario(_ scenario: Scenario) throws {
        let answers = try AnswersParser.load(path: Self.path(scenario.file)).answers
        let decision = try PolicyEngine.evaluate(answers)
        #expect(decision.verdict == scenario.verdict)
        let decisive = Set(decision.findings.filter { $0.kind <= .action }.map(\.rule))
        #expect(decisive == scenario.decisive)
        #expect(decision.rules.isSuperset(of: scenario.alsoPresent))
        #expect(decision.dmfRequired == (answers.route.type != .sameSystem))
    }

    @Test("every scenario file in the bundle has an expectation, and the README covers each")
    func everyFileCovered() throws {
        let folder = try #require(Bundle.module.url(forResource: "Scenarios", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let yaml = Set(names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) })
        #expect(yaml == Set(Self.scenarios.map(\.file)))
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        for scenario in Self.scenarios { #expect(readme.contains(scenario.file), "\(scenario.file)") }
    }
}
