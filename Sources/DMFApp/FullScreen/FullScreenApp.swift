import DMFDocuments
import DMFFlow
import DMFRegisterStores
import TerminalUI

/// The full-screen wizard, as the loop drives it: the app's state is a value (`AppModel`: the
/// screen on show, what the screens share), each key goes through its `update`, and the
/// commands it returns (drafts, files, printing, the register) are carried out by the runner,
/// whose replies go back through `receive`: quick ones at once, slow ones from the worker
/// thread when the loop collects them, so no key waits for a browser or a server. Drawing
/// (`view`) changes nothing. No terminal here, so every screen is testable headless.
public final class FullScreenApp {
    /// How a run ended.
    public enum Ending: Equatable, Sendable {
        case quit
        case finished
        case signal(Int32)
        case endOfInput
    }

    /// Where a run starts.
    public enum Start: Sendable {
        /// The start menu (new transfer, drafts, the register…).
        case menu
        /// The session's questions, where it stands (a resumed draft).
        case questions
    }

    /// One drawn frame: the canvas to present, and what its page showed (for tests: nothing cut
    /// off unseen).
    public struct Frame {
        public let canvas: Canvas
        public let layout: Page.Layout
    }

    public static let minimumSize = AppModel.minimumSize

    /// Everything the app shows and remembers; changed only by keys and replies.
    private(set) var model: AppModel
    /// Makes the session a new transfer begins with, once the first screen is drawn.
    private let makeSession: () -> WizardSession
    /// Carries out the commands the model returns.
    let runner = CommandRunner()
    /// Commands that need the terminal itself (ssh-keygen asking for a passphrase), waiting for
    /// the loop to hand it over (`runAtTerminal`).
    private var terminalCommands: [Command] = []

    /// - Parameters:
    ///   - session: the session to begin with: made only after the start menu is drawn, or at
    ///     once when starting at the questions.
    ///   - clock: the time for what the app writes itself (the score sheet); sessions it makes
    ///     get it too.
    public init(
        session: @autoclosure @escaping () -> WizardSession, drafts: DraftStore, clock: WallClock,
        helpdesk: Bool = false, startAt start: Start = .menu, outputFolder: String = ProcessContext.currentFolder,
        home: String? = ProcessContext.variable("HOME"), register: RegisterSetting? = nil, signing: Signing = .none
    ) {
        makeSession = session
        let state = AppState(
            helpdesk: helpdesk, drafts: drafts, clock: clock, outputFolder: outputFolder, home: home)
        model = AppModel(screen: StartScreen(), state: state)
        model.state.register = register
        model.state.signing = signing
        switch start {
        case .menu:
            // Only the folder is read (no draft is parsed), so the first screen stays quick.
            model.state.newestDraft = drafts.newestDraftTime()
        case .questions:
            let first = session()
            model.state.session = first
            model.screen = WizardStep.screen(for: first)
        }
    }

    deinit {
        _ = runner.run(.cancel)
        runner.waitUntilIdle()
        runner.closeRegister()
    }

    // MARK: - What callers read and set

    /// The session: the transfer being answered (made now, if the start menu has not made it yet).
    public var session: WizardSession {
        prepareSession()
        return model.state.session ?? makeSession()
    }

    /// The draft the answers are saved in, if any.
    public var draftPath: String? { model.state.session?.draftPath }
    public var ending: Ending? { model.ending }
    public var helpdesk: Bool { model.state.helpdesk }
    public var trainingResults: [TrainingResult] { model.state.training?.results ?? [] }
    /// Who is training, for the score sheet.
    public var traineeName: String { model.state.training?.trainee ?? "" }
    /// The files the last save wrote, while the saved screen is up.
    public var savedPaths: [String]? { (model.screen as? SavedScreen)?.paths }
    public var screenIdentity: ScreenIdentity { model.identity }

    /// Whether the terminal shows Unicode (set by the loop from the backend).
    public var unicode: Bool {
        get { model.state.unicode }
        set { model.state.unicode = newValue }
    }

    /// Projector mode: no frame and a blank line between choices, for a room to read (the
    /// backend supplies the high-contrast look).
    public var projector: Bool {
        get { model.state.projector }
        set { model.state.projector = newValue }
    }

    /// Where saved outcomes are recorded (nil: nowhere); opened only when something needs it.
    public var register: RegisterSetting? {
        get { model.state.register }
        set { model.state.register = newValue }
    }

    /// The key the register screen signs decisions with (`DMF_SIGNING_KEY`).
    public var signing: Signing {
        get { model.state.signing }
        set { model.state.signing = newValue }
    }

    /// Whether the register screen's register is open (it is closed when the screen is left).
    var registerIsOpen: Bool { runner.registerIsOpen }

    /// Whether `S` is the screen on show.
    func isShowing<S: Screen>(_ type: S.Type) -> Bool { model.screen is S }

    /// Whether one of the wizard's steps is on show (a question, the recipients, Check your
    /// answers or the outcome).
    var isShowingWizard: Bool { model.screen.step != nil }

    /// Opens training at the trainee's name, then the case list.
    public func startTraining(cases: [TrainingCase]) {
        model.state.training = TrainingRun(cases: cases)
        model.screen = TraineeNameScreen()
    }

    // MARK: - The loop's calls

    /// Makes what the first screen did not need while the person reads it, so that the first
    /// key is as quick as the rest: the session; and asks the register what is due, which the
    /// start screen shows once the worker has the answer.
    public func prepareWhileIdle() {
        prepareSession()
        guard model.screen is StartScreen, let setting = model.state.register, setting.exists else { return }
        let today = String(model.state.clock.timestamp.prefix(10))
        perform([.lookUpDue(setting, today: today, clock: model.state.clock)])
    }

    /// Applies one key, then runs what it asked for; the draft is saved if it changed. When the
    /// key ends the run, the work in hand is finished first (after a signal, stopped) and its
    /// replies taken, so a save is either done or not begun, and the draft says which; nothing
    /// waiting for the terminal is begun.
    public func handle(_ key: Key) {
        prepareSession()
        model.state.now = .now
        perform(model.update(key))
        if model.ending != nil { settle() }
        if let save = model.state.autosave { perform([save]) }
        if model.ending != nil {
            terminalCommands = []
            runner.closeRegister()
        }
    }

    /// Whether a command waits for the terminal to be handed over (`runAtTerminal`).
    public var needsTerminal: Bool { !terminalCommands.isEmpty }

    /// Runs the commands that need the terminal, each between leaving full-screen mode and
    /// taking the terminal back (`TerminalBackend.outsideFullScreen`), and hands its reply to
    /// the model. Nothing else is drawn or read meanwhile; a signal that comes meanwhile stops
    /// it, and the next key read reports the signal, so the run ends as usual (the draft saved,
    /// the terminal restored).
    public func runAtTerminal(_ backend: TerminalBackend) {
        while !terminalCommands.isEmpty {
            let command = terminalCommands.removeFirst()
            var reply: Reply?
            backend.outsideFullScreen(notice: command.terminalNotice) { signalled in
                reply = runner.runAtTerminal(command, signalled: signalled)
            }
            model.state.now = .now
            if let reply { perform(model.receive(reply)) }
        }
    }

    /// Whether slow work (printing, saving, the register) is running or waiting: the loop then
    /// wakes now and then to collect its replies and show its progress.
    public var isWorking: Bool { runner.isBusy }

    /// Hands the replies of slow work finished since the last call to the model, with the time
    /// now (for how long a save has taken so far).
    public func collectReplies() {
        model.state.now = .now
        for reply in runner.takeReplies() { perform(model.receive(reply)) }
    }

    /// Waits for the slow work in hand, and what follows from it, and takes the replies.
    public func settle() {
        repeat {
            runner.waitUntilIdle()
            collectReplies()
        } while runner.isBusy
    }

    /// Draws the whole screen for the current state.
    public func view(width: Int, height: Int, widthFunction: @escaping DisplayWidth = DisplayWidths.approximate)
        -> Frame
    {
        model.view(width: width, height: height, widthFunction: widthFunction)
    }

    /// The loop reports each frame it presented (see `AppModel.shown`).
    public func shown(_ frame: Frame) { model.shown(frame) }

    // MARK: - Running commands

    private func prepareSession() {
        if model.state.session == nil { model.state.session = makeSession() }
    }

    /// Runs each command, and hands its reply (and what follows from it) back to the model; one
    /// that needs the terminal waits for the loop to hand it over.
    private func perform(_ commands: [Command]) {
        for command in commands {
            if command.needsTerminal {
                terminalCommands.append(command)
            } else if let reply = runner.run(command) {
                perform(model.receive(reply))
            }
        }
    }
}
