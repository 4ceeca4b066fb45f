import DMFFlow
import DMFPolicy
import Testing

/// A question's answer is kept either in the answers as a whole or in each recipient (P2–P7);
/// reading one the wrong way stops the program instead of quietly giving nothing.
@Suite struct QuestionBindingTests {
    @Test func recipientQuestionsAndOnlyThemAreAskedOfEachRecipient() {
        #expect(Flow.recipientQuestions.allSatisfy { $0.isAskedOfEachRecipient })
        let wholeAnswers = Flow(helpdesk: true).questions + Flow().questions
        #expect(wholeAnswers.allSatisfy { !$0.isAskedOfEachRecipient })
    }

    @Test(arguments: Flow.recipientQuestions.map(\.code))
    func aRecipientQuestionReadsAndSetsOneRecipient(code: StepCode) throws {
        let question = try #require(Flow().question(code: code))
        let value = question.choices.last?.value ?? "Sample"
        var recipient = Answers.Recipient()
        question.setAnswer(value, of: &recipient)
        #expect(question.answer(of: recipient) == value)
        #expect(question.displayAnswer(of: recipient) == (question.choices.last?.label ?? value))
        question.setAnswer(nil, of: &recipient)
        #expect(recipient == Answers.Recipient())
    }

    @Test func theHelpdeskCallersNameIsAlsoTheRequestersName() throws {
        var answers = Answers()
        try #require(Flow(helpdesk: true).question(code: "H1")).setAnswer("Priya Shah", in: &answers)
        #expect(answers.helpdesk?.callerName == "Priya Shah" && answers.requester.name == "Priya Shah")
    }

    @Test func changingARecipientsAnswerFromCheckYourAnswersIsIgnored() {
        var answers = Answers()
        answers.method = .email
        answers.recipients = [.init(name: "Ann", mailbox: .personal, authorised: .yes, clearance: .bpss)]
        var wizard = Wizard(answers: answers, resumeAt: "CHECK")
        wizard.change("P5")
        #expect(wizard.screen == .check, "a recipient's answers are changed from the recipients list")
        wizard.change("M1")
        #expect(wizard.screen == .question("M1"))
    }

    @Test func readingARecipientsAnswerFromTheWholeAnswersTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Flow.recipientQuestions[0].answer(in: Answers())
        }
    }

    @Test func readingAWholeAnswerFromARecipientTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Flow().questions[0].answer(of: Answers.Recipient())
        }
    }
}
