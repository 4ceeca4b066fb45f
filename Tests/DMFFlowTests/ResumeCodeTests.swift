import DMFAnswers
import DMFFlow
import DMFPolicy
import Foundation
import TestSupport
import Testing

/// The resume code read out over the phone: it carries every choice answered so far (never the
/// free text), survives the ways people mistype, and refuses codes that were misheard.
@Suite struct ResumeCodeTests {
    /// The code's symbols: Crockford base32, no I, L, O or U.
    static let symbols = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// The questions a code carries: every choice question of the main flow.
    static let choiceQuestions = Flow().questions.filter { !$0.choices.isEmpty }
    static var format: Regex<AnyRegexOutput> { try! Regex("^[0-9A-HJKMNP-TV-Z]{3}(-[0-9A-HJKMNP-TV-Z]{1,3})*$") }
    static func problem(decoding code: String) -> ResumeCode.Problem? {
        do {
            _ = try ResumeCode.decode(code)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Round trips

    @Test(arguments: Journey.all)
    func eachJourneysChoicesComeBackAndNoText(_ journey: Journey) throws {
        var answers = Drive.wizard(journey).answers
        answers.helpdesk = .init(
            callerName: "Priya Shah", callerTeam: "Probation", callReference: "INC-1", agentName: "Sam")
        let code = ResumeCode.encode(answers)
        #expect(code.wholeMatch(of: Self.format) != nil, "\(code)")
        let decoded = try ResumeCode.decode(code)
        #expect(decoded == answers.choicesOnly)
        #expect(decoded.route.type == journey.route)
        #expect(decoded.recipients.count == journey.recipients.count)
        #expect(decoded.requester == Answers.Requester(), "no free text in a code")
        #expect(decoded.helpdesk == nil, "the caller's details are not in a code")
        #expect(decoded.recipients.allSatisfy { $0.name == nil && $0.organisation == nil && $0.role == nil })
        #expect(decoded.data.records == nil && decoded.retention == Answers.Retention())
    }

    /// A seeded generator over every choice question (each unanswered or any choice) and 0–7
    /// recipients (each field unanswered or any choice), with free text sprinkled in.
    @Test func randomAnswerSetsRoundTrip() throws {
        var random = SeededGenerator(seed: 0x5EED_2025)
        var failures: [String] = []
        for round in 0..<400 {
            var answers = Answers()
            for question in Self.choiceQuestions {
                let pick = Int.random(in: 0...question.choices.count, using: &random)
                question.setAnswer(pick == 0 ? nil : question.choices[pick - 1].value, in: &answers)
            }
            if Bool.random(using: &random) {
                answers.requester.name = "Caller \(round)"
                answers.transfer.purpose = "Purpose \(round)"
                answers.data.records = Int.random(in: 0...5000, using: &random)
                answers.retention.deleteBy = "2027-03-31"
            }
            for index in 0..<Int.random(in: 0...ResumeCode.maxRecipients, using: &random) {
                answers.recipients.append(
                    Answers.Recipient(
                        name: Bool.random(using: &random) ? "Recipient \(index)" : nil,
                        mailbox: Self.pick(Mailbox.self, &random),
                        authorised: Self.pick(YesNoNotSure.self, &random),
                        clearance: Self.pick(Clearance.self, &random)))
            }
            let code = ResumeCode.encode(answers)
            if code.wholeMatch(of: Self.format) == nil { failures.append("format \(code)") }
            do {
                let decoded = try ResumeCode.decode(code)
                if decoded != answers.choicesOnly {
                    failures.append("round \(round): \(code) decodes differently")
                }
            } catch {
                failures.append("round \(round): \(code) refused: \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    static func pick<Value: AnswerValue>(_: Value.Type, _ random: inout SeededGenerator) -> Value? {
        Bool.random(using: &random) ? nil : Value.allCases.randomElement(using: &random)
    }

    @Test func noAnswersStillMakeACode() throws {
        let code = ResumeCode.encode(Answers())
        #expect(code.wholeMatch(of: Self.format) != nil, "\(code)")
        #expect(try ResumeCode.decode(code) == Answers())
    }

    @Test func recipientsBeyondTheLimitAreLeftOut() throws {
        var answers = Answers()
        answers.method = .secureEmail
        answers.recipients = (0..<(ResumeCode.maxRecipients + 2)).map { index in
            Answers.Recipient(mailbox: .personal, authorised: index.isMultiple(of: 2) ? .yes : .no, clearance: .sc)
        }
        let decoded = try ResumeCode.decode(ResumeCode.encode(answers))
        #expect(decoded.recipients == Array(answers.recipients.prefix(ResumeCode.maxRecipients)))
    }

    @Test func theSameChoicesGiveTheSameCode() {
        let one = Drive.wizard(.otherDepartmentRefer).answers
        var other = one.choicesOnly
        other.requester.name = "Someone else"
        #expect(ResumeCode.encode(one) == ResumeCode.encode(other), "free text does not change the code")
        var changed = one
        changed.method = .paper
        #expect(ResumeCode.encode(one) != ResumeCode.encode(changed))
    }

    // MARK: - Mistakes caught

    /// A few codes of different lengths: every journey's and one with seven recipients.
    static var sampleCodes: [String] {
        var many = Drive.wizard(.thirdPartyBlocked).answers
        many.recipients = Array(repeating: many.recipients[1], count: ResumeCode.maxRecipients)
        return Journey.all.map { ResumeCode.encode(Drive.wizard($0).answers) } + [ResumeCode.encode(many)]
    }

    @Test func everySingleWrongSymbolIsCaughtByTheCheck() {
        var tried = 0
        var missed: [String] = []
        for code in Self.sampleCodes {
            let plain = Array(code.filter { $0 != "-" })
            for position in plain.indices {
                for symbol in Self.symbols where symbol != plain[position] {
                    var wrong = plain
                    wrong[position] = symbol
                    tried += 1
                    let problem = Self.problem(decoding: String(wrong))
                    if problem != .checkFailed {
                        missed.append("\(code) → \(String(wrong)): \(String(describing: problem))")
                    }
                }
            }
        }
        #expect(tried >= 5 * 31 * 10)
        #expect(missed.isEmpty, "\(missed.count) substitutions not refused: \(missed.prefix(5))")
    }

    @Test func mostSwappedNeighboursAreCaught() {
        var swaps = 0
        var caught = 0
        for code in Self.sampleCodes {
            let plain = Array(code.filter { $0 != "-" })
            for position in plain.indices.dropLast() where plain[position] != plain[position + 1] {
                var swapped = plain
                swapped.swapAt(position, position + 1)
                swaps += 1
                if Self.problem(decoding: String(swapped)) != nil { caught += 1 }
            }
        }
        #expect(swaps > 40)
        #expect(Double(caught) >= 0.9 * Double(swaps), "\(caught) of \(swaps) swaps caught")
    }

    @Test func forgivesCaseSpacesMissingHyphensAndLookAlikes() throws {
        // A code holding both 0 and 1, so the look-alikes are really exercised.
        var random = SeededGenerator(seed: 7)
        var answers = Answers()
        var code = ""
        for _ in 0..<200 {
            answers = Answers()
            for question in Self.choiceQuestions {
                let pick = Int.random(in: 0...question.choices.count, using: &random)
                question.setAnswer(pick == 0 ? nil : question.choices[pick - 1].value, in: &answers)
            }
            code = ResumeCode.encode(answers)
            if code.contains("0") && code.contains("1") { break }
        }
        try #require(code.contains("0") && code.contains("1"), "\(code)")
        let expected = try ResumeCode.decode(code)
        #expect(expected == answers)

        var lookAlikes = ""
        var ones = ["I", "L", "i", "l"].makeIterator()
        for character in code {
            switch character {
            case "1": lookAlikes.append(ones.next() ?? "I")
            case "0": lookAlikes.append("O")
            default: lookAlikes.append(character)
            }
        }
        let variants = [
            code.lowercased(),
            code.filter { $0 != "-" },
            code.replacingOccurrences(of: "-", with: " "),
            "  " + code.replacingOccurrences(of: "-", with: " - ") + "\t",
            lookAlikes,
            lookAlikes.lowercased(),
        ]
        for variant in variants {
            #expect(try ResumeCode.decode(variant) == expected, "\(variant)")
        }
    }

    @Test func emptyCodesAskForTheCode() {
        for code in ["", "   ", "-", " - - "] {
            #expect(Self.problem(decoding: code) == .empty, "'\(code)'")
        }
        #expect(ResumeCode.Problem.empty.description.contains("Type the code"))
    }

    @Test func badSymbolsAreNamed() {
        let code = ResumeCode.encode(Drive.wizard(.sameSystemProceed).answers)
        let withU = "U" + code.dropFirst()
        #expect(Self.problem(decoding: withU) == .badSymbol("U"))
        #expect(Self.problem(decoding: "K7Q-2!X-9RD") == .badSymbol("!"))
        #expect(Self.problem(decoding: "k7q-2mx-9ru") == .badSymbol("u"))
        let message = ResumeCode.Problem.badSymbol("U").description
        #expect(message.contains("'U' cannot be in a code"))
        #expect(message.contains("except I, L, O and U"))
    }

    @Test func truncatedCodesAreRefused() {
        for code in Self.sampleCodes {
            let plain = String(code.filter { $0 != "-" })
            #expect(Self.problem(decoding: String(plain.prefix(1))) == .malformed, "one symbol is never a whole code")
            #expect(Self.problem(decoding: String(plain.prefix(2))) == .malformed, "nor two")
            for cut in 1..<min(6, plain.count - 1) {
                let problem = Self.problem(decoding: String(plain.dropLast(cut)))
                #expect(problem != nil, "\(code) cut by \(cut) decoded")
            }
            // Dropping the last group, as when the caller stops reading early.
            let groups = code.split(separator: "-")
            let problem = Self.problem(decoding: groups.dropLast().joined(separator: "-"))
            #expect(problem == .checkFailed || problem == .malformed, "\(code): \(String(describing: problem))")
        }
        #expect(Self.problem(decoding: String(repeating: "Z", count: 29)) == .malformed, "longer than any code")
        #expect(ResumeCode.Problem.malformed.description.contains("not complete"))
        #expect(ResumeCode.Problem.checkFailed.description.contains("read it again"))
    }

    /// A code cut short whose last remaining symbol happens to be the right check (one in 32)
    /// must still be refused, never rebuilt into other choices.
    @Test func aCutShortCodeThatPassesTheCheckIsStillRefused() {
        var refusedAsIncomplete = 0
        for code in Self.sampleCodes {
            let plain = String(code.filter { $0 != "-" })
            for cut in 2..<min(8, plain.count - 1) {
                let kept = plain.dropLast(cut)
                let problems = Self.symbols.map { Self.problem(decoding: kept + String($0)) }
                #expect(problems.allSatisfy { $0 != nil }, "\(code) cut by \(cut) rebuilt other answers")
                #expect(problems.filter { $0 != .checkFailed }.count == 1, "exactly one check symbol fits")
                refusedAsIncomplete += problems.filter { $0 == .malformed }.count
            }
        }
        #expect(refusedAsIncomplete > 0)
    }

    /// Codes made before the version was worked out from the layout (version 1, before the
    /// method was asked ahead of the recipients, and version 2) are refused as older, never
    /// decoded wrongly.
    @Test(arguments: ["1", "2"])
    func codesFromAnOlderVersionAreRefused(version: String) {
        // Length 3, the number 1 or 2 (that version, nothing answered), then each possible check
        // symbol: exactly one passes the check, and it is refused as older.
        let problems = Self.symbols.map { Self.problem(decoding: "3\(version)\($0)") }
        #expect(problems.filter { $0 == .checkFailed }.count == 31)
        #expect(problems.filter { $0 == .olderVersion }.count == 1)
        #expect(
            ResumeCode.Problem.olderVersion.description
                == "This code was made by an older version: read the answers again.")
    }

    /// Real codes given out by versions 1 and 2 (the outcome screens' and the README's) are
    /// refused as older.
    @Test(arguments: [
        "B3S-N8Z-PFQ-5F", "CAD-481-DTZ-Q9K", "B3S-XXX-RG1-5Z", "B71-KVY-B99-9F", "B3N-PNK-6CT-PC", "B3N-AV9-PFQ-62",
        "CAD-481-BZX-QAM", "B3N-KG7-RG1-6F", "935-D7A-TPG",
    ])
    func codesFromOlderVersionsAreRefused(code: String) {
        #expect(Self.problem(decoding: code) == .olderVersion)
    }

    /// The code shown in messages, help and the README is the example answers file's, made by this
    /// layout.
    @Test func theExampleCodeIsCurrent() throws {
        let exampleFile = try AnswersParser.load(path: Self.examplePath("ogd-share.yaml")).answers
        #expect(ResumeCode.example == ResumeCode.encode(exampleFile), "the example file's code")
        let readme = try String(
            contentsOf: URL(fileURLWithPath: Self.examplePath("x")).deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(ResumeCode.example), "README shows the current example code")
    }

    /// The example answers file's code, and a partly answered one, rebuild their choices.
    @Test func theExampleFilesCodeRebuildsItsChoices() throws {
        let example = try AnswersParser.load(path: Self.examplePath("ogd-share.yaml")).answers
        let code = ResumeCode.encode(example)
        #expect(code == ResumeCode.encode(example), "the same answers, the same code")
        #expect(try ResumeCode.decode(code) == example.choicesOnly)
        #expect(
            try ResumeCode.decode(code).recipients.first?.mailbox == nil,
            "secure network: the mailbox is not in the code")
        var partial = example.choicesOnly
        partial.method = nil
        partial.recipients = []
        partial.authorisation = .init()
        #expect(try ResumeCode.decode(ResumeCode.encode(partial)) == partial)
        #expect(ResumeCode.encode(partial).count < code.count)
    }

    static func examplePath(_ name: String, _ filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("examples").appendingPathComponent(name).path
    }

    /// The mailbox matters only when the method delivers to a mailbox: with any other method it
    /// is left out of the code, so the code is the same with or without it.
    @Test func aMailboxTheMethodDoesNotAskIsNotInTheCode() throws {
        var answers = Drive.wizard(.betweenSystemsConditions).answers
        let without = ResumeCode.encode(answers)
        answers.recipients[0].mailbox = .shared
        #expect(ResumeCode.encode(answers) == without)
        answers.method = .secureEmail
        #expect(ResumeCode.encode(answers) != without)
        #expect(try ResumeCode.decode(ResumeCode.encode(answers)).recipients[0].mailbox == .shared)
    }

    // MARK: - Asking only the free text

    @Test(arguments: Journey.all)
    func afterAResumeCodeOnlyTheTextQuestionsAreAsked(_ journey: Journey) throws {
        let original = Drive.wizard(journey).answers
        let decoded = try ResumeCode.decode(ResumeCode.encode(original))
        var wizard = Wizard(flow: Flow(), answers: decoded)
        wizard.askFreeText()
        var asked: [StepCode] = []
        var editing = 0
        for _ in 0..<200 {
            switch wizard.screen {
            case .check, .outcome:
                break
            case .recipients:
                asked.append("P1")
                if editing < wizard.answers.recipients.count {
                    wizard.editRecipient(editing)
                    editing += 1
                } else {
                    let problem = wizard.finishRecipients()
                    try #require(problem == nil, "\(problem!)")
                }
                continue
            case .recipientField:
                // The recipient editor shows the decoded choice already chosen.
                if case .choice = wizard.currentQuestion!.kind {
                    #expect(wizard.currentAnswer == journey.value(for: wizard), "\(wizard.resumeStep)")
                }
                let problem = wizard.answer(journey.value(for: wizard))
                try #require(problem == nil, "\(problem!)")
                continue
            case .question:
                asked.append(wizard.stepCode)
                let problem = wizard.answer(journey.value(for: wizard))
                try #require(problem == nil, "\(journey.name) \(wizard.stepCode): \(problem!)")
                continue
            }
            break
        }
        #expect(wizard.screen == .check, "back to Check your answers")
        let textCodes = Set(Flow().questions.filter { if case .text = $0.kind { true } else { false } }.map(\.code))
        let notText = asked.filter { !textCodes.contains($0) && $0 != "P1" }
        #expect(notText.isEmpty, "choices asked again: \(notText)")
        let expectedText = journey.expectedCodes.filter(textCodes.contains)
        #expect(asked.filter(textCodes.contains) == expectedText)
        #expect(asked.contains("P1"), "the recipients list, for their names")
        #expect(wizard.answers == original, "the code and the typed text give back the whole form")
    }

    @Test func afterAResumeCodeInHelpdeskModeTheCallerIsAskedFirst() throws {
        let decoded = try ResumeCode.decode(ResumeCode.encode(Drive.wizard(.sameSystemProceed).answers))
        var wizard = Wizard(flow: Flow(helpdesk: true), answers: decoded)
        wizard.askFreeText()
        #expect(wizard.stepCode == "H1")
        #expect(wizard.isChanging)
    }
}

/// A code carrying answers the flow would not ask (the example file has a `third_party` group on
/// another route) rebuilds only what applies, and says nothing about the rest.
@Suite struct ResumeCodeInapplicableAnswersTests {
    @Test func answersThatDoNotApplyAreDroppedWithoutANotice() throws {
        let example = try AnswersParser.load(path: ResumeCodeTests.examplePath("ogd-share.yaml")).answers
        var wizard = Wizard(flow: Flow(helpdesk: true), answers: try ResumeCode.decode(ResumeCode.encode(example)))
        wizard.askFreeText()
        #expect(wizard.answers.thirdParty == Answers.ThirdParty())
        #expect(wizard.stepCode == "H1")
        wizard.answer("Priya Shah")
        #expect(wizard.notice == nil, "\(wizard.notice ?? "")")
        #expect(wizard.answers.route.type == .otherGovernmentDepartment)
    }
}
