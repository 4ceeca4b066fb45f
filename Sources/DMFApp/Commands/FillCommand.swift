import DMFAnswers
import DMFDocuments
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation

/// `dmf-wizard fill`: answers file in, verdict, findings, checklist and filled DMF out.
public struct FillCommand {
    public var answersPath: String
    public var format: OutputFormat = .markdown
    public var outputPath: String?
    public var outputFolder: String?
    public var force = false
    public var verdictExitStatus = false
    /// Finds the browser that prints PDF; asked only when a PDF is wanted.
    public var printer: () -> PDFPrinter? = { PDFPrinter.find() }
    /// Whether standard output is a terminal, where a PDF's bytes must not be poured out.
    public var stdoutIsTerminal: () -> Bool = { isatty(STDOUT_FILENO) == 1 }
    /// The time stamped on the form.
    public var clock: WallClock
    /// `--record`: the register to record the assessment in, with the digests of the files written.
    public var register: RegisterSetting?

    /// Exit status when the documents were written but the register could not record them.
    public static let notRecordedStatus: Int32 = 6

    public init(answersPath: String, clock: WallClock) {
        self.answersPath = answersPath
        self.clock = clock
    }

    /// Exit status for `--verdict-exit`: 0 proceed, 3 conditions, 4 refer, 5 blocked
    /// (1 and 2 stay "invalid answers" and "bad usage").
    public static func exitStatus(for verdict: Verdict) -> Int32 {
        switch verdict {
        case .proceed: 0
        case .conditions: 3
        case .refer: 4
        case .blocked: 5
        }
    }

    /// Runs the command, printing to the given streams (`Console` in the program, which cleans
    /// every line: messages quote the answers file and paths as given); returns the exit status.
    public func run(
        stdout: (String) -> Void = Console.out, stderr: (String) -> Void = Console.errorText,
        stdoutBytes: ([UInt8]) -> Void = Console.outBytes
    ) -> Int32 {
        if let problem = clock.sourceDateEpochProblem {
            stderr("dmf-wizard: \(problem)\n")
            return 2
        }
        if register != nil && outputFolder == nil && outputPath == nil {
            stderr("dmf-wizard: --record needs --output or --output-dir: the register keeps the files' digests\n")
            return 2
        }
        let dmf: FilledDMF
        let answers: Answers
        do {
            answers = try AnswersParser.load(path: answersPath, mode: .complete).answers
            dmf = try DMFBuilder.build(answers, context: .init(producedAt: clock.timestamp))
        } catch let error as AnswersFileError {
            stderr("dmf-wizard: the answers file cannot be used:\n\(error.description)\n")
            return 1
        } catch {
            // Unreachable in practice: the parser already requires every answer the engine needs.
            stderr("dmf-wizard: \(answersPath): the answers are incomplete: \(error)\n")
            return 1
        }
        if let register {
            return record(answers, dmf, in: register, stdout: stdout, stderr: stderr)
        }
        do {
            if outputFolder != nil || outputPath != nil {
                try report(write(dmf), dmf, stdout: stdout)
            } else if format.isPrinted {
                guard !stdoutIsTerminal() else {
                    stderr(
                        """
                        dmf-wizard: a PDF is not for the terminal: give --output FILE.pdf, or redirect the output \
                        to a file\n
                        """
                    )
                    return 2
                }
                stdoutBytes(try FormFiles.bytes(dmf, format: format, printer: printer))
            } else {
                stdout(format.render(dmf))
            }
        } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        }
        return verdictExitStatus ? Self.exitStatus(for: dmf.verdict) : 0
    }

    /// Writes the form to `--output` or into `--output-dir`; returns the files written.
    private func write(_ dmf: FilledDMF) throws(WriteError) -> [(path: String, bytes: [UInt8])] {
        let files: [(path: String, bytes: [UInt8])]
        if let folder = outputFolder {
            try SafeFile.createFolder(folder)
            // Every format; PDF too when a browser can print it, else a note says why not.
            let browser = printer()
            let formats = browser == nil ? OutputFormat.textFormats : OutputFormat.allCases
            let base = (folder as NSString).appendingPathComponent(dmf.reference)
            files = try FormFiles.contents(dmf, formats: formats, base: base, printer: { browser })
        } else {
            files = [(outputPath ?? "", try FormFiles.bytes(dmf, format: format, printer: printer))]
        }
        try SafeFile.writeAll(files, overwrite: force)
        return files
    }

    private func report(_ files: [(path: String, bytes: [UInt8])], _ dmf: FilledDMF, stdout: (String) -> Void) {
        if outputFolder == nil, let file = files.first {
            stdout("\(dmf.verdictLine)\nWrote: \(file.path)\n")
        } else {
            stdout("\(dmf.verdictLine)\nWrote:\n" + files.map { "  \($0.path)\n" }.joined())
        }
        if outputFolder != nil, !files.contains(where: { $0.path.hasSuffix(".pdf") }) {
            stdout("No PDF: \(PrintError.noBrowser.description)\n")
        }
    }

    /// `--record`: the register picks the reference, the files are written under it, and the
    /// entry keeps their digests. If the register cannot be used the files are written all the
    /// same, and the message says how to record them later.
    private func record(
        _ answers: Answers, _ dmf: FilledDMF, in setting: RegisterSetting, stdout: (String) -> Void,
        stderr: (String) -> Void
    ) -> Int32 {
        let saved: OutcomeRecorder.Saved
        do {
            saved = try OutcomeRecorder.save(
                answers, form: dmf, in: setting, clock: clock, answersFile: { _ in answersPath }, write: write)
        } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        }
        report(saved.files, saved.form, stdout: stdout)
        switch saved.recorded {
        case .success(let outcome):
            stdout(outcome.message + "\n")
            return verdictExitStatus ? Self.exitStatus(for: dmf.verdict) : 0
        case .failure(let notRecorded):
            stderr(
                """
                dmf-wizard: not recorded in the register: \(notRecorded.error.description)
                The documents are saved. To record them later: \(notRecorded.laterCommand)\n
                """)
            return Self.notRecordedStatus
        }
    }
}
