import DMFDocuments
import DMFFlow
import DMFRegisterStores
import TerminalUI

/// What the screens share, apart from their own state: the wizard session, helpdesk mode, a
/// training run, what the start screen mentions, and the settings the app was started with.
/// Screens read it in `view` and may change it in `update`.
struct AppState {
    /// The transfer being answered. On the start menu it is the empty session a new transfer
    /// begins with, made once the first screen is drawn (making the questions was a tenth of the
    /// time to it): nil before, so drawing the first screen never makes it.
    var session: WizardSession?
    /// Helpdesk mode: read-aloud lines, the caller's details first, the resume code always shown.
    var helpdesk: Bool
    /// The training run (nil outside training): its cases, the trainee and the results so far.
    var training: TrainingRun?
    /// When the newest saved draft was begun, for the start screen's offer to continue it.
    var newestDraft: String?
    /// "2 deletions overdue", once the register has been asked (after the first screen).
    var due: String?
    /// Where saved outcomes are recorded (nil: nowhere); opened only when something needs it.
    var register: RegisterSetting?
    /// The key decisions are signed with (`DMF_SIGNING_KEY`; none: recorded unsigned).
    var signing = Signing.none
    let drafts: DraftStore
    /// The time for what the app writes itself (the score sheet, the day for "due only").
    let clock: WallClock
    /// Where outcomes and score sheets are saved unless another folder is typed.
    let outputFolder: String
    /// Where `~` in a typed path starts.
    let home: String?
    /// Projector mode: no frame and a blank line between choices, for a room to read.
    var projector = false
    /// Whether the terminal shows Unicode (else every character is drawn as ASCII).
    var unicode = true
    /// The time as the loop last read it, for "3 s so far" while saving: the screens read no
    /// clock of their own, so drawing stays a function of the state.
    var now = ContinuousClock.now

    var charset: BoxCharset { .forUnicode(unicode) }

    /// What the wizard's steps read besides the wizard.
    var wizardSettings: WizardSettings {
        WizardSettings(
            helpdesk: helpdesk, training: session?.training ?? false, workingCase: training?.currentCase != nil)
    }

    /// A new transfer: the session waiting on the start menu, remade only if helpdesk mode was
    /// switched since it was made; then its first question.
    mutating func newTransfer() -> Effect {
        if session?.wizard.flow.isHelpdesk != helpdesk {
            session = WizardSession(wizard: Wizard(flow: Flow(helpdesk: helpdesk)), drafts: drafts, clock: clock)
        }
        return showWizard()
    }

    /// The wizard's screen as it stands, started afresh.
    func showWizard() -> Effect {
        guard let session else { return .none }
        return .show(WizardStep.screen(for: session))
    }

    /// Back from before the first question: training goes back to the case's story, never to
    /// the real start menu (where drafts and real forms would be written).
    func leaveWizard() -> Effect {
        guard let training, session?.training == true else { return .show(StartScreen()) }
        guard let trainingCase = training.currentCase else { return .show(TrainingListScreen()) }
        let position = training.cases.firstIndex { $0.id == trainingCase.id } ?? 0
        return .show(StoryScreen(listPosition: position))
    }

    /// Ctrl-S: the draft saved now, and where, said on the screen.
    func saveDraftNow() -> Effect {
        guard let session, !session.training else { return .say(.problem("Nothing is saved in training.")) }
        if let save = session.pendingDraft() { return .run(.saveDraft(save, announce: true)) }
        return .say(.done(session.draftPath.map { "Draft saved: \($0)" } ?? "Nothing to save yet."))
    }

    /// The draft save the last key called for, if the session changed.
    var autosave: Command? { session?.pendingDraft().map { .saveDraft($0, announce: false) } }
}
