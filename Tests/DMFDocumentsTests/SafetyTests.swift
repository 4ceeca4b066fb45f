import DMFAnswers
import DMFDocuments
import DMFPolicy
import Foundation
import Testing

// MARK: - HTML

@Suite struct HTMLSafetyTests {
    static let hostile = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><b onclick='x()'>bold</b>&amp;",
    ]

    @Test(arguments: hostile)
    func userTextNeverBecomesMarkup(payload: String) throws {
        let html = HTMLRenderer.render(try Fixtures.dmf(try Fixtures.answers(withEveryTextFieldSetTo: payload)))
        for tag in ["<script", "<img", "<b ", "<b>", "onclick='"] {
            #expect(!html.contains(tag), "raw \(tag) in the HTML")
        }
        #expect(html.contains(Self.escaped(payload)))
    }

    @Test(arguments: TextField.allCases)
    func everyTextFieldIsPrintedEscaped(field: TextField) throws {
        var answers = try Fixtures.answers()
        field.set(&answers, to: "<script>alert(1)</script>")
        let html = HTMLRenderer.render(try Fixtures.dmf(answers))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the field does not appear escaped")
        #expect(!html.contains("<script"))
    }

    /// The escaping the page must apply: the five HTML-significant characters.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// Escaping per Character missed a `<` carrying a combining mark, which HTML parsers still
    /// read as the start of a tag.
    @Test func aCombiningMarkCannotHideATag() throws {
        var answers = try Fixtures.answers()
        answers.requester.team = "<\u{301}script>x</script>"
        let html = HTMLRenderer.render(try Fixtures.dmf(answers))
        #expect(html.contains("&lt;\u{301}script&gt;x&lt;/script&gt;"))
        #expect(!html.unicodeScalars.split(separator: "<").dropFirst().contains { $0.first == "\u{301}" })
    }

    @Test func quotesAndAmpersandsAreEscapedToo() throws {
        var answers = try Fixtures.answers()
        answers.requester.team = "<a href=\"x\" title='y'>&</a>"
        let html = HTMLRenderer.render(try Fixtures.dmf(answers))
        #expect(html.contains("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"))
    }

    @Test func pagePrintsOnA4() throws {
        let html = HTMLRenderer.render(try Fixtures.rich())
        #expect(html.contains("@page {\n  size: A4 portrait;"))
        #expect(html.contains("@media print"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
    }
}

// MARK: - Markdown tables

@Suite struct MarkdownTableTests {
    static let awkward = [
        "a | b", "|", "a\\|b", "ends with a backslash \\", "two\nlines", "blank\n\nline", "`code | span`",
        "<b>bold</b> | <br>", "**stars** _under_ [link](http://x) ![img](y)", "&#124; entity pipe", "\\\\|",
        // A pipe with a combining mark: one Character to Swift, a cell separator to Markdown.
        "B. Analyst|\u{301} Department for Education|\u{301} Statistician|\u{301} Personal|\u{301} Yes|\u{301} DV",
        "\\\u{301}|", "`\u{301}code`",
    ]

    /// Pipes not escaped by an odd run of backslashes: the column separators GFM sees.
    /// Counted per Unicode scalar, as Markdown parsers read: a `|` followed by a combining mark
    /// is one Swift Character but still a separator.
    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var backslashes = 0
        for scalar in line.unicodeScalars {
            if scalar == "|", backslashes % 2 == 0 { count += 1 }
            backslashes = scalar == "\\" ? backslashes + 1 : 0
        }
        return count
    }

    /// The tables of a Markdown document as blocks of consecutive `|` lines.
    static func tables(_ markdown: String) -> [[String]] {
        var tables: [[String]] = []
        var current: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("|") {
                current.append(line)
            } else if !current.isEmpty {
                tables.append(current)
                current = []
            }
        }
        return tables
    }

    @Test(arguments: awkward)
    func everyRowKeepsItsColumnCount(value: String) throws {
        let dmf = try Fixtures.dmf(try Fixtures.answers(withEveryTextFieldSetTo: value))
        let markdown = MarkdownRenderer.render(dmf)
        let tables = Self.tables(markdown)
        // Every section's table, the recipients table, the authorisation table and each
        // sign-off block's table keep one line per row: no value split a row.
        let expectedRows =
            dmf.sectionsBeforeRecipients.map { $0.fields.count }
            + [dmf.recipients.count] + dmf.sectionsAfterRecipients.map { $0.fields.count }
            + [dmf.authorisation.fields.count]
            + dmf.signOff.blocks.map { $0.fields.count + ($0.choices.isEmpty ? 0 : 1) + $0.blanks.count }
        #expect(tables.map { $0.count - 2 } == expectedRows)
        for table in tables {
            let columns = Self.unescapedPipes(table[0])
            #expect(table[1].allSatisfy { "|-".contains($0) })
            for row in table {
                #expect(Self.unescapedPipes(row) == columns, "row \(row.debugDescription)")
                #expect(row.hasSuffix("|") && !row.hasSuffix("\\|"), "row \(row.debugDescription)")
            }
        }
        #expect(!markdown.contains("<b>"))
    }

    @Test func pipeCounterIgnoresEscapedPipes() {
        #expect(Self.unescapedPipes("| a \\| b | c\\\\| d |") == 4)
        #expect(Self.unescapedPipes("| a|\u{301} b |") == 3)
    }

    /// The forged row found by testing: a recipient's name that, unescaped, split the row into
    /// made-up columns ("Personal / Yes / DV") on a BLOCKED form.
    @Test func aNameCannotForgeTheRecipientColumns() throws {
        var answers = try Fixtures.answers()
        answers.recipients[0].name =
            "B. Analyst|\u{301} Department for Education|\u{301} Statistician|\u{301} Personal|\u{301} Yes|\u{301} DV"
        answers.method = .secureEmail
        answers.recipients[0].mailbox = .shared
        answers.recipients[0].clearance = Clearance.none
        let markdown = MarkdownRenderer.render(try Fixtures.dmf(answers))
        // The table row (page 1's actions name the recipient too, before the table).
        let row = try #require(
            markdown.split(separator: "\n").first { $0.hasPrefix("| ") && $0.contains("B. Analyst") })
        #expect(Self.unescapedPipes(String(row)) == DMFRecipientRow.columns.count + 1, "row \(row.debugDescription)")
        #expect(row.contains("\\|\u{301} Department"))
    }

    @Test func multiLineAnswersBecomeLineBreaksInsideTheCell() throws {
        let markdown = MarkdownRenderer.render(try Fixtures.rich())
        #expect(
            markdown.contains("| Description | Payroll extract, one row per employee.<br>Includes bank sort codes. |"))
    }
}

// MARK: - Control characters

@Suite struct ControlCharacterTests {
    static let payloads = [
        "\u{1B}[31mred\u{1B}[0m", "\u{1B}]0;owned title\u{07}", "\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\",
        "\u{9B}31mcsi", "\u{202E}evil\u{202C}", "\u{2066}iso\u{2069}", "bell\u{07}", "nul\u{00}", "del\u{7F}",
        "next line\u{85}", "\u{1B}Pdcs\u{1B}\\", "\u{200F}rtl mark", "\u{1B}c reset",
        // Invisible and direction characters: Arabic letter mark, zero-width space, non-joiner
        // and joiner, word joiner, byte order mark, line and paragraph separators, soft hyphen,
        // a tag character.
        "a\u{061C}b", "zero\u{200B}width", "non\u{200C}joiner", "joi\u{200D}ner", "word\u{2060}joiner",
        "bom\u{FEFF}", "line\u{2028}sep", "para\u{2029}sep", "soft\u{AD}hyphen", "tag\u{E0041}",
    ]

    /// Controls (but the newline), and invisible format characters, separators included.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\n" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    @Test(arguments: OutputFormat.allCases)
    func controlsAreRemovedFromEveryOutput(format: OutputFormat) throws {
        let payload = Self.payloads.joined(separator: " ")
        let output = format.render(try Fixtures.dmf(try Fixtures.answers(withEveryTextFieldSetTo: payload)))
        let badBytes = output.utf8.filter { [0x1B, 0x07, 0x9B].contains($0) }.count
        #expect(badBytes == 0, "bytes 0x1B/0x07/0x9B in \(format)")
        let badLines = output.split(separator: "\n").filter { $0.unicodeScalars.contains(where: Self.isForbidden) }
        #expect(
            badLines.isEmpty,
            "lines with forbidden characters:\n\(badLines.map(\.debugDescription).joined(separator: "\n"))")
        #expect(output.contains("red"), "the visible text survives")
        if format == .json {
            // JSON could carry them escaped (\u001b); decoded strings must be clean too.
            let strings = allStrings(in: try jsonObject(output))
            #expect(!strings.contains { $0.unicodeScalars.contains(where: Self.isForbidden) })
        }
    }

    @Test(arguments: payloads)
    func sanitizerLeavesNoControlCharacter(payload: String) {
        #expect(!Sanitizer.clean(payload, keepNewlines: true).unicodeScalars.contains(where: Self.isForbidden))
    }
}

// MARK: - Marking, provenance, reference

@Suite struct MarkingAndProvenanceTests {
    struct MarkingCase: Sendable, CustomTestStringConvertible {
        var classification: Classification
        var legacy: LegacyMarking
        var expected: ProtectiveMarking
        var testDescription: String { "\(classification.rawValue)+\(legacy.rawValue)" }
    }

    static let markingCases: [MarkingCase] =
        [
            MarkingCase(classification: .official, legacy: .none, expected: .official),
            MarkingCase(classification: .officialSensitive, legacy: .none, expected: .officialSensitive),
            MarkingCase(classification: .secret, legacy: .none, expected: .officialSensitive),
            MarkingCase(classification: .topSecret, legacy: .none, expected: .officialSensitive),
            MarkingCase(classification: .notSure, legacy: .none, expected: .officialSensitive),
        ]
        + LegacyMarking.allCases.filter { $0 != .none }.map {
            MarkingCase(classification: .official, legacy: $0, expected: .officialSensitive)
        }

    /// How each format prints the marking on its own line.
    static func markingLine(_ marking: ProtectiveMarking, _ format: OutputFormat) -> String {
        switch format {
        case .markdown: "**\(marking.rawValue)**"
        case .text: marking.rawValue
        case .html, .pdf: "<p class=\"marking\">\(marking.rawValue)</p>"
        case .json: ""
        }
    }

    @Test(arguments: markingCases, [OutputFormat.markdown, .text, .html])
    func markingIsAtTopAndBottom(markingCase: MarkingCase, format: OutputFormat) throws {
        var answers = try Fixtures.answers()
        answers.data.classification = markingCase.classification
        answers.data.legacyMarking = markingCase.legacy
        let lines = visibleLines(format.render(try Fixtures.dmf(answers)), format: format)
        let expected = Self.markingLine(markingCase.expected, format)
        #expect(lines.first == expected)
        #expect(lines.last == expected)
    }

    @Test(arguments: markingCases)
    func jsonCarriesTheMarking(markingCase: MarkingCase) throws {
        var answers = try Fixtures.answers()
        answers.data.classification = markingCase.classification
        answers.data.legacyMarking = markingCase.legacy
        let object = try jsonObject(OutputFormat.json.render(try Fixtures.dmf(answers)))
        #expect(object["marking"] as? String == markingCase.expected.rawValue)
    }

    @Test(arguments: OutputFormat.allCases)
    func everyOutputNamesPolicyRulesTimeAndReference(format: OutputFormat) throws {
        let dmf = try Fixtures.rich()
        let output = format.render(dmf)
        for part in [PolicyInfo.source, PolicyInfo.dated, PolicyInfo.rulesVersion, Fixtures.producedAt, dmf.reference] {
            #expect(output.contains(part), "missing \(part)")
        }
        if format != .json {
            // The provenance line sits just above the closing marking.
            let tail = visibleLines(output, format: format).suffix(4).joined(separator: "\n")
            #expect(tail.contains(PolicyInfo.rulesVersion) && tail.contains(dmf.reference))
        }
    }

    @Test func referenceHasTheDocumentedShape() throws {
        let reference = try Fixtures.rich().reference
        #expect(reference.wholeMatch(of: /DMF-\d{8}-[0-9A-HJKMNP-TV-Z]{4}/) != nil, "\(reference)")
        #expect(reference.hasPrefix("DMF-20261129-"))
    }

    @Test func sameAnswersAtTheSameTimeGiveTheSameReferenceAndDocument() throws {
        let first = try Fixtures.rich()
        let second = try Fixtures.rich()
        #expect(first.reference == second.reference)
        for format in OutputFormat.allCases { #expect(format.render(first) == format.render(second)) }
    }

    @Test func otherAnswersOrAnotherDayGiveAnotherReference() throws {
        var answers = try Fixtures.answers()
        let original = try Fixtures.dmf(answers).reference
        answers.transfer.purpose = "Something else"
        #expect(try Fixtures.dmf(answers).reference != original)
        let nextDay = try Fixtures.dmf(try Fixtures.answers(), producedAt: "2026-11-30T09:00:00Z").reference
        #expect(nextDay.hasPrefix("DMF-20261130-"))
    }
}

// MARK: - Unanswered fields

@Suite struct NotProvidedTests {
    /// How each format prints the rich case's unanswered email.
    static func emailLine(_ format: OutputFormat) -> String {
        switch format {
        case .markdown: "| Email | Not provided |"
        case .text: "\nEmail: Not provided\n"
        case .html, .pdf: "<tr><th scope=\"row\">Email</th><td class=\"value\">Not provided</td></tr>"
        case .json: ""
        }
    }

    @Test(arguments: [OutputFormat.markdown, .text, .html])
    func unansweredOptionalFieldsPrintNotProvided(format: OutputFormat) throws {
        let form = try Fixtures.rich()
        let output = format.render(form)
        #expect(output.contains(Self.emailLine(format)))
        // Each unanswered answer (the email, the delete-by date, the second recipient's role…)
        // prints "Not provided" once.
        let unanswered =
            (form.sectionsBeforeRecipients + form.sectionsAfterRecipients + [form.authorisation])
            .flatMap(\.fields) + form.recipients.flatMap(\.cells)
        let count = unanswered.filter { $0.value == DMFField.notProvided }.count
        #expect(count >= 3)
        #expect(output.components(separatedBy: "Not provided").count - 1 == count)
    }

    @Test(arguments: ["", "   ", "\n\t", "\u{1B}[0m"])
    func blankOrInvisibleAnswersCountAsNotProvided(value: String) throws {
        var answers = try Fixtures.answers()
        answers.requester.team = value
        let team = try Fixtures.dmf(answers).sectionsBeforeRecipients.flatMap(\.fields).first { $0.key == "team" }
        #expect(team?.value == DMFField.notProvided)
        #expect(team?.raw == nil)
    }

    @Test func jsonGivesNullForUnansweredFields() throws {
        let object = try jsonObject(OutputFormat.json.render(try Fixtures.rich()))
        let requester = try #require((object["dmf"] as? [String: Any])?["requester"] as? [String: Any])
        #expect(requester["email"] is NSNull)
        #expect(requester["name"] as? String == "D. Sender")
    }
}
