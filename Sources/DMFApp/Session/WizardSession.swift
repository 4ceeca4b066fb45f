import DMFAnswers
import DMFDocuments
import DMFFlow
import DMFPolicy
import DMFRegisterStores
import Foundation

/// One run of the wizard, whichever front end draws it: the answers and position, the draft
/// they are saved to after every step, and the formats last chosen for saving. A value: the
/// full-screen app keeps it in its model and hands the writing to its runner as commands
/// (`pendingDraft`, `outcomeSave`); plain mode writes at once (`autosave`, `saveOutcome`).
public struct WizardSession: Sendable {
    public var wizard: Wizard
    /// Finds what prints PDF, asked only when a PDF is saved (tests give their own).
    public var printer: @Sendable () -> (any FormPrinter)? = { PDFPrinter.find() }
    /// Nil in training: nothing from training is written to drafts or records.
    public let drafts: DraftStore?
    public private(set) var draftPath: String?
    public let training: Bool
    /// The time stamped on the form, and the day the delete-by date is checked against.
    public let clock: WallClock
    /// The formats last chosen on the save screen, ticked again when it reopens and kept in the
    /// draft (`draft.formats`, never read as an answer); nil until chosen.
    public var saveFormats: [OutputFormat]?
    /// Text typed into a step's field and not yet given as its answer, when the run was
    /// interrupted (or the draft saved now): kept in the draft as `draft.pending`, never read as
    /// an answer, and put back in that step's field when the draft is resumed.
    public var typed: TypedText?
    /// Set when the last draft save failed, so the screen can say so (work is never silently unsaved).
    public private(set) var saveProblem: String?
    private var lastSaved: DraftSave.Content?

    public init(
        wizard: Wizard, drafts: DraftStore?, draftPath: String? = nil, training: Bool = false, clock: WallClock
    ) {
        var wizard = wizard
        if wizard.today == nil { wizard.today = clock.today() }
        self.wizard = wizard
        self.drafts = training ? nil : drafts
        self.draftPath = draftPath
        self.training = training
        self.clock = clock
    }

    /// A session continuing the draft or answers file at `path`, at its saved step, with the
    /// formats its draft remembers. A draft keeps being saved to its own file; an answers file
    /// opened to start from gets a new draft.
    public static func resuming(
        _ path: String, asDraft: Bool, drafts: DraftStore, helpdesk: Bool, clock: WallClock
    ) throws(AnswersFileError) -> WizardSession {
        let document = try drafts.load(path)
        let flow = Flow(helpdesk: helpdesk || document.answers.helpdesk != nil)
        let wizard = Wizard(flow: flow, answers: document.answers, resumeAt: document.resumeStep)
        var session = WizardSession(wizard: wizard, drafts: drafts, draftPath: asDraft ? path : nil, clock: clock)
        session.saveFormats = document.saveFormats.flatMap(OutputFormat.remembered)
        // Typed at the step the draft stopped at: only if the wizard is there again.
        if let text = document.pending, document.resumeStep?.uppercased() == wizard.resumeStep {
            session.typed = TypedText(step: wizard.resumeStep, text: text)
        }
        return session
    }

    /// Keeps `text`, typed into the field on show and not yet its answer (nil: nothing is).
    mutating func keepTyped(_ text: String?) {
        typed = text.map { TypedText(step: wizard.resumeStep, text: $0) }
    }

    /// The text kept for the step on show, if any.
    public var typedHere: String? {
        guard let typed, typed.step == wizard.resumeStep else { return nil }
        return typed.text
    }

    /// Changes the wizard in place (a copy of the session would copy its answers too).
    mutating func change<Result>(_ body: (inout Wizard) -> Result) -> Result { body(&wizard) }

    // MARK: - The draft

    /// The draft save this session needs now: nil when nothing changed since the last one, in
    /// training, or before the first answer.
    public func pendingDraft() -> DraftSave? {
        guard let drafts else { return nil }
        let content = DraftSave.Content(
            answers: wizard.answers, step: wizard.resumeStep, pending: typedHere, formats: saveFormats)
        // Text typed at the first question is worth a draft too: it is what Ctrl-C would lose.
        guard content != lastSaved, content.answers != Answers() || content.pending != nil || draftPath != nil
        else { return nil }
        return DraftSave(store: drafts, path: draftPath ?? drafts.newDraftPath(), content: content)
    }

    /// Records what saving `save` did: on success the draft is that file, as it was written.
    public mutating func draftSaved(_ save: DraftSave, problem: WriteError?) {
        if let problem {
            saveProblem = "The draft could not be saved: \(problem.description)"
            return
        }
        draftPath = save.path
        lastSaved = save.content
        saveProblem = nil
    }

    /// Saves the draft now if anything changed since the last save (plain mode).
    public mutating func autosave() {
        guard let save = pendingDraft() else { return }
        do throws(WriteError) {
            try save.write()
            draftSaved(save, problem: nil)
        } catch {
            draftSaved(save, problem: error)
        }
    }

    // MARK: - The outcome

    /// The filled form for the current (complete) answers, stamped with the time now.
    public func filledForm() -> FilledDMF? {
        guard let decision = wizard.decision else { return nil }
        return DMFBuilder.build(
            wizard.answers, decision: decision, context: .init(producedAt: clock.timestamp, training: training))
    }

    /// Saving `form` in `formats` into `folder`, as a job that can run anywhere (the full-screen
    /// app's worker). With a register (never in training) the outcome is recorded too.
    public func outcomeSave(
        _ form: FilledDMF, formats: [OutputFormat], folder: String, register: RegisterSetting?
    ) -> OutcomeSave {
        OutcomeSave(
            answers: wizard.answers, form: form, formats: formats, folder: folder,
            register: training ? nil : register, training: training, clock: clock, printer: printer)
    }

    /// The outcome is saved: the draft is no longer needed. Returns the draft file to remove.
    public mutating func outcomeSaved() -> (store: DraftStore, path: String)? {
        defer { draftPath = nil }
        guard let drafts, let draftPath else { return nil }
        return (drafts, draftPath)
    }

    /// Saves `form` at once (plain mode), then removes the draft; see `OutcomeSave.run`.
    public mutating func saveOutcome(
        _ form: FilledDMF, formats: [OutputFormat], folder: String, register: RegisterSetting? = nil
    ) throws(WriteError) -> SavedOutcome {
        let saved = try outcomeSave(form, formats: formats, folder: folder, register: register).run()
        if let draft = outcomeSaved() { draft.store.delete(draft.path) }
        return saved
    }

    /// Saves the form for the current answers at once (tests, and callers without a form shown).
    public mutating func saveOutcome(
        formats: [OutputFormat], folder: String, register: RegisterSetting? = nil
    ) throws(WriteError) -> SavedOutcome {
        guard let form = filledForm() else { throw .incompleteAnswers }
        return try saveOutcome(form, formats: formats, folder: folder, register: register)
    }
}

/// Text typed into a step's field, not yet given as its answer.
public struct TypedText: Sendable, Equatable {
    /// The step it was typed at, as the draft names it (`Y1`, `P2:1`).
    public var step: String
    public var text: String
}

/// One save of a draft: the file, and what goes in it.
public struct DraftSave: Sendable, Equatable {
    /// What a draft holds: the answers, where to resume, the text typed there and not yet
    /// given as its answer, and the formats chosen for saving.
    public struct Content: Sendable, Equatable {
        public var answers: Answers
        public var step: String
        public var pending: String?
        public var formats: [OutputFormat]?
    }

    public var store: DraftStore
    public var path: String
    public var content: Content

    public func write() throws(WriteError) {
        try store.save(
            content.answers, step: content.step, pending: content.pending, formats: content.formats, to: path)
    }

    public static func == (lhs: DraftSave, rhs: DraftSave) -> Bool {
        lhs.store.folder == rhs.store.folder && lhs.path == rhs.path && lhs.content == rhs.content
    }
}

extension OutputFormat {
    /// The formats a draft remembers, by name, those this version knows; nil when none is one
    /// (the save screen then ticks its defaults).
    static func remembered(_ names: [String]) -> [OutputFormat]? {
        let formats = SaveScreen.formatsOrder.filter { format in names.contains { OutputFormat(name: $0) == format } }
        return formats.isEmpty ? nil : formats
    }
}
