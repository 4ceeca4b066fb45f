import DMFAnswers
import DMFRegister
import DMFRegisterStores

/// Work the full-screen app asks for, as a value: `AppModel.update` returns commands and the
/// runner (`CommandRunner`) carries them out, then hands each one's `Reply` back to the model.
/// Quick local work (a draft, the drafts list, a score sheet) is done between keys, as before;
/// anything that waits on another program or a server (printing a PDF, saving the outcome, the
/// register) runs on the worker thread, so the screen keeps answering keys meanwhile.
enum Command: Sendable {
    /// Save the session's draft: after a step, or on Ctrl-S (`announce`: say so on the screen).
    case saveDraft(DraftSave, announce: Bool)
    /// Remove the draft of an outcome just saved.
    case removeDraft(DraftStore, path: String)
    case listDrafts(DraftStore)
    /// Open a draft (saved back to) or an answers file (a new draft starts from it).
    case open(path: String, asDraft: Bool, drafts: DraftStore, helpdesk: Bool, clock: WallClock)
    case deleteDraft(DraftStore, path: String)
    case saveScoreSheet(ScoreSheet, folder: String)
    /// What the register has due, for the start screen.
    case lookUpDue(RegisterSetting, today: String, clock: WallClock)
    /// Print, write and record the outcome (see `OutcomeSave`).
    case saveOutcome(OutcomeSave)
    case register(RegisterSetting, RegisterRequest, clock: WallClock)
    /// The register screen was left: close the register it kept open.
    case closeRegister
    /// Stop the work in hand as far as it can be stopped (the PDF being printed).
    case cancel

    /// Whether it runs on the worker, off the key path.
    var isSlow: Bool {
        switch self {
        case .lookUpDue, .saveOutcome, .register, .closeRegister: true
        case .saveDraft, .removeDraft, .listDrafts, .open, .deleteDraft, .saveScoreSheet, .cancel: false
        }
    }
}

/// A request the register screen makes of the register.
enum RegisterRequest: Sendable {
    case list(ListQuery)
    case entry(reference: String)
    /// Record a change; `files` are the paths typed (sent or received files, digested first).
    case change(EventRequest, reference: String, files: [String], home: String?)
}

/// What a command reported back, handed to the model (and through it to the screen on show).
enum Reply: Sendable {
    case draftSaved(DraftSave, problem: WriteError?, announce: Bool)
    case draftsListed([DraftSummary])
    case opened(Result<WizardSession, AnswersFileError>)
    case draftDeleted(Result<[DraftSummary], DraftError>)
    case scoreSheetSaved(Result<[String], WriteError>)
    case due(String?)
    /// Saving has reached this stage (the screen says so, with the time so far).
    case saving(SavingStage)
    case outcomeSaved(Result<SavedOutcome, WriteError>)
    case register(RegisterReply)
}

/// The register's answer to a `RegisterRequest`.
enum RegisterReply: Sendable {
    case listed(Result<EntryList, RegisterError>)
    case entry(Result<EntryHistory, RegisterError>)
    /// The entry after the change, and the event recorded; or why not, in words.
    case changed(Result<RecordedChange, ChangeRefused>)
}

struct RecordedChange: Sendable {
    var history: EntryHistory
    var event: RegisterEvent
}

/// Why a change was not recorded, in words: a file that could not be read, a date, the register.
struct ChangeRefused: Error, Sendable {
    var text: String
}
