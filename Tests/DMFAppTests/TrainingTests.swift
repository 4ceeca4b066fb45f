import DMFAnswers
import DMFDocuments
import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// Training: the prepared cases in `assets/training`, the scoring and its explanation, and a
/// whole session through the screens, which must say TRAINING everywhere and save nothing.
@Suite struct TrainingTests {
    /// Tests/DMFAppTests/TrainingTests.swift → the repository's assets/training.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("assets/training").path
    static let library = TrainingLibrary.load(folder: folder)
    static var cases: [TrainingCase] { library.cases }
    static let banner = FilledDMF.trainingBanner
    /// The trainee's name, asked first.
    static let nameKeys: [Key] = typing("Robin Trainee") + [.enter]

    /// The rules that asked for something (blocker, referral or action) for these answers.
    /// What the checklist asks to be done: what must change, whom to ask, before and after.
    static func needed(_ decision: Decision) -> Set<RuleID> {
        Set(decision.checklist.filter { $0.kind <= .action }.map(\.rule))
    }

    // MARK: - The cases

    @Test func everyCaseInTheFolderLoads() throws {
        #expect(Self.library.problems.isEmpty, "\(Self.library.problems)")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".yaml") }
        #expect(Self.cases.count == files.count)
        #expect(Self.cases.count >= 8)
        #expect(Self.cases.map(\.id) == files.sorted().map { String($0.dropLast(5)) }, "in file-name order")
        #expect(Set(Self.cases.map(\.notes.title)).count == Self.cases.count, "titles tell cases apart")
        for item in Self.cases {
            #expect(!item.notes.story.isEmpty && !item.notes.debrief.isEmpty, "\(item.id)")
            #expect(item.answers.helpdesk == nil, "\(item.id)")
        }
    }

    @Test(arguments: TrainingTests.cases.map(\.id))
    func eachCaseReachesItsVerdictWithItsKeyActions(_ id: String) throws {
        let item = try #require(Self.cases.first { $0.id == id })
        let decision = try PolicyEngine.evaluate(item.answers)
        #expect(decision.verdict == item.notes.expectedVerdict)
        let needed = Self.needed(decision)
        let missing = item.notes.keyActions.filter { !needed.contains($0) }
        #expect(missing.isEmpty, "\(id): key actions the answers do not ask for: \(missing)")
        #expect(
            item.notes.keyActions.allSatisfy(TrainingResult.pickableRules.contains),
            "a trainee can pick every key action")
        // The wizard asks every answer the case needs: none is left for the trainee to guess.
        let wizard = Wizard(answers: item.answers)
        #expect(wizard.screen == .check, "\(id) is complete")
    }

    @Test func theCasesCoverEveryRouteAndEveryVerdict() {
        #expect(Set(Self.cases.compactMap(\.answers.route.type)) == Set(RouteType.allCases))
        #expect(Set(Self.cases.map(\.notes.expectedVerdict)) == Set(Verdict.allCases))
    }

    @Test func aFileWithoutATrainingSectionIsReportedNotLoaded() throws {
        let temporary = TemporaryFolder()
        let source = Self.folder + "/" + (try #require(files(in: Self.folder).first { $0.hasSuffix(".yaml") }))
        try FileManager.default.copyItem(atPath: source, toPath: temporary.path + "/a-case.yaml")
        try "format: 1\n".write(toFile: temporary.path + "/b-plain.yaml", atomically: true, encoding: .utf8)
        try "not a case".write(toFile: temporary.path + "/notes.txt", atomically: true, encoding: .utf8)
        let loaded = TrainingLibrary.load(folder: temporary.path)
        #expect(loaded.cases.map(\.id) == ["a-case"])
        #expect(loaded.problems.count == 1)
        #expect(loaded.problems.first?.contains("b-plain.yaml") == true, "\(loaded.problems)")
    }

    // MARK: - Paragraphs

    @Test(arguments: [
        ("One line.", ["One line."]),
        ("Wrapped for YAML\nbut one paragraph.\n", ["Wrapped for YAML but one paragraph."]),
        ("First.\n\nSecond\n  continued.", ["First.", "Second continued."]),
        ("  Indented  \n\n\n   \nAfter blanks.\n\n", ["Indented", "After blanks."]),
        ("", []),
    ])
    func notesSplitIntoParagraphs(text: String, expected: [String]) {
        #expect(TrainingNotes.paragraphs(text) == expected)
    }

    // MARK: - Scoring and the explanation

    static func supplierCase() throws -> TrainingCase {
        try #require(cases.first { $0.id == "04-supplier-no-nda" })
    }

    @Test func aPerfectPredictionScoresTen() throws {
        let item = try Self.supplierCase()
        let decision = try PolicyEngine.evaluate(item.answers)
        let result = TrainingResult(
            trainingCase: item, answers: item.answers, decision: decision, predicted: decision.verdict,
            picked: Self.needed(decision))
        #expect(result.verdictCorrect)
        #expect(result.missed.isEmpty && result.unnecessary.isEmpty)
        #expect(result.score == 10)
        let lines = result.explanation(decision: decision, trainingCase: item, answers: item.answers, flow: Flow())
        #expect(lines[0] == "Your prediction: \(decision.verdict.label) · The wizard: \(decision.verdict.label)")
        #expect(lines[1] == "Verdict: right.")
        for rule in Self.needed(decision) {
            #expect(lines.contains("Right: \(rule.title) [\(rule.rawValue)]"))
        }
        #expect(!lines.contains { $0.hasPrefix("Missed:") || $0.hasPrefix("Not needed here:") })
        #expect(!lines.contains("Where your answers differ from the case's:"), "same answers, no differences")
        let debrief = try #require(lines.firstIndex(of: "Debrief:"))
        let score = try #require(lines.firstIndex(of: "Score for this case: 10 out of 10."))
        #expect(Array(lines[(debrief + 1)..<(score - 1)]) == TrainingNotes.paragraphs(item.notes.debrief))
        #expect(Array(lines[score...]) == result.scoreLines)
        #expect(lines[score + 1] == "- Verdict: 5 of 5: right (\(decision.verdict.label)).")
        #expect(
            lines[score + 2]
                == "- Actions: 5 of 5: every action needed ticked, and no tick for anything the outcome does not list.")
    }

    @Test func aWrongVerdictMissedAndExtraActionsAreEachExplained() throws {
        let item = try Self.supplierCase()
        // The trainee answered the NDA as signed and the method as ordinary email.
        var answers = item.answers
        answers.thirdParty.nda = .yes
        answers.method = .email
        let decision = try PolicyEngine.evaluate(answers)
        let needed = Self.needed(decision)
        let picked: Set<RuleID> = [.retention, .bulkApproval]
        let result = TrainingResult(
            trainingCase: item, answers: answers, decision: decision, predicted: .proceed, picked: picked)
        #expect(result.actualVerdict == decision.verdict)
        #expect(!result.verdictCorrect)
        #expect(result.needed == needed)
        #expect(Set(result.matched) == picked.intersection(needed))
        #expect(Set(result.missed) == needed.subtracting(picked))
        #expect(result.unnecessary == [.bulkApproval])
        // Nothing for the verdict; 5 for the actions, less one a miss and one a tick the outcome does not list.
        #expect(result.score == max(0, 5 - result.missed.count - 1))

        let lines = result.explanation(decision: decision, trainingCase: item, answers: answers, flow: Flow())
        #expect(lines[0] == "Your prediction: \(Verdict.proceed.label) · The wizard: \(decision.verdict.label)")
        #expect(lines[1] == "Verdict: different. \(decision.verdict.headline)")
        for rule in result.missed {
            let finding = try #require(decision.findings.first { $0.rule == rule && $0.kind <= .action })
            #expect(lines.contains("Missed: \(rule.title) [\(rule.rawValue)]. \(finding.text)"), "\(rule)")
        }
        #expect(lines.contains { $0.hasPrefix("Not needed here: \(RuleID.bulkApproval.title) [bulk-approval].") })
        #expect(lines.contains("Right: \(RuleID.retention.title) [retention]") == needed.contains(.retention))
        let differences = try #require(lines.firstIndex(of: "Where your answers differ from the case's:"))
        let listed = lines[(differences + 1)...].prefix { !$0.isEmpty }
        #expect(listed.count == 2, "\(listed)")
        #expect(listed.contains { $0.hasPrefix("X2 ") && $0.hasSuffix("You: Yes; the case: No.") })
        #expect(listed.contains { $0.hasPrefix("M1 ") && $0.contains("the case: ") })
        // Every point is accounted for: the verdict's, then one line for each point off.
        let score = try #require(lines.firstIndex(of: "Score for this case: \(result.score) out of 10."))
        #expect(
            lines[score + 1] == "- Verdict: 0 of 5: you predicted PROCEED, the wizard said \(decision.verdict.label).")
        #expect(lines[score + 2] == "- Actions: \(result.actionsScore) of 5: 5, less 1 for each of these:")
        for rule in result.missed { #expect(lines.contains("  - less 1: missed \(rule.title) [\(rule.rawValue)]")) }
        #expect(
            lines.contains(
                "  - less 1: ticked \(RuleID.bulkApproval.title) [bulk-approval], which the outcome does not list"))
    }

    @Test(arguments: [
        // (verdict right, matched, ticked but not listed, needed but not ticked, ticked and listed only) → score
        (true, 0, 0, 0, 0, 10), (false, 0, 0, 0, 0, 5), (true, 1, 1, 0, 0, 9), (true, 1, 0, 1, 0, 9),
        (false, 0, 2, 2, 0, 1), (true, 2, 1, 1, 0, 8), (false, 3, 0, 0, 0, 5), (true, 0, 0, 0, 2, 10),
        (true, 1, 2, 1, 1, 7), (false, 0, 4, 3, 0, 0),
    ])
    func fiveForTheVerdictAndFiveForTheActionsLessOneForEachMistake(
        right: Bool, matched: Int, extra: Int, missed: Int, listedOnly: Int, score: Int
    ) throws {
        let item = try Self.supplierCase()
        let decision = try PolicyEngine.evaluate(item.answers)
        let rules = TrainingResult.pickableRules
        var result = TrainingResult(
            trainingCase: item, answers: item.answers, decision: decision,
            predicted: right ? decision.verdict : (decision.verdict == .proceed ? .blocked : .proceed), picked: [])
        let needed = rules.prefix(matched + missed)
        let alsoListed = rules.dropFirst(matched + missed).prefix(listedOnly)
        let notListed = rules.dropFirst(matched + missed + listedOnly).prefix(extra)
        result.needed = Set(needed)
        result.listed = Set(needed).union(alsoListed)
        result.picked = Set(rules.prefix(matched)).union(alsoListed).union(notListed)
        #expect(result.score == score)
        #expect(result.verdictScore + result.actionsScore == score)
        #expect(result.alsoListed.count == listedOnly && result.unnecessary.count == extra)
    }

    /// The first case, PROCEED inside one system, answered as written, with its verdict and a
    /// tick for keeping copies only as long as needed: the real checklist lists that item (as
    /// good to know), so the tick is not wrong and the score is 10.
    @Test func aTickTheRealChecklistHasIsNeverWrong() throws {
        let item = try #require(Self.cases.first { $0.id == "01-team-folder" })
        let decision = try PolicyEngine.evaluate(item.answers)
        #expect(decision.verdict == .proceed)
        #expect(decision.checklist.contains { $0.rule == .retention }, "the checklist lists the retention item")
        let result = TrainingResult(
            trainingCase: item, answers: item.answers, decision: decision, predicted: .proceed, picked: [.retention])
        #expect(result.unnecessary.isEmpty)
        #expect(result.alsoListed == [.retention])
        #expect(result.score == 10)
        let lines = result.explanation(decision: decision, trainingCase: item, answers: item.answers, flow: Flow())
        #expect(!lines.contains { $0.hasPrefix("Not needed here:") })
        let group = try #require(decision.checklist.first { $0.rule == .retention }?.group.label)
        #expect(
            lines.contains(
                "Also on the outcome: \(RuleID.retention.title) [retention]. The outcome lists it under \"\(group)\", "
                    + "though not as something to do, so ticking it is not wrong."))
        #expect(
            lines.contains(
                "  - nothing off: ticked \(RuleID.retention.title) [retention], which the outcome lists (never wrong)"))
        // A tick for a rule the outcome does not list at all still costs a point, and says why.
        let wrong = TrainingResult(
            trainingCase: item, answers: item.answers, decision: decision, predicted: .proceed,
            picked: [.retention, .bulkApproval])
        #expect(wrong.score == 9)
        #expect(
            wrong.scoreLines.contains(
                "  - less 1: ticked \(RuleID.bulkApproval.title) [bulk-approval], which the outcome does not list"))
    }

    // MARK: - A session through the screens

    /// The case's model answers as a journey: text as typed, choices by number.
    static func journey(_ item: TrainingCase) -> Journey {
        func typed(_ question: Question, _ value: String?) -> String {
            guard let value else { return "" }
            return question.choices.first { $0.value == value }.map { String($0.number) } ?? value
        }
        var text: [StepCode: String] = [:]
        for question in Flow().applicable(to: item.answers) where question.code != .recipients {
            // A question the case leaves out is answered as `Journey` answers one it does not name.
            guard !(question.answer(in: item.answers) == nil && !question.choices.isEmpty) else { continue }
            text[question.code] = typed(question, question.answer(in: item.answers))
        }
        let recipients = item.answers.recipients.map { recipient in
            Dictionary(
                uniqueKeysWithValues: Flow.recipientQuestions.map { ($0.code, typed($0, $0.answer(of: recipient))) })
        }
        return Journey(
            name: item.id, route: item.answers.route.type!, verdict: item.notes.expectedVerdict, typed: text,
            recipients: recipients)
    }

    /// Keys to tick `rules` in the action list (the highlight starts on the first rule), then finish.
    static func pickKeys(_ rules: Set<RuleID>) -> [Key] {
        var keys: [Key] = []
        var at = 0
        for (index, rule) in TrainingResult.pickableRules.enumerated() where rules.contains(rule) {
            keys += Array(repeating: .down, count: index - at) + [.char(" ")]
            at = index
        }
        return keys + [.char("c")]
    }

    @Test func aWholeSessionSaysTrainingEverywhereAndSavesNothing() throws {
        let folder = TemporaryFolder()
        let output = folder.makeOutputFolder()
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: folder.drafts, training: true, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock,
            outputFolder: output)
        let first = try #require(Self.cases.first { $0.id == "04-supplier-no-nda" })
        let second = try #require(Self.cases.first { $0.id == "06-secret-by-email" })
        app.startTraining(cases: [first, second])

        let firstDecision = try PolicyEngine.evaluate(first.answers)
        let prediction = { (verdict: Verdict) -> Key in
            .char(Character(String(FullScreenAppPrediction.order.firstIndex(of: verdict)! + 1)))
        }
        var keys: [Key] = Self.nameKeys + [.enter, .enter]  // the name; open the first case, start it from its story
        keys += Drive.keys(Self.journey(first), to: .outcome)  // "c" on Check goes to the prediction
        keys += [prediction(firstDecision.verdict), .enter] + Self.pickKeys(Self.needed(firstDecision))
        keys += [.enter]  // from the comparison back to the list
        keys += [.down, .enter, .enter]  // the second case
        keys += Drive.keys(Self.journey(second), to: .outcome)
        keys += [prediction(.proceed), .enter, .char("c"), .enter]  // a wrong verdict, no actions
        keys += [.down, .down, .enter]  // "Finish and see the summary"
        let backend = ScreenTests.play(app, keys + [.enter])

        #expect(app.ending == .finished)
        #expect(app.trainingResults.map(\.caseID) == [first.id, second.id])
        #expect(app.trainingResults[0].score == 10)
        #expect(app.trainingResults[1].actualVerdict == second.notes.expectedVerdict)
        #expect(!app.trainingResults[1].verdictCorrect)
        #expect(app.trainingResults[1].score < 5)

        let frames = backend.frames.map(\.text)
        #expect(frames.count > 60)
        let unmarked = frames.indices.filter { !frames[$0].contains(Self.banner) }
        #expect(unmarked.isEmpty, "frames without the training banner: \(unmarked.prefix(5))")

        // Each kind of screen was seen, with what it is for.
        #expect(frames.first?.contains("What is your name?") == true, "the trainee's name comes first")
        #expect(frames.contains { $0.contains("Training cases") })
        #expect(frames.contains { $0.contains(first.notes.title) && $0.contains("Enter start the case") }, "the story")
        #expect(frames.contains { $0.contains("Before you see the outcome: what will it be?") })
        #expect(frames.contains { $0.contains("Which of these will need action?") })
        let comparison = try #require(frames.first { $0.contains("How your prediction compares") })
        #expect(comparison.contains("Verdict: right."))
        #expect(frames.contains { $0.contains("How your prediction compares") && $0.contains("Verdict: different.") })
        #expect(
            frames.contains { ScreenTests.prose($0).contains("(score 10/10)") },
            "the list shows the score of a finished case")
        let summary = WhyThisOutcomeTests.squeeze(try #require(frames.last))
        #expect(summary.contains("Training summary for Robin Trainee"))
        #expect(summary.contains("10/10 \(first.notes.title)"))
        #expect(summary.contains("Total: \(10 + app.trainingResults[1].score) out of 20."))

        // Nothing from training is kept.
        #expect(app.session.drafts == nil)
        #expect(app.session.draftPath == nil)
        #expect(files(in: folder.drafts.folder).isEmpty, "no draft was written")
        #expect(files(in: output).isEmpty, "no record was written")
    }

    @Test func theNameIsAskedFirstAndTheSummarySavesAScoreSheet() throws {
        let folder = TemporaryFolder()
        let output = folder.makeOutputFolder()
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, training: true, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock,
            outputFolder: output)
        let trainingCase = try #require(Self.cases.first)
        app.startTraining(cases: [trainingCase])
        #expect(ScreenTests.play(app, []).screen.contains("What is your name?"))
        ScreenTests.fastForward(app, [.enter])
        #expect(app.isShowing(TraineeNameScreen.self), "a name is needed")
        let decision = try PolicyEngine.evaluate(trainingCase.answers)
        let verdictKey = Key.char(
            Character(String(TrainingResult.predictionOrder.firstIndex(of: decision.verdict)! + 1)))
        ScreenTests.fastForward(
            app,
            Self.nameKeys + [.enter, .enter] + Drive.keys(Self.journey(trainingCase), to: .outcome)
                + [verdictKey, .enter] + Self.pickKeys(Self.needed(decision)) + [.enter, .char("q")])
        #expect(app.isShowing(SummaryScreen.self))
        ScreenTests.fastForward(app, [.char("s")])
        let saved = ScreenTests.prose(app.render(width: 80, height: 24).canvas.text)
        #expect(saved.contains("Score sheet saved"), "\(saved)")
        let names = files(in: output)
        #expect(names.count == 2 && names.allSatisfy { $0.hasPrefix("training-scores-RobinTrainee-") })
        let markdown = try String(contentsOfFile: output + "/" + names.first { $0.hasSuffix(".md") }!, encoding: .utf8)
        #expect(markdown.contains("Trainee: Robin Trainee"))
        #expect(markdown.contains("| \(trainingCase.notes.title) |"))
        #expect(markdown.contains("TRAINING"))
        let csv = try String(contentsOfFile: output + "/" + names.first { $0.hasSuffix(".csv") }!, encoding: .utf8)
        #expect(
            csv.hasPrefix(
                "trainee,date,case,predicted,actual,verdict_right,score,verdict_points,actions_points,missed,"
                    + "ticked_not_listed\r\nRobin Trainee,"))
        #expect(
            csv.contains(
                ",\(trainingCase.id),\(decision.verdict.rawValue),\(decision.verdict.rawValue),yes,10,5,5,,\r\n"))
        // The sheet explains every point, case by case.
        #expect(markdown.contains("## How each score was worked out"))
        #expect(
            markdown.contains(
                "### \(trainingCase.notes.title)\n\nScore for this case: 10 out of 10.\n\n- Verdict: 5 of 5"))
        for name in names { #expect(fileMode(output + "/" + name) == 0o600) }
    }

    @Test func aScoreSheetCellCannotBecomeAFormula() {
        #expect(ScoreSheet.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(ScoreSheet.cell("Robin, Trainee") == "\"Robin, Trainee\"")
    }

    @Test func escapeOnTheStoryGoesBackToTheListAndTheListCanFinishAtOnce() {
        let folder = TemporaryFolder()
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, training: true, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock)
        app.startTraining(cases: Array(Self.cases.prefix(3)))
        ScreenTests.fastForward(app, Self.nameKeys + [.down, .enter])
        #expect(app.isShowing(StoryScreen.self))
        ScreenTests.fastForward(app, [.escape])
        #expect(app.isShowing(TrainingListScreen.self))
        ScreenTests.fastForward(app, [.char("q")])
        #expect(app.isShowing(SummaryScreen.self))
        let summary = ScreenTests.play(app, []).screen
        #expect(summary.contains("No cases were completed."))
        #expect(summary.contains(Self.banner))
    }

    /// A case's number moves to it on the list, as on the start menu; Enter opens it. Numbers
    /// past the last case do nothing.
    @Test func aCaseNumberMovesToItAndEnterOpensIt() throws {
        let folder = TemporaryFolder()
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, training: true, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock)
        let cases = Array(Self.cases.prefix(12))
        try #require(cases.count == 12)
        app.startTraining(cases: cases)
        ScreenTests.fastForward(app, Self.nameKeys + [.char("3")])
        #expect(app.isShowing(TrainingListScreen.self), "a number only moves")
        let screen = app.render(width: 80, height: 24).canvas.text
        #expect(
            ScreenTests.line(containing: "3 \(cases[2].notes.title)", in: screen)?.contains("(•)") == true, "\(screen)")
        #expect(screen.contains("↑↓ or 1-12 choose"))
        ScreenTests.fastForward(app, [.char("1"), .char("2")])
        #expect(
            ScreenTests.line(
                containing: "12 \(cases[11].notes.title)", in: app.render(width: 80, height: 24).canvas.text)?
                .contains("(•)") == true, "1 then 2 is case 12")
        // 2 after 12 names no case, so it starts a new number: case 2.
        ScreenTests.fastForward(app, [.char("2"), .enter])
        #expect(app.isShowing(StoryScreen.self))
        let story = ScreenTests.prose(app.render(width: 80, height: 24).canvas.text)
        #expect(story.contains(cases[1].notes.title))
    }

    /// Once the questions start, `r` (Ctrl-R in a field) shows the case's story again over the
    /// screen; any other key goes back to the same place, with nothing answered.
    @Test func theStoryCanBeReadAgainOnceTheQuestionsStart() throws {
        let folder = TemporaryFolder()
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, training: true, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock)
        let item = try #require(Self.cases.first)
        app.startTraining(cases: [item])
        let firstWords = try #require(TrainingNotes.paragraphs(item.notes.story).first?.prefix(40))
        ScreenTests.fastForward(app, Self.nameKeys + [.enter, .enter] + typing("Pri"))
        func shown() -> String { ScreenTests.prose(app.render(width: 80, height: 24).canvas.text) }
        #expect(shown().contains("Ctrl-R the story"))
        ScreenTests.fastForward(app, [.ctrl("r")])
        #expect(shown().contains(String(firstWords)), "\(shown())")
        #expect(shown().contains("any other key: back to the case"))
        ScreenTests.fastForward(app, [.char("x")])
        #expect(shown().contains("[Pri"), "back in the field, nothing typed lost or added")
        #expect(app.session.wizard.stepCode == "Y1")
        ScreenTests.fastForward(
            app,
            Array(repeating: .backspace, count: 3)
                + Drive.keys(Self.journey(item), until: "T1", from: app.session.wizard))
        #expect(app.session.wizard.stepCode == "T1")
        let before = app.session.wizard.answers
        ScreenTests.fastForward(app, [.char("r")])
        #expect(shown().contains(String(firstWords)))
        ScreenTests.fastForward(app, [.enter])
        #expect(app.session.wizard.stepCode == "T1" && app.session.wizard.answers == before, "Enter only closed it")
        // On Check your answers and the prediction too.
        ScreenTests.fastForward(
            app, Drive.keys(Self.journey(item), to: .check, from: app.session.wizard) + [.char("r")])
        #expect(shown().contains(String(firstWords)))
        ScreenTests.fastForward(app, [.escape, .char("c"), .char("r")])
        #expect(app.isShowing(PredictScreen.self) && shown().contains(String(firstWords)))
    }

    /// Outside a training case there is no story, and `r` is not a key.
    @Test func theRealWizardHasNoStoryKey() {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.sameSystemProceed, until: "T1") + [.char("r")])
        let screen = app.render(width: 80, height: 24).canvas.text
        #expect(!screen.contains("the story") && screen.contains("Will you keep a copy"))
    }

    @Test func anEmptyCaseListSaysWhereCasesComeFrom() {
        let folder = TemporaryFolder()
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, training: true, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock)
        app.startTraining(cases: [])
        ScreenTests.fastForward(app, Self.nameKeys)
        let screen = ScreenTests.play(app, []).screen
        #expect(screen.contains("No training cases were found in assets/training."))
        #expect(screen.contains(Self.banner))
    }

    // MARK: - Outputs

    @Test(arguments: Journey.all)
    func trainingOutputsCarryTheBanner(_ journey: Journey) throws {
        let answers = Drive.wizard(journey).answers
        let training = try DMFBuilder.build(answers, context: .init(producedAt: FixedClock.iso, training: true))
        let real = try DMFBuilder.build(answers, context: .init(producedAt: FixedClock.iso))
        for format in [OutputFormat.markdown, .text, .html] {
            // In HTML, the page itself (the print stylesheet repeats it on every printed page).
            let text = format.render(training).components(separatedBy: "<body>").last ?? ""
            #expect(text.components(separatedBy: Self.banner).count - 1 == 2, "\(format): at the top and the bottom")
            #expect(!format.render(real).contains(Self.banner), "\(format)")
        }
        #expect(JSONRenderer.render(training).contains("\"training\" : true"))
        #expect(JSONRenderer.render(real).contains("\"training\" : false"))
    }

    @Test func aTrainingSessionSavesTheFormWithTheBannerButNoAnswersFile() throws {
        let folder = TemporaryFolder()
        let output = folder.makeOutputFolder()
        var session = WizardSession(
            wizard: Drive.wizard(.sameSystemProceed), drafts: folder.drafts, training: true, clock: FixedClock.clock)
        session.autosave()
        #expect(files(in: folder.drafts.folder).isEmpty)
        let paths = try session.saveOutcome(formats: [.markdown], folder: output).paths
        #expect(paths.count == 1 && paths[0].hasSuffix(".md"))
        #expect(try String(contentsOfFile: paths[0], encoding: .utf8).contains(Self.banner))
        #expect(!files(in: output).contains { $0.hasSuffix(".answers.yaml") })
    }
}

/// The prediction screen lists verdicts mildest first (1 proceed … 4 blocked).
enum FullScreenAppPrediction {
    static let order: [Verdict] = [.proceed, .conditions, .refer, .blocked]
}

/// "Why this outcome": every finding's rule, reason, the answers behind it and the guidance,
/// in every format.
@Suite struct WhyThisOutcomeTests {
    static func form(_ journey: Journey) throws -> FilledDMF {
        try DMFBuilder.build(Drive.wizard(journey).answers, context: .init(producedAt: FixedClock.iso))
    }

    static func squeeze(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: Journey.all)
    func everyFormatExplainsEveryFinding(_ journey: Journey) throws {
        let form = try Self.form(journey)
        let findings = form.decision.findings
        #expect(!findings.isEmpty)
        #expect(findings.contains { !$0.because.isEmpty }, "some findings name the answers behind them")

        let text = Self.squeeze(OutputFormat.text.render(form))
        #expect(text.contains("Why this outcome:"))
        for finding in findings {
            #expect(text.contains("[\(finding.rule.rawValue)]: \(Self.squeeze(finding.text))"), "\(finding.rule)")
            // People read the answers' labels; the JSON keeps the answers file's keys.
            #expect(text.contains("Because: \(Self.squeeze(finding.becauseInWords))"), "\(finding.rule)")
            #expect(!text.contains("Because: route.type"), "no machine keys in what people read")
            #expect(text.contains(Self.squeeze(finding.rule.source.text)), "\(finding.rule) guidance")
        }

        let markdown = OutputFormat.markdown.render(form)
        #expect(markdown.contains("### Why this outcome"))
        #expect(markdown.components(separatedBy: "\n   - Because: ").count - 1 == findings.count)
        #expect(markdown.components(separatedBy: "\n   - Guidance, ").count - 1 == findings.count)
        for finding in findings { #expect(markdown.contains("(`\(finding.rule.rawValue)`): ")) }

        let html = OutputFormat.html.render(form)
        #expect(html.contains("<h3>Why this outcome</h3>"))
        #expect(html.components(separatedBy: "<br>Because: ").count - 1 == findings.count)
        #expect(html.components(separatedBy: "<br>Guidance, ").count - 1 == findings.count)
        for finding in findings { #expect(html.contains("<span class=\"rule\">\(finding.rule.rawValue)</span>")) }

        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(OutputFormat.json.render(form).utf8)) as? [String: Any])
        let entries = try #require(json["findings"] as? [[String: Any]])
        #expect(entries.count == findings.count)
        for (entry, finding) in zip(entries, findings) {
            #expect(entry["rule"] as? String == finding.rule.rawValue)
            #expect(entry["text"] as? String == finding.text)
            #expect(entry["because"] as? [String] == finding.because)
            let guidance = try #require(entry["guidance"] as? [String: String])
            #expect(guidance["text"] == finding.rule.source.text)
            #expect(guidance["section"] == finding.rule.source.section)
        }
    }
}
