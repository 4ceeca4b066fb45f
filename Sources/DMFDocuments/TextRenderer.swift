import DMFPolicy

/// The form as plain text, wrapped for printing, emailing and screen readers.
public enum TextRenderer {
    static let width = 78

    public static func render(_ dmf: FilledDMF) -> String {
        var out: [String] = [dmf.marking.rawValue, ""]
        if dmf.training { out += ["*** \(FilledDMF.trainingBanner) ***", ""] }
        out += heading("\(FilledDMF.title): \(dmf.reference)", underline: "=")
        out += wrap("VERDICT: \(dmf.verdict.label). \(dmf.verdict.headline)")
        out.append("")
        out += nextSteps(dmf.nextSteps)
        if let onBehalf = dmf.onBehalfOf { out += wrap(onBehalf) + [""] }
        for section in dmf.sectionsBeforeRecipients { out += fields(section) }
        out += heading("Recipients")
        for (index, row) in dmf.recipients.enumerated() {
            out.append("Recipient \(index + 1)")
            for cell in row.cells { out += wrap("\(cell.label): \(cell.value)", indent: "  ") }
        }
        out.append("")
        for section in dmf.sectionsAfterRecipients { out += fields(section) }
        out += heading("Decision")
        out += wrap("Verdict: \(dmf.verdict.label). \(dmf.verdict.headline)")
        out.append("DMF required: \(dmf.decision.dmfRequired ? "Yes" : "No (this copy is for information)")")
        out += ["", "Why this outcome:"]
        for (index, finding) in dmf.decision.findings.enumerated() {
            out += wrap(
                "\(index + 1). \(finding.group.label) [\(finding.rule.rawValue)]: \(finding.text)", indent: "   ",
                first: "")
            out += wrap("Because: \(finding.becauseLine)", indent: "     ", first: "   ")
            out += wrap("Guidance, \(finding.guidanceLine)", indent: "     ", first: "   ")
        }
        out.append("")
        out += heading("Checklist")
        for item in dmf.decision.checklist {
            let who = "Who: \(item.who.label). [\(item.rule.rawValue)]"
            out += wrap(
                "\(item.done ? "[x]" : "[ ]") \(item.group.label): \(item.text) \(who)", indent: "    ", first: "")
        }
        out.append("")
        out += fields(dmf.authorisation)
        out += signOff(dmf)
        out += wrap(dmf.provenanceLine)
        out.append("")
        if dmf.training { out += ["*** \(FilledDMF.trainingBanner) ***", ""] }
        out.append(dmf.marking.rawValue)
        return out.joined(separator: "\n") + "\n"
    }

    private static func heading(_ title: String, underline: Character = "-") -> [String] {
        [title, String(repeating: underline, count: min(title.count, width)), ""]
    }

    private static func fields(_ section: DMFSection) -> [String] {
        var out = heading(section.title)
        for field in section.fields { out += wrap("\(field.label): \(field.value)", indent: "  ") }
        return out + [""]
    }

    /// Each action with who does it, under its checklist heading, then where the IAO signs.
    private static func nextSteps(_ next: DMFNextSteps) -> [String] {
        var out = heading(DMFNextSteps.title)
        if next.actions.isEmpty { out += [DMFNextSteps.nothingToDo, ""] }
        for (group, items) in next.groups {
            out.append("\(group.label):")
            for item in items { out += action(item) }
            out.append("")
        }
        return out + wrap("\(DMFNextSteps.signingLabel): \(next.signing)", indent: "", first: "") + [""]
    }

    private static func action(_ item: ChecklistItem) -> [String] {
        wrap("- \(item.who.label): \(item.text)", indent: "    ", first: "  ")
    }

    /// Each block with its statement, what is already known, boxes to tick and lines to write
    /// on; the signature page's blocks after the reference, verdict and conditions again.
    private static func signOff(_ dmf: FilledDMF) -> [String] {
        let signOff = dmf.signOff
        var out = heading(DMFSignOff.title)
        if signOff.signaturePageStart == 0 { out += recap(dmf) }
        out += wrap(signOff.notice, indent: "", first: "") + [""]
        if !signOff.mustChange.isEmpty {
            out.append("What has to change:")
            for item in signOff.mustChange { out += wrap("- \(item)", indent: "    ", first: "  ") }
            out.append("")
        }
        let labelWidth = signOff.blocks.flatMap { $0.blanks + $0.fields.map(\.label) }.map(\.count).max() ?? 0
        for (index, block) in signOff.blocks.enumerated() {
            if index > 0, index == signOff.signaturePageStart { out += recap(dmf) }
            out += [block.title] + wrap(block.statement, indent: "  ", first: "  ")
            for field in block.fields { out += wrap("\(field.label): \(field.value)", indent: "    ", first: "  ") }
            if !block.choices.isEmpty { out.append("  " + block.choices.map { "[ ] \($0)" }.joined(separator: "   ")) }
            for blank in block.blanks {
                let label = "  \(blank):".padding(toLength: labelWidth + 4, withPad: " ", startingAt: 0)
                out += ["", label + String(repeating: "_", count: max(20, width - label.count))]
            }
            out.append("")
        }
        return out
    }

    /// What the signature page repeats so that it stands on its own.
    private static func recap(_ dmf: FilledDMF) -> [String] {
        var out = [dmf.signOff.signaturePageTitle, "  Reference: \(dmf.reference)"]
        out += wrap("Verdict: \(dmf.verdict.label). \(dmf.verdict.headline)", indent: "    ", first: "  ")
        switch dmf.signOff.conditions {
        case nil: break
        case let conditions? where conditions.isEmpty: out.append("  Conditions: none.")
        case let conditions?:
            out.append("  Conditions:")
            for item in conditions { out += wrap("- \(item.who.label): \(item.text)", indent: "      ", first: "    ") }
        }
        return out + [""]
    }

    /// Word-wraps one paragraph to `width` columns; each line of a multi-line value is wrapped
    /// on its own, and a word too long for a line (a path, a long address) is split across lines.
    static func wrap(_ text: String, indent: String = "  ", first: String = "") -> [String] {
        var lines: [String] = []
        for (paragraphIndex, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = paragraphIndex == 0 ? first : indent
            var lineHasWord = false
            for word in paragraph.split(separator: " ") {
                if lineHasWord, line.count + 1 + word.count > width {
                    lines.append(line)
                    line = indent
                    lineHasWord = false
                }
                var rest = Substring(word)
                if lineHasWord { line += " " }
                while line.count + rest.count > width, width - line.count > 0 {
                    let room = width - line.count
                    lines.append(line + rest.prefix(room))
                    rest = rest.dropFirst(room)
                    line = indent
                }
                line += rest
                lineHasWord = true
            }
            lines.append(line)
        }
        return lines
    }
}
