import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// The full-screen wizard driven through the headless backend: scripted keys in, exact screens out.
@Suite struct ScreenTests {
    /// A new app with outputs in `folder`. With `drafts` it starts on the start screen and saves
    /// drafts in `folder`; without, it starts on the first question and saves none (drafts are
    /// written with fsync after every step, which would make every journey slow).
    static func app(
        _ folder: borrowing TemporaryFolder, drafts: Bool = false,
        printer: @escaping @Sendable () -> (any FormPrinter)? = { PDFPrinter.find() }
    ) -> FullScreenApp {
        if drafts {
            let store = folder.drafts  // the session is built later, when the folder is no longer borrowed
            return FullScreenApp(
                session: {
                    var session = WizardSession(wizard: Wizard(), drafts: store, clock: FixedClock.clock)
                    session.printer = printer
                    return session
                }(), drafts: store, clock: FixedClock.clock, outputFolder: folder.makeOutputFolder())
        }
        var session = WizardSession(wizard: Wizard(), drafts: nil, clock: FixedClock.clock)
        session.printer = printer
        return FullScreenApp(
            session: session, drafts: folder.drafts, clock: FixedClock.clock, startAt: .questions,
            outputFolder: folder.makeOutputFolder())
    }

    /// Applies keys straight to the app (no drawing), to reach the screen under test quickly;
    /// after each, the work it started (a save, the register) is finished and reported.
    static func fastForward(_ app: FullScreenApp, _ keys: [Key]) {
        for key in keys {
            app.handle(key)
            app.settle()
        }
    }

    /// Plays keys (then end of input) through `FullScreenLoop`; the backend holds every frame.
    @discardableResult
    static func play(_ app: FullScreenApp, _ keys: [Key], width: Int = 80, height: Int = 24) -> HeadlessBackend {
        play(app, steps: keys.map(HeadlessBackend.Step.key), width: width, height: height)
    }

    @discardableResult
    static func play(_ app: FullScreenApp, steps: [HeadlessBackend.Step], width: Int = 80, height: Int = 24)
        -> HeadlessBackend
    {
        let backend = HeadlessBackend(width: width, height: height, steps: steps)
        let ending = FullScreenLoop.run(app, on: backend)
        #expect(ending == app.ending)
        return backend
    }

    /// The screen after `keys`, in a fresh app: all but the last key applied directly, the last
    /// one played through the headless backend and `FullScreenLoop`.
    static func screen(after keys: [Key], in folder: borrowing TemporaryFolder) -> (FullScreenApp, String) {
        let app = app(folder)
        fastForward(app, keys.dropLast())
        let backend = play(app, keys.suffix(1))
        return (app, backend.screen)
    }

    /// The screen's text without its frame, lines joined by single spaces: for messages that
    /// wrap.
    static func prose(_ screen: String) -> String {
        let frame = CharacterSet(charactersIn: "│|┌┐└┘─ ")
        return screen.split(separator: "\n").map { $0.trimmingCharacters(in: frame) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func line(containing text: String, in screen: String) -> String? {
        screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
    }

    // MARK: - Golden screens

    @Test func startScreen() {
        let folder = TemporaryFolder()
        let app = Self.app(folder, drafts: true)
        let screen = Self.play(app, []).screen
        Golden.check(screen, "start")
        #expect(app.ending == .endOfInput)
        #expect(files(in: folder.drafts.folder).isEmpty, "nothing is saved before the first answer")
    }

    @Test func choiceQuestionShowsStepCodeNumbersAndWhy() {
        let folder = TemporaryFolder()
        let (_, screen) = Self.screen(after: Drive.keys(.sameSystemProceed, until: "T1"), in: folder)
        Golden.check(screen, "choice-T1")
    }

    @Test func textQuestionShowsTheProblemUnderTheFieldAndKeepsWhatWasTyped() {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        let toY2 = Drive.keys(.sameSystemProceed, until: "Y2")
        Self.fastForward(app, toY2 + typing("sian justice.gov.uk"))
        let backend = Self.play(app, [.enter])
        Golden.check(backend.screen, "text-error-Y2")
        #expect(app.session.wizard.stepCode == "Y2")
        let field = try! #require(Self.line(containing: "[sian justice.gov.uk", in: backend.screen))
        let problem = try! #require(
            Self.line(containing: "! That doesn't look like an email address", in: backend.screen))
        let lines = backend.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.firstIndex(of: field)! < lines.firstIndex(of: problem)!, "the message is under the field")

        // Fix it in place: Home, past "sian", Delete the space, type "@".
        let fixed = Self.app(folder)
        Self.fastForward(
            fixed,
            toY2 + typing("sian justice.gov.uk") + [.enter, .home] + Array(repeating: .right, count: 4) + [
                .delete, .char("@"), .enter,
            ])
        #expect(fixed.session.wizard.answers.requester.email == "sian@justice.gov.uk")
        #expect(fixed.session.wizard.stepCode == "Y3")
    }

    @Test func helpOnF1ShowsTheExplanationRuleAndGuidance() throws {
        let folder = TemporaryFolder()
        let toT1 = Drive.keys(.sameSystemProceed, until: "T1")
        let (_, help) = Self.screen(after: toT1 + [.function(1)], in: folder)
        Golden.check(help, "help-T1")
        let rule = try #require(Flow().question(code: "T1")?.rule)
        #expect(help.contains("Rule \(rule.rawValue): \(rule.title)."))
        #expect(help.contains("From the guidance ("))

        let (_, questionMark) = Self.screen(after: toT1 + [.char("?")], in: folder)
        #expect(questionMark == help, "? shows the same help as F1")

        // Any key closes the help without answering.
        let (app, after) = Self.screen(after: toT1 + [.function(1), .char("2")], in: folder)
        #expect(app.session.wizard.stepCode == "T1")
        #expect(app.session.wizard.answers.transfer.kind == nil)
        #expect(after.contains("Will you keep a copy of the information after it is sent?"))
    }

    @Test func recipientsListShowsEachRecipientThenAddAndContinue() {
        let folder = TemporaryFolder()
        let keys = Drive.keys(.thirdPartyBlocked, until: "K1").dropLast()  // before "c" continues
        let (app, screen) = Self.screen(after: Array(keys), in: folder)
        #expect(app.session.wizard.screen == .recipients)
        Golden.check(screen, "recipients")
    }

    @Test func checkYourAnswersListsEveryAnswerBySection() {
        let folder = TemporaryFolder()
        let (app, screen) = Self.screen(after: Drive.keys(.betweenSystemsConditions), in: folder)
        #expect(app.session.wizard.screen == .check)
        Golden.check(screen, "check")
        // The page scrolls to the highlighted row; every row is reachable.
        let rows = CheckAnswers.rows(app.session.wizard)
        #expect(rows.map(\.code) == Journey.betweenSystemsConditions.expectedCodes)
        #expect(
            rows.compactMap(\.sectionHeading) == [
                "About you", "The transfer", "The information", "Where it is going", "How it travels",
                "Who receives it",
                "Keeping copies", "Authorisation",
            ])
        #expect(rows.first { $0.code == "Y3" }?.answers == ["Not provided"])
        let (_, top) = Self.screen(
            after: Drive.keys(.betweenSystemsConditions) + [.pageUp, .pageUp, .pageUp], in: folder)
        #expect(top.contains("> Y1 What is your name?"))
        #expect(top.contains("About you"))
    }

    @Test(arguments: Journey.all)
    func outcomeSaysTheVerdictInWordsFirst(_ journey: Journey) throws {
        let folder = TemporaryFolder()
        let (app, screen) = Self.screen(after: Drive.keys(journey, to: .outcome), in: folder)
        #expect(app.session.wizard.screen == .outcome)
        Golden.check(screen, "outcome-\(journey.name)")
        let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│| ")) }
        let form = try #require(app.session.filledForm())
        #expect(form.verdict == journey.verdict)
        #expect(lines[2] == "Outcome: \(journey.verdict.label)", "the verdict is the first thing said")
        #expect(lines[3...].joined(separator: " ").hasPrefix(journey.verdict.headline))
        #expect(screen.contains("Why:"))
        #expect(screen.contains("Press s to save the DMF and checklist."))
    }

    @Test func outcomeScrollsToTheChecklist() {
        let folder = TemporaryFolder()
        let keys = Drive.keys(.thirdPartyBlocked, to: .outcome) + Array(repeating: .pageDown, count: 5)
        let (_, screen) = Self.screen(after: keys, in: folder)
        #expect(screen.contains("│  Outcome: BLOCKED"), "the verdict stays on top while the rest scrolls")
        #expect(screen.contains("[data-in-transit-guidance]"), "the last checklist item is reachable")
        #expect(screen.contains("│  Press s to save the DMF and checklist."), "nothing more below")
    }

    @Test func saveDialogDefaultsToMarkdownAndHTMLAndShowsTheSavedPaths() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder, drafts: true)
        let toOutcome = Drive.keys(.sameSystemProceed, to: .outcome)
        Self.fastForward(app, [.enter] + toOutcome)
        let dialog = Self.play(app, [.char("s")])
        Golden.check(folder.normalise(dialog.screen), "save-dialog")
        let draft = try #require(app.session.draftPath)
        #expect(FileManager.default.fileExists(atPath: draft))

        let saving = Self.app(folder, drafts: true)
        Self.fastForward(saving, [.enter] + toOutcome + [.char("s")] + Array(repeating: .down, count: 4))
        let draftBeforeSaving = try #require(saving.session.draftPath)
        let backend = Self.play(saving, [.enter])
        guard let paths = saving.savedPaths else {
            Issue.record("not saved: \(backend.screen)")
            return
        }
        Golden.check(folder.normalise(backend.screen), "saved")
        #expect(paths.map { ($0 as NSString).pathExtension } == ["md", "html", "yaml"])
        for path in paths {
            #expect(path.hasPrefix(folder.output + "/DMF-20251129-"))
            #expect(fileMode(path) == 0o600, "\(path)")
            #expect(backend.screen.contains(path))
        }
        #expect(saving.session.draftPath == nil, "the draft is no longer needed")
        #expect(!FileManager.default.fileExists(atPath: draftBeforeSaving))

        let finished = Self.app(folder)
        Self.fastForward(finished, toOutcome + [.char("s"), .ctrl("s")])
        Self.play(finished, [.enter])
        #expect(finished.ending == .finished)
        #expect(files(in: folder.output).count == 6, "a second save never replaces the first")
    }

    @Test func savingWithNoFormatTickedSaysWhy() {
        let folder = TemporaryFolder()
        // Focus starts on the folder, below Markdown, HTML, PDF, text and JSON: move up to the two
        // ticked formats (HTML, then Markdown) and untick both.
        let keys =
            Drive.keys(.sameSystemProceed, to: .outcome)
            + [.char("s"), .up, .up, .up, .up, .char(" "), .up, .char(" "), .enter]
        let (app, screen) = Self.screen(after: keys, in: folder)
        #expect(app.isShowing(SaveScreen.self))
        #expect(screen.contains("! Choose at least one format."))
        #expect(files(in: folder.output).isEmpty)
    }

    // MARK: - Too small

    @Test(arguments: [(59, 24), (80, 19), (40, 10)])
    func tooSmallAsksForAtLeast60x20AndRecoversWhenLargeEnough(width: Int, height: Int) {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        Self.fastForward(app, Drive.keys(.sameSystemProceed, until: "T1"))
        let backend = Self.play(
            app,
            steps: [.resize(width: width, height: height), .resize(width: 80, height: 24)])
        let frames = backend.frames.map(\.text)
        let small = frames[frames.count - 2]
        #expect(
            small.replacingOccurrences(of: "\n ", with: " ").contains(
                "Make the window at least 60×20 (it is \(width)×\(height) now)."))
        #expect(backend.frames[frames.count - 2].width == width)
        #expect(frames.last == frames[frames.count - 3], "the question comes back as it was")
        #expect(app.session.wizard.stepCode == "T1")
        if width == 59 { Golden.check(small, "too-small-59x24") }
    }

    @Test func exactlyTheMinimumSizeIsEnough() {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        Self.fastForward(app, Drive.keys(.sameSystemProceed, until: "T1"))
        let backend = Self.play(app, [], width: 60, height: 20)
        #expect(!backend.screen.contains("Make the window"))
        let progress = app.session.wizard.progress
        // Before the route and the number of records, the total can still change: "about".
        #expect(backend.screen.contains("Step \(progress.step) of about \(progress.of) · Code T1"))
        #expect(progress.of == Flow().applicable(to: app.session.wizard.answers).count)
    }

    // MARK: - Keys and navigation

    @Test func typingAUTF8NameWithRealEditingKeepsEveryLetter() {
        let folder = TemporaryFolder()
        let keys: [Key] =
            typing("Siân Ceallaigh") + [.home] + Array(repeating: .right, count: 5) + typing("Ó ")
            + [.end, .char("x"), .backspace, .home, .delete, .char("S"), .left, .right]
        let (app, editing) = Self.screen(after: keys, in: folder)
        #expect(editing.contains("[Siân Ó Ceallaigh"))
        #expect(app.session.wizard.stepCode == "Y1")
        let done = Self.app(folder)
        Self.fastForward(done, keys)
        Self.play(done, [.enter])
        #expect(done.session.wizard.answers.requester.name == "Siân Ó Ceallaigh")
        #expect(done.session.wizard.stepCode == "Y2")
    }

    @Test func questionMarkTypesIntoAFieldThatHasText() {
        let folder = TemporaryFolder()
        let (_, empty) = Self.screen(after: [.char("?")], in: folder)
        #expect(empty.contains("Help for Y1: What is your name?"))
        let (app, typed) = Self.screen(after: [.char("A"), .char("?"), .function(1)], in: folder)
        #expect(typed.contains("Help for Y1"))
        let (_, closed) = Self.screen(after: [.char("A"), .char("?"), .function(1), .char("x")], in: folder)
        #expect(closed.contains("[A?"), "the help key closed the help; the typed text is still there")
        #expect(app.session.wizard.stepCode == "Y1")
    }

    @Test func choicesArePickedByArrowsAndNumbers() throws {
        let folder = TemporaryFolder()
        let toR1 = Drive.keys(.thirdPartyBlocked, until: "R1")
        let (byNumber, _) = Self.screen(after: toR1 + [.char("4"), .enter], in: folder)
        let (byArrows, _) = Self.screen(after: toR1 + [.down, .down, .down, .down, .enter], in: folder)
        let (byEnd, _) = Self.screen(after: toR1 + [.end, .right], in: folder)
        for app in [byNumber, byArrows, byEnd] { #expect(app.session.wizard.answers.route.type == .thirdParty) }
        let (atR2, r2) = Self.screen(after: toR1 + [.char("4"), .enter], in: folder)
        let steps = Flow().applicable(to: atR2.session.wizard.answers).map(\.code)
        let position = try #require(steps.firstIndex(of: "R2"))
        #expect(r2.contains("Step \(position + 1) of \(steps.count) · Code R2"))
    }

    /// Esc goes back everywhere; Left too on screens without a text field.
    @Test(arguments: [
        ("T1", Key.escape, "Y3"), ("T1", .left, "Y3"), ("Y2", .escape, "Y1"), ("P1", .escape, "M1"),
        ("P1", .left, "M1"),
        ("P3:1", .escape, "P2:1"), ("P6:1", .left, "P4:1"), ("CHECK", .escape, "K2"), ("CHECK", .left, "K2"),
        ("OUTCOME", .escape, "CHECK"),
    ])
    func backOnEveryScreen(from step: String, key: Key, to expected: String) {
        let folder = TemporaryFolder()
        let journey = Journey.sameSystemProceed
        let keys =
            switch step {
            case "CHECK": Drive.keys(journey)
            case "OUTCOME": Drive.keys(journey, to: .outcome)
            default: Drive.keys(journey, until: step)
            }
        let back = Self.app(folder)
        Self.fastForward(back, keys)
        #expect(back.session.wizard.resumeStep == step)
        Self.play(back, [key])
        #expect(back.session.wizard.resumeStep == expected)
    }

    @Test func leftMovesTheCursorInATextFieldInsteadOfGoingBack() {
        let folder = TemporaryFolder()
        let (app, screen) = Self.screen(
            after: Drive.keys(.sameSystemProceed, until: "Y2") + [.char("b"), .left, .char("a")], in: folder)
        #expect(app.session.wizard.stepCode == "Y2")
        #expect(screen.contains("[ab"))
    }

    @Test func escapeOnTheFirstQuestionReturnsToTheStartScreen() {
        let folder = TemporaryFolder()
        let (app, screen) = Self.screen(after: [.escape], in: folder)
        #expect(app.isShowing(StartScreen.self))
        #expect(screen.contains("(•) 1 Start a new transfer"))
    }

    /// Esc goes back everywhere, so on the start screen it asks before quitting: y quits, and
    /// any other key (n, Esc again, a number) stays, with nothing else done.
    @Test func escapeOnTheStartScreenAsksBeforeQuitting() {
        let folder = TemporaryFolder()
        let app = Self.app(folder, drafts: true)
        let asked = Self.play(app, [.escape]).screen
        #expect(app.isShowing(StartScreen.self))
        #expect(Self.prose(asked).contains("Quit dmf-wizard? Press y to quit, any other key to stay."))
        for key in [Key.char("n"), .escape, .char("3"), .enter] {
            let stayed = FullScreenApp(
                session: WizardSession(wizard: Wizard(), drafts: nil, clock: FixedClock.clock), drafts: folder.drafts,
                clock: FixedClock.clock)
            let screen = Self.play(stayed, [.escape, key]).screen
            #expect(stayed.ending == .endOfInput, "\(key) did not quit")
            #expect(stayed.isShowing(StartScreen.self), "\(key) did nothing else")
            #expect(!screen.contains("Quit dmf-wizard?"), "\(key) answered the question")
            #expect(screen.contains("( ) 3 Open an answers file"), "\(key) moved nothing")
        }
        let quitting = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, clock: FixedClock.clock), drafts: folder.drafts,
            clock: FixedClock.clock)
        Self.play(quitting, [.escape, .char("y")])
        #expect(quitting.ending == .quit)
        // q still quits at once: it is only ever pressed to quit.
        let byQ = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, clock: FixedClock.clock), drafts: folder.drafts,
            clock: FixedClock.clock)
        Self.play(byQ, [.char("q")])
        #expect(byQ.ending == .quit)
    }

    @Test func changingTheRouteFromCheckNamesTheAnswersThatNoLongerApply() {
        let folder = TemporaryFolder()
        let journey = Journey.thirdPartyBlocked
        let rows = journey.expectedCodes
        // Check your answers opens with nothing highlighted: down to the R1 row.
        let down = Array(repeating: Key.down, count: rows.firstIndex(of: "R1")! + 1)
        let (toR1, r1) = Self.screen(after: Drive.keys(journey) + down + [.enter], in: folder)
        #expect(toR1.session.wizard.screen == .question("R1"))
        #expect(r1.contains("(•) 4 To a third party"), "the current answer is preselected")

        let (app, screen) = Self.screen(after: Drive.keys(journey) + down + [.enter, .char("3"), .enter], in: folder)
        #expect(app.session.wizard.screen == .check)
        #expect(screen.contains("Note: These answers no longer apply and were removed:"))
        for code in ["X1", "X2"] { #expect(Self.line(containing: "\(code) ", in: screen) != nil, "\(code) named") }
        #expect(app.session.wizard.answers.thirdParty.isEmpty)
        #expect(screen.contains("Code CHECK"))
    }

    @Test func changingToThirdPartyFromCheckAsksTheNewQuestionsThenReturns() {
        let folder = TemporaryFolder()
        let journey = Journey.sameSystemProceed
        let down = Array(repeating: Key.down, count: journey.expectedCodes.firstIndex(of: "R1")! + 1)
        let third = Journey.thirdPartyBlocked
        var keys = Drive.keys(journey) + down + [.enter, .char("4"), .enter]
        for code: StepCode in ["R3", "R4", "R5", "X1", "X2", "X3", "X4", "A1", "A2"] {
            keys += typing(third.typed[code]!) + [.enter]
        }
        let (app, screen) = Self.screen(after: keys, in: folder)
        #expect(app.session.wizard.screen == .check)
        #expect(
            app.session.wizard.answers.thirdParty
                == Answers.ThirdParty(
                    contract: .yes, nda: .yes, securityAspectsLetter: .notNeeded, codeOfConnection: .notNeeded))
        #expect(screen.contains("Check your answers. Choose any answer to change it"))
    }

    // MARK: - Drafts and resume

    @Test func theStartMenuIsDrawnBeforeAnySessionIsBuilt() {
        let folder = TemporaryFolder()
        let store = folder.drafts
        var built = 0
        func newSession() -> WizardSession {
            built += 1
            return WizardSession(wizard: Wizard(), drafts: store, clock: FixedClock.clock)
        }
        let app = FullScreenApp(
            session: newSession(), drafts: store, clock: FixedClock.clock, outputFolder: folder.makeOutputFolder())
        #expect(app.render(width: 80, height: 24).canvas.text.contains("Start a new transfer"))
        #expect(built == 0)
        app.prepareWhileIdle()
        app.prepareWhileIdle()
        #expect(built == 1)
    }

    @Test func theLoopBuildsTheSessionAfterTheFirstFrameBeforeTheFirstKey() {
        let folder = TemporaryFolder()
        let store = folder.drafts
        let backend = HeadlessBackend(keys: [.enter])
        var builtAt: [(frames: Int, keysLeft: Int)] = []
        func newSession() -> WizardSession {
            builtAt.append((backend.frames.count, backend.remainingSteps.count))
            return WizardSession(wizard: Wizard(), drafts: store, clock: FixedClock.clock)
        }
        let app = FullScreenApp(
            session: newSession(), drafts: store, clock: FixedClock.clock, outputFolder: folder.makeOutputFolder())
        _ = FullScreenLoop.run(app, on: backend)
        #expect(builtAt.count == 1)
        #expect(
            builtAt.first?.frames == 1 && builtAt.first?.keysLeft == 1,
            "built once, after the start menu was drawn and before its first key was read")
        #expect(backend.frames.count >= 2)
        #expect(app.session.wizard.stepCode == "Y1", "the new transfer began with that session")
    }

    @Test func draftsLiveUnderTheXDGStateFolderElseUnderHome() {
        #expect(DraftStore.standard(stateHome: "/s", home: "/h").folder == "/s/dmf-wizard/drafts")
        #expect(DraftStore.standard(stateHome: nil, home: "/h").folder == "/h/.local/state/dmf-wizard/drafts")
        // The XDG specification says a relative path is to be ignored.
        #expect(DraftStore.standard(stateHome: "state", home: "/h").folder == "/h/.local/state/dmf-wizard/drafts")
    }

    @Test func aDraftIsSavedAfterEveryStepReadableOnlyByTheOwner() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder, drafts: true)
        Self.fastForward(app, [.enter] + Drive.keys(.sameSystemProceed, until: "Y2"))
        let first = try #require(app.session.draftPath)
        #expect(first.hasPrefix(folder.drafts.folder + "/draft-"))
        #expect(fileMode(first) == 0o600)
        #expect(try folder.drafts.load(first).resumeStep == "Y2")

        let later = Self.app(folder, drafts: true)
        Self.fastForward(later, [.enter] + Drive.keys(.sameSystemProceed, until: "P3:1"))
        let path = try #require(later.session.draftPath)
        let document = try folder.drafts.load(path)
        #expect(document.resumeStep == "P3:1")
        #expect(document.answers.recipients.first?.name == "Ana Lytic")
        #expect(document.answers.requester.name == "Siân Ó Ceallaigh")
    }

    @Test func aSavedDraftContinuesAtTheSameStep() throws {
        let folder = TemporaryFolder()
        let first = Self.app(folder, drafts: true)
        Self.fastForward(first, [.enter] + Drive.keys(.otherDepartmentRefer, until: "R4"))
        let before = Self.play(first, [])
        #expect(first.ending == .endOfInput)

        let resumed = Self.app(folder, drafts: true)
        let backend = Self.play(resumed, [.char("2"), .enter, .enter])
        #expect(resumed.session.wizard.resumeStep == "R4")
        #expect(backend.screen == before.screen, "the same screen as when the draft was left")
        let progress = resumed.session.wizard.progress
        #expect(backend.screen.contains("Step \(progress.step) of \(progress.of) · Code R4"))

        let recipient = Self.app(folder, drafts: true)
        Self.fastForward(recipient, [.enter] + Drive.keys(.thirdPartyBlocked, until: "P5:2"))
        recipient.handle(.endOfInput)
        let path = try #require(recipient.session.draftPath)
        let document = try folder.drafts.load(path)
        let wizard = Wizard(flow: Flow(), answers: document.answers, resumeAt: document.resumeStep)
        let app = FullScreenApp(
            session: WizardSession(wizard: wizard, drafts: folder.drafts, draftPath: path, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock,
            startAt: .questions, outputFolder: folder.output)
        let screen = Self.play(app, []).screen
        #expect(screen.contains("Code P5"))
        #expect(screen.contains("Recipient 2"))
    }

    @Test func ctrlSSavesTheDraftAndSaysWhere() throws {
        let folder = TemporaryFolder()
        let empty = Self.app(folder, drafts: true)
        let nothing = Self.play(empty, [.enter, .ctrl("s")]).screen
        #expect(nothing.contains("! Nothing to save yet."))
        #expect(empty.session.draftPath == nil)
        let app = Self.app(folder, drafts: true)
        Self.fastForward(app, [.enter] + typing("Kim") + [.enter])
        let screen = Self.play(app, [.ctrl("s")]).screen
        let path = try #require(app.session.draftPath)
        #expect(Self.prose(screen).contains("! Draft saved: \(path)"))
        #expect(try folder.drafts.load(path).resumeStep == "Y2")
    }
}
