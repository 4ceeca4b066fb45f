import DMFAnswers
import DMFDocuments
import DMFPolicy
import DMFRegisterStores
import Foundation

/// What saving the outcome wrote, and what the register said.
public struct SavedOutcome: Equatable, Sendable {
    public var paths: [String]
    /// "Recorded in the register as …", or why it was not (nil when no register was asked).
    public var registerNote: String?
    /// False when a register was asked and could not record it: the files are saved all the same.
    public var recorded: Bool
}

/// Saving a finished assessment, as a value that can be handed to another thread: the form in
/// each chosen format (a PDF printed by the browser), the answers beside them (outside
/// training), never replacing an existing file; with a register, the register picks the
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

    /// Saves it. `cancellation` stops it until the files are written (a PDF being printed is
    /// stopped at once); once they are written the save finishes, so it is never half done.
    public func run(cancellation: Cancellation = Cancellation()) throws(WriteError) -> SavedOutcome {
        guard let register else {
            let written = try files(form, cancellation: cancellation)
            try SafeFile.writeAll(written, overwrite: false)
            return SavedOutcome(paths: written.map(\.path), registerNote: nil, recorded: true)
        }
        let saved = try OutcomeRecorder.save(
            answers, form: form, in: register, clock: clock,
            answersFile: { paths in paths.first { $0.hasSuffix(".answers.yaml") } ?? "ANSWERS" },
            write: { chosen throws(WriteError) in
                let chosenFiles = try files(chosen, cancellation: cancellation)
                try SafeFile.writeAll(chosenFiles, overwrite: false)
                return chosenFiles
            })
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

    /// The files for `form`, named after its reference with a suffix if any is taken; a stop
    /// asked for meanwhile is honoured before anything is written.
    private func files(
        _ form: FilledDMF, cancellation: Cancellation
    ) throws(WriteError) -> [(path: String, bytes: [UInt8])] {
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
