import DMFDocuments
import DMFFlow
import DMFPolicy
import Foundation
import Testing

/// The rule book policy owners sign: a committed golden copy, so a rule change is a readable
/// diff in review. Re-record with `RECORD_GOLDEN=1 swift test --filter RuleBookTests`.
@Suite struct RuleBookTests {
    static let book = RuleBook()

    @Test func markdownMatchesTheGoldenFile() throws {
        let actual = Self.book.render(.markdown)
        let url = GoldenTests.sourceFolder().appendingPathComponent("rule-book.md")
        if GoldenTests.isRecording {
            try Data(actual.utf8).write(to: url)
            Issue.record("Recorded Golden/rule-book.md because RECORD_GOLDEN=1; review it, then run again without it.")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if actual != expected {
            Issue.record(
                "Golden/rule-book.md differs; if intended, re-record. \(lineDiff(expected: expected, actual: actual))")
        }
    }

    @Test func everyRuleIsInTheBookWithItsExactQuotation() {
        let markdown = Self.book.render(.markdown)
        #expect(Self.book.entries.map(\.rule) == RuleID.allCases)
        for rule in RuleID.allCases {
            #expect(markdown.contains("(`\(rule.rawValue)`)"), "\(rule.rawValue)")
            #expect(markdown.contains(MarkdownRenderer.inline(rule.source.quotation)), "\(rule.rawValue) quotation")
        }
        #expect(markdown.contains("rule set \(PolicyInfo.rulesVersion)"))
    }

    @Test func kindsWhoAndWordingAreWhatTheEngineGives() throws {
        // The shared-mailbox blocker (revised 2026-11-29) is given to the requester with email only.
        let authorised = try #require(Self.book.entries.first { $0.rule == .recipientsAuthorised })
        #expect(authorised.kinds.map(\.kind) == [.blocker, .refer])
        let mailboxRows = authorised.triggers.flatMap(\.changes).filter { $0.contains("Shared or group mailbox") }
        #expect(!mailboxRows.isEmpty && mailboxRows.allSatisfy { $0.contains("email") || $0.contains("Not sure") })
        // A bulk transfer leaving its system needs the senior manager, as the engine says.
        let bulk = try #require(Self.book.entries.first { $0.rule == .bulkApproval })
        #expect(bulk.kinds.contains { $0.kind == .action && $0.who == [.seniorManager] })
        #expect(bulk.wordings.contains { $0.todo.contains("senior manager") })
    }

    @Test(arguments: RuleID.allCases)
    func theKindsARuleDeclaresAreTheKindsTheEngineGives(rule: RuleID) throws {
        let entry = try #require(Self.book.entries.first { $0.rule == rule })
        #expect(Set(entry.kinds.map(\.kind)) == rule.kinds)
    }

    @Test func htmlEscapesAndCarriesEveryRule() {
        let html = Self.book.render(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for rule in RuleID.allCases { #expect(html.contains("id=\"\(rule.rawValue)\"")) }
        #expect(!html.contains("\"before you transmit"), "quotation marks are escaped in HTML")
    }
}
