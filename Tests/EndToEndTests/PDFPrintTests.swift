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
/// of M", nothing on the form is lost in printing, page 1 says what happens next, the page the
/// IAO signs repeats the reference, the verdict and the conditions, and no signature block is
/// split across pages.
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
        // The requester states the IAO has authorised it: the IAO still signs.
        ("13-hmrc-official-tier.yaml", "other-government-department", "conditions"),
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

        try Self.checkPageOne(pages[0], result: result)
        try Self.checkSignaturePage(pages, result: result, reference: reference)
        try Self.checkBlocksAreWhole(pages, result: result)
    }

    /// The actions the verdict turns on, from the JSON checklist: what must change (BLOCKED),
    /// whom to ask (REFER), else what to do before sending and after the transfer.
    static func actions(_ result: [String: Any]) throws -> [(who: String, text: String)] {
        let groups: Set<String> =
            switch result["verdict"] as? String {
            case "blocked": ["must-change"]
            case "refer": ["ask-first"]
            default: ["before-sending", "after-transfer"]
            }
        let checklist = try #require(result["checklist"] as? [[String: Any]])
        return checklist.filter { groups.contains($0["group"] as? String ?? "") }.compactMap { item in
            guard let who = item["who"] as? String, let text = item["text"] as? String else { return nil }
            return (who, text)
        }
    }

    /// Page 1 holds the verdict, then each action with who does it, then where the IAO signs.
    static func checkPageOne(_ page: String, result: [String: Any]) throws {
        let form = try #require(result["dmf"] as? [String: Any])
        let decision = try #require(form["decision"] as? [String: String])
        let labels = [
            "proceed": "PROCEED", "conditions": "PROCEED WITH CONDITIONS", "refer": "REFER", "blocked": "BLOCKED",
        ]
        let verdict = try #require(labels[decision["verdict"] ?? ""])
        let headline = try #require(decision["headline"])
        let text = squeezed(page)
        var position = text.startIndex
        var steps = [squeezed("Verdict: \(verdict). \(headline)"), squeezed("What happens next")]
        steps += try actions(result).map { squeezed("\($0.who): \($0.text)") }
        steps.append(squeezed("Where the IAO signs:"))
        for step in steps {
            let found = try #require(text.range(of: step, range: position..<text.endIndex), "page 1: \(step)")
            position = found.upperBound
        }
        let state = (form["sign_off"] as? [String: Any])?["state"] as? String
        if state == "for-signature" { #expect(text.contains(squeezed("\"Information Asset Owner's decision\""))) }
    }

    /// The page with the IAO's decision (or, with none, the first block to answer or sign)
    /// repeats the reference, the verdict and, for signature, the conditions.
    static func checkSignaturePage(_ pages: [String], result: [String: Any], reference: String) throws {
        let form = try #require(result["dmf"] as? [String: Any])
        let signOff = try #require(form["sign_off"] as? [String: Any])
        let blocks = try #require(signOff["blocks"] as? [[String: Any]])
        guard !blocks.isEmpty else { return }
        let titles = blocks.compactMap { $0["title"] as? String }
        let title =
            titles.contains("Information Asset Owner's decision") ? "Information Asset Owner's decision" : titles[0]
        let index = try #require(pages.firstIndex { lines(of: $0).contains(title) }, "no page holds \(title)")
        let page = squeezed(pages[index])
        // Above and below every page, and once more in the page's own text.
        #expect(page.components(separatedBy: reference).count - 1 >= 3, "page \(index + 1): the reference")
        let decision = try #require(form["decision"] as? [String: String])
        let headline = try #require(decision["headline"])
        #expect(page.contains(squeezed(headline)), "page \(index + 1): the verdict")
        let state = signOff["state"] as? String
        if state == "for-signature" || state == "for-information" {
            #expect(page.contains("Conditions"), "page \(index + 1)")
            for action in try actions(result) {
                #expect(page.contains(squeezed("\(action.who): \(action.text)")), "page \(index + 1): \(action.text)")
            }
        }
    }

    /// Each signature block is printed whole: its title and every line to write on, on one page.
    static func checkBlocksAreWhole(_ pages: [String], result: [String: Any]) throws {
        let form = try #require(result["dmf"] as? [String: Any])
        let blocks = try #require((form["sign_off"] as? [String: Any])?["blocks"] as? [[String: Any]])
        var page = 0
        var line = 0
        for block in blocks {
            let title = try #require(block["title"] as? String)
            let blanks = try #require(block["blanks"] as? [String])
            while page < pages.count, !lines(of: pages[page]).dropFirst(line).contains(title) {
                page += 1
                line = 0
            }
            try #require(page < pages.count, "\(title) is not printed (after the blocks before it)")
            let onPage = lines(of: pages[page])
            line = try #require(onPage.dropFirst(line).firstIndex(of: title)) + 1
            for blank in blanks {
                let found = onPage.dropFirst(line).firstIndex { $0.hasPrefix(blank) }
                line = try #require(found, "\(title): \"\(blank)\" is not on page \(page + 1) with it") + 1
            }
        }
    }

    /// A page's lines, trimmed, without empty ones.
    static func lines(of page: String) -> [String] {
        page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Text without any white space, so wrapped lines and table columns compare as written.
    static func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }

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
