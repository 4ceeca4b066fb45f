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
        for topKey in AnswerSchema.topLevelKeys {
            if topKey == "recipients" {
                guard !answers.recipients.isEmpty else { continue }
                let list = answers.recipients.map { recipient -> Node in
                    let pairs = AnswerSchema.recipient.map { ($0.key, node($0.value(in: recipient), $0.type)) }
                    return Node(pairs.compactMap { pair in pair.1.map { (key(pair.0), $0) } })
                }
                root.append((key("recipients"), Node(list)))
                continue
            }
            let fields = AnswerSchema.fields(under: topKey)
            if fields.count == 1, fields[0].section.isEmpty {
                if let value = node(fields[0].value(in: answers), fields[0].type) { root.append((key(topKey), value)) }
            } else {
                add(topKey, fields.map { ($0.key, node($0.value(in: answers), $0.type)) })
            }
        }
        add("draft", [("step", text(resumeStep)), ("saved_at", text(savedAt))])
        // Serialising our own well-formed tree cannot fail; fall back to an empty document regardless.
        let body = (try? Yams.serialize(node: Node(root), width: -1, allowUnicode: true)) ?? "format: 1\n"
        return body
    }

    /// Text is quoted whatever it says; choices, dates and counts are written as they are.
    private static func node(_ value: String?, _ type: FieldType) -> Node? {
        switch type {
        case .text, .paragraph, .email: text(value)
        case .choice, .date, .count: value.map { Node($0) }
        }
    }

    private static func key(_ name: String) -> Node { Node(name) }
    private static func text(_ text: String?) -> Node? {
        guard let text, !text.isEmpty else { return nil }
        return Node(text, .implicit, .doubleQuoted)
    }
}
