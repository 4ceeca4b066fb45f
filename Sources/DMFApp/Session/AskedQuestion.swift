import DMFFlow

/// The question on show as both front ends ask it, by its kind: a choice is answered by one of
/// its options (the full screen's highlight, or the number plain mode reads), a typed question by
/// its text, and the answer given so far stays when nothing new is given. Both front ends give
/// the wizard what this makes of the person's input, so choosing, skipping and keeping an answer
/// mean the same in each; only how the input is read differs (a highlight and a field, a line).
struct AskedQuestion {
    let question: Question
    /// The answer given so far, if any.
    let current: String?
    /// Whether it must be answered; otherwise it may be skipped.
    let isRequired: Bool

    init?(_ wizard: Wizard) {
        guard let question = wizard.currentQuestion else { return nil }
        self.question = question
        current = wizard.currentAnswer
        isRequired = wizard.isCurrentQuestionRequired
    }

    /// What the person's input makes of it: an answer for the wizard (nil skips the question),
    /// or why it is not one.
    enum Given: Equatable {
        case answer(String?)
        case problem(String)
    }

    /// On a choice, the row of the answer given so far: the only row ever highlighted for the
    /// person (nothing is chosen for them).
    var currentRow: Int? { question.choices.firstIndex { $0.value == current } }

    /// Enter on the full screen: the highlighted option of a choice (nothing highlighted is not
    /// an answer, even on a question that may be skipped), or the field's text, which starts as
    /// the answer given so far and is skipped when emptied.
    func answer(highlighted row: Int?, field: String) -> Given {
        guard case .choice(let choices) = question.kind else { return .answer(field) }
        guard let row, choices.indices.contains(row) else {
            return .problem("Choose one of the options: move to it with ↑↓ or its number, then press Enter.")
        }
        return .answer(choices[row].value)
    }

    /// A line typed in plain mode (trimmed): the option a number names, or the one an
    /// unambiguous start of its word names ("shar" for Share), on a choice; the text on a typed
    /// question. An empty line keeps the answer given so far, or skips a question that may be
    /// skipped.
    func answer(typed: String) -> Given {
        guard case .choice(let choices) = question.kind else {
            return .answer(typed.isEmpty && current != nil ? current : typed)
        }
        if typed.isEmpty, current != nil || !isRequired { return .answer(current) }
        let named = Int(typed).map { number in choices.filter { $0.number == number } } ?? Self.options(typed, choices)
        switch named.count {
        case 1: return .answer(named[0].value)
        case 0:
            return .problem("Please type one of the numbers 1 to \(choices.count), or the start of an option's word.")
        default:
            let options = named.map { "\($0.number) \($0.label)" }
            return .problem(
                """
                "\(typed)" could be \(options.dropLast().joined(separator: ", ")) or \(options.last ?? ""): type more \
                of the word, or the number.
                """)
        }
    }

    /// The options `typed` names: one whose answers-file word or label it is (whatever the
    /// case); else every option whose word or label starts with it ("shar" names Share; "n"
    /// names both No and "Not sure", so neither is taken). Only the start counts: "usb" names
    /// no method, rather than whichever label happens to mention a USB drive.
    static func options(_ typed: String, _ choices: [Choice]) -> [Choice] {
        let typed = typed.lowercased()
        guard !typed.isEmpty else { return [] }
        let whole = choices.filter { $0.value.lowercased() == typed || $0.label.lowercased() == typed }
        if !whole.isEmpty { return whole }
        return choices.filter { $0.value.lowercased().hasPrefix(typed) || $0.label.lowercased().hasPrefix(typed) }
    }

    /// `s` on the full screen: a question that may be left unanswered is skipped and records
    /// nothing (an answer given before is taken away); one that must be answered says so.
    var skipped: Given {
        isRequired ? .problem("This question needs an answer: choose one of the options.") : .answer(nil)
    }

    /// Under a choice that may be left unanswered, how to do so.
    var skipNote: String { "Optional: press s to skip it and leave it unanswered." }

    /// What a typed question says about leaving it empty, under its field or in its prompt.
    var emptyField: String {
        isRequired ? "Required." : "Optional: press Enter with the field empty to skip."
    }

    /// The rule the question serves and the guidance it quotes, for help on either front end:
    /// "Rule retention: Copies are kept only as long as needed." and "(General principles): …".
    static func rule(of question: Question) -> (title: String, guidance: String)? {
        question.rule.map { rule in
            ("Rule \(rule.rawValue): \(rule.title).", "(\(rule.source.section)): \(rule.source.quotation)")
        }
    }
}

extension Wizard {
    /// Gives the wizard what the person's input made of the question on show.
    /// - Returns: the problem to show, if it was not taken.
    mutating func give(_ given: AskedQuestion.Given) -> String? {
        switch given {
        case .answer(let value): answer(value)
        case .problem(let problem): problem
        }
    }
}
