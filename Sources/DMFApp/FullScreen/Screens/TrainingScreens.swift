import DMFAnswers
import DMFDocuments
import DMFFlow
import DMFPolicy
import TerminalUI

/// How a training session is going: who is training, the cases, the case being worked and the
/// results so far.
struct TrainingRun {
    var cases: [TrainingCase] = []
    var trainee = ""
    var currentCase: TrainingCase?
    var results: [TrainingResult] = []
}

/// The trainee's name, asked first: it goes on the score sheet.
struct TraineeNameScreen: Screen {
    var input = TextInput()
    var message: Message?

    enum Action {
        case type
        case next
        case leave
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding([.editing], "Type your name", .type),
        KeyBinding([.key(.enter)], "Enter next", .next),
        KeyBinding([.key(.escape)], "Esc leave", .leave),
    ]

    func title(_ app: AppState) -> ScreenTitle { .named("Training") }
    func hints(_ app: AppState) -> [String] { Self.bindings.hints() }

    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        switch Self.bindings.action(for: key) {
        case .type?: if input.handle(key) { message = nil }
        case .next?:
            let trainee = input.text.trimmed
            app.training?.trainee = trainee
            guard !trainee.isEmpty else {
                message = .problem("Type your name: it goes on your score sheet.")
                return .none
            }
            return .show(TrainingListScreen())
        case .leave?: return .end(.quit)
        case nil: break
        }
        return .none
    }

    func view(_ page: inout Page, _ app: AppState) {
        page.line("Training", style: .heading)
        page.line("Your name goes on the score sheet at the end; nothing else is kept.", style: .dim)
        page.gap()
        page.line("What is your name?", style: .heading)
        page.field(input, width: 50, focused: true)
        page.message(message)
    }
}

/// The training cases, then "Finish and see the summary". A case's number moves to it, as on
/// the start menu; Enter opens it.
struct TrainingListScreen: Screen {
    var cursor: ListCursor

    init(highlight: Int = 0) { cursor = ListCursor(at: highlight) }

    var highlight: Int { cursor.position ?? 0 }

    enum Action {
        case open
        case move
        case finish
    }

    static func bindings(cases: Int) -> [KeyBinding<Action>] {
        [
            KeyBinding([.key(.enter)], "Enter open", .open),
            KeyBinding(KeyMatch.listMoves + [.digit], cases > 1 ? "↑↓ or 1-\(cases) choose" : "↑↓ choose", .move),
            KeyBinding([.key(.char("q")), .key(.escape)], "q or Esc finish", .finish),
        ]
    }

    func title(_ app: AppState) -> ScreenTitle { .named("Training") }
    func hints(_ app: AppState) -> [String] { Self.bindings(cases: app.training?.cases.count ?? 0).hints() }

    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        let cases = app.training?.cases ?? []
        cursor.saw(key)
        switch Self.bindings(cases: cases.count).action(for: key) {
        case .move?:
            // Numbers name the cases; the arrows reach "Finish" after them too.
            cursor.move(key, count: KeyMatch.digit.matches(key) ? cases.count : cases.count + 1)
        case .open?:
            guard highlight < cases.count else { return .show(SummaryScreen()) }
            app.training?.currentCase = cases[highlight]
            return .show(StoryScreen(listPosition: highlight))
        case .finish?: return .show(SummaryScreen())
        case nil: break
        }
        return .none
    }

    func view(_ page: inout Page, _ app: AppState) {
        let run = app.training ?? TrainingRun()
        let charset = app.charset
        page.line("Training cases", style: .heading)
        page.line(
            """
            Choose a case. Read the story, answer the questions as the person in it would, then predict the \
            outcome.
            """,
            style: .dim)
        page.gap()
        if run.cases.isEmpty { page.line("No training cases were found in assets/training.", style: .error) }
        for (index, item) in run.cases.enumerated() {
            let done = run.results.last { $0.caseID == item.id }.map { "  (score \($0.score)/10)" } ?? ""
            page.option(
                "\(item.notes.title)\(done)", number: index + 1, selected: index == highlight, charset: charset,
                item: index)
        }
        page.option(
            "Finish and see the summary", selected: highlight == run.cases.count, charset: charset,
            item: run.cases.count)
        page.focus = highlight
    }
}

/// A case's story, read before working it.
struct StoryScreen: Screen {
    /// Where the case is on the list, to go back to it.
    var listPosition: Int

    enum Action {
        case start
        case scroll
        case back
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.enter)], "Enter start the case", .start),
        KeyBinding(KeyMatch.scrolling, "↑↓ scroll", .scroll),
        KeyBinding([.key(.escape)], "Esc back", .back),
    ]

    func title(_ app: AppState) -> ScreenTitle { .named("Training") }
    func hints(_ app: AppState) -> [String] { Self.bindings.hints() }

    func update(_ key: Key, _ app: inout AppState) -> Effect {
        switch Self.bindings.action(for: key) {
        case .start?:
            // A case is worked in a session of its own, which writes no drafts.
            app.session = WizardSession(wizard: Wizard(flow: Flow()), drafts: nil, training: true, clock: app.clock)
            return app.showWizard()
        case .scroll?: return .scroll(key)
        case .back?: return .show(TrainingListScreen(highlight: listPosition))
        case nil: return .none
        }
    }

    func view(_ page: inout Page, _ app: AppState) {
        StoryOverlay.view(&page, app.training?.currentCase)
    }
}

/// The end of a session: each case's score and the total; the score sheet can be saved.
struct SummaryScreen: Screen {
    var message: Message?

    enum Action {
        case save
        case finish
    }

    /// Saving is offered once a case is done.
    static func bindings(_ run: TrainingRun) -> [KeyBinding<Action>] {
        let finish = KeyBinding([.key(.enter), .key(.escape), .key(.char("q"))], "Enter finish", Action.finish)
        guard !run.results.isEmpty else { return [finish] }
        return [KeyBinding([.key(.char("s"))], "s save the score sheet", .save), finish]
    }

    func title(_ app: AppState) -> ScreenTitle { .named("Training") }
    func hints(_ app: AppState) -> [String] { Self.bindings(app.training ?? TrainingRun()).hints() }

    func update(_ key: Key, _ app: inout AppState) -> Effect {
        let run = app.training ?? TrainingRun()
        switch Self.bindings(run).action(for: key) {
        case .save?:
            let sheet = ScoreSheet(trainee: run.trainee, date: app.clock.timestamp, results: run.results)
            return .run(.saveScoreSheet(sheet, folder: app.outputFolder))
        case .finish?: return .end(.finished)
        case nil: return .none
        }
    }

    mutating func receive(_ reply: Reply, _ app: inout AppState) -> Effect {
        guard case .scoreSheetSaved(let result) = reply else { return .none }
        switch result {
        case .success(let paths): message = .done("Score sheet saved: " + paths.joined(separator: " and "))
        case .failure(let error): message = .problem("Could not save the score sheet: \(error.description)")
        }
        return .none
    }

    func view(_ page: inout Page, _ app: AppState) {
        let run = app.training ?? TrainingRun()
        page.line("Training summary for \(run.trainee)", style: .heading)
        page.gap()
        if run.results.isEmpty { page.line("No cases were completed.") }
        for result in run.results {
            page.line(
                """
                \(result.score)/10  \(result.title): predicted \(result.predictedVerdict.label), the wizard \
                said \(result.actualVerdict.label)
                """
            )
        }
        if !run.results.isEmpty {
            let total = run.results.map(\.score).reduce(0, +)
            page.gap()
            page.line("Total: \(total) out of \(run.results.count * 10).", style: .accent)
        }
        // Good news in the success style; a failure to save as a problem.
        if let message { page.pinned(message.text, style: message.kind == .done ? .success : .error) }
    }
}
