import DMFPolicy

/// Where the wizard is.
public enum Screen: Equatable, Sendable {
    case question(StepCode)
    /// The recipients list (step P1).
    case recipients
    /// Editing one recipient (0-based index) at one of the P2–P7 questions.
    case recipientField(index: Int, code: StepCode)
    /// Check your answers.
    case check
    case outcome
}

/// The wizard's navigation and answers, with no drawing and no I/O: the full-screen and plain
/// front ends both drive this, and tests drive it directly.
///
/// Back needs no history: the flow is an ordered list with conditions, so the previous step is
/// the previous question that applies to the current answers.
public struct Wizard: Sendable {
    public let flow: Flow
    public private(set) var answers: Answers
    public private(set) var screen: Screen
    /// True while changing an answer from "Check your answers"; finishing returns there.
    public private(set) var isChanging = false
    /// Said once on the next screen: answers that stopped applying and were removed.
    public var notice: String?
    /// The day it is, for the delete-by date: a date already past is accepted only when given a
    /// second time (nil: no such check, as in tests that do not set a day).
    public var today: IsoDate?
    /// A past delete-by date given once, awaiting the same answer again to confirm it.
    private var pastDateToConfirm: String?
    /// Questions still to ask before returning to "Check your answers" after a change.
    private var pending: [StepCode] = []
    /// The recipient being added, so Back on its first field can drop it again.
    private var addingRecipient: Int?
    /// Set while asking the recipients' mailboxes that a new method made necessary (see
    /// `askMissingMailboxes`): where to go once they are answered, and how to undo it on Back.
    private var mailboxFill: MailboxFill?

    private struct MailboxFill: Sendable {
        /// The screen the answer would have led to, shown once every mailbox is answered.
        var then: Screen
        /// The question whose answer made the mailboxes necessary (M1), for Back.
        var from: StepCode
        var wasChanging: Bool
        var pending: [StepCode]
    }

    public init(flow: Flow = Flow(), answers: Answers = Answers(), resumeAt step: String? = nil) {
        self.flow = flow
        self.answers = answers
        screen = .question(flow.questions[0].code)
        if let step, let screen = Self.screen(forStep: step, flow: flow, answers: answers) {
            self.screen = screen
        } else if answers != Answers() {
            self.screen = firstUnanswered() ?? .check
        }
    }

    // MARK: - Where we are

    /// The question on screen (for a recipient field, the recipient question it asks).
    public var currentQuestion: Question? {
        switch screen {
        case .question(let code): flow.question(code: code)
        case .recipientField(_, let code): flow.question(code: code)
        case .recipients: flow.question(code: .recipients)
        case .check, .outcome: nil
        }
    }

    /// The step code shown on screen: "R2", or "P5" for a recipient field.
    public var stepCode: StepCode {
        switch screen {
        case .question(let code): code
        case .recipients: .recipients
        case .recipientField(_, let code): code
        case .check: .check
        case .outcome: .outcome
        }
    }

    /// The code saved in drafts to resume at the same step ("P5:2" is recipient 2's mailbox).
    public var resumeStep: String {
        if case .recipientField(let index, let code) = screen { return "\(code):\(index + 1)" }
        return stepCode.rawValue
    }

    /// "Step n of m": m counts the questions that apply to the route chosen so far.
    public var progress: (step: Int, of: Int) {
        let applicable = flow.applicable(to: answers)
        let code = progressCode
        let index = applicable.firstIndex { $0.code == code } ?? applicable.count
        return (min(index + 1, applicable.count), applicable.count)
    }

    /// "13 of 26" once the total is settled, "3 of about 21" before (see `progressIsSettled`).
    public var progressText: String {
        let (step, total) = progress
        return "\(step) of \(progressIsSettled ? "" : "about ")\(total)"
    }

    /// Whether the number of steps (`progress.of`) is settled: no answer still to come can change
    /// it. It can while the question on screen, or one ahead not yet answered, would by some
    /// answer (or by being left empty) change how many questions apply: the route brings in the
    /// third party's questions, a number of records takes away the bulk question. Until then the
    /// total is shown as "about". Each such question is tried alone; every condition today reads
    /// a single answer, so trying them one at a time finds every change.
    public var progressIsSettled: Bool {
        let applicable = flow.applicable(to: answers)
        let code = progressCode
        guard let position = applicable.firstIndex(where: { $0.code == code }) else { return true }
        for question in applicable[position...] where !question.isAskedOfEachRecipient {
            let given = question.answer(in: answers)
            guard question.code == code || given == nil else { continue }
            for value in question.possibleAnswers where value != given {
                var trial = answers
                question.setAnswer(value, in: &trial)
                if flow.applicable(to: trial).count != applicable.count { return false }
            }
        }
        return true
    }

    /// The step code of the question on screen, .recipients for the recipients list and its fields.
    private var progressCode: StepCode {
        switch screen {
        case .recipients, .recipientField: .recipients
        default: stepCode
        }
    }

    /// Whether the question on screen must be answered to go on (Enter skips it otherwise).
    public var isCurrentQuestionRequired: Bool { currentQuestion?.isRequired(in: answers) ?? false }

    /// The current answer to the question on screen (recipient fields read their recipient).
    public var currentAnswer: String? {
        guard let question = currentQuestion else { return nil }
        if case .recipientField(let index, _) = screen {
            guard answers.recipients.indices.contains(index) else { return nil }
            return question.answer(of: answers.recipients[index])
        }
        return question.answer(in: answers)
    }

    // MARK: - Answering

    /// Records an answer to the question on screen and moves on.
    /// - Returns: a message when the answer is not valid (the screen stays put).
    @discardableResult
    public mutating func answer(_ raw: String?) -> String? {
        guard let question = currentQuestion else { return nil }
        var value = raw
        if case .text(let kind) = question.kind {
            let typed = raw ?? ""
            if let problem = question.validate(text: typed, in: answers) { return problem }
            value = question.normalised(text: typed)
            if kind == .date, let problem = confirmIfPast(value) { return problem }
        } else if case .choice(let choices) = question.kind {
            // No choice is allowed only for optional questions (the answer stays empty).
            let allowed = raw.map { raw in choices.contains { $0.value == raw } } ?? !question.isRequired(in: answers)
            guard allowed else { return "Please choose one of the options." }
        }
        switch screen {
        case .recipientField(let index, let code):
            question.setAnswer(value, of: &answers.recipients[index])
            advanceRecipient(index: index, after: code)
        case .question(let code):
            let before = Set(flow.applicable(to: answers).map(\.code))
            let askedMailbox = answers.asksMailbox
            let (wasChanging, pendingBefore) = (isChanging, pending)
            question.setAnswer(value, in: &answers)
            removeAnswersThatNoLongerApply()
            advance(after: code, applicableBefore: before)
            if !askedMailbox, answers.asksMailbox {
                askMissingMailboxes(from: code, wasChanging: wasChanging, pending: pendingBefore)
            }
        default:
            break
        }
        return nil
    }

    /// A delete-by date before today is probably a slip (a year typed wrong): it is asked to be
    /// given again before it is recorded.
    private mutating func confirmIfPast(_ value: String?) -> String? {
        guard let value, let today, let date = IsoDate(value), date.isBefore(today: today) else {
            pastDateToConfirm = nil
            return nil
        }
        if pastDateToConfirm == value {
            pastDateToConfirm = nil
            return nil
        }
        pastDateToConfirm = value
        return
            """
            \(date.spoken) is in the past, so the copies would already be overdue for deletion. Give the same \
            date again to keep it, or give another.
            """
    }

    /// Leaves the recipients list (it needs at least one complete recipient).
    /// - Returns: a message when it cannot continue yet.
    @discardableResult
    public mutating func finishRecipients() -> String? {
        guard !answers.recipients.isEmpty else { return "Add at least one recipient before continuing." }
        if let index = answers.recipients.firstIndex(where: { !Self.isComplete($0, in: answers) }) {
            return "Recipient \(index + 1) is not finished: choose it and answer the remaining questions."
        }
        advance(after: .recipients, applicableBefore: Set(flow.applicable(to: answers).map(\.code)))
        return nil
    }

    /// Starts adding a recipient.
    public mutating func addRecipient() {
        mailboxFill = nil
        answers.recipients.append(Answers.Recipient())
        addingRecipient = answers.recipients.count - 1
        screen = .recipientField(index: answers.recipients.count - 1, code: .recipientName)
    }

    /// Edits a recipient from its first field; their earlier answers are kept.
    public mutating func editRecipient(_ index: Int) {
        guard answers.recipients.indices.contains(index) else { return }
        addingRecipient = nil
        mailboxFill = nil
        screen = .recipientField(index: index, code: .recipientName)
    }

    public mutating func removeRecipient(_ index: Int) {
        guard answers.recipients.indices.contains(index) else { return }
        answers.recipients.remove(at: index)
    }

    // MARK: - Moving around

    /// One step back. On the first question it stays put (the caller may then leave the wizard).
    /// - Returns: false when there is nowhere to go back to.
    @discardableResult
    public mutating func back() -> Bool {
        notice = nil
        switch screen {
        case .outcome:
            screen = .check
        case .check:
            screen =
                flow.applicable(to: answers).last.map { $0.code == .recipients ? .recipients : .question($0.code) }
                ?? .check
        case .recipients:
            if isChanging { returnToCheck(); return true }
            guard let previous = previousQuestion(before: .recipients) else { return false }
            screen = .question(previous)
        case .recipientField(let index, let code):
            if let fill = mailboxFill {
                // Back from the mailboxes a new method asked for: to that method, as it was.
                mailboxFill = nil
                isChanging = fill.wasChanging
                pending = fill.pending
                screen = .question(fill.from)
                return true
            }
            let codes = recipientCodes(index)
            if let position = codes.firstIndex(of: code), position > 0 {
                screen = .recipientField(index: index, code: codes[position - 1])
            } else {
                if addingRecipient == index, answers.recipients.indices.contains(index),
                    answers.recipients[index] == Answers.Recipient()
                {
                    answers.recipients.remove(at: index)
                }
                addingRecipient = nil
                screen = .recipients
            }
        case .question(let code):
            if isChanging { returnToCheck(); return true }
            guard let previous = previousQuestion(before: code) else { return false }
            screen = previous == .recipients ? .recipients : .question(previous)
        }
        return true
    }

    /// Opens one answer from "Check your answers" to change it. A recipient's answers (P2–P7) are
    /// changed from the recipients list, so their codes are ignored here.
    public mutating func change(_ code: StepCode) {
        guard let question = flow.question(code: code), !question.isAskedOfEachRecipient,
            question.applies(to: answers)
        else { return }
        isChanging = true
        pending = []
        notice = nil
        mailboxFill = nil
        screen = code == .recipients ? .recipients : .question(code)
    }

    /// After a resume code rebuilt the choices: asks only the free-text questions (and the
    /// recipients list, for names), then shows "Check your answers".
    public mutating func askFreeText() {
        // A code can carry answers the flow would not ask (third-party answers from a file for
        // another route): they were never this caller's answers, so they go without a notice.
        removeAnswersThatNoLongerApply()
        let codes = flow.applicable(to: answers).filter { question in
            if case .choice = question.kind {
                return question.isRequired(in: answers) && question.answer(in: answers) == nil
            }
            return true
        }.map(\.code)
        isChanging = true
        pending = Array(codes.dropFirst())
        notice = nil
        guard let first = codes.first else { return returnToCheck() }
        screen = first == .recipients ? .recipients : .question(first)
    }

    /// Jumps to a step already reached (helpdesk `g` + code). Returns false for an unknown code
    /// or one the answers have not reached.
    @discardableResult
    public mutating func jump(to step: String) -> Bool {
        guard let target = Self.screen(forStep: step, flow: flow, answers: answers) else { return false }
        let code = StepCode(step.split(separator: ":").first.map(String.init) ?? step)
        // A recipient's fields are reached with the recipients list.
        let isRecipientField = Flow.recipientQuestions.contains { $0.code == code }
        guard reachedSteps.contains(isRecipientField ? .recipients : code) || code == stepCode else { return false }
        mailboxFill = nil
        screen = target
        return true
    }

    /// The steps already reached: every question up to the furthest one answered and the one
    /// after it (all of them once every required answer is given), and the step on screen.
    /// Optional questions further on have not been shown, so they are not reached.
    public var reachedSteps: [StepCode] {
        let applicable = flow.applicable(to: answers)
        var codes: [StepCode]
        if firstUnanswered() == nil {
            codes = applicable.map(\.code)
        } else {
            let furthest = applicable.lastIndex { $0.answer(in: answers) != nil } ?? -1
            codes = applicable.prefix(furthest + 2).map(\.code)
        }
        let current = progressCode
        if !codes.contains(current), applicable.contains(where: { $0.code == current }) { codes.append(current) }
        return codes
    }

    /// From "Check your answers" to the outcome, once every required answer is given.
    /// - Returns: the missing answers' step codes, empty when the outcome is shown.
    @discardableResult
    public mutating func confirm() -> [StepCode] {
        mailboxFill = nil
        if let missing = firstUnanswered() {
            screen = missing
            return [stepCode]
        }
        screen = .outcome
        return []
    }

    /// The decision for the current answers, once they are complete.
    public var decision: Decision? { try? PolicyEngine.evaluate(answers) }

    // MARK: - Internals

    private mutating func advance(after code: StepCode, applicableBefore: Set<StepCode>) {
        let applicable = flow.applicable(to: answers)
        if isChanging {
            let newlyApplicable = applicable.filter { !applicableBefore.contains($0.code) }.map(\.code)
            let unanswered = applicable.filter { $0.isRequired(in: answers) && isUnanswered($0) }.map(\.code)
            let queue = Set(pending + newlyApplicable + unanswered).subtracting([code])
            pending = applicable.map(\.code).filter(queue.contains)
            if let next = pending.first {
                pending.removeFirst()
                screen = next == .recipients ? .recipients : .question(next)
            } else {
                returnToCheck()
            }
            return
        }
        guard let position = applicable.firstIndex(where: { $0.code == code }), position + 1 < applicable.count else {
            screen = .check
            return
        }
        let next = applicable[position + 1].code
        screen = next == .recipients ? .recipients : .question(next)
    }

    private mutating func advanceRecipient(index: Int, after code: StepCode) {
        if let fill = mailboxFill {
            if let next = recipientsMissingMailbox.first(where: { $0 > index }) ?? recipientsMissingMailbox.first {
                screen = .recipientField(index: next, code: .recipientMailbox)
            } else {
                mailboxFill = nil
                if isChanging, fill.then == .recipients {
                    // The list was queued only for these mailboxes: go on past it.
                    advance(after: .recipients, applicableBefore: Set(flow.applicable(to: answers).map(\.code)))
                } else {
                    screen = fill.then
                }
            }
            return
        }
        let codes = recipientCodes(index)
        if let position = codes.firstIndex(of: code), position + 1 < codes.count {
            screen = .recipientField(index: index, code: codes[position + 1])
        } else {
            addingRecipient = nil
            screen = .recipients
        }
    }

    /// The method now delivers to a mailbox (or is not sure) while it did not before: each
    /// recipient's mailbox is now needed. Asks just those, recipient by recipient, then goes on
    /// to where the answer led (the recipients list, the next change, or Check your answers).
    private mutating func askMissingMailboxes(from code: StepCode, wasChanging: Bool, pending: [StepCode]) {
        guard let first = recipientsMissingMailbox.first else { return }
        mailboxFill = MailboxFill(then: screen, from: code, wasChanging: wasChanging, pending: pending)
        screen = .recipientField(index: first, code: .recipientMailbox)
    }

    /// The recipients whose mailbox is asked but not answered.
    private var recipientsMissingMailbox: [Int] {
        guard answers.asksMailbox else { return [] }
        return answers.recipients.indices.filter { answers.recipients[$0].mailbox == nil }
    }

    /// Whether a required question still needs an answer; the recipients list needs every
    /// recipient finished.
    private func isUnanswered(_ question: Question) -> Bool {
        if question.code == .recipients {
            return answers.recipients.isEmpty
                || answers.recipients.contains { !Self.isComplete($0, in: answers) }
        }
        return question.answer(in: answers) == nil
    }

    /// The recipient editor's steps for one recipient: P5 only when the method delivers to a mailbox.
    private func recipientCodes(_ index: Int) -> [StepCode] {
        Flow.recipientQuestions.filter { $0.applies(to: answers) }.map(\.code)
    }

    private mutating func returnToCheck() {
        isChanging = false
        pending = []
        screen = .check
    }

    private func previousQuestion(before code: StepCode) -> StepCode? {
        let applicable = flow.applicable(to: answers)
        guard let position = applicable.firstIndex(where: { $0.code == code }), position > 0 else { return nil }
        return applicable[position - 1].code
    }

    /// Clears answers to questions that stopped applying (say, third-party answers after the
    /// route changed, or recipients' mailboxes after the method stopped delivering to a
    /// mailbox), and says which, rather than keeping or dropping them silently.
    private mutating func removeAnswersThatNoLongerApply() {
        var removed: [String] = []
        for question in flow.questions where !question.applies(to: answers) {
            if let shown = question.displayAnswer(in: answers) {
                question.setAnswer(nil, in: &answers)
                removed.append("\(question.code) \(question.prompt) (was: \(shown))")
            }
        }
        for index in answers.recipients.indices {
            for question in Flow.recipientQuestions where !question.applies(to: answers) {
                if let shown = question.displayAnswer(of: answers.recipients[index]) {
                    question.setAnswer(nil, of: &answers.recipients[index])
                    let name = answers.recipients[index].name.map { ", \($0)" } ?? ""
                    removed.append("\(question.code) Recipient \(index + 1)\(name): \(question.prompt) (was: \(shown))")
                }
            }
        }
        if answers.helpdesk == Answers.Helpdesk() { answers.helpdesk = nil }
        notice =
            removed.isEmpty
            ? nil : "These answers no longer apply and were removed:\n" + removed.joined(separator: "\n")
    }

    /// The first required question not yet answered, or an unfinished recipient.
    private func firstUnanswered() -> Screen? {
        for question in flow.applicable(to: answers) {
            if question.code == .recipients {
                if let index = answers.recipients.firstIndex(where: { !Self.isComplete($0, in: answers) }) {
                    let field = Flow.recipientQuestions.first {
                        $0.isRequired(in: answers) && $0.applies(to: answers)
                            && $0.answer(of: answers.recipients[index]) == nil
                    }
                    return .recipientField(index: index, code: field?.code ?? .recipientName)
                }
                if answers.recipients.isEmpty { return .recipients }
            } else if question.isRequired(in: answers), question.answer(in: answers) == nil {
                return .question(question.code)
            }
        }
        return nil
    }

    /// Whether every required recipient question that applies (P5 only when the method
    /// delivers to a mailbox) is answered for `recipient`.
    static func isComplete(_ recipient: Answers.Recipient, in answers: Answers) -> Bool {
        Flow.recipientQuestions.allSatisfy {
            !$0.isRequired(in: answers) || !$0.applies(to: answers) || $0.answer(of: recipient) != nil
        }
    }

    /// The screen for a saved step code ("R2", "P5:2", "CHECK"), if it still makes sense.
    static func screen(forStep step: String, flow: Flow, answers: Answers) -> Screen? {
        let parts = step.split(separator: ":").map(String.init)
        guard let first = parts.first else { return nil }
        let code = StepCode(first)
        switch code {
        case .check: return .check
        case .outcome: return answers.isComplete ? .outcome : .check
        case .recipients: return .recipients
        default: break
        }
        if let question = Flow.recipientQuestions.first(where: { $0.code == code }) {
            guard parts.count == 2, let number = Int(parts[1]), answers.recipients.indices.contains(number - 1),
                question.applies(to: answers)
            else {
                return .recipients
            }
            return .recipientField(index: number - 1, code: code)
        }
        guard let question = flow.question(code: code), question.applies(to: answers) else { return nil }
        return .question(code)
    }
}
