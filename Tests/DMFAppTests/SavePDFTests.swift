import DMFFlow
import DMFPolicy
import Dispatch
import Foundation
import Synchronization
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// The outcome screen's save offers PDF: printed through the browser when there is one, and
/// when there is none, a clear message and nothing written (the set is all-or-nothing).
@Suite struct SavePDFTests {
    /// The app at the save dialog with the PDF box ticked (rows: Markdown, HTML, PDF, …, folder).
    static func atSaveWithPDFTicked(
        _ folder: borrowing TemporaryFolder, printer: @escaping @Sendable () -> (any FormPrinter)?
    ) -> FullScreenApp {
        let app = ScreenTests.app(folder, printer: printer)
        ScreenTests.fastForward(app, Drive.keys(.thirdPartyBlocked, to: .outcome) + [.char("s")])
        let pdfRow = SaveScreen.formatsOrder.firstIndex(of: .pdf)!
        ScreenTests.fastForward(app, Array(repeating: .up, count: SaveScreen.folderRow - pdfRow) + [.char(" ")])
        return app
    }

    @Test func withoutABrowserSavingAPDFSaysWhatItNeedsAndWritesNothing() throws {
        let folder = TemporaryFolder()
        let app = Self.atSaveWithPDFTicked(folder, printer: { nil })
        #expect(ScreenTests.prose(app.render(width: 80, height: 24).canvas.text).contains("PDF (.pdf)"))
        app.handle(.enter)
        app.settle()
        #expect(app.isShowing(SaveScreen.self))
        let screen = ScreenTests.prose(app.render(width: 80, height: 24).canvas.text)
        #expect(screen.contains("PDF needs Chromium"), "\(screen)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.output).isEmpty)
    }

    @Test func withABrowserThePDFIsSavedBesideTheOtherFormats() throws {
        let folder = TemporaryFolder()
        // A stand-in browser: writes a tiny PDF where Chromium's --print-to-pdf= says.
        let browser = folder.path + "/fake-chromium"
        try """
        #!/bin/sh
        for argument in "$@"; do
          case "$argument" in --print-to-pdf=*) printf '%%PDF-1.4 stand-in\\n' > "${argument#--print-to-pdf=}";; esac
        done
        """.write(toFile: browser, atomically: true, encoding: .utf8)
        chmod(browser, 0o700)
        let app = Self.atSaveWithPDFTicked(folder, printer: { PDFPrinter(browser: browser) })
        app.handle(.enter)
        app.settle()
        guard let paths = app.savedPaths else {
            Issue.record("not saved: \(ScreenTests.prose(app.render(width: 80, height: 24).canvas.text))")
            return
        }
        #expect(paths.map { ($0 as NSString).pathExtension } == ["md", "html", "pdf", "yaml"])
        let pdf = try #require(paths.first { $0.hasSuffix(".pdf") })
        #expect(try String(contentsOfFile: pdf, encoding: .utf8) == "%PDF-1.4 stand-in\n")
        let mode = try FileManager.default.attributesOfItem(atPath: pdf)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aBrowserThatFailsIsReportedAndNothingIsWritten() throws {
        let folder = TemporaryFolder()
        let browser = folder.path + "/broken-chromium"
        try "#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n".write(
            toFile: browser, atomically: true, encoding: .utf8)
        chmod(browser, 0o700)
        let app = Self.atSaveWithPDFTicked(folder, printer: { PDFPrinter(browser: browser) })
        app.handle(.enter)
        app.settle()
        let screen = ScreenTests.prose(app.render(width: 80, height: 24).canvas.text)
        #expect(screen.contains("Chromium could not print"), "\(screen)")
        #expect(screen.contains("cannot open display"), "\(screen)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.output).isEmpty)
    }

    /// Esc while saving stops the printing: the browser and the helpers in its process group
    /// are killed at once, and the private print folder is removed.
    @Test func aCancelledPrintKillsTheBrowser() throws {
        let folder = TemporaryFolder()
        let browser = folder.path + "/hanging-chromium"
        let pidFile = folder.path + "/browser.pid"
        try "#!/bin/sh\necho $$ > '\(pidFile)'\nsleep 30\n".write(toFile: browser, atomically: true, encoding: .utf8)
        chmod(browser, 0o700)
        var printer = PDFPrinter(browser: browser)
        printer.temporaryRoot = folder.makeOutputFolder()
        let cancellation = Cancellation()
        let outcome = Mutex<Result<[UInt8], PrintError>?>(nil)
        let finished = DispatchSemaphore(value: 0)
        let job = Thread { [printer] in
            let result = Result { () throws(PrintError) in
                try printer.pdf(fromHTML: "<p>x</p>", cancellation: cancellation)
            }
            outcome.withLock { $0 = result }
            finished.signal()
        }
        job.start()
        let started = Date()
        while !FileManager.default.fileExists(atPath: pidFile), Date().timeIntervalSince(started) < 10 {
            usleep(10_000)
        }
        let pid = try #require(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmed))
        cancellation.cancel()
        #expect(finished.wait(timeout: .now() + .seconds(5)) == .success, "stopped within a moment")
        let result = try #require(outcome.withLock { $0 })
        guard case .failure(.cancelled) = result else {
            Issue.record("not reported as stopped: \(result)")
            return
        }
        #expect(kill(pid, 0) != 0, "the browser is gone")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.output).isEmpty)
    }

    @Test func aBrowserThatHangsIsStoppedAtTheTimeout() throws {
        let folder = TemporaryFolder()
        let browser = folder.path + "/hanging-chromium"
        try "#!/bin/sh\nsleep 30\n".write(toFile: browser, atomically: true, encoding: .utf8)
        chmod(browser, 0o700)
        var printer = PDFPrinter(browser: browser)
        printer.timeoutSeconds = 1
        printer.temporaryRoot = folder.makeOutputFolder()
        let started = Date()
        #expect(throws: PrintError.self) { try printer.pdf(fromHTML: "<p>x</p>") }
        #expect(Date().timeIntervalSince(started) < 10)
        // The private print folder (the form's HTML, the browser's profile) is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.output).isEmpty)
    }
}
