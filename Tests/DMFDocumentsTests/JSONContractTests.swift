import DMFDocuments
import DMFPolicy
import Foundation
import Testing

/// `--format json` as answers-format.md fixes it.
@Suite struct JSONContractTests {
    /// The contract's shape, decoded strictly: a wrong type (a string for a bool) fails.
    struct Contract: Decodable {
        struct FindingEntry: Decodable { var rule: String; var kind: String; var text: String; var group: String }
        struct ChecklistEntry: Decodable {
            var rule: String; var done: Bool; var text: String; var who: String; var group: String
        }
        struct Policy: Decodable { var source: String; var dated: String; var rules_version: String }
        var format: Int
        var verdict: String
        var dmf_required: Bool
        var route: String
        var findings: [FindingEntry]
        var checklist: [ChecklistEntry]
        var policy: Policy
    }

    static func cases() throws -> [(name: String, dmf: FilledDMF)] {
        var sameSystem = try Fixtures.answers()
        sameSystem.route.type = .sameSystem
        sameSystem.method = .withinSystem
        return [
            ("rich", try Fixtures.rich()), ("same-system", try Fixtures.dmf(sameSystem)),
            ("training", try Fixtures.rich(training: true)),
        ]
    }

    @Test func keysAreSortedAtEveryLevel() throws {
        for (name, dmf) in try Self.cases() {
            let output = JSONRenderer.render(dmf)
            let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
            let resorted = try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            let expected = String(decoding: resorted, as: UTF8.self) + "\n"
            if output != expected {
                Issue.record("\(name): keys not sorted. \(lineDiff(expected: expected, actual: output))")
            }
        }
    }

    @Test func topLevelKeysAndTypesFollowTheContract() throws {
        for (name, dmf) in try Self.cases() {
            let output = JSONRenderer.render(dmf)
            let result = try JSONDecoder().decode(Contract.self, from: Data(output.utf8))
            #expect(result.format == 1)
            #expect(Verdict(rawValue: result.verdict) != nil, "\(name): verdict \(result.verdict)")
            #expect(result.verdict == dmf.verdict.rawValue)
            #expect(result.dmf_required == dmf.decision.dmfRequired)
            #expect(RouteType(rawValue: result.route) == dmf.route)
            #expect(result.policy.source == PolicyInfo.source)
            #expect(result.policy.dated == PolicyInfo.dated)
            #expect(result.policy.rules_version == PolicyInfo.rulesVersion)
            // One item per finding, except where a more specific rule's item already asks the same.
            #expect(!result.findings.isEmpty && result.checklist.count <= result.findings.count)
            #expect(result.checklist.count == dmf.decision.checklist.count)
            for finding in result.findings {
                #expect(RuleID(rawValue: finding.rule) != nil, "\(name): rule \(finding.rule)")
                #expect(FindingKind(rawValue: finding.kind) != nil, "\(name): kind \(finding.kind)")
                #expect(ChecklistGroup(rawValue: finding.group) != nil, "\(name): group \(finding.group)")
                #expect(!finding.text.isEmpty)
            }
            for item in result.checklist {
                #expect(RuleID(rawValue: item.rule) != nil)
                #expect(result.findings.contains { $0.rule == item.rule }, "\(name): \(item.rule) has a finding")
                #expect(ChecklistGroup(rawValue: item.group) != nil, "\(name): group \(item.group)")
                #expect(!item.done && !item.text.isEmpty && !item.who.isEmpty)
            }
            let object = try jsonObject(output)
            #expect(object["dmf"] is [String: Any], "\(name): dmf is an object")
            #expect(object["format"] as? Int == 1)
        }
    }

    /// The added `group` field: "after-transfer" for what can only be done once it is sent,
    /// kept apart from "before-sending"; the IAO's authorisation listed once.
    @Test func checklistGroupsTravelInTheJSON() throws {
        let object = try jsonObject(JSONRenderer.render(try Fixtures.rich()))
        let checklist = try #require(object["checklist"] as? [[String: Any]])
        let groups = checklist.compactMap { $0["group"] as? String }
        #expect(groups.count == checklist.count)
        #expect(groups.last == "after-transfer")
        let retention = try #require(checklist.first { $0["rule"] as? String == "retention" })
        #expect(retention["group"] as? String == "after-transfer")
        #expect(retention["kind"] as? String == "action", "kind keeps its meaning")
        let rules = checklist.compactMap { $0["rule"] as? String }
        #expect(rules.contains("third-party-iao-authorisation") && !rules.contains("dmf-authorised"))
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "dmf-authorised" }, "the finding itself stays")
        let becauses = findings.flatMap { ($0["because"] as? [String]) ?? [] }
        #expect(becauses.contains("recipient 2 authorised: not-sure"))
        #expect(!becauses.contains { $0.contains("recipients[") })
    }

    @Test func dmfObjectHoldsEveryFieldOfTheForm() throws {
        let dmf = try Fixtures.rich()
        let form = try #require(try jsonObject(JSONRenderer.render(dmf))["dmf"] as? [String: Any])
        for section in dmf.sectionsBeforeRecipients + dmf.sectionsAfterRecipients + [dmf.authorisation] {
            let fields = try #require(form[section.key] as? [String: Any], "section \(section.key)")
            #expect(Set(fields.keys) == Set(section.fields.map(\.key)), "section \(section.key)")
        }
        let recipients = try #require(form["recipients"] as? [[String: Any]])
        #expect(recipients.count == 2)
        #expect(recipients[1]["authorised"] as? String == "not-sure")
        // Secure file transfer delivers to no mailbox: the answer given is not printed.
        #expect(recipients[0]["mailbox"] as? String == AnswerSchema.recipientField("mailbox")?.notApplicable)
        #expect(recipients[0]["mailbox"] as? String == "Not asked (the method does not deliver to a mailbox)")
        #expect(
            (form["completed_on_behalf"] as? String)?.hasPrefix("Completed by the helpdesk on behalf of D. Sender")
                == true)
    }
}
