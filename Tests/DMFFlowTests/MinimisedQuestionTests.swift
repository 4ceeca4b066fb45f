import DMFFlow
import DMFPolicy
import TestSupport
import Testing

/// "Does it include only what the recipients need?" is asked on every route, right after the
/// description, in the wizard and on the phone.
@Suite struct MinimisedQuestionTests {
    @Test(arguments: [false, true])
    func itIsAskedRightAfterTheDescription(helpdesk: Bool) throws {
        let questions = Flow(helpdesk: helpdesk).questions
        let description = try #require(questions.firstIndex { $0.path == "data.description" })
        let question = questions[description + 1]
        #expect(question.path == AnswerSchema.field(at: \Answers.data.minimised)?.path)
        #expect(question.prompt == "Does it include only what the recipients need?")
        #expect(question.choices.map(\.label) == ["Yes", "No", "Not sure"])
        #expect(question.rule == .minimiseRisk)
    }

    @Test(arguments: Journey.all)
    func everyRouteAsksIt(_ journey: Journey) throws {
        var wizard = Drive.wizard(journey)
        let code = try #require(Flow().questions.first { $0.rule == .minimiseRisk && !$0.choices.isEmpty }?.code)
        #expect(journey.expectedCodes.contains(code))
        #expect(wizard.answers.data.minimised == .yes, "the journeys answer it as the schema's compliant value")
        // Answered "no", the outcome asks to remove what is not needed.
        wizard.change(code)
        wizard.answer("no")
        #expect(wizard.screen == .check)
        let finding = try #require(wizard.decision?.findings.first { $0.rule == .minimiseRisk })
        #expect(finding.kind == .action)
    }
}
