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
        let problem3 = "Please type one of the numbers 1 to 3, or the start of an option's word."
        #expect(asked.answer(typed: "") == .problem(problem3), "T1 must be answered")
        #expect(asked.answer(typed: "9") == .problem(problem3))
    }

    @Test func aTypedAnswerIsTheTextOnBothFrontEnds() throws {
        let asked = try #require(AskedQuestion(Wizard()))
        #expect(asked.question.code == "Y1")
        #expect(asked.answer(highlighted: nil, field: "Kim") == .answer("Kim"))
        #expect(asked.answer(typed: "Kim") == .answer("Kim"))
        #expect(asked.emptyField == "Optional: press Enter with the field empty to skip.")
    }

    /// Only the start of an option's word or label names it, and only when no other option
    /// starts the same way; a word or label typed whole is exact.
    @Test func theStartOfAnOptionsWordNamesItOnlyWhenNoOtherStartsSo() throws {
        let method = try #require(AskedQuestion(Wizard(resumeAt: "M1")))
        #expect(method.question.code == "M1")
        #expect(method.answer(typed: "email") == .answer("email"), "a whole word is exact")
        #expect(method.answer(typed: "pap") == .answer("paper"))
        #expect(method.answer(typed: "Ordinary") == .answer("email"), "the start of the label")
        guard case .problem(let secure) = method.answer(typed: "secure") else {
            Issue.record("three methods start with secure: none is taken")
            return
        }
        #expect(secure.hasPrefix("\"secure\" could be 2 A secure network"))
        #expect(secure.hasSuffix(": type more of the word, or the number."))
        guard case .problem(let usb) = method.answer(typed: "usb") else {
            Issue.record("a word inside a label names nothing: both devices mention USB")
            return
        }
        #expect(usb.hasPrefix("Please type one of the numbers 1 to 11"))
        let classification = try #require(AskedQuestion(Wizard(resumeAt: "D2")))
        #expect(classification.answer(typed: "official") == .answer("official"), "a whole value is exact")
        #expect(classification.answer(typed: "OFFICIAL-S") == .answer("official-sensitive"))
        #expect(classification.answer(typed: "top") == .answer("top-secret"))
        guard case .problem = classification.answer(typed: "o") else {
            Issue.record("o starts OFFICIAL and OFFICIAL-SENSITIVE")
            return
        }
    }
}
