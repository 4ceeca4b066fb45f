/// The answers are not complete enough to decide; lists the missing answer paths.
public struct IncompleteAnswers: Error, Equatable, Sendable {
    public var missing: [String]
}

/// Turns a complete set of answers into findings and a verdict, following `policy-rules.md`.
///
/// Pure: no I/O, no clock. Each rule is one function below, named after its id, in the order
/// the specification lists them, and each returns the findings it produces (often none).
public enum PolicyEngine {
    /// Decides one transfer.
    /// - Throws: `IncompleteAnswers` when a required answer is missing (rule `recipients-listed`
    ///   is enforced here: no recipients is invalid, never a verdict).
    public static func evaluate(_ answers: Answers) throws(IncompleteAnswers) -> Decision {
        guard answers.isComplete else { throw IncompleteAnswers(missing: answers.missingFields) }
        let facts = Facts(answers)
        var findings: [Finding] = []
        findings.reserveCapacity(16)
        for rule in rules { rule(facts, &findings) }
        // Debug builds (and so every test) check each finding against its rule's declared kinds,
        // which the rule book prints; release builds skip the check.
        assert(findings.allSatisfy { $0.rule.kinds.contains($0.kind) }, "a rule gave a kind it does not declare")
        return Decision(
            verdict: Decision.verdict(for: findings),
            dmfRequired: isDMFRequired(facts.route),
            findings: findings)
    }

    /// Every rule, in the order policy-rules.md lists them (`recipients-listed` is the
    /// completeness check above).
    static let rules: [@Sendable (Facts, inout [Finding]) -> Void] = [
        recipientsAuthorised, recipientsCleared, confidentialityInTransit, retention,
        minimiseRisk, acceptableUse, sameSystemNoExtraControls, dmfAuthorised, transitControls,
        dataInTransitGuidance, ogdAccreditedDestination, ogdSecureNetwork,
        thirdPartyIAOAuthorisation, thirdPartyContract, thirdPartyNDA, thirdPartySALCoCo,
        thirdPartyAccreditedDestination, thirdPartySecurityAdvice, aboveOfficial,
        legacyMarkingReview, classificationNotSure, personalData, bulkApproval,
    ]

    /// DMF required for every route that leaves one system (policy-rules.md, "DMF required").
    public static func isDMFRequired(_ route: RouteType) -> Bool { route != .sameSystem }

    /// Unwrapped answers, so each rule reads plainly. Only built from complete answers.
    /// A class so that every rule (and every finding's deferred words) shares one copy.
    final class Facts: Sendable {
        let answers: Answers
        let route: RouteType
        let classification: Classification
        let legacy: LegacyMarking
        let method: TransferMethod
        let kind: TransferKind

        let recipients: [(index: Int, recipient: Answers.Recipient)]

        init(_ answers: Answers) {
            self.answers = answers
            route = answers.route.type!
            classification = answers.data.classification!
            legacy = answers.data.legacyMarking ?? .none
            method = answers.method!
            kind = answers.transfer.kind!
            recipients = answers.recipients.enumerated().map { ($0.offset, $0.element) }
        }

        // The answers most findings cite; only spelt out when a finding's words are read.
        var routeFact: String { "route.type: " + route.rawValue }
        var classificationFact: String { "data.classification: " + classification.rawValue }
        var methodFact: String { "method: " + method.rawValue }

        /// A recipient's name for messages: their name, or "recipient 2".
        func name(_ index: Int) -> String {
            let given = answers.recipients[index].name ?? ""
            return given.isEmpty ? "recipient \(index + 1)" : given
        }

        /// One recipient's answer as findings cite it, numbered from 1 as the screens and the
        /// form number recipients: "recipient 2 mailbox: shared".
        func recipientFact(_ index: Int, _ key: String, _ value: String) -> String {
            "recipient \(index + 1) \(key): \(value)"
        }
    }

    private static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    // MARK: - General principles (every route)

    static func recipientsAuthorised(_ f: Facts, into out: inout [Finding]) {
        let refused = f.recipients.filter { $0.recipient.authorised == .no }
        if !refused.isEmpty {
            let names = list(refused.map { f.name($0.index) })
            out.append(
                Finding(
                    rule: .recipientsAuthorised, kind: .blocker,
                    text:
                        "\(names) \(refused.count == 1 ? "is" : "are") not authorised to receive this information. "
                        + "Everyone who receives it must be authorised before anything is sent.",
                    todo:
                        """
                        Remove \(names) from the recipients, or have the Information Asset Owner authorise them, \
                        before sending.
                        """,
                    who: .iao,
                    because: refused.map { f.recipientFact($0.index, "authorised", "no") }))
        }
        // A mailbox matters only when the method delivers to one (revised 2026-11-29); with any
        // other method the answer is not asked, and ignored if given.
        let shared = f.method.asksMailbox ? f.recipients.filter { $0.recipient.mailbox == .shared } : []
        if !shared.isEmpty {
            let names = list(shared.map { f.name($0.index) })
            let what = shared.count == 1 ? "is a shared or group mailbox" : "are shared or group mailboxes"
            let because: @Sendable () -> [String] = {
                [f.methodFact] + shared.map { f.recipientFact($0.index, "mailbox", "shared") }
            }
            if f.method.deliversToMailbox {
                out.append(
                    Finding(
                        rule: .recipientsAuthorised, kind: .blocker,
                        text:
                            """
                            \(names) \(what), and the method delivers to mailboxes. Nobody can show that everyone \
                            who reads a shared mailbox is authorised and cleared.
                            """,
                        todo: "Send to named people with personal mailboxes instead of \(names).",
                        who: .requester, because: because()))
            } else {
                // Method "not sure": it may turn out to be email, when the mailbox would block.
                out.append(
                    Finding(
                        rule: .recipientsAuthorised, kind: .refer,
                        text:
                            """
                            \(names) \(what). If the information goes by email, that is not allowed: nobody can \
                            show that everyone who reads a shared mailbox is authorised and cleared.
                            """,
                        todo:
                            """
                            If the method turns out to be email or secure email, send to named people with \
                            personal mailboxes instead of \(names).
                            """,
                        who: .requester, because: because()))
            }
        }
        let unsure = f.recipients.filter { $0.recipient.authorised == .notSure }
        if !unsure.isEmpty {
            let names = list(unsure.map { f.name($0.index) })
            out.append(
                Finding(
                    rule: .recipientsAuthorised, kind: .refer,
                    text:
                        "You are not sure whether \(names) \(unsure.count == 1 ? "is" : "are") "
                        + "authorised to receive this information.",
                    todo:
                        "Confirm with the Information Asset Owner that \(names) \(unsure.count == 1 ? "is" : "are") "
                        + "authorised to receive it.",
                    who: .iao,
                    because: unsure.map { f.recipientFact($0.index, "authorised", "not-sure") }))
        }
    }

    static func recipientsCleared(_ f: Facts, into out: inout [Finding]) {
        let minimum = f.classification.minimumClearance
        let below = f.recipients.filter {
            guard let rank = $0.recipient.clearance?.rank else { return false }
            return rank < minimum.rank!
        }
        if !below.isEmpty {
            let names = list(below.map { f.name($0.index) })
            out.append(
                Finding(
                    rule: .recipientsCleared, kind: .blocker,
                    text:
                        "Information marked \(f.classification == .notSure ? "at any level" : f.classification.label) "
                        + "needs recipients cleared to at least \(minimum.label); "
                        + "\(names) \(below.count == 1 ? "is" : "are") not.",
                    todo:
                        "Remove \(names), or wait until \(below.count == 1 ? "they hold" : "each holds") "
                        + "\(minimum.label) clearance, before sending.",
                    who: .requester,
                    because: [f.classificationFact]
                        + below.map { f.recipientFact($0.index, "clearance", $0.recipient.clearance!.rawValue) }))
        }
        let unsure = f.recipients.filter { $0.recipient.clearance == .notSure }
        if !unsure.isEmpty {
            let names = list(unsure.map { f.name($0.index) })
            out.append(
                Finding(
                    rule: .recipientsCleared, kind: .refer,
                    text:
                        "You are not sure of the security clearance of \(names); at least \(minimum.label) is needed.",
                    todo:
                        "Confirm with \(names)'s line manager or the Security team that "
                        + "\(unsure.count == 1 ? "they hold" : "each holds") \(minimum.label) clearance or above.",
                    who: .securityTeam,
                    because: unsure.map { f.recipientFact($0.index, "clearance", "not-sure") }))
        }
    }

    static func confidentialityInTransit(_ f: Facts, into out: inout [Finding]) {
        let because: @Sendable () -> [String] = { [f.routeFact, f.methodFact] }
        // Every "not sure" is referred (policy-rules.md), even inside one system.
        guard f.route.leavesSystem else {
            guard f.method == .notSure else { return }
            out.append(
                Finding(
                    rule: .confidentialityInTransit, kind: .refer,
                    text: "You are not sure how the information will be moved.",
                    todo: "Confirm with the Security team how the information will be moved inside the system.",
                    who: .securityTeam, because: because()))
            return
        }
        switch f.method {
        case .email where f.route != .betweenMOJSystems:
            out.append(
                Finding(
                    rule: .confidentialityInTransit, kind: .blocker,
                    text: "Ordinary email to outside the MOJ is not protected while it travels.",
                    todo:
                        """
                        Choose a protected method instead: an approved sharing service, secure email, secure file \
                        transfer or an encrypted file.
                        """,
                    who: .requester, because: because()))
        case .email:
            out.append(
                Finding(
                    rule: .confidentialityInTransit, kind: .action,
                    text:
                        """
                        Ordinary email between MOJ systems stays on MOJ networks only if both mailboxes are MOJ \
                        mailboxes.
                        """,
                    todo:
                        """
                        Check that both ends are MOJ mailboxes on MOJ networks, or use a secure network or \
                        sharing service instead.
                        """,
                    who: .requester, because: because()))
        case .unencryptedMedia:
            out.append(
                Finding(
                    rule: .confidentialityInTransit, kind: .blocker,
                    text:
                        """
                        An unencrypted USB stick, disk or CD does not protect the information if it is lost or \
                        stolen.
                        """,
                    todo: "Use an MOJ-issued encrypted storage device, or a secure network or sharing service instead.",
                    who: .requester, because: because()))
        case .paper:
            out.append(
                Finding(
                    rule: .confidentialityInTransit, kind: .action,
                    text: "Paper is protected in transit only by how it is packed and sent.",
                    todo:
                        """
                        Send paper in an unmarked, double envelope by tracked post or secure courier, and warn \
                        the recipient it is coming.
                        """,
                    who: .requester, because: because()))
            out.append(
                Finding(
                    rule: .confidentialityInTransit, kind: .action,
                    text: "Paper can go astray on the way; only the recipient can say it arrived.",
                    todo: "Confirm with the recipient that the paper has arrived, sealed and complete.",
                    who: .requester, because: because(), afterTransfer: true))
        case .withinSystem:
            out.append(
                Finding(
                    rule: .confidentialityInTransit, kind: .refer,
                    text:
                        """
                        You said the information stays inside one system, but it is going to another system or \
                        organisation, so it is not clear how it will travel.
                        """,
                    todo: "Agree with the Security team how the information will be protected in transit.",
                    who: .securityTeam, because: because()))
        case .notSure:
            out.append(
                Finding(
                    rule: .confidentialityInTransit, kind: .refer,
                    text:
                        """
                        You are not sure how the information will travel, so nobody can yet check that it is \
                        protected on the way.
                        """,
                    todo: "Confirm with the Security team a method that protects the information in transit.",
                    who: .securityTeam, because: because()))
        case .secureNetwork, .sharingService, .secureEmail, .encryptedFile, .secureFileTransfer,
            .encryptedStorageDevice:
            break
        }
    }

    static func retention(_ f: Facts, into out: inout [Finding]) {
        if !f.answers.retention.isGiven {
            out.append(
                Finding(
                    rule: .retention, kind: .action,
                    text:
                        """
                        No deletion date or retention period is given. Copies must be kept only as long as they \
                        are needed.
                        """,
                    todo: "Agree a deletion date or retention period with the recipient and record it on the DMF.",
                    who: .requester, because: ["retention: not given"],
                    formRecord: .entry(title: "Deletion date or retention period agreed with the recipient")))
        }
        switch f.kind {
        case .move:
            out.append(
                Finding(
                    rule: .retention, kind: .action,
                    text: "This is a move: afterwards only the recipient should hold the information.",
                    todo: "Delete your own copy once the recipient confirms they have received it.",
                    who: .requester, because: ["transfer.kind: move"], afterTransfer: true))
        case .share:
            out.append(
                Finding(
                    rule: .retention, kind: .advice,
                    text: "This is a share: you keep a copy, so copies will exist in more than one place.",
                    todo: "Record where every copy is kept, and delete yours when it is no longer needed.",
                    who: .requester, because: ["transfer.kind: share"]))
        case .notSure:
            out.append(
                Finding(
                    rule: .retention, kind: .refer,
                    text:
                        """
                        You are not sure whether you will keep a copy (share) or not (move), so it is unclear \
                        which copies must be deleted.
                        """,
                    todo: "Confirm with the Information Asset Owner whether this is a share or a move.",
                    who: .iao, because: ["transfer.kind: not-sure"]))
        }
    }

    static func minimiseRisk(_ f: Facts, into out: inout [Finding]) {
        out.append(
            Finding(
                rule: .minimiseRisk, kind: .advice,
                text: "The less you send, the less can go wrong.",
                todo:
                    """
                    Send only the information the recipient needs: remove columns, records or detail they do not \
                    need.
                    """,
                who: .requester, because: []))
    }

    static func acceptableUse(_ f: Facts, into out: inout [Finding]) {
        out.append(
            Finding(
                rule: .acceptableUse, kind: .info,
                text: "The MOJ Acceptable Use Policy applies to every transfer.",
                todo: "Follow the Acceptable Use Policy.",
                who: .requester, because: []))
    }

    // MARK: - Inside one MOJ system or domain

    static func sameSystemNoExtraControls(_ f: Facts, into out: inout [Finding]) {
        guard f.route == .sameSystem, f.classification == .official || f.classification == .officialSensitive
        else { return }
        out.append(
            Finding(
                rule: .sameSystemNoExtraControls, kind: .info,
                text:
                    """
                    OFFICIAL and OFFICIAL-SENSITIVE information can move inside one MOJ system or domain, in any \
                    quantity, without extra controls.
                    """,
                todo: "No extra controls are needed inside the system; a DMF may still be kept for information.",
                who: .requester, because: [f.routeFact, f.classificationFact]))
    }

    // MARK: - Between MOJ systems, other departments, third parties

    static func dmfAuthorised(_ f: Facts, into out: inout [Finding]) {
        guard isDMFRequired(f.route) else { return }
        if f.route != .thirdParty, f.answers.authorisation.iaoDecision == .refused {
            out.append(
                Finding(
                    rule: .dmfAuthorised, kind: .blocker,
                    text:
                        """
                        The Information Asset Owner has refused this transfer, and it needs an authorised Data \
                        Movement Form.
                        """,
                    todo: "Do not transfer. Talk to the Information Asset Owner about what would make it acceptable.",
                    who: .iao, because: [f.routeFact, "authorisation.iao_decision: refused"]))
            return
        }
        out.append(
            Finding(
                rule: .dmfAuthorised, kind: .action,
                text: "This route needs a completed Data Movement Form (DMF), authorised before the transfer.",
                todo: "Complete this DMF and have the Information Asset Owner authorise it before anything is sent.",
                who: .iao, because: [f.routeFact]))
    }

    static func transitControls(_ f: Facts, into out: inout [Finding]) {
        guard f.route == .betweenMOJSystems else { return }
        out.append(
            Finding(
                rule: .transitControls, kind: .action,
                text:
                    """
                    Between MOJ systems, the transfer must stay confidential, arrive unchanged, and be provable \
                    by both sides.
                    """,
                todo:
                    """
                    Agree the controls: how it stays confidential, an integrity check the recipient verifies (for \
                    example a checksum), and proof of sending and of receipt.
                    """,
                who: .requester, because: [f.routeFact]))
    }

    static func dataInTransitGuidance(_ f: Facts, into out: inout [Finding]) {
        guard f.route.leavesSystem else { return }
        out.append(
            Finding(
                rule: .dataInTransitGuidance, kind: .info,
                text: "The data in transit guidance explains how to use each transfer method safely.",
                todo: "Follow the data in transit guidance for the method you use (\(f.method.label.lowercasedFirst)).",
                who: .requester, because: [f.routeFact, f.methodFact]))
    }

    /// Shared by the OGD and third-party accreditation rules: compares the receiving system's
    /// accreditation with the level the information needs.
    private static func accreditationFindings(
        _ f: Facts, rule: RuleID, needed: Classification, unsureWho: Actor, unsureTodo: String,
        into out: inout [Finding]
    ) {
        let accreditation = f.answers.route.destinationAccreditation!
        let because: @Sendable () -> [String] = {
            [f.routeFact, f.classificationFact, "route.destination_accreditation: \(accreditation.rawValue)"]
                + (f.legacy == .none ? [] : ["data.legacy_marking: \(f.legacy.rawValue)"])
        }
        guard let rank = accreditation.rank else {
            out.append(
                Finding(
                    rule: rule, kind: .refer,
                    text:
                        """
                        You are not sure what level the receiving system is accredited to; it must be at least \
                        \(needed.label).
                        """,
                    todo: unsureTodo, who: unsureWho, because: because()))
            return
        }
        guard rank < needed.rank! else { return }
        let what = accreditation == .none ? "is not accredited" : "is accredited only to \(accreditation.label)"
        out.append(
            Finding(
                rule: rule, kind: .blocker,
                text:
                    """
                    The receiving system \(what), but this information needs a system accredited to \
                    \(needed.label) or higher.
                    """,
                todo: "Find a receiving system accredited to \(needed.label) or higher before sending anything.",
                who: .requester, because: because()))
    }

    static func ogdAccreditedDestination(_ f: Facts, into out: inout [Finding]) {
        guard f.route == .otherGovernmentDepartment else { return }
        let needed = f.classification == .notSure ? Classification.official : f.classification
        accreditationFindings(
            f, rule: .ogdAccreditedDestination, needed: needed, unsureWho: .receivingOrganisation,
            unsureTodo:
                """
                Confirm the receiving system's accreditation level with the other department's security contact \
                or Accreditor.
                """,
            into: &out)
    }

    static func ogdSecureNetwork(_ f: Facts, into out: inout [Finding]) {
        guard f.route == .otherGovernmentDepartment else { return }
        out.append(
            Finding(
                rule: .ogdSecureNetwork, kind: .advice,
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
                    """,
                who: .requester, because: [f.routeFact, f.methodFact]))
    }

    static func thirdPartyIAOAuthorisation(_ f: Facts, into out: inout [Finding]) {
        guard f.route == .thirdParty else { return }
        let decision = f.answers.authorisation.iaoDecision!
        let because: @Sendable () -> [String] = { [f.routeFact, "authorisation.iao_decision: \(decision.rawValue)"] }
        switch decision {
        case .authorised:
            break
        case .refused:
            out.append(
                Finding(
                    rule: .thirdPartyIAOAuthorisation, kind: .blocker,
                    text: "The Information Asset Owner has refused this transfer to a third party.",
                    todo: "Do not transfer. Talk to the Information Asset Owner about what would make it acceptable.",
                    who: .iao, because: because()))
        case .pending:
            out.append(
                Finding(
                    rule: .thirdPartyIAOAuthorisation, kind: .action,
                    text:
                        """
                        A transfer to a third party must be authorised by the Information Asset Owner, and the \
                        authorisation recorded on the DMF.
                        """,
                    todo:
                        """
                        Complete this DMF and get the Information Asset Owner's authorisation recorded on it \
                        before anything is sent.
                        """,
                    who: .iao, because: because()))
        }
    }

    /// Contract and NDA share one shape: yes passes, no is an action, not sure a referral.
    private static func inPlaceBeforeTransfer(
        _ f: Facts, rule: RuleID, answer: YesNoNotSure, key: String, document: String, into out: inout [Finding]
    ) {
        guard f.route == .thirdParty else { return }
        let because: @Sendable () -> [String] = { [f.routeFact, "third_party.\(key): \(answer.rawValue)"] }
        switch answer {
        case .yes:
            break
        case .no:
            out.append(
                Finding(
                    rule: rule, kind: .action,
                    text: "\(document) must be in place with the third party before the transfer.",
                    todo: "Put \(document.lowercasedFirst) in place with the third party before sending anything.",
                    who: .iao, because: because()))
        case .notSure:
            out.append(
                Finding(
                    rule: rule, kind: .refer,
                    text: "You are not sure whether \(document.lowercasedFirst) is in place with the third party.",
                    todo:
                        """
                        Confirm with the Information Asset Owner (or the contract manager) that \
                        \(document.lowercasedFirst) is in place.
                        """,
                    who: .iao, because: because()))
        }
    }

    static func thirdPartyContract(_ f: Facts, into out: inout [Finding]) {
        inPlaceBeforeTransfer(
            f, rule: .thirdPartyContract, answer: f.answers.thirdParty.contract ?? .notSure, key: "contract",
            document: "An appropriate contract", into: &out)
    }

    static func thirdPartyNDA(_ f: Facts, into out: inout [Finding]) {
        inPlaceBeforeTransfer(
            f, rule: .thirdPartyNDA, answer: f.answers.thirdParty.nda ?? .notSure, key: "nda",
            document: "A Non-Disclosure Agreement (NDA)", into: &out)
    }

    static func thirdPartySALCoCo(_ f: Facts, into out: inout [Finding]) {
        guard f.route == .thirdParty else { return }
        let sal = f.answers.thirdParty.securityAspectsLetter!
        let coco = f.answers.thirdParty.codeOfConnection!
        let because: @Sendable () -> [String] = {
            [
                f.routeFact, "third_party.security_aspects_letter: \(sal.rawValue)",
                "third_party.code_of_connection: \(coco.rawValue)",
            ]
        }
        if sal == .notSure || coco == .notSure {
            out.append(
                Finding(
                    rule: .thirdPartySALCoCo, kind: .refer,
                    text:
                        """
                        You are not sure whether a Security Aspects Letter (SAL) or Codes of Connection (CoCo) \
                        are needed.
                        """,
                    todo:
                        """
                        Confirm with the Security team (CISO) whether a Security Aspects Letter or Codes of \
                        Connection are needed, and record the answer on the DMF.
                        """,
                    who: .securityTeam, because: because()))
            return
        }
        out.append(
            Finding(
                rule: .thirdPartySALCoCo, kind: .advice,
                text:
                    """
                    A Security Aspects Letter (SAL) sets out the security the supplier must provide; Codes of \
                    Connection (CoCo) apply when their system connects to ours.
                    """,
                todo:
                    """
                    Record on the DMF whether a Security Aspects Letter (\(sal.label.lowercased())) and Codes of \
                    Connection (\(coco.label.lowercased())) are in place or not needed.
                    """,
                who: .iao, because: because()))
    }

    static func thirdPartyAccreditedDestination(_ f: Facts, into out: inout [Finding]) {
        guard f.route == .thirdParty else { return }
        // IL3 RESTRICTED counts as OFFICIAL-SENSITIVE for this comparison (the conservative reading).
        var needed = f.classification == .notSure ? nil : f.classification
        if f.legacy == .il3Restricted { needed = max(needed ?? .officialSensitive, .officialSensitive) }
        guard let level = needed, level >= .officialSensitive else {
            // Plain OFFICIAL needs no particular accreditation, but "not sure" is still referred.
            guard f.answers.route.destinationAccreditation == .notSure else { return }
            out.append(
                Finding(
                    rule: .thirdPartyAccreditedDestination, kind: .refer,
                    text: "You are not sure what level the third party's system is accredited to.",
                    todo:
                        """
                        Confirm with the third party and the MOJ Accreditor what their system is accredited to, \
                        and record it on the DMF.
                        """,
                    who: .accreditor,
                    because: [f.routeFact, f.classificationFact, "route.destination_accreditation: not-sure"]))
            return
        }
        accreditationFindings(
            f, rule: .thirdPartyAccreditedDestination, needed: level, unsureWho: .accreditor,
            unsureTodo:
                """
                Confirm with the third party and the MOJ Accreditor that their system is accredited to \
                \(level.label) or higher.
                """,
            into: &out)
    }

    static func thirdPartySecurityAdvice(_ f: Facts, into out: inout [Finding]) {
        guard f.route == .thirdParty else { return }
        out.append(
            Finding(
                rule: .thirdPartySecurityAdvice, kind: .advice,
                text:
                    """
                    Transfers to third parties need the right security controls; the Accreditor and the MoJ CISO \
                    can advise.
                    """,
                todo:
                    "Ask the system Accreditor and the MoJ CISO for advice if anything about the controls is unclear.",
                who: .securityTeam, because: [f.routeFact]))
    }

    // MARK: - Classification and markings

    static func aboveOfficial(_ f: Facts, into out: inout [Finding]) {
        guard f.classification == .secret || f.classification == .topSecret else { return }
        if f.method.isEmail {
            out.append(
                Finding(
                    rule: .aboveOfficial, kind: .blocker,
                    text: "\(f.classification.label) information must never be sent by email of any kind.",
                    todo: "Do not email it. Agree an approved method with the Security team.",
                    who: .requester, because: [f.classificationFact, f.methodFact]))
        }
        out.append(
            Finding(
                rule: .aboveOfficial, kind: .refer,
                text:
                    """
                    \(f.classification.label) information is outside what this guidance covers; the Security team \
                    must advise before any transfer.
                    """,
                todo: "Ask the Security team (CISO) for advice before completing a DMF or moving anything.",
                who: .securityTeam, because: [f.classificationFact]))
    }

    static func legacyMarkingReview(_ f: Facts, into out: inout [Finding]) {
        guard f.legacy != .none else { return }
        out.append(
            Finding(
                rule: .legacyMarkingReview, kind: .refer,
                text:
                    """
                    The information carries an old marking (\(f.legacy.label)) from before 2014. Old markings do \
                    not translate automatically to today's levels.
                    """,
                todo:
                    "Ask the Information Asset Owner to review the classification before the transfer"
                    + (f.route == .thirdParty ? "; until then treat it as needing an accredited receiving system" : "")
                    + ".",
                who: .iao, because: ["data.legacy_marking: \(f.legacy.rawValue)"]))
    }

    static func classificationNotSure(_ f: Facts, into out: inout [Finding]) {
        guard f.classification == .notSure else { return }
        out.append(
            Finding(
                rule: .classificationNotSure, kind: .refer,
                text: "You are not sure how the information is classified, and the rules depend on it.",
                todo:
                    """
                    Confirm the classification with the Information Asset Owner, who owns the information and its \
                    marking.
                    """,
                who: .iao, because: [f.classificationFact]))
    }

    // MARK: - Personal data and bulk (later guidance)

    static func personalData(_ f: Facts, into out: inout [Finding]) {
        let answer = f.answers.data.personalData!
        let because: @Sendable () -> [String] = { ["data.personal_data: \(answer.rawValue)", f.routeFact] }
        switch answer {
        case .no:
            break
        case .notSure:
            out.append(
                Finding(
                    rule: .personalData, kind: .refer,
                    text:
                        """
                        You are not sure whether the information includes personal data (anything about an \
                        identifiable living person).
                        """,
                    todo: "Confirm with the Data Protection Officer whether it includes personal data.",
                    who: .dataProtectionOfficer, because: because()))
        case .yes where !f.route.leavesSystem:
            out.append(
                Finding(
                    rule: .personalData, kind: .advice,
                    text:
                        """
                        The information includes personal data; even inside one system only people who need it \
                        should see it.
                        """,
                    todo: "Make sure only people who need to know can open the personal data.",
                    who: .requester, because: because()))
        case .yes:
            let privacy = f.route == .thirdParty ? " As it goes to a third party, tell the privacy team." : ""
            out.append(
                Finding(
                    rule: .personalData, kind: .action,
                    text: "The information includes personal data and is leaving its system.",
                    todo:
                        """
                        Check with the Data Protection Officer whether a DPIA and a data sharing agreement are \
                        needed.\(privacy)
                        """,
                    who: .dataProtectionOfficer, because: because()))
        }
    }

    static func bulkApproval(_ f: Facts, into out: inout [Finding]) {
        guard let bulk = f.answers.effectiveBulk, bulk != .no else { return }
        // Bulk inside one system needs no extra controls; only "not sure" is referred there.
        guard f.route.leavesSystem || bulk == .notSure else { return }
        let because: @Sendable () -> [String] = {
            [f.routeFact]
                + [
                    f.answers.data.records.map { "data.records: \($0)" },
                    f.answers.data.bulk.map { "data.bulk: \($0.rawValue)" },
                ].compactMap { $0 }
        }
        if bulk == .notSure {
            out.append(
                Finding(
                    rule: .bulkApproval, kind: .refer,
                    text: "You are not sure whether this is a bulk transfer (records about 1,000 or more people).",
                    todo: "Confirm with the Information Asset Owner whether this counts as a bulk transfer.",
                    who: .iao, because: because()))
            return
        }
        out.append(
            Finding(
                rule: .bulkApproval, kind: .action,
                text:
                    """
                    This is a bulk transfer (records about 1,000 or more people), which needs a senior manager's \
                    approval.
                    """,
                todo: "Get a senior manager's approval for the bulk transfer and record it on the DMF.",
                who: .seniorManager, because: because(),
                formRecord: .approval(title: "Senior manager's approval of the bulk transfer")))
    }
}

extension String {
    /// "A contract" → "a contract", for reuse inside a sentence; acronyms stay ("SFTP", "NDA").
    public var lowercasedFirst: String {
        let second = dropFirst().first
        guard let first, first.isUppercase, !(second?.isUppercase ?? false) else { return self }
        return first.lowercased() + dropFirst()
    }
}
