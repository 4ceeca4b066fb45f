import DMFFlow
import DMFPolicy
import TestSupport
import Testing

/// Navigation without any drawing: answer, back, change, recipients, resume, jump.
@Suite struct WizardTests {
    /// The step codes met while answering the journey (recipient fields as "P2:1").
    static func visited(_ journey: Journey) -> (codes: [String], progress: [String]) {
        var wizard = Wizard()
        var codes: [String] = []
        var progress: [String] = []
        while wizard.screen != .check {
            codes.append(wizard.resumeStep)
            progress.append("\(wizard.progress.step)/\(wizard.progress.of)")
            #expect(journey.step(&wizard) == nil)
        }
        return (codes, progress)
    }

    @Test(arguments: Journey.all)
    func answeringVisitsEachApplicableQuestionOnceInOrder(_ journey: Journey) {
        let codes = Self.visited(journey).codes.filter { !$0.contains(":") }
        // P1 is met once per recipient added and once to continue.
        var expected: [String] = []
        for code in journey.expectedCodes {
            expected += code == .recipients ? Array(repeating: "P1", count: journey.recipients.count + 1) : ["\(code)"]
        }
        #expect(codes == expected)
    }

    @Test(arguments: Journey.all)
    func stepCountFollowsTheRouteAndEndsAtTheLastStep(_ journey: Journey) {
        let (codes, progress) = Self.visited(journey)
        let first = Flow().applicable(to: Answers()).count
        #expect(progress.first == "1/\(first)", "before any answer: no route questions, D6 still possible")
        #expect(codes.last == journey.expectedCodes.last?.rawValue)
        #expect(progress.last == "\(journey.expectedCodes.count)/\(journey.expectedCodes.count)")
        // Recipient fields count as the recipients step.
        let p1 = journey.expectedCodes.firstIndex(of: "P1")! + 1
        for (code, shown) in zip(codes, progress) where code.hasPrefix("P") {
            #expect(shown.hasPrefix("\(p1)/"), "\(code) shows \(shown)")
        }
    }

    /// "Step 13 of 21", then "of 22", then "of 26" told people a total that was not one. The
    /// total is given as settled only once no answer still to come can change it; before, it is
    /// "about". Once settled on a journey it never changes again.
    @Test(arguments: Journey.all)
    func theTotalIsSettledOnlyOnceNoAnswerToComeCanChangeIt(_ journey: Journey) {
        var wizard = Wizard()
        var settled: Int?
        var shown: [String] = []
        while wizard.screen != .check {
            let total = wizard.progress.of
            shown.append(wizard.progressText)
            if let settled {
                #expect(wizard.progressIsSettled && total == settled, "\(wizard.resumeStep): \(shown)")
            } else if wizard.progressIsSettled {
                settled = total
            }
            journey.step(&wizard)
        }
        #expect(settled == journey.expectedCodes.count, "\(shown)")
        #expect(shown.first == "1 of about \(Flow().applicable(to: Answers()).count)")
        #expect(shown.last == "\(journey.expectedCodes.count) of \(journey.expectedCodes.count)")
    }

    @Test func theRouteAndTheNumberOfRecordsKeepTheTotalUnsettled() {
        var answers = Drive.wizard(.sameSystemProceed).answers
        #expect(Wizard(answers: answers, resumeAt: "Y1").progressIsSettled, "everything is answered")
        #expect(!Wizard(answers: answers, resumeAt: "R1").progressIsSettled, "another route brings other questions")
        #expect(!Wizard(answers: answers, resumeAt: "D5").progressIsSettled, "no number brings the bulk question")
        answers.route.type = nil
        #expect(!Wizard(answers: answers, resumeAt: "Y1").progressIsSettled, "the route is still to come")
        answers = Drive.wizard(.sameSystemProceed).answers
        answers.data.records = nil
        #expect(!Wizard(answers: answers, resumeAt: "D1").progressIsSettled, "the records are still to come")
        #expect(Wizard(answers: answers, resumeAt: "R2").progressIsSettled, "D5 was passed, left empty")
        #expect(
            Wizard(answers: answers, resumeAt: "R2").progressText.hasSuffix(
                " of \(Wizard(answers: answers).progress.of)"))
    }

    @Test func choosingThirdPartyAddsItsQuestionsToTheCount() throws {
        var wizard = Wizard(answers: Drive.wizard(.sameSystemProceed).answers, resumeAt: "R1")
        func place(_ code: StepCode) throws -> (Int, Int) {
            let codes = Flow().applicable(to: wizard.answers).map(\.code)
            return (try #require(codes.firstIndex(of: code)) + 1, codes.count)
        }
        #expect(wizard.progress == (try place("R1")))
        let before = wizard.progress.of
        wizard.answer("third-party")
        #expect(wizard.stepCode == "R2")
        #expect(wizard.progress == (try place("R2")))
        let added = Flow().questions.filter { !$0.applies(to: Answers()) && $0.path != "data.bulk" }.count
        #expect(wizard.progress.of == before + added, "every route-dependent question applies to a third party")
    }

    @Test(arguments: Journey.all)
    func backRetracesTheRouteToTheFirstQuestion(_ journey: Journey) {
        var wizard = Drive.wizard(journey)
        var codes: [StepCode] = []
        while wizard.back() { codes.append(wizard.stepCode) }
        #expect(codes == journey.expectedCodes.reversed())
        #expect(wizard.stepCode == "Y1")
        do { let result = wizard.back(); #expect(!result, "nowhere to go back to on the first question") }
    }

    @Test(arguments: Journey.all)
    func confirmingCompleteAnswersShowsTheJourneysVerdict(_ journey: Journey) {
        var wizard = Drive.wizard(journey)
        do { let result = wizard.confirm(); #expect(result == []) }
        #expect(wizard.screen == .outcome)
        #expect(wizard.decision?.verdict == journey.verdict)
        wizard.back()
        #expect(wizard.screen == .check)
    }

    @Test func confirmingWithAMissingAnswerGoesToIt() {
        var wizard = Wizard(answers: Drive.wizard(.thirdPartyBlocked).answers, resumeAt: "CHECK")
        var answers = wizard.answers
        answers.thirdParty.nda = nil
        wizard = Wizard(answers: answers, resumeAt: "CHECK")
        do { let result = wizard.confirm(); #expect(result == ["X2"]) }
        #expect(wizard.screen == .question("X2"))
    }

    // MARK: - Changing an answer

    @Test func changingThirdPartyToOtherDepartmentRemovesAndNamesTheThirdPartyAnswers() {
        var wizard = Drive.wizard(.thirdPartyBlocked)
        wizard.change("R1")
        #expect(wizard.isChanging)
        #expect(wizard.screen == .question("R1"))
        wizard.answer("other-government-department")
        #expect(wizard.screen == .check, "nothing new to ask: straight back to check")
        #expect(wizard.answers.thirdParty.isEmpty)
        #expect(wizard.answers.route.destinationAccreditation == .official, "R5 still applies and is kept")
        let notice = try! #require(wizard.notice)
        #expect(notice.hasPrefix("These answers no longer apply and were removed:"))
        for code in ["X1", "X2", "X3", "X4"] { #expect(notice.contains("\n\(code) "), "\(code)") }
        #expect(notice.contains("X3 Is there a Security Aspects Letter (SAL)? (was: Not needed)"))
        #expect(!notice.contains("R5"))
        #expect(!wizard.flow.applicable(to: wizard.answers).contains { $0.code.rawValue.hasPrefix("X") })
    }

    @Test func changingToThirdPartyAsksOnlyTheNewQuestionsThenReturnsToCheck() {
        let thirdParty = Journey.thirdPartyBlocked
        var wizard = Drive.wizard(.sameSystemProceed)
        wizard.change("R1")
        wizard.answer("third-party")
        var asked: [StepCode] = []
        while wizard.screen != .check {
            asked.append(wizard.stepCode)
            do { let result = wizard.answer(thirdParty.value(for: wizard)); #expect(result == nil) }
        }
        #expect(asked == ["R3", "R4", "R5", "X1", "X2", "X3", "X4", "A1", "A2"])
        #expect(!wizard.isChanging)
        #expect(wizard.notice == nil)
        #expect(wizard.answers.route.sourceSystem == "DOM1", "earlier answers are kept")
    }

    @Test func changingAnAnswerNothingDependsOnReturnsStraightToCheck() {
        var wizard = Drive.wizard(.otherDepartmentRefer)
        wizard.change("T3")
        wizard.answer("A different purpose")
        #expect(wizard.screen == .check)
        #expect(wizard.answers.transfer.purpose == "A different purpose")
        #expect(wizard.notice == nil)
    }

    @Test func clearingTheRecordCountAsksTheBulkQuestion() {
        var wizard = Drive.wizard(.sameSystemProceed)
        wizard.change("D5")
        wizard.answer("")
        #expect(wizard.screen == .question("D6"))
        wizard.answer("not-sure")
        #expect(wizard.screen == .check)
        #expect(wizard.answers.data.bulk == .notSure)
    }

    @Test func givingTheRecordCountRemovesTheBulkAnswerAndSaysSo() {
        var wizard = Drive.wizard(.betweenSystemsConditions)
        #expect(wizard.answers.data.bulk == .no)
        wizard.change("D5")
        wizard.answer("1,500")
        #expect(wizard.screen == .check)
        #expect(wizard.answers.data.records == 1500)
        #expect(wizard.answers.data.bulk == nil)
        #expect(
            wizard.notice?.contains("D6 Is it a bulk transfer (records about 1,000 or more people)? (was: No)") == true)
    }

    @Test func backWhileChangingReturnsToCheckUnchanged() {
        let before = Drive.wizard(.thirdPartyBlocked)
        for code: StepCode in ["R1", "P1", "T3"] {
            var wizard = before
            wizard.change(code)
            do { let result = wizard.back(); #expect(result) }
            #expect(wizard.screen == .check, "\(code)")
            #expect(wizard.answers == before.answers)
            #expect(!wizard.isChanging)
        }
    }

    @Test func aQuestionThatDoesNotApplyCannotBeChanged() {
        var wizard = Drive.wizard(.sameSystemProceed)
        wizard.change("X1")
        #expect(wizard.screen == .check)
        #expect(!wizard.isChanging)
    }

    @Test func changingTheRecipientsListFinishesBackAtCheck() {
        var wizard = Drive.wizard(.thirdPartyBlocked)
        wizard.change("P1")
        #expect(wizard.screen == .recipients)
        wizard.removeRecipient(1)
        do { let result = wizard.finishRecipients(); #expect(result == nil) }
        #expect(wizard.screen == .check)
        #expect(wizard.answers.recipients.count == 1)
    }

    // MARK: - Recipients

    static func atRecipients() -> Wizard {
        var wizard = Drive.wizard(.sameSystemProceed)
        wizard.jump(to: "P1")
        return wizard
    }

    @Test func anEmptyNewRecipientIsDroppedOnBack() {
        var wizard = Self.atRecipients()
        wizard.addRecipient()
        #expect(wizard.screen == .recipientField(index: 1, code: "P2"))
        #expect(wizard.answers.recipients.count == 2)
        wizard.back()
        #expect(wizard.screen == .recipients)
        #expect(wizard.answers.recipients.count == 1)
    }

    @Test func backThroughRecipientFieldsKeepsTheirAnswers() {
        var wizard = Self.atRecipients()
        wizard.addRecipient()
        wizard.answer("Siân Ó Ceallaigh")
        #expect(wizard.screen == .recipientField(index: 1, code: "P3"))
        wizard.back()
        #expect(wizard.screen == .recipientField(index: 1, code: "P2"))
        #expect(wizard.currentAnswer == "Siân Ó Ceallaigh")
        wizard.back()
        #expect(wizard.screen == .recipients)
        #expect(wizard.answers.recipients.count == 2, "a started recipient is kept")
        do {
            let result = wizard.finishRecipients();
            #expect(result == "Recipient 2 is not finished: choose it and answer the remaining questions.")
        }
        #expect(wizard.screen == .recipients)
    }

    @Test func aRecipientIsAddedEditedAndRemoved() {
        var wizard = Self.atRecipients()
        wizard.addRecipient()
        // Inside one system the method delivers to no mailbox: P5 is not asked.
        for value in ["Dana Field", "", "", "yes", "sc"] {
            do { let result = wizard.answer(value); #expect(result == nil) }
        }
        #expect(wizard.screen == .recipients)
        #expect(wizard.answers.recipients[1] == Answers.Recipient(name: "Dana Field", authorised: .yes, clearance: .sc))

        wizard.editRecipient(1)
        #expect(wizard.screen == .recipientField(index: 1, code: "P2"))
        #expect(wizard.currentAnswer == "Dana Field")
        wizard.answer("Dana Fields")
        wizard.answer("Acme")
        #expect(wizard.stepCode == "P4")
        while wizard.screen != .recipients { wizard.answer(wizard.currentAnswer) }
        #expect(
            wizard.answers.recipients[1]
                == Answers.Recipient(name: "Dana Fields", organisation: "Acme", authorised: .yes, clearance: .sc))
        #expect(wizard.answers.recipients[0].name == "Ana Lytic", "the other recipient is untouched")

        wizard.removeRecipient(0)
        #expect(wizard.answers.recipients.map(\.name) == ["Dana Fields"])
        wizard.removeRecipient(5)
        #expect(wizard.answers.recipients.count == 1)
    }

    @Test func atLeastOneRecipientIsNeeded() {
        var wizard = Self.atRecipients()
        wizard.removeRecipient(0)
        do {
            let result = wizard.finishRecipients(); #expect(result == "Add at least one recipient before continuing.")
        }
        #expect(wizard.screen == .recipients)
        do { let result = wizard.confirm(); #expect(result == ["P1"]) }
    }

    @Test func aRecipientsRequiredFieldIsValidated() {
        var wizard = Self.atRecipients()
        wizard.addRecipient()
        do { let result = wizard.answer(""); #expect(result == "Please type an answer; this one is needed.") }
        #expect(wizard.stepCode == "P2")
        wizard.answer("X")
        wizard.answer("")
        wizard.answer("")
        do { let result = wizard.answer("sideways"); #expect(result == "Please choose one of the options.") }
        #expect(wizard.stepCode == "P6", "P5 (mailbox) is not asked inside one system")
    }

    // MARK: - The mailbox question follows the method

    /// The recipient editor's steps for a new recipient with this method.
    static func recipientSteps(method: String) -> (steps: [StepCode], recipient: Answers.Recipient) {
        var answers = Drive.wizard(.betweenSystemsConditions).answers
        answers.method = TransferMethod(rawValue: method)
        var wizard = Wizard(answers: answers, resumeAt: "P1")
        wizard.addRecipient()
        var steps: [StepCode] = []
        let values: [StepCode: String] = [
            "P2": "Dana Field", "P3": "", "P4": "", "P5": "personal", "P6": "yes", "P7": "sc",
        ]
        while case .recipientField(_, let code) = wizard.screen {
            steps.append(code)
            wizard.answer(values[code]!)
        }
        return (steps, wizard.answers.recipients[1])
    }

    @Test(arguments: ["email", "secure-email", "not-sure"])
    func theMailboxIsAskedWhenTheMethodDeliversToAMailbox(method: String) {
        let (steps, recipient) = Self.recipientSteps(method: method)
        #expect(steps == ["P2", "P3", "P4", "P5", "P6", "P7"])
        #expect(recipient.mailbox == .personal)
    }

    @Test(arguments: ["secure-network", "secure-file-transfer", "sharing-service", "paper", "within-system"])
    func theMailboxIsNotAskedOtherwise(method: String) {
        let (steps, recipient) = Self.recipientSteps(method: method)
        #expect(steps == ["P2", "P3", "P4", "P6", "P7"])
        #expect(recipient.mailbox == nil)
        #expect(
            recipient == Answers.Recipient(name: "Dana Field", authorised: .yes, clearance: .sc), "complete without it")
    }

    @Test func backSkipsTheMailboxWhenItIsNotAsked() {
        var wizard = Self.atRecipients()
        wizard.editRecipient(0)
        for _ in 0..<3 { wizard.answer(wizard.currentAnswer) }
        #expect(wizard.stepCode == "P6")
        wizard.back()
        #expect(wizard.stepCode == "P4")

        var byEmail = Wizard(answers: Drive.wizard(.thirdPartyBlocked).answers, resumeAt: "P6:1")
        byEmail.back()
        #expect(byEmail.screen == .recipientField(index: 0, code: "P5"))
        #expect(byEmail.currentAnswer == "personal")
    }

    @Test func aRecipientWithoutAMailboxIsFinishedWhenTheMethodDeliversToNone() {
        var wizard = Self.atRecipients()
        #expect(wizard.answers.recipients[0].mailbox == nil)
        do { let result = wizard.finishRecipients(); #expect(result == nil) }
        #expect(wizard.stepCode == "K1")
    }

    @Test func aMailboxStepThatDoesNotApplyResumesAtTheRecipientsList() {
        let answers = Drive.wizard(.sameSystemProceed).answers
        #expect(Wizard(answers: answers, resumeAt: "P5:1").screen == .recipients)
        #expect(Wizard(answers: answers, resumeAt: "P6:1").screen == .recipientField(index: 0, code: "P6"))
    }

    @Test func changingTheMethodAwayFromEmailRemovesAndNamesTheMailboxes() throws {
        var wizard = Drive.wizard(.thirdPartyBlocked)
        #expect(wizard.decision?.verdict == .blocked, "a shared mailbox by secure email")
        wizard.change("M1")
        wizard.answer("secure-file-transfer")
        #expect(wizard.screen == .check, "nothing new to ask")
        #expect(wizard.answers.recipients.allSatisfy { $0.mailbox == nil })
        #expect(
            wizard.answers.recipients.map(\.name) == ["Dana Field", "Acme helpdesk"],
            "the rest of each recipient is kept")
        let notice = try #require(wizard.notice)
        #expect(notice.hasPrefix("These answers no longer apply and were removed:"))
        #expect(
            notice.contains(
                "\nP5 Recipient 1, Dana Field: Will it go to their own mailbox or a shared one? (was: Personal mailbox)"
            ))
        #expect(
            notice.contains(
                """
                \nP5 Recipient 2, Acme helpdesk: Will it go to their own mailbox or a shared one? (was: Shared or \
                group mailbox)
                """
            ))
        #expect(wizard.decision?.findings.contains { $0.rule == .recipientsAuthorised } == false)
    }

    @Test func changingBetweenTwoMailboxMethodsKeepsTheMailboxes() {
        var wizard = Drive.wizard(.thirdPartyBlocked)
        wizard.change("M1")
        wizard.answer("not-sure")
        #expect(wizard.screen == .check)
        #expect(wizard.notice == nil)
        #expect(wizard.answers.recipients.map(\.mailbox) == [.personal, .shared])
    }

    @Test func changingTheMethodToEmailAsksEachRecipientsMailboxThenReturnsToCheck() {
        var wizard = Drive.wizard(.thirdPartyBlocked)
        wizard.change("M1")
        wizard.answer("secure-file-transfer")
        wizard.change("M1")
        wizard.answer("email")
        #expect(wizard.screen == .recipientField(index: 0, code: "P5"))
        #expect(wizard.currentAnswer == nil)
        wizard.answer("personal")
        #expect(wizard.screen == .recipientField(index: 1, code: "P5"), "only the mailboxes, recipient by recipient")
        wizard.answer("shared")
        #expect(wizard.screen == .check)
        #expect(!wizard.isChanging)
        #expect(wizard.answers.recipients.map(\.mailbox) == [.personal, .shared])
        #expect(wizard.answers.isComplete)
    }

    @Test func backFromAMailboxTheMethodAskedForReturnsToTheMethod() {
        var wizard = Drive.wizard(.betweenSystemsConditions)
        wizard.change("M1")
        wizard.answer("secure-email")
        #expect(wizard.screen == .recipientField(index: 0, code: "P5"))
        wizard.back()
        #expect(wizard.screen == .question("M1"))
        #expect(wizard.isChanging, "still changing the method")
        wizard.answer("secure-network")
        #expect(wizard.screen == .check)
        #expect(wizard.notice == nil, "no mailbox was given, so none is removed")
    }

    @Test func goingBackToTheMethodAndChoosingEmailAsksTheMailboxesOnTheWayForward() {
        var wizard = Drive.wizard(.betweenSystemsConditions)
        wizard.jump(to: "M1")
        wizard.answer("email")
        #expect(wizard.screen == .recipientField(index: 0, code: "P5"))
        wizard.answer("personal")
        #expect(wizard.screen == .recipients, "then on to the recipients, the step after the method")
        do { let result = wizard.finishRecipients(); #expect(result == nil) }
        #expect(wizard.stepCode == "K1")
    }

    // MARK: - Resume and jump

    @Test(arguments: [
        ("P5:2", Screen.recipientField(index: 1, code: "P5"), "P5:2"),
        ("p7:1", .recipientField(index: 0, code: "P7"), "P7:1"),
        ("P5:9", .recipients, "P1"),
        ("P1", .recipients, "P1"),
        ("X3", .question("X3"), "X3"),
        ("CHECK", .check, "CHECK"),
        ("OUTCOME", .outcome, "OUTCOME"),
    ])
    func resumesAtTheSavedStep(step: String, screen: Screen, resumeStep: String) {
        let wizard = Wizard(answers: Drive.wizard(.thirdPartyBlocked).answers, resumeAt: step)
        #expect(wizard.screen == screen)
        #expect(wizard.resumeStep == resumeStep)
    }

    @Test func resumingARecipientFieldShowsThatRecipientsAnswer() {
        let wizard = Wizard(answers: Drive.wizard(.thirdPartyBlocked).answers, resumeAt: "P5:2")
        #expect(wizard.currentAnswer == "shared")
        let codes = Flow().applicable(to: wizard.answers).map(\.code)
        let list = codes.firstIndex(of: .recipients).map { $0 + 1 }
        #expect(wizard.progress == (list ?? 0, codes.count), "a recipient's field counts as the list's step")
        #expect(codes.firstIndex(of: "M1").map { $0 + 2 } == list, "M1 comes right before P1")
    }

    @Test func aSavedStepThatNoLongerAppliesResumesAtTheFirstMissingAnswer() {
        var answers = Drive.wizard(.sameSystemProceed).answers
        #expect(Wizard(answers: answers, resumeAt: "X1").screen == .check)
        answers.method = nil
        #expect(Wizard(answers: answers, resumeAt: "X1").screen == .question("M1"))
        #expect(
            Wizard(answers: answers, resumeAt: "OUTCOME").screen == .check, "incomplete answers cannot show the outcome"
        )
        #expect(Wizard(answers: answers).screen == .question("M1"))
        #expect(Wizard().screen == .question("Y1"))
    }

    @Test func jumpsOnlyToStepsAlreadyReached() {
        var wizard = Wizard()
        wizard.answer("Siân Ó Ceallaigh")
        wizard.answer("sian@justice.gov.uk")
        #expect(wizard.stepCode == "Y3")
        do { let result = wizard.jump(to: "T3"); #expect(!result, "not reached yet") }
        do { let result = wizard.jump(to: "Q9"); #expect(!result, "no such step") }
        do { let result = wizard.jump(to: "y1"); #expect(result) }
        #expect(wizard.screen == .question("Y1"))

        var complete = Drive.wizard(.thirdPartyBlocked)
        do { let result = complete.jump(to: "X2"); #expect(result) }
        #expect(complete.screen == .question("X2"))
        do { let result = complete.jump(to: "P6:2"); #expect(result) }
        #expect(complete.screen == .recipientField(index: 1, code: "P6"))
        var sameSystem = Drive.wizard(.sameSystemProceed)
        do { let result = sameSystem.jump(to: "X2"); #expect(!result, "third-party questions do not apply") }
    }
}
