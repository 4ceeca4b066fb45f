import DMFPolicy
import Testing

/// Rules for one route: inside a system, between MOJ systems, other departments, third parties.
@Suite("Route rules")
struct RouteRuleTests {
    // MARK: same-system-no-extra-controls

    @Test(
        "same-system-no-extra-controls fires (info) for OFFICIAL and OFFICIAL-SENSITIVE inside one system",
        arguments: [Classification.official, .officialSensitive])
    func sameSystemFires(classification: Classification) throws {
        let decision = try decide(.sameSystem) {
            $0.data.classification = classification; $0.data.bulk = .yes
        }
        #expect(decision.kinds(.sameSystemNoExtraControls) == [.info])
        #expect(decision.verdict == .proceed)
    }

    @Test("same-system-no-extra-controls does not fire above OFFICIAL-SENSITIVE, when not sure, or off the system")
    func sameSystemDoesNotFire() throws {
        for classification in [Classification.secret, .topSecret, .notSure] {
            let decision = try decide(.sameSystem) {
                $0.data.classification = classification
                $0.recipients[0].clearance = .dv
            }
            #expect(decision.findings(.sameSystemNoExtraControls).isEmpty, "\(classification)")
        }
        for route in offSystemRoutes {
            #expect((try decide(route)).findings(.sameSystemNoExtraControls).isEmpty, "\(route)")
        }
    }

    // MARK: dmf-authorised and dmfRequired

    @Test(
        "dmf-authorised fires (action, IAO) and a DMF is required on every route leaving the system",
        arguments: offSystemRoutes)
    func dmfFires(route: RouteType) throws {
        let decision = try decide(route)
        let finding = try #require(decision.findings(.dmfAuthorised).first)
        #expect(finding.kind == .action)
        #expect(finding.who == .iao)
        #expect(decision.dmfRequired)
    }

    @Test("dmf-authorised does not fire and no DMF is required inside one system")
    func dmfDoesNotFire() throws {
        let decision = try decide(.sameSystem)
        #expect(decision.findings(.dmfAuthorised).isEmpty)
        #expect(!decision.dmfRequired)
        #expect(PolicyEngine.isDMFRequired(.sameSystem) == false)
    }

    // MARK: transit-controls, data-in-transit-guidance

    @Test(
        "transit-controls fires (action) between MOJ systems: confidentiality, integrity, proof of sending and receipt")
    func transitControlsFires() throws {
        let finding = try #require((try decide(.betweenMOJSystems)).findings(.transitControls).first)
        #expect(finding.kind == .action)
        for word in ["confidential", "checksum", "proof of sending", "receipt"] {
            #expect(finding.todo.localizedCaseInsensitiveContains(word), "\(word)")
        }
    }

    @Test(
        "transit-controls does not fire on other routes",
        arguments: [RouteType.sameSystem, .otherGovernmentDepartment, .thirdParty])
    func transitControlsDoesNotFire(route: RouteType) throws {
        #expect((try decide(route)).findings(.transitControls).isEmpty)
    }

    @Test("data-in-transit-guidance fires (info) on every route leaving the system", arguments: offSystemRoutes)
    func dataInTransitFires(route: RouteType) throws {
        #expect((try decide(route)).kinds(.dataInTransitGuidance) == [.info])
    }

    @Test("data-in-transit-guidance does not fire inside one system")
    func dataInTransitDoesNotFire() throws {
        #expect((try decide(.sameSystem)).findings(.dataInTransitGuidance).isEmpty)
    }

    // MARK: ogd-accredited-destination, ogd-secure-network

    @Test(
        "ogd-accredited-destination blocks a receiving system accredited below the information's tier, or not at all",
        arguments: [
            (Classification.official, Accreditation.none), (.officialSensitive, .none), (.secret, .officialSensitive),
            (.secret, .official), (.topSecret, .secret),
        ])
    func ogdLower(classification: Classification, accreditation: Accreditation) throws {
        let decision = try decide(.otherGovernmentDepartment) {
            $0.data.classification = classification
            $0.route.destinationAccreditation = accreditation
            $0.recipients[0].clearance = .dv
        }
        #expect(decision.kinds(.ogdAccreditedDestination) == [.blocker])
        #expect(decision.verdict == .blocked)
    }

    @Test("ogd-accredited-destination refers to the receiving organisation when accreditation is not sure")
    func ogdNotSure() throws {
        let decision = try decide(.otherGovernmentDepartment) { $0.route.destinationAccreditation = .notSure }
        let finding = try #require(decision.findings(.ogdAccreditedDestination).first)
        #expect(finding.kind == .refer)
        #expect(finding.who == .receivingOrganisation)
    }

    @Test(
        "ogd-accredited-destination does not fire at the same tier or higher: OFFICIAL holds OFFICIAL-SENSITIVE",
        arguments: [
            (Classification.official, Accreditation.official), (.official, .topSecret),
            (.officialSensitive, .officialSensitive), (.officialSensitive, .official), (.official, .officialSensitive),
            (.secret, .secret), (.topSecret, .topSecret),
        ])
    func ogdSameOrHigher(classification: Classification, accreditation: Accreditation) throws {
        let decision = try decide(.otherGovernmentDepartment) {
            $0.data.classification = classification
            $0.route.destinationAccreditation = accreditation
        }
        #expect(decision.findings(.ogdAccreditedDestination).isEmpty)
    }

    @Test("ogd-secure-network fires (advice) for other departments only, mentioning the NCSC-approved device")
    func ogdSecureNetwork() throws {
        let finding = try #require((try decide(.otherGovernmentDepartment)).findings(.ogdSecureNetwork).first)
        #expect(finding.kind == .advice)
        #expect(finding.text.contains("NCSC-approved (formerly CESG-approved)"))
        for route in [RouteType.sameSystem, .betweenMOJSystems, .thirdParty] {
            #expect((try decide(route)).findings(.ogdSecureNetwork).isEmpty, "\(route)")
        }
    }

    // MARK: third parties

    @Test(
        "third-party-iao-authorisation: refused blocks, pending is an action",
        arguments: [(IAODecision.refused, FindingKind.blocker), (.pending, .action)])
    func iaoAuthorisationFires(decision iao: IAODecision, kind: FindingKind) throws {
        let decision = try decide(.thirdParty) { $0.authorisation.iaoDecision = iao }
        #expect(decision.kinds(.thirdPartyIAOAuthorisation) == [kind])
    }

    @Test("third-party-iao-authorisation does not fire once the IAO has authorised, nor off the third-party route")
    func iaoAuthorisationDoesNotFire() throws {
        #expect((try decide(.thirdParty)).findings(.thirdPartyIAOAuthorisation).isEmpty)
        #expect((try decide(.otherGovernmentDepartment)).findings(.thirdPartyIAOAuthorisation).isEmpty)
    }

    @Test(
        "third-party-contract and third-party-nda: not yet in place is an action, not sure refers to the IAO",
        arguments: [RuleID.thirdPartyContract, .thirdPartyNDA],
        [(YesNoNotSure.no, FindingKind.action), (.notSure, .refer)])
    func contractAndNDAFire(rule: RuleID, answer: (YesNoNotSure, FindingKind)) throws {
        let decision = try decide(.thirdParty) {
            if rule == .thirdPartyContract { $0.thirdParty.contract = answer.0 } else { $0.thirdParty.nda = answer.0 }
        }
        let finding = try #require(decision.findings(rule).first)
        #expect(finding.kind == answer.1)
        #expect(finding.who == .iao)
        #expect(decision.findings.filter { $0.rule == .thirdPartyContract || $0.rule == .thirdPartyNDA }.count == 1)
    }

    @Test(
        "third-party-contract and third-party-nda do not fire when both are in place",
        arguments: [RuleID.thirdPartyContract, .thirdPartyNDA])
    func contractAndNDADoNotFire(rule: RuleID) throws {
        #expect((try decide(.thirdParty)).findings(rule).isEmpty)
    }

    @Test("third-party-sal-coco is advice to record SAL and CoCo; not sure refers to the Security team")
    func salCoCoFires() throws {
        #expect((try decide(.thirdParty)).kinds(.thirdPartySALCoCo) == [.advice])
        let unsure = try #require(
            (try decide(.thirdParty) { $0.thirdParty.codeOfConnection = .notSure })
                .findings(.thirdPartySALCoCo).first)
        #expect(unsure.kind == .refer)
        #expect(unsure.who == .securityTeam)
    }

    @Test(
        "third-party-sal-coco and third-party-security-advice do not fire off the third-party route",
        arguments: [RouteType.sameSystem, .betweenMOJSystems, .otherGovernmentDepartment])
    func thirdPartyAdviceDoesNotFire(route: RouteType) throws {
        let decision = try decide(route)
        #expect(decision.findings(.thirdPartySALCoCo).isEmpty)
        #expect(decision.findings(.thirdPartySecurityAdvice).isEmpty)
    }

    @Test("third-party-security-advice fires (advice) for third parties, naming the Accreditor and the CISO")
    func securityAdviceFires() throws {
        let finding = try #require((try decide(.thirdParty)).findings(.thirdPartySecurityAdvice).first)
        #expect(finding.kind == .advice)
        #expect(finding.todo.contains("Accreditor") && finding.todo.contains("CISO"))
    }

    @Test(
        "third-party-accredited-destination blocks sensitive information to a system accredited below its tier or not at all",
        arguments: [
            (Classification.officialSensitive, LegacyMarking.none, Accreditation.none),
            (.secret, .none, .officialSensitive), (.secret, .none, .official), (.topSecret, .il3Restricted, .secret),
            // IL3 RESTRICTED counts as OFFICIAL-SENSITIVE, whatever the current classification says.
            (.official, .il3Restricted, .none), (.notSure, .il3Restricted, .none),
        ])
    func thirdPartyAccreditationFires(
        classification: Classification, legacy: LegacyMarking, accreditation: Accreditation
    ) throws {
        let decision = try decide(.thirdParty) {
            $0.data.classification = classification
            $0.data.legacyMarking = legacy
            $0.route.destinationAccreditation = accreditation
            $0.recipients[0].clearance = .sc
        }
        #expect(decision.kinds(.thirdPartyAccreditedDestination) == [.blocker])
        #expect(decision.verdict == .blocked)
    }

    /// Revised 2026-12-06: SENSITIVE is a handling caveat within OFFICIAL, so a system accredited
    /// to OFFICIAL (or said to be accredited to OFFICIAL-SENSITIVE) receives OFFICIAL-SENSITIVE
    /// and IL3 RESTRICTED information; the rule still covers those, and the marking is unchanged.
    @Test(
        "third-party-accredited-destination compares by tier: a system accredited to OFFICIAL may receive OFFICIAL-SENSITIVE",
        arguments: [
            (Classification.officialSensitive, LegacyMarking.none, Accreditation.official),
            (.official, .il3Restricted, .official), (.officialSensitive, .il3Restricted, .official),
            (.officialSensitive, .none, .officialSensitive), (.secret, .none, .secret),
        ])
    func thirdPartyAccreditationByTier(
        classification: Classification, legacy: LegacyMarking, accreditation: Accreditation
    ) throws {
        var answers = baseline(.thirdParty)
        answers.data.classification = classification
        answers.data.legacyMarking = legacy
        answers.route.destinationAccreditation = accreditation
        answers.recipients[0].clearance = .sc
        let decision = try PolicyEngine.evaluate(answers)
        #expect(decision.findings(.thirdPartyAccreditedDestination).isEmpty)
        #expect(ProtectiveMarking(for: answers) == .officialSensitive || classification == .secret)
    }

    @Test("a refusal names the tier the information needs: OFFICIAL for OFFICIAL-SENSITIVE")
    func tooLowNamesTheTier() throws {
        let decision = try decide(.thirdParty) {
            $0.data.classification = .officialSensitive
            $0.route.destinationAccreditation = Accreditation.none
        }
        let finding = try #require(decision.findings(.thirdPartyAccreditedDestination).first)
        #expect(finding.text.contains("needs a system accredited to OFFICIAL or higher"), "\(finding.text)")
        let ogd = try decide(.otherGovernmentDepartment) {
            $0.data.classification = .officialSensitive
            $0.route.destinationAccreditation = .notSure
        }
        let notSure = try #require(ogd.findings(.ogdAccreditedDestination).first)
        #expect(notSure.text.contains("it must be at least OFFICIAL."), "\(notSure.text)")
    }

    @Test("third-party-accredited-destination refers to the Accreditor when accreditation is not sure")
    func thirdPartyAccreditationNotSure() throws {
        let decision = try decide(.thirdParty) {
            $0.data.classification = .officialSensitive
            $0.route.destinationAccreditation = .notSure
        }
        let finding = try #require(decision.findings(.thirdPartyAccreditedDestination).first)
        #expect(finding.kind == .refer)
        #expect(finding.who == .accreditor)
    }

    @Test(
        "third-party-accredited-destination does not fire for plain OFFICIAL, or at the same level or higher",
        arguments: [
            (Classification.official, LegacyMarking.none, Accreditation.none),
            (.officialSensitive, .none, .officialSensitive), (.officialSensitive, .none, .secret),
            (.official, .il3Restricted, .officialSensitive), (.secret, .none, .secret),
        ])
    func thirdPartyAccreditationDoesNotFire(
        classification: Classification, legacy: LegacyMarking, accreditation: Accreditation
    ) throws {
        let decision = try decide(.thirdParty) {
            $0.data.classification = classification
            $0.data.legacyMarking = legacy
            $0.route.destinationAccreditation = accreditation
        }
        #expect(decision.findings(.thirdPartyAccreditedDestination).isEmpty)
    }
}
