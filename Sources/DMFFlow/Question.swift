import DMFPolicy

/// The parts of the form, in the order the wizard asks them.
public enum FlowSection: String, CaseIterable, Sendable {
    case helpdesk, requester, transfer, information, route, recipients, method, retention, thirdParty, authorisation

    public var title: String {
        switch self {
        case .helpdesk: "The call"
        case .requester: "About you"
        case .transfer: "The transfer"
        case .information: "The information"
        case .route: "Where it is going"
        case .recipients: "Who receives it"
        case .method: "How it travels"
        case .retention: "Keeping copies"
        case .thirdParty: "Third-party arrangements"
        case .authorisation: "Authorisation"
        }
    }
}

/// One numbered option of a choice question. Numbers never change, whatever else is shown.
public struct Choice: Sendable, Equatable {
    public let number: Int
    /// The answers-file spelling ("not-sure").
    public let value: String
    public let label: String
}

/// What kind of text a text question takes; each kind validates differently.
public enum TextKind: Sendable, Equatable {
    case free, email, date, count
}

public enum QuestionKind: Sendable {
    case choice([Choice])
    case text(TextKind)
    /// The recipients list screen (add, edit, remove; at least one).
    case recipients
}

/// One question: its wording (kept apart from routing), where it applies, and how it reads and
/// writes its answer. The wizard, plain mode, the flow map and the resume code all use this.
public struct Question: Sendable, Identifiable {
    /// Where a question's answer is kept, which decides how it is read and set.
    enum Binding: Sendable {
        /// In the answers as a whole: `route.type`, or the recipients list itself (P1).
        case answers(read: @Sendable (Answers) -> String?, write: @Sendable (inout Answers, String?) -> Void)
        /// In each recipient, asked of every recipient in turn (P2–P7): `recipients[].clearance`.
        case recipient(RecipientField)
    }

    /// The step code a caller can read back ("R2"); unique and stable.
    public let code: StepCode
    public let section: FlowSection
    /// The answers-file key path, as `AnswerSchema` spells it.
    public let path: String
    public let prompt: String
    /// One line under the question: why we ask.
    public let why: String
    /// The F1 / `?` help: a plain explanation.
    public let help: String
    /// How a helpdesk agent says it on the phone, or, in brackets after "Agent:", what the
    /// agent does without asking the caller.
    public let readAloud: String
    /// The rule this question feeds, cited in the help.
    public let rule: RuleID?
    public let kind: QuestionKind
    /// When it must be answered to finish (otherwise Enter skips it): exactly when its answer is
    /// required (`AnswerSchema`).
    let required: AnswerCondition
    let applies: AnswerCondition
    let binding: Binding

    public var id: StepCode { code }

    /// The helpdesk line under the question: "Read to the caller" with the words to say, or
    /// "For you" with an instruction meant for the agent alone.
    public var helpdeskLine: (label: String, text: String) {
        let agentPrefix = "(Agent: "
        guard readAloud.hasPrefix(agentPrefix), readAloud.hasSuffix(")") else {
            return ("Read to the caller", readAloud)
        }
        let instruction = readAloud.dropFirst(agentPrefix.count).dropLast()
        return ("For you", instruction.prefix(1).uppercased() + instruction.dropFirst())
    }

    /// The same question with other words on screen (the helpdesk asks about "the caller").
    func reworded(prompt: String) -> Question {
        Question(
            code: code, section: section, path: path, prompt: prompt, why: why, help: help, readAloud: readAloud,
            rule: rule, kind: kind, required: required, applies: applies, binding: binding)
    }

    /// Whether the question is asked for these answers (a recipient's too: P5 depends on the method).
    public func applies(to answers: Answers) -> Bool { applies(answers) }

    /// Whether it must be answered, with these answers, to finish.
    public func isRequired(in answers: Answers) -> Bool { required(answers) }

    /// Whether its answer is kept in each recipient (P2–P7), read with `answer(of:)`.
    public var isAskedOfEachRecipient: Bool {
        if case .recipient = binding { return true }
        return false
    }

    /// The current answer in answers-file spelling, nil when unanswered. Only for a question
    /// whose answer is kept in the answers as a whole: a recipient's question traps, because
    /// there is no one answer to give (use `answer(of:)`).
    public func answer(in answers: Answers) -> String? {
        guard case .answers(let read, _) = binding else { wrongBinding("answer(of:)") }
        return read(answers)
    }

    /// Sets (or with nil, clears) the answer. The value must already be valid. A recipient's
    /// question traps (use `setAnswer(_:of:)`).
    public func setAnswer(_ value: String?, in answers: inout Answers) {
        guard case .answers(_, let write) = binding else { wrongBinding("setAnswer(_:of:)") }
        write(&answers, value)
    }

    /// A recipient question's answer for one recipient; any other question traps (use
    /// `answer(in:)`).
    public func answer(of recipient: Answers.Recipient) -> String? {
        guard case .recipient(let field) = binding else { wrongBinding("answer(in:)") }
        return field.value(in: recipient)
    }

    /// Sets a recipient question's answer for one recipient; any other question traps.
    public func setAnswer(_ value: String?, of recipient: inout Answers.Recipient) {
        guard case .recipient(let field) = binding else { wrongBinding("setAnswer(_:in:)") }
        field.set(value, in: &recipient)
    }

    /// Reading a recipient's answer from the whole answers (or the reverse) used to give nil
    /// quietly; it is a mistake in the caller, so it stops here and names the right call.
    private func wrongBinding(_ instead: String) -> Never {
        let kept = isAskedOfEachRecipient ? "in each recipient" : "in the answers as a whole"
        preconditionFailure("\(code) keeps its answer \(kept): use \(instead)")
    }

    /// A recipient question's answer for one recipient as people read it.
    public func displayAnswer(of recipient: Answers.Recipient) -> String? {
        guard let value = answer(of: recipient) else { return nil }
        return choices.first { $0.value == value }?.label ?? value
    }

    public var choices: [Choice] {
        if case .choice(let choices) = kind { return choices }
        return []
    }

    /// The answer as people read it: a choice's label, or the text itself.
    public func displayAnswer(in answers: Answers) -> String? {
        guard let value = answer(in: answers) else { return nil }
        return choices.first { $0.value == value }?.label ?? value
    }

    /// Answers that stand for every way it can be answered, as far as where questions apply is
    /// concerned: each option of a choice, and for typed text none or some (a number, a date, an
    /// address that reads as valid). The recipients list is never empty once answered.
    var possibleAnswers: [String?] {
        switch kind {
        case .choice(let choices): [nil] + choices.map(\.value)
        case .text(.free): [nil, "x"]
        case .text(.email): [nil, "a.person@example.org"]
        case .text(.date): [nil, "2030-01-01"]
        case .text(.count): [nil, "1", String(BulkTransfer.threshold)]
        case .recipients: []
        }
    }

    /// Checks typed text, for these answers; returns the problem in plain words, or nil when it is
    /// fine.
    public func validate(text: String, in answers: Answers = Answers()) -> String? {
        let text = text.trimmed
        guard case .text(let kind) = kind else { return nil }
        if text.isEmpty { return isRequired(in: answers) ? "Please type an answer; this one is needed." : nil }
        switch kind {
        case .free:
            return text.count > 500 ? "Please keep this under 500 characters." : nil
        case .email:
            return TextChecks.isEmailAddress(text)
                ? nil : "That doesn't look like an email address. Type it like a.person@justice.gov.uk"
        case .date:
            if case .failure(let problem) = IsoDate.read(text) { return TextChecks.dateAdvice(problem, typed: text) }
            return nil
        case .count:
            let digits = text.filter { $0 != "," }
            return !digits.isEmpty && digits.count <= 12 && digits.allSatisfy({ $0.isASCII && $0.isNumber })
                ? nil : "Type a whole number, for example 4200, or leave it empty if you don't know."
        }
    }

    /// The value to store for typed text (nil for an empty optional answer).
    public func normalised(text: String) -> String? {
        let text = text.trimmed
        guard !text.isEmpty else { return nil }
        if case .text(.count) = kind { return String(Int(text.filter { $0 != "," }) ?? 0) }
        // Dates are stored one way, 2027-03-31, however they were typed.
        if case .text(.date) = kind, case .success(let date) = IsoDate.read(text) { return date.iso }
        return text
    }
}

/// A step's code, which a caller can read back on the phone ("R2"): a section letter and a
/// number, unique and stable.
public struct StepCode: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    /// A code as typed or saved; letters are made upper case.
    public init(_ text: String) { rawValue = text.uppercased() }
    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { rawValue }

    /// The recipients list (its fields are P2–P7).
    public static let recipients: StepCode = "P1"
    /// The first question asked about a new recipient.
    public static let recipientName: StepCode = "P2"
    /// A recipient's mailbox, asked only when the method delivers to a mailbox.
    public static let recipientMailbox: StepCode = "P5"
    /// "Check your answers" and the outcome, which are steps but not questions.
    public static let check: StepCode = "CHECK"
    public static let outcome: StepCode = "OUTCOME"
}
