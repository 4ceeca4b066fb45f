/// The rule ids of `policy-rules.md`, in the order the document lists them.
///
/// The id is stable: findings, checklist items, tests and the filled form all cite it.
public enum RuleID: String, CaseIterable, Sendable, Codable, Hashable {
    case recipientsListed = "recipients-listed"
    case recipientsAuthorised = "recipients-authorised"
    case recipientsCleared = "recipients-cleared"
    case confidentialityInTransit = "confidentiality-in-transit"
    case retention
    case minimiseRisk = "minimise-risk"
    case acceptableUse = "acceptable-use"
    case sameSystemNoExtraControls = "same-system-no-extra-controls"
    case dmfAuthorised = "dmf-authorised"
    case transitControls = "transit-controls"
    case dataInTransitGuidance = "data-in-transit-guidance"
    case ogdAccreditedDestination = "ogd-accredited-destination"
    case ogdSecureNetwork = "ogd-secure-network"
    case thirdPartyIAOAuthorisation = "third-party-iao-authorisation"
    case thirdPartyContract = "third-party-contract"
    case thirdPartyNDA = "third-party-nda"
    case thirdPartySALCoCo = "third-party-sal-coco"
    case thirdPartyAccreditedDestination = "third-party-accredited-destination"
    case thirdPartySecurityAdvice = "third-party-security-advice"
    case aboveOfficial = "above-official"
    case legacyMarkingReview = "legacy-marking-review"
    case classificationNotSure = "classification-not-sure"
    case personalData = "personal-data"
    case bulkApproval = "bulk-approval"

    /// Rules whose checklist item asks for the same thing as this rule's, more specifically.
    /// When one of them fires at least as heavily, this rule's item is left off the checklist
    /// (its finding stays): on the third-party route the IAO's authorisation recorded on the DMF
    /// is `dmf-authorised` said for suppliers, and the IAO's review of an old marking settles a
    /// classification that is "not sure".
    public var moreSpecific: [RuleID] {
        switch self {
        case .dmfAuthorised: [.thirdPartyIAOAuthorisation]
        case .classificationNotSure: [.legacyMarkingReview]
        default: []
        }
    }

    /// What the rule is about, in a few plain words (from `RuleWording.swift`).
    public var title: String { wording.title }
    /// The kinds of finding it can give.
    public var kinds: Set<FindingKind> { Rule.catalogue[self]!.kinds }
    /// Whether it can ask for something to be done or decided (more than advice or information).
    public var canAskForAction: Bool { kinds.contains { $0 <= .action } }
    /// Where the rule comes from.
    public var source: GuidanceSource { Rule.catalogue[self]!.source }
}

/// The passage of guidance a rule encodes.
public struct GuidanceSource: Sendable, Equatable {
    /// The section heading in the guidance ("General principles").
    public var section: String
    /// The words of the guidance exactly as written (passages apart are joined by " … "); for
    /// later guidance, a summary that names it. A test checks each passage word for word.
    public var text: String
    /// Our own words about the passage (a newer name, a spelling), printed after the quotation
    /// and outside its quotation marks so the quotation stays exact.
    public var note: String?
    /// True when the rule comes from MOJ guidance later than the December 2018 page.
    public var isLaterGuidance: Bool

    public init(section: String, text: String, note: String? = nil, isLaterGuidance: Bool = false) {
        self.section = section
        self.text = text
        self.note = note
        self.isLaterGuidance = isLaterGuidance
    }

    /// `"the quoted words" (the note)`: the form every output prints.
    public var quotation: String {
        "\"\(text)\"" + (note.map { " (\($0))" } ?? "")
    }
}

/// A rule's fixed description: its id, the kinds of finding it can give and its source. What it
/// decides lives in `PolicyEngine`; what it says (its title too) in `RuleWording.swift`.
public struct Rule: Sendable {
    public var id: RuleID
    /// What the rule is about, in a few plain words.
    public var title: String { id.title }
    /// How heavily it can weigh: the kinds of finding the engine may give for it (a test checks
    /// the engine gives no other, and that each is seen in the decision table).
    public var kinds: Set<FindingKind>
    public var source: GuidanceSource

    static let general = "General principles"
    static let internalSection = "Transporting information internally within the MOJ"
    static let ogdSection = "Transporting information with other government departments"
    static let thirdPartySection = "Transporting information with external 3rd parties"

    /// Passages several rules rest on.
    static let recipientsAuthorisedAndCleared =
        "before you transmit the information, all the recipients are authorised and cleared to receive the information"
    static let contractDMFAndNDA =
        "An appropriate contract, DMF … and Non-disclosure Agreement (NDA) must be in place prior to the transfer"

    /// One entry per rule id; a test checks none is missing.
    public static let catalogue: [RuleID: Rule] = {
        let rules: [Rule] = [
            Rule(
                id: .recipientsListed,
                kinds: [],
                source: .init(
                    section: general, text: recipientsAuthorisedAndCleared
                )),
            Rule(
                id: .recipientsAuthorised,
                kinds: [.blocker, .refer],
                source: .init(
                    section: general, text: recipientsAuthorisedAndCleared
                )),
            Rule(
                id: .recipientsCleared,
                kinds: [.blocker, .refer],
                source: .init(
                    section: general, text: recipientsAuthorisedAndCleared,
                    note:
                        "Minimum clearances, from later guidance: BPSS for OFFICIAL, SC for SECRET, DV for TOP SECRET.")
            ),
            Rule(
                id: .confidentialityInTransit,
                kinds: [.blocker, .refer, .action],
                source: .init(
                    section: general,
                    text:
                        """
                        the confidentiality of the information is protected at all times during transmission, for \
                        example by using a secure network or encrypting the data to an acceptable level
                        """
                )),
            Rule(
                id: .retention,
                kinds: [.refer, .action, .advice],
                source: .init(
                    section: general,
                    text:
                        """
                        any copies of information are kept only for as long as needed, including those \
                        transported externally … if you share information, you keep a copy of the information … \
                        if you move information, you do not keep a copy of the information
                        """
                )),
            Rule(
                id: .minimiseRisk,
                kinds: [.advice],
                source: .init(section: general, text: "information is not exposed to unnecessary risks")),
            Rule(
                id: .acceptableUse,
                kinds: [.info],
                source: .init(section: general, text: "all aspects of the Acceptable Use Policy are observed")),
            Rule(
                id: .sameSystemNoExtraControls,
                kinds: [.info],
                source: .init(
                    section: internalSection,
                    text:
                        """
                        Information classified as OFFICIAL, or with the SENSITIVE handling warning, can be \
                        transported within a MoJ ICT system or domain, such as DOM1, without additional controls \
                        being required. This applies to small quantities or larg - bulk - transport of \
                        information.
                        """,
                    note: "\"larg\" is the guidance's own spelling of \"large\".")),
            Rule(
                id: .dmfAuthorised,
                kinds: [.blocker, .action],
                source: .init(
                    section: internalSection,
                    text:
                        """
                        You must have a completed and authorised DMF to transport information between two MOJ \
                        systems.
                        """,
                    note:
                        """
                        The guidance asks the same for other government departments (\"A completed and authorised \
                        DMF is required.\") and for 3rd parties.
                        """
                )),
            Rule(
                id: .transitControls,
                kinds: [.action],
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
                        """
                )),
            Rule(
                id: .dataInTransitGuidance,
                kinds: [.info],
                source: .init(
                    section: internalSection, text: "To transport the information, follow the data in transit guidance."
                )),
            Rule(
                id: .ogdAccreditedDestination,
                kinds: [.blocker, .refer],
                source: .init(
                    section: ogdSection,
                    text:
                        """
                        Information transported with another government department must be sent to an accredited \
                        system. This means that the receiving system must be accredited to the same level as the \
                        data being sent, or higher.
                        """
                )),
            Rule(
                id: .ogdSecureNetwork,
                kinds: [.advice],
                source: .init(
                    section: ogdSection,
                    text:
                        """
                        If possible, transport information using a secure network. For occasional bulk transport \
                        of data, a CESG-approved encrypted storage device might be more suitable.
                        """,
                    note: "CESG is now the NCSC: an NCSC-approved device.")),
            Rule(
                id: .thirdPartyIAOAuthorisation,
                kinds: [.blocker, .action],
                source: .init(
                    section: thirdPartySection,
                    text:
                        """
                        Any transport of information to a 3rd party, including sub-contractors or service \
                        providers, must be authorised by the relevant IAO.
                        """,
                    note: "General principles: \"The authorisation must be recorded in a Data Movement Form (DMF).\"")),
            Rule(
                id: .thirdPartyContract,
                kinds: [.refer, .action],
                source: .init(section: thirdPartySection, text: contractDMFAndNDA)),
            Rule(
                id: .thirdPartyNDA,
                kinds: [.refer, .action],
                source: .init(section: thirdPartySection, text: contractDMFAndNDA)),
            Rule(
                id: .thirdPartySALCoCo,
                kinds: [.refer, .advice],
                source: .init(
                    section: thirdPartySection,
                    text:
                        """
                        it may also be appropriate to establish a Security Aspects Letter (SAL) and Codes of \
                        Connection (CoCo).
                        """
                )),
            Rule(
                id: .thirdPartyAccreditedDestination,
                kinds: [.blocker, .refer],
                source: .init(
                    section: thirdPartySection,
                    text:
                        """
                        Where the information attracts a marking of IL3 REST*, it must be transferred to an \
                        accredited system (accredited to the same level as the data being transferred) provided \
                        by the external 3rd party
                        """,
                    note: "IL3 REST* is the pre-2014 marking IL3 RESTRICTED.")),
            Rule(
                id: .thirdPartySecurityAdvice,
                kinds: [.advice],
                source: .init(
                    section: thirdPartySection,
                    text:
                        """
                        Any transfer to a 3rd party must be undertaken with appropriate security controls in \
                        place, using the guidance from this document, and seeking advice from the system \
                        Accreditor and MoJ CISO as required.
                        """
                )),
            Rule(
                id: .aboveOfficial,
                kinds: [.blocker, .refer],
                source: .init(
                    section: "Classification and handling (later guidance)",
                    text:
                        """
                        The route rules cover OFFICIAL information. Above OFFICIAL, ask the Security team or CISO \
                        before completing a DMF; never email SECRET or above.
                        """,
                    isLaterGuidance: true)),
            Rule(
                id: .legacyMarkingReview,
                kinds: [.refer],
                source: .init(
                    section: "Classification and handling (later guidance)",
                    text:
                        """
                        Markings from before April 2014 (such as IL3 RESTRICTED, PROTECT, CONFIDENTIAL) do not \
                        map automatically to today's levels; the owner re-reviews the classification before \
                        transfer.
                        """,
                    isLaterGuidance: true)),
            Rule(
                id: .classificationNotSure,
                kinds: [.refer],
                source: .init(
                    section: general, text: recipientsAuthorisedAndCleared,
                    note: "The Information Asset Owner owns the information and decides its classification.")),
            Rule(
                id: .personalData,
                kinds: [.refer, .action, .advice],
                source: .init(
                    section: "Personal data (later guidance)",
                    text:
                        """
                        Personal data sent outside its system: check with the Data Protection Officer whether a \
                        DPIA and a data sharing agreement are needed; personal data to a 3rd party: the privacy \
                        team must be told.
                        """,
                    isLaterGuidance: true)),
            Rule(
                id: .bulkApproval,
                kinds: [.refer, .action],
                source: .init(
                    section: "Bulk transfers (later guidance)",
                    text:
                        """
                        Bulk transfers (indicatively records about 1,000 or more people) must be authorised by a \
                        senior manager.
                        """,
                    isLaterGuidance: true)),
        ]
        return Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })
    }()
}
