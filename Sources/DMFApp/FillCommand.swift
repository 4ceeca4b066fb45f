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
    public func run(stdout: (String) -> Void = Console.out, stderr: (String) -> Void = Console.errorText) -> Int32 {
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
                let files = OutputFormat.allCases.map {
                    ((folder as NSString).appendingPathComponent("\(dmf.reference).\($0.fileExtension)"), $0.render(dmf))
                }
                try SafeFile.writeAll(files, overwrite: force)
                stdout("\(dmf.verdictLine)\nWrote:\n" + files.map { "  \($0.0)\n" }.joined())
            } else if let path = outputPath {
                try SafeFile.write(format.render(dmf), to: path, overwrite: force)
                stdout("\(dmf.verdictLine)\nWrote: \(path)\n")
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
