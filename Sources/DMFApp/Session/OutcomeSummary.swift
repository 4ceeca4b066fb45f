import DMFDocuments
import DMFFlow
import DMFPolicy

/// One line of the outcome in words, by what it is, so each front end shows it its own way
/// (plain mode prints `text`; the full screen styles and indents by the kind of line).
public enum OutcomeLine: Equatable, Sendable {
    /// "Outcome: REFER".
    case verdict(Verdict)
    /// The verdict's headline.
    case headline(String)
    /// Whether a Data Movement Form is required.
    case formNeeded(Bool)
    /// A blank line between parts.
    case gap
    /// "Why", "Checklist", "After the transfer".
    case heading(String)
    /// A reason for the outcome: a finding's kind, rule and words ("Blocker [rule]: …").
    case reason(String)
    /// The answers behind the reason above.
    case because(String)
    /// The guidance the reason above rests on.
    case guidance(String)
    /// Something to do, who does it and the rule that asks for it.
    case checklistItem(String)

    /// The line as plain text, marks included ("- ", "[ ] "), as plain mode prints it.
    public var text: String {
        switch self {
        case .verdict(let verdict): "Outcome: \(verdict.label)"
        case .headline(let headline): headline
        case .formNeeded(let needed):
            needed
                ? "A Data Movement Form is required."
                : "A Data Movement Form is not required (it can be kept for information)."
        case .gap: ""
        case .heading(let heading): heading + ":"
        case .reason(let reason): "- " + reason
        case .because(let because): "  Because: " + because
        case .guidance(let guidance): "  Guidance, " + guidance
        case .checklistItem(let item): "[ ] " + item
        }
    }
}

/// The outcome in words, shared by both front ends: verdict first, then why, then the checklist.
public enum OutcomeSummary {
    public static func lines(_ form: FilledDMF) -> [OutcomeLine] {
        var lines: [OutcomeLine] = [
            .verdict(form.verdict), .headline(form.verdict.headline), .formNeeded(form.decision.dmfRequired), .gap,
            .heading("Why"),
        ]
        // Heaviest first, as the checklist lists them: what must be done before sending ahead of
        // what can only be done after the transfer.
        let weighty = form.decision.findings.enumerated().filter { $0.element.kind <= .action }
            .sorted { ($0.element.group, $0.offset) < ($1.element.group, $1.offset) }.map(\.element)
        for finding in weighty {
            // Why this outcome: the reason, the answers behind it and the guidance it rests on.
            lines.append(.reason("\(finding.group.label) [\(finding.rule.rawValue)]: \(finding.text)"))
            lines.append(.because(finding.becauseLine))
            lines.append(.guidance(finding.guidanceLine))
        }
        if weighty.isEmpty { lines.append(.reason("Only the general principles apply.")) }
        lines.append(.gap)
        lines.append(.heading("Checklist"))
        var afterHeading = false
        for item in form.decision.checklist {
            // Items that can only be done once it is sent come last, under their own heading.
            if item.group == .afterTransfer, !afterHeading {
                lines.append(.heading(ChecklistGroup.afterTransfer.label))
                afterHeading = true
            }
            lines.append(.checklistItem("\(item.text) Who: \(item.who.label). [\(item.rule.rawValue)]"))
        }
        return lines
    }

    /// What a helpdesk agent reads out on the phone: the verdict, each action as one spoken
    /// sentence saying who does it, then the reference and the resume code spelt out in groups
    /// (so the caller can write them down).
    public static func readAloud(_ form: FilledDMF, resumeCode: String) -> [String] {
        var lines = ["The outcome is \(form.verdict.label.lowercased()). \(form.verdict.headline)"]
        let items = form.decision.checklist
        if items.isEmpty { lines.append("There is nothing more to do.") }
        for (index, item) in items.enumerated() {
            let when = item.group == .afterTransfer ? "After the transfer" : "Before sending"
            lines.append("\(index + 1). \(when), for \(spokenActor(item.who)): \(item.text)")
        }
        lines.append("Your reference is \(spelt(form.reference)).")
        lines.append("Your resume code is \(spelt(resumeCode)).")
        return lines
    }

    /// Who does it, as said to the caller: "you", "the line manager", "the Information Asset
    /// Owner" (a name that is capitalised throughout keeps its capitals).
    static func spokenActor(_ actor: Actor) -> String {
        guard actor != .requester else { return "you" }
        let label = actor.label
        let properName = label.dropFirst().contains { $0.isUppercase }
        return "the " + (properName ? label : label.prefix(1).lowercased() + label.dropFirst())
    }

    /// A code read out a character at a time, its groups apart: `DMF-2026` → "D M F, 2 0 2 6".
    static func spelt(_ code: String) -> String {
        code.split(separator: "-").map { $0.map(String.init).joined(separator: " ") }.joined(separator: ", ")
    }

    /// Formats named by the user ("md, html"); empty input means Markdown and HTML.
    public static func formats(from text: String) -> [OutputFormat] {
        let words = text.lowercased().split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !words.isEmpty else { return [.markdown, .html] }
        var formats: [OutputFormat] = []
        for word in words {
            if word == "all" { return OutputFormat.textFormats }
            guard let format = OutputFormat(name: word) else { return [] }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }
}

/// One row of "Check your answers".
public struct CheckRow: Equatable, Sendable {
    /// The section title, on the first row of each section only.
    public var sectionHeading: String?
    public var code: StepCode
    public var label: String
    /// One line each: a single answer, or one line per recipient.
    public var answers: [String]
}

public enum CheckAnswers {
    /// Every applicable question with its answer ("Not provided" when skipped), by section.
    public static func rows(_ wizard: Wizard) -> [CheckRow] {
        var rows: [CheckRow] = []
        var lastSection: FlowSection?
        for question in wizard.flow.applicable(to: wizard.answers) {
            let answers: [String]
            if question.code == .recipients {
                let recipients = wizard.answers.recipients
                answers =
                    recipients.isEmpty
                    ? ["None yet"]
                    : recipients.enumerated().map {
                        """
                        Recipient \($0.offset + 1): \
                        \(RecipientSummary.line($0.element, method: wizard.answers.method))
                        """
                    }
            } else {
                answers = [question.displayAnswer(in: wizard.answers) ?? "Not provided"]
            }
            rows.append(
                CheckRow(
                    sectionHeading: question.section == lastSection ? nil : question.section.title,
                    code: question.code, label: question.prompt, answers: answers))
            lastSection = question.section
        }
        return rows
    }
}

public enum RecipientSummary {
    /// "B. Analyst, Statistician, Department for Education: personal mailbox, authorised yes, BPSS".
    /// The mailbox is left out when the method does not ask about it (a mailbox answer is
    /// ignored then, so showing it would mislead).
    public static func line(_ recipient: Answers.Recipient, method: TransferMethod?) -> String {
        let who = [recipient.name ?? "(no name yet)", recipient.role, recipient.organisation].compactMap { $0 }.joined(
            separator: ", ")
        let facts = [
            method.map(\.asksMailbox) == false ? nil : recipient.mailbox?.label.lowercased(),
            recipient.authorised.map { "authorised: \($0.label.lowercased())" },
            recipient.clearance.map { "clearance: \($0.label)" },
        ].compactMap { $0 }
        return facts.isEmpty ? who : "\(who) (\(facts.joined(separator: ", ")))"
    }
}
