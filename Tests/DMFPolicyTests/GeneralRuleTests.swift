import DMFAnswers
import DMFPolicy
import Foundation
import Testing

/// Rules of "General principles": each fires on one changed answer, and stays quiet on the baseline.
@Suite("General principles")
struct GeneralRuleTests {
    @Test("baseline: proceed inside one system; on other routes only the route's own actions (DMF, transit controls)")
    func baselineIsClean() throws {
        let same = try decide(.sameSystem)
        #expect(same.verdict == .proceed)
        #expect(!same.dmfRequired)
        for route in offSystemRoutes {
            let decision = try decide(route)
            #expect(decision.verdict == .conditions, "\(route)")
            let actions: [RuleID] = route == .betweenMOJSystems ? [.dmfAuthorised, .transitControls] : [.dmfAuthorised]
            #expect(decision.findings.filter { $0.kind == .action }.map(\.rule) == actions, "\(route)")
        }
    }

    // MARK: recipients-listed

    @Test("recipients-listed: no recipients makes the answers incomplete, not a verdict")
    func recipientsListedFires() {
        var answers = baseline(.otherGovernmentDepartment)
        answers.recipients = []
        let error = #expect(throws: IncompleteAnswers.self) { try PolicyEngine.evaluate(answers) }
        #expect(error?.missing == ["recipients"])
    }

    @Test("recipients-listed: no recipients in a file is a parser error citing recipients-listed")
    func recipientsListedParserError() throws {
        var answers = baseline(.otherGovernmentDepartment)
        answers.recipients = []
        let yaml = AnswersWriter.yaml(answers)
        let error = try #require(throws: AnswersFileError.self) { try AnswersParser.parse(data: Data(yaml.utf8)) }
        #expect(error.problems.map(\.path) == ["recipients"])
        #expect(error.problems[0].message.contains("recipients-listed"))
    }

    @Test("recipients-listed: one named recipient is enough, and the rule is never a finding")
    func recipientsListedDoesNotFire() throws {
        for route in RouteType.allCases {
            #expect(!(try decide(route)).rules.contains(.recipientsListed))
        }
    }

    // MARK: recipients-authorised

    @Test("recipients-authorised fires for an unauthorised recipient (blocker, IAO)")
    func unauthorisedRecipient() throws {
        let decision = try decide(.thirdParty) { $0.recipients[0].authorised = .no }
        let finding = try #require(decision.findings(.recipientsAuthorised).first)
        #expect(finding.kind == .blocker)
        #expect(finding.who == .iao)
        #expect(finding.text.contains("B. Analyst"))
        #expect(decision.verdict == .blocked)
    }

    @Test(
        """
        recipients-authorised fires for a shared mailbox (blocker) when the method delivers to a mailbox, even \
        when marked authorised
        """
    )
    func sharedMailbox() throws {
        let decision = try decide(.otherGovernmentDepartment) {
            $0.method = .secureEmail
            $0.recipients[0].mailbox = .shared
        }
        #expect(decision.kinds(.recipientsAuthorised) == [.blocker])
        #expect(decision.verdict == .blocked)
    }

    @Test("recipients-authorised refers to the IAO when authorisation is not sure")
    func authorisationNotSure() throws {
        let decision = try decide(.betweenMOJSystems) { $0.recipients[0].authorised = .notSure }
        let finding = try #require(decision.findings(.recipientsAuthorised).first)
        #expect(finding.kind == .refer)
        #expect(finding.who == .iao)
        #expect(decision.verdict == .refer)
    }

    @Test("recipients-authorised names only the unauthorised one of several recipients")
    func oneOfTwoUnauthorised() throws {
        let decision = try decide(.betweenMOJSystems) {
            $0.recipients.append(.init(name: "D. Other", mailbox: .personal, authorised: .no, clearance: .sc))
        }
        let finding = try #require(decision.findings(.recipientsAuthorised).first)
        #expect(finding.because == ["recipient 2 authorised: no"], "numbered from 1, as the screens number recipients")
        #expect(finding.text.contains("D. Other") && !finding.text.contains("B. Analyst"))
    }

    @Test("recipients-authorised does not fire when every recipient is authorised with a personal mailbox")
    func authorisedDoesNotFire() throws {
        for route in RouteType.allCases {
            #expect((try decide(route)).findings(.recipientsAuthorised).isEmpty)
        }
    }

    // MARK: recipients-cleared

    @Test(
        "recipients-cleared fires (blocker) below the minimum: BPSS official/O-S, SC secret, DV top-secret",
        arguments: [
            (Classification.official, Clearance.none), (.officialSensitive, .none), (.secret, .bpss),
            (.secret, .ctc), (.topSecret, .sc), (.notSure, .none),
        ])
    func belowMinimumClearance(classification: Classification, clearance: Clearance) throws {
        let decision = try decide(.sameSystem) {
            $0.data.classification = classification
            $0.recipients[0].clearance = clearance
        }
        #expect(decision.kinds(.recipientsCleared) == [.blocker])
        #expect(decision.verdict == .blocked)
    }

    @Test(
        "recipients-cleared does not fire at or above the minimum",
        arguments: [
            (Classification.official, Clearance.bpss), (.officialSensitive, .bpss), (.officialSensitive, .ctc),
            (.secret, .sc), (.secret, .dv), (.topSecret, .dv), (.notSure, .bpss),
        ])
    func atMinimumClearance(classification: Classification, clearance: Clearance) throws {
        let decision = try decide(.sameSystem) {
            $0.data.classification = classification
            $0.recipients[0].clearance = clearance
        }
        #expect(decision.findings(.recipientsCleared).isEmpty)
    }

    @Test("recipients-cleared refers to the Security team when clearance is not sure")
    func clearanceNotSure() throws {
        let decision = try decide(.otherGovernmentDepartment) { $0.recipients[0].clearance = .notSure }
        let finding = try #require(decision.findings(.recipientsCleared).first)
        #expect(finding.kind == .refer)
        #expect(finding.who == .securityTeam)
        #expect(finding.todo.contains("Security team"))
    }

    // MARK: confidentiality-in-transit

    @Test(
        "confidentiality-in-transit blocks ordinary email to outside the MOJ",
        arguments: [RouteType.otherGovernmentDepartment, .thirdParty])
    func emailOutsideMOJ(route: RouteType) throws {
        let decision = try decide(route) { $0.method = .email }
        #expect(decision.kinds(.confidentialityInTransit) == [.blocker])
        #expect(decision.verdict == .blocked)
    }

    @Test(
        "confidentiality-in-transit blocks unencrypted removable media on every route leaving the system",
        arguments: offSystemRoutes)
    func unencryptedMedia(route: RouteType) throws {
        let decision = try decide(route) { $0.method = .unencryptedMedia }
        #expect(decision.kinds(.confidentialityInTransit) == [.blocker])
    }

    @Test("confidentiality-in-transit: ordinary email between MOJ systems is not a blocker (it stays inside the MOJ)")
    func emailBetweenMOJSystems() throws {
        let decision = try decide(.betweenMOJSystems) { $0.method = .email }
        #expect(!decision.kinds(.confidentialityInTransit).contains(.blocker))
    }

    @Test("confidentiality-in-transit refers to the Security team when the method is not sure")
    func methodNotSure() throws {
        let decision = try decide(.thirdParty) { $0.method = .notSure }
        let finding = try #require(decision.findings(.confidentialityInTransit).first)
        #expect(finding.kind == .refer)
        #expect(finding.who == .securityTeam)
    }

    @Test(
        "confidentiality-in-transit does not fire for a method that protects confidentiality",
        arguments: offSystemRoutes,
        [
            TransferMethod.secureNetwork, .sharingService, .secureEmail, .encryptedFile, .secureFileTransfer,
            .encryptedStorageDevice,
        ])
    func protectedMethod(route: RouteType, method: TransferMethod) throws {
        #expect((try decide(route) { $0.method = method }).findings(.confidentialityInTransit).isEmpty)
    }

    @Test(
        "confidentiality-in-transit does not apply inside one system, whatever the known method",
        arguments: TransferMethod.allCases.filter { $0 != .notSure })
    func sameSystemAnyMethod(method: TransferMethod) throws {
        #expect((try decide(.sameSystem) { $0.method = method }).findings(.confidentialityInTransit).isEmpty)
    }

    @Test("confidentiality-in-transit refers a 'not sure' method even inside one system")
    func sameSystemNotSureMethod() throws {
        let findings = (try decide(.sameSystem) { $0.method = .notSure }).findings(.confidentialityInTransit)
        #expect(findings.map(\.kind) == [.refer])
        #expect(findings.first?.who == .securityTeam)
        #expect(findings.first?.todo.hasPrefix("Confirm") == true)
    }

    // MARK: retention

    @Test("retention fires (action) when no deletion date or period is given")
    func retentionMissing() throws {
        let decision = try decide(.sameSystem) { $0.retention = .init() }
        #expect(decision.kinds(.retention).contains(.action))
        #expect(decision.verdict == .conditions)
    }

    @Test("retention fires (action) for a move: delete the sender's copy once receipt is confirmed")
    func retentionMove() throws {
        let decision = try decide(.sameSystem) { $0.transfer.kind = .move }
        let finding = try #require(decision.findings(.retention).first)
        #expect(finding.kind == .action)
        #expect(finding.todo.localizedCaseInsensitiveContains("delete your own copy"))
    }

    @Test("retention for a share asks to record where the copies are kept")
    func retentionShare() throws {
        let finding = try #require((try decide(.sameSystem)).findings(.retention).first)
        #expect(finding.todo.localizedCaseInsensitiveContains("record where every copy is kept"))
    }

    @Test("retention refers to the IAO when share or move is not sure")
    func retentionKindNotSure() throws {
        let finding = try #require((try decide(.sameSystem) { $0.transfer.kind = .notSure }).findings(.retention).first)
        #expect(finding.kind == .refer)
        #expect(finding.who == .iao)
    }

    @Test(
        "retention asks no action when a date is given and the sender shares",
        arguments: [Answers.Retention(deleteBy: "2027-03-31"), .init(period: "one year")])
    func retentionGiven(retention: Answers.Retention) throws {
        let decision = try decide(.sameSystem) { $0.retention = retention }
        #expect(!decision.kinds(.retention).contains(.action))
        #expect(!decision.kinds(.retention).contains(.refer))
    }

    // MARK: minimise-risk, acceptable-use (always present, never weigh)

    @Test(
        "minimise-risk is advice and acceptable-use is info on every route, never changing the verdict",
        arguments: RouteType.allCases)
    func alwaysPresentRules(route: RouteType) throws {
        let decision = try decide(route)
        #expect(decision.kinds(.minimiseRisk) == [.advice])
        #expect(decision.kinds(.acceptableUse) == [.info])
        let without = decision.findings.filter { $0.rule != .minimiseRisk && $0.rule != .acceptableUse }
        #expect(Decision.verdict(for: without) == decision.verdict)
    }
}
