import DMFAnswers
import DMFDocuments
import DMFFlow
import DMFPolicy
import Foundation
import Synchronization
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// A stand-in for Chromium that notes what it finds when asked to print (whether the folder is
/// there yet), fails the first time when told to, and otherwise prints a tiny PDF.
final class NotingPrinter: FormPrinter {
    let folder: String
    private let calls = Mutex<[Bool]>([])
    let failsFirst: Bool

    init(folder: String, failsFirst: Bool = false) {
        self.folder = folder
        self.failsFirst = failsFirst
    }

    /// For each call, whether the folder existed then.
    var folderExisted: [Bool] { calls.withLock { $0 } }

    func pdf(fromHTML html: String, cancellation: Cancellation) throws(PrintError) -> [UInt8] {
        let first = calls.withLock { calls in
            calls.append(FileManager.default.fileExists(atPath: folder))
            return calls.count == 1
        }
        if first, failsFirst { throw .failed("the stand-in fails its first print") }
        return Array("%PDF-1.4 noted\n".utf8)
    }
}

/// The save screen: a folder that is not there is made, saving says what it is doing and for
/// how long, an old problem goes when a new attempt starts, the formats chosen are remembered
/// (for the session and in the draft, never as an answer), and what it says afterwards fits the
/// outcome.
@Suite struct SaveScreenTests {
    static func text(_ app: FullScreenApp, width: Int = 80, height: Int = 24) -> String {
        ScreenTests.prose(app.render(width: width, height: height).canvas.text)
    }

    /// Ticks the PDF row on the save screen (the highlight starts on the folder).
    static let tickPDF: [Key] = {
        let pdfRow = SaveScreen.formatsOrder.firstIndex(of: .pdf) ?? 2
        return Array(repeating: .up, count: SaveScreen.folderRow - pdfRow) + [.char(" ")]
    }()

    static let backToTheFolder: [Key] = Array(repeating: .down, count: 3)

    @Test func aFolderThatIsNotThereIsMadePrivateBeforeAnythingIsPrinted() throws {
        let folder = TemporaryFolder()
        let target = folder.output + "/forms/2026"
        let printer = NotingPrinter(folder: target)
        let app = ScreenTests.app(folder, printer: { printer })
        ScreenTests.fastForward(
            app,
            Drive.keys(.otherDepartmentRefer, to: .outcome) + [.char("s")] + Self.tickPDF + Self.backToTheFolder
                + typing("/forms/2026") + [.enter])
        let paths = try #require(app.savedPaths, "\(Self.text(app))")
        #expect(printer.folderExisted == [true], "the folder was made before the PDF was printed")
        #expect(paths.allSatisfy { $0.hasPrefix(target + "/") })
        #expect(fileMode(target) == 0o700)
        #expect(fileMode(folder.output + "/forms") == 0o700)
    }

    @Test func savingSaysWhatItIsDoingAndForHowLong() throws {
        let folder = TemporaryFolder()
        let printer = HeldPrinter()
        let app = SavePDFTests.atSaveWithPDFTicked(folder, printer: { printer })
        app.handle(.enter)
        try #require(printer.waitUntilPrinting())
        app.collectReplies()
        #expect(Self.text(app).contains("Saving… printing the PDF (0 s so far). Press Esc to stop."))
        Thread.sleep(forTimeInterval: 1.2)
        app.collectReplies()  // the loop does this every tick while work is in hand
        let later = Self.text(app)
        #expect(later.contains("Saving… printing the PDF (1 s so far)"), "\(later)")
        app.handle(.escape)
        #expect(Self.text(app).contains("Stopping…"))
        app.settle()
        #expect(Self.text(app).contains("Saving stopped: nothing was written."))
    }

    @Test func anOldProblemGoesWhenANewAttemptStarts() throws {
        let folder = TemporaryFolder()
        let printer = NotingPrinter(folder: folder.output, failsFirst: true)
        let app = SavePDFTests.atSaveWithPDFTicked(folder, printer: { printer })
        ScreenTests.fastForward(app, [.enter])
        #expect(Self.text(app).contains("the stand-in fails its first print"))
        app.handle(.enter)  // again: the message goes at once, while the new attempt runs
        #expect(!Self.text(app).contains("the stand-in fails its first print"))
        app.settle()
        #expect(app.savedPaths != nil)
    }

    /// Ticks are remembered for the session: back to the outcome and into the save screen again,
    /// PDF is still ticked; and in the draft, under `draft.formats`, so a resumed transfer ticks
    /// them again.
    @Test func theFormatsChosenAreRememberedForTheSessionAndInTheDraft() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder, drafts: true, printer: { nil })
        ScreenTests.fastForward(
            app, [.enter] + Drive.keys(.betweenSystemsConditions, to: .outcome) + [.char("s")] + Self.tickPDF)
        ScreenTests.fastForward(app, [.escape, .char("s")])
        let checked = "[x] PDF (.pdf)"
        #expect(Self.text(app, height: 30).contains(checked), "still ticked in this session")

        let draft = try #require(app.draftPath)
        let written = try String(contentsOfFile: draft, encoding: .utf8)
        #expect(written.contains("formats:"), "\(written)")
        let document = try folder.drafts.load(draft)
        #expect(document.saveFormats == ["markdown", "html", "pdf"])

        let resumed = ScreenTests.app(folder, drafts: true, printer: { nil })
        ScreenTests.fastForward(resumed, [.char("2"), .enter, .enter])  // the drafts, the newest
        #expect(resumed.session.wizard.screen == .outcome)
        ScreenTests.fastForward(resumed, [.char("s")])
        #expect(Self.text(resumed, height: 30).contains(checked), "ticked again from the draft")
    }

    /// `draft.formats` is the draft's own: the answers, the form and the fingerprint are those of
    /// the same draft without it, and `fill` reads the file the same way.
    @Test func theRememberedFormatsAreNeverAnAnswer() throws {
        let answers = Drive.wizard(.betweenSystemsConditions).answers
        let plain = AnswersWriter.yaml(answers, resumeStep: "OUTCOME")
        let remembering = AnswersWriter.yaml(answers, resumeStep: "OUTCOME", saveFormats: ["pdf", "json"])
        #expect(remembering.contains("formats:"))
        let without = try AnswersParser.parse(data: Data(plain.utf8), mode: .complete)
        let with = try AnswersParser.parse(data: Data(remembering.utf8), mode: .complete)
        #expect(with.answers == without.answers)
        #expect(with.answers.fingerprint == without.answers.fingerprint)
        #expect(with.saveFormats == ["pdf", "json"] && without.saveFormats == nil)
        let context = DMFBuilder.Context(producedAt: FixedClock.iso)
        #expect(
            MarkdownRenderer.render(try DMFBuilder.build(with.answers, context: context))
                == MarkdownRenderer.render(try DMFBuilder.build(without.answers, context: context)))
        // A name this version does not know is left out; none known leaves the defaults.
        #expect(OutputFormat.remembered(["pdf", "docx"]) == [.pdf])
        #expect(OutputFormat.remembered(["docx"]) == nil)
    }

    // MARK: - What it says afterwards

    static func saved(_ journey: Journey, formats: [Key] = [], helpdesk: Bool = false) throws -> (FullScreenApp, String)
    {
        let folder = TemporaryFolder()
        let app =
            helpdesk ? HelpdeskScreenTests.app(folder) : ScreenTests.app(folder, printer: { NotingPrinter(folder: "") })
        let keys =
            helpdesk
            ? HelpdeskScreenTests.keys(journey, to: .outcome) : Drive.keys(journey, to: .outcome)
        ScreenTests.fastForward(app, keys + [.char("s")] + formats + [.enter])
        try #require(app.savedPaths != nil, "\(Self.text(app))")
        return (app, Self.text(app, width: 100, height: 40))
    }

    @Test func blockedSaysThereIsNothingToSendAndWhatToChange() throws {
        let (app, screen) = try Self.saved(.thirdPartyBlocked)
        #expect(screen.contains("Nothing to send for authorisation: the transfer is BLOCKED."))
        let form = try #require(app.session.filledForm())
        let blockers = form.decision.checklist.filter { $0.kind == .blocker }
        try #require(!blockers.isEmpty)
        for blocker in blockers { #expect(screen.contains("- " + blocker.text.prefix(40))) }
        #expect(!screen.contains("Information Asset Owner to authorise"))
    }

    @Test func aTransferThatNeedsNoFormHasNothingToSend() throws {
        let (app, screen) = try Self.saved(.sameSystemProceed)
        #expect(app.session.filledForm()?.decision.dmfRequired == false)
        #expect(screen.contains("Nothing to send: this transfer needs no Data Movement Form."))
    }

    @Test func otherwiseItSaysWhatToSendToTheIAONamingThePDF() throws {
        let (_, withoutPDF) = try Self.saved(.betweenSystemsConditions)
        #expect(withoutPDF.contains("Print the HTML file, DMF-"))
        #expect(withoutPDF.contains("or email the Markdown file, DMF-"))
        #expect(withoutPDF.contains("to your Information Asset Owner to authorise."))
        let (app, withPDF) = try Self.saved(.otherDepartmentRefer, formats: Self.tickPDF)
        let pdf = try #require(app.savedPaths?.first { $0.hasSuffix(".pdf") })
        #expect(
            withPDF.contains(
                "Send the PDF, \((pdf as NSString).lastPathComponent), to your Information Asset Owner to authorise."))
    }

    /// Without a shared register the IAO decides from the request file: it is part of what to
    /// send, with how the decision comes back, said once.
    @Test func aRequestFileIsSentWithTheForm() throws {
        let (app, withoutRequest) = try Self.saved(.betweenSystemsConditions, formats: Self.tickPDF)
        let form = try #require(app.session.filledForm())
        let reference = form.reference
        let paths = ["/f/\(reference).pdf", "/f/\(reference).md", "/f/\(reference).request.json"]
        for helpdesk in [false, true] {
            let words = AfterSaving.lines(form, reference: reference, paths: paths, helpdesk: helpdesk)
                .joined(separator: " ")
            #expect(words.contains("the request file, \(reference).request.json,"), "\(words)")
            #expect(words.contains("dmf-wizard register decide \(reference).request.json"))
            #expect(words.contains("dmf-wizard register import \(reference).decision"))
        }
        #expect(!withoutRequest.contains("request file"))
    }

    /// In a small window the saved screen's words and paths run past the bottom (here a deep
    /// folder): they scroll, so every file written can be read.
    @Test func theSavedScreenScrollsInASmallWindow() throws {
        let folder = TemporaryFolder()
        let deep =
            folder.makeOutputFolder() + "/"
            + Array(repeating: "a-folder-with-a-long-name", count: 6)
            .joined(separator: "/")
        var session = WizardSession(wizard: Wizard(), drafts: nil, clock: FixedClock.clock)
        session.printer = { NotingPrinter(folder: "") }
        let app = FullScreenApp(
            session: session, drafts: folder.drafts, clock: FixedClock.clock, startAt: .questions, outputFolder: deep)
        ScreenTests.fastForward(app, Drive.keys(.otherDepartmentRefer, to: .outcome) + [.char("s"), .enter])
        let last = try #require(app.savedPaths?.last.map { ($0 as NSString).lastPathComponent })
        var screen = Self.text(app, width: 60, height: 20)
        #expect(screen.contains("more below"), "\(screen)")
        #expect(screen.contains("↑↓ scroll"))
        for _ in 0..<40 where screen.contains("more below") {
            ScreenTests.fastForward(app, [.down])
            screen = Self.text(app, width: 60, height: 20)
        }
        #expect(!screen.contains("more below"), "\(screen)")
        #expect(screen.replacingOccurrences(of: " ", with: "").contains(last), "\(screen)")
    }

    @Test func theHelpdeskIsToldWhatToTellTheCaller() throws {
        let (app, screen) = try Self.saved(.betweenSystemsConditions, helpdesk: true)
        let reference = try #require(
            app.savedPaths?.first.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension })
        #expect(screen.contains("Tell the caller: their reference is \(reference), and the form goes"))
        #expect(screen.contains("Email them the HTML file, DMF-"))
        let (_, blocked) = try Self.saved(.thirdPartyBlocked, helpdesk: true)
        #expect(blocked.contains("Tell the caller: the transfer is BLOCKED, so there is nothing to send"))
    }

    /// Plain mode says the same after saving.
    @Test func plainModeSaysTheSameAfterSaving() throws {
        let folder = TemporaryFolder()
        let io = ScriptedLineIO(Drive.plainLines(.thirdPartyBlocked))
        let frontEnd = PlainFrontEnd(
            session: WizardSession(wizard: Wizard(), drafts: nil, clock: FixedClock.clock), io: io,
            outputFolder: folder.makeOutputFolder())
        #expect(frontEnd.run() == 0)
        #expect(io.output.contains("Nothing to send for authorisation: the transfer is BLOCKED."))
    }
}
