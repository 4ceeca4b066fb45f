// Every word a rule says, one section per rule in the order policy-rules.md lists them: the
// cases the rule can give (what it says, carrying only what the words need: recipients, a
// classification, a method), the rule's title, then for each case the reason people read, the
// checklist line, and what the form leaves to fill in, if anything. When a case arises, how
// heavily it weighs and who acts are decided in Rules.swift; nothing here changes a verdict.
//
// `dmf-wizard rules` prints every wording the decision table's transfers give, and its golden
// copy (Tests/DMFDocumentsTests/Golden/rule-book.md) shows any change here as a diff.

/// The cases of every rule, by rule (`FindingCase.RecipientsAuthorised`…).
enum FindingCase {
    typealias Recipient = CompleteAnswers.Recipient

    /// Words given by hand rather than by a rule's case (`Finding.init(rule:kind:text:…)`).
    struct Given: RuleWording {
        static let title = ""
        var words: FindingWords { FindingWords(text: "", todo: "") }
    }
}

/// A rule's words: its title, and the words of each of its cases.
protocol RuleWording: Sendable {
    /// What the rule is about, in a few plain words.
    static var title: String { get }
    var words: FindingWords { get }
}

/// The words of one finding.
struct FindingWords: Sendable, Equatable {
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

// MARK: - recipients-listed

extension FindingCase {
    /// `recipients-listed` is the completeness check: it has a title but never gives a finding.
    enum RecipientsListed: RuleWording {}
}

extension FindingCase.RecipientsListed {
    static let title = "At least one recipient is named"

    var words: FindingWords {
        switch self {}
    }
}

// MARK: - recipients-authorised

extension FindingCase {
    enum RecipientsAuthorised: RuleWording {
        case notAuthorised([Recipient])
        /// Shared mailboxes, with a method that delivers to mailboxes.
        case sharedMailbox([Recipient])
        /// Shared mailboxes, with a method not yet known (it may turn out to be email).
        case sharedMailboxIfEmail([Recipient])
        case notSure([Recipient])
    }
}

extension FindingCase.RecipientsAuthorised {
    static let title = "Every recipient is authorised"

    var words: FindingWords {
        switch self {
        case .notAuthorised(let recipients):
            FindingWords(
                text: "\(names(recipients)) \(isAre(recipients)) not authorised to receive this information. "
                    + "Everyone who receives it must be authorised before anything is sent.",
                todo:
                    """
                    Remove \(names(recipients)) from the recipients, or have the Information Asset Owner authorise \
                    them, before sending.
                    """)
        case .sharedMailbox(let recipients):
            FindingWords(
                text:
                    """
                    \(names(recipients)) \(sharedMailboxes(recipients)), and the method delivers to mailboxes. \
                    Nobody can show that everyone who reads a shared mailbox is authorised and cleared.
                    """,
                todo: "Send to named people with personal mailboxes instead of \(names(recipients)).")
        case .sharedMailboxIfEmail(let recipients):
            FindingWords(
                text:
                    """
                    \(names(recipients)) \(sharedMailboxes(recipients)). If the information goes by email, that is \
                    not allowed: nobody can show that everyone who reads a shared mailbox is authorised and cleared.
                    """,
                todo:
                    """
                    If the method turns out to be email or secure email, send to named people with personal \
                    mailboxes instead of \(names(recipients)).
                    """)
        case .notSure(let recipients):
            FindingWords(
                text: "You are not sure whether \(names(recipients)) \(isAre(recipients)) "
                    + "authorised to receive this information.",
                todo: "Confirm with the Information Asset Owner that \(names(recipients)) \(isAre(recipients)) "
                    + "authorised to receive it.")
        }
    }

    private func sharedMailboxes(_ recipients: [FindingCase.Recipient]) -> String {
        recipients.count == 1 ? "is a shared or group mailbox" : "are shared or group mailboxes"
    }
}

// MARK: - recipients-cleared

extension FindingCase {
    enum RecipientsCleared: RuleWording {
        case belowMinimum([Recipient], classification: Classification, minimum: Clearance)
        case notSure([Recipient], minimum: Clearance)
    }
}

extension FindingCase.RecipientsCleared {
    static let title = "Every recipient holds the clearance the information needs"

    var words: FindingWords {
        switch self {
        case .belowMinimum(let recipients, let classification, let minimum):
            FindingWords(
                text: "Information marked \(classification == .notSure ? "at any level" : classification.label) "
                    + "needs recipients cleared to at least \(minimum.label); "
                    + "\(names(recipients)) \(isAre(recipients)) not.",
                todo: "Remove \(names(recipients)), or wait until \(theyHold(recipients)) "
                    + "\(minimum.label) clearance, before sending.")
        case .notSure(let recipients, let minimum):
            FindingWords(
                text: "You are not sure of the security clearance of \(names(recipients)); "
                    + "at least \(minimum.label) is needed.",
                todo: "Confirm with \(names(recipients))'s line manager or the Security team that "
                    + "\(theyHold(recipients)) \(minimum.label) clearance or above.")
        }
    }

    private func theyHold(_ recipients: [FindingCase.Recipient]) -> String {
        recipients.count == 1 ? "they hold" : "each holds"
    }
}

// MARK: - confidentiality-in-transit

extension FindingCase {
    enum ConfidentialityInTransit: RuleWording {
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
}

extension FindingCase.ConfidentialityInTransit {
    static let title = "The information is kept confidential while it travels"

    var words: FindingWords {
        switch self {
        case .methodNotSureInsideSystem:
            FindingWords(
                text: "You are not sure how the information will be moved.",
                todo: "Confirm with the Security team how the information will be moved inside the system.")
        case .emailOutsideMOJ:
            FindingWords(
                text: "Ordinary email to outside the MOJ is not protected while it travels.",
                todo:
                    """
                    Choose a protected method instead: an approved sharing service, secure email, secure file \
                    transfer or an encrypted file.
                    """)
        case .emailBetweenMOJSystems:
            FindingWords(
                text:
                    """
                    Ordinary email between MOJ systems stays on MOJ networks only if both mailboxes are MOJ \
                    mailboxes.
                    """,
                todo:
                    """
                    Check that both ends are MOJ mailboxes on MOJ networks, or use a secure network or \
                    sharing service instead.
                    """)
        case .unencryptedMedia:
            FindingWords(
                text:
                    """
                    An unencrypted USB stick, disk or CD does not protect the information if it is lost or \
                    stolen.
                    """,
                todo: "Use an MOJ-issued encrypted storage device, or a secure network or sharing service instead.")
        case .paperPacking:
            FindingWords(
                text: "Paper is protected in transit only by how it is packed and sent.",
                todo:
                    """
                    Send paper in an unmarked, double envelope by tracked post or secure courier, and warn \
                    the recipient it is coming.
                    """)
        case .paperArrival:
            FindingWords(
                text: "Paper can go astray on the way; only the recipient can say it arrived.",
                todo: "Confirm with the recipient that the paper has arrived, sealed and complete.")
        case .withinSystemOnARouteThatLeaves:
            FindingWords(
                text:
                    """
                    You said the information stays inside one system, but it is going to another system or \
                    organisation, so it is not clear how it will travel.
                    """,
                todo: "Agree with the Security team how the information will be protected in transit.")
        case .methodNotSure:
            FindingWords(
                text:
                    """
                    You are not sure how the information will travel, so nobody can yet check that it is \
                    protected on the way.
                    """,
                todo: "Confirm with the Security team a method that protects the information in transit.")
        }
    }
}

extension FindingCase.ConfidentialityInTransit {
    /// The form's line on confidentiality in transit: it reports this rule's finding, never judges
    /// the method again.
    static func formLine(leavesSystem: Bool, method: TransferMethod?, unresolved: Bool) -> String {
        guard leavesSystem else { return "Stays inside one system: no extra controls needed" }
        guard let method, !unresolved else {
            return "Not yet shown: see the findings (rule \(RuleID.confidentialityInTransit.rawValue))"
        }
        return "Protected by the method (\(method.label.lowercasedFirst))"
    }
}

// MARK: - retention

extension FindingCase {
    enum Retention: RuleWording {
        /// Neither a deletion date nor a retention period.
        case notGiven
        case move
        case share
        case kindNotSure
    }
}

extension FindingCase.Retention {
    static let title = "Copies are kept only as long as needed"

    var words: FindingWords {
        switch self {
        case .notGiven:
            FindingWords(
                text:
                    """
                    No deletion date or retention period is given. Copies must be kept only as long as they \
                    are needed.
                    """,
                todo: "Agree a deletion date or retention period with the recipient and record it on the DMF.",
                formRecord: .entry(title: "Deletion date or retention period agreed with the recipient"))
        case .move:
            FindingWords(
                text: "This is a move: afterwards only the recipient should hold the information.",
                todo: "Delete your own copy once the recipient confirms they have received it.")
        case .share:
            FindingWords(
                text: "This is a share: you keep a copy, so copies will exist in more than one place.",
                todo: "Record where every copy is kept, and delete yours when it is no longer needed.")
        case .kindNotSure:
            FindingWords(
                text:
                    """
                    You are not sure whether you will keep a copy (share) or not (move), so it is unclear \
                    which copies must be deleted.
                    """,
                todo: "Confirm with the Information Asset Owner whether this is a share or a move.")
        }
    }
}

extension FindingCase.Retention {
    /// The form's line on copies after the transfer, for the kind of transfer.
    static func copiesAfterTransfer(_ kind: TransferKind?) -> String {
        switch kind {
        case .move: "Move: the sender deletes their copy once receipt is confirmed"
        case .share: "Share: the sender keeps a copy; record where every copy is kept"
        case .notSure, nil: "Not decided (share or move to be confirmed)"
        }
    }
}

// MARK: - minimise-risk

extension FindingCase {
    enum MinimiseRisk: RuleWording {
        case sendOnlyWhatIsNeeded
        /// It includes more than the recipients need.
        case moreThanIsNeeded
        /// Nobody has asked the recipients what they need.
        case needsNotKnown
    }
}

extension FindingCase.MinimiseRisk {
    static let title = "Send only what is needed"

    var words: FindingWords {
        switch self {
        case .sendOnlyWhatIsNeeded:
            FindingWords(
                text: "The less you send, the less can go wrong.",
                todo:
                    """
                    Send only the information the recipient needs: remove columns, records or detail they do not \
                    need.
                    """)
        case .moreThanIsNeeded:
            FindingWords(
                text: "The information includes more than the recipients need, and all of it would be exposed.",
                todo: "Remove what the recipients do not need, or record on the DMF why they need all of it.",
                formRecord: .entry(title: "Why the recipients need all of the information"))
        case .needsNotKnown:
            FindingWords(
                text: "You are not sure whether the information includes only what the recipients need.",
                todo: "Check with the recipients what they need.")
        }
    }
}

// MARK: - acceptable-use

extension FindingCase {
    enum AcceptableUse: RuleWording { case applies }
}

extension FindingCase.AcceptableUse {
    static let title = "The Acceptable Use Policy applies"

    var words: FindingWords {
        switch self {
        case .applies:
            FindingWords(
                text: "The MOJ Acceptable Use Policy applies to every transfer.",
                todo: "Follow the Acceptable Use Policy.")
        }
    }
}

// MARK: - same-system-no-extra-controls

extension FindingCase {
    enum SameSystemNoExtraControls: RuleWording { case noExtraControls }
}

extension FindingCase.SameSystemNoExtraControls {
    static let title = "No extra controls inside one system"

    var words: FindingWords {
        switch self {
        case .noExtraControls:
            FindingWords(
                text:
                    """
                    OFFICIAL and OFFICIAL-SENSITIVE information can move inside one MOJ system or domain, in any \
                    quantity, without extra controls.
                    """,
                todo: "No extra controls are needed inside the system; a DMF may still be kept for information.")
        }
    }
}

// MARK: - dmf-authorised

extension FindingCase {
    enum DMFAuthorised: RuleWording {
        case refused
        case needed
    }
}

extension FindingCase.DMFAuthorised {
    static let title = "A completed and authorised Data Movement Form"

    var words: FindingWords {
        switch self {
        case .refused:
            FindingWords(
                text:
                    """
                    The Information Asset Owner has refused this transfer, and it needs an authorised Data \
                    Movement Form.
                    """,
                todo: doNotTransferAfterRefusal)
        case .needed:
            FindingWords(
                text: "This route needs a completed Data Movement Form (DMF), authorised before the transfer.",
                todo: "Complete this DMF and have the Information Asset Owner authorise it before anything is sent.")
        }
    }
}

/// What to do once the IAO has refused, on any route (`dmf-authorised`,
/// `third-party-iao-authorisation`): one sentence, so the checklist lists it once.
private let doNotTransferAfterRefusal =
    "Do not transfer. Talk to the Information Asset Owner about what would make it acceptable."

// MARK: - transit-controls

extension FindingCase {
    enum TransitControls: RuleWording { case needed }
}

extension FindingCase.TransitControls {
    static let title = "Controls for confidentiality, integrity and proof of sending and receipt"

    var words: FindingWords {
        switch self {
        case .needed:
            FindingWords(
                text:
                    """
                    Between MOJ systems, the transfer must stay confidential, arrive unchanged, and be provable \
                    by both sides.
                    """,
                todo:
                    """
                    Agree the controls: how it stays confidential, an integrity check the recipient verifies (for \
                    example a checksum), and proof of sending and of receipt.
                    """)
        }
    }
}

extension FindingCase.TransitControls {
    /// The form's line on integrity and on proof of sending and receipt: to be agreed where the
    /// rule asks for controls, else not required.
    static func formLine(asked: Bool, leavesSystem: Bool) -> String {
        if asked { return "To be agreed and recorded before transfer (rule \(RuleID.transitControls.rawValue))" }
        return leavesSystem ? "Recommended; not required for this route" : "Not required inside one system"
    }
}

// MARK: - data-in-transit-guidance

extension FindingCase {
    enum DataInTransitGuidance: RuleWording { case follow(TransferMethod) }
}

extension FindingCase.DataInTransitGuidance {
    static let title = "Follow the data in transit guidance"

    var words: FindingWords {
        switch self {
        case .follow(let method):
            FindingWords(
                text: "The data in transit guidance explains how to use each transfer method safely.",
                todo: "Follow the data in transit guidance for the method you use (\(method.label.lowercasedFirst)).")
        }
    }
}

// MARK: - ogd-accredited-destination

extension FindingCase {
    enum OGDAccreditedDestination: RuleWording {
        case accreditationNotSure(needed: Classification)
        case accreditedTooLow(Accreditation, needed: Classification)
    }
}

extension FindingCase.OGDAccreditedDestination {
    static let title = "The other department's system is accredited to the information's tier"

    var words: FindingWords {
        switch self {
        case .accreditationNotSure(let needed):
            FindingWords(
                text: accreditationNotSureText(needed: needed),
                todo:
                    """
                    Confirm the receiving system's accreditation level with the other department's security contact \
                    or Accreditor.
                    """)
        case .accreditedTooLow(let accreditation, let needed):
            accreditedTooLowWords(accreditation, needed: needed)
        }
    }
}

/// Why a receiving system whose accreditation is "not sure" is referred: the same words for
/// another department and a third party.
private func accreditationNotSureText(needed: Classification) -> String {
    """
    You are not sure what level the receiving system is accredited to; it must be at least \
    \(needed.label).
    """
}

/// A receiving system accredited below the information's level: the same words for another
/// department and a third party.
private func accreditedTooLowWords(_ accreditation: Accreditation, needed: Classification) -> FindingWords {
    let what = accreditation == .none ? "is not accredited" : "is accredited only to \(accreditation.label)"
    return FindingWords(
        text:
            """
            The receiving system \(what), but this information needs a system accredited to \
            \(needed.label) or higher.
            """,
        todo: "Find a receiving system accredited to \(needed.label) or higher before sending anything.")
}

// MARK: - ogd-secure-network

extension FindingCase {
    enum OGDSecureNetwork: RuleWording { case preferSecureNetwork }
}

extension FindingCase.OGDSecureNetwork {
    static let title = "Prefer a secure network"

    var words: FindingWords {
        switch self {
        case .preferSecureNetwork:
            FindingWords(
                text:
                    """
                    A secure network is the preferred way to send to another department. For occasional bulk \
                    transfers, an NCSC-approved (formerly CESG-approved) encrypted storage device may suit \
                    better.
                    """,
                todo:
                    """
                    Use a secure network if you can; for occasional bulk transfers consider an NCSC-approved \
                    encrypted storage device.
                    """)
        }
    }
}

// MARK: - third-party-iao-authorisation

extension FindingCase {
    enum ThirdPartyIAOAuthorisation: RuleWording {
        case refused
        case pending
    }
}

extension FindingCase.ThirdPartyIAOAuthorisation {
    static let title = "The Information Asset Owner authorises it, recorded in the DMF"

    var words: FindingWords {
        switch self {
        case .refused:
            FindingWords(
                text: "The Information Asset Owner has refused this transfer to a third party.",
                todo: doNotTransferAfterRefusal)
        case .pending:
            FindingWords(
                text:
                    """
                    A transfer to a third party must be authorised by the Information Asset Owner, and the \
                    authorisation recorded on the DMF.
                    """,
                todo:
                    """
                    Complete this DMF and get the Information Asset Owner's authorisation recorded on it \
                    before anything is sent.
                    """)
        }
    }
}

// MARK: - third-party-contract

extension FindingCase {
    enum ThirdPartyContract: RuleWording {
        case notInPlace
        case notSure
    }
}

extension FindingCase.ThirdPartyContract {
    static let title = "A contract is in place before the transfer"

    var words: FindingWords {
        let document = "An appropriate contract"
        return switch self {
        case .notInPlace: documentNotInPlace(document)
        case .notSure: documentNotSure(document)
        }
    }
}

// MARK: - third-party-nda

extension FindingCase {
    enum ThirdPartyNDA: RuleWording {
        case notInPlace
        case notSure
    }
}

extension FindingCase.ThirdPartyNDA {
    static let title = "A Non-Disclosure Agreement is in place before the transfer"

    var words: FindingWords {
        let document = "A Non-Disclosure Agreement (NDA)"
        return switch self {
        case .notInPlace: documentNotInPlace(document)
        case .notSure: documentNotSure(document)
        }
    }
}

/// A contract or NDA not in place (`third-party-contract`, `third-party-nda`): the same
/// sentences, naming the document ("An appropriate contract").
private func documentNotInPlace(_ document: String) -> FindingWords {
    FindingWords(
        text: "\(document) must be in place with the third party before the transfer.",
        todo: "Put \(document.lowercasedFirst) in place with the third party before sending anything.")
}

private func documentNotSure(_ document: String) -> FindingWords {
    FindingWords(
        text: "You are not sure whether \(document.lowercasedFirst) is in place with the third party.",
        todo:
            """
            Confirm with the Information Asset Owner (or the contract manager) that \
            \(document.lowercasedFirst) is in place.
            """)
}

// MARK: - third-party-sal-coco

extension FindingCase {
    enum ThirdPartySALCoCo: RuleWording {
        case notSure
        /// Both answered (yes, no or not needed): record them on the DMF.
        case record(securityAspectsLetter: YesNoNotNeeded, codeOfConnection: YesNoNotNeeded)
    }
}

extension FindingCase.ThirdPartySALCoCo {
    static let title = "Consider a Security Aspects Letter and Codes of Connection"

    var words: FindingWords {
        switch self {
        case .notSure:
            FindingWords(
                text:
                    """
                    You are not sure whether a Security Aspects Letter (SAL) or Codes of Connection (CoCo) \
                    are needed.
                    """,
                todo:
                    """
                    Confirm with the Security team (CISO) whether a Security Aspects Letter or Codes of \
                    Connection are needed, and record the answer on the DMF.
                    """)
        case .record(let sal, let coco):
            FindingWords(
                text:
                    """
                    A Security Aspects Letter (SAL) sets out the security the supplier must provide; Codes of \
                    Connection (CoCo) apply when their system connects to ours.
                    """,
                todo:
                    """
                    Record on the DMF whether a Security Aspects Letter (\(sal.label.lowercased())) and Codes of \
                    Connection (\(coco.label.lowercased())) are in place or not needed.
                    """)
        }
    }
}

// MARK: - third-party-accredited-destination

extension FindingCase {
    enum ThirdPartyAccreditedDestination: RuleWording {
        case accreditationNotSure(needed: Classification)
        case accreditedTooLow(Accreditation, needed: Classification)
        /// Plain OFFICIAL needs no particular accreditation, but "not sure" is still referred.
        case accreditationNotSureForOfficial
    }
}

extension FindingCase.ThirdPartyAccreditedDestination {
    static let title = "Sensitive information goes only to an accredited third-party system"

    var words: FindingWords {
        switch self {
        case .accreditationNotSure(let needed):
            FindingWords(
                text: accreditationNotSureText(needed: needed),
                todo:
                    """
                    Confirm with the third party and the MOJ Accreditor that their system is accredited to \
                    \(needed.label) or higher.
                    """)
        case .accreditedTooLow(let accreditation, let needed):
            accreditedTooLowWords(accreditation, needed: needed)
        case .accreditationNotSureForOfficial:
            FindingWords(
                text: "You are not sure what level the third party's system is accredited to.",
                todo:
                    """
                    Confirm with the third party and the MOJ Accreditor what their system is accredited to, \
                    and record it on the DMF.
                    """)
        }
    }
}

// MARK: - third-party-security-advice

extension FindingCase {
    enum ThirdPartySecurityAdvice: RuleWording { case seekAdvice }
}

extension FindingCase.ThirdPartySecurityAdvice {
    static let title = "Seek the Accreditor's and CISO's advice as required"

    var words: FindingWords {
        switch self {
        case .seekAdvice:
            FindingWords(
                text:
                    """
                    Transfers to third parties need the right security controls; the Accreditor and the MoJ CISO \
                    can advise.
                    """,
                todo:
                    "Ask the system Accreditor and the MoJ CISO for advice if anything about the controls is unclear.")
        }
    }
}

// MARK: - above-official

extension FindingCase {
    enum AboveOfficial: RuleWording {
        case neverByEmail(Classification)
        case askSecurityTeam(Classification)
    }
}

extension FindingCase.AboveOfficial {
    static let title = "SECRET and TOP SECRET need the Security team first, and never go by email"

    var words: FindingWords {
        switch self {
        case .neverByEmail(let classification):
            FindingWords(
                text: "\(classification.label) information must never be sent by email of any kind.",
                todo: "Do not email it. Agree an approved method with the Security team.")
        case .askSecurityTeam(let classification):
            FindingWords(
                text:
                    """
                    \(classification.label) information is outside what this guidance covers; the Security team \
                    must advise before any transfer.
                    """,
                todo: "Ask the Security team (CISO) for advice before completing a DMF or moving anything.")
        }
    }
}

// MARK: - legacy-marking-review

extension FindingCase {
    enum LegacyMarkingReview: RuleWording {
        /// `untilThenNeedsAccreditedSystem`: on the third-party route the information is treated as
        /// needing an accredited receiving system until the review.
        case review(LegacyMarking, untilThenNeedsAccreditedSystem: Bool)
    }
}

extension FindingCase.LegacyMarkingReview {
    static let title = "An old marking is reviewed by the IAO first"

    var words: FindingWords {
        switch self {
        case .review(let marking, let untilThenNeedsAccreditedSystem):
            FindingWords(
                text:
                    """
                    The information carries an old marking (\(marking.label)) from before 2014. Old markings do \
                    not translate automatically to today's levels.
                    """,
                todo: "Ask the Information Asset Owner to review the classification before the transfer"
                    + (untilThenNeedsAccreditedSystem
                        ? "; until then treat it as needing an accredited receiving system" : "")
                    + ".")
        }
    }
}

// MARK: - classification-not-sure

extension FindingCase {
    enum ClassificationNotSure: RuleWording { case confirm }
}

extension FindingCase.ClassificationNotSure {
    static let title = "The IAO confirms the classification"

    var words: FindingWords {
        switch self {
        case .confirm:
            FindingWords(
                text: "You are not sure how the information is classified, and the rules depend on it.",
                todo:
                    """
                    Confirm the classification with the Information Asset Owner, who owns the information and its \
                    marking.
                    """)
        }
    }
}

// MARK: - personal-data

extension FindingCase {
    enum PersonalData: RuleWording {
        case notSure
        case insideSystem
        /// Leaving its system; `tellPrivacyTeam` when it goes to a third party.
        case leavingSystem(tellPrivacyTeam: Bool)
    }
}

extension FindingCase.PersonalData {
    static let title = "Personal data: check with the Data Protection Officer"

    var words: FindingWords {
        switch self {
        case .notSure:
            FindingWords(
                text:
                    """
                    You are not sure whether the information includes personal data (anything about an \
                    identifiable living person).
                    """,
                todo: "Confirm with the Data Protection Officer whether it includes personal data.")
        case .insideSystem:
            FindingWords(
                text:
                    """
                    The information includes personal data; even inside one system only people who need it \
                    should see it.
                    """,
                todo: "Make sure only people who need to know can open the personal data.")
        case .leavingSystem(let tellPrivacyTeam):
            FindingWords(
                text: "The information includes personal data and is leaving its system.",
                todo:
                    """
                    Check with the Data Protection Officer whether a DPIA and a data sharing agreement are \
                    needed.\(tellPrivacyTeam ? " As it goes to a third party, tell the privacy team." : "")
                    """)
        }
    }
}

// MARK: - bulk-approval

extension FindingCase {
    enum BulkApproval: RuleWording {
        case notSure
        case needsApproval
    }
}

extension FindingCase.BulkApproval {
    static let title = "Bulk transfers need a senior manager's approval"

    var words: FindingWords {
        switch self {
        case .notSure:
            FindingWords(
                text:
                    "You are not sure whether this is a bulk transfer (records about \(BulkTransfer.thresholdText) or more people).",
                todo: "Confirm with the Information Asset Owner whether this counts as a bulk transfer.")
        case .needsApproval:
            FindingWords(
                text:
                    """
                    This is a bulk transfer (records about \(BulkTransfer.thresholdText) or more people), which needs a senior manager's \
                    approval.
                    """,
                todo: "Get a senior manager's approval for the bulk transfer and record it on the DMF.",
                formRecord: .approval(title: "Senior manager's approval of the bulk transfer"))
        }
    }
}

// MARK: - Naming recipients

/// A recipient as findings name them: the name given, or "recipient 2" when it is empty.
private func name(_ recipient: FindingCase.Recipient) -> String {
    recipient.name.trimmed.isEmpty ? "recipient \(recipient.number)" : recipient.name
}

/// "Ann", "Ann and Bo", "Ann, Bo and Cy".
private func names(_ recipients: [FindingCase.Recipient]) -> String {
    let all = recipients.map(name)
    guard let last = all.last, all.count > 1 else { return all.first ?? "" }
    return all.dropLast().joined(separator: ", ") + " and " + last
}

private func isAre(_ recipients: [FindingCase.Recipient]) -> String { recipients.count == 1 ? "is" : "are" }
