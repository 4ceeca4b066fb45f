import DMFDocuments
import DMFFlow
import TerminalUI

/// The full-screen app as a value: the screen on show, anything drawn over it, what the screens
/// share, and how far the page is scrolled. Keys and the replies to commands go in through
/// `update` and `receive`, which return the commands to run next: the model touches no file,
/// register or browser itself (the one outside thing it reads is the time stamped on the form
/// when the outcome opens). `view` draws it and changes nothing.
struct AppModel {
    /// What is drawn over the screen, taking its keys.
    enum Overlay {
        case help
        /// A training case's story, read again while working it.
        case story
        case jump(JumpPrompt)
    }

    static let minimumSize = (width: 60, height: 20)

    var screen: any Screen
    var overlay: Overlay?
    var state: AppState
    /// The first line of the page shown. Keys move it; the window keeps it in range and the loop
    /// reports where it started (`shown`), so the page scrolls on from what the person saw.
    var scroll = 0
    /// The size of the last frame shown; keys are ignored while it is below the minimum.
    var windowSize = (width: 80, height: 24)
    /// Set when the run should stop.
    var ending: FullScreenApp.Ending?

    var identity: ScreenIdentity { ScreenIdentity(screen) }

    var isTooSmall: Bool {
        windowSize.width < Self.minimumSize.width || windowSize.height < Self.minimumSize.height
    }

    // MARK: - Keys and replies

    /// Applies one key; returns the commands it asks for.
    mutating func update(_ key: Key) -> [Command] {
        switch key {
        case .resize: return []
        case .signal(let number):
            // Ctrl-C, a closed window: stop the work in hand; the draft is saved on the way out,
            // with what is typed in the field.
            keepTypedText()
            ending = .signal(number)
            return [.cancel]
        case .endOfInput:
            keepTypedText()
            ending = .endOfInput
            return []
        default: break
        }
        // Below the minimum size nothing can be seen, so keys wait until the window is larger.
        if isTooSmall { return [] }
        let before = identity
        let effect: Effect
        switch overlay {
        case .help?, .story?:
            if HelpOverlay.bindings.action(for: key) == .scroll {
                scrolled(by: key)
            } else {
                overlay = nil
                scroll = 0
            }
            effect = .none
        case .jump(var prompt)?:
            overlay = nil
            switch state.session?.change({ prompt.update(key, wizard: &$0) }) {
            case .open?:
                overlay = .jump(prompt)
                effect = .none
            case .refused(let message)?: effect = .say(message)
            case .closed?, nil: effect = .none
            }
        case nil:
            effect = screen.update(key, &state)
        }
        return settle(effect, before: before)
    }

    /// Applies what a command reported; returns the commands that follow from it.
    mutating func receive(_ reply: Reply) -> [Command] {
        let before = identity
        switch reply {
        case .draftSaved(let save, let problem, let announce):
            state.session?.draftSaved(save, problem: problem)
            guard announce else { return [] }
            let said: Message =
                problem.map { .problem("The draft could not be saved: \($0.description)") }
                ?? .done("Draft saved: \(save.path)")
            screen.message = said
            return []
        case .due(let line):
            state.due = line
            return []
        default:
            return settle(screen.receive(reply, &state), before: before)
        }
    }

    /// Shows the wizard's new step if it moved, then carries out `effect` (so a message goes to the
    /// step the wizard moved to: the answer still missing), and starts a new screen's page at its top.
    private mutating func settle(_ effect: Effect, before: ScreenIdentity) -> [Command] {
        followWizard()
        let commands = perform(effect)
        if identity != before { scroll = 0 }
        return commands
    }

    /// Carries out what a key asked for beyond its screen's own state.
    private mutating func perform(_ effect: Effect) -> [Command] {
        switch effect {
        case .none: break
        case .show(let next): screen = next
        case .say(let message): screen.message = message
        case .end(let ending): self.ending = ending
        case .help:
            overlay = .help
            scroll = 0
        case .story:
            overlay = .story
            scroll = 0
        case .jump: overlay = .jump(JumpPrompt())
        case .scroll(let key): scrolled(by: key)
        case .run(let command): return [command]
        case .all(let effects): return effects.flatMap { perform($0) }
        }
        return []
    }

    /// The run is ending: what is typed in the field on show goes into the draft saved on the
    /// way out, apart from the answers.
    private mutating func keepTypedText() {
        let typed = screen.typedText(state)
        state.session?.keepTyped(typed)
    }

    /// When the wizard has moved (a key, a jump), its new step's screen starts afresh. Text kept
    /// from an interrupted run belonged to the step left, so it goes.
    private mutating func followWizard() {
        guard let step = screen.step, var session = state.session, session.wizard.screen != step else { return }
        session.typed = nil
        state.session = session
        screen = WizardStep.screen(for: session)
    }

    /// Scrolls a page that has no list to move through (help, the outcome, a story): the
    /// window itself keeps the line it starts at in range.
    private mutating func scrolled(by key: Key) {
        switch key {
        case .down: scroll += 1
        case .up: scroll = max(0, scroll - 1)
        case .pageDown: scroll += 10
        case .pageUp: scroll = max(0, scroll - 10)
        default: break
        }
    }

    /// The loop reports each frame it presented: its size (keys wait while the window is too
    /// small), and the line the page's window started at, which the next scroll starts from.
    mutating func shown(_ frame: FullScreenApp.Frame) {
        windowSize = (frame.canvas.width, frame.canvas.height)
        if !isTooSmall { scroll = frame.layout.start }
    }
}
