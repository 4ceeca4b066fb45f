import DMFDocuments
import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// Screens as state and view: each screen's keys are declared once, the footer is made from
/// them, a message lives as long as its screen, and drawing changes nothing.
@Suite struct ScreenStateTests {
    /// A window wide enough for every hint, so a footer shows all its bindings' labels.
    static let wide = (width: 200, height: 30)

    static func footer(_ app: FullScreenApp) -> String {
        let lines = app.view(width: wide.width, height: wide.height).canvas.lines
        return lines[lines.count - 1].trimmingCharacters(in: .whitespaces)
    }

    static func trainingApp(_ folder: borrowing TemporaryFolder) -> FullScreenApp {
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, training: true, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock, outputFolder: folder.makeOutputFolder())
        app.startTraining(cases: Array(TrainingTests.cases.prefix(1)))
        return app
    }

    // MARK: - Footers

    /// The screens no golden screen shows keep the footers they had, word for word.
    @Test func footersKeepTheirWords() throws {
        let folder = TemporaryFolder()
        let menu = ScreenTests.app(folder, drafts: true)
        ScreenTests.fastForward(menu, [.char("2"), .enter])
        #expect(Self.footer(menu) == "Enter open · ↑↓ choose · d delete · Esc back")
        ScreenTests.fastForward(menu, [.escape, .char("3"), .enter])
        #expect(Self.footer(menu) == "Type the file's path · Enter open · Esc back")
        ScreenTests.fastForward(menu, [.escape, .char("4"), .enter])
        #expect(Self.footer(menu) == "Any key: back")
        ScreenTests.fastForward(menu, [.enter, .function(1)])
        #expect(Self.footer(menu) == "↑↓ scroll · any other key: back to the question")

        let helpdesk = HelpdeskScreenTests.app(folder)
        ScreenTests.fastForward(helpdesk, HelpdeskScreenTests.keys(.sameSystemProceed, until: "T1"))
        #expect(
            Self.footer(helpdesk)
                == "Enter choose · ↑↓ or number move · Esc back · F1/? help · g go to step · Ctrl-S save draft · q quit"
        )

        let training = Self.trainingApp(folder)
        #expect(Self.footer(training) == "Type your name · Enter next · Esc leave")
        ScreenTests.fastForward(training, TrainingTests.nameKeys)
        #expect(Self.footer(training) == "Enter open · ↑↓ choose · q or Esc finish")
        ScreenTests.fastForward(training, [.enter])
        #expect(Self.footer(training) == "Enter start the case · ↑↓ scroll · Esc back")
        ScreenTests.fastForward(training, [.enter])
        #expect(
            Self.footer(training) == "Enter next · Esc back · F1 help · Ctrl-G go to step · Ctrl-R the story",
            "training offers no Ctrl-S")
        let trainingCase = try #require(TrainingTests.cases.first)
        let journey = TrainingTests.journey(trainingCase)
        ScreenTests.fastForward(training, Drive.keys(journey, until: "T1"))
        #expect(
            Self.footer(training)
                == "Enter choose · ↑↓ or number move · Esc back · F1/? help · g go to step · r the story · q quit")
        ScreenTests.fastForward(training, Drive.keys(journey, to: .outcome, from: training.session.wizard))
        #expect(training.isShowing(PredictScreen.self))
        #expect(Self.footer(training) == "Enter next · ↑↓ or 1-4 move · Esc back · r the story")
        ScreenTests.fastForward(training, [.char("1"), .enter])
        #expect(
            Self.footer(training) == "Space tick · ↑↓ move · Enter on Done or c: the outcome · Esc back · r the story")
        ScreenTests.fastForward(training, [.char("c")])
        #expect(Self.footer(training) == "Enter next case · ↑↓ scroll")
        ScreenTests.fastForward(training, [.enter, .char("q")])
        #expect(Self.footer(training) == "s save the score sheet · Enter finish")

        let nothingDone = Self.trainingApp(folder)
        ScreenTests.fastForward(nothingDone, TrainingTests.nameKeys + [.char("q")])
        #expect(Self.footer(nothingDone) == "Enter finish", "nothing to save, so no s")
    }

    /// A key in a labelled binding is not taken by an earlier binding of the same screen, so the
    /// key the footer names does what the footer says.
    @Test func aKeyTheFooterNamesIsTheKeyThatWorks() throws {
        func check<Action: Equatable>(_ bindings: [KeyBinding<Action>], _ name: String) {
            for binding in bindings where binding.label != nil {
                for match in binding.keys {
                    let key: Key =
                        switch match {
                        case .key(let key): key
                        case .digit: .char("1")
                        case .editing: .char("x")
                        case .any: .function(12)
                        }
                    #expect(bindings.action(for: key) == binding.action, "\(name): \(key) is taken earlier")
                }
            }
        }
        let folder = TemporaryFolder()
        for helpdesk in [false, true] {
            check(StartScreen.bindings(helpdesk: helpdesk), "start")
            for (training, workingCase) in [(false, false), (true, false), (true, true)] {
                let settings = WizardSettings(helpdesk: helpdesk, training: training, workingCase: workingCase)
                for question in Flow(helpdesk: true).questions + Flow.recipientQuestions {
                    let app = ScreenTests.app(folder)
                    for (text, required) in [("", false), ("typed", false), ("", true)] {
                        var screen = QuestionScreen(wizard: app.session.wizard)
                        screen.input = TextInput(text)
                        check(
                            screen.bindings(question, required: required, settings: settings),
                            "question \(question.code)")
                    }
                }
                check(RecipientsScreen.bindings(settings), "recipients")
                check(CheckScreen.bindings(settings), "check")
                check(OutcomeScreen.bindings(settings), "outcome")
            }
        }
        check(DraftsScreen.bindings, "drafts")
        check(OpenFileScreen.bindings, "open file")
        check(AboutScreen.bindings, "about")
        check(SaveScreen.bindings, "save")
        check(SavedScreen.bindings, "saved")
        check(HelpOverlay.bindings, "help")
        check(StoryOverlay.bindings, "story over a case")
        check(RegisterScreen.listBindings, "register list")
        check(RegisterScreen.searchBindings, "register search")
        check(RegisterScreen.entryBindings, "register entry")
        check(RegisterScreen.changeBindings, "register change")
        check(JumpPrompt.bindings, "jump")
        check(TraineeNameScreen.bindings, "trainee's name")
        check(TrainingListScreen.bindings(cases: 12), "training list")
        check(StoryScreen.bindings, "story")
        check(PredictScreen.bindings, "predict")
        check(ComparisonScreen.bindings, "comparison")
        var pick = PickActionsScreen(prediction: .proceed, predicting: PredictScreen())
        check(pick.bindings, "pick actions")
        pick.highlight = TrainingResult.pickableRules.count
        check(pick.bindings, "pick actions on Done")
        var run = TrainingRun()
        check(SummaryScreen.bindings(run), "summary")
        let item = try #require(TrainingTests.cases.first)
        let decision = try PolicyEngine.evaluate(item.answers)
        run.results = [
            TrainingResult(
                trainingCase: item, answers: item.answers, decision: decision, predicted: .proceed, picked: [])
        ]
        check(SummaryScreen.bindings(run), "summary with results")
    }

    @Test func theGoToStepPromptNamesItsOwnKeys() {
        #expect(JumpPrompt.prompt == "Go to step (a code such as R2; Enter go, Esc cancel): ")
    }

    // MARK: - Drawing changes nothing

    @Test func drawingAScreenTwiceDrawsTheSameAndChangesNothing() {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        for key in Drive.keys(.thirdPartyBlocked, to: .outcome) + [.down, .pageDown, .char("s")] {
            let identity = app.screenIdentity, answers = app.session.wizard.answers
            let first = app.view(width: 80, height: 24), second = app.view(width: 80, height: 24)
            #expect(first.canvas == second.canvas)
            #expect(first.layout == second.layout)
            #expect(app.screenIdentity == identity && app.session.wizard.answers == answers)
            app.handle(key)
        }
        #expect(app.isShowing(SaveScreen.self))
    }

    // MARK: - Messages

    @Test func aMessageLastsAsLongAsItsScreen() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder, drafts: true)
        ScreenTests.fastForward(app, [.enter] + Drive.keys(.sameSystemProceed, until: "T2") + [.escape])
        try #require(app.session.wizard.stepCode == "T1")
        ScreenTests.fastForward(app, [.ctrl("s")])
        let saved = ScreenTests.prose(app.view(width: 80, height: 24).canvas.text)
        #expect(saved.contains("! Draft saved: "))
        #expect(ScreenTests.prose(app.view(width: 80, height: 24).canvas.text) == saved, "redrawing keeps it")
        ScreenTests.fastForward(app, [.char("x")])
        #expect(ScreenTests.prose(app.view(width: 80, height: 24).canvas.text) == saved, "a key that does nothing")
        ScreenTests.fastForward(app, [.enter])  // the saved answer, chosen again: on to T2
        #expect(app.session.wizard.stepCode == "T2")
        #expect(!app.view(width: 80, height: 24).canvas.text.contains("Draft saved"), "gone with its screen")
    }

    /// Confirming with an answer missing goes to that question, and the reason goes with it.
    @Test func theMessageAboutAMissingAnswerFollowsItToItsQuestion() throws {
        let folder = TemporaryFolder()
        var answers = Drive.wizard(.sameSystemProceed).answers
        answers.data.classification = nil
        let question = try #require(Flow().questions.first { $0.path == "data.classification" })
        let app = FullScreenApp(
            session: WizardSession(
                wizard: Wizard(answers: answers, resumeAt: "CHECK"), drafts: nil, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock, startAt: .questions, outputFolder: folder.makeOutputFolder()
        )
        try #require(app.session.wizard.screen == .check)
        let screen = ScreenTests.play(app, [.char("c")]).screen
        #expect(app.session.wizard.stepCode == question.code)
        #expect(screen.contains("! This answer is still needed before the outcome."))
        #expect(screen.contains(question.prompt))
    }

    // MARK: - The outcome's lines

    @Test(arguments: Journey.all)
    func outcomeLinesAreTypedAndReadAsBefore(_ journey: Journey) throws {
        let form = try DMFBuilder.build(
            Drive.wizard(journey).answers, context: .init(producedAt: FixedClock.iso))
        let lines = OutcomeSummary.lines(form)
        #expect(
            Array(lines.prefix(5)) == [
                .verdict(form.verdict), .headline(form.verdict.headline), .formNeeded(form.decision.dmfRequired),
                .gap, .heading("Why"),
            ])
        #expect(lines.map(\.text).prefix(2) == ["Outcome: \(form.verdict.label)", form.verdict.headline])
        let items = lines.filter { if case .checklistItem = $0 { true } else { false } }
        #expect(items.count == form.decision.checklist.count)
        for line in lines {
            switch line {
            case .reason: #expect(line.text.hasPrefix("- "))
            case .because: #expect(line.text.hasPrefix("  Because: "))
            case .guidance: #expect(line.text.hasPrefix("  Guidance, "))
            case .checklistItem: #expect(line.text.hasPrefix("[ ] "))
            case .heading: #expect(line.text.hasSuffix(":"))
            default: break
            }
        }
    }

    @Test func theOutcomeScreenStylesEachKindOfLine() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.thirdPartyBlocked, to: .outcome))
        let canvas = app.view(width: 80, height: 40).canvas
        func style(ofLineStarting text: String) throws -> Style {
            let row = try #require(canvas.lines.firstIndex { $0.dropFirst(3).hasPrefix(text) }, "\(text)")
            // The first letter: leading spaces are indentation, not drawn.
            let line = canvas.lines[row]
            let letter = try #require(line.range(of: text.trimmingCharacters(in: .whitespaces))).lowerBound
            return canvas.style(atX: line.distance(from: line.startIndex, to: letter), y: row)
        }
        #expect(try style(ofLineStarting: "Outcome: BLOCKED") == .danger)
        #expect(try style(ofLineStarting: "Why:") == .heading)
        #expect(try style(ofLineStarting: "- ") == .normal)
        #expect(try style(ofLineStarting: "  Because: ") == .dim)
    }

    // MARK: - The clock

    @Test func theSessionStampsTheFormAndChecksDatesWithItsClock() throws {
        let later = WallClock.fixed(Date(timeIntervalSince1970: 1_900_000_000))  // 2030-03-17
        let session = WizardSession(wizard: Drive.wizard(.sameSystemProceed), drafts: nil, clock: later)
        #expect(session.filledForm()?.producedAt == "2030-03-17T17:46:40Z")
        #expect(session.wizard.today?.year == 2030)
        let fixed = WizardSession(wizard: Drive.wizard(.sameSystemProceed), drafts: nil, clock: FixedClock.clock)
        #expect(fixed.filledForm()?.producedAt == FixedClock.iso)
    }

    @Test func fillRefusesAClockWhoseSourceDateEpochCannotBeUsed() {
        let command = FillCommand(
            answersPath: FormatChoiceTests.example, clock: .honouring(sourceDateEpoch: "nan"))
        var errors = ""
        let status = command.run(stdout: { _ in }, stderr: { errors += $0 })
        #expect(status == 2)
        #expect(errors.contains("SOURCE_DATE_EPOCH must be whole seconds"))
    }

    @Test func theScoreSheetIsDatedByTheAppsClock() throws {
        let folder = TemporaryFolder()
        let app = Self.trainingApp(folder)
        let item = try #require(TrainingTests.cases.first)
        let decision = try PolicyEngine.evaluate(item.answers)
        let verdict = Key.char(Character(String(TrainingResult.predictionOrder.firstIndex(of: decision.verdict)! + 1)))
        ScreenTests.fastForward(
            app,
            TrainingTests.nameKeys + [.enter, .enter] + Drive.keys(TrainingTests.journey(item), to: .outcome)
                + [verdict, .enter, .char("c"), .enter, .char("q"), .char("s")])
        let names = files(in: folder.output)
        #expect(
            names.count == 2
                && names.allSatisfy { $0.hasSuffix("-202511290214.md") || $0.hasSuffix("-202511290214.csv") })
    }
}
