import DMFAnswers
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import DMFSignatures

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
    /// Sign a decision with a key that must ask the person (its passphrase, a security key's
    /// touch): ssh-keygen gets the terminal, outside full-screen mode (`needsTerminal`).
    case signAtTerminal(PendingDecision, Signing)

    /// Whether it runs on the worker, off the key path.
    var isSlow: Bool {
        switch self {
        case .lookUpDue, .saveOutcome, .register, .closeRegister: true
        case .saveDraft, .removeDraft, .listDrafts, .open, .deleteDraft, .saveScoreSheet, .cancel, .signAtTerminal:
            false
        }
    }

    /// Whether it needs the terminal itself: the loop runs it between leaving full-screen mode
    /// and taking the terminal back (`FullScreenApp.runAtTerminal`), with nothing else drawn or
    /// read meanwhile.
    var needsTerminal: Bool {
        if case .signAtTerminal = self { return true }
        return false
    }

    /// What the person reads on the terminal while a command that needs it runs.
    var terminalNotice: String {
        guard case .signAtTerminal(let pending, let signing) = self else { return "" }
        let action = pending.statement.kind == .authorised ? "authorisation" : "refusal"
        let key = signing.keyPath.map { " (\(Sanitizer.visible($0)))" } ?? ""
        return """
            Signing the \(action) of \(pending.reference) with your key \(pending.fingerprint)\(key).
            ssh-keygen may ask for the key's passphrase, or for a touch of your security key.
            (Ctrl-C stops it and leaves the wizard; nothing is recorded.)
            """
    }
}

/// A request the register screen makes of the register.
enum RegisterRequest: Sendable {
    case list(ListQuery)
    case entry(reference: String)
    /// Record a change; `files` are the paths typed (sent or received files, digested first).
    /// A decision is signed first with the key `signing` names, when one is set up.
    case change(EventRequest, reference: String, files: [String], home: String?, signing: Signing)
    /// Record a decision signed at the terminal.
    case record(PendingDecision, EventProof)
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
    /// What signing at the terminal came to.
    case signed(PendingDecision, Result<EventProof, SigningError>)
}

/// The register's answer to a `RegisterRequest`.
enum RegisterReply: Sendable {
    case listed(Result<EntryList, RegisterError>)
    case entry(Result<EntryView, RegisterError>)
    /// The entry after the change, and the event recorded; or why not, in words.
    case changed(Result<RecordedChange, ChangeRefused>)
    /// The decision's key must ask the person (a passphrase, a touch): it is signed at the
    /// terminal (`Command.signAtTerminal`), then recorded. Nothing is recorded yet.
    case needsPerson(PendingDecision)
}

/// An entry as the register screen shows it: its events, and what each one's signature shows to
/// this desk's allowed signers (worked out on the worker: checking a signature needs OpenSSL).
struct EntryView: Sendable, Equatable {
    var history: EntryHistory
    /// One for each event, in the events' order.
    var findings: [ProofFinding]

    init(_ history: EntryHistory, in register: Register) {
        self.history = history
        findings = history.events.map { register.finding(for: $0, entryDigest: history.entry.digest) }
    }

    init(history: EntryHistory, findings: [ProofFinding]) {
        self.history = history
        self.findings = findings
    }
}

struct RecordedChange: Sendable {
    var view: EntryView
    var event: RegisterEvent
}

/// Why a change was not recorded, in words: a file that could not be read, a date, the register.
struct ChangeRefused: Error, Sendable {
    var text: String
}
