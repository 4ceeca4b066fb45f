import DMFAnswers
import DMFDocuments
import DMFFlow
import DMFPolicy

/// Training as numbered line prompts, for trainees using a screen reader or a terminal without
/// full-screen support: the same cases, prediction, comparison and summary as the full screen.
public final class PlainTraining {
    let cases: [TrainingCase]
    let io: LineIO
    public private(set) var results: [TrainingResult] = []
    public private(set) var trainee = ""
    let outputFolder: String
    /// The time on the score sheet; the case sessions get it too.
    let clock: WallClock

    public init(
        cases: [TrainingCase], io: LineIO, clock: WallClock, outputFolder: String = ProcessContext.currentFolder
    ) {
        self.cases = cases
        self.io = io
        self.clock = clock
        self.outputFolder = outputFolder
    }

    /// Runs the session. Returns 0 when the trainee finishes, 1 when input ends first.
    public func run() -> Int32 {
        say(FilledDMF.trainingBanner)
        while trainee.isEmpty {
            guard let name = ask("What is your name? (It goes on your score sheet; nothing else is kept.)") else {
                return 1
            }
            trainee = name.trimmed
        }
        caseList: while true {
            say("")
            say("Training cases:")
            for (index, item) in cases.enumerated() {
                let score = results.last { $0.caseID == item.id }.map { " (score \($0.score)/10)" } ?? ""
                say("  \(index + 1). \(item.notes.title)\(score)")
            }
            guard let line = ask("Type a case number, or f to finish and see the summary:") else { return 1 }
            let typed = line.trimmed.lowercased()
            if ["f", "q", "quit"].contains(typed) { break }
            guard let number = Int(typed), cases.indices.contains(number - 1) else {
                say("Please type a number from 1 to \(cases.count), or f.")
                continue
            }
            switch work(cases[number - 1]) {
            case nil: continue
            // `q` in a case's questions ends the session: the summary of the cases done.
            case .quit?: break caseList
            case .endOfInput?: return 1
            case .unusableLine(let number, let text, let problem)?:
                say("Line \(number) (\"\(Sanitizer.visible(text))\") cannot be used: \(problem)")
                return 1
            }
        }
        say("")
        say("Training summary for \(trainee)")
        for result in results {
            say(
                """
                \(result.score)/10  \(result.title): predicted \(result.predictedVerdict.label), the wizard said \
                \(result.actualVerdict.label)
                """
            )
        }
        say("Total: \(results.map(\.score).reduce(0, +)) out of \(results.count * 10).")
        guard !results.isEmpty else { return 0 }
        guard let answer = ask("Save the score sheet (Markdown and CSV) here? y or n:") else { return 1 }
        if answer.trimmed.lowercased().hasPrefix("y") {
            let sheet = ScoreSheet(trainee: trainee, date: clock.timestamp, results: results)
            do {
                say("Saved: " + (try sheet.save(in: outputFolder)).joined(separator: " and "))
            } catch {
                say("Could not save the score sheet: \(error.description)")
            }
        }
        return 0
    }

    /// One case: story, questions, prediction, comparison. Nil when it was done; else why the
    /// session stops.
    private func work(_ trainingCase: TrainingCase) -> PlainStop? {
        say("")
        say(trainingCase.notes.title)
        for paragraph in TrainingNotes.paragraphs(trainingCase.notes.story) { say(paragraph) }
        let session = WizardSession(wizard: Wizard(flow: Flow()), drafts: nil, training: true, clock: clock)
        let questions = PlainFrontEnd(session: session, io: io)
        if let stop = questions.answerQuestions(untilOutcome: true) { return stop }
        guard let decision = questions.session.wizard.decision else { return .endOfInput }
        let answered = questions.session.wizard

        say("")
        say("Before you see the outcome: what will it be?")
        let order = TrainingResult.predictionOrder
        for (index, verdict) in order.enumerated() { say("  \(index + 1). \(verdict.label): \(verdict.headline)") }
        var predicted: Verdict?
        while predicted == nil {
            guard let line = ask("Type a number:") else { return .endOfInput }
            if let number = Int(line.trimmed), order.indices.contains(number - 1) {
                predicted = order[number - 1]
            } else {
                say("Please type a number from 1 to \(order.count).")
            }
        }

        say("")
        say("Which of these will need action? (Some are done before sending, some after the transfer.)")
        let rules = TrainingResult.pickableRules
        for (index, rule) in rules.enumerated() { say("  \(index + 1). \(rule.title)") }
        var picked: Set<RuleID>?
        while picked == nil {
            guard let line = ask("Type the numbers separated by commas (or Enter for none):") else {
                return .endOfInput
            }
            let numbers = line.split(whereSeparator: { $0 == "," || $0 == " " }).map { Int($0) }
            if numbers.allSatisfy({ $0.map { rules.indices.contains($0 - 1) } ?? false }) {
                picked = Set(numbers.compactMap { $0 }.map { rules[$0 - 1] })
            } else {
                say("Please type numbers from 1 to \(rules.count), separated by commas.")
            }
        }

        let result = TrainingResult(
            trainingCase: trainingCase, answers: answered.answers, decision: decision, predicted: predicted!,
            picked: picked!)
        results.append(result)
        say("")
        for line in result.explanation(
            decision: decision, trainingCase: trainingCase, answers: answered.answers, flow: answered.flow)
        {
            say(line)
        }
        return nil
    }

    private func say(_ text: String) { io.say(text) }
    private func ask(_ prompt: String) -> String? { io.ask(prompt) }
}
