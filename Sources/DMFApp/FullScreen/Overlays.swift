import DMFAnswers
import DMFFlow
import Foundation
import TerminalUI

/// Help over the screen: for the question on screen, or about the wizard. Long help scrolls;
/// any other key goes back.
enum HelpOverlay {
    enum Action {
        case scroll
        case close
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding(KeyMatch.scrolling, "↑↓ scroll", .scroll),
        KeyBinding([.any], "any other key: back to the question", .close),
    ]

    /// - Parameter question: the question on screen, if the wizard is showing one.
    static func view(_ page: inout Page, question: Question?) {
        guard let question else {
            page.line("Help", style: .heading)
            page.line(
                """
                This wizard asks about a transfer of MOJ information, one question at a time, and decides whether \
                and how it may go ahead. At the end it fills in the Data Movement Form and a checklist you can \
                save, print and email.
                """
            )
            page.gap()
            page.line(
                """
                Your answers are saved as a draft after every step; choose 'Continue a saved draft' to pick up \
                where you left off.
                """
            )
            return
        }
        page.line("Help for \(question.code): \(question.prompt)", style: .heading)
        page.gap()
        page.line(question.help)
        if let rule = AskedQuestion.rule(of: question) {
            page.gap()
            page.line(rule.title, style: .accent)
            page.line("From the guidance \(rule.guidance)", style: .dim)
        }
    }
}

/// The go-to-step prompt (`g` in the wizard): a step code read out on the phone, typed over the
/// footer. Only steps already reached can be gone to.
struct JumpPrompt {
    var input = TextInput()

    enum Action {
        case go
        case cancel
        case type
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.enter)], "Enter go", .go),
        KeyBinding([.key(.escape)], "Esc cancel", .cancel),
        KeyBinding([.editing], nil, .type),
    ]

    /// The prompt's words, its keys among them.
    static let prompt = "Go to step (a code such as R2; \(bindings.hints().joined(separator: ", "))): "

    enum Result {
        /// Still typing.
        case open
        /// Gone, or cancelled.
        case closed
        /// Closed, with this to say on the screen underneath.
        case refused(Message)
    }

    mutating func update(_ key: Key, wizard: inout Wizard) -> Result {
        switch Self.bindings.action(for: key) {
        case .go?:
            let code = input.text.trimmingCharacters(in: .whitespaces)
            guard wizard.jump(to: code) else {
                return .refused(.problem("There is no step \(code) among the steps reached so far."))
            }
            return .closed
        case .cancel?: return .closed
        case .type?: input.handle(key)
        case nil: break
        }
        return .open
    }

    /// Draws the prompt over the footer (on its first row; the others are cleared), with the
    /// cursor in it.
    func view(_ canvas: inout Canvas, rows: Range<Int>) {
        let width = canvas.width
        for row in rows { canvas.fill(row: row, style: .normal) }
        let row = rows.lowerBound
        _ = canvas.put(Self.prompt + input.text, x: 1, y: row, style: .selected, maxWidth: width - 2)
        canvas.cursor = (min(width - 2, 1 + Self.prompt.count + input.text.count), row)
    }
}

/// A training case's story over the screen, to read again while working the case. Long stories
/// scroll; any other key goes back to where the trainee was.
enum StoryOverlay {
    static let bindings: [KeyBinding<HelpOverlay.Action>] = [
        KeyBinding(KeyMatch.scrolling, "↑↓ scroll", .scroll),
        KeyBinding([.any], "any other key: back to the case", .close),
    ]

    static func view(_ page: inout Page, _ trainingCase: TrainingCase?) {
        guard let trainingCase else { return }
        page.line(trainingCase.notes.title, style: .heading)
        page.gap()
        for paragraph in TrainingNotes.paragraphs(trainingCase.notes.story) {
            page.line(paragraph)
            page.gap()
        }
    }
}
