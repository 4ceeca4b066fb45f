import ArgumentParser
import DMFApp
import DMFDocuments
import Foundation

extension OutputFormat: ExpressibleByArgument {}

/// Argument parsing and wiring only; everything testable lives in DMFApp.
@main
struct DMFWizard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmf-wizard",
        abstract: "Decide whether and how MOJ information may be moved or shared, and fill in the Data Movement Form.",
        version: "0.1.0",
        subcommands: [Fill.self])

    /// Exit 1 for bad answers (printed by the command), 2 for bad usage, as the contract says.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    func run() throws {
        print(Self.helpMessage())
    }
}

struct Fill: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide from an answers file and print (or write) the verdict, checklist and filled DMF.",
        discussion: """
            Exit status: 0 when a result was produced (whatever the verdict), 1 when the answers \
            file cannot be used (each problem is printed with its key and line), 2 for bad usage. \
            With --verdict-exit: 0 proceed, 3 conditions, 4 refer, 5 blocked.
            """)

    @Argument(help: "The answers file (YAML or JSON).")
    var answers: String

    @Option(name: .shortAndLong, help: "Output format: markdown, text, html or json.")
    var format: OutputFormat = .markdown

    @Option(name: .shortAndLong, help: "Write to this file instead of printing.")
    var output: String?

    @Option(name: .customLong("output-dir"), help: "Write every format into this folder, named after the DMF reference.")
    var outputDir: String?

    @Flag(help: "Replace files that already exist.")
    var force = false

    @Flag(name: .customLong("verdict-exit"), help: "Exit with the verdict: 0 proceed, 3 conditions, 4 refer, 5 blocked.")
    var verdictExit = false

    func validate() throws {
        if output != nil, outputDir != nil { throw ValidationError("Use --output or --output-dir, not both.") }
    }

    func run() throws {
        var command = FillCommand(answersPath: answers)
        command.format = format
        command.outputPath = output
        command.outputFolder = outputDir
        command.force = force
        command.verdictExitStatus = verdictExit
        let status = command.run(
            stdout: { FileHandle.standardOutput.write(Data($0.utf8)) },
            stderr: { FileHandle.standardError.write(Data($0.utf8)) })
        if status != 0 { throw ExitCode(status) }
    }
}
