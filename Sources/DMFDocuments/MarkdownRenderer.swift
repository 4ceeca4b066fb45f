import DMFPolicy

/// The form as Markdown: tables stay intact whatever a field holds.
public enum MarkdownRenderer {
    public static func render(_ dmf: FilledDMF) -> String {
        var out: [String] = []
        out.append("**\(dmf.marking.rawValue)**")
        out.append("")
        if dmf.training { out += ["> **\(FilledDMF.trainingBanner)**", ""] }
        out.append("# \(FilledDMF.title): \(dmf.reference)")
        out.append("")
        out.append("**Verdict: \(dmf.verdict.label).** \(dmf.verdict.headline)")
        out.append("")
        if let onBehalf = dmf.onBehalfOf { out += ["_\(inline(onBehalf))_", ""] }
        for section in dmf.sectionsBeforeRecipients { out += table(section) }
        out += ["## Recipients", ""]
        out.append("| " + DMFRecipientRow.columns.joined(separator: " | ") + " |")
        out.append("|" + String(repeating: "---|", count: DMFRecipientRow.columns.count))
        for row in dmf.recipients {
            out.append("| " + row.cells.map { cell($0.value) }.joined(separator: " | ") + " |")
        }
        out.append("")
        for section in dmf.sectionsAfterRecipients { out += table(section) }
        out += decision(dmf)
        out += checklist(dmf)
        out += table(dmf.authorisation)
        out += signOff(dmf.signOff)
        out += ["---", "", "_\(inline(dmf.provenanceLine))_", ""]
        if dmf.training { out += ["> **\(FilledDMF.trainingBanner)**", ""] }
        out.append("**\(dmf.marking.rawValue)**")
        return out.joined(separator: "\n") + "\n"
    }

    private static func table(_ section: DMFSection) -> [String] {
        var out = ["## \(section.title)", "", "| Field | Answer |", "|---|---|"]
        for field in section.fields { out.append("| \(cell(field.label)) | \(cell(field.value)) |") }
        return out + [""]
    }

    /// Each block as a small table whose blank cells are left empty to write in on paper.
    private static func signOff(_ signOff: DMFSignOff) -> [String] {
        var out = ["## \(DMFSignOff.title)", "", "**\(inline(signOff.notice))**", ""]
        if !signOff.mustChange.isEmpty {
            out += ["What has to change:", ""] + signOff.mustChange.map { "- \(inline($0))" } + [""]
        }
        for block in signOff.blocks {
            out += ["### \(inline(block.title))", "", inline(block.statement), "", "| | |", "|---|---|"]
            for field in block.fields { out.append("| \(cell(field.label)) | \(cell(field.value)) |") }
            if !block.choices.isEmpty {
                out.append("| Tick one | " + block.choices.map { "☐ \(inline($0))" }.joined(separator: "   ") + " |")
            }
            for blank in block.blanks { out.append("| \(inline(blank)) | |") }
            out.append("")
        }
        return out
    }

    private static func decision(_ dmf: FilledDMF) -> [String] {
        var out = ["## Decision", "", "**Verdict:** \(dmf.verdict.label). \(dmf.verdict.headline)", ""]
        out.append("**DMF required:** \(dmf.decision.dmfRequired ? "Yes" : "No (this copy is for information)")")
        out += ["", "### Why this outcome", ""]
        for (index, finding) in dmf.decision.findings.enumerated() {
            out.append("\(index + 1). **\(finding.group.label)** (`\(finding.rule.rawValue)`): \(inline(finding.text))")
            out.append("   - Because: \(inline(finding.becauseLine))")
            out.append("   - Guidance, \(inline(finding.guidanceLine))")
        }
        return out + [""]
    }

    private static func checklist(_ dmf: FilledDMF) -> [String] {
        var out = ["## Checklist", ""]
        for item in dmf.decision.checklist {
            let box = item.done ? "[x]" : "[ ]"
            let who = "Who: \(item.who.label). (`\(item.rule.rawValue)`)"
            out.append("- \(box) **\(item.group.label):** \(inline(item.text)) \(who)")
        }
        return out + [""]
    }

    /// Escapes text for running Markdown: HTML-significant characters become entities and
    /// Markdown punctuation is backslash-escaped, so user text can never become markup. It works
    /// on Unicode scalars, as Markdown parsers do: a `|` followed by a combining mark is one
    /// character to Swift but still splits a table cell in a renderer.
    public static func inline(_ text: String) -> String {
        ScalarEscaping.replacing(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "!", "~", "{", "}": "\\" + String(scalar)
            case "\n", "\r": " "
            default: nil
            }
        }
    }

    /// A table cell: inline escaping, and line breaks as `<br>` so the row stays one line.
    static func cell(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { inline(String($0)) }.joined(
            separator: "<br>")
    }
}
