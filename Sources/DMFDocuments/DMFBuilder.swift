import DMFPolicy

/// Fills the form from complete answers and the engine's decision.
public enum DMFBuilder {
    /// What the form needs besides the answers: when it was produced and in which mode.
    public struct Context: Sendable {
        /// UTC time, ISO 8601 (`2026-11-29T02:14:10Z`).
        public var producedAt: String
        public var training: Bool

        public init(producedAt: String, training: Bool = false) {
            self.producedAt = producedAt
            self.training = training
        }
    }

    /// Decides and fills in one go.
    /// - Throws: `IncompleteAnswers` when the answers cannot be decided yet.
    public static func build(_ answers: Answers, context: Context) throws(IncompleteAnswers) -> FilledDMF {
        let decision = try PolicyEngine.evaluate(answers)
        return build(answers, decision: decision, context: context)
    }

    public static func build(_ answers: Answers, decision: Decision, context: Context) -> FilledDMF {
        let decision = sanitized(decision)
        let route = answers.route.type ?? .sameSystem
        let reference = reference(for: answers, producedAt: context.producedAt)
        return FilledDMF(
            reference: reference,
            marking: answers.isSensitiveOrAbove ? .officialSensitive : .official,
            producedAt: context.producedAt,
            training: context.training,
            onBehalfOf: onBehalfOf(answers.helpdesk),
            decision: decision,
            route: route,
            sectionsBeforeRecipients: [
                status(reference: reference, decision: decision, context: context),
                requester(answers.requester),
                transfer(answers.transfer),
                information(answers.data),
                destination(answers.route),
            ],
            recipients: answers.recipients.map { recipientRow($0, asksMailbox: answers.asksMailbox) },
            sectionsAfterRecipients: [
                controls(answers, decision: decision),
                retention(answers),
                thirdParty(answers),
            ],
            authorisation: authorisation(answers.authorisation),
            signOff: signOff(answers, decision: decision))
    }

    /// `DMF-20261129-7K3Q`: the production date and four Crockford symbols hashed from the answers,
    /// so the same answers on the same day give the same reference.
    public static func reference(for answers: Answers, producedAt: String) -> String {
        let day = producedAt.prefix(10).filter(\.isNumber)
        let digest = Crockford.fnv1a(answers.fingerprint)
        return "DMF-\(day)-\(Crockford.encode(digest, count: 4))"
    }

    /// The engine words findings with the recipients' names as typed, so its texts carry user
    /// text too: clean them like every other answer before any renderer sees them.
    private static func sanitized(_ decision: Decision) -> Decision {
        var decision = decision
        decision.findings = decision.findings.map { finding in
            var finding = finding
            finding.text = Sanitizer.clean(finding.text)
            finding.todo = Sanitizer.clean(finding.todo)
            finding.because = finding.because.map { Sanitizer.clean($0) }
            return finding
        }
        return decision
    }

    // MARK: - Fields

    private static func text(_ key: String, _ label: String, _ value: String?, multiline: Bool = false) -> DMFField {
        let cleaned = value.map { Sanitizer.clean($0, keepNewlines: multiline).trimmed }.flatMap {
            $0.isEmpty ? nil : $0
        }
        return DMFField(key: key, label: label, value: cleaned ?? DMFField.notProvided, raw: cleaned)
    }

    private static func choice<Value: AnswerValue>(_ key: String, _ label: String, _ value: Value?) -> DMFField {
        DMFField(key: key, label: label, value: value?.label ?? DMFField.notProvided, raw: value?.rawValue)
    }

    private static func derived(_ key: String, _ label: String, _ value: String) -> DMFField {
        DMFField(key: key, label: label, value: value, raw: value)
    }

    private static func onBehalfOf(_ helpdesk: Answers.Helpdesk?) -> String? {
        guard let helpdesk else { return nil }
        let caller = [helpdesk.callerName, helpdesk.callerTeam.map { "(\($0))" }].compactMap { $0 }.joined(
            separator: " ")
        var line = "Completed by the helpdesk on behalf of \(caller.isEmpty ? "the caller" : caller)"
        if let agent = helpdesk.agentName, !agent.isEmpty { line += ", by \(agent)" }
        if let call = helpdesk.callReference, !call.isEmpty { line += ", call reference \(call)" }
        return Sanitizer.clean(line)
    }

    private static func status(reference: String, decision: Decision, context: Context) -> DMFSection {
        let state =
            switch (decision.verdict, decision.dmfRequired) {
            case (.blocked, _): "Blocked: must not be authorised; change the plan and produce a new form"
            case (.refer, _): "Waiting for answers: not ready to be authorised"
            case (_, true): "Draft: to be authorised by the Information Asset Owner before transfer"
            case (_, false): "For information: this route does not need a DMF"
            }
        return DMFSection(
            key: "status", title: "Reference and status",
            fields: [
                derived("reference", "Reference", reference),
                derived("status", "Status", state),
                DMFField(
                    key: "dmf_required", label: "DMF required", value: decision.dmfRequired ? "Yes" : "No",
                    raw: decision.dmfRequired ? "yes" : "no"),
                derived("produced_at", "Produced", context.producedAt),
            ])
    }

    private static func requester(_ requester: Answers.Requester) -> DMFSection {
        DMFSection(
            key: "requester", title: "Requester",
            fields: [
                text("name", "Name", requester.name),
                text("email", "Email", requester.email),
                text("team", "Team or business unit", requester.team),
            ])
    }

    private static func transfer(_ transfer: Answers.Transfer) -> DMFSection {
        DMFSection(
            key: "transfer", title: "The transfer",
            fields: [
                choice("kind", "Share or move", transfer.kind),
                choice("frequency", "One-off or recurring", transfer.frequency),
                text("purpose", "Purpose", transfer.purpose, multiline: true),
            ])
    }

    private static func information(_ data: Answers.DataDetails) -> DMFSection {
        DMFSection(
            key: "information", title: "The information",
            fields: [
                text("description", "Description", data.description, multiline: true),
                choice("classification", "Classification", data.classification),
                choice("legacy_marking", "Old (pre-2014) marking", data.legacyMarking),
                choice("personal_data", "Personal data", data.personalData),
                DMFField(
                    key: "records", label: "Number of records or people",
                    value: data.records.map { String($0) } ?? DMFField.notProvided, raw: data.records.map { String($0) }
                ),
                choice("bulk", "Bulk (about 1,000 people or more)", Answers(data: data).effectiveBulk),
            ])
    }

    private static func destination(_ route: Answers.Route) -> DMFSection {
        let leaves = route.type?.leavesSystem ?? false
        return DMFSection(
            key: "route", title: "Route and destination",
            fields: [
                DMFField(
                    key: "type", label: "Route", value: route.type?.shortLabel ?? DMFField.notProvided,
                    raw: route.type?.rawValue),
                text("source_system", "From system or domain", route.sourceSystem),
                leaves
                    ? text("destination_organisation", "To organisation", route.destinationOrganisation)
                    : derived(
                        "destination_organisation", "To organisation", "Not applicable (stays inside one system)"),
                leaves
                    ? text("destination_system", "To system", route.destinationSystem)
                    : derived("destination_system", "To system", "Not applicable (stays inside one system)"),
                choice("destination_accreditation", "Receiving system accredited to", route.destinationAccreditation),
            ])
    }

    /// The mailbox cell when the method does not deliver to a mailbox: the question was not
    /// asked, and an answer given anyway (in a file) is ignored, so it is not printed. Like the
    /// other not-applicable fields, the JSON carries the same words.
    public static let mailboxNotAsked = "Not asked (the method does not deliver to a mailbox)"

    private static func recipientRow(_ recipient: Answers.Recipient, asksMailbox: Bool) -> DMFRecipientRow {
        DMFRecipientRow(cells: [
            text("name", "Name", recipient.name),
            text("organisation", "Organisation", recipient.organisation),
            text("role", "Role", recipient.role),
            asksMailbox
                ? choice("mailbox", "Mailbox", recipient.mailbox) : derived("mailbox", "Mailbox", mailboxNotAsked),
            choice("authorised", "Authorised", recipient.authorised),
            choice("clearance", "Clearance", recipient.clearance),
        ])
    }

    private static func controls(_ answers: Answers, decision: Decision) -> DMFSection {
        let method = answers.method
        let leaves = answers.route.type?.leavesSystem ?? false
        let fired = Set(decision.findings.map(\.rule))
        let confidentiality: String
        if !leaves {
            confidentiality = "Stays inside one system: no extra controls needed"
        } else if let method, method.protectsConfidentiality {
            confidentiality = "Protected by the method (\(method.label.lowercasedFirst))"
        } else {
            confidentiality = "Not yet shown: see the findings (rule confidentiality-in-transit)"
        }
        let agreed = "To be agreed and recorded before transfer (rule transit-controls)"
        let notRequired = leaves ? "Recommended; not required for this route" : "Not required inside one system"
        return DMFSection(
            key: "method_and_controls", title: "Method and controls",
            fields: [
                choice("method", "Transfer method", method),
                derived("confidentiality", "Confidentiality in transit", confidentiality),
                derived(
                    "integrity", "Integrity (e.g. a checksum the recipient verifies)",
                    fired.contains(.transitControls) ? agreed : notRequired),
                derived(
                    "proof_of_sending_and_receipt", "Proof of sending and of receipt",
                    fired.contains(.transitControls) ? agreed : notRequired),
            ])
    }

    private static func retention(_ answers: Answers) -> DMFSection {
        let copies: String =
            switch answers.transfer.kind {
            case .move: "Move: the sender deletes their copy once receipt is confirmed"
            case .share: "Share: the sender keeps a copy; record where every copy is kept"
            case .notSure, nil: "Not decided (share or move to be confirmed)"
            }
        return DMFSection(
            key: "retention", title: "Retention and deletion",
            fields: [
                text("delete_by", "Delete by", answers.retention.deleteBy),
                text("period", "Retention period", answers.retention.period),
                derived("copies", "Copies after the transfer", copies),
            ])
    }

    private static func thirdParty(_ answers: Answers) -> DMFSection {
        guard answers.route.type == .thirdParty else {
            let na = "Not applicable (not a third party)"
            return DMFSection(
                key: "third_party", title: "Third-party arrangements",
                fields: [
                    derived("contract", "Contract in place", na), derived("nda", "Non-Disclosure Agreement", na),
                    derived("security_aspects_letter", "Security Aspects Letter", na),
                    derived("code_of_connection", "Codes of Connection", na),
                ])
        }
        let answers = answers.thirdParty
        return DMFSection(
            key: "third_party", title: "Third-party arrangements",
            fields: [
                choice("contract", "Contract in place", answers.contract),
                choice("nda", "Non-Disclosure Agreement (NDA) in place", answers.nda),
                choice("security_aspects_letter", "Security Aspects Letter (SAL)", answers.securityAspectsLetter),
                choice("code_of_connection", "Codes of Connection (CoCo)", answers.codeOfConnection),
            ])
    }

    // MARK: - Sign-off

    /// Who signs, approves or answers on the printed form. A BLOCKED form has no signature
    /// boxes (it must not be authorised, so nothing invites a signature); a REFER form has
    /// answer boxes for the people it names and none for authorisation, because their answers
    /// can change the outcome and the form must be produced again.
    static func signOff(_ answers: Answers, decision: Decision) -> DMFSignOff {
        let checklist = decision.checklist
        switch decision.verdict {
        case .blocked:
            return DMFSignOff(
                state: .mustNotBeAuthorised,
                notice: "This transfer must not be authorised, and nobody signs this form. Change what is listed "
                    + "below, then answer again and produce a new form.",
                mustChange: checklist.filter { $0.group == .mustChange }.map(\.text), blocks: [])
        case .refer:
            let questions = checklist.filter { $0.group == .askFirst }
            return DMFSignOff(
                state: .waitingForAnswers,
                notice: "Not ready to be authorised: the people named below answer first. Write their answers "
                    + "here, then update the answers and produce the form again for the Information Asset Owner.",
                mustChange: [],
                blocks: questions.enumerated().map { index, item in
                    DMFSignatureBlock(
                        key: "answer_\(index + 1)", title: "Answer from the \(item.who.label.lowercasedFirst)",
                        statement: item.text, fields: [], choices: [], blanks: ["Answer", "Name", "Date"])
                })
        case .conditions, .proceed:
            let declaration = requesterDeclaration(answers.requester)
            guard decision.dmfRequired else {
                return DMFSignOff(
                    state: .forInformation,
                    notice: "This route does not need a DMF or an Information Asset Owner's authorisation. "
                        + "Keep this copy with your records.",
                    mustChange: [], blocks: [declaration])
            }
            let records = checklist.filter { $0.group == .beforeSending }.compactMap { item in
                item.formRecord.map { record(item, $0) }
            }
            return DMFSignOff(
                state: .forSignature,
                notice: "Nothing is sent until the Information Asset Owner has authorised this form and "
                    + "everything below is filled in.",
                mustChange: [], blocks: [declaration] + records + [iaoDecision(answers.authorisation)])
        }
    }

    private static func requesterDeclaration(_ requester: Answers.Requester) -> DMFSignatureBlock {
        DMFSignatureBlock(
            key: "requester_declaration", title: "Requester's declaration",
            statement: "The answers on this form are true and complete to the best of my knowledge, and I will "
                + "do what the checklist asks of me.",
            fields: [text("name", "Name", requester.name)], choices: [], blanks: ["Signature", "Date"])
    }

    private static func record(_ item: ChecklistItem, _ record: FormRecord) -> DMFSignatureBlock {
        switch record {
        case .approval(let title):
            DMFSignatureBlock(
                key: "approval_\(item.rule.rawValue)", title: title,
                statement: "I approve the transfer this form describes.", fields: [],
                choices: ["Approved", "Not approved"], blanks: ["Name", "Signature", "Date"])
        case .entry(let title):
            DMFSignatureBlock(
                key: "record_\(item.rule.rawValue)", title: title, statement: item.text, fields: [],
                choices: [], blanks: ["Agreed", "Name", "Date"])
        }
    }

    private static func iaoDecision(_ authorisation: Answers.Authorisation) -> DMFSignatureBlock {
        DMFSignatureBlock(
            key: "iao_decision", title: "Information Asset Owner's decision",
            statement: "I have read this form and its checklist, and I decide:",
            fields: [text("iao_name", "Information Asset Owner", authorisation.iaoName)],
            choices: ["Authorised", "Refused"], blanks: ["Reason or conditions", "Signature", "Date"])
    }

    private static func authorisation(_ authorisation: Answers.Authorisation) -> DMFSection {
        DMFSection(
            key: "authorisation", title: "Authorisation",
            fields: [
                text("iao_name", "Information Asset Owner", authorisation.iaoName),
                choice("iao_decision", "IAO decision", authorisation.iaoDecision),
            ])
    }
}

extension Answers {
    /// Answers holding only `data`, to reuse the derived-bulk logic.
    fileprivate init(data: DataDetails) {
        self.init()
        self.data = data
    }
}
