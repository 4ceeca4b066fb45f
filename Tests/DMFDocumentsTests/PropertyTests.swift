import DMFAnswers
import DMFDocuments
import DMFPolicy
import Foundation
import TestSupport
import Testing

/// Random valid answers, with hostile free text, through the `fill` pipeline (written as an
/// answers file, read back, decided, rendered in every format). Whatever the answers say, the
/// outputs hold no control or invisible character, HTML escapes every user character so the
/// page's tags are exactly those of the same answers with harmless text, and every Markdown
/// table row has its header's number of cells.
///
/// `DMF_PROPERTY_CASES` sets the number of cases (default 120; CI runs 600) and `DMF_PROPERTY_SEED` the
/// seed (default fixed, so a failure is reproducible; the seed is in every message).
@Suite struct OutputPropertyTests {
    static let cases = ProcessInfo.processInfo.environment["DMF_PROPERTY_CASES"].flatMap(Int.init) ?? 120
    static let seed = ProcessInfo.processInfo.environment["DMF_PROPERTY_SEED"].flatMap(UInt64.init) ?? 0x5EED_D3F

    @Test func randomAnswersGiveSafeWellFormedOutputsInEveryFormat() throws {
        var random = SeededGenerator(seed: Self.seed)
        for index in 0..<Self.cases {
            let caseSeed = random.next()
            var generator = SeededGenerator(seed: caseSeed)
            let answers = RandomAnswers.make(using: &generator, hostile: true)
            let label = "case \(index), seed \(caseSeed)"
            // Through the answers file, as `fill` reads it.
            let yaml = AnswersWriter.yaml(answers)
            let read = try AnswersParser.parse(data: Data(yaml.utf8), file: "random.yaml").answers
            let context = DMFBuilder.Context(producedAt: "2026-11-29T02:14:10Z")
            let decision = try PolicyEngine.evaluate(read)
            let dmf = DMFBuilder.build(read, decision: decision, context: context)
            // The same form with harmless words in every field (and the same findings, since
            // blank-looking text can change what the rules find).
            let plain = DMFBuilder.build(RandomAnswers.harmless(read), decision: decision, context: context)

            for format in OutputFormat.allCases {
                let output = format.render(dmf)
                let bad = output.unicodeScalars.first { $0 != "\n" && Self.isHidden($0) }
                #expect(
                    bad == nil, "\(label): \(format) holds U+\(String(bad?.value ?? 0, radix: 16, uppercase: true))")
            }
            let html = HTMLRenderer.render(dmf)
            let tags = Self.tags(html), plainTags = Self.tags(HTMLRenderer.render(plain))
            if tags != plainTags {
                let first = tags.indices.first { $0 >= plainTags.count || tags[$0] != plainTags[$0] } ?? plainTags.count
                Issue.record(
                    "\(label): user text changed the HTML's tags at tag \(first): \(tags.dropFirst(first).prefix(3))")
            }
            #expect(Self.entitiesAreWellFormed(html), "\(label): a bare & in the HTML")

            let markdown = MarkdownRenderer.render(dmf)
            for table in MarkdownTableTests.tables(markdown) {
                let columns = MarkdownTableTests.unescapedPipes(table[0])
                for row in table {
                    #expect(MarkdownTableTests.unescapedPipes(row) == columns, "\(label): \(row.debugDescription)")
                }
            }
            #expect(
                markdown.split(separator: "\n", omittingEmptySubsequences: false).count
                    == MarkdownRenderer.render(plain).split(separator: "\n", omittingEmptySubsequences: false).count,
                "\(label): user text added or removed Markdown lines")

            let json = try jsonObject(JSONRenderer.render(dmf))
            #expect(
                !allStrings(in: json).contains { $0.unicodeScalars.contains { $0 != "\n" && Self.isHidden($0) } },
                "\(label)")
        }
    }

    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse: true
        default: false
        }
    }

    /// The page's tags in order (`<td class="value">`, `</td>`, …), whatever text is between.
    static func tags(_ html: String) -> [String] {
        var tags: [String] = []
        var current: [UInt8]?
        for byte in html.utf8 {
            if byte == UInt8(ascii: "<") { current = [] }
            if current != nil { current!.append(byte) }
            if byte == UInt8(ascii: ">"), let tag = current {
                tags.append(String(decoding: tag, as: UTF8.self))
                current = nil
            }
        }
        return tags
    }

    /// Every `&` starts a character reference (`&amp;`, `&#39;`, `&nbsp;`).
    static func entitiesAreWellFormed(_ html: String) -> Bool {
        let bytes = Array(html.utf8)
        for index in bytes.indices where bytes[index] == UInt8(ascii: "&") {
            var end = index + 1
            while end < bytes.count, end - index < 10,
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[end])
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end])
                    || bytes[end] == UInt8(ascii: "#")
            {
                end += 1
            }
            if end == index + 1 || end >= bytes.count || bytes[end] != UInt8(ascii: ";") { return false }
        }
        return true
    }
}

/// Random complete answers. With `hostile`, free text mixes the characters that have broken
/// documents and terminals: markup, table pipes, combining marks, escapes, bidirectional and
/// zero-width characters, line separators, wide characters and emoji.
enum RandomAnswers {
    static let fragments = [
        "A. Person", "Department for Education", "DOM1", "café", "漢字", "📊", "👩‍💻", "Siân Ó",
        "|", "|\u{301}", "\\", "\\|", "`", "*", "_", "[x](y)", "#", "<", "<\u{301}script>", ">", "&", "&amp;", "\"",
        "'",
        "\u{1B}[2J", "\u{1B}]0;title\u{07}", "\u{1B}]52;c;eA==\u{07}", "\u{9B}1m", "\u{7F}", "\u{0}",
        "\u{202E}", "\u{2066}", "\u{061C}", "\u{200B}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{AD}",
        "\n", "\r\n", "\u{2028}", "\u{2029}", "\u{85}", "\t", "  ", "-", "1.", "+", "=", "~~",
    ]

    static func text<G: RandomNumberGenerator>(_ generator: inout G, hostile: Bool) -> String {
        guard hostile else { return "plain text" }
        let count = Int.random(in: 1...6, using: &generator)
        return (0..<count).map { _ in fragments.randomElement(using: &generator)! }.joined()
    }

    static func pick<Value: AnswerValue, G: RandomNumberGenerator>(_ generator: inout G) -> Value {
        Value.allCases.randomElement(using: &generator)!
    }

    static func make<G: RandomNumberGenerator>(using generator: inout G, hostile: Bool) -> Answers {
        var answers = Answers()
        func text() -> String { RandomAnswers.text(&generator, hostile: hostile) }
        answers.transfer = .init(kind: pick(&generator), frequency: pick(&generator), purpose: text())
        answers.requester = .init(name: text(), email: "a.person@example.gov.uk", team: text())
        answers.data = .init(
            description: text(), classification: pick(&generator), legacyMarking: pick(&generator),
            personalData: pick(&generator), records: Int.random(in: 0...100_000, using: &generator),
            bulk: pick(&generator))
        answers.route = .init(
            type: pick(&generator), sourceSystem: text(), destinationOrganisation: text(),
            destinationSystem: text(), destinationAccreditation: pick(&generator))
        answers.recipients = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
            // A name is required, so it has a visible letter (a name of only a byte order mark reads as none).
            Answers.Recipient(
                name: "R" + text(), organisation: text(), role: text(), mailbox: pick(&generator),
                authorised: pick(&generator), clearance: pick(&generator))
        }
        answers.method = pick(&generator)
        answers.retention = .init(deleteBy: Bool.random(using: &generator) ? "2027-03-31" : nil, period: text())
        answers.thirdParty = .init(
            contract: pick(&generator), nda: pick(&generator),
            securityAspectsLetter: pick(&generator), codeOfConnection: pick(&generator))
        answers.authorisation = .init(iaoName: text(), iaoDecision: pick(&generator))
        if Bool.random(using: &generator) {
            answers.helpdesk = .init(
                callerName: text(), callerTeam: text(), callReference: text(), agentName: "A" + text())
        }
        return answers
    }

    /// The same answers with every free-text value replaced by harmless words.
    static func harmless(_ answers: Answers) -> Answers {
        var answers = answers
        let recipientFields: [TextField] = [
            .firstRecipientName, .secondRecipientName, .recipientOrganisation, .recipientRole,
        ]
        for field in TextField.allCases
        where ![.requesterEmail, .deleteBy].contains(field) && !recipientFields.contains(field) {
            field.set(&answers, to: "plain text")
        }
        for index in answers.recipients.indices {
            answers.recipients[index].name = "plain text"
            answers.recipients[index].organisation = "plain text"
            answers.recipients[index].role = "plain text"
        }
        return answers
    }
}
