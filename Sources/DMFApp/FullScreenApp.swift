import DMFAnswers
import DMFDocuments
import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI

/// The full-screen wizard as a state machine: `handle(_:)` takes a key, `render(width:height:)`
/// draws the state into a canvas. No terminal here, so every screen is testable headless.
public final class FullScreenApp {
    /// What occupies the screen.
    public enum Mode: Equatable {
        case start
        case drafts
        case openFile
        case about
        case wizard
        case save
        case saved([String])
        // Training: the trainee's name, then choose a case, read its story, work it, predict,
        // compare; then a summary that can be saved as a score sheet.
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
            case .start, .drafts, .openFile, .about: true
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

    public static let minimumSize = (width: 60, height: 20)

    public internal(set) var mode: Mode
    /// Built on first use, which is after the first screen: building the questions was a tenth
    /// of the time to it. On the start menu this is the empty session a new transfer begins.
    public internal(set) lazy var session: WizardSession = makeSession()
    private let makeSession: () -> WizardSession
    public internal(set) var ending: Ending?
    let drafts: DraftStore
    let outputFolder: String
    /// Helpdesk mode: read-aloud lines, the caller's details first, the resume code always shown.
    public private(set) var helpdesk: Bool
    public var unicode = true
    /// Projector mode: no frame and a blank line between choices, for a room to read
    /// (the backend supplies the high-contrast look).
    public var projector = false

    // Per-screen state, reset whenever the wizard moves to another screen.
    var highlight = 0
    /// The highlighted choice of a question or row of "Check your answers": nil until the person
    /// moves to one, because nothing is ever chosen for them (a saved answer shows as chosen).
    var selection: Int?
    /// Digits typed so far on a choice list, so `1` `1` reaches option 11.
    var typedNumber = ""
    /// The recipient the person asked to remove, awaiting `y` to confirm.
    var pendingRemoval: Int?
    /// The first line shown of a page taller than the window (kept by `render`).
    var scroll = 0
    /// What the last frame showed of its page (for tests: nothing cut off unseen).
    public internal(set) var lastLayout = Page.Layout()
    var input = TextInput()
    var message: String?
    var showingHelp = false
    var shownScreen: Screen?
    var draftList: [DraftSummary] = []
    /// When the newest saved draft was begun, for the start screen's offer to continue it.
    var newestDraft: String?
    /// The formats ticked on the save screen. A list, not a set: a set built before the first
    /// screen costs a scan of every protocol conformance in the binary (see DECISIONS.md).
    var saveFormats: [OutputFormat] = [.markdown, .html]
    var saveField = 0
    /// The size last drawn at; keys are ignored while it is below the minimum.
    var lastSize = (width: 80, height: 24)
    var isTooSmall: Bool { lastSize.width < Self.minimumSize.width || lastSize.height < Self.minimumSize.height }
    /// The step code being typed after `g` (helpdesk jump), nil when not jumping.
    var jumpInput: TextInput?
    // Training state.
    var trainingCases: [TrainingCase] = []
    var currentCase: TrainingCase?
    public internal(set) var trainingResults: [TrainingResult] = []
    var prediction: Verdict?
    /// Who is training, for the score sheet.
    public internal(set) var traineeName = ""
    var pickedActions: Set<RuleID> = []

    public init(
        session: @autoclosure @escaping () -> WizardSession, drafts: DraftStore, helpdesk: Bool = false,
        startAt mode: Mode = .start,
        outputFolder: String = ProcessContext.currentFolder
    ) {
        self.makeSession = session
        self.drafts = drafts
        self.helpdesk = helpdesk
        self.mode = mode
        self.outputFolder = outputFolder
        // Only the folder is read (no draft is parsed), so the first screen stays quick.
        newestDraft = mode == .start ? drafts.newestDraftTime() : nil
        if mode == .wizard { syncWithWizard() }
    }

    var wizard: Wizard {
        get { session.wizard }
        set { session.wizard = newValue }
    }

    /// Builds the session the first screen did not need while the person reads it, so that
    /// the first key is as quick as the rest.
    public func prepareWhileIdle() {
        _ = session
    }

    // MARK: - Keys

    /// What is on screen, to tell when a key moved to another screen: keys typed ahead are then
    /// dropped (see `FullScreenLoop`), so none lands on a screen the person has not seen.
    public struct ScreenIdentity: Equatable {
        var mode: Mode
        var screen: Screen?
    }

    public var screenIdentity: ScreenIdentity {
        ScreenIdentity(mode: mode, screen: mode == .wizard ? wizard.screen : nil)
    }

    /// Applies one key. Sets `ending` when the run should stop.
    public func handle(_ key: Key) {
        let before = mode
        apply(key)
        if mode != before {
            scroll = 0
            typedNumber = ""
            pendingRemoval = nil
        }
    }

    private func apply(_ key: Key) {
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
        if showingHelp {
            // Long help scrolls; any other key goes back to the question.
            if !scrolled(by: key) {
                showingHelp = false
                scroll = 0
            }
            return
        }
        switch mode {
        case .start: handleStart(key)
        case .drafts: handleDrafts(key)
        case .openFile: handleOpenFile(key)
        case .about: mode = .start
        case .wizard: handleWizard(key)
        case .save: handleSave(key)
        case .saved: if key == .enter || key == .char("q") || key == .escape { ending = .finished }
        case .traineeName, .trainingList, .story, .predict, .pickActions, .comparison, .summary: handleTraining(key)
        }
        if mode == .wizard {
            syncWithWizard()
            session.autosave()
        }
    }

    var startItems: [String] {
        [
            "Start a new transfer", "Continue a saved draft", "Open an answers file", "About this tool and help",
            helpdesk ? "Helpdesk mode is ON (switch off)" : "Helpdesk mode is off (switch on)", "Quit",
        ]
    }

    private func handleStart(_ key: Key) {
        if let number = typedOption(key, count: startItems.count) { return highlight = number }
        switch key {
        case .up: highlight = max(0, highlight - 1)
        case .down: highlight = min(startItems.count - 1, highlight + 1)
        case .enter: chooseStartItem()
        case .char("q"), .escape: ending = .quit
        case .function(1), .char("?"): showingHelp = true
        default: break
        }
    }

    private func chooseStartItem() {
        message = nil
        switch highlight {
        case 0:
            // The session made for the start menu is still empty: it needs remaking only when
            // helpdesk mode was switched on the menu.
            if wizard.flow.isHelpdesk != helpdesk {
                session = WizardSession(wizard: Wizard(flow: Flow(helpdesk: helpdesk)), drafts: drafts)
            }
            enterWizard()
        case 1:
            draftList = drafts.list()
            highlight = 0
            mode = .drafts
        case 2:
            input = TextInput()
            mode = .openFile
        case 3: mode = .about
        case 4: helpdesk.toggle()
        default: ending = .quit
        }
    }

    private func enterWizard() {
        mode = .wizard
        shownScreen = nil
        syncWithWizard()
    }

    /// Scrolls a page that has no list to move through (help, the outcome, a story): the
    /// window itself clamps the line it starts at. Returns false for any other key.
    func scrolled(by key: Key) -> Bool {
        switch key {
        case .down: scroll += 1
        case .up: scroll = max(0, scroll - 1)
        case .pageDown: scroll += 10
        case .pageUp: scroll = max(0, scroll - 10)
        default: return false
        }
        return true
    }

    /// After a removal was asked for (`pendingRemoval`): the item to remove when this key is `y`;
    /// nil, with "Kept." said, for any other key. Every key ends the question.
    private func confirmedRemoval(_ key: Key) -> Int? {
        guard let removal = pendingRemoval else { return nil }
        pendingRemoval = nil
        guard key == .char("y") || key == .char("Y") else {
            message = "Kept."
            return nil
        }
        return removal
    }

    private func handleDrafts(_ key: Key) {
        if pendingRemoval != nil {
            guard let removal = confirmedRemoval(key), draftList.indices.contains(removal) else { return }
            do {
                _ = try drafts.deleteDraft(named: draftList[removal].path)
                draftList = drafts.list()
                highlight = min(highlight, max(0, draftList.count - 1))
                message = "Draft deleted."
            } catch {
                message = "Could not delete it: \(error.description)"
            }
            return
        }
        message = nil
        switch key {
        case .delete, .char("d"):
            guard draftList.indices.contains(highlight) else { return }
            pendingRemoval = highlight
            message =
                """
                Delete the draft \(draftList[highlight].description) (saved \(draftList[highlight].savedAt))? \
                Press y to delete it, any other key to keep it.
                """
        case .up: highlight = max(0, highlight - 1)
        case .down: highlight = min(max(0, draftList.count - 1), highlight + 1)
        case .escape, .left: backToStart()
        case .enter:
            guard draftList.indices.contains(highlight) else { return backToStart() }
            open(path: draftList[highlight].path, isDraft: true)
        default: break
        }
    }

    private func handleOpenFile(_ key: Key) {
        switch key {
        case .escape: backToStart()
        case .enter: open(path: PathInput.expand(input.text, home: ProcessContext.variable("HOME")), isDraft: false)
        default: _ = input.handle(key)
        }
    }

    private func backToStart() {
        mode = .start
        highlight = 0
        message = nil
    }

    /// Loads a draft or answers file into a new session. A draft goes on being saved to its own
    /// file; an answers file is left as it is and a new draft starts from it.
    private func open(path: String, isDraft: Bool) {
        do {
            session = try WizardSession.resuming(
                path, asDraft: isDraft, drafts: drafts, helpdesk: helpdesk)
            message = nil
            enterWizard()
        } catch {
            message = error.problems.first.map { $0.formatted(file: error.file) } ?? "That file cannot be opened."
        }
    }

    private func handleWizard(_ key: Key) {
        if jumpInput != nil { return handleJump(key) }
        if key == .ctrl("g") || (key == .char("g") && !isTypingText) {
            jumpInput = TextInput()
            message = nil
            return
        }
        if key == .ctrl("s") {
            guard !session.training else { return message = "Nothing is saved in training." }
            session.autosave()
            message = session.saveProblem ?? session.draftPath.map { "Draft saved: \($0)" } ?? "Nothing to save yet."
            return
        }
        switch wizard.screen {
        case .question, .recipientField: handleQuestion(key)
        case .recipients: handleRecipients(key)
        case .check: handleCheck(key)
        case .outcome: handleOutcome(key)
        }
    }

    /// Whether keys go into a text field (so `g` and `q` are letters, not commands).
    var isTypingText: Bool {
        guard case .text = wizard.currentQuestion?.kind else { return false }
        switch wizard.screen {
        case .question, .recipientField: return true
        default: return false
        }
    }

    private func handleJump(_ key: Key) {
        switch key {
        case .escape: jumpInput = nil
        case .enter:
            let code = jumpInput?.text.trimmingCharacters(in: .whitespaces) ?? ""
            jumpInput = nil
            if !wizard.jump(to: code) { message = "There is no step \(code) among the steps reached so far." }
        default: _ = jumpInput?.handle(key)
        }
    }

    private func goBack() {
        message = nil
        guard !wizard.back() else { return }
        // Before the first question: training goes back to the case's story, never to the real
        // start menu (where drafts and real forms would be written).
        if session.training { mode = currentCase == nil ? .trainingList : .story } else { backToStart() }
    }

    /// A digit on a numbered list: the option number typed so far (0-based), when it names one.
    /// Digits add up while they still name an option (`1` `1` is option 11 of 11), otherwise
    /// a digit starts a new number. Any other key ends the number. The caller only moves the
    /// highlight: Enter is always what chooses.
    func typedOption(_ key: Key, count: Int) -> Int? {
        guard case .char(let character) = key, let digit = character.wholeNumberValue, character.isASCII else {
            typedNumber = ""
            return nil
        }
        for candidate in [typedNumber + String(digit), String(digit)] {
            if let number = Int(candidate), (1...count).contains(number) {
                typedNumber = candidate
                return number - 1
            }
        }
        typedNumber = ""
        return nil
    }

    /// Moves the highlight of a list that starts with nothing highlighted; the message about an
    /// earlier key goes once the person acts on it.
    func moveSelection(_ key: Key, count: Int) -> Bool {
        let moved: Int? =
            switch key {
            case .up: selection.map { max(0, $0 - 1) } ?? 0
            case .down: selection.map { min(count - 1, $0 + 1) } ?? 0
            case .home: 0
            case .end: count - 1
            case .pageUp: max(0, (selection ?? 0) - 10)
            case .pageDown: min(count - 1, (selection ?? -1) + 10)
            default: typedOption(key, count: count)
            }
        guard let moved else { return false }
        selection = moved
        message = nil
        return true
    }

    private func handleQuestion(_ key: Key) {
        guard let question = wizard.currentQuestion else { return }
        if case .choice(let choices) = question.kind {
            if moveSelection(key, count: choices.count) { return }
            switch key {
            case .enter, .right:
                guard let selection else {
                    message = "Choose one of the options: move to it with ↑↓ or its number, then press Enter."
                    return
                }
                submit(choices[selection].value)
            case .escape, .left: goBack()
            case .function(1), .char("?"): showingHelp = true
            case .char("q"): quit()
            default: break
            }
            return
        }
        switch key {
        case .enter: submit(input.text)
        case .escape: goBack()
        case .function(1): showingHelp = true
        case .char("?") where input.text.isEmpty: showingHelp = true
        default:
            if input.handle(key) { message = nil }
        }
    }

    private func submit(_ value: String) {
        if let problem = wizard.answer(value) { message = problem } else { message = nil }
    }

    private func quit() {
        session.autosave()
        ending = .quit
    }

    /// Recipients list rows: each recipient, then "Add a recipient", then "Continue".
    var recipientRowCount: Int { wizard.answers.recipients.count + 2 }

    private func handleRecipients(_ key: Key) {
        let count = wizard.answers.recipients.count
        if pendingRemoval != nil {
            guard let removal = confirmedRemoval(key), removal < count else { return }
            wizard.removeRecipient(removal)
            highlight = min(highlight, recipientRowCount - 1)
            return message = "Recipient \(removal + 1) removed."
        }
        message = nil
        switch key {
        case .up: highlight = max(0, highlight - 1)
        case .down: highlight = min(recipientRowCount - 1, highlight + 1)
        case .char("a"): wizard.addRecipient()
        case .char("c"): finishRecipients()
        case .delete, .char("d"):
            if highlight < count {
                pendingRemoval = highlight
                let name = wizard.answers.recipients[highlight].name ?? "this recipient"
                message = "Remove recipient \(highlight + 1) (\(name))? Press y to remove, any other key to keep."
            }
        case .enter, .right:
            if highlight < count {
                wizard.editRecipient(highlight)
            } else if highlight == count {
                wizard.addRecipient()
            } else {
                finishRecipients()
            }
        case .escape, .left: goBack()
        case .function(1), .char("?"): showingHelp = true
        case .char("q"): quit()
        default: break
        }
    }

    private func finishRecipients() {
        message = wizard.finishRecipients()
    }

    private func handleCheck(_ key: Key) {
        let rows = CheckAnswers.rows(wizard)
        // The rows, then "Confirm"; digits are not row numbers here.
        if case .char(let c) = key, c.isNumber { return }
        if moveSelection(key, count: rows.count + 1) { return }
        switch key {
        case .enter, .right:
            guard let selection else {
                return message =
                    "Move to an answer with ↑↓ and press Enter to change it, or press c to confirm them all."
            }
            if selection < rows.count { wizard.change(rows[selection].code) } else { confirm() }
        case .char("c"): confirm()
        case .escape, .left: goBack()
        case .char("q"): quit()
        case .function(1), .char("?"): showingHelp = true
        default: break
        }
    }

    private func confirm() {
        let missing = wizard.confirm()
        message = missing.isEmpty ? nil : "This answer is still needed before the outcome."
        if missing.isEmpty, currentCase != nil { startPrediction() }
    }

    private func handleOutcome(_ key: Key) {
        if scrolled(by: key) { return }
        switch key {
        case .char("s"), .enter:
            input = TextInput(outputFolder)
            saveField = Self.saveFolderRow
            message = nil
            mode = .save
        case .escape, .left: goBack()
        case .char("q"): quit()
        default: break
        }
    }

    static let saveFormatsOrder: [OutputFormat] = [.markdown, .html, .pdf, .text, .json]
    /// The save dialog's folder row, after one row per format.
    static let saveFolderRow = saveFormatsOrder.count

    /// Save dialog: a row per format (Space ticks), then the folder; Enter saves from anywhere,
    /// so the default (Markdown and HTML, here) is one key away.
    private func handleSave(_ key: Key) {
        switch key {
        case .up: saveField = max(0, saveField - 1)
        case .down, .tab: saveField = min(Self.saveFolderRow, saveField + 1)
        case .escape:
            mode = .wizard
            message = nil
        case .char(" ") where saveField < Self.saveFolderRow:
            let format = Self.saveFormatsOrder[saveField]
            if let ticked = saveFormats.firstIndex(of: format) {
                saveFormats.remove(at: ticked)
            } else {
                saveFormats.append(format)
            }
        case .enter, .ctrl("s"): save()
        default:
            if saveField == Self.saveFolderRow { _ = input.handle(key) }
        }
    }

    private func save() {
        let formats = Self.saveFormatsOrder.filter(saveFormats.contains)
        guard !formats.isEmpty else {
            message = "Choose at least one format."
            return
        }
        let folder = PathInput.expand(input.text, home: ProcessContext.variable("HOME"))
        do {
            let paths = try session.saveOutcome(formats: formats, folder: folder.isEmpty ? outputFolder : folder)
            mode = .saved(paths)
            message = nil
        } catch {
            message = "Could not save: \(error.description)"
        }
    }

    /// Resets the per-screen state when the wizard has moved to another screen.
    private func syncWithWizard() {
        guard wizard.screen != shownScreen else { return }
        shownScreen = wizard.screen
        scroll = 0
        showingHelp = false
        if message?.hasPrefix("Draft saved") == true { message = nil }
        typedNumber = ""
        pendingRemoval = nil
        selection = nil
        switch wizard.screen {
        case .question, .recipientField:
            let current = wizard.currentAnswer
            if let question = wizard.currentQuestion, case .choice(let choices) = question.kind {
                // Only an answer already given shows as chosen; a new question has none.
                selection = choices.firstIndex { $0.value == current }
            } else {
                highlight = 0
                input = TextInput(current ?? "")
            }
        case .recipients:
            highlight = wizard.answers.recipients.isEmpty ? 0 : wizard.answers.recipients.count + 1
        case .check, .outcome:
            highlight = 0
        }
    }
}
