import DMFPolicy

/// The form as a standalone HTML page that prints well on A4. Every user string is escaped.
public enum HTMLRenderer {
    public static func render(_ dmf: FilledDMF) -> String {
        var body: [String] = []
        body.append("<p class=\"marking\">\(dmf.marking.rawValue)</p>")
        if dmf.training { body.append("<p class=\"training\">\(FilledDMF.trainingBanner)</p>") }
        body.append("<h1>\(FilledDMF.title): \(escape(dmf.reference))</h1>")
        body.append(
            """
            <p class=\"verdict verdict-\(dmf.verdict.rawValue)\"><strong>Verdict: \(dmf.verdict.label).</strong> \
            \(escape(dmf.verdict.headline))</p>
            """
        )
        body.append(nextSteps(dmf.nextSteps))
        if let onBehalf = dmf.onBehalfOf { body.append("<p class=\"behalf\">\(escape(onBehalf))</p>") }
        for section in dmf.sectionsBeforeRecipients { body.append(table(section)) }
        body.append(recipients(dmf))
        for section in dmf.sectionsAfterRecipients { body.append(table(section)) }
        body.append(decision(dmf))
        body.append(checklist(dmf))
        body.append(table(dmf.authorisation))
        body.append(signOff(dmf))
        body.append("<p class=\"provenance\">\(escape(dmf.provenanceLine))</p>")
        if dmf.training { body.append("<p class=\"training\">\(FilledDMF.trainingBanner)</p>") }
        body.append("<p class=\"marking\">\(dmf.marking.rawValue)</p>")
        return page(
            title: "\(dmf.marking.rawValue): \(FilledDMF.title) \(escape(dmf.reference))",
            style: "\(stylesheet)\n\(pageRules(dmf))", body: body)
    }

    /// A standalone page: `title` already escaped, `style` the stylesheet, `body` its lines.
    static func page(title: String, style: String, body: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    static let stylesheet = """
        body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #0b0c0c;
          max-width: 48em; margin: 1.5em auto; padding: 0 1em; }
        .marking { text-align: center; font-weight: bold; letter-spacing: 0.05em; margin: 0.5em 0; }
        .training { text-align: center; font-weight: bold; border: 3px solid #0b0c0c; padding: 0.3em; }
        h1 { font-size: 18pt; margin: 0.6em 0; }
        h2 { font-size: 13pt; margin: 1.2em 0 0.4em; border-bottom: 2px solid #0b0c0c; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 0.6em; }
        th, td { border: 1px solid #505a5f; padding: 0.25em 0.4em; text-align: left; vertical-align: top;
          overflow-wrap: anywhere; }
        th { background: #f3f2f1; }
        th[scope="row"] { width: 34%; }
        table.recipients { table-layout: fixed; }
        table.recipients th, table.recipients td { overflow-wrap: break-word; }
        td.value { white-space: pre-wrap; }
        .verdict { border-left: 6px solid #0b0c0c; padding: 0.4em 0.6em; background: #f3f2f1; }
        .rule { font-family: monospace; }
        ul.checklist { list-style: none; padding-left: 0; }
        ul.checklist li { margin: 0.3em 0; }
        .box { display: inline-block; width: 0.9em; height: 0.9em; border: 1.5px solid #0b0c0c; margin-right: 0.4em;
          vertical-align: -0.1em; }
        .sign { height: 2.2em; }
        .choices .box { margin-left: 0.8em; }
        .choices .box:first-child { margin-left: 0; }
        .signoff .notice { border: 2px solid #0b0c0c; padding: 0.4em 0.6em; }
        .block { border: 1px solid #505a5f; padding: 0 0.6em 0.4em; margin: 0.8em 0; }
        .block h3 { margin: 0.5em 0 0.2em; font-size: 11pt; }
        .provenance { font-size: 9pt; color: #505a5f; }
        ul.actions { margin: 0.2em 0 0.6em; padding-left: 1.4em; }
        ul.actions li { margin: 0.15em 0; }
        table.recap ul.actions { margin: 0; }
        .signing { border: 2px solid #0b0c0c; padding: 0.4em 0.6em; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          h2, h3 { break-after: avoid; }
          tr, li, .block, .verdict, .notice, .signing { break-inside: avoid; }
          .signature-page { break-before: page; }
          .with-recap { break-inside: avoid; }
          thead { display: table-header-group; }
          .verdict, th { background: none; }
          .provenance { color: #0b0c0c; }
        }
        """

    /// The printed page: A4 portrait, with the protective marking and the reference at the top
    /// and bottom of every page and "page N of M", so any single sheet says what it belongs to.
    static func pageRules(_ dmf: FilledDMF) -> String {
        let marking = cssString(
            dmf.training ? "\(dmf.marking.rawValue) \(FilledDMF.trainingBanner)" : dmf.marking.rawValue)
        let reference = cssString(dmf.reference)
        let pageNumber = "\"page \" counter(page) \" of \" counter(pages)"
        return """
            @page {
              size: A4 portrait; margin: 20mm 16mm;
              @top-left { content: \(reference); font: 9pt Arial, Helvetica, sans-serif; }
              @top-center { content: \(marking); font: bold 10pt Arial, Helvetica, sans-serif; }
              @top-right { content: \(pageNumber); font: 9pt Arial, Helvetica, sans-serif; }
              @bottom-left { content: \(reference); font: 9pt Arial, Helvetica, sans-serif; }
              @bottom-center { content: \(marking); font: bold 10pt Arial, Helvetica, sans-serif; }
              @bottom-right { content: \(pageNumber); font: 9pt Arial, Helvetica, sans-serif; }
            }
            """
    }

    /// A CSS string literal. The reference and marking are the tool's own words, but escaping
    /// keeps that true by construction; `<` is escaped so nothing can close the style element.
    static func cssString(_ text: String) -> String {
        let escaped = ScalarEscaping.replacing(text) { scalar in
            switch scalar {
            case "\\", "\"", "<", ">", "&": "\\" + String(scalar.value, radix: 16) + " "
            default: scalar.value < 0x20 || scalar.value == 0x7F ? " " : nil
            }
        }
        return "\"\(escaped)\""
    }

    private static func table(_ section: DMFSection) -> String {
        "<h2>\(escape(section.title))</h2>\n<table>\n\(section.fields.map(row).joined(separator: "\n"))\n</table>"
    }

    private static func row(_ field: DMFField) -> String {
        "<tr><th scope=\"row\">\(escape(field.label))</th><td class=\"value\">\(escape(field.value))</td></tr>"
    }

    /// Each action with who does it, under its checklist heading, then where the IAO signs.
    private static func nextSteps(_ next: DMFNextSteps) -> String {
        var out = ["<section class=\"next\">", "<h2>\(DMFNextSteps.title)</h2>"]
        if next.actions.isEmpty { out.append("<p>\(DMFNextSteps.nothingToDo)</p>") }
        for (group, items) in next.groups {
            out.append("<h3>\(group.label)</h3>")
            out.append(actions(items))
        }
        out.append("<p class=\"signing\"><strong>\(DMFNextSteps.signingLabel):</strong> \(escape(next.signing))</p>")
        out.append("</section>")
        return out.joined(separator: "\n")
    }

    private static func actions(_ items: [ChecklistItem]) -> String {
        let lines = items.map { "<li><strong>\(escape($0.who.label)):</strong> \(escape($0.text))</li>" }
        return "<ul class=\"actions\">\n\(lines.joined(separator: "\n"))\n</ul>"
    }

    /// The sign-off: a notice, then one bordered block per person, each kept whole on a page.
    /// Printed, a sign-off with anyone to sign starts a page, and the reference, the verdict and
    /// the conditions are repeated on it: at its top, or right above the IAO's decision and kept
    /// on the same page, so the sheet the IAO signs stands on its own.
    private static func signOff(_ dmf: FilledDMF) -> String {
        let signOff = dmf.signOff
        let page = signOff.signaturePageStart == nil ? "" : " signature-page"
        var out = [
            "<section class=\"signoff signoff-\(signOff.state.rawValue)\(page)\">", "<h2>\(DMFSignOff.title)</h2>",
        ]
        if signOff.signaturePageStart == 0 { out.append(recap(dmf)) }
        out.append("<p class=\"notice\"><strong>\(escape(signOff.notice))</strong></p>")
        if !signOff.mustChange.isEmpty {
            out.append("<p>What has to change:</p>\n<ul>")
            out += signOff.mustChange.map { "<li>\(escape($0))</li>" }
            out.append("</ul>")
        }
        for (index, block) in signOff.blocks.enumerated() {
            if index > 0, index == signOff.signaturePageStart {
                out.append("<div class=\"with-recap\">\n\(recap(dmf))")
            }
            var rows = block.fields.map(row)
            if !block.choices.isEmpty {
                let boxes = block.choices.map { "<span class=\"box\" aria-hidden=\"true\"></span>\(escape($0))" }
                rows.append(
                    "<tr><th scope=\"row\">Tick one</th><td class=\"choices\">\(boxes.joined(separator: " "))</td></tr>"
                )
            }
            rows += block.blanks.map { "<tr><th scope=\"row\">\(escape($0))</th><td class=\"sign\"></td></tr>" }
            out.append(
                """
                <div class="block" id="\(block.key)">
                <h3>\(escape(block.title))</h3>
                <p>\(escape(block.statement))</p>
                <table>
                \(rows.joined(separator: "\n"))
                </table>
                </div>
                """)
        }
        if let start = signOff.signaturePageStart, start > 0 { out.append("</div>") }
        out.append("</section>")
        return out.joined(separator: "\n")
    }

    /// What the signature page repeats so that it stands on its own.
    private static func recap(_ dmf: FilledDMF) -> String {
        var rows = [
            "<tr><th scope=\"row\">Reference</th><td>\(escape(dmf.reference))</td></tr>",
            "<tr><th scope=\"row\">Verdict</th><td>\(dmf.verdict.label). \(escape(dmf.verdict.headline))</td></tr>",
        ]
        switch dmf.signOff.conditions {
        case nil: break
        case let conditions? where conditions.isEmpty:
            rows.append("<tr><th scope=\"row\">Conditions</th><td>None</td></tr>")
        case let conditions?: rows.append("<tr><th scope=\"row\">Conditions</th><td>\(actions(conditions))</td></tr>")
        }
        return """
            <h3>\(dmf.signOff.signaturePageTitle)</h3>
            <table class="recap">
            \(rows.joined(separator: "\n"))
            </table>
            """
    }

    private static func recipients(_ dmf: FilledDMF) -> String {
        let head = DMFRecipientRow.columns.map { "<th scope=\"col\">\($0)</th>" }.joined()
        let rows = dmf.recipients.map { row in
            "<tr>" + row.cells.map { "<td class=\"value\">\(escape($0.value))</td>" }.joined() + "</tr>"
        }
        let widths = [20, 20, 16, 16, 13, 15].map { "<col style=\"width: \($0)%\">" }.joined()
        let table = [
            "<table class=\"recipients\">", "<colgroup>\(widths)</colgroup>", "<thead><tr>\(head)</tr></thead>",
        ]
        return (["<h2>Recipients</h2>"] + table + rows + ["</table>"]).joined(separator: "\n")
    }

    private static func decision(_ dmf: FilledDMF) -> String {
        var out = ["<h2>Decision</h2>"]
        out.append("<p><strong>Verdict:</strong> \(dmf.verdict.label). \(escape(dmf.verdict.headline))</p>")
        let required = dmf.decision.dmfRequired ? "Yes" : "No (this copy is for information)"
        out.append("<p><strong>DMF required:</strong> \(required)</p>")
        out.append("<h3>Why this outcome</h3>\n<ol>")
        for finding in dmf.decision.findings {
            let because = escape(finding.becauseLine)
            let guidance = escape(finding.guidanceLine)
            out.append(
                """
                <li><strong>\(finding.group.label)</strong> (<span \
                class=\"rule\">\(finding.rule.rawValue)</span>): \(escape(finding.text))<br>Because: \
                \(because)<br>Guidance, \(guidance)</li>
                """
            )
        }
        out.append("</ol>")
        return out.joined(separator: "\n")
    }

    private static func checklist(_ dmf: FilledDMF) -> String {
        let items = dmf.decision.checklist.map { item in
            let box = "<span class=\"box\" role=\"img\" aria-label=\"\(item.done ? "done" : "not done")\"></span>"
            return
                "<li>\(box)<strong>\(item.group.label):</strong> \(escape(item.text)) Who: \(escape(item.who.label)). "
                + "<span class=\"rule\">(\(item.rule.rawValue))</span></li>"
        }
        return "<h2>Checklist</h2>\n<ul class=\"checklist\">\n\(items.joined(separator: "\n"))\n</ul>"
    }

    /// Escapes the five HTML-significant characters, scalar by scalar: a `<` followed by a
    /// combining mark is one Swift character but still opens a tag for an HTML parser.
    static func escape(_ text: String) -> String {
        ScalarEscaping.replacing(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: nil
            }
        }
    }
}

/// Escaping works on Unicode scalars, as Markdown and HTML parsers read text: per Swift
/// Character, a `|` or `<` followed by a combining mark would slip through unescaped.
enum ScalarEscaping {
    /// `text` with each scalar for which `replacement` gives text replaced by it.
    static func replacing(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) {
                out.append(contentsOf: replaced.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
