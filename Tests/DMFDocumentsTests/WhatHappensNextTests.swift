import DMFAnswers
import DMFFlow
import DMFPolicy
import Foundation
import Testing

@testable import DMFDocuments

/// The requester's answer about the IAO's decision is their word, not the IAO's signature: the
/// form labels it so, and its status line, its decision line and page 1's line on where the IAO
/// signs never contradict each other, whatever the answer and whatever the verdict.
@Suite struct StatedDecisionTests {
    static func field(_ dmf: FilledDMF, _ key: String) -> DMFField? {
        (dmf.allSections + [dmf.authorisation]).flatMap(\.fields).first { $0.key == key }
    }

    /// The case people met: the IAO has authorised, says the requester, and the IAO still signs.
    @Test func aDecisionTheRequesterStatesIsToBeConfirmedByTheIAO() throws {
        var answers = try Fixtures.answers(Fixtures.bulkYAML)
        answers.authorisation.iaoDecision = .authorised
        let dmf = try Fixtures.dmf(answers)
        #expect(dmf.signOff.state == .forSignature)
        let decision = try #require(Self.field(dmf, "iao_decision"))
        #expect(decision.label == "IAO decision as stated by the requester")
        #expect(decision.value == "Authorised — to be confirmed below by the IAO")
        #expect(decision.raw == "authorised", "the JSON keeps the answer")
        let status = try #require(Self.field(dmf, "status")?.value)
        #expect(
            status
                == "Draft: authorised as stated by the requester; to be confirmed below by the Information Asset "
                + "Owner before transfer")
        #expect(dmf.nextSteps.signing.contains("the IAO confirms it by signing"))
        // The IAO's box is still there to sign.
        let iao = try #require(dmf.signOff.blocks.last)
        #expect(iao.key == DMFSignatureBlock.iaoDecisionKey && iao.choices == ["Authorised", "Refused"])

        let text = TextRenderer.render(dmf)
        #expect(
            SignOffTests.shows(
                text, "IAO decision as stated by the requester: Authorised — to be confirmed below by the IAO",
                in: .text))
        #expect(!text.contains("IAO decision: Authorised"))
        #expect(!MarkdownRenderer.render(dmf).contains("| IAO decision | Authorised |"))
        #expect(!HTMLRenderer.render(dmf).contains("IAO decision</th><td class=\"value\">Authorised</td>"))
        let json = try jsonObject(JSONRenderer.render(dmf))
        let form = try #require(json["dmf"] as? [String: Any])
        #expect((form["authorisation"] as? [String: Any])?["iao_decision"] as? String == "authorised")
        #expect((form["status"] as? [String: Any])?["status"] as? String == status)
    }

    /// Every combination of the decision table, with every answer the requester can give about
    /// the IAO's decision (and none): the three lines say the same thing.
    @Test func statusDecisionAndSigningLinesAgreeForEveryCombination() throws {
        let stated: [IAODecision?] = [nil] + IAODecision.allCases
        var seen: Set<String> = []
        var rendered: Set<String> = []
        for row in DecisionTable().rows {
            for answer in row.route == .sameSystem ? [row.answers.authorisation.iaoDecision] : stated {
                var answers = row.answers
                answers.authorisation.iaoDecision = answer
                // Left out on the third-party route, the answers are not complete: no form.
                guard let decision = try? PolicyEngine.evaluate(answers) else {
                    #expect(row.route == .thirdParty && answer == nil)
                    continue
                }
                let dmf = DMFBuilder.build(answers, decision: decision, context: .init(producedAt: Fixtures.producedAt))
                let combination = "\(dmf.signOff.state.rawValue) \(answer?.rawValue ?? "none")"
                let label = "\(row.route.rawValue) \(row.changes) → \(combination)"
                seen.insert(combination)
                try Self.checkAgreement(dmf, answer: answer, leavesSystem: row.route != .sameSystem, label: label)
                // Each kind once in every readable format: the lines are printed as built.
                if rendered.insert(combination).inserted { try Self.checkPrinted(dmf, label: label) }
            }
        }
        // Every answer met every sign-off it can reach, so no combination went unchecked.
        for answer in ["none", "pending", "authorised"] {
            for state in ["for-signature", "waiting-for-answers", "must-not-be-authorised"] {
                #expect(seen.contains("\(state) \(answer)"), "never seen: \(state) \(answer)")
            }
        }
        #expect(seen.contains("must-not-be-authorised refused"))
        // A refusal the requester reports blocks the transfer: nothing offers it for signature.
        #expect(!seen.contains { $0.hasSuffix(" refused") && !$0.hasPrefix("must-not-be-authorised") })
    }

    static func checkAgreement(_ dmf: FilledDMF, answer: IAODecision?, leavesSystem: Bool, label: String) throws {
        let status = try #require(field(dmf, "status")?.value, "\(label)")
        let decision = try #require(field(dmf, "iao_decision"), "\(label)")
        let signing = dmf.nextSteps.signing
        let iaoBlocks = dmf.signOff.blocks.filter { $0.key == DMFSignatureBlock.iaoDecisionKey }
        #expect(decision.label == StatedDecision.label, "\(label)")
        if leavesSystem {
            // Never a bare decision: always what the requester said, then what happens to it.
            let said = answer?.label ?? DMFField.notProvided
            #expect(decision.value.hasPrefix("\(said) — "), "\(label): \(decision.value)")
        } else {
            #expect(decision.value.hasPrefix("Not applicable"), "\(label): \(decision.value)")
        }
        switch dmf.signOff.state {
        case .mustNotBeAuthorised:
            #expect(dmf.verdict == .blocked, "\(label)")
            #expect(status.hasPrefix("Blocked: must not be authorised"), "\(label): \(status)")
            if leavesSystem { #expect(decision.value.hasSuffix("this form must not be authorised"), "\(label)") }
            #expect(signing.contains("must not be authorised, and nobody signs it"), "\(label)")
            #expect(dmf.signOff.blocks.isEmpty, "\(label)")
        case .waitingForAnswers:
            #expect(dmf.verdict == .refer, "\(label)")
            #expect(status == "Waiting for answers: not ready to be authorised", "\(label): \(status)")
            if leavesSystem { #expect(decision.value.contains("by the IAO on a new form"), "\(label)") }
            #expect(signing.hasPrefix("Not on this copy") && signing.contains("produced again"), "\(label)")
            #expect(iaoBlocks.isEmpty, "\(label)")
        case .forSignature:
            #expect(iaoBlocks.count == 1 && iaoBlocks.first?.choices == ["Authorised", "Refused"], "\(label)")
            #expect(dmf.signOff.blocks.last?.key == DMFSignatureBlock.iaoDecisionKey, "\(label): the IAO last")
            if answer == .authorised {
                #expect(status.hasPrefix("Draft: authorised as stated by the requester; to be confirmed"), "\(label)")
                #expect(decision.value == "Authorised — to be confirmed below by the IAO", "\(label)")
                #expect(signing.contains("has already authorised") && signing.contains("confirms it"), "\(label)")
            } else {
                #expect(status == "Draft: to be authorised by the Information Asset Owner before transfer", "\(label)")
                #expect(decision.value.hasSuffix(" — to be decided below by the IAO"), "\(label)")
                #expect(signing.hasPrefix("The Information Asset Owner decides and signs"), "\(label)")
            }
        case .forInformation:
            #expect(!dmf.decision.dmfRequired && !leavesSystem, "\(label)")
            #expect(status == "For information: this route does not need a DMF", "\(label)")
            #expect(signing.hasPrefix("Nowhere: this route does not need"), "\(label)")
            #expect(dmf.signOff.blocks.map(\.key) == ["requester_declaration"], "\(label)")
        }
    }

    /// The status, decision and signing lines are printed in every readable format as built.
    static func checkPrinted(_ dmf: FilledDMF, label: String) throws {
        let status = try #require(field(dmf, "status")?.value)
        let decision = try #require(field(dmf, "iao_decision"))
        for format in SignOffTests.readable {
            let output = format.render(dmf)
            for words in [status, decision.label, decision.value, dmf.nextSteps.signing] {
                #expect(SignOffTests.shows(output, words, in: format), "\(label), \(format): \(words)")
            }
        }
    }
}

/// Page 1 says what happens next: the verdict, each action with who does it, then where the IAO
/// signs; and the signature page repeats the reference, the verdict and the conditions.
@Suite struct WhatHappensNextTests {
    static func cases() throws -> [(name: String, dmf: FilledDMF)] {
        var sameSystem = try Fixtures.answers(Fixtures.bulkYAML)
        sameSystem.route.type = .sameSystem
        sameSystem.method = .withinSystem
        return [
            ("bulk", try SignOffTests.form(Fixtures.bulkYAML)),
            ("blocked", try SignOffTests.form(Fixtures.blockedYAML)),
            ("rich", try Fixtures.rich()), ("same-system", try Fixtures.dmf(sameSystem)),
        ]
    }

    @Test func theActionsAreThoseTheVerdictTurnsOn() throws {
        for (name, dmf) in try Self.cases() {
            let checklist = dmf.decision.checklist
            let expected: [ChecklistItem] =
                switch dmf.verdict {
                case .blocked: checklist.filter { $0.group == .mustChange }
                case .refer: checklist.filter { $0.group == .askFirst }
                case .conditions, .proceed:
                    checklist.filter { $0.group == .beforeSending || $0.group == .afterTransfer }
                }
            #expect(dmf.nextSteps.actions == expected, "\(name)")
            #expect(!expected.isEmpty || dmf.verdict == .proceed, "\(name): a verdict other than PROCEED has actions")
        }
        let bulk = try SignOffTests.form(Fixtures.bulkYAML)
        #expect(bulk.nextSteps.actions.map(\.rule) == [.retention, .dmfAuthorised, .personalData, .bulkApproval])
        #expect(bulk.nextSteps.groups.map(\.group) == [.beforeSending])
    }

    /// In each readable format, in this order: the verdict, every action with who does it, the
    /// line saying where the IAO signs, and only then the form's first section.
    @Test(arguments: SignOffTests.readable)
    func pageOneSaysWhatHappensNext(format: OutputFormat) throws {
        for (name, dmf) in try Self.cases() {
            let output = Self.readable(format.render(dmf))
            // The verdict line at the top ("VERDICT:" in plain text).
            let verdict = Self.flat("\(dmf.verdict.label). \(dmf.verdict.headline)", format)
            var position = try #require(output.range(of: verdict), "\(name)").upperBound
            var steps = [DMFNextSteps.title]
            steps += dmf.nextSteps.actions.map { "\($0.who.label): \($0.text)" }
            if dmf.nextSteps.actions.isEmpty { steps.append(DMFNextSteps.nothingToDo) }
            steps.append("\(DMFNextSteps.signingLabel): \(dmf.nextSteps.signing)")
            steps.append("Reference and status")
            for step in steps {
                let found = output.range(of: Self.flat(step, format), range: position..<output.endIndex)
                position = try #require(found, "\(name), \(format): \"\(step)\" after what comes before it").upperBound
            }
        }
    }

    @Test func theSigningLineFollowsTheSignOff() throws {
        let signing = Dictionary(uniqueKeysWithValues: try Self.cases().map { ($0.name, $0.dmf.nextSteps.signing) })
        #expect(signing["bulk"]?.contains("signs in \"Information Asset Owner's decision\"") == true)
        #expect(signing["blocked"]?.hasPrefix("Nowhere: this form must not be authorised") == true)
        #expect(signing["rich"]?.hasPrefix("Not on this copy") == true)
        #expect(signing["same-system"]?.hasPrefix("Nowhere: this route does not need") == true)
    }

    /// The recap sits right above the IAO's decision on a form for signature (kept on one printed
    /// page with it), at the top of the sign-off on other forms with people to answer or sign,
    /// and nowhere on a BLOCKED form.
    @Test(arguments: SignOffTests.readable)
    func theSignaturePageRepeatsTheReferenceVerdictAndConditions(format: OutputFormat) throws {
        for (name, dmf) in try Self.cases() {
            let output = Self.readable(format.render(dmf))
            let signOff = try #require(output.range(of: Self.flat("\(DMFSignOff.title)", format), options: .backwards))
            let sheet = output[signOff.lowerBound...]
            guard let start = dmf.signOff.signaturePageStart else {
                #expect(dmf.verdict == .blocked, "\(name)")
                #expect(!sheet.contains("Signature page") && !sheet.contains("Answer page"), "\(name), \(format)")
                continue
            }
            let title = dmf.signOff.signaturePageTitle
            let recap = try #require(sheet.range(of: title), "\(name), \(format): no \(title)")
            var expected = ["Reference", dmf.reference, "Verdict", "\(dmf.verdict.label). \(dmf.verdict.headline)"]
            if let conditions = dmf.signOff.conditions {
                expected.append("Conditions")
                expected += conditions.map { "\($0.who.label): \($0.text)" }
            }
            var position = recap.upperBound
            for words in expected {
                let found = sheet.range(of: Self.flat(words, format), range: position..<sheet.endIndex)
                position = try #require(found, "\(name), \(format): \"\(words)\" on the signature page").upperBound
            }
            // Then the blocks of the signature page, the IAO's decision on a form for signature.
            let next = Self.flat(dmf.signOff.blocks[start].title, format)
            let block = try #require(sheet.range(of: next, range: position..<sheet.endIndex), "\(name), \(format)")
            // Nothing else comes between the recap and the block it introduces.
            let between = sheet[position..<block.lowerBound]
            #expect(!dmf.signOff.blocks.contains { between.contains(Self.flat($0.title, format)) }, "\(name)")
        }
        let bulk = try SignOffTests.form(Fixtures.bulkYAML)
        #expect(bulk.signOff.signaturePageStart == bulk.signOff.blocks.count - 1)
        #expect(bulk.signOff.conditions == bulk.nextSteps.actions)
        #expect(try Fixtures.rich().signOff.conditions == nil, "REFER: the answer boxes say what is asked")
    }

    @Test func printedTheSignaturePageStartsASheetAndTheRecapStaysWithTheIAOsDecision() throws {
        let html = HTMLRenderer.render(try SignOffTests.form(Fixtures.bulkYAML))
        #expect(html.contains(".signature-page { break-before: page; }"))
        #expect(html.contains(".with-recap { break-inside: avoid; }"))
        #expect(html.contains("<section class=\"signoff signoff-for-signature signature-page\">"))
        let wrapper = try #require(html.range(of: "<div class=\"with-recap\">"))
        let rest = html[wrapper.upperBound...]
        let iao = try #require(rest.range(of: "<div class=\"block\" id=\"iao_decision\">"))
        #expect(rest[..<iao.lowerBound].contains("<table class=\"recap\">"))
        #expect(!rest[..<iao.lowerBound].contains("class=\"block\""))
        // The wrapper closes after the IAO's block, before the section does.
        #expect(rest[iao.upperBound...].contains("</div>\n</div>\n</section>"))
        let blocked = HTMLRenderer.render(try SignOffTests.form(Fixtures.blockedYAML))
        #expect(!blocked.contains("class=\"signoff signoff-must-not-be-authorised signature-page\""))
        #expect(!blocked.contains("<div class=\"with-recap\">"))
    }

    /// Words as the format prints them: escaped, spacing folded to single spaces.
    static func flat(_ text: String, _ format: OutputFormat) -> String {
        let escaped =
            switch format {
            case .html: HTMLRenderer.escape(text)
            case .markdown: MarkdownRenderer.inline(text)
            default: text
            }
        return escaped.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// An output with line wrapping and spacing folded to single spaces, and the markup around
    /// labels ("**Reference:**", "<strong>Reference:</strong>") taken out.
    static func readable(_ output: String) -> String {
        var words = output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for markup in ["**", "<strong>", "</strong>", "<th scope=\"row\">", "</th><td>"] {
            words = words.replacingOccurrences(of: markup, with: "")
        }
        return words
    }
}
