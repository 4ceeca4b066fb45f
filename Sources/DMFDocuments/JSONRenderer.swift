import DMFPolicy
import Foundation

/// The result as JSON, exactly as `answers-format.md` fixes it; keys sorted so output is stable.
public enum JSONRenderer {
    public static func render(_ dmf: FilledDMF) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and booleans cannot fail.
        let data = (try? encoder.encode(Result(dmf))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    struct Result: Encodable {
        var format = 1
        var verdict: String
        var dmf_required: Bool
        var route: String
        var findings: [FindingJSON]
        var checklist: [ChecklistJSON]
        var dmf: [String: JSONValue]
        var policy: [String: String]
        var reference: String
        var marking: String
        var produced_at: String
        var training: Bool
        /// The training banner, only in training mode: JSON has no top and bottom, so the words
        /// people see on every other format travel as a field (left out of real results).
        var notice: String?
        /// Where the register stood, for a form saved with one (left out otherwise).
        var register_position: PositionJSON?

        init(_ dmf: FilledDMF) {
            verdict = dmf.verdict.rawValue
            dmf_required = dmf.decision.dmfRequired
            route = dmf.route.rawValue
            findings = dmf.decision.findings.map(FindingJSON.init)
            checklist = dmf.decision.checklist.map {
                ChecklistJSON(
                    rule: $0.rule.rawValue, kind: $0.kind.rawValue, group: $0.group.rawValue, done: $0.done,
                    text: $0.text,
                    who: $0.who.label)
            }
            var form: [String: JSONValue] = [:]
            for section in dmf.allSections + [dmf.authorisation] {
                form[section.key] = .object(Self.fields(section.fields))
            }
            form["recipients"] = .array(dmf.recipients.map { .object(Self.fields($0.cells)) })
            form["decision"] = .object([
                "verdict": .string(dmf.verdict.rawValue), "headline": .string(dmf.verdict.headline),
            ])
            if let onBehalf = dmf.onBehalfOf { form["completed_on_behalf"] = .string(onBehalf) }
            form["sign_off"] = Self.signOff(dmf.signOff)
            self.dmf = form
            policy = ["source": PolicyInfo.source, "dated": PolicyInfo.dated, "rules_version": PolicyInfo.rulesVersion]
            reference = dmf.reference
            marking = dmf.marking.rawValue
            produced_at = dmf.producedAt
            training = dmf.training
            notice = dmf.training ? FilledDMF.trainingBanner : nil
            register_position = dmf.registerPosition.map {
                PositionJSON(register: $0.register, events: $0.events, root_hash: $0.root)
            }
        }

        /// Added to the contract: who signs, approves or answers on the printed form.
        private static func signOff(_ signOff: DMFSignOff) -> JSONValue {
            .object([
                "state": .string(signOff.state.rawValue),
                "notice": .string(signOff.notice),
                "must_change": .array(signOff.mustChange.map(JSONValue.string)),
                "blocks": .array(
                    signOff.blocks.map { block in
                        .object([
                            "key": .string(block.key), "title": .string(block.title),
                            "statement": .string(block.statement), "fields": .object(Self.fields(block.fields)),
                            "choices": .array(block.choices.map(JSONValue.string)),
                            "blanks": .array(block.blanks.map(JSONValue.string)),
                        ])
                    }),
            ])
        }

        private static func fields(_ fields: [DMFField]) -> [String: JSONValue] {
            Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.raw.map(JSONValue.string) ?? .null) })
        }
    }

    struct FindingJSON: Encodable {
        var rule: String
        var kind: String
        /// Added to the contract: where it is listed ("before-sending", "after-transfer", …).
        var group: String
        var text: String
        var who: String
        var because: [String]
        var guidance: [String: String]

        init(_ finding: Finding) {
            rule = finding.rule.rawValue
            kind = finding.kind.rawValue
            group = finding.group.rawValue
            text = finding.text
            who = finding.who.label
            because = finding.because
            let source = finding.rule.source
            guidance = [
                "section": source.section, "text": source.text,
                "source": source.isLaterGuidance ? "later MOJ guidance" : "\(PolicyInfo.source) (\(PolicyInfo.dated))",
            ]
            // Added to the contract: our note on the quotation, kept apart so `text` stays exact.
            if let note = source.note { guidance["note"] = note }
        }
    }

    struct ChecklistJSON: Encodable {
        var rule: String
        var kind: String
        /// Added to the contract: the heading it is listed under, `ChecklistGroup`'s raw value
        /// (must-change, ask-first, before-sending, consider, good-to-know, after-transfer).
        var group: String
        var done: Bool
        var text: String
        var who: String
    }

    struct PositionJSON: Encodable {
        var register: String
        var events: Int
        var root_hash: String
    }

    enum JSONValue: Encodable {
        case string(String)
        case null
        case object([String: JSONValue])
        case array([JSONValue])

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .null: try container.encodeNil()
            case .object(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            }
        }
    }
}
