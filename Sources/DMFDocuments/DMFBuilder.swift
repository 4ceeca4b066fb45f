import DMFPolicy

/// Fills the form from complete answers and the engine's decision.
public enum DMFBuilder {
    /// What the form needs besides the answers: when it was produced and in which mode.
    public struct Context: Sendable {
        /// UTC time, ISO 8601 (`2026-11-29T02:14:10Z`).
        public var producedAt: String
        public var training: Bool
        /// The register's reference when two assessments hash alike and this one took the next
        /// free reference; nil for the usual one made from the answers.
        public var reference: String?
        /// The IAO's decision as the register holds it, for a form produced after it was made.
        public var recordedDecision: RecordedDecision?
        /// Where the register stood, for a form saved with one.
        public var registerPosition: RegisterWitness?

        public init(
            producedAt: String, training: Bool = false, reference: String? = nil,
            recordedDecision: RecordedDecision? = nil, registerPosition: RegisterWitness? = nil
        ) {
            self.producedAt = producedAt
            self.training = training
            self.reference = reference
            self.recordedDecision = recordedDecision
            self.registerPosition = registerPosition
        }
    }

    /// An IAO's decision already recorded: printed in the IAO's box of a form produced after it.
    public struct RecordedDecision: Sendable, Equatable {
        public var authorised: Bool
        /// The IAO's name as written, and the login account that decided.
        public var name: String
        public var account: String?
        /// `SHA256:…` of the key that signed it; nil when it is unsigned.
        public var fingerprint: String?
        /// Who the allowed signers say signed it, when they trust the key.
        public var signer: String?
        /// `2026-12-06`.
        public var date: String
        public var reason: String?

        public init(
            authorised: Bool, name: String, account: String?, fingerprint: String?, signer: String?, date: String,
            reason: String?
        ) {
            self.authorised = authorised
            self.name = name
            self.account = account
            self.fingerprint = fingerprint
            self.signer = signer
            self.date = date
            self.reason = reason
        }

        /// "Authorised by Jo Owner (account jowner), signed with key SHA256:… (jowner@moj.example), on 6/12/2026".
        public var line: String {
            let day = IsoDate(date)?.short ?? date
            let who = name + (account.map { " (account \($0))" } ?? "")
            let signed =
                fingerprint.map { ", signed with key \($0)" + (signer.map { " (\($0))" } ?? " (not trusted here)") }
                ?? ", unsigned"
            return "\(authorised ? "Authorised" : "Refused") by \(who)\(signed), on \(day)"
                + (reason.map { $0.isEmpty ? "" : ": \($0)" } ?? "")
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
        let statements = FormStatements(answers, decision: decision)
        let reference = context.reference ?? reference(for: answers, producedAt: context.producedAt)
        var signOff = signOff(answers, decision: decision, recorded: context.recordedDecision)
        let stated = StatedDecision(answers, state: signOff.state, recorded: context.recordedDecision)
        let nextSteps = nextSteps(decision.checklist, stated)
        if signOff.state == .forSignature || signOff.state == .forInformation { signOff.conditions = nextSteps.actions }
        return FilledDMF(
            reference: reference,
            marking: ProtectiveMarking(for: answers),
            producedAt: context.producedAt,
            training: context.training,
            onBehalfOf: onBehalfOf(answers.helpdesk),
            decision: decision,
            route: route,
            nextSteps: nextSteps,
            sectionsBeforeRecipients: [
                status(reference: reference, decision: decision, stated: stated, context: context),
                section("requester", "requester", "Requester", answers),
                section("transfer", "transfer", "The transfer", answers),
                section("information", "data", "The information", answers),
                section("route", "route", "Route and destination", answers),
            ],
            recipients: answers.recipients.map { recipientRow($0, answers) },
            sectionsAfterRecipients: [
                controls(answers, statements),
                section(
                    "retention", "retention", "Retention and deletion", answers,
                    extra: [derived("copies", "Copies after the transfer", statements.copies)]),
                section("third_party", "third_party", "Third-party arrangements", answers),
            ],
            authorisation: authorisation(answers, stated),
            signOff: signOff, registerPosition: context.registerPosition)
    }

    /// `DMF-20261129-7K3Q`: the production date and four Crockford symbols hashed from the answers
    /// and the rule set's version, so the same answers on the same day under the same rules give
    /// the same reference.
    public static func reference(
        for answers: Answers, producedAt: String, rulesVersion: String = PolicyInfo.rulesVersion
    ) -> String {
        let day = producedAt.prefix(10).filter(\.isNumber)
        let digest = Crockford.fnv1a(answers.fingerprint(rulesVersion: rulesVersion))
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

    private static func status(
        reference: String, decision: Decision, stated: StatedDecision, context: Context
    ) -> DMFSection {
        DMFSection(
            key: "status", title: "Reference and status",
            fields: [
                derived("reference", "Reference", reference),
                derived("status", "Status", stated.status),
                DMFField(
                    key: "dmf_required", label: "DMF required", value: decision.dmfRequired ? "Yes" : "No",
                    raw: decision.dmfRequired ? "yes" : "no"),
                derived("produced_at", "Produced", context.producedAt),
            ])
    }

    /// A section of the form holding the answers of one section of the answers file, in the
    /// file's order, then any fields worked out from them: a new answer in `AnswerSchema`
    /// appears on the form with no change here.
    private static func section(
        _ key: String, _ schemaSection: String, _ title: String, _ answers: Answers, extra: [DMFField] = []
    ) -> DMFSection {
        DMFSection(
            key: key, title: title, fields: AnswerSchema.fields(under: schemaSection).map { field($0, answers) } + extra
        )
    }

    /// One answer as the form prints it: a choice's label, text cleaned of invisible characters,
    /// "Not provided" when it was not given, and the field's own words when it does not apply.
    /// `root` is where the answer is kept: the answers, or one recipient.
    private static func field<Root>(_ field: SchemaField<Root>, _ root: Root, _ answers: Answers) -> DMFField {
        switch field.onForm(root, in: answers) {
        case .answer(let value): shown(field.key, field.label, field.type, value)
        case .notApplicable(let words): derived(field.key, field.label, words)
        }
    }

    private static func field(_ field: AnswerField, _ answers: Answers) -> DMFField {
        self.field(field, answers, answers)
    }

    private static func recipientRow(_ recipient: Answers.Recipient, _ answers: Answers) -> DMFRecipientRow {
        DMFRecipientRow(cells: AnswerSchema.recipient.map { field($0, recipient, answers) })
    }

    private static func shown(_ key: String, _ label: String, _ type: FieldType, _ value: String?) -> DMFField {
        switch type {
        case .choice(let options):
            let option = options.first { $0.value == value }
            return DMFField(
                key: key, label: label, value: option?.formLabel ?? DMFField.notProvided, raw: option?.value)
        case .paragraph:
            return text(key, label, value, multiline: true)
        case .text, .email, .date, .count:
            return text(key, label, value)
        }
    }

    /// The authorisation answers. The IAO's decision is the requester's word until the IAO signs,
    /// so the form labels it as stated by the requester and says what happens to it (its value
    /// for JSON stays the answer).
    private static func authorisation(_ answers: Answers, _ stated: StatedDecision) -> DMFSection {
        var section = section("authorisation", "authorisation", "Authorisation", answers)
        if let index = section.fields.firstIndex(where: { $0.key == "iao_decision" }) {
            section.fields[index].label = StatedDecision.label
            if let value = stated.value { section.fields[index].value = value }
        }
        return section
    }

    /// Page 1's "What happens next": the actions the verdict turns on, each with who does it,
    /// and where the IAO signs.
    private static func nextSteps(_ checklist: [ChecklistItem], _ stated: StatedDecision) -> DMFNextSteps {
        let groups: Set<ChecklistGroup> =
            switch stated.state {
            case .mustNotBeAuthorised: [.mustChange]
            case .waitingForAnswers: [.askFirst]
            case .forSignature, .forInformation: [.beforeSending, .afterTransfer]
            }
        return DMFNextSteps(
            actions: checklist.filter { groups.contains($0.group) }, signing: stated.signing(iaoBlock: iaoDecisionTitle)
        )
    }

    /// The method and what the rules decided about protecting it in transit.
    private static func controls(_ answers: Answers, _ statements: FormStatements) -> DMFSection {
        let method = AnswerSchema.field(at: \Answers.method).map { field($0, answers) }
        return DMFSection(
            key: "method_and_controls", title: "Method and controls",
            fields: [method].compactMap { $0 } + [
                derived("confidentiality", "Confidentiality in transit", statements.confidentiality),
                derived("integrity", "Integrity (e.g. a checksum the recipient verifies)", statements.integrity),
                derived(
                    "proof_of_sending_and_receipt", "Proof of sending and of receipt",
                    statements.proofOfSendingAndReceipt),
            ])
    }

    // MARK: - Sign-off

    /// Who signs, approves or answers on the printed form. A BLOCKED form has no signature
    /// boxes (it must not be authorised, so nothing invites a signature); a REFER form has
    /// answer boxes for the people it names and none for authorisation, because their answers
    /// can change the outcome and the form must be produced again.
    static func signOff(_ answers: Answers, decision: Decision, recorded: RecordedDecision? = nil) -> DMFSignOff {
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
                        key: "answer_\(index + 1)", title: answerTitle(item.who),
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
                mustChange: [],
                blocks: [declaration] + records + [iaoDecision(answers.authorisation, recorded: recorded)])
        }
    }

    /// "Answer from the Information Asset Owner", "Answer from you (the person sending)".
    static func answerTitle(_ who: Actor) -> String {
        who == .requester ? "Answer from \(who.label.lowercasedFirst)" : "Answer from the \(who.label.inSentence)"
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

    static let iaoDecisionTitle = "Information Asset Owner's decision"

    /// The IAO's box; with the decision the register holds, that decision beside the IAO the form
    /// names, so a mismatch between them is plain to see.
    private static func iaoDecision(_ authorisation: Answers.Authorisation, recorded: RecordedDecision?)
        -> DMFSignatureBlock
    {
        DMFSignatureBlock(
            key: DMFSignatureBlock.iaoDecisionKey, title: iaoDecisionTitle,
            statement: "I have read this form and its checklist, and I decide:",
            fields: [text("iao_name", "Information Asset Owner", authorisation.iaoName)]
                + (recorded.map { [text("recorded_decision", "Recorded decision", $0.line)] } ?? []),
            choices: ["Authorised", "Refused"], blanks: ["Reason or conditions", "Signature", "Date"])
    }
}
