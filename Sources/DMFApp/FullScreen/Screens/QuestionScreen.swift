import DMFFlow
import TerminalUI

/// One question of the wizard (or one question about a recipient): a choice list, or a field.
struct QuestionScreen: Screen {
    let step: DMFFlow.Screen?
    /// The highlighted choice: nil until the person moves to one, because nothing is ever chosen
    /// for them (a saved answer shows as chosen).
    var cursor: ListCursor
    /// The answer being typed.
    var input: TextInput
    var message: Message?

    /// - Parameter typed: text typed into this step's field before the run was interrupted
    ///   (kept in the draft, not an answer): the field starts with it, for the person to finish.
    init(wizard: Wizard, typed: String? = nil) {
        step = wizard.screen
        let asked = AskedQuestion(wizard)
        if case .choice = asked?.question.kind {
            cursor = ListCursor(at: asked?.currentRow)
            input = TextInput()
        } else {
            cursor = ListCursor(at: nil)
            input = TextInput(typed ?? asked?.current ?? "")
        }
    }

    /// What is in the field and not yet given as the answer: kept in the draft when the run is
    /// interrupted or the draft is saved now.
    func typedText(_ app: AppState) -> String? {
        guard let asked = app.session.flatMap({ AskedQuestion($0.wizard) }), case .text = asked.question.kind,
            !input.text.trimmed.isEmpty, input.text != asked.current
        else { return nil }
        return input.text
    }

    enum Action {
        case choose
        case move
        case skip
        case back
        case help
        case quit
        case type
        case jump
        case story
        case saveDraft
    }

    /// A choice list's keys, or a field's: there letters are typed, so `q`, `g` and `r` are
    /// letters (Ctrl-G goes to a step, Ctrl-R shows a training case's story) and `?` is help only
    /// while the field is empty. A choice that may be left unanswered can be skipped with `s`,
    /// which records nothing (Enter with nothing highlighted never skips: it says to choose).
    func bindings(_ question: Question, required: Bool, settings: WizardSettings) -> [KeyBinding<Action>] {
        guard case .choice = question.kind else {
            return [
                KeyBinding([.key(.enter)], "Enter next", .choose),
                KeyBinding([.key(.escape)], "Esc back", .back),
                KeyBinding([.key(.function(1))] + (input.text.isEmpty ? [.key(.char("?"))] : []), "F1 help", .help),
                WizardKeys.jump(.jump, typing: true, label: "Ctrl-G go to step"),
                WizardKeys.story(.story, typing: true, settings: settings),
                WizardKeys.saveDraft(.saveDraft, label: settings.saveLabel),
                KeyBinding([.editing], nil, .type),
            ]
        }
        return [
            KeyBinding([.key(.enter), .key(.right)], "Enter choose", .choose),
            KeyBinding(KeyMatch.listMoves + [.digit], "↑↓ or number move", .move),
            KeyBinding(required ? [] : [.key(.char("s"))], required ? nil : "s skip", .skip),
            KeyBinding(KeyMatch.back, "Esc back", .back),
            KeyBinding(KeyMatch.help, "F1/? help", .help),
        ] + WizardKeys.lastKeys(jump: .jump, story: .story, saveDraft: .saveDraft, quit: .quit, settings: settings)
    }

    func title(_ app: AppState) -> ScreenTitle { WizardStep.questionTitle(app) }

    func hints(_ app: AppState) -> [String] {
        guard let asked = app.session.flatMap({ AskedQuestion($0.wizard) }) else { return [] }
        return bindings(asked.question, required: asked.isRequired, settings: app.wizardSettings).hints()
    }

    /// Moving the highlight or typing ends the message; Enter replaces it with what the answer
    /// said, if anything.
    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        guard let asked = app.session.flatMap({ AskedQuestion($0.wizard) }) else { return .none }
        let question = asked.question
        cursor.saw(key)
        switch bindings(question, required: asked.isRequired, settings: app.wizardSettings).action(for: key) {
        case .move?:
            if cursor.move(key, count: question.choices.count) { message = nil }
        case .choose?:
            let given = asked.answer(highlighted: cursor.position, field: input.text)
            message = app.session?.wizard.give(given).map(Message.problem)
        case .skip?:
            message = app.session?.wizard.give(asked.skipped).map(Message.problem)
        case .back?:
            message = nil
            return app.session?.wizard.back() == true ? .none : app.leaveWizard()
        case .help?: return .help
        case .quit?: return .end(.quit)
        case .type?: if input.handle(key) { message = nil }
        case .jump?:
            message = nil
            return .jump
        case .story?: return .story
        case .saveDraft?:
            // What is typed in the field goes into the draft too, apart from the answers.
            let typed = typedText(app)
            app.session?.keepTyped(typed)
            return app.saveDraftNow()
        case nil: break
        }
        return .none
    }

    func view(_ page: inout Page, _ app: AppState) {
        guard let session = app.session, let question = session.wizard.currentQuestion else { return }
        let wizard = session.wizard
        WizardNotices(session).view(&page)
        if case .recipientField(let index, _) = wizard.screen {
            page.line("Recipient \(index + 1)", style: .heading)
        }
        page.line(question.prompt, style: .heading)
        page.line("Why we ask: \(question.why)", style: .dim)
        if app.helpdesk {
            page.line("\(question.helpdeskLine.label): \(question.helpdeskLine.text)", style: .accent)
        }
        page.gap()
        switch question.kind {
        case .choice(let choices):
            // On a projector, a blank line between choices, so a room can read them.
            for (index, choice) in choices.enumerated() {
                page.option(
                    choice.label, number: choice.number, selected: index == cursor.position, charset: app.charset,
                    item: index)
                if app.projector { page.gap() }
            }
            if let asked = AskedQuestion(wizard), !asked.isRequired {
                if !app.projector { page.gap() }
                page.line(asked.skipNote, style: .dim, indent: 1)
            }
            page.focus = cursor.position
        case .text:
            page.item(0) { page in
                page.field(input, width: 60, focused: true)
                page.line(AskedQuestion(wizard)?.emptyField ?? "", style: .dim, indent: 1)
            }
            page.focus = 0
        case .recipients:
            break
        }
        page.message(message)
    }
}
