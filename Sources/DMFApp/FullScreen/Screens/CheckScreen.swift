import DMFFlow
import TerminalUI

/// Check your answers: every answer by section, each a row to change, then "Confirm".
struct CheckScreen: Screen {
    let step: DMFFlow.Screen? = .check
    /// Opens with nothing highlighted, at the top.
    var cursor = ListCursor(at: nil)
    var message: Message?

    enum Action {
        case move
        case change
        case confirm
        case back
        case quit
        case help
        case jump
        case story
        case saveDraft
    }

    /// Digits are not row numbers here, so they do nothing.
    static func bindings(_ settings: WizardSettings) -> [KeyBinding<Action>] {
        [
            KeyBinding(KeyMatch.listMoves, "↑↓ move", .move),
            KeyBinding([.key(.enter), .key(.right)], "Enter change", .change),
            KeyBinding([.key(.char("c"))], "c confirm", .confirm),
            KeyBinding(KeyMatch.back, "Esc back", .back),
            KeyBinding(KeyMatch.help, "F1 help", .help),
        ] + WizardKeys.lastKeys(jump: .jump, story: .story, saveDraft: .saveDraft, quit: .quit, settings: settings)
    }

    func title(_ app: AppState) -> ScreenTitle { .named("Check your answers", step: "Code CHECK") }
    func hints(_ app: AppState) -> [String] { Self.bindings(app.wizardSettings).hints() }

    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        guard let rows = app.session.map({ CheckAnswers.rows($0.wizard) }) else { return .none }
        switch Self.bindings(app.wizardSettings).action(for: key) {
        case .move?:
            if cursor.move(key, count: rows.count + 1) { message = nil }
        case .change?:
            guard let selection = cursor.position else {
                message = .problem(
                    "Move to an answer with ↑↓ and press Enter to change it, or press c to confirm them all.")
                return .none
            }
            guard selection < rows.count else { return confirm(&app) }
            app.session?.wizard.change(rows[selection].code)
        case .confirm?: return confirm(&app)
        case .back?:
            message = nil
            return app.session?.wizard.back() == true ? .none : app.leaveWizard()
        case .quit?: return .end(.quit)
        case .help?: return .help
        case .jump?: return .jump
        case .story?: return .story
        case .saveDraft?: return app.saveDraftNow()
        case nil: break
        }
        return .none
    }

    /// The outcome (in a training case, the prediction first); with an answer still missing, the
    /// wizard goes to that question and the message goes with it.
    private mutating func confirm(_ app: inout AppState) -> Effect {
        let missing = app.session?.wizard.confirm() ?? []
        message = nil
        guard missing.isEmpty else { return .say(.problem("This answer is still needed before the outcome.")) }
        return app.wizardSettings.workingCase ? .show(PredictScreen()) : .none
    }

    /// Every answer, by section, each wrapped in full (recipients one per line): the page opens
    /// at the top and scrolls with the highlight, with "more" markers.
    func view(_ page: inout Page, _ app: AppState) {
        guard let session = app.session else { return }
        let wizard = session.wizard
        WizardNotices(session).view(&page)
        page.line("Check your answers. Choose any answer to change it, or press c to confirm them.", style: .heading)
        let rows = CheckAnswers.rows(wizard)
        for (index, row) in rows.enumerated() {
            if let heading = row.sectionHeading {
                page.gap()
                page.line(heading, style: .heading)
            }
            let selected = index == cursor.position
            let style: Style = selected ? .selected : .normal
            page.item(index) { page in
                let lead = "\(selected ? ">" : " ") \(row.code) "
                page.line(lead + row.label, style: style, hang: lead.count)
                for answer in row.answers {
                    page.line(answer, style: selected ? .selected : .accent, indent: lead.count + 1, hang: 2)
                }
            }
        }
        page.gap()
        let confirmSelected = cursor.position == rows.count
        page.item(rows.count) {
            $0.line(
                "\(confirmSelected ? ">" : " ") Confirm and see the outcome",
                style: confirmSelected ? .selected : .normal)
        }
        page.focus = cursor.position
        page.message(message)
    }
}
