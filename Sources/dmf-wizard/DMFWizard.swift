import ArgumentParser
import DMFApp
import DMFDocuments
import DMFFlow
import DMFRegisterStores
import Foundation

extension OutputFormat: ExpressibleByArgument {}
extension RuleBook.Format: ExpressibleByArgument {}
extension FlowMap.Format: ExpressibleByArgument {}
extension DecisionTable.Format: ExpressibleByArgument {}

/// Argument parsing and wiring only (`Production` chooses the terminal and the clock);
/// everything testable lives in DMFApp.
@main
struct DMFWizard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmf-wizard",
        abstract: "Decide whether and how MOJ information may be moved or shared, and fill in the Data Movement Form.",
        version: AppInfo.versionLine,
        subcommands: [
            Interactive.self, Resume.self, Fill.self, Train.self, FlowCommand.self, TableCommand.self,
            RulesCommand.self, RegisterGroup.self, SealFiles.self, VerifyFiles.self, VerifyReceipt.self, KeysInfo.self,
        ],
        defaultSubcommand: Interactive.self)

    /// Exit 1 for bad answers (printed by the command), 2 for bad usage, as the contract says;
    /// 1 too when the output could not be written (`Console.exitStatus`).
    static func main() {
        Console.ignoreBrokenPipes()
        // The bare command opens the wizard straight away: argument parsing reflects over every
        // command's options, which costs milliseconds before the first screen.
        if CommandLine.arguments.count == 1 {
            Foundation.exit(Console.exitStatus(Production.launcher().run()))
        }
        // `--version` alone is answered here too, as ArgumentParser would answer it: parsing
        // first looks up, by reflection, the options of every command (three times the
        // instructions of the whole answer; DECISIONS.md, "Where the first screen's time goes").
        if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "--version" {
            Console.out(AppInfo.versionLine + "\n")
            Foundation.exit(Console.exitStatus(0))
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // ArgumentParser's messages quote what was typed (an unknown --format value), so
            // they are printed through Console like every other line.
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let isError = status != .success
                (isError ? Console.errorText : Console.out)(message + "\n")
            }
            Foundation.exit(Console.exitStatus(status == .validationFailure ? 2 : status.rawValue))
        }
        Foundation.exit(Console.exitStatus(0))
    }

}

/// Options shared by the commands that open the wizard.
struct WizardOptions: ParsableArguments {
    @Flag(help: "Plain, line-by-line questions for screen readers, braille displays and piped input.")
    var plain = false

    @Flag(help: "Helpdesk mode: record the caller and the agent; read-aloud wording on every question.")
    var helpdesk = false

    @Flag(help: "High-contrast look for a projector: no colour, bold and reverse only.")
    var projector = false

    @Option(
        help:
            """
            Rebuild the choices from a resume code read out by a caller (e.g. \(ResumeCode.example)); only the free-text \
            questions are asked.
            """
    )
    var code: String?

    @Option(
        name: .customLong("register"),
        help: """
            Record saved outcomes in this register (a PostgreSQL connection string such as \
            postgres://HOST/DB or service=NAME, or a SQLite file). Default: $DMF_REGISTER_URL, else \
            $XDG_DATA_HOME/dmf-wizard/register.sqlite.
            """
    )
    var registerLocation: String?

    /// The key that signs decisions made on the register screen.
    @OptionGroup var signing: SigningOptions

    func launcher() -> Launcher {
        var launcher = Production.launcher()
        if let registerLocation {
            launcher.register = Production.registerSetting(option: registerLocation)
        }
        launcher.signing = signing.signing
        launcher.plain = plain
        launcher.helpdesk = helpdesk
        launcher.projector = projector
        launcher.resumeCode = code
        return launcher
    }
}

struct Interactive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "Answer the questions step by step (the default).")

    @OptionGroup var options: WizardOptions

    func run() throws {
        try finish(options.launcher().run())
    }
}

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a saved draft at the step where it stopped (the newest draft if none is named).")

    @Argument(help: "A draft file, or its name in the drafts folder.")
    var draft: String?

    @Flag(help: "List the saved drafts (requester, route, description, step) instead of resuming.")
    var list = false

    @Option(help: "Delete the named draft from the drafts folder instead of resuming.")
    var delete: String?

    @OptionGroup var options: WizardOptions

    func run() throws {
        var launcher = options.launcher()
        if list {
            let drafts = launcher.drafts.list()
            if drafts.isEmpty { Console.out("No saved drafts in \(launcher.drafts.folder).\n") }
            for draft in drafts { Console.out(draft.listing + "\n") }
            return
        }
        if let delete {
            do {
                Console.out("Deleted \(try launcher.drafts.deleteDraft(named: delete))\n")
            } catch {
                Console.error(error.description)
                throw ExitCode(1)
            }
            return
        }
        guard let path = launcher.drafts.resolve(draft) else {
            let what =
                draft.map { "no draft called \($0) in \(launcher.drafts.folder)" }
                ?? "no drafts in \(launcher.drafts.folder)"
            Console.error(what)
            throw ExitCode(1)
        }
        launcher.resumePath = path
        try finish(launcher.run())
    }
}

struct Fill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "Decide from an answers file and print (or write) the verdict, checklist and filled DMF.",
        discussion: """
            Exit status: 0 when a result was produced (whatever the verdict), 1 when the answers \
            file cannot be used (each problem is printed with its key and line) or the output cannot \
            be written, 2 for bad usage. With --verdict-exit: 0 proceed, 3 conditions, 4 refer, 5 blocked.
            """)

    @Argument(help: "The answers file (YAML or JSON).")
    var answers: String

    @Option(
        name: .shortAndLong,
        help: """
            Output format: markdown, text, html, json or pdf (pdf is the HTML printed by Chromium). \
            Default: the --output file's extension (.md, .txt, .html, .json, .pdf), else markdown.
            """)
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: "Write to this file instead of printing.")
    var output: String?

    @Option(
        name: .customLong("output-dir"),
        help: "Write every format into this folder, named after the DMF reference (PDF when Chromium is installed).")
    var outputDir: String?

    @Flag(help: "Replace files that already exist.")
    var force = false

    @Flag(
        name: .customLong("verdict-exit"), help: "Exit with the verdict: 0 proceed, 3 conditions, 4 refer, 5 blocked.")
    var verdictExit = false

    @Flag(
        help: """
            Record the assessment in the register, with the SHA-256 of each file written (needs --output or \
            --output-dir). Exit 6 when the files were written but the register could not be used.
            """)
    var record = false

    @OptionGroup var register: RegisterOptions

    func validate() throws {
        if output != nil, outputDir != nil { throw ValidationError("Use --output or --output-dir, not both.") }
        if record, output == nil, outputDir == nil {
            throw ValidationError("--record needs --output or --output-dir: the register keeps the files' digests.")
        }
    }

    func run() throws {
        var command = FillCommand(answersPath: answers, clock: Production.clock)
        command.format = format ?? output.flatMap(OutputFormat.init(fileName:)) ?? .markdown
        command.outputPath = output
        command.outputFolder = outputDir
        command.force = force
        command.verdictExitStatus = verdictExit
        if record { command.register = register.setting }
        try finish(command.run())
    }
}

struct FlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: "Print the flow map: every question and outcome, with the conditions between them.")

    @Option(name: .shortAndLong, help: "text, dot (Graphviz) or mermaid.")
    var format: FlowMap.Format = .text

    func run() throws { Console.out(FlowMap().render(format)) }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Print the rule book: every rule with its guidance quotation, when it fires, who acts and its words.")

    @Option(name: .shortAndLong, help: "markdown or html.")
    var format: RuleBook.Format = .markdown

    func run() throws { Console.out(RuleBook().render(format)) }
}

struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print the decision table: the choice answers that change the outcome, with verdicts and findings.")

    @Option(name: .shortAndLong, help: "csv or markdown.")
    var format: DecisionTable.Format = .markdown

    func run() throws { Console.out(DecisionTable().render(format)) }
}

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Training: work prepared cases, predict the outcome, and compare (nothing is saved as a draft).")

    @Flag(help: "Print the training cases and exit.")
    var list = false

    @Flag(help: "High-contrast look for a projector.")
    var projector = false

    @Flag(help: "Plain, line-by-line training for screen readers and terminals without full-screen support.")
    var plain = false

    func run() throws {
        if list {
            let library: (cases: [TrainingCase], problems: [String])
            do {
                library = try TrainingLibrary.standard()
            } catch {
                Console.error(error.description)
                throw ExitCode(1)
            }
            for item in library.cases { Console.out("\(item.id)  \(item.notes.title)\n") }
            for problem in library.problems { Console.error("skipped \(problem)") }
            return
        }
        var launcher = Production.launcher()
        launcher.projector = projector
        launcher.plain = plain
        try finish(launcher.runTraining())
    }
}

/// Every command ends the same way: a non-zero status leaves as the exit code.
func finish(_ status: Int32) throws { if status != 0 { throw ExitCode(status) } }
