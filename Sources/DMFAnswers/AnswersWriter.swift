import DMFPolicy
import Yams

/// Writes answers in the answers-file format (YAML), so drafts can be resumed and read by `fill`.
///
/// Free text is always double-quoted so that a name such as "No" or "1:30" reads back as text.
public enum AnswersWriter {
    /// The YAML text for `answers`; `resumeStep` and `savedAt` go under the project key `draft`.
    public static func yaml(_ answers: Answers, resumeStep: String? = nil, savedAt: String? = nil) -> String {
        var root: [(Node, Node)] = [(key("format"), Node("1"))]
        func add(_ name: String, _ pairs: [(String, Node?)]) {
            let present = pairs.compactMap { pair in pair.1.map { (key(pair.0), $0) } }
            if !present.isEmpty { root.append((key(name), Node(present))) }
        }
        add(
            "transfer",
            [
                ("kind", value(answers.transfer.kind)), ("frequency", value(answers.transfer.frequency)),
                ("purpose", text(answers.transfer.purpose)),
            ])
        add(
            "requester",
            [
                ("name", text(answers.requester.name)), ("email", text(answers.requester.email)),
                ("team", text(answers.requester.team)),
            ])
        add(
            "data",
            [
                ("description", text(answers.data.description)),
                ("classification", value(answers.data.classification)),
                ("legacy_marking", value(answers.data.legacyMarking)),
                ("personal_data", value(answers.data.personalData)),
                ("records", answers.data.records.map { Node(String($0)) }),
                ("bulk", value(answers.data.bulk)),
            ])
        add(
            "route",
            [
                ("type", value(answers.route.type)), ("source_system", text(answers.route.sourceSystem)),
                ("destination_organisation", text(answers.route.destinationOrganisation)),
                ("destination_system", text(answers.route.destinationSystem)),
                ("destination_accreditation", value(answers.route.destinationAccreditation)),
            ])
        if !answers.recipients.isEmpty {
            let list = answers.recipients.map { recipient -> Node in
                let pairs: [(String, Node?)] = [
                    ("name", text(recipient.name)), ("organisation", text(recipient.organisation)),
                    ("role", text(recipient.role)), ("mailbox", value(recipient.mailbox)),
                    ("authorised", value(recipient.authorised)), ("clearance", value(recipient.clearance)),
                ]
                return Node(pairs.compactMap { pair in pair.1.map { (key(pair.0), $0) } })
            }
            root.append((key("recipients"), Node(list)))
        }
        if let method = answers.method { root.append((key("method"), Node(method.rawValue))) }
        add(
            "retention",
            [
                ("delete_by", answers.retention.deleteBy.map { Node($0) }), ("period", text(answers.retention.period)),
            ])
        add(
            "third_party",
            [
                ("contract", value(answers.thirdParty.contract)), ("nda", value(answers.thirdParty.nda)),
                ("security_aspects_letter", value(answers.thirdParty.securityAspectsLetter)),
                ("code_of_connection", value(answers.thirdParty.codeOfConnection)),
            ])
        add(
            "authorisation",
            [
                ("iao_name", text(answers.authorisation.iaoName)),
                ("iao_decision", value(answers.authorisation.iaoDecision)),
            ])
        if let helpdesk = answers.helpdesk {
            add(
                "helpdesk",
                [
                    ("caller_name", text(helpdesk.callerName)), ("caller_team", text(helpdesk.callerTeam)),
                    ("call_reference", text(helpdesk.callReference)), ("agent_name", text(helpdesk.agentName)),
                ])
        }
        add("draft", [("step", text(resumeStep)), ("saved_at", text(savedAt))])
        // Serialising our own well-formed tree cannot fail; fall back to an empty document regardless.
        let body = (try? Yams.serialize(node: Node(root), width: -1, allowUnicode: true)) ?? "format: 1\n"
        return body
    }

    private static func key(_ name: String) -> Node { Node(name) }
    private static func value<Value: AnswerValue>(_ value: Value?) -> Node? { value.map { Node($0.rawValue) } }
    private static func text(_ text: String?) -> Node? {
        guard let text, !text.isEmpty else { return nil }
        return Node(text, .implicit, .doubleQuoted)
    }
}
