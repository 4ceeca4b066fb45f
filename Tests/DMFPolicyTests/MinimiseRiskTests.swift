import DMFPolicy
import Testing

/// minimise-risk as revised on 2026-12-06: it reads whether the information includes only what
/// the recipients need.
@Suite("Only what the recipients need")
struct MinimiseRiskTests {
    @Test(
        "yes, or left out of an answers file, gives the advice as before",
        arguments: [YesNoNotSure?.none, .yes], RouteType.allCases)
    func adviceWhenMinimised(answer: YesNoNotSure?, route: RouteType) throws {
        let decision = try decide(route) { $0.data.minimised = answer }
        let finding = try #require(decision.findings(.minimiseRisk).first)
        #expect(decision.findings(.minimiseRisk).count == 1)
        #expect(finding.kind == .advice && finding.who == .requester)
        #expect(finding.text == "The less you send, the less can go wrong.")
        #expect(finding.because == (answer == nil ? [] : ["data.minimised: yes"]))
        #expect(decision.verdict == (try decide(route)).verdict, "an answers file without it keeps its outcome")
    }

    @Test("no: an action for the requester, to remove what is not needed or say on the DMF why all is")
    func actionWhenMoreThanNeeded() throws {
        let decision = try decide(.sameSystem) { $0.data.minimised = .no }
        let finding = try #require(decision.findings(.minimiseRisk).first)
        #expect(finding.kind == .action && finding.who == .requester)
        #expect(finding.todo == "Remove what the recipients do not need, or record on the DMF why they need all of it.")
        #expect(finding.formRecord == .entry(title: "Why the recipients need all of the information"))
        #expect(finding.because == ["data.minimised: no"])
        #expect(finding.becauseInWords == "Includes only what the recipients need: no")
        #expect(decision.verdict == .conditions, "inside one system the baseline proceeds; this sets conditions")
    }

    @Test("not sure: an action for the requester, to check with the recipients what they need")
    func actionWhenNotSure() throws {
        let decision = try decide(.thirdParty) { $0.data.minimised = .notSure }
        let finding = try #require(decision.findings(.minimiseRisk).first)
        #expect(finding.kind == .action && finding.who == .requester)
        #expect(finding.todo == "Check with the recipients what they need.")
        #expect(decision.checklist.contains { $0.rule == .minimiseRisk && $0.group == .beforeSending })
    }

    @Test("it is an answer of every route, optional in a file, asked on every route")
    func theAnswer() throws {
        let field = try #require(AnswerSchema.field(at: \Answers.data.minimised))
        #expect(field.type.values == ["yes", "no", "not-sure"])
        #expect(field.compliant == "yes")
        for route in RouteType.allCases {
            var answers = baseline(route)
            answers.data.minimised = nil
            #expect(field.applies(answers) && !field.isRequired(answers))
            #expect(answers.isComplete, "left out, the answers are still complete")
        }
    }
}
