import DMFAnswers
import DMFDocuments
import DMFFlow
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation
import TerminalUI

/// The full-screen wizard. Each screen is a value with its own state, its keys declared once, an
/// `update` and a `view` (see `AppScreen`); this class is what the loop drives: it holds the
/// screen on show, feeds it each key, carries out what the key asks (sessions, files, the next
/// screen) and draws the result (`view`, which changes nothing). No terminal here, so every
/// screen is testable headless.
public final class FullScreenApp {
    /// What occupies the screen.
    public enum Mode: Equatable {
        case start
        case drafts
        case openFile
        case register
        case about
        case wizard
        case save
        case saved([String])
        case traineeName
        case trainingList
        case story
        case predict
        case pickActions
        case comparison
        case summary

        /// The start menu and the screens it opens, which only real runs show: training opens
        /// at its case list.
        var isStartMenu: Bool {
            switch self {
            case .start, .drafts, .openFile, .register, .about: true
            default: false
            }
        }
    }

    /// How a run ended.
    public enum Ending: Equatable {
        case quit
        case finished
        case signal(Int32)
        case endOfInput
    }

    /// What is drawn over the screen, taking its keys.
    enum Overlay {
        case help
        case jump(JumpPrompt)
    }

    public static let minimumSize = (width: 60, height: 20)

    /// Set by the screens' effects (here and in the extensions for the register).
    var screen: AppScreen
    private(set) var overlay: Overlay?
    /// The first line of the page shown. Keys move it; the window keeps it in range and the loop
    /// reports where it started (`shown`), so the page scrolls on from what the person saw.
    private(set) var scroll = 0
    /// The size of the last frame shown; keys are ignored while it is below the minimum.
    private(set) var windowSize = (width: 80, height: 24)
    /// Helpdesk mode: read-aloud lines, the caller's details first, the resume code always shown.
    public private(set) var helpdesk: Bool
    private(set) var training = TrainingRun()
    /// The formats last ticked in the save dialog, ticked again when it reopens.
    private(set) var saveFormats: [OutputFormat] = [.markdown, .html]
    /// When the newest saved draft was begun, for the start screen's offer to continue it.
    let newestDraft: String?

    /// Built on first use, which is after the first screen: building the questions was a tenth
    /// of the time to it. On the start menu this is the empty session a new transfer begins.
    public internal(set) lazy var session: WizardSession = makeSession()
    private let makeSession: () -> WizardSession
    public private(set) var ending: Ending?
    let drafts: DraftStore
    let outputFolder: String
    let clock: WallClock
    /// Where `~` in a typed path starts.
    let home: String?
    public var unicode = true
    /// Projector mode: no frame and a blank line between choices, for a room to read
    /// (the backend supplies the high-contrast look).
    public var projector = false
    /// Where saved outcomes are recorded (nil: nowhere); opened only when something needs it.
    public var register: RegisterSetting?
    /// What the register said about the last save, shown on the saved screen.
    private(set) var registerNote: Message?
    /// The register while its screen is in use: opened by the first thing that needs it, closed
    /// when the screen is left or a request fails (the next request opens it afresh).
    var openedRegister: Register?
    /// "2 deletions overdue", for the start screen; looked up after the first screen is drawn.
    private(set) var dueLine: String?

    /// - Parameters:
    ///   - mode: `.start` for the start menu, or `.wizard` for the session's questions.
    ///   - clock: the time for what the app writes itself (the score sheet); sessions it makes
    ///     get it too.
    public init(
        session: @autoclosure @escaping () -> WizardSession, drafts: DraftStore, clock: WallClock,
        helpdesk: Bool = false, startAt mode: Mode = .start, outputFolder: String = ProcessContext.currentFolder,
        home: String? = ProcessContext.variable("HOME")
    ) {
        precondition(mode == .start || mode == .wizard, "the app starts at its menu or at the questions")
        self.makeSession = session
        self.drafts = drafts
        self.clock = clock
        self.helpdesk = helpdesk
        self.outputFolder = outputFolder
        self.home = home
        screen = .start(StartScreen())
        // Only the folder is read (no draft is parsed), so the first screen stays quick.
        newestDraft = mode == .start ? drafts.newestDraftTime() : nil
        if mode == .wizard { showWizard() }
    }

    public var mode: Mode { screen.mode }
    public var trainingResults: [TrainingResult] { training.results }
    /// Who is training, for the score sheet.
    public var traineeName: String { training.trainee }
    var isTooSmall: Bool {
        windowSize.width < Self.minimumSize.width || windowSize.height < Self.minimumSize.height
    }

    /// Builds the session the first screen did not need while the person reads it, so that
    /// the first key is as quick as the rest.
    /// - Returns: whether what the screen shows changed (the register has something due), so
    ///   the loop draws it again.
    @discardableResult
    public func prepareWhileIdle() -> Bool {
        _ = session
        guard case .start = screen, let setting = register, setting.exists else { return false }
        let today = String(clock.timestamp.prefix(10))
        guard let glance = try? setting.open(clock, quickly: true) else { return false }
        defer { glance.close() }
        let summary = DueSummary((try? glance.due(today: today)) ?? [], today: today)
        dueLine = summary.isEmpty ? nil : summary.line
        return dueLine != nil
    }

    /// Opens training at the trainee's name, then the case list.
    public func startTraining(cases: [TrainingCase]) {
        training.cases = cases
        screen = .traineeName(TraineeNameScreen())
    }

    /// What is on screen, to tell when a key moved to another screen: keys typed ahead are then
    /// dropped (see `FullScreenLoop`), so none lands on a screen the person has not seen.
    public struct ScreenIdentity: Equatable {
        var mode: Mode
        var screen: Screen?
        /// The part of a screen that shows different things (the register's list, an entry, a
        /// change being filled in), so keys typed for one part do not land on the next.
        var part: String?
    }

    public var screenIdentity: ScreenIdentity {
        var part: String?
        if case .register(let register) = screen { part = register.part }
        return ScreenIdentity(mode: mode, screen: mode == .wizard ? session.wizard.screen : nil, part: part)
    }

    var wizardSettings: WizardSettings {
        WizardSettings(helpdesk: helpdesk, training: session.training, workingCase: training.currentCase != nil)
    }

    // MARK: - Keys

    /// Applies one key. Sets `ending` when the run should stop.
    public func handle(_ key: Key) {
        switch key {
        case .resize: return
        case .signal(let number):
            session.autosave()
            ending = .signal(number)
            return
        case .endOfInput:
            session.autosave()
            ending = .endOfInput
            return
        default: break
        }
        // Below the minimum size nothing can be seen, so keys wait until the window is larger.
        if isTooSmall { return }
        let before = screenIdentity
        switch overlay {
        case .help?:
            if HelpOverlay.bindings.action(for: key) == .scroll {
                scrolled(by: key)
            } else {
                overlay = nil
                scroll = 0
            }
            return
        case .jump(var prompt)?:
            overlay = nil
            switch prompt.update(key, wizard: &session.wizard) {
            case .open: overlay = .jump(prompt)
            case .closed: break
            case .refused(let message): screen.say(message)
            }
            if case .wizard(var shown) = screen {
                shown.follow(session.wizard)
                screen = .wizard(shown)
            }
        case nil:
            perform(update(key))
        }
        // The draft is saved after every key on the wizard's screens (only when something changed).
        if mode == .wizard { session.autosave() }
        if screenIdentity != before { scroll = 0 }
        // The register stays open while its screen is used, and no longer.
        if mode != .register { closeRegister() }
    }

    deinit { closeRegister() }

    /// The loop reports each frame it presented: its size (keys wait while the window is too
    /// small), and the line the page's window started at, which the next scroll starts from.
    public func shown(_ frame: Frame) {
        windowSize = (frame.canvas.width, frame.canvas.height)
        if !isTooSmall { scroll = frame.layout.start }
    }

    /// Gives the key to the screen on show.
    private func update(_ key: Key) -> Effect {
        switch screen {
        case .start(var start):
            defer { screen = .start(start) }
            return start.update(key, helpdesk: helpdesk)
        case .drafts(var list):
            defer { screen = .drafts(list) }
            return list.update(key)
        case .openFile(var openFile):
            defer { screen = .openFile(openFile) }
            return openFile.update(key)
        case .register(var register):
            defer { screen = .register(register) }
            return register.update(key)
        case .about(let start):
            return AboutScreen.bindings.action(for: key) == .back ? .show(.start(start)) : .none
        case .wizard(var shown):
            defer { screen = .wizard(shown) }
            return shown.update(key, wizard: &session.wizard, settings: wizardSettings)
        case .save(var save):
            defer { screen = .save(save) }
            return save.update(key)
        case .saved:
            return SavedScreen.bindings.action(for: key) == .finish ? .end(.finished) : .none
        case .traineeName(var name):
            defer { screen = .traineeName(name) }
            return name.update(key, run: &training)
        case .trainingList(var list):
            defer { screen = .trainingList(list) }
            return list.update(key, run: &training)
        case .story(let story): return story.update(key)
        case .predict(var predict):
            defer { screen = .predict(predict) }
            return predict.update(key)
        case .pickActions(var pick):
            defer { screen = .pickActions(pick) }
            return pick.update(key)
        case .comparison: return ComparisonScreen.update(key, run: &training)
        case .summary(let summary): return summary.update(key, run: training)
        }
    }

    // MARK: - Effects

    /// Carries out what a key asked for beyond its screen's own state.
    private func perform(_ effect: Effect) {
        switch effect {
        case .none: break
        case .show(let next): screen = next
        case .say(let message): screen.say(message)
        case .end(let ending): self.ending = ending
        case .help:
            overlay = .help
            scroll = 0
        case .scroll(let key): scrolled(by: key)
        case .backToStart: screen = .start(StartScreen())
        case .newTransfer:
            // The session made for the start menu is still empty: it needs remaking only when
            // helpdesk mode was switched on the menu.
            if session.wizard.flow.isHelpdesk != helpdesk {
                session = WizardSession(wizard: Wizard(flow: Flow(helpdesk: helpdesk)), drafts: drafts, clock: clock)
            }
            showWizard()
        case .listDrafts: screen = .drafts(DraftsScreen(drafts: drafts.list()))
        case .toggleHelpdesk: helpdesk.toggle()
        case .openDraft(let path): open(path, isDraft: true)
        case .openFile(let typed): open(PathInput.expand(typed, home: home), isDraft: false)
        case .deleteDraft(let path): deleteDraft(path)
        case .openRegister, .registerList, .registerEntry, .registerChange: registerEffect(effect)
        case .leaveWizard: leaveWizard()
        case .jump: overlay = .jump(JumpPrompt())
        case .saveDraft: saveDraftNow()
        case .openSave: screen = .save(SaveScreen(formats: saveFormats, folder: outputFolder))
        case .closeSave(let formats):
            saveFormats = formats
            showWizard()
        case .saveOutcome(let formats, let typedFolder): saveOutcome(formats: formats, typedFolder: typedFolder)
        case .startCase:
            session = WizardSession(wizard: Wizard(flow: Flow()), drafts: nil, training: true, clock: clock)
            showWizard()
        case .predict: screen = .predict(PredictScreen())
        case .backToQuestions:
            _ = session.wizard.back()
            showWizard()
        case .recordPrediction(let prediction, let picked): recordPrediction(prediction, picked: picked)
        case .saveScoreSheet: saveScoreSheet()
        }
    }

    /// The wizard's screen as it stands, started afresh.
    private func showWizard() {
        screen = .wizard(WizardScreen(for: session.wizard))
    }

    /// Scrolls a page that has no list to move through (help, the outcome, a story): the
    /// window itself keeps the line it starts at in range.
    private func scrolled(by key: Key) {
        switch key {
        case .down: scroll += 1
        case .up: scroll = max(0, scroll - 1)
        case .pageDown: scroll += 10
        case .pageUp: scroll = max(0, scroll - 10)
        default: break
        }
    }

    /// Loads a draft or answers file into a new session. A draft goes on being saved to its own
    /// file; an answers file is left as it is and a new draft starts from it.
    private func open(_ path: String, isDraft: Bool) {
        do {
            session = try WizardSession.resuming(
                path, asDraft: isDraft, drafts: drafts, helpdesk: helpdesk, clock: clock)
            showWizard()
        } catch {
            let problem = error.problems.first.map { $0.formatted(file: error.file) } ?? "That file cannot be opened."
            screen.say(.problem(problem))
        }
    }

    private func deleteDraft(_ path: String) {
        guard case .drafts(var list) = screen else { return }
        do {
            _ = try drafts.deleteDraft(named: path)
            list.deleted(.success(drafts.list()))
        } catch {
            list.deleted(.failure(error))
        }
        screen = .drafts(list)
    }

    /// Back from before the first question: training goes back to the case's story, never to
    /// the real start menu (where drafts and real forms would be written).
    private func leaveWizard() {
        guard session.training else { return screen = .start(StartScreen()) }
        guard let trainingCase = training.currentCase else { return screen = .trainingList(TrainingListScreen()) }
        let position = training.cases.firstIndex { $0.id == trainingCase.id } ?? 0
        screen = .story(StoryScreen(listPosition: position))
    }

    private func saveDraftNow() {
        guard !session.training else { return screen.say(.problem("Nothing is saved in training.")) }
        session.autosave()
        if let problem = session.saveProblem { return screen.say(.problem(problem)) }
        screen.say(.done(session.draftPath.map { "Draft saved: \($0)" } ?? "Nothing to save yet."))
    }

    private func saveOutcome(formats: [OutputFormat], typedFolder: String) {
        let folder = PathInput.expand(typedFolder, home: home)
        do {
            let saved = try session.saveOutcome(
                formats: formats, folder: folder.isEmpty ? outputFolder : folder, register: register)
            registerNote = saved.registerNote.map { saved.recorded ? .done($0) : .problem($0) }
            screen = .saved(saved.paths)
        } catch {
            screen.say(.problem("Could not save: \(error.description)"))
        }
    }

    private func recordPrediction(_ prediction: Verdict, picked: Set<RuleID>) {
        guard let trainingCase = training.currentCase, let decision = session.wizard.decision else { return }
        training.results.append(
            TrainingResult(
                trainingCase: trainingCase, answers: session.wizard.answers, decision: decision, predicted: prediction,
                picked: picked))
        screen = .comparison
    }

    private func saveScoreSheet() {
        let sheet = ScoreSheet(trainee: training.trainee, date: clock.timestamp, results: training.results)
        do {
            screen.say(.done("Score sheet saved: " + (try sheet.save(in: outputFolder)).joined(separator: " and ")))
        } catch {
            screen.say(.problem("Could not save the score sheet: \(error.description)"))
        }
    }
}
