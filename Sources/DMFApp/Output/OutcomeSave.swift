import DMFAnswers
import DMFDocuments
import DMFPolicy
import DMFRegisterStores
import DMFSignatures
import Foundation

/// What saving the outcome wrote, and what the register said.
public struct SavedOutcome: Equatable, Sendable {
    public var paths: [String]
    /// The form's reference: the register's choice when it was recorded.
    public var reference: String
    /// "Recorded in the register as …", or why it was not (nil when no register was asked).
    public var registerNote: String?
    /// False when a register was asked and could not record it: the files are saved all the same.
    public var recorded: Bool
    /// Whether the record is signed, and why not, with the key that signs what comes next (nil
    /// when nothing was recorded, or nobody asked).
    public var signingNote: String? = nil
}

/// How far a save has got, for the screen to say while it waits.
public enum SavingStage: Sendable, Equatable {
    case reference
    case printing
    case writing
    case recording

    /// "Saving… printing the PDF".
    public var words: String {
        switch self {
        case .reference: "Saving… asking the register for a reference"
        case .printing: "Saving… printing the PDF"
        case .writing: "Saving… writing the files"
        case .recording: "Saving… recording it in the register"
        }
    }
}

/// Saving a finished assessment, as a value that can be handed to another thread: the form in
/// each chosen format (a PDF printed by the browser), the answers beside them (outside
/// training), never replacing an existing file, into a folder made (0700) if it is not there;
/// with a register, the register picks the
/// reference first and records the files' digests, and if it cannot be used the files are
/// written all the same and the note says how to record them.
public struct OutcomeSave: Sendable {
    public var answers: Answers
    public var form: FilledDMF
    public var formats: [OutputFormat]
    public var folder: String
    /// Nil in training, and when no register is set up.
    public var register: RegisterSetting?
    public var training: Bool
    public var clock: WallClock
    public var printer: @Sendable () -> (any FormPrinter)?
    /// The person's key, for what the save says about signing (nil: it says nothing).
    public var signing: Signing?

    /// The first thing it will be seen doing.
    public var firstStage: SavingStage {
        register != nil ? .reference : formats.contains(.pdf) ? .printing : .writing
    }

    /// Saves it. `cancellation` stops it until the files are written (a PDF being printed is
    /// stopped at once); once they are written the save finishes, so it is never half done.
    /// `progress` hears each stage as it begins.
    public func run(
        cancellation: Cancellation = Cancellation(), progress: (SavingStage) -> Void = { _ in }
    ) throws(WriteError) -> SavedOutcome {
        // As `fill --output-dir` does, and before anything is printed.
        try SafeFile.createFolder(folder)
        guard let register else {
            let written = try files(form, cancellation: cancellation, progress: progress)
            progress(.writing)
            try SafeFile.writeAll(written, overwrite: false)
            return SavedOutcome(
                paths: written.map(\.path), reference: form.reference, registerNote: nil, recorded: true)
        }
        progress(.reference)
        let saved = try OutcomeRecorder.save(
            answers, form: form, in: register, clock: clock,
            answersFile: { paths in paths.first { $0.hasSuffix(".answers.yaml") } ?? "ANSWERS" },
            write: { chosen throws(WriteError) in
                let chosenFiles = try files(chosen, cancellation: cancellation, progress: progress)
                progress(.writing)
                try SafeFile.writeAll(chosenFiles, overwrite: false)
                progress(.recording)
                return chosenFiles
            })
        let paths = saved.files.map(\.path)
        switch saved.recorded {
        case .success(let outcome):
            return SavedOutcome(
                paths: paths + [outcome.request].compactMap { $0 }, reference: saved.form.reference,
                registerNote: outcome.recordedLine, recorded: true, signingNote: signing.map(Self.signingNote))
        case .failure(let notRecorded):
            let note = """
                Not recorded in the register: \(notRecorded.error.description). The files are saved; to record \
                them later, run: \(notRecorded.laterCommand)
                """
            return SavedOutcome(paths: paths, reference: saved.form.reference, registerNote: note, recorded: false)
        }
    }

    /// What the saved screen says about signing. Recording an assessment is never signed: what
    /// is signed is what people decide and do with it (the IAO's decision, the files sealed and
    /// their receipt); so it says so, and which key will sign those, or why none will.
    static func signingNote(_ signing: Signing) -> String {
        let never =
            "The record is not signed (an assessment never is; the IAO's decision, sealed files and receipts are)."
        do throws(SigningError) {
            guard let key = try signing.publicKey() else {
                return never + " No signing key is set up for what you seal: see `dmf-wizard keys`."
            }
            return never + " Your key \((try? key.fingerprint()) ?? key.type) will sign what you seal."
        } catch {
            return never + " Your signing key cannot be used: \(error.description) (see `dmf-wizard keys`)."
        }
    }

    /// The files for `form`, named after its reference with a suffix if any is taken; a stop
    /// asked for meanwhile is honoured before anything is written.
    private func files(
        _ form: FilledDMF, cancellation: Cancellation, progress: (SavingStage) -> Void
    ) throws(WriteError) -> [(path: String, bytes: [UInt8])] {
        if formats.contains(.pdf) { progress(.printing) }
        let base = (folder as NSString).appendingPathComponent(form.reference)
        var suffix = ""
        var attempt = 1
        let extensions = formats.map(\.fileExtension) + (training ? [] : ["answers.yaml"])
        while extensions.contains(where: { SafeFile.exists("\(base)\(suffix).\($0)") }) {
            attempt += 1
            suffix = "-\(attempt)"
        }
        var files = try FormFiles.contents(
            form, formats: formats, base: base + suffix, printer: printer, cancellation: cancellation)
        if !training { files.append(("\(base)\(suffix).answers.yaml", Array(AnswersWriter.yaml(answers).utf8))) }
        guard !cancellation.isCancelled else { throw .cancelled }
        return files
    }
}
