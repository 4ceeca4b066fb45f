import DMFDocuments
import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// Helpdesk mode, full screen and headless: the caller's details first, read-aloud lines, step
/// codes, `g` to jump, and the resume code on screen.
@Suite struct HelpdeskScreenTests {
    /// H1–H4 as the agent types them.
    static let call = ["H1": "Priya Shah", "H2": "Probation", "H3": "INC-42", "H4": "Sam Agent"]

    static func callKeys() -> [Key] {
        ["H1", "H2", "H3", "H4"].flatMap { typing(call[$0]!) + [.enter] }
    }

    /// A helpdesk app on the first question, saving no drafts.
    static func app(_ folder: borrowing TemporaryFolder) -> FullScreenApp {
        FullScreenApp(
            session: WizardSession(wizard: Wizard(flow: Flow(helpdesk: true)), drafts: nil, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock,
            helpdesk: true, startAt: .questions, outputFolder: folder.makeOutputFolder())
    }

    /// The keys of a whole helpdesk call: the caller's details, then the journey.
    /// The caller's name and team are asked once, at H1 and H2: the journey's own Y1 and Y3
    /// are not asked again.
    static func keys(_ journey: Journey, to stop: Stop = .check, until: String? = nil) -> [Key] {
        var wizard = Wizard(flow: Flow(helpdesk: true))
        for code in ["H1", "H2", "H3", "H4"] { wizard.answer(call[code]!) }
        return callKeys() + Drive.keys(journey, to: stop, until: until, from: wizard)
    }

    /// The frame's bottom line, above the footer (which takes one line or more).
    static func bottomBorder(_ screen: String) -> String {
        screen.split(separator: "\n").last { $0.hasPrefix("└") }.map(String.init) ?? ""
    }

    // MARK: - The call

    @Test func theFirstQuestionAsksForTheCallerWithWordsToReadOut() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        let screen = ScreenTests.play(app, []).screen
        Golden.check(screen, "helpdesk-H1")
        #expect(screen.contains("What is the caller's name?"))
        #expect(screen.contains("Read to the caller: Can I take your full name, please?"))
        #expect(screen.contains("Code H1"), "the step code is in the top border")
        let code = ResumeCode.encode(Answers())
        #expect(
            Self.bottomBorder(screen).contains("Resume code \(code)"), "the resume code is on screen from the start")
    }

    @Test func everyHelpdeskQuestionHasItsReadAloudLineAndTheCurrentResumeCode() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        let backend = ScreenTests.play(app, Self.keys(.otherDepartmentRefer, to: .outcome))
        #expect(app.session.wizard.screen == .outcome)
        var seen: Set<String> = []
        for frame in backend.frames.map(\.text) {
            #expect(frame.contains("Resume code "), "every helpdesk screen shows the resume code")
            guard let title = frame.split(separator: "\n").first, let range = title.range(of: "Code ") else { continue }
            let code = String(title[range.upperBound...].prefix { $0.isLetter || $0.isNumber })
            guard let question = Flow(helpdesk: true).question(code: StepCode(code)) else { continue }
            seen.insert(code)
            let lead = "\(question.helpdeskLine.label): " + question.helpdeskLine.text.prefix(20)
            #expect(frame.contains(lead), "\(code) shows its read-aloud line")
            // An instruction to the agent is never labelled as words for the caller.
            if question.readAloud.hasPrefix("(Agent:") { #expect(!frame.contains("Read to the caller"), "\(code)") }
        }
        #expect(seen.isSuperset(of: ["H1", "H2", "H3", "H4", "Y2", "T1", "R1", "R5", "P1", "A2"]), "\(seen.sorted())")
        #expect(seen.isDisjoint(with: ["Y1", "Y3"]), "the caller's name and team are asked once, at H1 and H2")
        let last = backend.screen
        #expect(last.contains("Resume code \(ResumeCode.encode(app.session.wizard.answers))"))
    }

    @Test func aChoiceQuestionShowsTheCodeForTheChoicesSoFar() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        ScreenTests.fastForward(app, Self.keys(.thirdPartyBlocked, until: "R1"))
        let screen = ScreenTests.play(app, []).screen
        #expect(app.session.wizard.stepCode == "R1")
        #expect(screen.contains("Read to the caller: Where is it going"))
        let code = ResumeCode.encode(app.session.wizard.answers)
        #expect(Self.bottomBorder(screen).contains("Resume code \(code) "))
        // The code on screen rebuilds the choices so far.
        let decoded = try ResumeCode.decode(code)
        #expect(decoded.transfer.kind == .move && decoded.data.classification == .official)
    }

    @Test func theStartScreenSwitchTurnsHelpdeskModeOn() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder, drafts: true)
        #expect(!app.helpdesk)
        let off = ScreenTests.play(app, []).screen
        #expect(off.contains("5 Helpdesk mode is off (switch on)"))
        ScreenTests.fastForward(app, [.char("5"), .enter])
        #expect(app.helpdesk)
        #expect(app.isShowing(StartScreen.self))
        let on = ScreenTests.play(app, []).screen
        #expect(on.contains("5 Helpdesk mode is ON (switch off)"))
        ScreenTests.fastForward(app, [.char("1"), .enter])
        let started = ScreenTests.play(app, []).screen
        #expect(app.session.wizard.stepCode == "H1")
        #expect(started.contains("Read to the caller: Can I take your full name, please?"))
        // And off again: the ordinary first question, no read-aloud line, no resume code.
        let other = ScreenTests.app(folder, drafts: true)
        ScreenTests.fastForward(other, [.char("5"), .enter, .char("5"), .enter])
        ScreenTests.fastForward(other, [.char("1"), .enter])
        let plain = ScreenTests.play(other, []).screen
        #expect(other.session.wizard.stepCode == "Y1")
        #expect(!plain.contains("Read to the caller"))
        #expect(!plain.contains("Resume code"))
        #expect(files(in: folder.drafts.folder).isEmpty, "nothing answered, nothing saved")
    }

    // MARK: - Jumping with g

    @Test func gAndACodeJumpsToAStepAlreadyReached() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        ScreenTests.fastForward(app, Self.keys(.betweenSystemsConditions, until: "R1") + [.char("g")] + typing("t1"))
        let prompt = ScreenTests.play(app, []).screen
        Golden.check(prompt, "helpdesk-jump-prompt")
        let footer = try #require(prompt.split(separator: "\n").last)
        #expect(footer.hasPrefix(" Go to step (a code such as R2; Enter go, Esc cancel): t1"))
        ScreenTests.fastForward(app, [.enter])
        #expect(app.session.wizard.stepCode == "T1")
        let there = ScreenTests.play(app, []).screen
        #expect(there.contains("Will you keep a copy of the information after it is sent?"))
        #expect(there.contains("Code T1"))
        // The answers are kept; Esc cancels a jump.
        #expect(app.session.wizard.answers.data.classification == .officialSensitive)
        ScreenTests.fastForward(app, [.char("g"), .char("R"), .escape])
        #expect(app.session.wizard.stepCode == "T1")
        #expect(!ScreenTests.play(app, []).screen.contains("Go to step"))
    }

    @Test(arguments: [
        ("X1", "a third-party question on another route"),
        ("A2", "a question further on"),
        ("T3", "an optional question further on, never shown"),
        ("P5", "a recipient field before the recipients are reached"),
        ("Q9", "no such step"),
    ])
    func gRefusesAStepNotReachedWithAMessage(code: String, why: String) throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        // On T2: T1 answered, T2 and T3 (optional) not yet shown.
        ScreenTests.fastForward(app, Self.keys(.betweenSystemsConditions, until: "T2") + [.char("g")] + typing(code))
        let screen = ScreenTests.play(app, [.enter]).screen
        #expect(app.session.wizard.stepCode == "T2", "\(why)")
        #expect(screen.contains("! There is no step \(code) among the steps reached so far."), "\(why)")
    }

    @Test func gReachesEveryAnsweredStepIncludingARecipientField() throws {
        var wizard = Drive.wizard(.thirdPartyBlocked, helpdesk: false)
        for code in Journey.thirdPartyBlocked.expectedCodes {
            let jumped = wizard.jump(to: code.rawValue)
            #expect(jumped, "\(code)")
            #expect(wizard.stepCode == code)
        }
        let jumped = wizard.jump(to: "p6:2")
        #expect(jumped)
        #expect(wizard.screen == .recipientField(index: 1, code: "P6"))
    }

    @Test func ctrlGJumpsFromATextFieldWherePlainGIsALetter() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        ScreenTests.fastForward(app, Self.keys(.sameSystemProceed, until: "Y2") + typing("agag"))
        #expect(app.session.wizard.stepCode == "Y2")
        let typed = ScreenTests.play(app, []).screen
        #expect(typed.contains("[agag"), "g is typed into the field")
        #expect(!typed.contains("Go to step"))
        ScreenTests.fastForward(app, [.ctrl("g")] + typing("h2"))
        #expect(ScreenTests.play(app, []).screen.contains("Go to step (a code such as R2; Enter go, Esc cancel): h2"))
        ScreenTests.fastForward(app, [.enter])
        #expect(app.session.wizard.stepCode == "H2")
        let there = ScreenTests.play(app, []).screen
        #expect(there.contains("Which team is the caller in?"))
        #expect(there.contains("[Probation"), "the answer given is in the field")
    }

    // MARK: - The outcome and the documents

    @Test func theOutcomeShowsTheResumeCodeOutsideHelpdeskModeToo() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        #expect(!app.helpdesk)
        let question = ScreenTests.play(app, []).screen
        #expect(!question.contains("Resume code"), "outside helpdesk mode only the outcome shows it")
        ScreenTests.fastForward(app, Drive.keys(.sameSystemProceed, to: .outcome))
        let outcome = ScreenTests.play(app, []).screen
        #expect(app.session.wizard.screen == .outcome)
        let code = ResumeCode.encode(app.session.wizard.answers)
        #expect(Self.bottomBorder(outcome).contains("Resume code \(code)"))
        #expect(try ResumeCode.decode(code) == app.session.wizard.answers.choicesOnly)
    }

    @Test func aHelpdeskDMFSaysItWasCompletedOnTheCallersBehalf() throws {
        let folder = TemporaryFolder()
        let app = Self.app(folder)
        ScreenTests.fastForward(app, Self.keys(.thirdPartyBlocked, to: .outcome) + [.char("s"), .enter])
        guard let paths = app.savedPaths else {
            Issue.record("not saved")
            return
        }
        let answers = app.session.wizard.answers
        #expect(
            answers.helpdesk
                == .init(
                    callerName: "Priya Shah", callerTeam: "Probation", callReference: "INC-42", agentName: "Sam Agent"))
        let line = "Completed by the helpdesk on behalf of Priya Shah (Probation), by Sam Agent, call reference INC-42"
        let markdown = try String(contentsOfFile: try #require(paths.first { $0.hasSuffix(".md") }), encoding: .utf8)
        #expect(markdown.contains("Completed by the helpdesk on behalf of Priya Shah"))
        let html = try String(contentsOfFile: try #require(paths.first { $0.hasSuffix(".html") }), encoding: .utf8)
        #expect(html.contains("<p class=\"behalf\">\(line)</p>"))
        let form = try #require(app.session.filledForm())
        #expect(form.onBehalfOf == line)
        for format in OutputFormat.allCases {
            #expect(format.render(form).contains("Completed by the helpdesk on behalf of Priya Shah"), "\(format)")
        }
        // The answers file keeps the call details, so the form can be rebuilt.
        let saved = try String(
            contentsOfFile: try #require(paths.first { $0.hasSuffix(".answers.yaml") }), encoding: .utf8)
        #expect(saved.contains("INC-42"))
    }

    @Test func anOrdinaryDMFSaysNothingAboutTheHelpdesk() throws {
        let form = try DMFBuilder.build(
            Drive.wizard(.thirdPartyBlocked).answers, context: .init(producedAt: FixedClock.iso))
        #expect(form.onBehalfOf == nil)
        for format in OutputFormat.allCases {
            #expect(!format.render(form).contains("on behalf of"), "\(format)")
        }
    }
}

/// The helpdesk outcome: what the agent reads out, in order.
@Suite struct HelpdeskReadAloudTests {
    @Test func theOutcomeIsReadAsVerdictThenActionsThenCodesInGroups() throws {
        let folder = TemporaryFolder()
        let app = HelpdeskScreenTests.app(folder)
        ScreenTests.fastForward(app, HelpdeskScreenTests.keys(.otherDepartmentRefer, to: .outcome))
        let form = try #require(app.session.filledForm())
        let code = ResumeCode.encode(app.session.wizard.answers)
        let lines = OutcomeSummary.readAloud(form, resumeCode: code)
        #expect(lines.first == "The outcome is refer. \(form.verdict.headline)")
        #expect(lines.count == form.decision.checklist.count + 3)
        for (index, item) in form.decision.checklist.enumerated() {
            #expect(lines[index + 1].hasPrefix("\(index + 1). "))
            #expect(lines[index + 1].contains(item.text))
            #expect(lines[index + 1].contains(" for "), "who does it is said")
        }
        let reference = form.reference.split(separator: "-")
        #expect(
            lines[lines.count - 2]
                == "Your reference is "
                + reference.map { $0.map(String.init).joined(separator: " ") }.joined(separator: ", ") + "."
        )
        #expect(lines.last!.hasPrefix("Your resume code is ") && lines.last!.contains(", "))
        // On screen, under the verdict, in helpdesk mode only.
        var seen = ""
        for _ in 0..<30 {
            seen += ScreenTests.prose(app.render(width: 80, height: 24).canvas.text) + " "; app.handle(.down)
        }
        #expect(seen.contains("Read to the caller:"))
        #expect(seen.contains("Your resume code is"))
        let plain = TemporaryFolder()
        let other = ScreenTests.app(plain)
        ScreenTests.fastForward(other, Drive.keys(.otherDepartmentRefer, to: .outcome))
        #expect(!ScreenTests.prose(other.render(width: 80, height: 24).canvas.text).contains("Read to the caller"))
    }
}
