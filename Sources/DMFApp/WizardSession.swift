import DMFAnswers
import DMFDocuments
import DMFFlow
import DMFPolicy
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
    /// Set when the last autosave failed, so the screen can say so (work is never silently unsaved).
    public private(set) var saveProblem: String?
    private var lastSaved: (Answers, String)?

    public init(wizard: Wizard, drafts: DraftStore?, draftPath: String? = nil, training: Bool = false) {
        var wizard = wizard
        if wizard.today == nil { wizard.today = ProductionClock.today() }
        self.wizard = wizard
        self.drafts = training ? nil : drafts
        self.draftPath = draftPath
        self.training = training
    }

    /// A session continuing the draft or answers file at `path`, at its saved step. A draft keeps
    /// being saved to its own file; an answers file opened to start from gets a new draft.
    public static func resuming(
        _ path: String, asDraft: Bool, drafts: DraftStore, helpdesk: Bool
    ) throws(AnswersFileError) -> WizardSession {
        let document = try drafts.load(path)
        let flow = Flow(helpdesk: helpdesk || document.answers.helpdesk != nil)
        let wizard = Wizard(flow: flow, answers: document.answers, resumeAt: document.resumeStep)
        return WizardSession(wizard: wizard, drafts: drafts, draftPath: asDraft ? path : nil)
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
    public func filledForm(now: Date = ProductionClock.now()) -> FilledDMF? {
        guard let decision = wizard.decision else { return nil }
        return DMFBuilder.build(
            wizard.answers, decision: decision,
            context: .init(producedAt: ProductionClock.iso8601(now), training: training))
    }

    /// Writes the form in each format into `folder`, never replacing an existing file, plus the
    /// answers (outside training); then the draft is no longer needed.
    /// - Returns: the paths written.
    public func saveOutcome(formats: [OutputFormat], folder: String) throws(WriteError) -> [String] {
        guard let form = filledForm() else { throw .incompleteAnswers }
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
        try SafeFile.writeAll(files, overwrite: false)
        if !training {
            if let draftPath { drafts?.delete(draftPath) }
            draftPath = nil
        }
        return files.map(\.0)
    }
}
