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
        out += nextSteps(dmf.nextSteps)
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
        out += signOff(dmf)
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

    /// Each action with who does it, under its checklist heading, then where the IAO signs.
    private static func nextSteps(_ next: DMFNextSteps) -> [String] {
        var out = ["## \(DMFNextSteps.title)", ""]
        if next.actions.isEmpty { out += [DMFNextSteps.nothingToDo, ""] }
        for (group, items) in next.groups {
            out += ["**\(group.label):**", ""] + items.map(action) + [""]
        }
        return out + ["**\(DMFNextSteps.signingLabel):** \(inline(next.signing))", ""]
    }

    private static func action(_ item: ChecklistItem) -> String {
        "- **\(item.who.label):** \(inline(item.text))"
    }

    /// Each block as a small table whose blank cells are left empty to write in; the signature
    /// page's blocks after the reference, verdict and conditions again.
    private static func signOff(_ dmf: FilledDMF) -> [String] {
        let signOff = dmf.signOff
        var out = ["## \(DMFSignOff.title)", ""]
        if signOff.signaturePageStart == 0 { out += recap(dmf) }
        out += ["**\(inline(signOff.notice))**", ""]
        if !signOff.mustChange.isEmpty {
            out += ["What has to change:", ""] + signOff.mustChange.map { "- \(inline($0))" } + [""]
        }
        for (index, block) in signOff.blocks.enumerated() {
            if index > 0, index == signOff.signaturePageStart { out += recap(dmf) }
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

    /// What the signature page repeats so that it stands on its own.
    private static func recap(_ dmf: FilledDMF) -> [String] {
        var out = [
            "### \(dmf.signOff.signaturePageTitle)", "", "**Reference:** \(dmf.reference)", "",
            "**Verdict:** \(dmf.verdict.label). \(dmf.verdict.headline)", "",
        ]
        switch dmf.signOff.conditions {
        case nil: break
        case let conditions? where conditions.isEmpty: out += ["**Conditions:** none.", ""]
        case let conditions?: out += ["**Conditions:**", ""] + conditions.map(action) + [""]
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
