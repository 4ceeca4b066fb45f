import DMFAnswers
import DMFFlow
import DMFPolicy
import Foundation
import NcursesBackend
import TerminalUI

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

    public init() {}

    /// Runs the wizard to the end; returns the exit status (or ends the process by signal).
    public func run() -> Int32 {
        for notice in drafts.tidy() { printError(notice) }
        // Built only when needed: the full-screen start menu draws before any session exists.
        let newTransfer = { WizardSession(wizard: Wizard(flow: Flow(helpdesk: helpdesk)), drafts: drafts) }
        var resumed: WizardSession?
        if let resumePath {
            do {
                // Only a file in the drafts folder is saved back to; any other answers file is
                // the person's own (comments, permissions): a new draft starts from it instead.
                resumed = try WizardSession.resuming(
                    resumePath, asDraft: drafts.holds(resumePath), drafts: drafts, helpdesk: helpdesk)
            } catch {
                printError("the draft cannot be resumed:\n\(error.description)")
                return 1
            }
        }
        if let resumeCode {
            do {
                var wizard = Wizard(flow: Flow(helpdesk: helpdesk), answers: try ResumeCode.decode(resumeCode))
                wizard.askFreeText()
                resumed = WizardSession(wizard: wizard, drafts: drafts)
            } catch {
                printError("the code \(Sanitizer.visible(resumeCode)) cannot be used. \(error.description)")
                return 1
            }
        }
        if plain {
            return PlainFrontEnd(session: resumed ?? newTransfer(), io: StandardLineIO()).run()
        }
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend.open(options: NcursesOptions(highContrast: projector))
        } catch {
            printError("using plain mode because \(error.description)")
            return PlainFrontEnd(session: resumed ?? newTransfer(), io: StandardLineIO()).run()
        }
        let app = FullScreenApp(
            session: resumed ?? newTransfer(), drafts: drafts, helpdesk: helpdesk,
            startAt: resumed == nil ? .start : .wizard)
        app.projector = projector
        let ending = FullScreenLoop.run(app, on: backend)
        switch ending {
        case .signal(let number):
            // Ctrl-C, a closed window, a dropped connection: the draft is already saved; say
            // where once the terminal is back, then end as that signal would.
            backend.close()
            if let path = app.session.draftPath { Console.error(Self.draftReminder(path)) }
            backend.restoreAndReraise(number)
        case .quit, .endOfInput:
            backend.close()
            if let path = app.session.draftPath { Console.out(Self.draftReminder(path) + "\n") }
            return ending == .quit ? 0 : 1
        case .finished:
            backend.close()
            if case .saved(let paths) = app.mode { Console.out("Saved:\n" + paths.map { "  \($0)\n" }.joined()) }
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
        if plain { return PlainTraining(cases: library.cases, io: StandardLineIO()).run() }
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend.open(options: NcursesOptions(highContrast: projector))
        } catch {
            printError("using plain mode because \(error.description)")
            return PlainTraining(cases: library.cases, io: StandardLineIO()).run()
        }
        let app = FullScreenApp(session: WizardSession(wizard: Wizard(), drafts: nil, training: true), drafts: drafts)
        app.projector = projector
        app.startTraining(cases: library.cases)
        let ending = FullScreenLoop.run(app, on: backend)
        if case .signal(let number) = ending { backend.restoreAndReraise(number) }
        backend.close()
        for result in app.trainingResults { Console.out("\(result.score)/10  \(result.title)\n") }
        return ending == .endOfInput ? 1 : 0
    }

    private func printError(_ text: String) { Console.error(text) }

    /// Where the draft is and the exact command that continues it.
    static func draftReminder(_ path: String) -> String {
        "Your answers are saved in \(path)\nContinue later with: dmf-wizard resume \(path)"
    }
}

/// The full-screen loop: draw, wait for a key, apply it. Redrawing everything each time is
/// cheap because curses sends only the cells that changed.
public enum FullScreenLoop {
    public static func run(_ app: FullScreenApp, on backend: TerminalBackend) -> FullScreenApp.Ending {
        app.unicode = backend.supportsUnicode
        var firstFrame = true
        var shownBefore = app.screenIdentity
        while true {
            let size = backend.size
            backend.present(app.render(width: size.width, height: size.height, widthFunction: backend.displayWidth))
            // Keys typed for the screen just left, before this one was drawn, must not answer it:
            // they are dropped once the new screen is up (dropping errs on the safe side).
            if app.screenIdentity != shownBefore { backend.discardTypeahead() }
            if firstFrame {
                app.prepareWhileIdle()
                firstFrame = false
            }
            shownBefore = app.screenIdentity
            app.handle(backend.readKey())
            if let ending = app.ending { return ending }
        }
    }
}
