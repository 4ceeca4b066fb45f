import DMFDocuments
import DMFFlow
import DMFPolicy

/// The outcome in words, shared by both front ends: verdict first, then why, then the checklist.
public enum OutcomeSummary {
    public static func lines(_ form: FilledDMF) -> [String] {
        var lines = ["Outcome: \(form.verdict.label)", form.verdict.headline]
        lines.append(form.decision.dmfRequired ? "A Data Movement Form is required." : "A Data Movement Form is not required (it can be kept for information).")
        lines.append("")
        lines.append("Why:")
        let weighty = form.decision.findings.filter { $0.kind <= .action }.sorted { $0.kind < $1.kind }
        for finding in weighty {
            // Why this outcome: the reason, the answers behind it and the guidance it rests on.
            lines.append("- \(finding.kind.label) [\(finding.rule.rawValue)]: \(finding.text)")
            lines.append("  Because: \(finding.becauseLine)")
            lines.append("  Guidance, \(finding.guidanceLine)")
        }
        if weighty.isEmpty { lines.append("- Only the general principles apply.") }
        lines.append("")
        lines.append("Checklist:")
        for item in form.decision.checklist {
            lines.append("[ ] \(item.text) Who: \(item.who.label). [\(item.rule.rawValue)]")
        }
        return lines
    }

    /// Formats named by the user ("md, html"); empty input means Markdown and HTML.
    public static func formats(from text: String) -> [OutputFormat] {
        let words = text.lowercased().split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !words.isEmpty else { return [.markdown, .html] }
        var formats: [OutputFormat] = []
        for word in words {
            let format: OutputFormat? =
                switch word {
                case "md", "markdown": .markdown
                case "txt", "text": .text
                case "html", "htm": .html
                case "json": .json
                case "all": nil
                default: nil
                }
            if word == "all" { return OutputFormat.allCases }
            guard let format else { return [] }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }
}

/// One row of "Check your answers".
public struct CheckRow: Equatable, Sendable {
    /// The section title, on the first row of each section only.
    public var sectionHeading: String?
    public var code: String
    public var label: String
    public var answer: String
}

public enum CheckAnswers {
    /// Every applicable question with its answer ("Not provided" when skipped), by section.
    public static func rows(_ wizard: Wizard) -> [CheckRow] {
        var rows: [CheckRow] = []
        var lastSection: FlowSection?
        for question in wizard.flow.applicable(to: wizard.answers) {
            let answer: String
            if question.code == "P1" {
                let recipients = wizard.answers.recipients
                answer = recipients.isEmpty ? "None yet" : recipients.map(RecipientSummary.line).joined(separator: "; ")
            } else {
                answer = question.displayAnswer(in: wizard.answers) ?? "Not provided"
            }
            rows.append(CheckRow(
                sectionHeading: question.section == lastSection ? nil : question.section.title,
                code: question.code, label: question.prompt, answer: answer))
            lastSection = question.section
        }
        return rows
    }
}

public enum RecipientSummary {
    /// "B. Analyst, Statistician, Department for Education: personal mailbox, authorised yes, BPSS".
    public static func line(_ recipient: Answers.Recipient) -> String {
        let who = [recipient.name ?? "(no name yet)", recipient.role, recipient.organisation].compactMap { $0 }.joined(separator: ", ")
        let facts = [
            recipient.mailbox?.label.lowercased(),
            recipient.authorised.map { "authorised: \($0.label.lowercased())" },
            recipient.clearance.map { "clearance: \($0.label)" },
        ].compactMap { $0 }
        return facts.isEmpty ? who : "\(who) (\(facts.joined(separator: ", ")))"
    }
}
