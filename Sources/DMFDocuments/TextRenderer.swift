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
            out += wrap("\(index + 1). \(finding.group.label) [\(finding.rule.rawValue)]: \(finding.text)", indent: "   ", first: "")
            out += wrap("Because: \(finding.becauseLine)", indent: "     ", first: "   ")
            out += wrap("Guidance, \(finding.guidanceLine)", indent: "     ", first: "   ")
        }
        out.append("")
        out += heading("Checklist")
        for item in dmf.decision.checklist {
            out += wrap("[\(item.done ? "x" : " ")] \(item.group.label): \(item.text) Who: \(item.who.label). [\(item.rule.rawValue)]",
                        indent: "    ", first: "")
        }
        out.append("")
        out += fields(dmf.authorisation)
        out += ["Signature: ______________________________", "", "Date:      ______________________________", ""]
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

    /// Word-wraps one paragraph; each line of a multi-line value is wrapped on its own.
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
                line += (lineHasWord ? " " : "") + word
                lineHasWord = true
            }
            lines.append(line)
        }
        return lines
    }
}
