/// What a finding says, named by the engine and put into words by `RuleWording.swift`: one
/// nested type per rule, one case per thing the rule can say, carrying only the facts its words
/// need (names, a classification, a method). The engine decides when a case arises, how heavily
/// it weighs and who acts; the wording file holds every sentence, so a policy editor changes
/// words there without touching a condition.
enum FindingCase: Sendable {
    case recipientsAuthorised(RecipientsAuthorised)
    case recipientsCleared(RecipientsCleared)
    case confidentialityInTransit(ConfidentialityInTransit)
    case retention(Retention)
    case minimiseRisk(MinimiseRisk)
    case acceptableUse(AcceptableUse)
    case sameSystemNoExtraControls(SameSystemNoExtraControls)
    case dmfAuthorised(DMFAuthorised)
    case transitControls(TransitControls)
    case dataInTransitGuidance(DataInTransitGuidance)
    case ogdAccreditedDestination(OGDAccreditedDestination)
    case ogdSecureNetwork(OGDSecureNetwork)
    case thirdPartyIAOAuthorisation(ThirdPartyIAOAuthorisation)
    case thirdPartyContract(ThirdPartyContract)
    case thirdPartyNDA(ThirdPartyNDA)
    case thirdPartySALCoCo(ThirdPartySALCoCo)
    case thirdPartyAccreditedDestination(ThirdPartyAccreditedDestination)
    case thirdPartySecurityAdvice(ThirdPartySecurityAdvice)
    case aboveOfficial(AboveOfficial)
    case legacyMarkingReview(LegacyMarkingReview)
    case classificationNotSure(ClassificationNotSure)
    case personalData(PersonalData)
    case bulkApproval(BulkApproval)

    typealias Recipient = CompleteAnswers.Recipient

    /// `recipients-listed` is the completeness check: it has a title but never gives a finding.
    enum RecipientsListed {}

    enum RecipientsAuthorised: Sendable {
        case notAuthorised([Recipient])
        /// Shared mailboxes, with a method that delivers to mailboxes.
        case sharedMailbox([Recipient])
        /// Shared mailboxes, with a method not yet known (it may turn out to be email).
        case sharedMailboxIfEmail([Recipient])
        case notSure([Recipient])
    }

    enum RecipientsCleared: Sendable {
        case belowMinimum([Recipient], classification: Classification, minimum: Clearance)
        case notSure([Recipient], minimum: Clearance)
    }

    enum ConfidentialityInTransit: Sendable {
        /// The method is not sure, inside one system.
        case methodNotSureInsideSystem
        case emailOutsideMOJ
        case emailBetweenMOJSystems
        case unencryptedMedia
        /// Paper: how it is packed and sent.
        case paperPacking
        /// Paper: that it arrived (after the transfer).
        case paperArrival
        /// "It stays inside the system", on a route that leaves it.
        case withinSystemOnARouteThatLeaves
        case methodNotSure
    }

    enum Retention: Sendable {
        /// Neither a deletion date nor a retention period.
        case notGiven
        case move
        case share
        case kindNotSure
    }

    enum MinimiseRisk: Sendable { case sendOnlyWhatIsNeeded }

    enum AcceptableUse: Sendable { case applies }

    enum SameSystemNoExtraControls: Sendable { case noExtraControls }

    enum DMFAuthorised: Sendable {
        case refused
        case needed
    }

    enum TransitControls: Sendable { case needed }

    enum DataInTransitGuidance: Sendable { case follow(TransferMethod) }

    enum OGDAccreditedDestination: Sendable {
        case accreditationNotSure(needed: Classification)
        case accreditedTooLow(Accreditation, needed: Classification)
    }

    enum OGDSecureNetwork: Sendable { case preferSecureNetwork }

    enum ThirdPartyIAOAuthorisation: Sendable {
        case refused
        case pending
    }

    enum ThirdPartyContract: Sendable {
        case notInPlace
        case notSure
    }

    enum ThirdPartyNDA: Sendable {
        case notInPlace
        case notSure
    }

    enum ThirdPartySALCoCo: Sendable {
        case notSure
        /// Both answered (yes, no or not needed): record them on the DMF.
        case record(securityAspectsLetter: YesNoNotNeeded, codeOfConnection: YesNoNotNeeded)
    }

    enum ThirdPartyAccreditedDestination: Sendable {
        case accreditationNotSure(needed: Classification)
        case accreditedTooLow(Accreditation, needed: Classification)
        /// Plain OFFICIAL needs no particular accreditation, but "not sure" is still referred.
        case accreditationNotSureForOfficial
    }

    enum ThirdPartySecurityAdvice: Sendable { case seekAdvice }

    enum AboveOfficial: Sendable {
        case neverByEmail(Classification)
        case askSecurityTeam(Classification)
    }

    enum LegacyMarkingReview: Sendable {
        /// `untilThenNeedsAccreditedSystem`: on the third-party route the information is treated as
        /// needing an accredited receiving system until the review.
        case review(LegacyMarking, untilThenNeedsAccreditedSystem: Bool)
    }

    enum ClassificationNotSure: Sendable { case confirm }

    enum PersonalData: Sendable {
        case notSure
        case insideSystem
        /// Leaving its system; `tellPrivacyTeam` when it goes to a third party.
        case leavingSystem(tellPrivacyTeam: Bool)
    }

    enum BulkApproval: Sendable {
        case notSure
        case needsApproval
    }

    /// The rule whose case this is.
    var rule: RuleID {
        switch self {
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

    /// The case's words, from the rule's section of `RuleWording.swift`.
    var words: FindingWords {
        switch self {
        case .recipientsAuthorised(let said): said.words
        case .recipientsCleared(let said): said.words
        case .confidentialityInTransit(let said): said.words
        case .retention(let said): said.words
        case .minimiseRisk(let said): said.words
        case .acceptableUse(let said): said.words
        case .sameSystemNoExtraControls(let said): said.words
        case .dmfAuthorised(let said): said.words
        case .transitControls(let said): said.words
        case .dataInTransitGuidance(let said): said.words
        case .ogdAccreditedDestination(let said): said.words
        case .ogdSecureNetwork(let said): said.words
        case .thirdPartyIAOAuthorisation(let said): said.words
        case .thirdPartyContract(let said): said.words
        case .thirdPartyNDA(let said): said.words
        case .thirdPartySALCoCo(let said): said.words
        case .thirdPartyAccreditedDestination(let said): said.words
        case .thirdPartySecurityAdvice(let said): said.words
        case .aboveOfficial(let said): said.words
        case .legacyMarkingReview(let said): said.words
        case .classificationNotSure(let said): said.words
        case .personalData(let said): said.words
        case .bulkApproval(let said): said.words
        }
    }
}

/// A rule's words: its title, and the words of each of its cases.
protocol RuleWording {
    /// What the rule is about, in a few plain words.
    static var title: String { get }
    var words: FindingWords { get }
}

/// The words of one finding.
struct FindingWords: Sendable {
    /// Why, in plain English for non-technical staff.
    var text: String
    /// The checklist line: what to do.
    var todo: String
    /// What the form leaves to be filled in for it, if the rule asks for a record on the DMF.
    var formRecord: FormRecord?

    init(text: String, todo: String, formRecord: FormRecord? = nil) {
        self.text = text
        self.todo = todo
        self.formRecord = formRecord
    }
}

extension RuleID {
    /// The rule's words: the type whose cases it can give (`RuleWording.swift` words them).
    var wording: any RuleWording.Type {
        switch self {
        case .recipientsListed: FindingCase.RecipientsListed.self
        case .recipientsAuthorised: FindingCase.RecipientsAuthorised.self
        case .recipientsCleared: FindingCase.RecipientsCleared.self
        case .confidentialityInTransit: FindingCase.ConfidentialityInTransit.self
        case .retention: FindingCase.Retention.self
        case .minimiseRisk: FindingCase.MinimiseRisk.self
        case .acceptableUse: FindingCase.AcceptableUse.self
        case .sameSystemNoExtraControls: FindingCase.SameSystemNoExtraControls.self
        case .dmfAuthorised: FindingCase.DMFAuthorised.self
        case .transitControls: FindingCase.TransitControls.self
        case .dataInTransitGuidance: FindingCase.DataInTransitGuidance.self
        case .ogdAccreditedDestination: FindingCase.OGDAccreditedDestination.self
        case .ogdSecureNetwork: FindingCase.OGDSecureNetwork.self
        case .thirdPartyIAOAuthorisation: FindingCase.ThirdPartyIAOAuthorisation.self
        case .thirdPartyContract: FindingCase.ThirdPartyContract.self
        case .thirdPartyNDA: FindingCase.ThirdPartyNDA.self
        case .thirdPartySALCoCo: FindingCase.ThirdPartySALCoCo.self
        case .thirdPartyAccreditedDestination: FindingCase.ThirdPartyAccreditedDestination.self
        case .thirdPartySecurityAdvice: FindingCase.ThirdPartySecurityAdvice.self
        case .aboveOfficial: FindingCase.AboveOfficial.self
        case .legacyMarkingReview: FindingCase.LegacyMarkingReview.self
        case .classificationNotSure: FindingCase.ClassificationNotSure.self
        case .personalData: FindingCase.PersonalData.self
        case .bulkApproval: FindingCase.BulkApproval.self
        }
    }
}
