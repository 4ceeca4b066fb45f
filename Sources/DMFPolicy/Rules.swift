// Every rule of policy-rules.md, in the order it lists them: the guidance each rests on, what it
// can conclude and who acts, and when it does. What each says is in RuleWording.swift, under the
// same rule id; nothing here is worded for people except the guidance quotations.

extension Rule {
    /// Every rule, in the order `policy-rules.md` lists them (the order of `RuleID`): the engine
    /// runs them in turn.
    public static let all: [Rule] = RuleID.allCases.map(\.rule)

    /// The answers a finding cites, worked out only when someone reads them.
    typealias Because = @Sendable (CompleteAnswers) -> [Fact]

    static let general = "General principles"
    static let internalSection = "Transporting information internally within the MOJ"
    static let ogdSection = "Transporting information with other government departments"
    static let thirdPartySection = "Transporting information with external 3rd parties"
    static let laterClassification = "Classification and handling (later guidance)"

    /// How levels compare for accreditation (policy-rules.md, revised 2026-12-06).
    static let tiers = """
        Levels are compared by tier, OFFICIAL, SECRET and TOP SECRET: SENSITIVE is a handling caveat within \
        OFFICIAL, so a system accredited to OFFICIAL may receive OFFICIAL-SENSITIVE information.
        """

    /// Passages several rules rest on.
    static let recipientsAuthorisedAndCleared =
        "before you transmit the information, all the recipients are authorised and cleared to receive the information"
    static let contractDMFAndNDA =
        "An appropriate contract, DMF … and Non-disclosure Agreement (NDA) must be in place prior to the transfer"

    // MARK: - General principles (every route)

    /// The completeness check: without a named recipient the answers are not complete, so this
    /// rule never gives a finding.
    static let recipientsListed = Rule(
        .recipientsListed, words: FindingCase.RecipientsListed.self,
        source: .init(section: general, text: recipientsAuthorisedAndCleared), gives: []
    ) { _, _ in }

    static let recipientsAuthorised = Rule(
        .recipientsAuthorised, words: FindingCase.RecipientsAuthorised.self,
        source: .init(section: general, text: recipientsAuthorisedAndCleared),
        gives: [.init(.blocker, .iao), .init(.blocker, .requester), .init(.refer, .requester), .init(.refer, .iao)]
    ) { answers, out in
        let refused = answers.recipients.filter { $0.authorised == .no }
        if !refused.isEmpty {
            out.add(
                FindingCase.RecipientsAuthorised.notAuthorised(refused), .blocker, .iao,
                because: { _ in refused.map { Fact($0, \.authorised, YesNoNotSure.no) } })
        }
        // A mailbox matters only when the method delivers to one (revised 2026-11-29); with any
        // other method it is not asked, and ignored if given.
        let shared = answers.recipients.filter { $0.whenMailboxAsked?.mailbox == .shared }
        if !shared.isEmpty {
            let because: Because = { answers in
                [Fact(\.method, answers.method)] + shared.map { Fact($0, \.mailbox, Mailbox.shared) }
            }
            if answers.method.deliversToMailbox {
                out.add(FindingCase.RecipientsAuthorised.sharedMailbox(shared), .blocker, .requester, because: because)
            } else {
                // Method "not sure": it may turn out to be email, when the mailbox would block.
                out.add(
                    FindingCase.RecipientsAuthorised.sharedMailboxIfEmail(shared), .refer, .requester,
                    because: because)
            }
        }
        let unsure = answers.recipients.filter { $0.authorised == .notSure }
        if !unsure.isEmpty {
            out.add(
                FindingCase.RecipientsAuthorised.notSure(unsure), .refer, .iao,
                because: { _ in unsure.map { Fact($0, \.authorised, YesNoNotSure.notSure) } })
        }
    }

    static let recipientsCleared = Rule(
        .recipientsCleared, words: FindingCase.RecipientsCleared.self,
        source: .init(
            section: general, text: recipientsAuthorisedAndCleared,
            note: "Minimum clearances, from later guidance: \(Classification.minimumClearancesInWords)."),
        gives: [.init(.blocker, .requester), .init(.refer, .securityTeam)]
    ) { answers, out in
        let classification = answers.data.classification
        let minimum = classification.minimumClearance
        let below = answers.recipients.filter { $0.clearance.meets(minimum) == false }
        if !below.isEmpty {
            out.add(
                FindingCase.RecipientsCleared.belowMinimum(below, classification: classification, minimum: minimum),
                .blocker, .requester,
                because: { answers in
                    [Fact(\.data.classification, answers.data.classification)]
                        + below.map { Fact($0, \.clearance, $0.clearance) }
                })
        }
        let unsure = answers.recipients.filter { $0.clearance == .notSure }
        if !unsure.isEmpty {
            out.add(
                FindingCase.RecipientsCleared.notSure(unsure, minimum: minimum), .refer, .securityTeam,
                because: { _ in unsure.map { Fact($0, \.clearance, Clearance.notSure) } })
        }
    }

    static let confidentialityInTransit = Rule(
        .confidentialityInTransit, words: FindingCase.ConfidentialityInTransit.self,
        source: .init(
            section: general,
            text:
                """
                the confidentiality of the information is protected at all times during transmission, for \
                example by using a secure network or encrypting the data to an acceptable level
                """),
        gives: [.init(.blocker, .requester), .init(.refer, .securityTeam), .init(.action, .requester)]
    ) { answers, out in
        let route = answers.route.type
        let because: Because = { [Fact(\.route.type, $0.route.type), Fact(\.method, $0.method)] }
        typealias Said = FindingCase.ConfidentialityInTransit
        // Every "not sure" is referred (policy-rules.md), even inside one system.
        guard route.leavesSystem else {
            if answers.method == .notSure {
                out.add(Said.methodNotSureInsideSystem, .refer, .securityTeam, because: because)
            }
            return
        }
        switch answers.method {
        case .email where route != .betweenMOJSystems:
            out.add(Said.emailOutsideMOJ, .blocker, .requester, because: because)
        case .email:
            out.add(Said.emailBetweenMOJSystems, .action, .requester, because: because)
        case .unencryptedMedia:
            out.add(Said.unencryptedMedia, .blocker, .requester, because: because)
        case .paper:
            out.add(Said.paperPacking, .action, .requester, because: because)
            out.add(Said.paperArrival, .action, .requester, because: because, afterTransfer: true)
        case .withinSystem:
            out.add(Said.withinSystemOnARouteThatLeaves, .refer, .securityTeam, because: because)
        case .notSure:
            out.add(Said.methodNotSure, .refer, .securityTeam, because: because)
        case .secureNetwork, .sharingService, .secureEmail, .encryptedFile, .secureFileTransfer,
            .encryptedStorageDevice:
            break
        }
    }

    static let retention = Rule(
        .retention, words: FindingCase.Retention.self,
        source: .init(
            section: general,
            text:
                """
                any copies of information are kept only for as long as needed, including those \
                transported externally … if you share information, you keep a copy of the information … \
                if you move information, you do not keep a copy of the information
                """),
        gives: [.init(.refer, .iao), .init(.action, .requester), .init(.advice, .requester)]
    ) { answers, out in
        if !answers.retention.isGiven {
            out.add(
                FindingCase.Retention.notGiven, .action, .requester,
                because: { _ in [Fact(notGiven: \.retention.deleteBy), Fact(notGiven: \.retention.period)] })
        }
        let kind = answers.transfer.kind
        let because: Because = { [Fact(\.transfer.kind, $0.transfer.kind)] }
        switch kind {
        case .move: out.add(FindingCase.Retention.move, .action, .requester, because: because, afterTransfer: true)
        case .share: out.add(FindingCase.Retention.share, .advice, .requester, because: because)
        case .notSure: out.add(FindingCase.Retention.kindNotSure, .refer, .iao, because: because)
        }
    }

    static let minimiseRisk = Rule(
        .minimiseRisk, words: FindingCase.MinimiseRisk.self,
        source: .init(section: general, text: "information is not exposed to unnecessary risks"),
        gives: [.init(.advice, .requester), .init(.action, .requester)]
    ) { answers, out in
        // Left out of an answers file, the question gives the advice it always gave.
        let because: Because = { answers in answers.data.minimised.map { [Fact(\.data.minimised, $0)] } ?? [] }
        switch answers.data.minimised {
        case .yes, nil: out.add(FindingCase.MinimiseRisk.sendOnlyWhatIsNeeded, .advice, .requester, because: because)
        case .no: out.add(FindingCase.MinimiseRisk.moreThanIsNeeded, .action, .requester, because: because)
        case .notSure: out.add(FindingCase.MinimiseRisk.needsNotKnown, .action, .requester, because: because)
        }
    }

    static let acceptableUse = Rule(
        .acceptableUse, words: FindingCase.AcceptableUse.self,
        source: .init(section: general, text: "all aspects of the Acceptable Use Policy are observed"),
        gives: [.init(.info, .requester)]
    ) { _, out in
        out.add(FindingCase.AcceptableUse.applies, .info, .requester)
    }

    // MARK: - Inside one MOJ system or domain

    static let sameSystemNoExtraControls = Rule(
        .sameSystemNoExtraControls, words: FindingCase.SameSystemNoExtraControls.self,
        source: .init(
            section: internalSection,
            text:
                """
                Information classified as OFFICIAL, or with the SENSITIVE handling warning, can be \
                transported within a MoJ ICT system or domain, such as DOM1, without additional controls \
                being required. This applies to small quantities or larg - bulk - transport of \
                information.
                """,
            note: "\"larg\" is the guidance's own spelling of \"large\"."),
        gives: [.init(.info, .requester)]
    ) { answers, out in
        let classification = answers.data.classification
        guard answers.route.type == .sameSystem, classification == .official || classification == .officialSensitive
        else { return }
        out.add(
            FindingCase.SameSystemNoExtraControls.noExtraControls, .info, .requester,
            because: { [Fact(\.route.type, $0.route.type), Fact(\.data.classification, $0.data.classification)] })
    }

    // MARK: - Between MOJ systems, other departments, third parties

    static let dmfAuthorised = Rule(
        .dmfAuthorised, words: FindingCase.DMFAuthorised.self,
        source: .init(
            section: internalSection,
            text: "You must have a completed and authorised DMF to transport information between two MOJ systems.",
            note:
                """
                The guidance asks the same for other government departments (\"A completed and authorised \
                DMF is required.\") and for 3rd parties.
                """),
        gives: [.init(.blocker, .iao), .init(.action, .iao)]
    ) { answers, out in
        let route = answers.route.type
        guard PolicyEngine.isDMFRequired(route) else { return }
        // On the third-party route a refusal is third-party-iao-authorisation's blocker.
        if route != .thirdParty, answers.authorisation.iaoDecision == .refused {
            out.add(
                FindingCase.DMFAuthorised.refused, .blocker, .iao,
                because: {
                    [Fact(\.route.type, $0.route.type), Fact(\.authorisation.iaoDecision, IAODecision.refused)]
                })
            return
        }
        out.add(FindingCase.DMFAuthorised.needed, .action, .iao, because: { [Fact(\.route.type, $0.route.type)] })
    }

    static let transitControls = Rule(
        .transitControls, words: FindingCase.TransitControls.self,
        source: .init(
            section: internalSection,
            text:
                """
                If the transport is between different MOJ systems or domains, for example between DISC \
                and Quantum, then additional controls might be required. These controls: … ensure the \
                information is transported correctly to preserve its confidentiality … maintain the \
                integrity of the data during transport, to guard against inadvertent, accidental or \
                deliberate modification … ensure the exchange cannot be denied by either party, for \
                example by enabling proof of sending or proof of receipt
                """),
        gives: [.init(.action, .requester)]
    ) { answers, out in
        guard TransitControls.areRequired(on: answers.route.type) else { return }
        out.add(
            FindingCase.TransitControls.needed, .action, .requester, because: { [Fact(\.route.type, $0.route.type)] })
    }

    static let dataInTransitGuidance = Rule(
        .dataInTransitGuidance, words: FindingCase.DataInTransitGuidance.self,
        source: .init(
            section: internalSection, text: "To transport the information, follow the data in transit guidance."),
        gives: [.init(.info, .requester)]
    ) { answers, out in
        guard answers.route.type.leavesSystem else { return }
        out.add(
            FindingCase.DataInTransitGuidance.follow(answers.method), .info, .requester,
            because: { [Fact(\.route.type, $0.route.type), Fact(\.method, $0.method)] })
    }

    static let ogdAccreditedDestination = Rule(
        .ogdAccreditedDestination, words: FindingCase.OGDAccreditedDestination.self,
        source: .init(
            section: ogdSection,
            text:
                """
                Information transported with another government department must be sent to an accredited \
                system. This means that the receiving system must be accredited to the same level as the \
                data being sent, or higher.
                """,
            note: tiers),
        gives: [.init(.blocker, .requester), .init(.refer, .receivingOrganisation)]
    ) { answers, out in
        guard answers.route.type == .otherGovernmentDepartment,
            let accreditation = answers.whenAccreditedDestination?.destinationAccreditation
        else { return }
        // By tier: the receiving system must hold the information's tier (OFFICIAL when "not sure").
        let needed = answers.data.classification.tier ?? .official
        switch AccreditationGap(accreditation, needed: needed) {
        case .notSure:
            out.add(
                FindingCase.OGDAccreditedDestination.accreditationNotSure(needed: needed), .refer,
                .receivingOrganisation, because: accreditationFacts)
        case .tooLow:
            out.add(
                FindingCase.OGDAccreditedDestination.accreditedTooLow(accreditation, needed: needed), .blocker,
                .requester, because: accreditationFacts)
        case nil:
            break
        }
    }

    static let ogdSecureNetwork = Rule(
        .ogdSecureNetwork, words: FindingCase.OGDSecureNetwork.self,
        source: .init(
            section: ogdSection,
            text:
                """
                If possible, transport information using a secure network. For occasional bulk transport \
                of data, a CESG-approved encrypted storage device might be more suitable.
                """,
            note: "CESG is now the NCSC: an NCSC-approved device."),
        gives: [.init(.advice, .requester)]
    ) { answers, out in
        guard answers.route.type == .otherGovernmentDepartment else { return }
        out.add(
            FindingCase.OGDSecureNetwork.preferSecureNetwork, .advice, .requester,
            because: { [Fact(\.route.type, $0.route.type), Fact(\.method, $0.method)] })
    }

    static let thirdPartyIAOAuthorisation = Rule(
        .thirdPartyIAOAuthorisation, words: FindingCase.ThirdPartyIAOAuthorisation.self,
        source: .init(
            section: thirdPartySection,
            text:
                """
                Any transport of information to a 3rd party, including sub-contractors or service \
                providers, must be authorised by the relevant IAO.
                """,
            note: "General principles: \"The authorisation must be recorded in a Data Movement Form (DMF).\""),
        gives: [.init(.blocker, .iao), .init(.action, .iao)]
    ) { answers, out in
        guard let thirdParty = answers.whenThirdParty else { return }
        let decision = thirdParty.iaoDecision
        let because: Because = { answers in
            [Fact(\.route.type, answers.route.type)]
                + (answers.authorisation.iaoDecision.map { [Fact(\.authorisation.iaoDecision, $0)] } ?? [])
        }
        switch decision {
        case .authorised: break
        case .refused: out.add(FindingCase.ThirdPartyIAOAuthorisation.refused, .blocker, .iao, because: because)
        case .pending: out.add(FindingCase.ThirdPartyIAOAuthorisation.pending, .action, .iao, because: because)
        }
    }

    static let thirdPartyContract = Rule(
        .thirdPartyContract, words: FindingCase.ThirdPartyContract.self,
        source: .init(section: thirdPartySection, text: contractDMFAndNDA),
        gives: [.init(.refer, .iao), .init(.action, .iao)]
    ) { answers, out in
        guard let contract = answers.whenThirdParty?.contract else { return }
        let because: Because = { answers in
            [Fact(\.route.type, answers.route.type)]
                + (answers.thirdParty.contract.map { [Fact(\.thirdParty.contract, $0)] } ?? [])
        }
        switch contract {
        case .yes: break
        case .no: out.add(FindingCase.ThirdPartyContract.notInPlace, .action, .iao, because: because)
        case .notSure: out.add(FindingCase.ThirdPartyContract.notSure, .refer, .iao, because: because)
        }
    }

    static let thirdPartyNDA = Rule(
        .thirdPartyNDA, words: FindingCase.ThirdPartyNDA.self,
        source: .init(section: thirdPartySection, text: contractDMFAndNDA),
        gives: [.init(.refer, .iao), .init(.action, .iao)]
    ) { answers, out in
        guard let nda = answers.whenThirdParty?.nda else { return }
        let because: Because = { answers in
            [Fact(\.route.type, answers.route.type)]
                + (answers.thirdParty.nda.map { [Fact(\.thirdParty.nda, $0)] } ?? [])
        }
        switch nda {
        case .yes: break
        case .no: out.add(FindingCase.ThirdPartyNDA.notInPlace, .action, .iao, because: because)
        case .notSure: out.add(FindingCase.ThirdPartyNDA.notSure, .refer, .iao, because: because)
        }
    }

    static let thirdPartySALCoCo = Rule(
        .thirdPartySALCoCo, words: FindingCase.ThirdPartySALCoCo.self,
        source: .init(
            section: thirdPartySection,
            text:
                """
                it may also be appropriate to establish a Security Aspects Letter (SAL) and Codes of \
                Connection (CoCo).
                """),
        gives: [.init(.refer, .securityTeam), .init(.advice, .iao)]
    ) { answers, out in
        guard let thirdParty = answers.whenThirdParty else { return }
        let (sal, coco) = (thirdParty.securityAspectsLetter, thirdParty.codeOfConnection)
        let because: Because = { answers in
            [Fact(\.route.type, answers.route.type)]
                + (answers.thirdParty.securityAspectsLetter.map { [Fact(\.thirdParty.securityAspectsLetter, $0)] } ?? [])
                + (answers.thirdParty.codeOfConnection.map { [Fact(\.thirdParty.codeOfConnection, $0)] } ?? [])
        }
        if sal == .notSure || coco == .notSure {
            out.add(FindingCase.ThirdPartySALCoCo.notSure, .refer, .securityTeam, because: because)
            return
        }
        out.add(
            FindingCase.ThirdPartySALCoCo.record(securityAspectsLetter: sal, codeOfConnection: coco), .advice, .iao,
            because: because)
    }

    static let thirdPartyAccreditedDestination = Rule(
        .thirdPartyAccreditedDestination, words: FindingCase.ThirdPartyAccreditedDestination.self,
        source: .init(
            section: thirdPartySection,
            text:
                """
                Where the information attracts a marking of IL3 REST*, it must be transferred to an \
                accredited system (accredited to the same level as the data being transferred) provided \
                by the external 3rd party
                """,
            note: "IL3 REST* is the pre-2014 marking IL3 RESTRICTED. \(tiers)"),
        gives: [.init(.blocker, .requester), .init(.refer, .accreditor)]
    ) { answers, out in
        guard answers.route.type == .thirdParty,
            let accreditation = answers.whenAccreditedDestination?.destinationAccreditation
        else { return }
        typealias Said = FindingCase.ThirdPartyAccreditedDestination
        let classification = answers.data.classification
        // Which transfers the rule covers: OFFICIAL-SENSITIVE and above, and IL3 RESTRICTED, which
        // counts as OFFICIAL-SENSITIVE here (the conservative reading).
        var needed = classification == .notSure ? nil : classification
        if answers.legacyMarking == .il3Restricted { needed = max(needed ?? .officialSensitive, .officialSensitive) }
        guard let level = needed, level >= .officialSensitive else {
            // Plain OFFICIAL needs no particular accreditation, but "not sure" is still referred.
            guard accreditation == .notSure else { return }
            out.add(
                Said.accreditationNotSureForOfficial, .refer, .accreditor,
                because: { answers in
                    [
                        Fact(\.route.type, answers.route.type),
                        Fact(\.data.classification, answers.data.classification),
                        Fact(\.route.destinationAccreditation, Accreditation.notSure),
                    ]
                })
            return
        }
        // Compared by tier: a system accredited to OFFICIAL holds OFFICIAL-SENSITIVE and IL3 RESTRICTED.
        let tier = level.tier ?? level
        switch AccreditationGap(accreditation, needed: tier) {
        case .notSure:
            out.add(
                Said.accreditationNotSure(needed: tier), .refer, .accreditor,
                because: accreditationFacts)
        case .tooLow:
            out.add(
                Said.accreditedTooLow(accreditation, needed: tier), .blocker, .requester,
                because: accreditationFacts)
        case nil:
            break
        }
    }

    static let thirdPartySecurityAdvice = Rule(
        .thirdPartySecurityAdvice, words: FindingCase.ThirdPartySecurityAdvice.self,
        source: .init(
            section: thirdPartySection,
            text:
                """
                Any transfer to a 3rd party must be undertaken with appropriate security controls in \
                place, using the guidance from this document, and seeking advice from the system \
                Accreditor and MoJ CISO as required.
                """),
        gives: [.init(.advice, .securityTeam)]
    ) { answers, out in
        guard answers.route.type == .thirdParty else { return }
        out.add(
            FindingCase.ThirdPartySecurityAdvice.seekAdvice, .advice, .securityTeam,
            because: { [Fact(\.route.type, $0.route.type)] })
    }

    // MARK: - Classification and markings

    static let aboveOfficial = Rule(
        .aboveOfficial, words: FindingCase.AboveOfficial.self,
        source: .init(
            section: laterClassification,
            text:
                """
                The route rules cover OFFICIAL information. Above OFFICIAL, ask the Security team or CISO \
                before completing a DMF; never email SECRET or above.
                """,
            isLaterGuidance: true),
        gives: [.init(.blocker, .requester), .init(.refer, .securityTeam)]
    ) { answers, out in
        let classification = answers.data.classification
        guard classification == .secret || classification == .topSecret else { return }
        if answers.method.isEmail {
            out.add(
                FindingCase.AboveOfficial.neverByEmail(classification), .blocker, .requester,
                because: { [Fact(\.data.classification, $0.data.classification), Fact(\.method, $0.method)] })
        }
        out.add(
            FindingCase.AboveOfficial.askSecurityTeam(classification), .refer, .securityTeam,
            because: { [Fact(\.data.classification, $0.data.classification)] })
    }

    static let legacyMarkingReview = Rule(
        .legacyMarkingReview, words: FindingCase.LegacyMarkingReview.self,
        source: .init(
            section: laterClassification,
            text:
                """
                Markings from before April 2014 (such as IL3 RESTRICTED, PROTECT, CONFIDENTIAL) do not \
                map automatically to today's levels; the owner re-reviews the classification before \
                transfer.
                """,
            isLaterGuidance: true),
        gives: [.init(.refer, .iao)]
    ) { answers, out in
        let marking = answers.legacyMarking
        guard marking != .none else { return }
        // Until the review, a third party's system is treated as needing accreditation.
        out.add(
            FindingCase.LegacyMarkingReview.review(
                marking, untilThenNeedsAccreditedSystem: answers.route.type == .thirdParty),
            .refer, .iao, because: { [Fact(\.data.legacyMarking, $0.legacyMarking)] })
    }

    static let classificationNotSure = Rule(
        .classificationNotSure, words: FindingCase.ClassificationNotSure.self,
        source: .init(
            section: general, text: recipientsAuthorisedAndCleared,
            note: "The Information Asset Owner owns the information and decides its classification."),
        gives: [.init(.refer, .iao)]
    ) { answers, out in
        guard answers.data.classification == .notSure else { return }
        out.add(
            FindingCase.ClassificationNotSure.confirm, .refer, .iao,
            because: { _ in [Fact(\.data.classification, Classification.notSure)] })
    }

    // MARK: - Personal data and bulk (later guidance)

    static let personalData = Rule(
        .personalData, words: FindingCase.PersonalData.self,
        source: .init(
            section: "Personal data (later guidance)",
            text:
                """
                Personal data sent outside its system: check with the Data Protection Officer whether a \
                DPIA and a data sharing agreement are needed; personal data to a 3rd party: the privacy \
                team must be told.
                """,
            isLaterGuidance: true),
        gives: [
            .init(.refer, .dataProtectionOfficer), .init(.action, .dataProtectionOfficer), .init(.advice, .requester),
        ]
    ) { answers, out in
        let answer = answers.data.personalData
        let route = answers.route.type
        let because: Because = { [Fact(\.data.personalData, $0.data.personalData), Fact(\.route.type, $0.route.type)] }
        switch answer {
        case .no:
            break
        case .notSure:
            out.add(FindingCase.PersonalData.notSure, .refer, .dataProtectionOfficer, because: because)
        case .yes where !route.leavesSystem:
            out.add(FindingCase.PersonalData.insideSystem, .advice, .requester, because: because)
        case .yes:
            out.add(
                FindingCase.PersonalData.leavingSystem(tellPrivacyTeam: route == .thirdParty), .action,
                .dataProtectionOfficer, because: because)
        }
    }

    static let bulkApproval = Rule(
        .bulkApproval, words: FindingCase.BulkApproval.self,
        source: .init(
            section: "Bulk transfers (later guidance)",
            text:
                """
                Bulk transfers (indicatively records about \(BulkTransfer.thresholdText) or more people) must be \
                authorised by a senior manager.
                """,
            isLaterGuidance: true),
        gives: [.init(.refer, .iao), .init(.action, .seniorManager)]
    ) { answers, out in
        // Complete answers give the bulk answer, the number of records, or both.
        guard let bulk = BulkTransfer.inEffect(answer: answers.data.bulk, records: answers.data.records),
            bulk != .no
        else { return }
        let route = answers.route.type
        // Bulk inside one system needs no extra controls; only "not sure" is referred there.
        guard route.leavesSystem || bulk == .notSure else { return }
        let because: Because = { answers in
            [Fact(\.route.type, answers.route.type)] + (answers.data.records.map { [Fact(\.data.records, $0)] } ?? [])
                + (answers.data.bulk.map { [Fact(\.data.bulk, $0)] } ?? [])
        }
        if bulk == .notSure {
            out.add(FindingCase.BulkApproval.notSure, .refer, .iao, because: because)
        } else {
            out.add(FindingCase.BulkApproval.needsApproval, .action, .seniorManager, because: because)
        }
    }

    // MARK: - Shared by rules

    /// The answers an accreditation finding cites.
    @Sendable private static func accreditationFacts(_ answers: CompleteAnswers) -> [Fact] {
        var facts = [Fact(\.route.type, answers.route.type), Fact(\.data.classification, answers.data.classification)]
        if let accreditation = answers.route.destinationAccreditation {
            facts.append(Fact(\.route.destinationAccreditation, accreditation))
        }
        if answers.legacyMarking != .none { facts.append(Fact(\.data.legacyMarking, answers.legacyMarking)) }
        return facts
    }
}

/// How a receiving system's accreditation falls short of the level the information needs, for
/// the OGD and third-party accreditation rules; nil when it is enough.
enum AccreditationGap {
    case notSure, tooLow

    init?(_ accreditation: Accreditation, needed: Classification) {
        guard accreditation != .notSure else {
            self = .notSure
            return
        }
        guard accreditation.covers(needed) == false else { return nil }
        self = .tooLow
    }
}

extension RuleID {
    /// The rule with this id (a test checks each names its own id).
    public var rule: Rule {
        switch self {
        case .recipientsListed: .recipientsListed
        case .recipientsAuthorised: .recipientsAuthorised
        case .recipientsCleared: .recipientsCleared
        case .confidentialityInTransit: .confidentialityInTransit
        case .retention: .retention
        case .minimiseRisk: .minimiseRisk
        case .acceptableUse: .acceptableUse
        case .sameSystemNoExtraControls: .sameSystemNoExtraControls
        case .dmfAuthorised: .dmfAuthorised
        case .transitControls: .transitControls
        case .dataInTransitGuidance: .dataInTransitGuidance
        case .ogdAccreditedDestination: .ogdAccreditedDestination
        case .ogdSecureNetwork: .ogdSecureNetwork
        case .thirdPartyIAOAuthorisation: .thirdPartyIAOAuthorisation
        case .thirdPartyContract: .thirdPartyContract
        case .thirdPartyNDA: .thirdPartyNDA
        case .thirdPartySALCoCo: .thirdPartySALCoCo
        case .thirdPartyAccreditedDestination: .thirdPartyAccreditedDestination
        case .thirdPartySecurityAdvice: .thirdPartySecurityAdvice
        case .aboveOfficial: .aboveOfficial
        case .legacyMarkingReview: .legacyMarkingReview
        case .classificationNotSure: .classificationNotSure
        case .personalData: .personalData
        case .bulkApproval: .bulkApproval
        }
    }
}
