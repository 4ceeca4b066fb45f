import DMFDocuments
import DMFFlow
import DMFPolicy
import DMFRegisterStores
import Foundation

/// Where plain mode reads lines and writes text; tests give it a script.
public protocol LineIO: AnyObject {
    func readLine() -> String?
    func write(_ text: String)
    /// Whether a person types the lines at a terminal: a line that cannot be used is then asked
    /// for again. Lines read from a file or a pipe were all written beforehand, so one that
    /// cannot be used stops the run at its line number instead: every line after it was meant
    /// for a later question and would land on the wrong one.
    var isInteractive: Bool { get }
    /// How many lines have been read so far (the number of the last one).
    var linesRead: Int { get }
}

extension LineIO {
    /// Writes one line.
    func say(_ text: String) { write(text + "\n") }

    /// Writes a prompt and reads the answer; nil when input has ended.
    func ask(_ prompt: String) -> String? {
        write(prompt + " ")
        return readLine()
    }
}

/// Standard input and output, unbuffered so prompts appear before the read. Everything shown
/// goes through `Console`, because questions and summaries quote answers from files.
public final class StandardLineIO: LineIO {
    public let isInteractive = isatty(STDIN_FILENO) == 1
    public private(set) var linesRead = 0

    public init() {}

    public func readLine() -> String? {
        let line = Swift.readLine(strippingNewline: true)
        if line != nil { linesRead += 1 }
        return line
    }

    public func write(_ text: String) { Console.out(text) }
}

/// Why plain mode stopped before the end.
enum PlainStop: Equatable {
    /// Input ended.
    case endOfInput
    /// `q` or `quit` was typed.
    case quit
    /// A line read from a file or a pipe could not be used (see `LineIO.isInteractive`).
    case unusableLine(number: Int, text: String, problem: String)
}

/// What one prompt came to: carry on, the run is done, or it stops.
enum PlainNext: Equatable {
    case next
    case done
    case stop(PlainStop)
}

/// The accessible, line-by-line wizard: the same flow as numbered prompts, no box drawing, for
/// screen readers, braille displays, dumb terminals and piped input.
public final class PlainFrontEnd {
    /// The run so far: its answers, and the draft they are saved in.
    public private(set) var session: WizardSession
    let io: LineIO
    let outputFolder: String
    /// Where a saved outcome is recorded (nil: nowhere).
    public var register: RegisterSetting?

    public init(session: WizardSession, io: LineIO, outputFolder: String = ProcessContext.currentFolder) {
        self.session = session
        self.io = io
        self.outputFolder = outputFolder
    }

    /// Runs to the end. Returns the exit status: 0 when the outcome was saved or `q` typed, 1
    /// when input ended first or a line read from a file could not be used (the draft is saved
    /// and its path printed).
    public func run() -> Int32 {
        if session.training { say(FilledDMF.trainingBanner) }
        guard let stop = answerQuestions(untilOutcome: false) else { return 0 }
        return stopped(stop)
    }

    /// Asks until the outcome is saved (or, with `untilOutcome`, until it is reached).
    /// - Returns: nil when done, or why it stopped first.
    func answerQuestions(untilOutcome: Bool) -> PlainStop? {
        while true {
            if untilOutcome, session.wizard.screen == .outcome { return nil }
            if let notice = session.wizard.notice {
                say(notice)
                session.wizard.notice = nil
            }
            let next: PlainNext
            switch session.wizard.screen {
            case .question, .recipientField: next = askQuestion()
            case .recipients: next = recipients()
            case .check: next = check()
            case .outcome: next = outcome()
            }
            session.autosave()
            if let problem = session.saveProblem { say(problem) }
            switch next {
            case .next: continue
            case .done: return nil
            case .stop(let stop): return stop
            }
        }
    }

    private func say(_ text: String) { io.say(text) }

    /// Asks `prompt` and reads the line typed (trimmed). `q` or `quit` stops the run, as does
    /// the end of input.
    private func read(_ prompt: String) -> Result<String, Stopped> {
        guard let line = io.ask(prompt) else { return .failure(Stopped(.endOfInput)) }
        let typed = line.trimmingCharacters(in: .whitespaces)
        if ["q", "quit"].contains(typed.lowercased()) { return .failure(Stopped(.quit)) }
        return .success(typed)
    }

    struct Stopped: Error {
        var stop: PlainStop
        init(_ stop: PlainStop) { self.stop = stop }
    }

    /// A line that cannot be used: said, and asked again, when a person is typing; read from a
    /// file, the run stops at it.
    private func refuse(_ typed: String, _ problem: String) -> PlainNext {
        guard io.isInteractive else {
            return .stop(.unusableLine(number: io.linesRead, text: typed, problem: problem))
        }
        say(problem)
        return .next
    }

    /// Says why the run stopped and where the draft is; returns the exit status.
    func stopped(_ stop: PlainStop) -> Int32 {
        let saved = session.draftPath.map { "Your answers are saved in \($0)" }
        say("")
        switch stop {
        case .endOfInput:
            say(saved.map { "Input ended. \($0)" } ?? "Input ended before any answer was given; nothing was saved.")
        case .quit:
            say(saved.map { "Stopped. \($0)" } ?? "Stopped before any answer was given; nothing was saved.")
        case .unusableLine(let number, let text, let problem):
            say("Line \(number) (\"\(Sanitizer.visible(text))\") cannot be used: \(problem)")
            say(
                """
                Stopped at line \(number): the lines after it were written for later questions and would answer \
                the wrong ones. Correct line \(number) and run again.
                """)
            if let saved { say(saved) }
        }
        if let path = session.draftPath { say("Continue later with: dmf-wizard resume \(path)") }
        return stop == .quit ? 0 : 1
    }

    private func header() {
        let wizard = session.wizard
        var title =
            "\(wizard.currentQuestion?.section.title ?? ""): step \(wizard.progressText), code \(wizard.stepCode)"
        if case .recipientField(let index, _) = wizard.screen { title += ", recipient \(index + 1)" }
        say("")
        say(title)
        if wizard.flow.isHelpdesk { say("Resume code: \(ResumeCode.encode(wizard.answers))") }
    }

    /// Asks the question on screen.
    private func askQuestion() -> PlainNext {
        guard let asked = AskedQuestion(session.wizard) else { return .next }
        let question = asked.question
        header()
        say(question.prompt)
        say("Why we ask: \(question.why)")
        if session.wizard.flow.isHelpdesk { say("\(question.helpdeskLine.label): \(question.helpdeskLine.text)") }
        // Text typed here before the run was interrupted, not yet an answer: Enter takes it.
        let typedBefore = session.typedHere
        session.typed = nil
        let prompt: String
        switch question.kind {
        case .choice(let choices):
            for choice in choices {
                let mark = choice.value == asked.current ? " (current answer)" : ""
                say("  \(choice.number). \(choice.label)\(mark)")
            }
            let skip = asked.isRequired || asked.current != nil ? "" : " (or Enter to skip)"
            prompt = "Type a number or the start of a word\(skip), ? for help, < to go back, q to stop:"
        case .text:
            if let typedBefore {
                say("Typed before you stopped, not yet an answer: \(typedBefore) (press Enter to give it)")
            } else if let current = asked.current {
                say("Current answer: \(current) (press Enter to keep it)")
            }
            let skip = asked.isRequired ? "" : " (or press Enter to skip)"
            prompt = "Type your answer\(skip), ? for help, < to go back, q to stop:"
        case .recipients:
            return .next
        }
        let typed: String
        switch read(prompt) {
        case .failure(let stopped):
            session.keepTyped(typedBefore)
            return .stop(stopped.stop)
        case .success(let line): typed = line.isEmpty ? typedBefore ?? "" : line
        }
        if handleCommand(typed, question: question) { return .next }
        let given = asked.answer(typed: typed)
        if case .answer(let value?) = given, Int(typed) == nil,
            let choice = question.choices.first(where: { $0.value == value }),
            choice.label != typed
        {
            say("Taken as \(choice.number). \(choice.label)")
        }
        if let problem = session.wizard.give(given) { return refuse(typed, problem) }
        return .next
    }

    /// `?` shows help, `<` goes back. Returns true when the line was a command.
    private func handleCommand(_ typed: String, question: Question) -> Bool {
        switch typed {
        case "?":
            say("Help: \(question.help)")
            if let rule = AskedQuestion.rule(of: question) { say("\(rule.title) Guidance \(rule.guidance)") }
            return true
        case "<":
            if !session.wizard.back() { say("This is the first question.") }
            return true
        default:
            return false
        }
    }

    private func recipients() -> PlainNext {
        header()
        guard let question = session.wizard.currentQuestion else { return .next }
        say(question.prompt)
        say("Why we ask: \(question.why)")
        let list = session.wizard.answers.recipients
        if list.isEmpty { say("No recipients yet.") }
        for (index, recipient) in list.enumerated() {
            say("  \(index + 1). \(RecipientSummary.line(recipient, method: session.wizard.answers.method))")
        }
        let line: String
        switch read(
            """
            Type a to add, e and a number to edit, d and a number to remove, c to continue, ? for help, < to go \
            back, q to stop:
            """)
        {
        case .failure(let stopped): return .stop(stopped.stop)
        case .success(let typed): line = typed
        }
        let typed = line.lowercased()
        if handleCommand(typed, question: question) { return .next }
        let number = Int(typed.dropFirst().trimmingCharacters(in: .whitespaces)).map { $0 - 1 }
        switch typed.first {
        case "a": session.wizard.addRecipient()
        case "e" where number.map(list.indices.contains) == true: session.wizard.editRecipient(number!)
        case "d" where number.map(list.indices.contains) == true: session.wizard.removeRecipient(number!)
        case "c": if let problem = session.wizard.finishRecipients() { return refuse(line, problem) }
        default: return refuse(line, "Please type a, e 1, d 1 or c.")
        }
        return .next
    }

    private func check() -> PlainNext {
        say("")
        say("Check your answers")
        for row in CheckAnswers.rows(session.wizard) {
            if let section = row.sectionHeading { say("\(section):") }
            say("  \(row.code)  \(row.label): \(row.answers.joined(separator: "; "))")
        }
        let typed: String
        switch read("Type a step code to change an answer (for example R1), c to confirm, < to go back, q to stop:") {
        case .failure(let stopped): return .stop(stopped.stop)
        case .success(let line): typed = line
        }
        switch typed.lowercased() {
        case "c":
            let missing = session.wizard.confirm()
            if !missing.isEmpty { say("Some answers are still needed; starting with \(missing[0]).") }
        case "<":
            session.wizard.back()
        default:
            guard CheckAnswers.rows(session.wizard).contains(where: { $0.code == StepCode(typed) }) else {
                return refuse(typed, "There is no step \(typed) among your answers.")
            }
            session.wizard.change(StepCode(typed))
        }
        return .next
    }

    private func outcome() -> PlainNext {
        guard let form = session.filledForm() else { return .next }
        say("")
        for line in OutcomeSummary.lines(form) { say(line.text) }
        if session.wizard.flow.isHelpdesk {
            say("")
            say("Read to the caller:")
            for line in OutcomeSummary.readAloud(form, resumeCode: ResumeCode.encode(session.wizard.answers)) {
                say("  " + line)
            }
        }
        say("Resume code (rebuilds these choices elsewhere): \(ResumeCode.encode(session.wizard.answers))")
        say("")
        say("Save the DMF and checklist.")
        let folderLine: String
        switch read("Folder to save in (Enter for \(outputFolder)), < to go back, q to stop:") {
        case .failure(let stopped): return .stop(stopped.stop)
        case .success(let line): folderLine = line
        }
        if folderLine == "<" {
            session.wizard.back()
            return .next
        }
        let typedFolder = PathInput.expand(folderLine, home: ProcessContext.variable("HOME"))
        let folder = typedFolder.isEmpty ? outputFolder : typedFolder
        // Enter takes the formats chosen last (kept in the draft), at first Markdown and HTML.
        let remembered = session.saveFormats ?? SaveScreen.defaultFormats
        let names = remembered.map(\.rawValue)
        let enter = names.dropLast().joined(separator: ", ") + (names.count > 1 ? " and " : "") + (names.last ?? "")
        let formatLine: String
        switch read("Formats: markdown, text, html, json, pdf (Enter for \(enter)):") {
        case .failure(let stopped): return .stop(stopped.stop)
        case .success(let line): formatLine = line
        }
        let formats = formatLine.isEmpty ? remembered : OutcomeSummary.formats(from: formatLine)
        guard !formats.isEmpty else {
            return refuse(formatLine, "Please name one or more of: markdown, text, html, json, pdf.")
        }
        session.saveFormats = formats
        do {
            let saved = try session.saveOutcome(form, formats: formats, folder: folder, register: register)
            say("Saved:")
            for path in saved.paths { say("  \(path)") }
            if let note = saved.registerNote { say(note) }
            let helpdesk = session.wizard.flow.isHelpdesk
            for line in AfterSaving.lines(form, reference: saved.reference, paths: saved.paths, helpdesk: helpdesk) {
                say(line)
            }
            return .done
        } catch {
            say("Could not save: \(error.description)")
            return .next
        }
    }
}
