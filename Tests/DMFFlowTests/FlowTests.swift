import DMFFlow
import DMFPolicy
import TestSupport
import Testing

/// The questions as data: codes, conditions, numbering, help.
@Suite struct FlowTests {
    /// Each code, and what it asks, is in the flow map's golden copy (`FlowMapGoldenTests`), so a
    /// changed code shows as a diff there; here, how the two flows relate.
    @Test func stepCodesAreStableAndInOrder() {
        let main = Flow().questions.map(\.code)
        let call = Flow(helpdesk: true).questions.filter { $0.section == .helpdesk }.map(\.code)
        #expect(!call.isEmpty && call.allSatisfy { $0.rawValue.hasPrefix("H") })
        // The caller is the requester: their name and team are asked once, at H1 and H2.
        #expect(Flow(helpdesk: true).questions.map(\.code) == call + main.filter { $0 != "Y1" && $0 != "Y3" })
        #expect(Flow(helpdesk: true).question(code: "Y2")?.prompt == "What is the caller's work email address?")
        var answers = Answers()
        Flow(helpdesk: true).question(code: "H1")!.setAnswer("Priya Shah", in: &answers)
        Flow(helpdesk: true).question(code: "H2")!.setAnswer("Probation", in: &answers)
        #expect(answers.requester.name == "Priya Shah" && answers.requester.team == "Probation")
        #expect(Flow.recipientQuestions.allSatisfy { $0.section == .recipients && $0.isAskedOfEachRecipient })
        let all = Flow(helpdesk: true).questions.map(\.code) + Flow.recipientQuestions.map(\.code)
        #expect(Set(all).count == all.count, "step codes are unique")
    }

    @Test func questionsAreFoundByCodeInAnyCase() {
        #expect(Flow().question(code: "r2")?.path == "route.source_system")
        #expect(Flow().question(code: "P5")?.path == "recipients[].mailbox")
        #expect(Flow().question(code: "H1") == nil, "helpdesk questions only in the helpdesk flow")
        #expect(Flow().question(code: "Z9") == nil)
    }

    /// The wizard shows exactly the questions that apply to the answers, in the flow's order.
    @Test(arguments: Journey.all)
    func eachRouteAsksExactlyItsQuestions(_ journey: Journey) {
        let wizard = Drive.wizard(journey)
        #expect(wizard.flow.applicable(to: wizard.answers).map(\.code) == journey.expectedCodes)
        #expect(wizard.answers.route.type == journey.route)
    }

    /// Which route-dependent questions apply on each route.
    @Test(arguments: [
        (RouteType.sameSystem, [String]()),
        (.betweenMOJSystems, ["R3", "R4", "A1", "A2"]),
        (.otherGovernmentDepartment, ["R3", "R4", "R5", "A1", "A2"]),
        (.thirdParty, ["R3", "R4", "R5", "X1", "X2", "X3", "X4", "A1", "A2"]),
    ])
    func routeQuestionsApplyOnlyWhereTheyShould(route: RouteType, expected: [String]) {
        var answers = Answers()
        answers.route.type = route
        let routeDependent: Set = ["R3", "R4", "R5", "X1", "X2", "X3", "X4", "A1", "A2"]
        let applying = Flow().applicable(to: answers).map(\.code.rawValue).filter(routeDependent.contains)
        #expect(applying == expected)
    }

    @Test func noRouteQuestionsBeforeTheRouteIsChosen() {
        let routeDependent: Set<StepCode> = ["R3", "R4", "R5", "X1", "X2", "X3", "X4", "A1", "A2"]
        let codes = Flow().applicable(to: Answers()).map(\.code)
        #expect(codes == Flow().questions.map(\.code).filter { !routeDependent.contains($0) })
    }

    /// The method decides whether recipients' mailboxes matter, so it is asked first.
    @Test func theMethodIsAskedBeforeTheRecipients() {
        let codes = Flow().questions.map(\.code)
        #expect(codes.firstIndex(of: "M1")! + 1 == codes.firstIndex(of: "P1")!)
    }

    /// P5 (mailbox) applies only when the method delivers to a mailbox, or is not sure.
    @Test(arguments: TransferMethod.allCases.map { Optional($0) } + [nil])
    func mailboxQuestionOnlyForMethodsThatDeliverToAMailbox(method: TransferMethod?) {
        var answers = Answers()
        answers.method = method
        answers.recipients = [Answers.Recipient()]
        let asked = method == .email || method == .secureEmail || method == .notSure
        let p5 = Flow.recipientQuestions.first { $0.code == "P5" }!
        #expect(p5.applies(to: answers) == asked, "\(String(describing: method))")
        let others = Flow.recipientQuestions.filter { $0.code != "P5" }
        #expect(others.allSatisfy { $0.applies(to: answers) }, "the other recipient questions always apply")
    }

    @Test(arguments: [(Int?.none, true), (0, false), (250, false), (4200, false)])
    func bulkQuestionOnlyWhenRecordsAreNotGiven(records: Int?, asked: Bool) {
        var answers = Answers()
        answers.data.records = records
        #expect(Flow().question(code: "D6")!.applies(to: answers) == asked)
    }

    /// Helpdesk agents say "press 2 for Move": every choice is numbered from 1 in a fixed order.
    @Test func choiceNumbersNeverChange() {
        for question in Flow().questions + Flow.recipientQuestions where !question.choices.isEmpty {
            #expect(question.choices.map(\.number) == Array(1...question.choices.count), "\(question.code)")
        }
        func values(_ code: StepCode) -> [String] { Flow().question(code: code)!.choices.map(\.value) }
        #expect(values("T1") == ["share", "move", "not-sure"])
        #expect(values("R1") == ["same-system", "between-moj-systems", "other-government-department", "third-party"])
        #expect(values("R5") == ["none", "official", "official-sensitive", "secret", "top-secret", "not-sure"])
        #expect(values("P7") == ["none", "bpss", "ctc", "sc", "dv", "not-sure"])
        #expect(values("M1").count == 11)
        #expect(values("M1").last == "not-sure")
        #expect(values("X3") == ["yes", "no", "not-needed", "not-sure"])
    }

    /// "Not sure" is offered wherever a person may genuinely not know; never for facts they choose
    /// (how often, the old marking they can see, the route, the mailbox, the IAO's decision).
    @Test func notSureIsOfferedWhereAllowed() {
        let facts: Set<StepCode> = ["T2", "D3", "R1", "P5", "A2"]
        for question in Flow().questions + Flow.recipientQuestions where !question.choices.isEmpty {
            let offered = question.choices.contains { $0.value == "not-sure" && $0.label == "Not sure" }
            #expect(offered == !facts.contains(question.code), "\(question.code)")
        }
    }

    @Test func everyQuestionHasWhyHelpAndReadAloud() {
        for question in Flow(helpdesk: true).questions + Flow.recipientQuestions {
            #expect(!question.prompt.isEmpty && !question.why.isEmpty, "\(question.code)")
            #expect(!question.help.isEmpty && !question.readAloud.isEmpty, "\(question.code)")
            if let rule = question.rule { #expect(!rule.source.text.isEmpty, "\(question.code)") }
        }
        #expect(Flow().question(code: "T1")?.rule == .retention)
    }

    @Test(
        arguments: [
            ("Y2", "a.person@justice.gov.uk", nil),
            ("Y2", "not an email", "That doesn't look like an email address. Type it like a.person@justice.gov.uk"),
            ("K1", "2027-03-31", nil),
            ("K1", "31/03/2027", nil),
            ("D5", "1,200", nil),
            ("D5", "lots", "Type a whole number, for example 4200, or leave it empty if you don't know."),
            ("D5", "", nil),
            ("P2", "  ", "Please type an answer; this one is needed."),
        ] as [(String, String, String?)])
    func textAnswersAreValidatedWithAReason(code: String, text: String, problem: String?) {
        #expect(Flow().question(code: StepCode(code))!.validate(text: text) == problem)
    }
}
