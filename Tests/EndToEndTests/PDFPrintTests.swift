import Foundation
import TestSupport
import Testing

/// Chromium and poppler's `pdftotext`, which these tests need. Locally they skip, saying so,
/// when either is missing; in CI (`CI=true`, where `.ci/run` installs both) they always run,
/// so a missing tool fails rather than skips.
enum PrintTools {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let pdftotext =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") ? "/usr/bin/pdftotext" : nil
    static var available: Bool { chromium != nil && pdftotext != nil }
    static var mustRun: Bool { available || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The PDF's text, one string per page (pdftotext ends each page with a form feed).
    static func pages(of pdf: String) throws -> [String] {
        let tool = try #require(pdftotext, "pdftotext is missing: install poppler-utils")
        let output = try Spawn.run([tool, "-layout", pdf, "-"], environment: [:], in: nil, timeout: 60)
        try #require(output.status == 0, "pdftotext failed: \(output.stderr)")
        var pages = output.stdout.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }
}

/// Each route's form, and a BLOCKED and a REFER one, printed to PDF by `fill --format pdf` as
/// a person would, then read back: every page carries the marking, the reference and "page N
/// of M", and nothing on the form is lost in printing.
@Suite(
    .serialized,
    .enabled(if: PrintTools.mustRun, "Chromium or pdftotext is not installed (apt-get install chromium poppler-utils)"))
struct PDFPrintTests {
    static let scenarios = Wizard.repositoryRoot.appendingPathComponent("Tests/DMFPolicyTests/Scenarios")

    /// Scenario file, its route and verdict as the JSON result gives them.
    static let cases: [(file: String, route: String, verdict: String)] = [
        ("01-same-domain-copy.yaml", "same-system", "proceed"),
        ("02-nightly-disc-quantum.yaml", "between-moj-systems", "conditions"),
        ("04-bulk-ogd-usb.yaml", "other-government-department", "conditions"),
        ("05-supplier-no-nda.yaml", "third-party", "conditions"),
        ("06-unassured-saas.yaml", "third-party", "blocked"),
        ("08-legacy-restricted.yaml", "third-party", "refer"),
    ]

    @Test(arguments: cases.map(\.file))
    func everyPageIsMarkedAndNumberedAndNothingIsLost(file: String) throws {
        try #require(PrintTools.available, "CI must have Chromium and pdftotext: .ci/run installs them")
        let expected = try #require(Self.cases.first { $0.file == file })
        let workspace = try Workspace()
        let answers = Self.scenarios.appendingPathComponent(file).path
        let json = try Wizard.run(["fill", answers, "--format", "json"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(result["route"] as? String == expected.route)
        #expect(result["verdict"] as? String == expected.verdict)
        let reference = try #require(result["reference"] as? String)
        let marking = try #require(result["marking"] as? String)

        let pdf = workspace.path("form.pdf")
        let printed = try Wizard.run(["fill", answers, "--format", "pdf", "--output", pdf], timeout: 120)
        try #require(printed.status == 0, "\(printed.stderr)")
        #expect(try workspace.mode("form.pdf") == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).starts(with: Data("%PDF-".utf8)))

        let pages = try PrintTools.pages(of: pdf)
        #expect(pages.count >= 2, "a whole form runs to more than one A4 page")
        for (index, page) in pages.enumerated() {
            let lines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            let number = "page \(index + 1) of \(pages.count)"
            for (name, line) in [("top", lines.first), ("bottom", lines.last)] {
                let line = try #require(line, "page \(index + 1) is empty")
                #expect(line.contains(marking), "page \(index + 1) \(name): \(line)")
                #expect(line.contains(reference), "page \(index + 1) \(name): \(line)")
                #expect(line.hasSuffix(number), "page \(index + 1) \(name): \(line)")
            }
        }

        // Nothing lost: every word the HTML page shows is in the PDF at least as often.
        let html = try Wizard.run(["fill", answers, "--format", "html"]).stdout
        // The layout text: the flowing one joins a word hyphenated at a line end to the next.
        let flowing = pages.joined(separator: "\n")
        let printedWords = Self.wordCounts(flowing)
        for (word, count) in Self.wordCounts(Self.visibleText(ofHTML: html)) where (printedWords[word] ?? 0) < count {
            Issue.record("lost from the PDF: \"\(word)\" shown \(count) times, printed \(printedWords[word] ?? 0)")
        }
        if expected.verdict == "blocked" { #expect(!flowing.contains("Signature")) }
        if expected.verdict == "conditions" { #expect(flowing.contains("Signature") && flowing.contains("Refused")) }
    }

    @Test func withoutChromiumPDFSaysWhatItNeedsAndWritesNothing() throws {
        let workspace = try Workspace()
        let answers = Self.scenarios.appendingPathComponent("05-supplier-no-nda.yaml").path
        let result = try Wizard.run(
            ["fill", answers, "--format", "pdf", "--output", workspace.path("form.pdf")],
            environment: ["DMF_CHROMIUM": "/nonexistent/chromium"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("PDF needs Chromium"))
        #expect(result.stderr.contains("html"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path("form.pdf")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url.path).isEmpty)
    }

    @Test func outputDirIncludesThePDFWhenChromiumIsThere() throws {
        try #require(PrintTools.available, "CI must have Chromium and pdftotext: .ci/run installs them")
        let workspace = try Workspace()
        let answers = Self.scenarios.appendingPathComponent("02-nightly-disc-quantum.yaml").path
        let result = try Wizard.run(["fill", answers, "--output-dir", workspace.path("forms")], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.path("forms")).sorted()
        #expect(names.map { ($0 as NSString).pathExtension } == ["html", "json", "md", "pdf", "txt"])
    }

    /// The text a browser shows for the page: the body without its tags, entities decoded.
    static func visibleText(ofHTML html: String) -> String {
        var body = html
        if let start = body.range(of: "<body>"), let end = body.range(of: "</body>") {
            body = String(body[start.upperBound..<end.lowerBound])
        }
        body = body.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            body = body.replacingOccurrences(of: entity, with: character)
        }
        return body
    }

    /// How often each word (letters and digits, lower case) occurs.
    static func wordCounts(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for word in text.lowercased().components(separatedBy: CharacterSet.alphanumerics.inverted) where !word.isEmpty {
            counts[word, default: 0] += 1
        }
        return counts
    }
}
