import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// Every recorded answer is one the person gave: nothing pre-selected, a number only moves the
/// highlight, and keys typed while the screen changes never answer the next screen.
@Suite struct DeliberateAnswerTests {
    /// Every choice question of the flow, reached on a fresh wizard by answering what comes
    /// before it from a journey.
    static var choiceSteps: [StepCode] {
        Flow().questions.filter { !$0.choices.isEmpty }.map(\.code)
    }

    @Test(arguments: choiceSteps)
    func enterOnAFreshChoiceRecordsNothing(step: StepCode) throws {
        let folder = TemporaryFolder()
        let journey = Journey.all.first { $0.expectedCodes.contains(step) }!
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(journey, until: step.rawValue))
        try #require(app.session.wizard.stepCode == step)
        let before = app.session.wizard.answers
        let screen = ScreenTests.play(app, [.enter]).screen
        #expect(app.session.wizard.stepCode == step, "the screen stays")
        #expect(app.session.wizard.answers == before, "nothing recorded")
        #expect(screen.contains("Choose one of the options"))
        let chosen = BoxCharset.unicode.radioSelected
        #expect(
            !screen.split(separator: "\n").contains { $0.contains(chosen) }, "no choice shown as chosen:\n\(screen)")
    }

    @Test func aNumberThenEnterRecordsExactlyOneAnswer() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.sameSystemProceed, until: "T1"))
        let before = app.session.wizard.answers
        ScreenTests.fastForward(app, [.char("2")])
        #expect(app.session.wizard.answers == before, "a number only moves the highlight")
        #expect(app.session.wizard.stepCode == "T1")
        ScreenTests.fastForward(app, [.enter])
        var expected = before
        expected.transfer.kind = .move
        #expect(app.session.wizard.answers == expected, "one answer, the one highlighted")
        #expect(app.session.wizard.stepCode == "T2")
    }

    @Test func twoDigitsReachOptionEleven() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.betweenSystemsConditions, until: "M1"))
        let method = try #require(app.session.wizard.currentQuestion)
        try #require(method.choices.count == 11)
        ScreenTests.fastForward(app, [.char("1"), .char("1")])
        #expect(app.session.wizard.answers.method == nil)
        ScreenTests.fastForward(app, [.enter])
        #expect(app.session.wizard.answers.method?.rawValue == method.choices[10].value)
        #expect(app.session.wizard.answers.method == .notSure)
    }

    @Test func aDigitThatCannotExtendTheNumberStartsANewOne() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.betweenSystemsConditions, until: "M1"))
        ScreenTests.fastForward(app, [.char("1"), .char("1"), .char("3"), .enter])
        #expect(
            app.session.wizard.answers.method?.rawValue
                == app.session.wizard.flow.question(code: "M1")!.choices[2].value)
    }

    @Test func aSavedAnswerShowsAsChosenWhenGoingBack() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.sameSystemProceed, until: "T2"))
        let screen = ScreenTests.play(app, [.escape]).screen
        #expect(app.session.wizard.stepCode == "T1")
        let chosen = try #require(ScreenTests.line(containing: BoxCharset.unicode.radioSelected, in: screen))
        #expect(chosen.contains("Share"), "\(chosen)")
    }

    @Test func theErrorGoesOnceAChoiceIsMadeOrMovedTo() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.sameSystemProceed, until: "T1") + [.enter])
        #expect(ScreenTests.play(app, []).screen.contains("Choose one of the options"))
        let fresh = ScreenTests.app(folder)
        ScreenTests.fastForward(fresh, Drive.keys(.sameSystemProceed, until: "T1") + [.enter])
        #expect(!ScreenTests.play(fresh, [.down]).screen.contains("Choose one of the options"))
    }

    /// `2`, Enter, then `3` typed before the next screen was drawn: the 3 is dropped, not
    /// carried into the next question.
    @Test func keysTypedWhileTheScreenChangesAreDropped() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.sameSystemProceed, until: "T1"))
        let backend = ScreenTests.play(
            app, steps: [.key(.char("2")), .key(.enter), .typedAhead(.char("1")), .typedAhead(.enter)])
        #expect(backend.discardedKeys == [.char("1"), .enter])
        #expect(app.session.wizard.stepCode == "T2")
        #expect(app.session.wizard.answers.transfer.frequency == nil, "T2 was not answered by keys meant for T1")
    }

    /// `2`, Enter, then `1` and Enter typed as soon as the next question appears: they answer
    /// it. Type-ahead is dropped before the new screen is drawn, never after, so a key pressed
    /// as the screen appears (on a busy machine, before the program reaches its next read) is
    /// kept.
    @Test func keysTypedOnceTheNextScreenIsUpAreKept() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.sameSystemProceed, until: "T1"))
        let backend = ScreenTests.play(
            app, steps: [.key(.char("2")), .key(.enter), .typedOnSight(.char("1")), .typedOnSight(.enter)])
        #expect(backend.discardedKeys.isEmpty)
        #expect(app.session.wizard.answers.transfer.frequency != nil, "T2 was answered")
        #expect(app.session.wizard.stepCode != "T2")
    }

    @Test func keysThatDoNotChangeTheScreenAreNotDropped() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.sameSystemProceed, until: "T1"))
        let backend = ScreenTests.play(app, steps: [.key(.char("2")), .typedAhead(.down), .typedAhead(.enter)])
        #expect(backend.discardedKeys.isEmpty)
        #expect(app.session.wizard.answers.transfer.kind == .notSure)
    }

    @Test func removingARecipientAsksFirst() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.thirdPartyBlocked, until: "K1"))
        for _ in 0..<5 where app.session.wizard.screen != .recipients { app.handle(.escape) }
        try #require(app.session.wizard.screen == .recipients)
        let count = app.session.wizard.answers.recipients.count
        try #require(count == 2)
        ScreenTests.fastForward(app, [.up, .up])  // from Continue to recipient 2
        let asked = ScreenTests.play(app, [.char("d")]).screen
        #expect(asked.contains("Remove recipient 2 (Acme helpdesk)? Press y to remove"))
        ScreenTests.fastForward(app, [.char("n")])
        #expect(app.session.wizard.answers.recipients.count == count, "kept")
        ScreenTests.fastForward(app, [.char("d"), .char("y")])
        #expect(app.session.wizard.answers.recipients.map(\.name) == ["Dana Field"], "removed after y")
    }

    @Test func checkYourAnswersOpensAtTheTopWithNothingHighlighted() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.thirdPartyBlocked))
        let screen = ScreenTests.play(app, []).screen
        #expect(screen.contains("Check your answers."))
        #expect(screen.contains("↓ more below"))
        #expect(!screen.contains("↑ more above"))
        let enter = ScreenTests.play(app, [.enter]).screen
        #expect(app.session.wizard.screen == .check, "Enter with nothing highlighted changes nothing")
        #expect(enter.contains("press c to confirm"))
    }

    @Test func checkYourAnswersShowsEveryRecipientInFull() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.thirdPartyBlocked))
        let recipients = app.session.wizard.answers.recipients
        try #require(recipients.count >= 2)
        var seen = ""
        for _ in 0..<60 { seen += ScreenTests.play(app, [.down]).screen + "\n" }
        for (index, recipient) in recipients.enumerated() {
            #expect(seen.contains("Recipient \(index + 1): \(recipient.name!)"))
        }
        #expect(!seen.contains("…"), "no answer is cut short")
    }
}

/// Saved drafts on the start screen and its drafts list.
@Suite struct DraftScreenTests {
    static func appWithDraft(_ folder: borrowing TemporaryFolder) throws -> FullScreenApp {
        let store = folder.drafts
        try FileManager.default.createDirectory(atPath: store.folder, withIntermediateDirectories: true)
        try "format: 1\ndata:\n  description: \"Rota\"\n".write(
            toFile: store.folder + "/draft-20261129-140210-AAAA.yaml", atomically: true, encoding: .utf8)
        return FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: store, clock: FixedClock.clock), drafts: store,
            clock: FixedClock.clock,
            outputFolder: folder.makeOutputFolder())
    }

    @Test func theStartScreenOffersToContinueTheNewestDraft() throws {
        let folder = TemporaryFolder()
        let app = try Self.appWithDraft(folder)
        let screen = ScreenTests.prose(ScreenTests.play(app, []).screen)
        #expect(screen.contains("You have a saved draft (begun 2026-11-29 14:02)"))
        let fresh = TemporaryFolder()
        #expect(
            !ScreenTests.prose(ScreenTests.play(ScreenTests.app(fresh, drafts: true), []).screen).contains(
                "You have a saved draft"))
    }

    @Test func aDraftIsDeletedFromTheListAfterConfirming() throws {
        let folder = TemporaryFolder()
        let app = try Self.appWithDraft(folder)
        ScreenTests.fastForward(app, [.char("2"), .enter])
        #expect(app.isShowing(DraftsScreen.self))
        let asked = ScreenTests.prose(ScreenTests.play(app, [.char("d")]).screen)
        #expect(asked.contains("Delete the draft Rota"))
        ScreenTests.fastForward(app, [.char("n")])
        #expect(files(in: folder.drafts.folder).count == 1, "kept")
        ScreenTests.fastForward(app, [.char("d"), .char("y")])
        let deleted = ScreenTests.prose(ScreenTests.play(app, []).screen)
        #expect(files(in: folder.drafts.folder).isEmpty)
        #expect(deleted.contains("Draft deleted."))
        #expect(deleted.contains("There are no saved drafts."))
    }
}

/// Found by the monkey test: Escape on the first question of a training case went to the real
/// start menu, from which real drafts and unmarked forms could be written.
@Suite struct TrainingStaysInTrainingTests {
    @Test func backFromTheFirstQuestionReturnsToTheStory() throws {
        let folder = TemporaryFolder()
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, training: true, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock)
        app.startTraining(cases: Array(TrainingTests.cases.prefix(1)))
        ScreenTests.fastForward(app, TrainingTests.nameKeys + [.enter, .enter])  // the story, then the first question
        #expect(app.isShowingWizard)
        ScreenTests.fastForward(app, [.escape])
        #expect(app.isShowing(StoryScreen.self))
        ScreenTests.fastForward(app, [.escape, .escape])
        #expect(app.isShowing(TrainingListScreen.self) || app.isShowing(SummaryScreen.self), "\(app.screenIdentity)")
        #expect(!app.isShowing(StartScreen.self))
    }
}

/// A delete-by date in the past is recorded only when given twice.
@Suite struct PastDateTests {
    @Test func aPastDateIsConfirmedByGivingItAgain() throws {
        var wizard = Wizard()
        wizard.today = IsoDate("2026-11-29")
        for _ in 0..<200 where wizard.stepCode != "K1" {
            switch wizard.screen {
            case .recipients:
                if wizard.answers.recipients.isEmpty { wizard.addRecipient() } else { wizard.finishRecipients() }
            default:
                wizard.answer(Journey.sameSystemProceed.value(for: wizard))
            }
        }
        try #require(wizard.stepCode == "K1")
        let problem = wizard.answer("31/03/2025")
        #expect(problem?.contains("31 March 2025 is in the past") == true, "\(problem ?? "no message")")
        #expect(wizard.stepCode == "K1" && wizard.answers.retention.deleteBy == nil, "not recorded yet")
        let again = wizard.answer("2025-03-31")
        #expect(again == nil, "the same date again (either spelling) keeps it")
        #expect(wizard.answers.retention.deleteBy == "2025-03-31")
        wizard.back()
        let future = wizard.answer("2027-03-31")
        #expect(future == nil, "a future date needs no confirming")
    }
}

/// Long help scrolls with the arrow keys; any other key goes back to the question.
@Suite struct HelpScrollTests {
    @Test func arrowsScrollTheHelpAndAnyOtherKeyClosesIt() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.thirdPartyBlocked, until: "R1") + [.function(1)])
        let top = app.render(width: 60, height: 20).canvas.text
        #expect(
            top.contains("Help for R1") && top.contains("↓ more below"), "R1's help is longer than a 60x20 window")
        ScreenTests.fastForward(app, [.down, .down])
        let scrolled = app.render(width: 60, height: 20)
        #expect(scrolled.canvas.text.contains("↑ more above"), "the arrows scroll it")
        #expect(scrolled.layout.start > 0)
        ScreenTests.fastForward(app, [.char("x")])
        let question = app.render(width: 60, height: 20).canvas.text
        #expect(!question.contains("Help for R1") && question.contains("Where is the information going?"))
        #expect(app.session.wizard.stepCode == "R1" && app.session.wizard.answers.route.type == nil)
    }
}

/// A choice that may be left unanswered (the frequency, whether only what is needed is sent,
/// an old marking, the IAO's decision off the third-party route): Enter with nothing chosen
/// never skips it, since nothing is chosen for the person, so `s`, which the footer names,
/// skips it and records nothing.
@Suite struct SkippingAChoiceTests {
    static let optional: [StepCode] = ["T2", "D7", "D3", "A2"]

    /// The app at `step`, on a journey where it may be skipped.
    static func app(at step: StepCode, _ folder: borrowing TemporaryFolder) throws -> FullScreenApp {
        let journey = try #require(
            Journey.all.first { $0.expectedCodes.contains(step) && $0.route != .thirdParty })
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(journey, until: step.rawValue))
        try #require(app.session.wizard.stepCode == step)
        return app
    }

    @Test(arguments: optional)
    func sSkipsAnOptionalChoiceAndRecordsNothing(step: StepCode) throws {
        let folder = TemporaryFolder()
        let app = try Self.app(at: step, folder)
        let question = try #require(app.session.wizard.currentQuestion)
        #expect(!app.session.wizard.isCurrentQuestionRequired)
        let screen = app.render(width: 80, height: 24).canvas.text
        #expect(screen.contains("s skip"), "the footer names the key:\n\(screen)")
        #expect(ScreenTests.prose(screen).contains("Optional: press s to skip it and leave it unanswered."))
        #expect(!screen.contains(BoxCharset.unicode.radioSelected), "nothing is chosen for the person")
        let before = app.session.wizard.answers
        ScreenTests.fastForward(app, [.char("s")])
        #expect(app.session.wizard.stepCode != step, "on to the next question")
        #expect(question.answer(in: app.session.wizard.answers) == nil, "nothing recorded")
        #expect(app.session.wizard.answers == before)
    }

    @Test func skippingAnAnswerGivenBeforeLeavesTheQuestionUnanswered() throws {
        let folder = TemporaryFolder()
        let app = try Self.app(at: "D3", folder)
        ScreenTests.fastForward(app, [.char("2"), .enter, .escape])
        #expect(app.session.wizard.stepCode == "D3")
        #expect(app.session.wizard.answers.data.legacyMarking != nil)
        ScreenTests.fastForward(app, [.char("s")])
        #expect(app.session.wizard.answers.data.legacyMarking == nil)
    }

    @Test func aChoiceThatMustBeAnsweredOffersNoSkip() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.thirdPartyBlocked, until: "A2"))
        #expect(app.session.wizard.isCurrentQuestionRequired, "on the third-party route the IAO must have decided")
        let screen = app.render(width: 80, height: 24).canvas.text
        #expect(!screen.contains("s skip") && !screen.contains("Optional"))
        let before = app.session.wizard.answers
        ScreenTests.fastForward(app, [.char("s")])
        #expect(app.session.wizard.stepCode == "A2" && app.session.wizard.answers == before)
    }
}
