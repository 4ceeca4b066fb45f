import DMFPolicy
import Testing

/// `recipients-authorised` as revised on 2026-11-29: a shared or group mailbox matters only when
/// the method delivers to a mailbox.
@Suite("Mailboxes and the method")
struct MailboxRuleTests {
    static let mailboxMethods: [TransferMethod] = [.email, .secureEmail]
    static let otherMethods = TransferMethod.allCases.filter { !$0.deliversToMailbox && $0 != .notSure }

    @Test(
        "a shared mailbox blocks when the method is email or secure email, on every route",
        arguments: mailboxMethods, RouteType.allCases)
    func sharedMailboxBlocksByEmail(method: TransferMethod, route: RouteType) throws {
        let decision = try decide(route) {
            $0.method = method
            $0.recipients[0].mailbox = .shared
        }
        let finding = try #require(decision.findings(.recipientsAuthorised).first { $0.kind == .blocker })
        #expect(finding.who == .requester)
        #expect(finding.text.contains("B. Analyst"))
        #expect(finding.because == ["method: \(method.rawValue)", "recipient 1 mailbox: shared"])
        #expect(finding.todo.contains("personal mailboxes"))
        #expect(decision.verdict == .blocked)
    }

    @Test(
        "a personal mailbox with email or secure email raises nothing from recipients-authorised",
        arguments: mailboxMethods)
    func personalMailboxByEmail(method: TransferMethod) throws {
        let decision = try decide(.betweenMOJSystems) { $0.method = method }
        #expect(decision.findings(.recipientsAuthorised).isEmpty)
    }

    @Test(
        "with any other method a shared mailbox is ignored: the decision is the same as with none",
        arguments: otherMethods, RouteType.allCases)
    func sharedMailboxIgnoredOtherwise(method: TransferMethod, route: RouteType) throws {
        let shared = try decide(route) {
            $0.method = method
            $0.recipients[0].mailbox = .shared
        }
        let none = try decide(route) {
            $0.method = method
            $0.recipients[0].mailbox = nil
        }
        #expect(shared.findings(.recipientsAuthorised).isEmpty)
        #expect(shared == none)
    }

    @Test("a team receiving by secure file transfer is no longer blocked as a shared mailbox")
    func secureFileTransferToATeam() throws {
        let decision = try decide(.otherGovernmentDepartment) {
            $0.method = .secureFileTransfer
            $0.recipients[0] = .init(name: "DfE data team", mailbox: .shared, authorised: .yes, clearance: .bpss)
        }
        #expect(decision.verdict == .conditions)
        #expect(!decision.rules.contains(.recipientsAuthorised))
    }

    @Test("method not sure: a shared mailbox is referred (it would block if the method is email), not blocked")
    func sharedMailboxMethodNotSure() throws {
        let decision = try decide(.otherGovernmentDepartment) {
            $0.method = .notSure
            $0.recipients[0].mailbox = .shared
        }
        let finding = try #require(decision.findings(.recipientsAuthorised).first)
        #expect(decision.kinds(.recipientsAuthorised) == [.refer])
        #expect(finding.todo.hasPrefix("If the method turns out to be email or secure email"))
        #expect(finding.because == ["method: not-sure", "recipient 1 mailbox: shared"])
        #expect(decision.verdict == .refer)
        // Not sure is asked, so the mailbox is needed: a missing one makes the answers incomplete.
        var answers = baseline(.otherGovernmentDepartment)
        answers.method = .notSure
        answers.recipients[0].mailbox = nil
        let error = #expect(throws: IncompleteAnswers.self) { try PolicyEngine.evaluate(answers) }
        #expect(error?.missing == ["recipients[0].mailbox"])
    }

    @Test("several shared mailboxes are named together, each numbered from 1")
    func severalSharedMailboxes() throws {
        let decision = try decide(.betweenMOJSystems) {
            $0.method = .email
            $0.recipients[0].mailbox = .shared
            $0.recipients.append(.init(name: "", mailbox: .personal, authorised: .yes, clearance: .bpss))
            $0.recipients.append(.init(name: "Team inbox", mailbox: .shared, authorised: .yes, clearance: .bpss))
        }
        let finding = try #require(decision.findings(.recipientsAuthorised).first)
        #expect(finding.because == ["method: email", "recipient 1 mailbox: shared", "recipient 3 mailbox: shared"])
        #expect(finding.text.hasPrefix("B. Analyst and Team inbox are shared or group mailboxes"))
    }
}

/// Findings cite recipients numbered from 1, as every screen and the form number them.
@Suite("Recipients numbered from 1")
struct RecipientNumberingTests {
    @Test("every finding about a recipient cites 'recipient N', never a 0-based key")
    func becauseLinesAreOneBased() throws {
        let decision = try decide(.thirdParty) {
            $0.method = .secureEmail
            $0.recipients = [
                .init(name: "", mailbox: .shared, authorised: .no, clearance: Clearance.none),
                .init(name: "E. Second", mailbox: .personal, authorised: .notSure, clearance: .notSure),
            ]
        }
        let cited = decision.findings.filter { [.recipientsAuthorised, .recipientsCleared].contains($0.rule) }.flatMap(
            \.because)
        #expect(
            Set(cited) == [
                "recipient 1 authorised: no", "method: secure-email", "recipient 1 mailbox: shared",
                "recipient 2 authorised: not-sure", "data.classification: official", "recipient 1 clearance: none",
                "recipient 2 clearance: not-sure",
            ])
        #expect(!decision.findings.flatMap(\.because).contains { $0.contains("recipients[") })
        // An unnamed recipient is called by the same number in the words.
        #expect(decision.findings(.recipientsAuthorised).first?.text.hasPrefix("recipient 1 is not authorised") == true)
    }
}

/// The checklist: after-the-transfer actions in their own group, and no item twice.
@Suite("Checklist groups and duplicates")
struct ChecklistTests {
    @Test("deleting your copy after a move is listed after the transfer, not before sending; it still gives conditions")
    func moveIsAfterTheTransfer() throws {
        let decision = try decide(.sameSystem) { $0.transfer.kind = .move }
        let item = try #require(decision.checklist.first { $0.rule == .retention })
        #expect(item.group == .afterTransfer)
        #expect(item.group.label == "After the transfer")
        #expect(item.kind == .action)
        #expect(decision.findings(.retention).first?.group == .afterTransfer)
        #expect(decision.verdict == .conditions)
        #expect(decision.checklist.last == item, "after the transfer comes last")
    }

    @Test("paper: packing and sending before, confirming it arrived after")
    func paperIsSplit() throws {
        let decision = try decide(.betweenMOJSystems) { $0.method = .paper }
        let items = decision.checklist.filter { $0.rule == .confidentialityInTransit }
        #expect(items.map(\.group) == [.beforeSending, .afterTransfer])
        #expect(!items[0].text.localizedCaseInsensitiveContains("confirm"))
        #expect(items[1].text.localizedCaseInsensitiveContains("arrived"))
    }

    @Test(
        "nothing under 'Do before sending' can only be done after sending, on any route or kind",
        arguments: RouteType.allCases, TransferKind.allCases)
    func nothingAfterUnderBefore(route: RouteType, kind: TransferKind) throws {
        for method in TransferMethod.allCases {
            let decision = try decide(route) {
                $0.transfer.kind = kind
                $0.method = method
            }
            for item in decision.checklist where item.group == .beforeSending {
                for afterOnly in [
                    "once the recipient confirms", "has arrived", "confirm receipt", "delete your own copy",
                ] {
                    #expect(
                        !item.text.localizedCaseInsensitiveContains(afterOnly),
                        "\(route) \(kind) \(method): \(item.text)")
                }
            }
        }
    }

    @Test("groups print in a fixed order, with their labels")
    func groupOrderAndLabels() {
        #expect(
            ChecklistGroup.allCases.map(\.label) == [
                "Must change", "Ask first", "Do before sending", "Consider", "Good to know", "After the transfer",
            ])
        #expect(ChecklistGroup.allCases == ChecklistGroup.allCases.sorted())
        for kind in FindingKind.allCases {
            #expect(ChecklistGroup(kind: kind).label == kind.label)
            #expect(ChecklistGroup(kind: kind, afterTransfer: true) == .afterTransfer)
        }
    }

    @Test("third party, IAO not decided: one IAO-authorisation item, the more specific rule's; both findings stay")
    func iaoPendingOnce() throws {
        let decision = try decide(.thirdParty) { $0.authorisation.iaoDecision = .pending }
        #expect(decision.rules.isSuperset(of: [.dmfAuthorised, .thirdPartyIAOAuthorisation]))
        let iaoItems = decision.checklist.filter { $0.rule == .dmfAuthorised || $0.rule == .thirdPartyIAOAuthorisation }
        #expect(iaoItems.map(\.rule) == [.thirdPartyIAOAuthorisation])
        #expect(iaoItems.first?.text.hasPrefix("Complete this DMF") == true, "it also asks for the DMF")
        #expect(decision.checklist.count == decision.findings.count - 1)
    }

    @Test("third party, IAO refused: only 'Do not transfer' is listed, not also 'complete this DMF'")
    func iaoRefusedOnce() throws {
        let decision = try decide(.thirdParty) { $0.authorisation.iaoDecision = .refused }
        #expect(!decision.checklist.contains { $0.rule == .dmfAuthorised })
        #expect(decision.checklist.first?.rule == .thirdPartyIAOAuthorisation)
        #expect(decision.checklist.first?.group == .mustChange)
    }

    @Test(
        "other routes keep the dmf-authorised item; the third party keeps it once the IAO has authorised",
        arguments: RouteType.allCases.filter(\.leavesSystem))
    func dmfItemKeptOtherwise(route: RouteType) throws {
        let decision = try decide(route) { $0.authorisation.iaoDecision = .authorised }
        #expect(decision.checklist.filter { $0.rule == .dmfAuthorised }.count == 1)
    }

    @Test("an old marking with a classification not sure: one item asking the IAO about the classification")
    func classificationAskedOnce() throws {
        let decision = try decide(.betweenMOJSystems) {
            $0.data.classification = .notSure
            $0.data.legacyMarking = .il3Restricted
        }
        #expect(decision.rules.isSuperset(of: [.classificationNotSure, .legacyMarkingReview]))
        let items = decision.checklist.filter { $0.rule == .classificationNotSure || $0.rule == .legacyMarkingReview }
        #expect(items.map(\.rule) == [.legacyMarkingReview])
        // Without the old marking, the not-sure item is the one listed.
        let plain = try decide(.betweenMOJSystems) { $0.data.classification = .notSure }
        #expect(plain.checklist.contains { $0.rule == .classificationNotSure })
    }

    @Test("the same decision always gives the same checklist")
    func deterministic() throws {
        let change: (inout Answers) -> Void = {
            $0.authorisation.iaoDecision = .pending
            $0.transfer.kind = .move
            $0.method = .paper
            $0.data.classification = .notSure
            $0.data.legacyMarking = .protect
        }
        let first = try decide(.thirdParty, change).checklist
        for _ in 0..<5 { #expect(try decide(.thirdParty, change).checklist == first) }
        #expect(first.map(\.group) == first.map(\.group).sorted())
    }

    @Test("an item word for word the same as an earlier one is listed once")
    func identicalItemsOnce() throws {
        let findings = [
            Finding(rule: .personalData, kind: .action, text: "a", todo: "Do it.", who: .requester, because: []),
            Finding(rule: .bulkApproval, kind: .action, text: "b", todo: "Do it.", who: .requester, because: []),
            Finding(rule: .bulkApproval, kind: .action, text: "b", todo: "Do it.", who: .seniorManager, because: []),
        ]
        var decision = try decide(.betweenMOJSystems)
        decision.findings = findings
        #expect(decision.checklist.map(\.rule) == [.personalData, .bulkApproval])
        #expect(decision.checklist.map(\.who) == [.requester, .seniorManager])
    }
}
