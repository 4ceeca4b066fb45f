import DMFFlow
import DMFPolicy
import TerminalUI

/// Before the outcome of a training case: the trainee predicts the verdict. Like a question,
/// nothing is predicted for them, and a number only moves.
struct PredictScreen: Screen {
    var cursor = ListCursor(at: nil)
    var message: Message?

    enum Action {
        case next
        case move
        case back
        case story
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.enter)], "Enter next", .next),
        KeyBinding(
            KeyMatch.listMoves + [.digit], "↑↓ or 1-\(TrainingResult.predictionOrder.count) move", .move),
        KeyBinding([.key(.escape)], "Esc back", .back),
        WizardKeys.story(.story, typing: false, settings: .workingCase),
    ]

    func title(_ app: AppState) -> ScreenTitle { .named("Training") }
    func hints(_ app: AppState) -> [String] { Self.bindings.hints() }

    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        cursor.saw(key)
        switch Self.bindings.action(for: key) {
        case .move?:
            if cursor.move(key, count: TrainingResult.predictionOrder.count) { message = nil }
        case .next?:
            guard let selection = cursor.position else {
                message = .problem("Choose your prediction first: move to it with ↑↓ or its number, then press Enter.")
                return .none
            }
            message = nil
            let prediction = TrainingResult.predictionOrder[selection]
            return .show(PickActionsScreen(prediction: prediction, predicting: self))
        case .back?:
            // Back to Check your answers.
            app.session?.wizard.back()
            return app.showWizard()
        case .story?: return .story
        case nil: break
        }
        return .none
    }

    func view(_ page: inout Page, _ app: AppState) {
        let charset = app.charset
        page.line("Before you see the outcome: what will it be?", style: .heading)
        page.gap()
        for (index, verdict) in TrainingResult.predictionOrder.enumerated() {
            page.option(
                "\(verdict.label): \(verdict.headline)", number: index + 1, selected: index == cursor.position,
                charset: charset, item: index)
        }
        page.focus = cursor.position
        page.message(message)
    }
}

/// Then the actions the trainee expects: a tick list of every rule that can ask for one, then
/// "Done", which shows how the prediction compares.
struct PickActionsScreen: Screen {
    var prediction: Verdict
    /// The prediction screen as it was, for Esc.
    var predicting: PredictScreen
    var picked: Set<RuleID> = []
    var highlight = 0

    enum Action {
        case tick
        case move
        case done
        case back
        case story
    }

    /// Enter ticks a rule, like Space, and on "Done" shows the outcome, as `c` does anywhere.
    var bindings: [KeyBinding<Action>] {
        let onRule = highlight < TrainingResult.pickableRules.count
        return [
            KeyBinding([.key(.char(" "))] + (onRule ? [.key(.enter)] : []), "Space tick", .tick),
            KeyBinding(KeyMatch.arrows, "↑↓ move", .move),
            KeyBinding((onRule ? [] : [.key(.enter)]) + [.key(.char("c"))], "Enter on Done or c: the outcome", .done),
            KeyBinding([.key(.escape)], "Esc back", .back),
            WizardKeys.story(.story, typing: false, settings: .workingCase),
        ]
    }

    func title(_ app: AppState) -> ScreenTitle { .named("Training") }
    func hints(_ app: AppState) -> [String] { bindings.hints() }

    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        let rules = TrainingResult.pickableRules
        switch bindings.action(for: key) {
        case .tick?:
            guard highlight < rules.count else { return .none }
            let rule = rules[highlight]
            if picked.contains(rule) { picked.remove(rule) } else { picked.insert(rule) }
        case .move?: highlight = key == .up ? max(0, highlight - 1) : min(rules.count, highlight + 1)
        case .done?: return recordPrediction(&app)
        case .back?: return .show(predicting)
        case .story?: return .story
        case nil: break
        }
        return .none
    }

    /// The prediction kept with the wizard's outcome, then how they compare.
    private func recordPrediction(_ app: inout AppState) -> Effect {
        guard let trainingCase = app.training?.currentCase, let wizard = app.session?.wizard,
            let decision = wizard.decision
        else { return .none }
        let result = TrainingResult(
            trainingCase: trainingCase, answers: wizard.answers, decision: decision, predicted: prediction,
            picked: picked)
        app.training?.results.append(result)
        return .show(ComparisonScreen(result, decision: decision, trainingCase: trainingCase, wizard: wizard))
    }

    func view(_ page: inout Page, _ app: AppState) {
        let charset = app.charset
        page.line("Which of these will need action? Tick every one that applies.", style: .heading)
        let rules = TrainingResult.pickableRules
        for (index, rule) in rules.enumerated() {
            let box = picked.contains(rule) ? charset.checkboxChecked : charset.checkboxUnchecked
            page.item(index) {
                $0.line("\(box) \(rule.title)", style: index == highlight ? .selected : .normal, indent: 1, hang: 4)
            }
        }
        let done = highlight == rules.count
        page.item(rules.count) {
            $0.line("\(done ? ">" : " ") Done: show the outcome", style: done ? .selected : .normal, indent: 1)
        }
        page.focus = highlight
    }
}

/// How the prediction compares with the wizard's outcome, then on to the next case. The
/// comparison is worked out once, when the screen opens.
struct ComparisonScreen: Screen {
    let lines: [String]

    init(_ result: TrainingResult, decision: Decision, trainingCase: TrainingCase, wizard: Wizard) {
        lines = result.explanation(
            decision: decision, trainingCase: trainingCase, answers: wizard.answers, flow: wizard.flow)
    }

    enum Action {
        case next
        case scroll
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.enter), .key(.escape)], "Enter next case", .next),
        KeyBinding(KeyMatch.scrolling, "↑↓ scroll", .scroll),
    ]

    func title(_ app: AppState) -> ScreenTitle { .named("Training") }
    func hints(_ app: AppState) -> [String] { Self.bindings.hints() }

    func update(_ key: Key, _ app: inout AppState) -> Effect {
        switch Self.bindings.action(for: key) {
        case .next?:
            app.training?.currentCase = nil
            return .show(TrainingListScreen())
        case .scroll?: return .scroll(key)
        case nil: return .none
        }
    }

    func view(_ page: inout Page, _ app: AppState) {
        page.line("How your prediction compares", style: .heading)
        for line in lines {
            if line.isEmpty { page.gap() } else { page.line(line) }
        }
    }
}
