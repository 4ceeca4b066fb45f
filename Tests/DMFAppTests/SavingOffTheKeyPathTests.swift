import DMFFlow
import DMFPolicy
import Dispatch
import Foundation
import Synchronization
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// A stand-in for Chromium that holds the PDF until the test releases it, or until the save is
/// stopped: so "the screen answers keys while printing" and "Esc stops it" are tested without
/// timing. A hold that nobody ends fails the test after ten seconds rather than hanging it.
final class HeldPrinter: FormPrinter {
    let started = DispatchSemaphore(value: 0)
    let released = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)

    var wasStopped: Bool { stopped.load(ordering: .relaxed) }

    func pdf(fromHTML html: String, cancellation: Cancellation) throws(PrintError) -> [UInt8] {
        started.signal()
        let giveUp = Date().addingTimeInterval(10)
        while !cancellation.isCancelled {
            if released.wait(timeout: .now() + .milliseconds(5)) == .success { return Array("%PDF-1.4 held\n".utf8) }
            if Date() > giveUp {
                Issue.record("the held printer was never released or stopped: the save blocked the keys")
                throw .timedOut(seconds: 10)
            }
        }
        stopped.store(true, ordering: .relaxed)
        throw .cancelled
    }

    /// Waits for the save to reach the printer.
    func waitUntilPrinting() -> Bool { started.wait(timeout: .now() + .seconds(10)) == .success }
}

/// Saving runs on the worker, off the key path: the screen keeps answering, Esc stops a PDF
/// being printed with nothing written, and Ctrl-C stops it and keeps the draft.
@Suite struct SavingOffTheKeyPathTests {
    static func text(_ app: FullScreenApp) -> String {
        ScreenTests.prose(app.render(width: 80, height: 24).canvas.text)
    }

    @Test func theScreenAnswersKeysWhileThePDFPrints() throws {
        let folder = TemporaryFolder()
        let printer = HeldPrinter()
        let app = SavePDFTests.atSaveWithPDFTicked(folder, printer: { printer })
        app.handle(.enter)  // returns while the printer holds
        try #require(printer.waitUntilPrinting())
        #expect(app.isWorking)
        #expect(Self.text(app).contains("Saving…"))
        #expect(Self.text(app).contains("Esc stop saving"))
        // Keys other than Esc are dropped while saving: nothing is ticked or typed.
        for key in [Key.char(" "), .up, .char("x"), .enter] { app.handle(key) }
        #expect(app.isShowing(SaveScreen.self))
        printer.released.signal()
        app.settle()
        let paths = try #require(app.savedPaths)
        #expect(paths.map { ($0 as NSString).pathExtension } == ["md", "html", "pdf", "yaml"])
        #expect(try String(contentsOfFile: paths[2], encoding: .utf8) == "%PDF-1.4 held\n")
    }

    /// A reply the loop has not yet taken counts as work in hand: the loop reads keys with a time
    /// limit until it takes it, so a save finishing just after the loop looked is never left
    /// waiting for a key.
    @Test func aReplyNotYetTakenIsStillWorkInHand() throws {
        let folder = TemporaryFolder()
        let printer = HeldPrinter()
        let app = SavePDFTests.atSaveWithPDFTicked(folder, printer: { printer })
        app.handle(.enter)
        try #require(printer.waitUntilPrinting())
        printer.released.signal()
        app.runner.waitUntilIdle()  // the worker is done; its reply waits
        #expect(app.isWorking, "the loop must still wake for the reply")
        app.collectReplies()
        #expect(!app.isWorking)
        #expect(app.savedPaths != nil)
    }

    @Test func escStopsThePrintingAndNothingIsWritten() throws {
        let folder = TemporaryFolder()
        let printer = HeldPrinter()
        let app = SavePDFTests.atSaveWithPDFTicked(folder, printer: { printer })
        app.handle(.enter)
        try #require(printer.waitUntilPrinting())
        app.handle(.escape)
        app.settle()
        #expect(printer.wasStopped)
        #expect(app.isShowing(SaveScreen.self), "back on the save screen, to try again")
        #expect(Self.text(app).contains("Saving stopped: nothing was written."))
        #expect(files(in: folder.output).isEmpty, "no file, and no temporary file either")
    }

    /// The loop itself: Enter starts the save and the loop reads the next key (Esc) while the
    /// printer still holds; a loop that printed on the key path would never read it.
    @Test func theLoopReadsKeysWhileSaving() throws {
        let folder = TemporaryFolder()
        let printer = HeldPrinter()
        let app = SavePDFTests.atSaveWithPDFTicked(folder, printer: { printer })
        let backend = ScreenTests.play(app, [.enter, .escape])
        #expect(printer.wasStopped)
        let frames = backend.frames.map { ScreenTests.prose($0.text) }
        #expect(frames.contains { $0.contains("Saving…") }, "the saving screen was drawn")
        #expect(frames.last?.contains("Saving stopped: nothing was written.") == true)
        #expect(files(in: folder.output).isEmpty)
    }

    /// Ctrl-C while printing stops the printing, writes nothing, and leaves the draft as it was
    /// after the last answer, so the transfer can be resumed.
    @Test func ctrlCWhileSavingStopsItAndKeepsTheDraft() throws {
        let folder = TemporaryFolder()
        let printer = HeldPrinter()
        let app = ScreenTests.app(folder, drafts: true, printer: { printer })
        let pdfRow = try #require(SaveScreen.formatsOrder.firstIndex(of: .pdf))
        ScreenTests.fastForward(
            app,
            [.enter] + Drive.keys(.thirdPartyBlocked, to: .outcome) + [.char("s")]
                + Array(repeating: .up, count: SaveScreen.folderRow - pdfRow) + [.char(" ")])
        let draft = try #require(app.draftPath)
        app.handle(.enter)
        try #require(printer.waitUntilPrinting())
        app.handle(.signal(SIGINT))
        #expect(app.ending == .signal(SIGINT))
        #expect(printer.wasStopped)
        #expect(!app.isWorking)
        #expect(files(in: folder.output).isEmpty)
        #expect(try folder.drafts.load(draft).answers == app.session.wizard.answers)
    }
}
