import DMFDocuments
import Foundation
import Testing

@testable import DMFApp

/// The ways people name formats: typed at the save prompt of plain mode, or as a file's
/// extension for `fill --output`. Both read names through `OutputFormat(name:)`.
struct FormatChoiceTests {
    @Test func formatsTypedAtThePlainSavePrompt() {
        #expect(OutcomeSummary.formats(from: "") == [.markdown, .html])
        #expect(OutcomeSummary.formats(from: "md, HTML pdf") == [.markdown, .html, .pdf])
        #expect(OutcomeSummary.formats(from: "text,json,htm,markdown,txt") == [.text, .json, .html, .markdown])
        #expect(OutcomeSummary.formats(from: "all") == OutputFormat.textFormats)
        #expect(OutcomeSummary.formats(from: "md docx").isEmpty, "one unknown word refuses the line")
    }

    @Test func formatsNamedByAFileExtension() {
        #expect(OutputFormat(fileName: "forms/dmf.PDF") == .pdf)
        #expect(OutputFormat(fileName: "dmf.htm") == .html)
        #expect(OutputFormat(fileName: "notes.markdown") == .markdown)
        #expect(OutputFormat(fileName: "dmf.txt") == .text)
        #expect(OutputFormat(fileName: "dmf.out") == nil)
        #expect(OutputFormat(fileName: "a.pdf/dmf") == nil, "a dot in a folder name is not an extension")
        #expect(OutputFormat(fileName: "dmf") == nil)
    }

    @Test func aPDFIsNeverPouredOntoATerminal() {
        var command = FillCommand(answersPath: Self.example, clock: FixedClock.clock)
        command.format = .pdf
        command.stdoutIsTerminal = { true }
        command.printer = {
            Issue.record("the browser must not be started"); return nil
        }
        var errors = ""
        var bytes: [UInt8] = []
        let status = command.run(stdout: { _ in }, stderr: { errors += $0 }, stdoutBytes: { bytes += $0 })
        #expect(status == 2)
        #expect(errors.contains("a PDF is not for the terminal"))
        #expect(bytes.isEmpty)
    }

    @Test func aPDFGoesDownAPipeAsItsBytes() throws {
        let folder = TemporaryFolder()
        let browser = folder.path + "/fake-chromium"
        try """
        #!/bin/sh
        for argument in "$@"; do
          case "$argument" in --print-to-pdf=*) printf '%%PDF-1.4 piped\\n' > "${argument#--print-to-pdf=}";; esac
        done
        """.write(toFile: browser, atomically: true, encoding: .utf8)
        chmod(browser, 0o700)
        var command = FillCommand(answersPath: Self.example, clock: FixedClock.clock)
        command.format = .pdf
        command.stdoutIsTerminal = { false }
        command.printer = { PDFPrinter(browser: browser) }
        var bytes: [UInt8] = []
        let status = command.run(stdout: { _ in }, stderr: { Issue.record("\($0)") }, stdoutBytes: { bytes += $0 })
        #expect(status == 0)
        #expect(String(decoding: bytes, as: UTF8.self) == "%PDF-1.4 piped\n")
    }

    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/ogd-share.yaml").path
}
