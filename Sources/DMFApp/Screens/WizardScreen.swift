import DMFFlow
import TerminalUI

/// What the wizard's screens read besides their own state and the wizard itself.
struct WizardSettings {
    /// Helpdesk mode: read-aloud lines, and the go-to-step key listed.
    var helpdesk: Bool
    /// Training saves nothing, so it offers no Ctrl-S (the key says so instead).
    var training: Bool
    /// Working a training case: confirming the answers leads to the prediction first.
    var workingCase: Bool

    /// The footer's words for Ctrl-S where it is listed.
    var saveLabel: String? { training ? nil : "Ctrl-S save" }
}

/// The keys every wizard screen answers besides its own.
enum WizardKeys {
    /// `g` goes to a step by its code (Ctrl-G where letters are typed into a field).
    static func jump<Action>(_ action: Action, typing: Bool, label: String?) -> KeyBinding<Action> {
        KeyBinding(typing ? [.key(.ctrl("g"))] : [.key(.char("g")), .key(.ctrl("g"))], label, action)
    }

    /// Ctrl-S saves the draft now and says where.
    static func saveDraft<Action>(_ action: Action, label: String?) -> KeyBinding<Action> {
        KeyBinding([.key(.ctrl("s"))], label, action)
    }
}

/// Lines shown above a wizard screen's own: the wizard's notice (answers that no longer apply
/// and were removed), and a draft that could not be saved.
struct WizardNotices {
    var notice: String?
    var saveProblem: String?

    func view(_ page: inout Page) {
        if let notice {
            page.line("Note: " + notice, style: .warning)
            page.gap()
        }
        if let saveProblem { page.line(saveProblem, style: .error) }
    }
}

/// The screen the wizard (DMFFlow) is on, with the state it keeps while it is up: a question,
/// the recipients, Check your answers or the outcome. When a key moves the wizard on, the next
/// screen starts afresh.
struct WizardScreen {
    enum Showing {
        case question(QuestionScreen)
        case recipients(RecipientsScreen)
        case check(CheckScreen)
        case outcome
    }

    /// The wizard's screen this state was made for.
    private(set) var shown: Screen
    private(set) var showing: Showing

    init(for wizard: Wizard) {
        shown = wizard.screen
        switch wizard.screen {
        case .question, .recipientField: showing = .question(QuestionScreen(wizard: wizard))
        case .recipients: showing = .recipients(RecipientsScreen(wizard: wizard))
        case .check: showing = .check(CheckScreen())
        case .outcome: showing = .outcome
        }
    }

    mutating func update(_ key: Key, wizard: inout Wizard, settings: WizardSettings) -> Effect {
        let effect: Effect
        switch showing {
        case .question(var screen):
            effect = screen.update(key, wizard: &wizard, settings: settings)
            showing = .question(screen)
        case .recipients(var screen):
            effect = screen.update(key, wizard: &wizard)
            showing = .recipients(screen)
        case .check(var screen):
            effect = screen.update(key, wizard: &wizard, settings: settings)
            showing = .check(screen)
        case .outcome:
            effect = OutcomeScreen.update(key, wizard: &wizard)
        }
        follow(wizard)
        return effect
    }

    /// Starts the wizard's new screen afresh if it has moved (after a key, or a jump).
    mutating func follow(_ wizard: Wizard) {
        if wizard.screen != shown { self = WizardScreen(for: wizard) }
    }

    /// Puts `message` on the screen. The outcome keeps its own line pinned instead.
    mutating func say(_ message: Message) {
        switch showing {
        case .question(var screen):
            screen.message = message
            showing = .question(screen)
        case .recipients(var screen):
            screen.message = message
            showing = .recipients(screen)
        case .check(var screen):
            screen.message = message
            showing = .check(screen)
        case .outcome:
            break
        }
    }

    /// Whether keys go into a text field (so `g` and `q` are letters, not commands).
    static func isTypingText(_ wizard: Wizard) -> Bool {
        guard case .text = wizard.currentQuestion?.kind else { return false }
        switch wizard.screen {
        case .question, .recipientField: return true
        default: return false
        }
    }

    /// The footer's hints, from the screen's bindings.
    func hints(wizard: Wizard, settings: WizardSettings) -> [String] {
        switch showing {
        case .question(let screen):
            guard let question = wizard.currentQuestion else { return [] }
            return screen.bindings(question, settings: settings).hints()
        case .recipients: return RecipientsScreen.bindings.hints()
        case .check: return CheckScreen.bindings.hints()
        case .outcome: return OutcomeScreen.bindings.hints()
        }
    }

    /// The title ("DMF wizard · The transfer") and the step label on the top line.
    static func headings(_ wizard: Wizard) -> (title: String, step: String) {
        let app = "DMF wizard"
        switch wizard.screen {
        case .check: return ("\(app) · Check your answers", "Code CHECK")
        case .outcome: return ("\(app) · Outcome", "Code OUTCOME")
        default:
            let section = wizard.currentQuestion?.section.title ?? ""
            let (step, total) = wizard.progress
            return ("\(app) · \(section)", "Step \(step) of \(total) · Code \(wizard.stepCode)")
        }
    }

    func view(
        _ page: inout Page, session: WizardSession, settings: WizardSettings, projector: Bool, charset: BoxCharset
    ) {
        let wizard = session.wizard
        let notices = WizardNotices(notice: wizard.notice, saveProblem: session.saveProblem)
        switch showing {
        case .question(let screen):
            screen.view(
                &page, wizard: wizard, notices: notices, settings: settings, projector: projector, charset: charset)
        case .recipients(let screen): screen.view(&page, wizard: wizard, notices: notices, helpdesk: settings.helpdesk)
        case .check(let screen): screen.view(&page, wizard: wizard, notices: notices)
        case .outcome:
            OutcomeScreen.view(
                &page, form: session.filledForm(), helpdesk: settings.helpdesk,
                resumeCode: ResumeCode.encode(wizard.answers))
        }
    }
}
