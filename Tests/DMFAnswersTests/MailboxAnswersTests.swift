import DMFAnswers
import DMFPolicy
import Foundation
import Testing

/// A recipient's `mailbox` is needed only when the method delivers to a mailbox (or is not sure):
/// otherwise a file may leave it out, and one given anyway is accepted and ignored.
@Suite("Mailbox answers and the method")
struct MailboxAnswersTests {
    static let mailboxLine = "    mailbox: personal                  # personal | shared\n"

    static func file(method: String, mailbox: String?) throws -> String {
        let text = try edit("method: secure-network", "method: \(method)")
        guard let mailbox else { return try edit(Self.mailboxLine, "", in: text) }
        return try edit("mailbox: personal", "mailbox: \(mailbox)", in: text)
    }

    @Test(
        "with a method that delivers to no mailbox, a recipient without a mailbox is complete",
        arguments: ["secure-network", "secure-file-transfer", "sharing-service", "paper", "encrypted-storage-device"])
    func noMailboxNeeded(method: String) throws {
        let answers = try parse(try Self.file(method: method, mailbox: nil))
        #expect(answers.recipients[0].mailbox == nil)
        #expect(answers.isComplete)
    }

    @Test("with such a method a mailbox given anyway is accepted, and a shared one blocks nothing")
    func mailboxGivenAnywayIsIgnored() throws {
        let answers = try parse(try Self.file(method: "secure-file-transfer", mailbox: "shared"))
        let decision = try PolicyEngine.evaluate(answers)
        #expect(!decision.rules.contains(.recipientsAuthorised))
        #expect(decision.verdict != .blocked)
    }

    @Test(
        "with email, secure email or not sure, a missing mailbox is reported with its key, line and values",
        arguments: ["email", "secure-email", "not-sure"])
    func mailboxNeeded(method: String) throws {
        let text = try Self.file(method: method, mailbox: nil)
        let found = try problem(text)
        #expect(found.path == "recipients[0].mailbox")
        #expect(found.message == "this answer is required; use one of: personal, shared")
        #expect(found.line == (try line(of: "- name: \"B. Analyst\"", in: text)))
    }

    @Test("with secure email a shared mailbox is still a blocker")
    func sharedBySecureEmailBlocks() throws {
        let answers = try parse(try Self.file(method: "secure-email", mailbox: "shared"))
        let decision = try PolicyEngine.evaluate(answers)
        #expect(decision.kinds(.recipientsAuthorised) == [.blocker])
        #expect(decision.verdict == .blocked)
    }

    @Test("a mailbox that is not one of the allowed values is still a mistake, whatever the method")
    func badMailboxValueStillReported() throws {
        let found = try problem(try Self.file(method: "secure-file-transfer", mailbox: "team"))
        #expect(found.path == "recipients[0].mailbox")
        #expect(found.message.contains("personal, shared"))
    }

    @Test("no recipients: the message says when a mailbox is needed")
    func noRecipientsMessage() throws {
        var answers = try parse(validYAML)
        answers.recipients = []
        let found = try problem(AnswersWriter.yaml(answers))
        #expect(found.path == "recipients")
        #expect(found.message.contains("a mailbox when the method is email, secure-email or not-sure"))
    }
}

extension Decision {
    fileprivate var rules: Set<RuleID> { Set(findings.map(\.rule)) }
    fileprivate func kinds(_ rule: RuleID) -> Set<FindingKind> { Set(findings.filter { $0.rule == rule }.map(\.kind)) }
}
