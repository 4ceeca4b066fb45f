import DMFAnswers
import DMFPolicy
import Foundation
import Testing

@testable import DMFDocuments

/// The form is a record people sign: who signs depends on the verdict, and a form that must not
/// be authorised never invites a signature.
@Suite struct SignOffTests {
    static let readable: [OutputFormat] = [.markdown, .text, .html]

    static func form(_ yaml: String) throws -> FilledDMF { try Fixtures.dmf(try Fixtures.answers(yaml)) }

    /// Whether `output` shows `words`, allowing for the format's escaping and line wrapping.
    static func shows(_ output: String, _ words: String, in format: OutputFormat) -> Bool {
        let escaped =
            switch format {
            case .html: HTMLRenderer.escape(words)
            case .markdown: MarkdownRenderer.inline(words)
            default: words
            }
        let squeezed = output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return squeezed.contains(escaped)
    }

    @Test func aFormForAuthorisationHasABlockForEveryoneTheChecklistNames() throws {
        let dmf = try Self.form(Fixtures.bulkYAML)
        #expect(dmf.verdict == .conditions)
        #expect(dmf.signOff.state == .forSignature)
        // The requester declares first, the IAO decides last, the approvals in between.
        #expect(
            dmf.signOff.blocks.map(\.key) == [
                "requester_declaration", "record_retention", "approval_bulk-approval", "iao_decision",
            ])
        let iao = try #require(dmf.signOff.blocks.last)
        #expect(iao.choices == ["Authorised", "Refused"])
        #expect(iao.fields.map(\.value) == ["Data First IAO"])
        #expect(iao.blanks.contains("Signature") && iao.blanks.contains("Date"))
        #expect(dmf.signOff.blocks[0].fields.map(\.value) == ["Morgan Analyst"])
        for format in Self.readable {
            let output = format.render(dmf)
            for words in [
                "Requester's declaration", "Senior manager's approval of the bulk transfer", "Not approved",
                "Deletion date or retention period agreed", "Information Asset Owner's decision", "Refused",
            ] {
                #expect(Self.shows(output, words, in: format), "\(format): \(words)")
            }
        }
    }

    @Test func aBlockedFormSaysItMustNotBeAuthorisedAndHasNoSignatureBoxes() throws {
        let dmf = try Self.form(Fixtures.blockedYAML)
        #expect(dmf.verdict == .blocked)
        #expect(dmf.signOff.state == .mustNotBeAuthorised)
        #expect(dmf.signOff.blocks.isEmpty)
        let mustChange = dmf.decision.checklist.filter { $0.group == .mustChange }.map(\.text)
        #expect(!mustChange.isEmpty && dmf.signOff.mustChange == mustChange)
        for format in Self.readable {
            let output = format.render(dmf)
            #expect(output.contains("must not be authorised"), "\(format)")
            #expect(!output.contains("Signature"), "\(format)")
            #expect(!output.contains("to be authorised by"), "\(format)")
            #expect(!output.contains("Authorised   ") && !output.contains("[ ] Authorised"), "\(format)")
            for item in mustChange { #expect(Self.shows(output, item, in: format), "\(format): \(item)") }
        }
    }

    @Test func aReferFormHasAnAnswerBoxForEachPersonToAskAndNothingToAuthorise() throws {
        let dmf = try Fixtures.rich()
        #expect(dmf.verdict == .refer)
        #expect(dmf.signOff.state == .waitingForAnswers)
        let asks = dmf.decision.checklist.filter { $0.group == .askFirst }
        #expect(dmf.signOff.blocks.count == asks.count)
        for (block, item) in zip(dmf.signOff.blocks, asks) {
            #expect(block.statement == item.text)
            #expect(block.title == DMFBuilder.answerTitle(item.who))
            #expect(block.blanks == ["Answer", "Name", "Date"])
            #expect(block.choices.isEmpty)
        }
        for format in Self.readable {
            let output = format.render(dmf)
            #expect(output.contains("Not ready to be authorised"), "\(format)")
            #expect(!output.contains("Signature"), "\(format)")
            #expect(!output.contains("Information Asset Owner's decision"), "\(format)")
        }
    }

    /// Each answer box names its person as a sentence would: a role's name keeps its capitals.
    @Test func answerBoxesNameThePersonInPlainWords() throws {
        #expect(
            Actor.allCases.map(DMFBuilder.answerTitle) == [
                "Answer from you (the person sending)", "Answer from the Information Asset Owner",
                "Answer from the security team / CISO", "Answer from the accreditor",
                "Answer from the Data Protection Officer", "Answer from the senior manager",
                "Answer from the receiving organisation's security contact",
            ])
        let titles = try Fixtures.rich().signOff.blocks.map(\.title)
        #expect(titles.contains("Answer from the Information Asset Owner"), "\(titles)")
        // A shared mailbox with the method not known yet: the requester is asked.
        var answers = try Fixtures.answers(Fixtures.bulkYAML)
        answers.method = .notSure
        answers.recipients[0].mailbox = .shared
        let refer = try Fixtures.dmf(answers)
        #expect(refer.verdict == .refer)
        #expect(refer.signOff.blocks.map(\.title).contains("Answer from you (the person sending)"))
    }

    @Test func aRouteWithoutADMFAsksOnlyForTheRequestersDeclaration() throws {
        var answers = try Fixtures.answers(Fixtures.bulkYAML)
        answers.route.type = .sameSystem
        answers.method = .withinSystem
        answers.data.personalData = .no
        answers.data.records = 10
        let dmf = try Fixtures.dmf(answers)
        #expect(!dmf.decision.dmfRequired)
        #expect(dmf.signOff.state == .forInformation)
        #expect(dmf.signOff.blocks.map(\.key) == ["requester_declaration"])
    }

    @Test(arguments: [
        (Fixtures.blockedYAML, "Blocked: must not be authorised"), (Fixtures.richYAML, "Waiting for answers"),
        (Fixtures.bulkYAML, "Draft: to be authorised by the Information Asset Owner"),
    ])
    func theStatusLineFollowsTheVerdict(yaml: String, status: String) throws {
        let dmf = try Self.form(yaml)
        let field = dmf.sectionsBeforeRecipients.first { $0.key == "status" }?.fields.first { $0.key == "status" }
        #expect(field?.value.hasPrefix(status) == true, "\(field?.value ?? "none")")
    }

    @Test func markdownShowsNoHTMLEntitiesOfItsOwn() throws {
        for yaml in [Fixtures.bulkYAML, Fixtures.blockedYAML] {
            let markdown = MarkdownRenderer.render(try Self.form(yaml))
            // These answers hold no `&`, `<` or `>`, so any entity would be the renderer's own.
            #expect(!markdown.contains("&"), "\(markdown.split(separator: "\n").filter { $0.contains("&") })")
        }
        #expect(MarkdownRenderer.render(try Self.form(Fixtures.bulkYAML)).contains("| Signature | |"))
    }

    @Test func plainTextNeverGoesPastEightyColumns() throws {
        let long = String(repeating: "x", count: 300)
        var answers = try Fixtures.answers(withEveryTextFieldSetTo: "A \(long) and https://example.org/\(long)")
        answers.data.description = "Short words first then \(long)"
        for dmf in [try Fixtures.dmf(answers), try Self.form(Fixtures.bulkYAML), try Fixtures.rich()] {
            let text = TextRenderer.render(dmf)
            let wide: [String] = text.split(separator: "\n").map(String.init).filter { $0.count > 80 }
            #expect(wide.isEmpty, "\(wide)")
        }
        // Nothing is lost by splitting: the long word is all there once the lines are joined.
        let text = TextRenderer.render(try Fixtures.dmf(answers))
        #expect(text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "").contains(long))
    }

    @Test func everyPrintedPageCarriesTheMarkingReferenceAndPageNumber() throws {
        let dmf = try Self.form(Fixtures.bulkYAML)
        let html = HTMLRenderer.render(dmf)
        for box in [
            "@top-center { content: \"OFFICIAL-SENSITIVE\"", "@bottom-center { content: \"OFFICIAL-SENSITIVE\"",
            "@top-left { content: \"\(dmf.reference)\"", "@bottom-left { content: \"\(dmf.reference)\"",
            "@bottom-right { content: \"page \" counter(page) \" of \" counter(pages)", "size: A4 portrait",
        ] {
            #expect(html.contains(box), "\(box)")
        }
        let training = HTMLRenderer.render(try Fixtures.dmf(try Fixtures.answers(Fixtures.bulkYAML), training: true))
        #expect(training.contains("@top-center { content: \"OFFICIAL-SENSITIVE \(FilledDMF.trainingBanner)\""))
    }

    @Test func cssStringsCannotEscapeTheirQuotesOrTheStyleElement() {
        #expect(HTMLRenderer.cssString("DMF-1") == "\"DMF-1\"")
        let hostile = HTMLRenderer.cssString("a\"b\\c</style><script>")
        #expect(!hostile.dropFirst().dropLast().contains(where: { $0 == "\"" }))
        #expect(!hostile.contains("<") && !hostile.contains(">"))
    }

    @Test func jsonCarriesTheSignOff() throws {
        let object = try jsonObject(JSONRenderer.render(try Self.form(Fixtures.bulkYAML)))
        let form = try #require(object["dmf"] as? [String: Any])
        let signOff = try #require(form["sign_off"] as? [String: Any])
        #expect(signOff["state"] as? String == "for-signature")
        let blocks = try #require(signOff["blocks"] as? [[String: Any]])
        #expect(blocks.compactMap { $0["key"] as? String }.last == "iao_decision")
        #expect((blocks.last?["choices"] as? [String]) == ["Authorised", "Refused"])
        // The answers' own authorisation section stays where the contract put it.
        #expect((form["authorisation"] as? [String: Any])?["iao_name"] as? String == "Data First IAO")
    }
}
