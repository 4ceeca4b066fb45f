import DMFAnswers
import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// Ctrl-C, a closed window or the end of input used to lose the half-typed text of the field on
/// show. The draft now keeps it apart from the answers (`draft.pending`, never read as an
/// answer), and resuming puts it back in the field for the person to finish or change.
@Suite struct TypedTextTests {
    /// A full-screen app from the start menu, with its drafts in `folder`.
    static func app(_ folder: borrowing TemporaryFolder) -> FullScreenApp {
        ScreenTests.app(folder, drafts: true)
    }

    /// The draft `app` saved, as read back.
    static func draft(_ app: FullScreenApp) throws -> AnswersDocument {
        let path = try #require(app.draftPath, "a draft was saved")
        return try DraftStore(folder: (path as NSString).deletingLastPathComponent).load(path)
    }

    /// The app the draft at `path` resumes in, as `dmf-wizard resume` starts it.
    static func resumed(_ path: String, _ folder: borrowing TemporaryFolder) throws -> FullScreenApp {
        let session = try WizardSession.resuming(
            path, asDraft: true, drafts: folder.drafts, helpdesk: false, clock: FixedClock.clock)
        return FullScreenApp(
            session: session, drafts: folder.drafts, clock: FixedClock.clock, startAt: .questions,
            outputFolder: folder.makeOutputFolder())
    }

    @Test func ctrlCKeepsTheTextOfTheFieldApartFromTheAnswersAndResumingPutsItBack() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        ScreenTests.fastForward(app, [.enter] + typing("Siân Ó Ceall"))
        #expect(app.session.wizard.stepCode == "Y1")
        app.handle(.signal(SIGINT))
        #expect(app.ending == .signal(SIGINT))
        let draft = try Self.draft(app)
        #expect(draft.pending == "Siân Ó Ceall")
        #expect(draft.resumeStep == "Y1")
        #expect(draft.answers == Answers(), "not an answer: the name was never given")
        let path = try #require(app.draftPath)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("pending: \"Siân Ó Ceall\""))

        let resumed = try Self.resumed(path, folder)
        let screen = resumed.render(width: 80, height: 24).canvas.text
        #expect(screen.contains("[Siân Ó Ceall"), "back in the field:\n\(screen)")
        #expect(resumed.session.wizard.answers.requester.name == nil)
        // The person finishes it; only then is it an answer, and the draft holds no pending text.
        ScreenTests.fastForward(resumed, typing("aigh") + [.enter])
        #expect(resumed.session.wizard.answers.requester.name == "Siân Ó Ceallaigh")
        #expect(resumed.session.wizard.stepCode == "Y2")
        let after = try Self.draft(resumed)
        #expect(after.pending == nil && after.answers.requester.name == "Siân Ó Ceallaigh")
        // Back at Y1 the field holds the answer, not the text kept before.
        ScreenTests.fastForward(resumed, [.escape])
        #expect(resumed.render(width: 80, height: 24).canvas.text.contains("[Siân Ó Ceallaigh "))
    }

    @Test func theEndOfInputAtALaterStepKeepsItsTextAndTheAnswersBefore() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        ScreenTests.fastForward(app, [.enter] + Drive.keys(.sameSystemProceed, until: "T3") + typing("Cover for"))
        app.handle(.endOfInput)
        let draft = try Self.draft(app)
        #expect(draft.pending == "Cover for" && draft.resumeStep == "T3")
        #expect(draft.answers.transfer.purpose == nil)
        #expect(draft.answers.requester.name != nil, "the answers given before are kept")
        let resumed = try Self.resumed(try #require(app.draftPath), folder)
        #expect(resumed.render(width: 80, height: 24).canvas.text.contains("[Cover for"))
    }

    @Test func aRecipientsFieldKeepsItsTextForThatRecipient() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        ScreenTests.fastForward(app, [.enter] + Drive.keys(.thirdPartyBlocked, until: "P3:2") + typing("Acme Fac"))
        app.handle(.signal(SIGHUP))
        let draft = try Self.draft(app)
        #expect(draft.resumeStep == "P3:2" && draft.pending == "Acme Fac")
        let resumed = try Self.resumed(try #require(app.draftPath), folder)
        #expect(resumed.session.wizard.resumeStep == "P3:2")
        #expect(resumed.render(width: 80, height: 24).canvas.text.contains("[Acme Fac"))
    }

    @Test func ctrlSKeepsTheTextToo() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        ScreenTests.fastForward(app, [.enter] + typing("Kim") + [.ctrl("s")])
        #expect(try Self.draft(app).pending == "Kim")
        #expect(ScreenTests.prose(app.render(width: 80, height: 24).canvas.text).contains("Draft saved"))
    }

    /// Nothing is kept when there is nothing new in the field: it is empty, or holds the answer
    /// already given (as it does when a draft is resumed at an answered question).
    @Test func anEmptyFieldOrTheAnswerItselfKeepsNothing() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        ScreenTests.fastForward(app, [.enter] + typing("Kim") + [.enter, .escape])
        #expect(app.session.wizard.stepCode == "Y1")
        app.handle(.signal(SIGTERM))
        #expect(try Self.draft(app).pending == nil)
        let cleared = Self.app(folder)
        ScreenTests.fastForward(cleared, [.enter] + typing("Kim") + [.enter] + typing("x") + [.backspace])
        cleared.handle(.signal(SIGTERM))
        #expect(try Self.draft(cleared).pending == nil)
        #expect(try Self.draft(cleared).resumeStep == "Y2")
    }

    /// The text of a draft is no answer to `fill`, the form or its reference.
    @Test func pendingTextIsNeverReadAsAnAnswer() throws {
        let folder = TemporaryFolder()
        let answers = Drive.wizard(.otherDepartmentRefer).answers
        let store = folder.drafts
        let path = store.folder + "/draft-20261129-021410-TEST.yaml"
        try store.save(answers, step: "CHECK", to: path)
        let plain = try String(contentsOfFile: path, encoding: .utf8)
        try store.save(answers, step: "CHECK", pending: "Half-typed XYZZY words", to: path)
        let withText = try String(contentsOfFile: path, encoding: .utf8)
        #expect(withText != plain)
        let document = try store.load(path)
        #expect(document.answers == answers && document.pending == "Half-typed XYZZY words")
        let filled = PlainModeTests.fill(path)
        #expect(filled.status == 0, "\(filled.err)")
        try store.save(answers, step: "CHECK", to: path)
        #expect(PlainModeTests.fill(path).out == filled.out, "the same form, reference and all")
        #expect(!filled.out.contains("XYZZY"))
    }

    @Test func aDraftWithPendingTextIsPlainYAMLForAnotherReader() throws {
        if !PyYAML.isAvailable {
            try #require(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs PyYAML (python3-yaml)")
            try Test.cancel("skipped: python3 with PyYAML is not installed (CI installs python3-yaml)")
        }
        let text = AnswersWriter.yaml(Answers(), resumeStep: "Y1", pending: "O'Brien: \"Jo\" # not a comment")
        let json = try PyYAML.readAsJSON(text)
        let read = try AnswersParser.parse(data: Data(json.utf8), mode: .draft)
        #expect(read.pending == "O'Brien: \"Jo\" # not a comment")
        #expect(read.answers == Answers())
    }

    /// Plain mode offers the text kept for the step it resumes at; Enter gives it.
    @Test func plainModeOffersTheTextKeptAndEnterGivesIt() throws {
        let folder = TemporaryFolder()
        let store = folder.drafts
        let path = store.folder + "/draft-20261129-021410-PLAN.yaml"
        try store.save(Answers(), step: "Y1", pending: "Robin Field", to: path)
        let session = try WizardSession.resuming(
            path, asDraft: true, drafts: store, helpdesk: false, clock: FixedClock.clock)
        let (_, io, after) = PlainModeTests.run([""], in: folder, session: session)
        #expect(io.output.contains("Typed before you stopped, not yet an answer: Robin Field (press Enter to give it)"))
        #expect(after.wizard.answers.requester.name == "Robin Field")
        #expect(try store.load(path).pending == nil)
    }
}
