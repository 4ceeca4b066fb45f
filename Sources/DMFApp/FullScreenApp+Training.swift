import DMFAnswers
import DMFFlow
import DMFPolicy
import TerminalUI

/// Training: a trainee picks a case, reads its story, works it through the normal screens,
/// predicts the verdict and the actions, then sees the comparison; a summary ends the session.
/// Nothing is saved as a draft (the session has no draft store in training).
extension FullScreenApp {
    /// Opens the training case list.
    public func startTraining(cases: [TrainingCase]) {
        trainingCases = cases
        highlight = 0
        input = TextInput()
        mode = .traineeName
    }

    func startPrediction() {
        prediction = nil
        pickedActions = []
        selection = nil
        mode = .predict
    }

    func handleTraining(_ key: Key) {
        switch mode {
        case .traineeName:
            switch key {
            case .enter:
                traineeName = input.text.trimmed
                guard !traineeName.isEmpty else { return message = "Type your name: it goes on your score sheet." }
                message = nil
                mode = .trainingList
            case .escape: ending = .quit
            default: if input.handle(key) { message = nil }
            }
        case .trainingList:
            let count = trainingCases.count + 1
            switch key {
            case .up: highlight = max(0, highlight - 1)
            case .down: highlight = min(count - 1, highlight + 1)
            case .enter:
                if highlight < trainingCases.count {
                    currentCase = trainingCases[highlight]
                    scroll = 0
                    mode = .story
                } else {
                    scroll = 0
                    mode = .summary
                }
            case .char("q"), .escape: mode = .summary
            default: break
            }
        case .story:
            switch key {
            case .enter:
                session = WizardSession(wizard: Wizard(flow: Flow()), drafts: nil, training: true)
                mode = .wizard
                shownScreen = nil
            case .escape: mode = .trainingList
            default: _ = scrolled(by: key)
            }
        case .predict:
            // Like a question: nothing is predicted for the trainee, and a number only moves.
            if moveSelection(key, count: TrainingResult.predictionOrder.count) { return }
            switch key {
            case .enter:
                guard let selection else {
                    message = "Choose your prediction first: move to it with ↑↓ or its number, then press Enter."
                    return
                }
                message = nil
                prediction = TrainingResult.predictionOrder[selection]
                highlight = 0
                mode = .pickActions
            case .escape: mode = .wizard; _ = wizard.back()
            default: break
            }
        case .pickActions:
            let rules = TrainingResult.pickableRules
            switch key {
            case .up: highlight = max(0, highlight - 1)
            case .down: highlight = min(rules.count, highlight + 1)
            case .char(" ") where highlight < rules.count, .enter where highlight < rules.count:
                let rule = rules[highlight]
                if pickedActions.contains(rule) { pickedActions.remove(rule) } else { pickedActions.insert(rule) }
            case .enter, .char("c"): finishPrediction()
            case .escape: mode = .predict
            default: break
            }
        case .comparison:
            if scrolled(by: key) { return }
            switch key {
            case .enter, .escape:
                currentCase = nil
                highlight = 0
                mode = .trainingList
            default: break
            }
        case .summary:
            switch key {
            case .char("s") where !trainingResults.isEmpty:
                let sheet = ScoreSheet(
                    trainee: traineeName, date: ProductionClock.iso8601(ProductionClock.now()), results: trainingResults
                )
                do {
                    message = "Score sheet saved: " + (try sheet.save(in: outputFolder)).joined(separator: " and ")
                } catch {
                    message = "Could not save the score sheet: \(error.description)"
                }
            case .enter, .escape, .char("q"): ending = .finished
            default: break
            }
        default:
            break
        }
    }

    private func finishPrediction() {
        guard let trainingCase = currentCase, let prediction, let decision = wizard.decision else { return }
        trainingResults.append(
            TrainingResult(
                trainingCase: trainingCase, answers: wizard.answers, decision: decision, predicted: prediction,
                picked: pickedActions))
        scroll = 0
        mode = .comparison
    }

    // MARK: - Drawing

    func drawTraining(_ page: inout Page, charset: BoxCharset) {
        switch mode {
        case .traineeName:
            page.line("Training", style: .heading)
            page.line("Your name goes on the score sheet at the end; nothing else is kept.", style: .dim)
            page.gap()
            page.line("What is your name?", style: .heading)
            page.field(input, width: 50, focused: true)
            if let message { page.pinned("! " + message, style: .error) }
        case .trainingList:
            page.line("Training cases", style: .heading)
            page.line(
                """
                Choose a case. Read the story, answer the questions as the person in it would, then predict the \
                outcome.
                """,
                style: .dim)
            page.gap()
            if trainingCases.isEmpty { page.line("No training cases were found in assets/training.", style: .error) }
            for (index, item) in trainingCases.enumerated() {
                let done = trainingResults.last { $0.caseID == item.id }.map { "  (score \($0.score)/10)" } ?? ""
                page.option(
                    "\(item.notes.title)\(done)", number: index + 1, selected: index == highlight, charset: charset,
                    item: index)
            }
            page.option(
                "Finish and see the summary", selected: highlight == trainingCases.count, charset: charset,
                item: trainingCases.count)
            page.focus = highlight
        case .story:
            guard let trainingCase = currentCase else { return }
            page.line(trainingCase.notes.title, style: .heading)
            page.gap()
            for paragraph in TrainingNotes.paragraphs(trainingCase.notes.story) {
                page.line(paragraph)
                page.gap()
            }
        case .predict:
            page.line("Before you see the outcome: what will it be?", style: .heading)
            page.gap()
            for (index, verdict) in TrainingResult.predictionOrder.enumerated() {
                page.option(
                    "\(verdict.label): \(verdict.headline)", number: index + 1, selected: index == selection,
                    charset: charset, item: index)
            }
            page.focus = selection
            if let message { page.pinned("! " + message, style: .error) }
        case .pickActions:
            page.line("Which of these will need action? Tick every one that applies.", style: .heading)
            let rules = TrainingResult.pickableRules
            for (index, rule) in rules.enumerated() {
                let box = pickedActions.contains(rule) ? charset.checkboxChecked : charset.checkboxUnchecked
                page.item(index) {
                    $0.line("\(box) \(rule.title)", style: index == highlight ? .selected : .normal, indent: 1, hang: 4)
                }
            }
            let done = highlight == rules.count
            page.item(rules.count) {
                $0.line("\(done ? ">" : " ") Done: show the outcome", style: done ? .selected : .normal, indent: 1)
            }
            page.focus = highlight
        case .comparison:
            guard let result = trainingResults.last, let trainingCase = currentCase, let decision = wizard.decision
            else { return }
            page.line("How your prediction compares", style: .heading)
            for line in result.explanation(
                decision: decision, trainingCase: trainingCase, answers: wizard.answers, flow: wizard.flow)
            {
                if line.isEmpty { page.gap() } else { page.line(line) }
            }
        case .summary:
            page.line("Training summary for \(traineeName)", style: .heading)
            page.gap()
            if trainingResults.isEmpty { page.line("No cases were completed.") }
            for result in trainingResults {
                page.line(
                    """
                    \(result.score)/10  \(result.title): predicted \(result.predictedVerdict.label), the wizard \
                    said \(result.actualVerdict.label)
                    """
                )
            }
            if !trainingResults.isEmpty {
                let total = trainingResults.map(\.score).reduce(0, +)
                page.gap()
                page.line("Total: \(total) out of \(trainingResults.count * 10).", style: .accent)
            }
            if let message { page.pinned(message, style: message.hasPrefix("Could not") ? .error : .success) }
        default:
            break
        }
    }
}
