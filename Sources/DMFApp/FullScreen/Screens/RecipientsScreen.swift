import DMFFlow
import TerminalUI

/// The recipients list (P1): each recipient, then "Add a recipient", then "Continue".
struct RecipientsScreen: Screen {
    let step: DMFFlow.Screen? = .recipients
    var highlight: Int
    /// The recipient the person asked to remove, until the next key answers the question.
    var pendingRemoval: Int?
    var message: Message?

    /// Opens on "Continue" once there are recipients, else on "Add a recipient".
    init(wizard: Wizard) {
        let count = wizard.answers.recipients.count
        highlight = count == 0 ? 0 : count + 1
    }

    enum Action {
        case choose
        case add
        case remove
        case proceed
        case back
        case help
        case quit
        case move
        case jump
        case story
        case saveDraft
    }

    static func bindings(_ settings: WizardSettings) -> [KeyBinding<Action>] {
        [
            KeyBinding([.key(.enter), .key(.right)], "Enter choose", .choose),
            KeyBinding(KeyMatch.arrows, "↑↓ move", .move),
            KeyBinding([.key(.char("a"))], "a add", .add),
            KeyBinding([.key(.delete), .key(.char("d"))], "d remove", .remove),
            KeyBinding([.key(.char("c"))], "c continue", .proceed),
            KeyBinding(KeyMatch.back, "Esc back", .back),
            KeyBinding(KeyMatch.help, "F1 help", .help),
        ] + WizardKeys.lastKeys(jump: .jump, story: .story, saveDraft: .saveDraft, quit: .quit, settings: settings)
    }

    func title(_ app: AppState) -> ScreenTitle { WizardStep.questionTitle(app) }
    func hints(_ app: AppState) -> [String] { Self.bindings(app.wizardSettings).hints() }

    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        guard let count = app.session?.wizard.answers.recipients.count else { return .none }
        let rows = count + 2
        if let pending = pendingRemoval {
            pendingRemoval = nil
            guard YesOrNo.answer(key) == .yes else {
                message = .done("Kept.")
                return .none
            }
            guard pending < count else { return .none }
            app.session?.wizard.removeRecipient(pending)
            highlight = min(highlight, rows - 2)
            message = .done("Recipient \(pending + 1) removed.")
            return .none
        }
        // Every key here ends the message about the last one.
        message = nil
        switch Self.bindings(app.wizardSettings).action(for: key) {
        case .move?: highlight = key == .up ? max(0, highlight - 1) : min(rows - 1, highlight + 1)
        case .add?: app.session?.wizard.addRecipient()
        case .proceed?: message = app.session?.wizard.finishRecipients().map(Message.problem)
        case .remove?:
            guard highlight < count else { return .none }
            pendingRemoval = highlight
            let name = app.session?.wizard.answers.recipients[highlight].name ?? "this recipient"
            message = .problem("Remove recipient \(highlight + 1) (\(name))? Press y to remove, any other key to keep.")
        case .choose?:
            if highlight < count {
                app.session?.wizard.editRecipient(highlight)
            } else if highlight == count {
                app.session?.wizard.addRecipient()
            } else {
                message = app.session?.wizard.finishRecipients().map(Message.problem)
            }
        case .back?: return app.session?.wizard.back() == true ? .none : app.leaveWizard()
        case .help?: return .help
        case .quit?: return .end(.quit)
        case .jump?: return .jump
        case .story?: return .story
        case .saveDraft?: return app.saveDraftNow()
        case nil: break
        }
        return .none
    }

    func view(_ page: inout Page, _ app: AppState) {
        guard let session = app.session, let question = session.wizard.currentQuestion else { return }
        let wizard = session.wizard
        WizardNotices(session).view(&page)
        page.line(question.prompt, style: .heading)
        page.line("Why we ask: \(question.why)", style: .dim)
        if app.helpdesk { page.line("Read to the caller: \(question.readAloud)", style: .accent) }
        page.gap()
        let recipients = wizard.answers.recipients
        if recipients.isEmpty { page.line("No recipients yet. Add at least one.", indent: 1) }
        for (index, recipient) in recipients.enumerated() {
            let selected = index == highlight
            page.item(index) {
                $0.line(
                    "\(selected ? ">" : " ") \(index + 1). "
                        + RecipientSummary.line(recipient, method: wizard.answers.method),
                    style: selected ? .selected : .normal, indent: 1, hang: 5)
            }
        }
        page.gap()
        let add = highlight == recipients.count, next = highlight == recipients.count + 1
        page.item(recipients.count) {
            $0.line("\(add ? ">" : " ") + Add a recipient", style: add ? .selected : .normal, indent: 1)
        }
        page.item(recipients.count + 1) {
            $0.line("\(next ? ">" : " ") Continue", style: next ? .selected : .normal, indent: 1)
        }
        page.focus = highlight
        page.message(message)
    }
}
