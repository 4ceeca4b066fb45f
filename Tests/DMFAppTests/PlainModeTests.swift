import DMFAnswers
import DMFApp
import DMFDocuments
import DMFFlow
import DMFPolicy
import Foundation
import TestSupport
import Testing

/// The accessible line mode end to end, with scripted input.
@Suite struct PlainModeTests {
    /// Runs plain mode on `lines`; outputs go to `folder.output`, drafts (when kept) to
    /// `folder.drafts`. Drafts are written with fsync after every step, so tests that are not
    /// about them leave them out to stay fast.
    static func run(
        _ lines: [String], in folder: borrowing TemporaryFolder, session: WizardSession? = nil, drafts: Bool = true
    ) -> (status: Int32, io: ScriptedLineIO, session: WizardSession) {
        let session =
            session ?? WizardSession(wizard: Wizard(), drafts: drafts ? folder.drafts : nil, clock: FixedClock.clock)
        let io = ScriptedLineIO(lines)
        let frontEnd = PlainFrontEnd(session: session, io: io, outputFolder: folder.makeOutputFolder())
        let status = frontEnd.run()
        return (status, io, frontEnd.session)
    }

    static func fill(_ path: String, format: OutputFormat = .markdown) -> (status: Int32, out: String, err: String) {
        var command = FillCommand(answersPath: path, clock: FixedClock.clock)
        command.format = format
        var out = "", err = ""
        let status = command.run(stdout: { out += $0 }, stderr: { err += $0 })
        return (status, out, err)
    }

    @Test func sourceDateEpochFixesTheClockForOutputs() {
        let fixed = WallClock.honouring(sourceDateEpoch: FixedClock.epoch)
        #expect(fixed.timestamp == FixedClock.iso)
        #expect(fixed.sourceDateEpochProblem == nil)
        #expect(FixedClock.clock.timestamp == FixedClock.iso)
        #expect(WallClock.honouring(sourceDateEpoch: nil).sourceDateEpochProblem == nil, "unset: the computer's time")
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (1_795_918_450.7, "2026-11-29T02:14:10Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (1_835_438_400, "2028-02-29T12:00:00Z"), (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func timestampsAreUTCToTheSecond(seconds: Double, expected: String) {
        #expect(WallClock.iso8601(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test(arguments: ["nan", "1e20", "-5", "12.5", "", "253402300800"])
    func anUnusableSourceDateEpochIsNamedAndNotUsed(value: String) throws {
        let clock = WallClock.honouring(sourceDateEpoch: value)
        let problem = try #require(clock.sourceDateEpochProblem)
        #expect(problem.hasPrefix("SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01"))
        #expect(abs(clock.now().timeIntervalSinceNow) < 60, "the computer's time instead")
    }

    @Test(arguments: Journey.all)
    func eachRouteEndToEndSavesTheSameDMFAsFill(_ journey: Journey) throws {
        let folder = TemporaryFolder()
        let (status, io, session) = Self.run(Drive.plainLines(journey), in: folder, drafts: false)
        #expect(status == 0, "\(io.output)")
        #expect(io.linesLeft == 0)
        #expect(session.wizard.decision?.verdict == journey.verdict)
        #expect(io.output.contains("Outcome: \(journey.verdict.label)\n\(journey.verdict.headline)\n"))
        #expect(!io.output.contains("┌") && !io.output.contains("│"), "no box drawing")
        if session.wizard.answers.transfer.kind == .move {
            // Deleting your copy can only follow the transfer: the checklist lists it last, apart.
            #expect(io.output.contains("After the transfer:\n[ ] Delete your own copy once the recipient confirms"))
        }

        let saved = files(in: folder.output).filter { !$0.hasPrefix(".") }
        #expect(saved.count == 3)
        let markdown = try #require(saved.first { $0.hasSuffix(".md") })
        let answers = try #require(saved.first { $0.hasSuffix(".answers.yaml") })
        #expect(markdown.hasPrefix("DMF-20251129-"))
        #expect(io.output.contains("Saved:\n  \(folder.output)/\(markdown)\n"))
        for name in saved { #expect(fileMode(folder.output + "/" + name) == 0o600, "\(name)") }

        let answersPath = folder.output + "/" + answers
        let filled = Self.fill(answersPath)
        #expect(filled.status == 0, "\(filled.err)")
        let written = try String(contentsOfFile: folder.output + "/" + markdown, encoding: .utf8)
        #expect(written == filled.out, "plain mode's Markdown equals fill's for the saved answers")
        let html = try String(
            contentsOfFile: folder.output + "/" + markdown.replacingOccurrences(of: ".md", with: ".html"),
            encoding: .utf8)
        #expect(html == Self.fill(answersPath, format: .html).out)

        // The same through the builder, and the answers file reads back as what was answered.
        let document = try AnswersParser.load(path: answersPath)
        #expect(document.answers == session.wizard.answers)
        let built = try DMFBuilder.build(document.answers, context: .init(producedAt: FixedClock.iso))
        #expect(MarkdownRenderer.render(built) == written)
    }

    @Test(arguments: Journey.all)
    func eachStepIsHeadedWithItsSectionStepCountAndCode(_ journey: Journey) {
        let folder = TemporaryFolder()
        let (_, io, _) = Self.run(Drive.plainLines(journey, to: .check), in: folder, drafts: false)
        let total = journey.expectedCodes.count
        let last = journey.expectedCodes.last!
        #expect(io.output.contains(": step \(total) of \(total), code \(last)\n"))
        // The total is "about" until no answer to come can change it (the route, the records).
        #expect(io.output.contains("About you: step 1 of about \(Flow().applicable(to: Answers()).count), code Y1\n"))
        #expect(
            io.output.contains(
                "Who receives it: step \(journey.expectedCodes.firstIndex(of: "P1")! + 1) of \(total), "
                    + "code P3, recipient 1\n"
            ))
        #expect(io.output.contains("\nCheck your answers\n"))
        #expect(
            io.output.contains("  1. Share (I will keep a copy)\n  2. Move (I will not keep a copy)\n  3. Not sure\n"))
    }

    @Test func questionMarkShowsHelpWithTheRuleAndAsksAgain() {
        let folder = TemporaryFolder()
        let (_, io, session) = Self.run(["", "", "", "?", "2"], in: folder, drafts: false)
        #expect(io.output.contains("Help: If you SHARE information, you keep a copy."))
        #expect(
            io.output.contains(
                "Rule retention: Copies are kept only as long as needed. Guidance (General principles): \""))
        #expect(io.output.components(separatedBy: "code T1\n").count == 3, "T1 is asked again after the help")
        #expect(session.wizard.answers.transfer.kind == .move)
    }

    @Test func lessThanGoesBackAndKeepsTheAnswer() {
        let folder = TemporaryFolder()
        let (_, io, session) = Self.run(["Siân Ó Ceallaigh", "<", "", "<", "<"], in: folder, drafts: false)
        #expect(io.output.components(separatedBy: "code Y1\n").count == 5)
        #expect(io.output.contains("Current answer: Siân Ó Ceallaigh (press Enter to keep it)"))
        #expect(io.output.contains("This is the first question."))
        #expect(session.wizard.answers.requester.name == "Siân Ó Ceallaigh")
    }

    @Test(arguments: [
        (["", "", "", "9"], "Please type one of the numbers 1 to 3, or the start of an option's word.", "T1"),
        (["", "", "", "maybe"], "Please type one of the numbers 1 to 3, or the start of an option's word.", "T1"),
        (["", "", "", "copy"], "Please type one of the numbers 1 to 3, or the start of an option's word.", "T1"),
        (
            ["", "", "", "1", "", "", "", "n"],
            "\"n\" could be 2 No or 3 Not sure: type more of the word, or the number.", "D7"
        ),
        (["", "not an email"], "That doesn't look like an email address. Type it like a.person@justice.gov.uk", "Y2"),
        (["lots"], "Type a whole number, for example 4200, or leave it empty if you don't know.", "D5"),
    ])
    func invalidInputIsAskedAgainWithTheReason(lines: [String], reason: String, code: String) {
        let folder = TemporaryFolder()
        // The record count is reached the way a person would: the journey's lines up to it.
        let before = code == "D5" ? Array(Drive.plainLines(.sameSystemProceed).prefix(Self.linesBefore("D5"))) : []
        let (status, io, session) = Self.run(before + lines, in: folder, drafts: false)
        #expect(status == 1)
        #expect(io.output.contains("\(reason)\n"))
        #expect(session.wizard.stepCode == StepCode(code), "still on the question")
        let asked = io.output.components(separatedBy: "code \(code)\n").count - 1
        #expect(asked == 2, "asked again after the reason")
    }

    /// How many lines the same-system journey types before `code` comes up.
    static func linesBefore(_ code: StepCode) -> Int {
        Journey.sameSystemProceed.expectedCodes.firstIndex(of: code) ?? 0
    }

    @Test func recipientsCanBeAddedEditedAndRemovedByLine() {
        let folder = TemporaryFolder()
        let toP1 = Drive.plainLines(.sameSystemProceed, to: .check).prefix { $0 != "a" }
        // Inside one system no mailbox is asked: name, organisation, role, authorised, clearance.
        let lines =
            Array(toP1) + [
                "c", "x", "a", "Dana Field", "", "", "1", "2", "a", "Kim Lee", "", "", "1", "2",
                "e 1", "Dana Fields", "", "", "", "", "d 2", "c",
            ]
        let (_, io, session) = Self.run(lines, in: folder, drafts: false)
        #expect(io.output.contains("No recipients yet."))
        #expect(io.output.contains("Add at least one recipient before continuing."))
        #expect(io.output.contains("Please type a, e 1, d 1 or c."))
        #expect(io.output.contains("  1. Dana Field (authorised: yes, clearance: BPSS)\n  2. Kim Lee"))
        #expect(session.wizard.answers.recipients.map(\.name) == ["Dana Fields"])
        #expect(session.wizard.stepCode == "K1")
    }

    @Test func changingAnAnswerAtCheckSaysWhichAnswersNoLongerApply() {
        let folder = TemporaryFolder()
        let lines = Drive.plainLines(.thirdPartyBlocked, to: .check) + ["r1", "3", "x9"]
        let (_, io, session) = Self.run(lines, in: folder, drafts: false)
        #expect(io.output.contains("These answers no longer apply and were removed:\nX1 "))
        #expect(io.output.contains("There is no step x9 among your answers."))
        #expect(session.wizard.screen == .check)
        #expect(session.wizard.answers.thirdParty.isEmpty)
    }

    @Test func endOfInputSavesTheDraftWhichFillCanReadOnceComplete() throws {
        let folder = TemporaryFolder()
        let (status, io, session) = Self.run(Drive.plainLines(.otherDepartmentRefer, to: .check), in: folder)
        #expect(status == 1)
        let path = try #require(session.draftPath)
        #expect(path.hasPrefix(folder.drafts.folder + "/draft-"))
        #expect(
            io.output.hasSuffix(
                "Input ended. Your answers are saved in \(path)\nContinue later with: dmf-wizard resume \(path)\n"))
        #expect(fileMode(path) == 0o600)
        #expect(try folder.drafts.load(path).resumeStep == "CHECK")
        let filled = Self.fill(path)
        #expect(filled.status == 0, "\(filled.err)")
        #expect(filled.out.contains("**Verdict: REFER.**"))
    }

    @Test func aDraftLeftMidwayResumesAtTheSameStepAndFinishes() throws {
        let folder = TemporaryFolder()
        let journey = Journey.thirdPartyBlocked
        let all = Drive.plainLines(journey)
        // Stop in the middle of the second recipient, at its mailbox question (P5:2).
        var wizard = Wizard()
        var count = 0
        for line in all {
            if wizard.resumeStep == "P5:2" { break }
            switch wizard.screen {
            case .recipients: if line == "a" { wizard.addRecipient() } else { wizard.finishRecipients() }
            default: wizard.answer(journey.value(for: wizard))
            }
            count += 1
        }
        let (status, _, first) = Self.run(Array(all.prefix(count)), in: folder)
        #expect(status == 1)
        let path = try #require(first.draftPath)
        let document = try folder.drafts.load(path)
        #expect(document.resumeStep == "P5:2")

        let resumed = WizardSession(
            wizard: Wizard(answers: document.answers, resumeAt: document.resumeStep), drafts: folder.drafts,
            draftPath: path, clock: FixedClock.clock)
        #expect(resumed.wizard.resumeStep == "P5:2")
        let (finished, io, session) = Self.run(Array(all.dropFirst(count)), in: folder, session: resumed)
        #expect(finished == 0, "\(io.output)")
        let steps = journey.expectedCodes
        let list = try #require(steps.firstIndex(of: .recipients))
        #expect(io.output.hasPrefix("\nWho receives it: step \(list + 1) of \(steps.count), code P5, recipient 2\n"))
        #expect(session.wizard.answers == Drive.wizard(journey).answers)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    // MARK: - Words people use

    /// `q` or `quit`, at any prompt, ends the run with exit 0, keeping the draft.
    @Test(arguments: ["q", "quit", " QUIT "])
    func qOrQuitEndsKeepingTheDraft(typed: String) throws {
        let folder = TemporaryFolder()
        let (status, io, session) = Self.run(["Kim", "", typed, "never read"], in: folder)
        #expect(status == 0)
        let path = try #require(session.draftPath)
        #expect(
            io.output.hasSuffix(
                "Stopped. Your answers are saved in \(path)\nContinue later with: dmf-wizard resume \(path)\n"))
        #expect(try folder.drafts.load(path).answers.requester.name == "Kim")
        #expect(try folder.drafts.load(path).resumeStep == "Y3")
        #expect(io.linesLeft == 1, "nothing is read after q")
    }

    @Test func qAtCheckAndAtTheSaveAlsoEnd() throws {
        let folder = TemporaryFolder()
        for lines in [
            Drive.plainLines(.sameSystemProceed, to: .check) + ["q"],
            Drive.plainLines(.sameSystemProceed).dropLast(2) + ["q"],
        ] {
            let (status, io, session) = Self.run(Array(lines), in: folder)
            #expect(status == 0, "\(io.output.suffix(300))")
            #expect(session.draftPath != nil, "the draft is kept")
            #expect(files(in: folder.output).isEmpty, "nothing saved")
        }
        let (status, io, _) = Self.run(["quit"], in: folder, drafts: false)
        #expect(status == 0)
        #expect(io.output.hasSuffix("Stopped before any answer was given; nothing was saved.\n"))
    }

    /// An unambiguous start of an option's words names it ("shar" for Share), whatever its case;
    /// plain mode says what it took. A start two options share names neither.
    @Test(arguments: [
        ("shar", "share"), ("MOVE", "move"), ("not", "not-sure"), ("Not sure", "not-sure"), ("sh", "share"),
        ("m", "move"),
    ])
    func theStartOfAnOptionsWordChoosesIt(typed: String, value: String) {
        let folder = TemporaryFolder()
        let (_, io, session) = Self.run(["", "", "", typed], in: folder, drafts: false)
        #expect(session.wizard.answers.transfer.kind?.rawValue == value, "\(io.output.suffix(400))")
        #expect(session.wizard.stepCode == "T2")
        let label = Flow().question(code: "T1")!.choices.first { $0.value == value }!
        if typed != label.label { #expect(io.output.contains("Taken as \(label.number). \(label.label)\n")) }
    }

    // MARK: - Piped input

    /// Lines from a file or a pipe were written for the questions in turn: one that cannot be
    /// used stops the run at its line number, rather than being asked again, which would give
    /// every later line to the wrong question. The answers before it are kept in the draft.
    @Test func aLineFromAPipeThatCannotBeUsedStopsAtItsNumber() throws {
        let folder = TemporaryFolder()
        let lines = ["Kim", "kim@justice.gov.uk", "", "keep", "1", "", "", ""]
        let session = WizardSession(wizard: Wizard(), drafts: folder.drafts, clock: FixedClock.clock)
        let io = ScriptedLineIO(lines, interactive: false)
        let status = PlainFrontEnd(session: session, io: io, outputFolder: folder.makeOutputFolder()).run()
        #expect(status == 1)
        #expect(io.linesLeft == 4, "nothing is read after line 4")
        let said = io.output
        #expect(
            said.contains(
                "Line 4 (\"keep\") cannot be used: Please type one of the numbers 1 to 3, or the start of an option's "
                    + "word.\n"), "\(said.suffix(600))")
        #expect(
            said.contains(
                "Stopped at line 4: the lines after it were written for later questions and would answer the wrong "
                    + "ones. Correct line 4 and run again.\n"))
        #expect(said.components(separatedBy: "code T1\n").count == 2, "T1 was not asked again")
        let draft = try #require(folder.drafts.list().first)
        #expect(
            said.hasSuffix(
                "Your answers are saved in \(draft.path)\nContinue later with: dmf-wizard resume \(draft.path)\n"))
        let document = try folder.drafts.load(draft.path)
        #expect(document.answers.requester.email == "kim@justice.gov.uk" && document.answers.transfer.kind == nil)
        #expect(document.resumeStep == "T1")
    }

    @Test(arguments: [
        (["not an email"], 2, "Y2"), (["", "", "2", "", "", "", "", "1", "", "1", "many"], 12, "D5"),
        (["", "", ""], 4, "T1"),
    ])
    func everyKindOfRefusedLineStopsAPipedRun(lines: [String], number: Int, code: String) {
        let folder = TemporaryFolder()
        let io = ScriptedLineIO(["Kim"] + lines + ["1", "1", "1"], interactive: false)
        let session = WizardSession(wizard: Wizard(), drafts: nil, clock: FixedClock.clock)
        let frontEnd = PlainFrontEnd(session: session, io: io, outputFolder: folder.makeOutputFolder())
        #expect(frontEnd.run() == 1)
        #expect(io.output.contains("Line \(number) ("), "\(io.output.suffix(500))")
        #expect(frontEnd.session.wizard.stepCode == StepCode(code))
        #expect(io.linesLeft == 3)
    }

    @Test func aPersonTypingIsAskedAgain() {
        let folder = TemporaryFolder()
        let (status, io, session) = Self.run(["", "", "", "keep", "2"], in: folder, drafts: false)
        #expect(status == 1, "input ended")
        #expect(session.wizard.answers.transfer.kind == .move)
        #expect(!io.output.contains("Stopped at line"))
    }

    @Test func inputEndingBeforeAnyAnswerSavesNothing() {
        let folder = TemporaryFolder()
        let (status, io, session) = Self.run([], in: folder)
        #expect(status == 1)
        #expect(session.draftPath == nil)
        #expect(io.output.hasSuffix("Input ended before any answer was given; nothing was saved.\n"))
    }
}
