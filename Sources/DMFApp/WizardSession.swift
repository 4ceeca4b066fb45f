import DMFAnswers
import DMFDocuments
import DMFFlow
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation

/// One run of the wizard, whichever front end draws it: the answers and position, saved as a
/// draft after every step, and the outcome written as files at the end.
public final class WizardSession {
    public var wizard: Wizard
    /// Finds the browser that prints PDF, asked only when a PDF is saved (tests give their own).
    public var printer: () -> PDFPrinter? = { PDFPrinter.find() }
    /// Nil in training: nothing from training is written to drafts or records.
    public let drafts: DraftStore?
    public private(set) var draftPath: String?
    public let training: Bool
    /// The time stamped on the form, and the day the delete-by date is checked against.
    public let clock: WallClock
    /// Set when the last autosave failed, so the screen can say so (work is never silently unsaved).
    public private(set) var saveProblem: String?
    private var lastSaved: (Answers, String)?

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

    /// A session continuing the draft or answers file at `path`, at its saved step. A draft keeps
    /// being saved to its own file; an answers file opened to start from gets a new draft.
    public static func resuming(
        _ path: String, asDraft: Bool, drafts: DraftStore, helpdesk: Bool, clock: WallClock
    ) throws(AnswersFileError) -> WizardSession {
        let document = try drafts.load(path)
        let flow = Flow(helpdesk: helpdesk || document.answers.helpdesk != nil)
        let wizard = Wizard(flow: flow, answers: document.answers, resumeAt: document.resumeStep)
        return WizardSession(wizard: wizard, drafts: drafts, draftPath: asDraft ? path : nil, clock: clock)
    }

    /// Saves the draft if anything changed since the last save.
    public func autosave() {
        guard let drafts else { return }
        let state = (wizard.answers, wizard.resumeStep)
        if let last = lastSaved, last.0 == state.0, last.1 == state.1 { return }
        guard state.0 != Answers() || draftPath != nil else { return }
        let path = draftPath ?? drafts.newDraftPath()
        do {
            try drafts.save(state.0, step: state.1, to: path)
            draftPath = path
            lastSaved = state
            saveProblem = nil
        } catch {
            saveProblem = "The draft could not be saved: \(error.description)"
        }
    }

    /// The filled form for the current (complete) answers.
    public func filledForm() -> FilledDMF? {
        guard let decision = wizard.decision else { return nil }
        return DMFBuilder.build(
            wizard.answers, decision: decision, context: .init(producedAt: clock.timestamp, training: training))
    }

    /// What saving the outcome wrote, and what the register said.
    public struct SavedOutcome: Equatable, Sendable {
        public var paths: [String]
        /// "Recorded in the register as …", or why it was not (nil when no register was asked).
        public var registerNote: String?
        /// False when a register was asked and could not record it: the files are saved all the same.
        public var recorded: Bool
    }

    /// Writes the form in each format into `folder`, never replacing an existing file, plus the
    /// answers (outside training); then the draft is no longer needed. With a register (never in
    /// training) the register picks the reference first and records the files' digests; if it
    /// cannot be used, the files are written all the same and the note says how to record them.
    public func saveOutcome(
        formats: [OutputFormat], folder: String, register: RegisterSetting? = nil
    ) throws(WriteError) -> SavedOutcome {
        guard let form = filledForm() else { throw .incompleteAnswers }
        guard let register, !training else {
            return SavedOutcome(
                paths: try write(form, formats: formats, folder: folder), registerNote: nil, recorded: true)
        }
        let saved = try OutcomeRecorder.save(
            wizard.answers, form: form, in: register, clock: clock,
            answersFile: { paths in paths.first { $0.hasSuffix(".answers.yaml") } ?? "ANSWERS" },
            write: { chosen throws(WriteError) in
                let chosenFiles = try files(chosen, formats: formats, folder: folder)
                try SafeFile.writeAll(chosenFiles, overwrite: false)
                return chosenFiles
            })
        finishDraft()
        let paths = saved.files.map(\.path)
        switch saved.recorded {
        case .success(let outcome):
            return SavedOutcome(paths: paths, registerNote: outcome.message, recorded: true)
        case .failure(let notRecorded):
            let note = """
                Not recorded in the register: \(notRecorded.error.description). The files are saved; to record \
                them later, run: \(notRecorded.laterCommand)
                """
            return SavedOutcome(paths: paths, registerNote: note, recorded: false)
        }
    }

    private func write(_ form: FilledDMF, formats: [OutputFormat], folder: String) throws(WriteError) -> [String] {
        let written = try files(form, formats: formats, folder: folder)
        try SafeFile.writeAll(written, overwrite: false)
        finishDraft()
        return written.map(\.path)
    }

    /// The files for `form`, named after its reference with a suffix if any is taken.
    private func files(
        _ form: FilledDMF, formats: [OutputFormat], folder: String
    ) throws(WriteError) -> [(path: String, bytes: [UInt8])] {
        let base = (folder as NSString).appendingPathComponent(form.reference)
        var suffix = ""
        var attempt = 1
        let extensions = formats.map(\.fileExtension) + (training ? [] : ["answers.yaml"])
        while extensions.contains(where: { SafeFile.exists("\(base)\(suffix).\($0)") }) {
            attempt += 1
            suffix = "-\(attempt)"
        }
        var files = try FormFiles.contents(form, formats: formats, base: base + suffix, printer: printer)
        if !training { files.append(("\(base)\(suffix).answers.yaml", Array(AnswersWriter.yaml(wizard.answers).utf8))) }
        return files
    }

    /// Once the outcome is saved the draft is no longer needed.
    private func finishDraft() {
        guard !training else { return }
        if let draftPath { drafts?.delete(draftPath) }
        draftPath = nil
    }
}
