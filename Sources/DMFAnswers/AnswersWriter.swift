import DMFPolicy
import Yams

/// Writes answers in the answers-file format (YAML), so drafts can be resumed and read by `fill`.
///
/// Free text is always double-quoted so that a name such as "No" or "1:30" reads back as text.
public enum AnswersWriter {
    /// The YAML text for `answers`; `resumeStep`, `pending` (text typed at that step, not yet
    /// an answer), `savedAt` and `saveFormats` (the formats last chosen for saving, by name) go
    /// under the project key `draft`, which is never an answer.
    public static func yaml(
        _ answers: Answers, resumeStep: String? = nil, pending: String? = nil, savedAt: String? = nil,
        saveFormats: [String] = []
    ) -> String {
        let nodes = Nodes()
        var root: [(Node, Node)] = [(nodes.key("format"), nodes.plain("1"))]
        func add(_ name: String, _ pairs: [(String, Node?)]) {
            let present = pairs.compactMap { pair in pair.1.map { (nodes.key(pair.0), $0) } }
            if !present.isEmpty { root.append((nodes.key(name), nodes.mapping(present))) }
        }
        for topKey in AnswerSchema.topLevelKeys {
            if topKey == "recipients" {
                guard !answers.recipients.isEmpty else { continue }
                let list = answers.recipients.map { recipient -> Node in
                    let pairs = AnswerSchema.recipient.map { ($0.key, nodes.value($0.value(in: recipient), $0.type)) }
                    return nodes.mapping(pairs.compactMap { pair in pair.1.map { (nodes.key(pair.0), $0) } })
                }
                root.append((nodes.key("recipients"), Node(list, nodes.tag)))
                continue
            }
            let fields = AnswerSchema.fields(under: topKey)
            if fields.count == 1, fields[0].section.isEmpty {
                if let value = nodes.value(fields[0].value(in: answers), fields[0].type) {
                    root.append((nodes.key(topKey), value))
                }
            } else {
                add(topKey, fields.map { ($0.key, nodes.value($0.value(in: answers), $0.type)) })
            }
        }
        add(
            "draft",
            [
                ("step", nodes.text(resumeStep)), ("pending", nodes.text(pending)), ("saved_at", nodes.text(savedAt)),
                ("formats", saveFormats.isEmpty ? nil : Node(saveFormats.map(nodes.plain), nodes.tag)),
            ])
        // Serialising our own well-formed tree cannot fail; fall back to an empty document regardless.
        return (try? Yams.serialize(node: nodes.mapping(root), width: -1, allowUnicode: true)) ?? "format: 1\n"
    }

    /// Makes the tree's nodes.
    private struct Nodes {
        /// Every value is read back as text and typed by the schema, so no node needs YAML's own
        /// types. The basic resolver says so, and spares compiling Yams's regular expressions for
        /// them, which Yams's default tag does on first use (a third of the time recording took).
        ///
        /// A new tag for every node: Yams resolves an implicit tag in place, so one tag shared by
        /// the whole tree became "map" at the first mapping and the recipients' list was then
        /// written as `!!map`, which other YAML readers rightly refuse.
        var tag: Tag { Tag(.implicit, .basic, .default) }

        func key(_ name: String) -> Node { Node(name, tag) }
        func plain(_ value: String) -> Node { Node(value, tag) }
        func mapping(_ pairs: [(Node, Node)]) -> Node { Node(pairs, tag) }

        /// Text is quoted whatever it says; choices, dates and counts are written as they are.
        func value(_ value: String?, _ type: FieldType) -> Node? {
            switch type {
            case .text, .paragraph, .email: text(value)
            case .choice, .date, .count: value.map(plain)
            }
        }

        func text(_ text: String?) -> Node? {
            guard let text, !text.isEmpty else { return nil }
            return Node(text, tag, .doubleQuoted)
        }
    }
}
