import DMFPolicy

/// The wizard's questions, in order, with their wording and where each applies.
///
/// Routing lives in `applies` conditions only; the policy decision stays in `PolicyEngine`.
/// Step codes are letters for the section and a number, so a caller can say "I'm on R2".
public struct Flow: Sendable {
    public let questions: [Question]

    /// The standard flow; `helpdesk` adds the call details first. The caller is the requester,
    /// so their name and team are asked once, at H1 and H2 (which fill in the requester too),
    /// and Y1/Y3 are not asked again; the email question is worded for the agent.
    public init(helpdesk: Bool = false) {
        guard helpdesk else {
            questions = Self.mainQuestions
            return
        }
        questions =
            Self.helpdeskQuestions
            + Self.mainQuestions.compactMap { question in
                switch question.code {
                case "Y1", "Y3": nil
                case "Y2": question.reworded(prompt: "What is the caller's work email address?")
                default: question
                }
            }
    }

    /// Whether this is the helpdesk flow (the call's details come first).
    public var isHelpdesk: Bool { questions.first?.section == .helpdesk }

    public func question(code: StepCode) -> Question? {
        (questions + Self.recipientQuestions).first { $0.code == code }
    }

    /// The questions asked for these answers, in order ("Step n of m" counts these).
    public func applicable(to answers: Answers) -> [Question] { questions.filter { $0.applies(to: answers) } }

    // MARK: - Building blocks

    /// A choice question bound to the answer at `path`: its options, where it applies and how its
    /// answer is read and set all come from `AnswerSchema`.
    static func choice(
        _ code: StepCode, _ section: FlowSection, _ path: String, prompt: String, why: String, help: String,
        readAloud: String, rule: RuleID?
    ) -> Question {
        let answer = SchemaAnswer(path)
        guard case .choice(let options) = answer.type else { preconditionFailure("\(path) is not a choice") }
        let choices = options.enumerated().map {
            Choice(number: $0.offset + 1, value: $0.element.value, label: $0.element.label)
        }
        return Question(
            code: code, section: section, path: path, prompt: prompt, why: why, help: help, readAloud: readAloud,
            rule: rule, kind: .choice(choices), required: answer.required, applies: answer.applies,
            binding: answer.binding)
    }

    /// A typed question bound to the answer at `path`; what it accepts (free text, an email
    /// address, a date, a number) follows the answer's type. `alsoSets` names another answer
    /// given the same text (the caller's name is also the requester's).
    static func text(
        _ code: StepCode, _ section: FlowSection, _ path: String, prompt: String, why: String, help: String,
        readAloud: String, rule: RuleID? = nil, alsoSets: String? = nil
    ) -> Question {
        let answer = SchemaAnswer(path)
        let kind: TextKind =
            switch answer.type {
            case .email: .email
            case .date: .date
            case .count: .count
            case .text, .paragraph, .choice: .free
            }
        let binding = alsoSets.map { answer.binding.alsoSetting(SchemaAnswer($0).binding) } ?? answer.binding
        return Question(
            code: code, section: section, path: path, prompt: prompt, why: why, help: help, readAloud: readAloud,
            rule: rule, kind: .text(kind), required: answer.required, applies: answer.applies, binding: binding)
    }

    /// The `AnswerSchema` answer a question asks: its type, when it applies and is required, and
    /// the binding that reads and sets it, in each recipient for a recipient's answer
    /// (`recipients[].name`, `Question.answer(of:)`) and in the answers as a whole for any other.
    struct SchemaAnswer {
        let type: FieldType
        let applies: AnswerCondition
        let required: AnswerCondition
        let binding: Question.Binding

        init(_ path: String) {
            if let field = AnswerSchema.recipient.first(where: { $0.path == path }) {
                type = field.type
                applies = field.applies
                required = field.required
                binding = .recipient(field)
            } else if let field = AnswerSchema.field(path) {
                type = field.type
                applies = field.applies
                required = field.required
                binding = .answers(read: field.value(in:), write: { field.set($1, in: &$0) })
            } else {
                preconditionFailure("no answer \(path) in AnswerSchema")
            }
        }
    }

    // MARK: - The questions

    static let helpdeskQuestions: [Question] = [
        text(
            "H1", .helpdesk, "helpdesk.caller_name", prompt: "What is the caller's name?",
            why: "The form records that the helpdesk completed it on the caller's behalf.",
            help: "Type the caller's full name as they give it.",
            readAloud: "Can I take your full name, please?", alsoSets: "requester.name"),
        text(
            "H2", .helpdesk, "helpdesk.caller_team", prompt: "Which team is the caller in?",
            why: "So the form can be traced back to the team that asked.",
            help: "The caller's team or business unit.",
            readAloud: "Which team or business unit are you in?", alsoSets: "requester.team"),
        text(
            "H3", .helpdesk, "helpdesk.call_reference", prompt: "What is the call reference?",
            why: "Links this form to the helpdesk ticket.",
            help: "The reference of this call in the helpdesk system.",
            readAloud: "(Agent: type the ticket reference.)"),
        text(
            "H4", .helpdesk, "helpdesk.agent_name", prompt: "What is your name (the helpdesk agent)?",
            why: "The form names who completed it.",
            help: "Your own name, as it should appear on the form.",
            readAloud: "(Agent: type your own name.)"),
    ]

    static let mainQuestions: [Question] = [
        text(
            "Y1", .requester, "requester.name", prompt: "What is your name?",
            why: "The form records who asked for the transfer.",
            help: "Your full name. It is printed on the Data Movement Form as the requester.",
            readAloud: "What is your full name?"),
        text(
            "Y2", .requester, "requester.email", prompt: "What is your work email address?",
            why: "So the Information Asset Owner can contact you about the form.",
            help: "Your work email address, for example a.person@justice.gov.uk.",
            readAloud: "What is your work email address?"),
        text(
            "Y3", .requester, "requester.team", prompt: "Which team or business unit are you in?",
            why: "The form records which part of the MOJ the request comes from.",
            help: "Your team, business unit, Arm's Length Body or Executive Agency.",
            readAloud: "Which team or business unit are you in?"),

        choice(
            "T1", .transfer, "transfer.kind",
            prompt: "Will you keep a copy of the information after it is sent?",
            why: "Keeping a copy (sharing) or not (moving) changes which copies must later be deleted.",
            help:
                """
                If you SHARE information, you keep a copy. If you MOVE information, you do not keep a copy: \
                afterwards only the recipient has it. TRANSPORTING means either. Choose 'Not sure' if this is not \
                decided yet; the checklist will say who to ask.
                """,
            readAloud:
                """
                After you send it, will you still keep a copy? Say share if you keep one, move if you don't, or \
                not sure.
                """,
            rule: .retention),
        choice(
            "T2", .transfer, "transfer.frequency",
            prompt: "Is this a one-off transfer or will it happen regularly?",
            why: "Recurring transfers are recorded once and reviewed.",
            help: "One-off: it happens once. Recurring: it repeats, for example a nightly or monthly extract.",
            readAloud: "Is this a one-off, or will it happen regularly?",
            rule: nil),
        text(
            "T3", .transfer, "transfer.purpose", prompt: "Why does the information need to be sent?",
            why: "The purpose shows the transfer is needed, and helps send only what is needed.",
            help:
                """
                In a sentence: what the recipient will use it for. For example 'Monthly caseload figures for the \
                joint inspection'.
                """,
            readAloud: "In a sentence, why does it need to be sent?", rule: .minimiseRisk),

        text(
            "D1", .information, "data.description", prompt: "What information is it?",
            why: "The form describes what is moving, without including the information itself.",
            help:
                """
                Describe it briefly, for example 'Caseload extract, one row per case'. Do not paste the \
                information itself.
                """,
            readAloud: "Briefly, what information is it?", rule: .minimiseRisk),
        choice(
            "D7", .information, "data.minimised",
            prompt: "Does it include only what the recipients need?",
            why: "The less you send, the less is exposed if something goes wrong.",
            help:
                """
                Look at what you plan to send: every column, record and detail. If the recipients do not need \
                some of it for their purpose, leave it out. Choose 'Not sure' if you have not asked them what they \
                need; the checklist will say what to do.
                """,
            readAloud: "Does it include only what they need, or more than that, or are you not sure?",
            rule: .minimiseRisk),
        choice(
            "D2", .information, "data.classification",
            prompt: "How is the information classified?",
            why: "The classification decides who may receive it and how it must travel.",
            help:
                """
                Most MOJ information is OFFICIAL. OFFICIAL-SENSITIVE is OFFICIAL with the SENSITIVE handling \
                caveat: it must be marked and shared only with people who need it. SECRET and TOP SECRET need the \
                Security team first. If you are not sure, choose 'Not sure': the Information Asset Owner decides.
                """,
            readAloud: "How is it classified: official, official-sensitive, secret, top secret, or are you not sure?",
            rule: .classificationNotSure),
        choice(
            "D3", .information, "data.legacy_marking",
            prompt: "Does it carry an old marking from before 2014?",
            why: "Old markings do not translate automatically; the owner must review them.",
            help:
                """
                Before April 2014 the government used markings such as IL3 RESTRICTED, PROTECT and CONFIDENTIAL. \
                If the file or document still shows one, choose it here. The wizard never converts old markings \
                by itself.
                """,
            readAloud: "Does it show an old marking such as restricted, protect or confidential?",
            rule: .legacyMarkingReview),
        choice(
            "D4", .information, "data.personal_data",
            prompt: "Does it include personal data about living people?",
            why: "Personal data may need a privacy check (DPIA) and a data sharing agreement.",
            help:
                """
                Personal data is anything that identifies a living person: names, addresses, case numbers linked \
                to people, and so on.
                """,
            readAloud: "Does it include anything about identifiable living people?",
            rule: .personalData),
        text(
            "D5", .information, "data.records",
            prompt: "About how many records or people does it cover?",
            why: "Records about \(BulkTransfer.thresholdText) or more people count as a bulk transfer.",
            help:
                """
                A rough number is fine. Leave it empty if you don't know; the next question then asks whether it \
                is bulk.
                """,
            readAloud: "Roughly how many people or records does it cover?", rule: .bulkApproval),
        choice(
            "D6", .information, "data.bulk",
            prompt: "Is it a bulk transfer (records about \(BulkTransfer.thresholdText) or more people)?",
            why: "Bulk transfers need a senior manager's approval.",
            help:
                "Bulk means a large quantity: as a guide, records about \(BulkTransfer.thresholdText) or more people.",
            readAloud: "Is it about a thousand people or more?",
            rule: .bulkApproval),

        choice(
            "R1", .route, "route.type",
            prompt: "Where is the information going?",
            why: "Each route has its own rules.",
            help:
                """
                Inside one system: it stays on one MOJ system or domain such as DOM1. Between MOJ systems: for \
                example DISC to Quantum, or to an MOJ Arm's Length Body or Executive Agency. Another government \
                department: for example the Department for Education. Third party: suppliers, sub-contractors, \
                service providers, anyone outside government.
                """,
            readAloud:
                """
                Where is it going: within one MOJ system, between MOJ systems, to another government department, \
                or to a third party such as a supplier?
                """,
            rule: .dmfAuthorised),
        text(
            "R2", .route, "route.source_system", prompt: "Which MOJ system or domain is it in now?",
            why: "The form records where the information comes from.",
            help: "For example DOM1, DISC or Quantum.",
            readAloud: "Which MOJ system is it in now, for example DOM1?"),
        text(
            "R3", .route, "route.destination_organisation", prompt: "Which organisation is receiving it?",
            why: "The form records who receives the information.",
            help: "The receiving organisation, for example 'Department for Education' or the supplier's company name.",
            readAloud: "Which organisation is receiving it?"),
        text(
            "R4", .route, "route.destination_system", prompt: "Which system will receive it?",
            why: "The receiving system must be able to protect the information.",
            help: "The name of the receiving system or service, for example 'DfE analytical platform'.",
            readAloud: "Which system will it go into at their end?"),
        choice(
            "R5", .route, "route.destination_accreditation",
            prompt: "What level is the receiving system accredited to hold?",
            why: "The receiving system must be accredited to the information's level or higher.",
            help:
                """
                Accreditation (also called assurance) says the highest classification a system may hold. The \
                receiving organisation's security contact can tell you. Choose 'Not sure' if you don't know; the \
                checklist will say who to ask.
                """,
            readAloud:
                """
                Do you know what level their system is accredited to: official, official-sensitive, secret, top \
                secret, not accredited, or not sure?
                """,
            rule: .ogdAccreditedDestination),

        choice(
            "M1", .method, "method",
            prompt: "How will the information travel?",
            why: "It must be kept confidential all the way, for example by a secure network or encryption.",
            help:
                """
                Choose the method you plan to use. Ordinary email to outside the MOJ and unencrypted USB sticks \
                or disks do not protect the information. SECRET and above must never be emailed.
                """,
            readAloud:
                """
                How will you send it: a secure network, Teams or SharePoint, secure email, ordinary email, an \
                encrypted file, secure file transfer, an encrypted USB drive, an unencrypted disk, paper, or not \
                sure?
                """,
            rule: .confidentialityInTransit),

        Question(
            code: .recipients, section: .recipients, path: "recipients",
            prompt: "Who will receive the information?",
            why: "Every recipient must be authorised and cleared before anything is sent.",
            help:
                """
                Add every person who will receive it. For each: their name, organisation, role, whether they are \
                authorised, and their security clearance; when it goes by email, also whether it goes to their \
                own mailbox or a shared one. Shared or group mailboxes cannot be shown to be authorised.
                """,
            readAloud: "Who exactly will receive it? I'll take each person's name, organisation and role.",
            rule: .recipientsAuthorised, kind: .recipients, required: .always, applies: .always,
            binding: .answers(
                read: { $0.recipients.isEmpty ? nil : String($0.recipients.count) },
                write: { answers, value in if value == nil { answers.recipients = [] } })),

        text(
            "K1", .retention, "retention.delete_by",
            prompt: "By what date should the copies be deleted?",
            why: "Copies must be kept only as long as they are needed.",
            help:
                """
                Type the date as year-month-day, for example 2027-03-31. Leave it empty if you give a period \
                instead (next question).
                """,
            readAloud: "By what date should the copies be deleted?", rule: .retention),
        text(
            "K2", .retention, "retention.period", prompt: "Or for how long will the copies be kept?",
            why: "If there is no date, a period or event says when copies go.",
            help: "For example 'until the inspection report is published' or '6 months after the contract ends'.",
            readAloud: "Or how long will the copies be kept?", rule: .retention),

        choice(
            "X1", .thirdParty, "third_party.contract",
            prompt: "Is there a contract with the third party that covers this information?",
            why: "An appropriate contract must be in place before the transfer.",
            help: "The contract with the supplier or service provider that covers handling this information.",
            readAloud: "Is there a contract with them that covers this information?",
            rule: .thirdPartyContract),
        choice(
            "X2", .thirdParty, "third_party.nda",
            prompt: "Is a Non-Disclosure Agreement (NDA) signed?",
            why: "An NDA must be in place before the transfer.",
            help: "A Non-Disclosure Agreement is a signed promise to keep the information confidential.",
            readAloud: "Have they signed a non-disclosure agreement?",
            rule: .thirdPartyNDA),
        choice(
            "X3", .thirdParty, "third_party.security_aspects_letter",
            prompt: "Is there a Security Aspects Letter (SAL)?",
            why: "A SAL may be appropriate; the form records whether there is one.",
            help:
                """
                A Security Aspects Letter from the CISO tells a supplier what security it must provide. It is \
                generally not needed at OFFICIAL.
                """,
            readAloud: "Is there a security aspects letter, or is one not needed?",
            rule: .thirdPartySALCoCo),
        choice(
            "X4", .thirdParty, "third_party.code_of_connection",
            prompt: "Are Codes of Connection (CoCo) in place?",
            why: "Codes of Connection apply when their system connects to ours.",
            help:
                """
                Codes of Connection are signed by the third party, the IAO and the Accreditor before a \
                third-party system connects to an MOJ system. Choose 'Not needed' if no systems connect.
                """,
            readAloud: "Will their system connect to ours, and if so are codes of connection in place?",
            rule: .thirdPartySALCoCo),

        text(
            "A1", .authorisation, "authorisation.iao_name", prompt: "Who is the Information Asset Owner (IAO)?",
            why: "The IAO owns the information and authorises the form.",
            help:
                """
                The Information Asset Owner is the senior person responsible for this information. Your line \
                manager can tell you who it is.
                """,
            readAloud: "Who is the information asset owner?", rule: .dmfAuthorised),
        choice(
            "A2", .authorisation, "authorisation.iao_decision",
            prompt: "Has the Information Asset Owner decided yet?",
            why: "Transfers outside one system need the IAO's authorisation, recorded on the form.",
            help:
                """
                Choose 'Not decided yet' if the IAO has not seen the form: the checklist will include getting it \
                authorised.
                """,
            readAloud: "Has the information asset owner already authorised it, refused it, or not decided yet?",
            rule: .thirdPartyIAOAuthorisation),
    ]

    /// The recipient editor's questions, asked of each recipient in turn (`Question.answer(of:)`);
    /// whether one applies depends on the whole answers: P5 applies only when the method
    /// delivers to a mailbox. The method (M1) is therefore asked before the recipients (P1).
    public static let recipientQuestions: [Question] = [
        text(
            "P2", .recipients, "recipients[].name", prompt: "What is the recipient's name?",
            why: "Each recipient is named on the form.", help: "The person's full name.",
            readAloud: "What is their full name?", rule: .recipientsListed),
        text(
            "P3", .recipients, "recipients[].organisation", prompt: "Which organisation are they in?",
            why: "The form records where each recipient works.", help: "Their organisation or team.",
            readAloud: "Which organisation are they in?"),
        text(
            "P4", .recipients, "recipients[].role", prompt: "What is their role?",
            why: "Their role shows why they need the information.", help: "Their job title or role.",
            readAloud: "What is their role?"),
        choice(
            "P5", .recipients, "recipients[].mailbox",
            prompt: "Will it go to their own mailbox or a shared one?",
            why: "Nobody can show that everyone reading a shared mailbox is authorised.",
            help: "A personal mailbox belongs to one person. A shared or group mailbox is read by several people.",
            readAloud: "Is that their own mailbox, or a shared or group mailbox?",
            rule: .recipientsAuthorised),
        choice(
            "P6", .recipients, "recipients[].authorised",
            prompt: "Are they authorised to receive this information?",
            why: "Every recipient must be authorised before anything is sent.",
            help: "Authorised means the Information Asset Owner agrees they should have it for their work.",
            readAloud: "Are they authorised to receive it?",
            rule: .recipientsAuthorised),
        choice(
            "P7", .recipients, "recipients[].clearance",
            prompt: "What security clearance do they hold?",
            why: "Recipients need at least the clearance the information's level requires.",
            help:
                """
                BPSS is the basic check everyone has; CTC is a counter-terrorist check. The least each level \
                needs: \(Classification.minimumClearancesInWords).
                """,
            readAloud: "What security clearance do they have: none, BPSS, CTC, SC, DV, or not sure?",
            rule: .recipientsCleared),
    ]
}

extension Question.Binding {
    /// This binding, also setting another answer to the same value when it is set (the
    /// helpdesk's caller is the requester). Both must be kept in the answers as a whole.
    fileprivate func alsoSetting(_ other: Question.Binding) -> Question.Binding {
        guard case .answers(let read, let write) = self, case .answers(_, let alsoWrite) = other else {
            preconditionFailure("only answers kept in the answers as a whole are set together")
        }
        return .answers(
            read: read,
            write: { answers, value in
                write(&answers, value)
                alsoWrite(&answers, value)
            })
    }
}
