import DMFAnswers
import DMFDocuments
import DMFPolicy
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

    public init(answersPath: String) { self.answersPath = answersPath }

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
        if let problem = ProductionClock.sourceDateEpochProblem() {
            stderr("dmf-wizard: \(problem)\n")
            return 2
        }
        let dmf: FilledDMF
        do {
            let document = try AnswersParser.load(path: answersPath, mode: .complete)
            let producedAt = ProductionClock.iso8601(ProductionClock.now())
            dmf = try DMFBuilder.build(document.answers, context: .init(producedAt: producedAt))
        } catch let error as AnswersFileError {
            stderr("dmf-wizard: the answers file cannot be used:\n\(error.description)\n")
            return 1
        } catch {
            // Unreachable in practice: the parser already requires every answer the engine needs.
            stderr("dmf-wizard: \(answersPath): the answers are incomplete: \(error)\n")
            return 1
        }
        do {
            if let folder = outputFolder {
                try SafeFile.createFolder(folder)
                // Every format; PDF too when a browser can print it, else a note says why not.
                let browser = printer()
                let formats = browser == nil ? OutputFormat.textFormats : OutputFormat.allCases
                let base = (folder as NSString).appendingPathComponent(dmf.reference)
                let files = try FormFiles.contents(dmf, formats: formats, base: base, printer: { browser })
                try SafeFile.writeAll(files, overwrite: force)
                stdout("\(dmf.verdictLine)\nWrote:\n" + files.map { "  \($0.path)\n" }.joined())
                if browser == nil { stdout("No PDF: \(PrintError.noBrowser.description)\n") }
            } else if let path = outputPath {
                let bytes = try FormFiles.bytes(dmf, format: format, printer: printer)
                try SafeFile.writeAll([(path, bytes)], overwrite: force)
                stdout("\(dmf.verdictLine)\nWrote: \(path)\n")
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
}
