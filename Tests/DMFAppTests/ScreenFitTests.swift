import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// Every screen of every mode, at 80×24 and at 60×20: nothing is cut off unseen. A page taller
/// than the window shows "more" markers, the highlighted item is always wholly in view, every
/// item of a list can be reached, and the title and key hints are whole.
@Suite struct ScreenFitTests {
    struct Size: Sendable, CustomTestStringConvertible {
        var width: Int, height: Int
        var testDescription: String { "\(width)x\(height)" }
    }

    static let sizes = [Size(width: 80, height: 24), Size(width: 60, height: 20)]

    /// Checks the frame just drawn.
    static func checkFrame(_ frame: FullScreenApp.Frame, context: String) {
        let canvas = frame.canvas
        let layout = frame.layout
        #expect(layout.focusVisible, "\(context): the highlighted item is not wholly in view\n\(canvas.text)")
        let body = canvas.text
        if layout.linesAbove > 0 { #expect(body.contains("↑ more above"), "\(context): lines above with no marker") }
        if layout.linesBelow > 0 { #expect(body.contains("↓ more below"), "\(context): lines below with no marker") }
        // The title line: the title and the step label both whole, not run into each other.
        let top = canvas.lines[0]
        #expect(!top.contains("──Step") && !top.contains("─Code"), "\(context): \(top)")
    }

    /// Plays every key of `keys` one at a time, checking each frame; on each new screen, first
    /// walks the highlight over every item of its list and back, checking each frame too.
    static func walk(_ app: FullScreenApp, keys: [Key], size: Size, label: String) {
        var walked: ScreenIdentity?
        for (index, key) in keys.enumerated() {
            checkFrame(
                app.render(width: size.width, height: size.height),
                context: "\(label) \(size.testDescription) before key \(index) on \(app.session.wizard.stepCode)")
            if app.screenIdentity != walked {
                walkList(app, size: size, label: label)
                walked = app.screenIdentity
            }
            app.handle(key)
        }
        checkFrame(
            app.render(width: size.width, height: size.height),
            context: "\(label) \(size.testDescription) at the end")
    }

    /// The number of items on a list screen (0 for screens without a list).
    static func listLength(_ app: FullScreenApp) -> Int {
        guard app.isShowingWizard else { return 0 }
        switch app.session.wizard.screen {
        case .question, .recipientField: return app.session.wizard.currentQuestion?.choices.count ?? 0
        case .recipients: return app.session.wizard.answers.recipients.count + 2
        case .check: return CheckAnswers.rows(app.session.wizard).count + 1
        case .outcome: return 0
        }
    }

    /// Moves down through a list screen and back up, checking every frame, then puts the
    /// highlight back as a fresh screen has it, so the journey's own keys still apply.
    static func walkList(_ app: FullScreenApp, size: Size, label: String, length: Int? = nil) {
        let count = length ?? listLength(app)
        guard count > 0 else { return }
        let shown = app.screenIdentity
        let answers = app.session.wizard.answers
        for key in Array(repeating: Key.down, count: count) + Array(repeating: Key.up, count: count) {
            app.handle(key)
            guard app.screenIdentity == shown else { return }
            checkFrame(
                app.render(width: size.width, height: size.height),
                context: "\(label) \(size.testDescription) walking \(app.session.wizard.stepCode)")
        }
        #expect(app.session.wizard.answers == answers, "walking a list answers nothing")
    }

    @Test(arguments: sizes)
    func everyWizardScreenOfEveryJourneyFits(size: Size) {
        for journey in Journey.all {
            let folder = TemporaryFolder()
            let app = ScreenTests.app(folder)
            Self.walk(app, keys: Drive.keys(journey, to: .outcome), size: size, label: journey.name)
            // The outcome scrolls to its end.
            for _ in 0..<80 {
                app.handle(.down)
                Self.checkFrame(app.render(width: size.width, height: size.height), context: "\(journey.name) outcome")
            }
            #expect(app.render(width: size.width, height: size.height).canvas.text.contains("Press s to save"))
        }
    }

    @Test(arguments: sizes)
    func helpOnEveryQuestionFitsOrScrolls(size: Size) {
        for question in Flow(helpdesk: true).questions + Flow.recipientQuestions {
            let folder = TemporaryFolder()
            let app = ScreenTests.app(folder)
            let journey = Journey.all.first { $0.expectedCodes.contains(question.code) } ?? .thirdPartyBlocked
            ScreenTests.fastForward(app, Drive.keys(journey, until: question.code.rawValue))
            app.handle(.function(1))
            for _ in 0..<20 {
                Self.checkFrame(app.render(width: size.width, height: size.height), context: "help \(question.code)")
                app.handle(.down)
            }
        }
    }

    @Test(arguments: sizes)
    func startMenuDraftsSaveAndHelpdeskScreensFit(size: Size) {
        let folder = TemporaryFolder()
        let store = folder.drafts
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: store, clock: FixedClock.clock), drafts: store,
            clock: FixedClock.clock,
            outputFolder: folder.makeOutputFolder())
        for item in 0..<5 {
            Self.checkFrame(app.render(width: size.width, height: size.height), context: "start item \(item)")
            app.handle(.down)
        }
        app.handle(.home)
        for _ in 0..<4 { app.handle(.up) }
        // Helpdesk on, then a new transfer: the helpdesk questions with their read-aloud lines.
        ScreenTests.fastForward(app, [.char("5"), .enter, .char("1"), .enter])
        #expect(app.helpdesk)
        Self.checkFrame(app.render(width: size.width, height: size.height), context: "helpdesk first question")
    }

    /// The saved screen lists the files, the register's note and what to do next; taller than
    /// the window, it scrolls, so what to do next is always within reach.
    @Test(arguments: sizes)
    func whatToDoAfterSavingCanBeScrolledTo(size: Size) {
        for journey in Journey.all {
            let folder = TemporaryFolder()
            // A deep folder: each path saved takes several lines.
            let deep = folder.makeOutputFolder() + String(repeating: "/a-folder-with-a-long-name", count: 12)
            let app = FullScreenApp(
                session: WizardSession(wizard: Wizard(), drafts: nil, clock: FixedClock.clock), drafts: folder.drafts,
                clock: FixedClock.clock, startAt: .questions, outputFolder: deep)
            ScreenTests.fastForward(app, Drive.keys(journey, to: .outcome) + [.char("s"), .enter])
            guard let saved = app.model.screen as? SavedScreen, let last = saved.next.last(where: { !$0.isEmpty })
            else {
                Issue.record("\(journey.name): not saved")
                continue
            }
            var seen = false
            for _ in 0..<40 {
                let frame = app.render(width: size.width, height: size.height)
                Self.checkFrame(frame, context: "\(journey.name) saved")
                if ScreenTests.prose(frame.canvas.text).contains(String(last.suffix(30))) { seen = true }
                app.handle(.down)
            }
            #expect(seen, "\(journey.name) at \(size.testDescription): \(last)")
            #expect(Self.lastLayout(app, size).linesAbove > 0, "the page was taller than the window")
            #expect(app.ending == nil, "scrolling does not finish")
        }
    }

    static func lastLayout(_ app: FullScreenApp, _ size: Size) -> Page.Layout {
        app.render(width: size.width, height: size.height).layout
    }

    /// The start menu at 60×20, with a draft to continue and deletions due above its options,
    /// is taller than the window: it scrolls like any list, "more below" says so, and every
    /// option, Quit among them, comes into view as the highlight reaches it.
    @Test func theStartMenuScrollsAtTheMinimumSize() {
        let folder = TemporaryFolder()
        var state = AppState(
            helpdesk: false, drafts: folder.drafts, clock: FixedClock.clock, outputFolder: folder.path, home: nil)
        state.newestDraft = "2026-11-10 12:00"
        state.due = "2 deletions overdue"
        var model = AppModel(screen: StartScreen(), state: state)
        func frame() -> FullScreenApp.Frame {
            let frame = model.view(width: 60, height: 20, widthFunction: DisplayWidths.approximate)
            model.shown(frame)
            return frame
        }
        let first = frame()
        #expect(first.layout.linesBelow > 0, "taller than the window")
        #expect(first.canvas.text.contains("↓ more below"))
        #expect(first.canvas.text.contains("(•) 1 Start a new transfer"))
        for (index, item) in StartScreen.items(helpdesk: false).enumerated() {
            let shown = frame()
            Self.checkFrame(shown, context: "start item \(index + 1)")
            #expect(shown.canvas.text.contains("(•) \(index + 1) \(item)"), "\(shown.canvas.text)")
            _ = model.update(.down)
        }
        let last = frame()
        #expect(last.canvas.text.contains("↑ more above") && last.canvas.text.contains("(•) 7 Quit"))
        // The window stops at the page's end: Quit at the bottom, the options before it above.
        #expect(last.canvas.text.contains("( ) 4 About this tool and help"), "\(last.canvas.text)")
        #expect(last.layout.linesBelow == 0)
        // A number goes straight to its option, scrolling back up.
        _ = model.update(.char("1"))
        #expect(frame().canvas.text.contains("(•) 1 Start a new transfer"))
        _ = model.update(.char("7"))
        let quit = frame()
        #expect(quit.canvas.text.contains("(•) 7 Quit"))
        #expect(quit.canvas.text.contains("( ) 4 About this tool and help"), "not Quit alone:\n\(quit.canvas.text)")
        _ = model.update(.enter)
        #expect(model.ending == .quit)
    }

    @Test(arguments: sizes)
    func trainingScreensFit(size: Size) throws {
        let library = TrainingTests.library
        let folder = TemporaryFolder()
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, training: true, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock)
        app.startTraining(cases: library.cases)
        ScreenTests.fastForward(app, TrainingTests.nameKeys)
        Self.walkList(app, size: size, label: "training list", length: library.cases.count + 1)
        let trainingCase = try #require(library.cases.first)
        app.handle(.enter)  // the story
        for _ in 0..<30 {
            Self.checkFrame(app.render(width: size.width, height: size.height), context: "story")
            app.handle(.down)
        }
        app.handle(.enter)  // work the case
        Self.walk(
            app, keys: Drive.keys(TrainingTests.journey(trainingCase), to: .outcome), size: size, label: "training case"
        )
        // The prediction and the tick list, every item reachable; "Done" at the end.
        Self.walkList(app, size: size, label: "predict", length: 4)
        app.handle(.char("1"))
        app.handle(.enter)
        let rules = TrainingResult.pickableRules.count
        var sawDone = false
        for _ in 0...rules {
            let frame = app.render(width: size.width, height: size.height)
            Self.checkFrame(frame, context: "tick list")
            if frame.canvas.text.contains("Done: show the outcome") { sawDone = true }
            app.handle(.down)
        }
        #expect(sawDone, "the tick list's Done can be reached and seen")
    }

    @Test(arguments: sizes)
    func aboutOpenFileDraftsSaveAndSavedFit(size: Size) throws {
        let folder = TemporaryFolder()
        let store = folder.drafts
        try FileManager.default.createDirectory(atPath: store.folder, withIntermediateDirectories: true)
        // More drafts than any window holds, one of them unreadable.
        for index in 0..<30 {
            let text =
                index == 7
                ? "format: 1\ntransfer: [oops\n"
                : "format: 1\ndata:\n  description: \"Draft number \(index) with a longer description to wrap\"\n"
            try text.write(
                toFile: store.folder + "/draft-202611\(10 + index % 19)-1200\(10 + index)-AAAA.yaml", atomically: true,
                encoding: .utf8)
        }
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: store, clock: FixedClock.clock), drafts: store,
            clock: FixedClock.clock,
            outputFolder: folder.makeOutputFolder())
        func check(_ context: String) {
            Self.checkFrame(app.render(width: size.width, height: size.height), context: context)
        }
        check("start with a draft to continue")
        ScreenTests.fastForward(app, [.char("4"), .enter])
        check("about")
        ScreenTests.fastForward(app, [.enter, .char("3"), .enter])
        check("open file")
        ScreenTests.fastForward(app, [.escape, .char("2"), .enter])
        #expect(app.isShowing(DraftsScreen.self))
        var seenLast = false
        for _ in 0..<32 {
            let frame = app.render(width: size.width, height: size.height)
            Self.checkFrame(frame, context: "drafts")
            if frame.canvas.text.contains("Draft number 0 ") { seenLast = true }
            app.handle(.down)
        }
        #expect(seenLast, "the oldest draft can be reached")
        // Save dialog and saved screen after a whole journey.
        let other = TemporaryFolder()
        let journey = ScreenTests.app(other)
        ScreenTests.fastForward(journey, Drive.keys(.thirdPartyBlocked, to: .outcome) + [.char("s")])
        for _ in 0..<6 {
            Self.checkFrame(journey.render(width: size.width, height: size.height), context: "save dialog")
            journey.handle(.down)
        }
        ScreenTests.fastForward(journey, [.enter])
        Self.checkFrame(journey.render(width: size.width, height: size.height), context: "saved")
        #expect(
            ScreenTests.prose(journey.render(width: size.width, height: size.height).canvas.text).contains(
                "Press Enter to finish"))
    }
}
