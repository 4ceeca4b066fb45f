import DMFPolicy
import Foundation
import Testing

/// `CompleteAnswers` is generated from `AnswerSchema` (Sources/DMFPolicy/CompleteAnswers+Schema.swift),
/// so a new answer needs no edit there: after changing the schema, `RECORD_GOLDEN=1 swift test
/// --filter GeneratedSourceTests` writes the file again (and fails, so a recording run never
/// passes), then the next build compiles it. The test fails while the file is out of date.
@Suite struct GeneratedSourceTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/DMFPolicy/CompleteAnswers+Schema.swift")

    @Test func completeAnswersIsGeneratedFromTheSchema() throws {
        let generated = CompleteAnswersSource.text
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(generated.utf8).write(to: Self.url)
            Issue.record("Wrote CompleteAnswers+Schema.swift because RECORD_GOLDEN=1; build and run again.")
            return
        }
        let committed = try String(contentsOf: Self.url, encoding: .utf8)
        #expect(committed == generated, "CompleteAnswers+Schema.swift is out of date: record it with RECORD_GOLDEN=1")
    }

    /// The generated value reads each answer where the schema keeps it: an answer set through the
    /// schema comes back through `CompleteAnswers`, for every answer of a complete set.
    @Test(arguments: RouteType.allCases)
    func itReadsWhatTheSchemaSets(_ route: RouteType) throws {
        var answers = baseline(route)
        answers.method = .email
        answers.recipients[0].mailbox = .shared
        answers.helpdesk = .init(callerName: "C", callerTeam: "T", callReference: "R", agentName: "A")
        let complete = try CompleteAnswers(answers)
        let mirror = Mirror(reflecting: complete)
        for field in AnswerSchema.fields where CompleteAnswersSource.Field.isDecidedOn(field) {
            let path = CompleteAnswersSource.Access(field.keyPath)
            let value =
                path.section.isEmpty
                ? mirror.descendant(path.property) : mirror.descendant(path.section, path.property)
            #expect(
                Self.spelling(value) == field.value(in: answers), "\(field.path): \(String(describing: value))")
        }
        let recipient = Mirror(reflecting: complete.recipients[0])
        for field in AnswerSchema.recipient where CompleteAnswersSource.Field.isDecidedOn(field) {
            let value = recipient.descendant(CompleteAnswersSource.Access(field.keyPath).property)
            #expect(Self.spelling(value) == field.value(in: answers.recipients[0]), "\(field.path)")
        }
    }

    /// A value read by reflection in answers-file spelling.
    static func spelling(_ value: Any?) -> String? {
        guard let value else { return nil }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            return mirror.children.first.flatMap { spelling($0.value) }
        }
        switch value {
        case let choice as any RawRepresentable<String>: return choice.rawValue
        case let number as Int: return String(number)
        case let text as String: return text
        default: return String(describing: value)
        }
    }
}

/// Writes `CompleteAnswers` from the schema: a mirror of `Answers` by section, where an answer
/// the schema always requires is a plain value and any other is optional as given; then, for
/// each condition some answer is required under, a `when…` value holding those answers
/// unwrapped, there exactly when the condition holds; and the reading initialiser, which gives nil
/// when a required answer is missing.
enum CompleteAnswersSource {
    /// Where a field is kept, read from its key path (`\Answers.data.legacyMarking`).
    struct Access {
        /// `data.legacyMarking`, `helpdesk?.agentName`, `method`, `clearance`.
        var expression: String
        /// `data`; empty for a top-level answer or a recipient's.
        var section: String
        var property: String

        init(_ keyPath: AnyKeyPath) {
            let described = String(describing: keyPath)
            let afterRoot = described.drop { $0 != "." }.dropFirst()
            expression = String(afterRoot)
            let parts = afterRoot.split(separator: ".").map { String($0).replacingOccurrences(of: "?", with: "") }
            property = parts.last ?? ""
            section = parts.count > 1 ? parts[0] : ""
        }
    }

    struct Field {
        var access: Access
        var type: String
        var always: Bool
        var condition: AnswerCondition?

        /// Whether the generated value holds it (`SchemaField.isReadByRules`).
        static func isDecidedOn<Root>(_ field: SchemaField<Root>) -> Bool { field.isReadByRules }

        init<Root>(_ field: SchemaField<Root>) {
            access = Access(field.keyPath)
            type = field.valueType
            always = field.required.name == AnswerCondition.always.name
            condition = always || field.required.name == AnswerCondition.never.name ? nil : field.required
        }

        var declaration: String { "public let \(access.property): \(type)\(always ? "" : "?")" }
        /// The local variable the initialiser unwraps it into.
        var local: String {
            access.section.isEmpty
                ? access.property
                : access.section + access.property.prefix(1).uppercased()
                    + access.property.dropFirst()
        }
    }

    static func typeName(_ name: String) -> String { name.prefix(1).uppercased() + name.dropFirst() }

    /// The conditions answers are required under, each once, in the order the schema first uses them.
    static func groups(_ fields: [Field]) -> [(condition: AnswerCondition, fields: [Field])] {
        var groups: [(condition: AnswerCondition, fields: [Field])] = []
        for field in fields {
            guard let condition = field.condition else { continue }
            if let index = groups.firstIndex(where: { $0.condition.name == condition.name }) {
                groups[index].fields.append(field)
            } else {
                groups.append((condition, [field]))
            }
        }
        return groups
    }

    static func arguments(_ pairs: [(String, String)], indent: String) -> [String] {
        pairs.enumerated().map { index, pair in
            "\(indent)\(pair.0): \(pair.1)" + (index == pairs.count - 1 ? "" : ",")
        }
    }

    static var text: String {
        let before = AnswerSchema.before.filter(Field.isDecidedOn).map(Field.init)
        let after = AnswerSchema.after.filter(Field.isDecidedOn).map(Field.init)
        let recipient = AnswerSchema.recipient.filter(Field.isDecidedOn).map(Field.init)
        let answersGroups = groups(before + after)
        let recipientGroups = groups(recipient)
        // Sections in file order; "" stands for the recipients, between `before` and `after`.
        var sections: [String] = []
        var topLevel: [String: Field] = [:]
        for field in before {
            let name = field.access.section.isEmpty ? field.access.property : field.access.section
            if field.access.section.isEmpty { topLevel[name] = field }
            if !sections.contains(name) { sections.append(name) }
        }
        sections.append("")
        for field in after {
            let name = field.access.section.isEmpty ? field.access.property : field.access.section
            if field.access.section.isEmpty { topLevel[name] = field }
            if !sections.contains(name) { sections.append(name) }
        }
        let all = before + after
        func members(_ section: String) -> [Field] { all.filter { $0.access.section == section } }

        var lines = [
            "// Generated from AnswerSchema by Tests/DMFPolicyTests/GeneratedSourceTests.swift: do not edit.",
            "// After a change to the schema, `RECORD_GOLDEN=1 swift test --filter GeneratedSourceTests`",
            "// writes it again; the test fails while it is out of date.",
            "",
            "/// A set of answers the rules can decide on (see CompleteAnswers.swift): each answer the schema",
            "/// always requires is a plain value, every other choice, number and date is as given, and the",
            "/// answers required only under a condition are gathered again, unwrapped, in a `when…` value",
            "/// that is there exactly when its condition holds. Free text the rules never read is left out.",
            "public struct CompleteAnswers: Sendable, Equatable {",
        ]
        for section in sections {
            if section.isEmpty {
                lines += [
                    "    /// At least one, numbered from 1 in the order given.",
                    "    public let recipients: [Recipient]",
                ]
            } else if let field = topLevel[section] {
                lines.append("    " + field.declaration)
            } else {
                lines.append("    public let \(section): \(typeName(section))")
            }
        }
        for group in answersGroups {
            lines.append("    /// Required when \(group.condition.words); nil otherwise.")
            lines.append("    public let when\(typeName(group.condition.name)): When\(typeName(group.condition.name))?")
        }
        func structure(_ name: String, _ body: [String]) {
            lines +=
                ["", "    public struct \(name): Sendable, Equatable {"] + body.map { "        " + $0 } + ["    }"]
        }
        for section in sections {
            if section.isEmpty {
                var body =
                    ["/// Its place in the list, from 1.", "public let number: Int"] + recipient.map(\.declaration)
                for group in recipientGroups {
                    body.append("/// Required when \(group.condition.words); nil otherwise.")
                    body.append(
                        "public let when\(typeName(group.condition.name)): When\(typeName(group.condition.name))?")
                }
                structure("Recipient", body)
            } else if topLevel[section] == nil {
                structure(typeName(section), members(section).map(\.declaration))
            }
        }
        for group in answersGroups + recipientGroups {
            structure(
                "When\(typeName(group.condition.name))",
                group.fields.map { "public let \($0.access.property): \($0.type)" })
        }

        lines += [
            "", "    /// The answers typed, or nil when one the schema requires is missing.",
            "    init?(reading answers: Answers) {",
        ]
        for field in all where field.always {
            lines.append("        guard let \(field.local) = answers.\(field.access.expression) else { return nil }")
        }
        lines.append("        guard !answers.recipients.isEmpty else { return nil }")
        for group in recipientGroups {
            lines.append("        let \(group.condition.name) = AnswerCondition.\(group.condition.name).holds(answers)")
        }
        lines += [
            "        var recipients: [Recipient] = []",
            "        recipients.reserveCapacity(answers.recipients.count)",
            "        for (offset, given) in answers.recipients.enumerated() {",
        ]
        for field in recipient where field.always {
            lines.append(
                "            guard let \(field.access.property) = given.\(field.access.expression) else { return nil }")
        }
        for group in recipientGroups {
            let name = typeName(group.condition.name)
            lines += ["            var when\(name): When\(name)?", "            if \(group.condition.name) {"]
            for field in group.fields {
                lines.append(
                    "                guard let \(field.access.property) = given.\(field.access.expression) else { return nil }"
                )
            }
            lines.append("                when\(name) = When\(name)(")
            lines += arguments(
                group.fields.map { ($0.access.property, $0.access.property) }, indent: "                    ")
            lines += ["                )", "            }"]
        }
        lines += ["            recipients.append(", "                Recipient("]
        var recipientArguments = [("number", "offset + 1")]
        recipientArguments += recipient.map {
            ($0.access.property, $0.always ? $0.access.property : "given.\($0.access.expression)")
        }
        recipientArguments += recipientGroups.map {
            ("when\(typeName($0.condition.name))", "when\(typeName($0.condition.name))")
        }
        lines += arguments(recipientArguments, indent: "                    ")
        lines += ["                ))", "        }"]
        for group in answersGroups {
            let name = typeName(group.condition.name)
            lines.append("        if AnswerCondition.\(group.condition.name).holds(answers) {")
            for field in group.fields {
                lines.append(
                    "            guard let \(field.access.property) = answers.\(field.access.expression) else { return nil }"
                )
            }
            lines.append("            when\(name) = When\(name)(")
            lines += arguments(
                group.fields.map { ($0.access.property, $0.access.property) }, indent: "                ")
            lines += ["            )", "        } else {", "            when\(name) = nil", "        }"]
        }
        for section in sections {
            if section.isEmpty {
                lines.append("        self.recipients = recipients")
            } else if let field = topLevel[section] {
                lines.append("        self.\(field.access.property) = \(field.local)")
            } else {
                lines.append("        \(section) = \(typeName(section))(")
                lines += arguments(
                    members(section).map {
                        ($0.access.property, $0.always ? $0.local : "answers.\($0.access.expression)")
                    }, indent: "            ")
                lines.append("        )")
            }
        }
        lines += ["    }", "}"]
        return lines.joined(separator: "\n") + "\n"
    }
}
