import DMFAnswers
import DMFFlow
import DMFPolicy
import DMFRegisterStores
import Foundation
import TerminalUI

/// A terminal opened for the full-screen wizard. The `dmf-wizard` executable opens it (with
/// curses): DMFApp draws through `TerminalBackend` only and links no terminal library.
public struct OpenedTerminal {
    public let backend: TerminalBackend
    /// Restores the terminal, then ends the process as the signal would (the shell sees
    /// 128 + the signal).
    public let restoreAndReraise: (Int32) -> Never

    public init(backend: TerminalBackend, restoreAndReraise: @escaping (Int32) -> Never) {
        self.backend = backend
        self.restoreAndReraise = restoreAndReraise
    }
}

/// Opens the full-screen terminal, high-contrast for a projector when asked. Throws when there
/// is none to use (the wizard then says why and falls back to plain mode).
public typealias TerminalOpener = (_ highContrast: Bool) throws -> OpenedTerminal

/// Starts the interactive wizard: picks the front end, loads a draft or answers file, runs it.
public struct Launcher {
    public var plain = false
    public var helpdesk = false
    public var projector = false
    /// A draft (or answers file) to continue.
    public var resumePath: String?
    /// A resume code read out by a caller: rebuilds their choices.
    public var resumeCode: String?
    public var drafts = DraftStore.standard()
    /// The time stamped on what is written.
    public var clock: WallClock
    /// Where saved outcomes are recorded; training never records.
    public var register: RegisterSetting?
    /// The key the register screen signs decisions with (none: they are recorded unsigned).
    public var signing = Signing.none
    public var openTerminal: TerminalOpener

    public init(clock: WallClock, openTerminal: @escaping TerminalOpener) {
        self.clock = clock
        self.openTerminal = openTerminal
    }

    /// Runs the wizard to the end; returns the exit status (or ends the process by signal).
    public func run() -> Int32 {
        for notice in drafts.tidy() { printError(notice) }
        // Built only when needed: the full-screen start menu draws before any session exists.
        let newTransfer = {
            WizardSession(wizard: Wizard(flow: Flow(helpdesk: helpdesk)), drafts: drafts, clock: clock)
        }
        var resumed: WizardSession?
        if let resumePath {
            do {
                // Only a file in the drafts folder is saved back to; any other answers file is
                // the person's own (comments, permissions): a new draft starts from it instead.
                resumed = try WizardSession.resuming(
                    resumePath, asDraft: drafts.holds(resumePath), drafts: drafts, helpdesk: helpdesk, clock: clock)
            } catch {
                printError("the draft cannot be resumed:\n\(error.description)")
                return 1
            }
        }
        if let resumeCode {
            do {
                var wizard = Wizard(flow: Flow(helpdesk: helpdesk), answers: try ResumeCode.decode(resumeCode))
                wizard.askFreeText()
                resumed = WizardSession(wizard: wizard, drafts: drafts, clock: clock)
            } catch {
                printError("the code \(Sanitizer.visible(resumeCode)) cannot be used. \(error.description)")
                return 1
            }
        }
        if plain { return plainFrontEnd(resumed ?? newTransfer()).run() }
        let terminal: OpenedTerminal
        do {
            terminal = try openTerminal(projector)
        } catch {
            printError("using plain mode because \(error)")
            return plainFrontEnd(resumed ?? newTransfer()).run()
        }
        let backend = terminal.backend
        let app = FullScreenApp(
            session: resumed ?? newTransfer(), drafts: drafts, clock: clock, helpdesk: helpdesk,
            startAt: resumed == nil ? .menu : .questions, register: register, signing: signing)
        app.projector = projector
        let ending = FullScreenLoop.run(app, on: backend)
        switch ending {
        case .signal(let number):
            // Ctrl-C, a closed window, a dropped connection: the draft is already saved; say
            // where once the terminal is back, then end as that signal would.
            backend.close()
            if let path = app.draftPath { Console.error(Self.draftReminder(path)) }
            terminal.restoreAndReraise(number)
        case .quit, .endOfInput:
            backend.close()
            if let path = app.draftPath { Console.out(Self.draftReminder(path) + "\n") }
            return ending == .quit ? 0 : 1
        case .finished:
            backend.close()
            if let paths = app.savedPaths { Console.out("Saved:\n" + paths.map { "  \($0)\n" }.joined()) }
            return 0
        }
    }

    /// `dmf-wizard train`: the training case list, full screen (training needs the quiz screens).
    public func runTraining() -> Int32 {
        let library: (cases: [TrainingCase], problems: [String])
        do {
            library = try TrainingLibrary.standard()
        } catch {
            printError(error.description)
            return 1
        }
        for problem in library.problems { printError("training case skipped: \(problem)") }
        if plain { return PlainTraining(cases: library.cases, io: StandardLineIO(), clock: clock).run() }
        let terminal: OpenedTerminal
        do {
            terminal = try openTerminal(projector)
        } catch {
            printError("using plain mode because \(error)")
            return PlainTraining(cases: library.cases, io: StandardLineIO(), clock: clock).run()
        }
        let backend = terminal.backend
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, training: true, clock: clock), drafts: drafts,
            clock: clock)
        app.projector = projector
        app.startTraining(cases: library.cases)
        let ending = FullScreenLoop.run(app, on: backend)
        if case .signal(let number) = ending { terminal.restoreAndReraise(number) }
        backend.close()
        for result in app.trainingResults { Console.out("\(result.score)/10  \(result.title)\n") }
        return ending == .endOfInput ? 1 : 0
    }

    private func printError(_ text: String) { Console.error(text) }

    private func plainFrontEnd(_ session: WizardSession) -> PlainFrontEnd {
        let frontEnd = PlainFrontEnd(session: session, io: StandardLineIO())
        frontEnd.register = register
        return frontEnd
    }

    /// Where the draft is and the exact command that continues it.
    static func draftReminder(_ path: String) -> String {
        "Your answers are saved in \(path)\nContinue later with: dmf-wizard resume \(path)"
    }
}
