import DMFFlow
import DMFPolicy
import TestSupport
import Testing

@testable import DMFApp

/// Both front ends give the wizard what `AskedQuestion` makes of the person's input, so an
/// option chosen, an answer kept and a question skipped mean the same on the full screen and in
/// plain mode.
@Suite struct AskedQuestionTests {
    /// Every question of every journey, reached with the journey's answers already given.
    static func answeredQuestions() -> [AskedQuestion] {
        Journey.all.flatMap { journey in
            let answers = Drive.wizard(journey).answers
            return journey.expectedCodes.filter { $0 != .recipients }.compactMap { code in
                AskedQuestion(Wizard(answers: answers, resumeAt: code.rawValue))
            }
        }
    }

    @Test func anOptionChosenByItsRowOrByItsNumberIsTheSameAnswer() throws {
        var choices = 0
        for question in Flow(helpdesk: true).questions + Flow.recipientQuestions {
            guard case .choice(let options) = question.kind else { continue }
            let wizard = Wizard(flow: Flow(helpdesk: true), answers: Answers(), resumeAt: question.code.rawValue)
            guard let asked = AskedQuestion(wizard), asked.question.code == question.code else { continue }
            for (row, option) in options.enumerated() {
                #expect(asked.answer(highlighted: row, field: "") == .answer(option.value))
                #expect(asked.answer(typed: "\(option.number)") == .answer(option.value))
            }
            choices += 1
        }
        #expect(choices >= 8, "the choice questions that apply before any answer were reached")
    }

    @Test func enterKeepsTheAnswerGivenSoFarOnBothFrontEnds() throws {
        let asked = Self.answeredQuestions().filter { $0.current != nil }
        try #require(asked.count > 20)
        for question in asked {
            let kept = AskedQuestion.Given.answer(question.current)
            // The full screen opens with the answer highlighted, or in the field.
            let field = question.currentRow == nil ? question.current ?? "" : ""
            #expect(
                question.answer(highlighted: question.currentRow, field: field) == kept, "\(question.question.code)")
            #expect(question.answer(typed: "") == kept, "\(question.question.code)")
        }
    }

    /// Nothing is chosen for the person: with nothing highlighted the full screen takes no
    /// answer, even where plain mode's empty line skips a question that may be skipped.
    @Test func nothingHighlightedIsNotAnAnswer() throws {
        let wizard = Wizard(resumeAt: "T1")
        let asked = try #require(AskedQuestion(wizard))
        guard case .problem(let problem) = asked.answer(highlighted: nil, field: "") else {
            Issue.record("an answer was taken with nothing highlighted")
            return
        }
        #expect(problem.hasPrefix("Choose one of the options"))
        #expect(asked.answer(typed: "") == .problem("Please type one of the numbers 1 to 3."), "T1 must be answered")
        #expect(asked.answer(typed: "9") == .problem("Please type one of the numbers 1 to 3."))
    }

    @Test func aTypedAnswerIsTheTextOnBothFrontEnds() throws {
        let asked = try #require(AskedQuestion(Wizard()))
        #expect(asked.question.code == "Y1")
        #expect(asked.answer(highlighted: nil, field: "Kim") == .answer("Kim"))
        #expect(asked.answer(typed: "Kim") == .answer("Kim"))
        #expect(asked.emptyField == "Optional: press Enter with the field empty to skip.")
    }
}
