import DMFDocuments
import DMFFlow
import DMFPolicy
import DMFRegisterStores
import Foundation

/// Where plain mode reads lines and writes text; tests give it a script.
public protocol LineIO: AnyObject {
    func readLine() -> String?
    func write(_ text: String)
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
    public init() {}
    public func readLine() -> String? { Swift.readLine(strippingNewline: true) }
    public func write(_ text: String) { Console.out(text) }
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

    /// Runs to the end. Returns the exit status: 0 when the outcome was saved, 1 when input ended
    /// first (the draft is saved and its path printed).
    public func run() -> Int32 {
        if session.training { say(FilledDMF.trainingBanner) }
        return answerQuestions(untilOutcome: false) ?? endOfInput()
    }

    /// Asks until the outcome is saved (or, with `untilOutcome`, until it is reached).
    /// - Returns: 0 when done, nil when input ended first.
    func answerQuestions(untilOutcome: Bool) -> Int32? {
        while true {
            if untilOutcome, session.wizard.screen == .outcome { return 0 }
            if let notice = session.wizard.notice {
                say(notice)
                session.wizard.notice = nil
            }
            let finished: Bool?
            switch session.wizard.screen {
            case .question, .recipientField: finished = askQuestion()
            case .recipients: finished = recipients()
            case .check: finished = check()
            case .outcome: finished = outcome()
            }
            session.autosave()
            if let problem = session.saveProblem { say(problem) }
            guard let finished else { return nil }
            if finished { return 0 }
        }
    }

    private func say(_ text: String) { io.say(text) }
    private func ask(_ prompt: String) -> String? { io.ask(prompt) }

    private func endOfInput() -> Int32 {
        say("")
        if let path = session.draftPath {
            say("Input ended. Your answers are saved in \(path)")
            say("Continue later with: dmf-wizard resume \(path)")
        } else {
            say("Input ended before any answer was given; nothing was saved.")
        }
        return 1
    }

    private func header() {
        let wizard = session.wizard
        let (step, total) = wizard.progress
        var title = "\(wizard.currentQuestion?.section.title ?? ""): step \(step) of \(total), code \(wizard.stepCode)"
        if case .recipientField(let index, _) = wizard.screen { title += ", recipient \(index + 1)" }
        say("")
        say(title)
        if wizard.flow.isHelpdesk { say("Resume code: \(ResumeCode.encode(wizard.answers))") }
    }

    /// Asks the question on screen. nil = input ended; false = keep going.
    private func askQuestion() -> Bool? {
        guard let asked = AskedQuestion(session.wizard) else { return false }
        let question = asked.question
        header()
        say(question.prompt)
        say("Why we ask: \(question.why)")
        if session.wizard.flow.isHelpdesk { say("\(question.helpdeskLine.label): \(question.helpdeskLine.text)") }
        let prompt: String
        switch question.kind {
        case .choice(let choices):
            for choice in choices {
                let mark = choice.value == asked.current ? " (current answer)" : ""
                say("  \(choice.number). \(choice.label)\(mark)")
            }
            let skip = asked.isRequired || asked.current != nil ? "" : " (or Enter to skip)"
            prompt = "Type a number\(skip), ? for help, < to go back:"
        case .text:
            if let current = asked.current { say("Current answer: \(current) (press Enter to keep it)") }
            let skip = asked.isRequired ? "" : " (or press Enter to skip)"
            prompt = "Type your answer\(skip), ? for help, < to go back:"
        case .recipients:
            return false
        }
        guard let line = ask(prompt) else { return nil }
        let typed = line.trimmingCharacters(in: .whitespaces)
        if handleCommand(typed, question: question) { return false }
        if let problem = session.wizard.give(asked.answer(typed: typed)) { say(problem) }
        return false
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

    private func recipients() -> Bool? {
        header()
        guard let question = session.wizard.currentQuestion else { return false }
        say(question.prompt)
        say("Why we ask: \(question.why)")
        let list = session.wizard.answers.recipients
        if list.isEmpty { say("No recipients yet.") }
        for (index, recipient) in list.enumerated() {
            say("  \(index + 1). \(RecipientSummary.line(recipient, method: session.wizard.answers.method))")
        }
        guard
            let line = ask(
                """
                Type a to add, e and a number to edit, d and a number to remove, c to continue, ? for help, < to \
                go back:
                """
            )
        else { return nil }
        let typed = line.trimmingCharacters(in: .whitespaces).lowercased()
        if handleCommand(typed, question: question) { return false }
        let number = Int(typed.dropFirst().trimmingCharacters(in: .whitespaces)).map { $0 - 1 }
        switch typed.first {
        case "a": session.wizard.addRecipient()
        case "e" where number.map(list.indices.contains) == true: session.wizard.editRecipient(number!)
        case "d" where number.map(list.indices.contains) == true: session.wizard.removeRecipient(number!)
        case "c": if let problem = session.wizard.finishRecipients() { say(problem) }
        default: say("Please type a, e 1, d 1 or c.")
        }
        return false
    }

    private func check() -> Bool? {
        say("")
        say("Check your answers")
        for row in CheckAnswers.rows(session.wizard) {
            if let section = row.sectionHeading { say("\(section):") }
            say("  \(row.code)  \(row.label): \(row.answers.joined(separator: "; "))")
        }
        guard let line = ask("Type a step code to change an answer (for example R1), c to confirm, < to go back:")
        else { return nil }
        let typed = line.trimmingCharacters(in: .whitespaces)
        switch typed.lowercased() {
        case "c":
            let missing = session.wizard.confirm()
            if !missing.isEmpty { say("Some answers are still needed; starting with \(missing[0]).") }
        case "<":
            session.wizard.back()
        default:
            guard CheckAnswers.rows(session.wizard).contains(where: { $0.code == StepCode(typed) }) else {
                say("There is no step \(typed) among your answers.")
                return false
            }
            session.wizard.change(StepCode(typed))
        }
        return false
    }

    private func outcome() -> Bool? {
        guard let form = session.filledForm() else { return false }
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
        guard let folderLine = ask("Folder to save in (Enter for \(outputFolder)), or < to go back:") else {
            return nil
        }
        if folderLine.trimmingCharacters(in: .whitespaces) == "<" {
            session.wizard.back()
            return false
        }
        let typedFolder = PathInput.expand(folderLine, home: ProcessContext.variable("HOME"))
        let folder = typedFolder.isEmpty ? outputFolder : typedFolder
        // Enter takes the formats chosen last (kept in the draft), at first Markdown and HTML.
        let remembered = session.saveFormats ?? SaveScreen.defaultFormats
        let names = remembered.map(\.rawValue)
        let enter = names.dropLast().joined(separator: ", ") + (names.count > 1 ? " and " : "") + (names.last ?? "")
        guard let formatLine = ask("Formats: markdown, text, html, json, pdf (Enter for \(enter)):") else {
            return nil
        }
        let formats = formatLine.trimmed.isEmpty ? remembered : OutcomeSummary.formats(from: formatLine)
        guard !formats.isEmpty else {
            say("Please name one or more of: markdown, text, html, json, pdf.")
            return false
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
            return true
        } catch {
            say("Could not save: \(error.description)")
            return false
        }
    }
}
