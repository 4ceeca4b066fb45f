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

    /// Working a training case, past its questions (the prediction and the tick list).
    static let workingCase = WizardSettings(helpdesk: false, training: true, workingCase: true)

    /// The footer's words for Ctrl-S where it is listed.
    var saveLabel: String? { training ? nil : "Ctrl-S save draft" }
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

    /// What a step's keys end with where nothing is typed into a field: go to a step, the
    /// training case's story, save the draft, quit.
    static func lastKeys<Action>(
        jump: Action, story: Action, saveDraft: Action, quit: Action, settings: WizardSettings
    ) -> [KeyBinding<Action>] {
        [
            Self.jump(jump, typing: false, label: "g go to step"),
            Self.story(story, typing: false, settings: settings),
            Self.saveDraft(saveDraft, label: settings.saveLabel),
            KeyBinding([.key(.char("q"))], "q quit", quit),
        ]
    }

    /// While a training case is worked, `r` shows its story again (Ctrl-R where letters are typed
    /// into a field); no key at all otherwise.
    static func story<Action>(_ action: Action, typing: Bool, settings: WizardSettings) -> KeyBinding<Action> {
        guard settings.workingCase else { return KeyBinding([], nil, action) }
        return typing
            ? KeyBinding([.key(.ctrl("r"))], "Ctrl-R the story", action)
            : KeyBinding([.key(.char("r")), .key(.ctrl("r"))], "r the story", action)
    }
}

/// Lines shown above a wizard screen's own: the wizard's notice (answers that no longer apply
/// and were removed), and a draft that could not be saved.
struct WizardNotices {
    var notice: String?
    var saveProblem: String?

    init(_ session: WizardSession) {
        notice = session.wizard.notice
        saveProblem = session.saveProblem
    }

    func view(_ page: inout Page) {
        if let notice {
            page.line("Note: " + notice, style: .warning)
            page.gap()
        }
        if let saveProblem { page.line(saveProblem, style: .error) }
    }
}

/// The wizard's steps (DMFFlow's `Screen`) as the app's screens: a question (or one question
/// about a recipient), the recipients, Check your answers, the outcome. Each is a `Screen`
/// whose `step` is the wizard's position it shows; when a key moves the wizard, the model asks
/// here for the next step's screen, started afresh.
enum WizardStep {
    /// The screen for where the session's wizard is now.
    static func screen(for session: WizardSession) -> any Screen {
        let wizard = session.wizard
        switch wizard.screen {
        case .question, .recipientField: return QuestionScreen(wizard: wizard, typed: session.typedHere)
        case .recipients: return RecipientsScreen(wizard: wizard)
        case .check: return CheckScreen()
        case .outcome: return OutcomeScreen(session: session)
        }
    }

    /// A question's title ("DMF wizard · The transfer") and its step label ("Step 3 of about 21 ·
    /// Code T1", then "Step 13 of 26 · Code X1" once the total cannot change); Check your answers
    /// and the outcome have their own.
    static func questionTitle(_ app: AppState) -> ScreenTitle {
        guard let wizard = app.session?.wizard else { return .named(nil) }
        return .named(
            wizard.currentQuestion?.section.title ?? "", step: "Step \(wizard.progressText) · Code \(wizard.stepCode)")
    }
}
