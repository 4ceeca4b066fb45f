import DMFPolicy

/// The form as a standalone HTML page that prints well on A4. Every user string is escaped.
public enum HTMLRenderer {
    public static func render(_ dmf: FilledDMF) -> String {
        var body: [String] = []
        body.append("<p class=\"marking\">\(dmf.marking.rawValue)</p>")
        if dmf.training { body.append("<p class=\"training\">\(FilledDMF.trainingBanner)</p>") }
        body.append("<h1>\(FilledDMF.title): \(escape(dmf.reference))</h1>")
        body.append("<p class=\"verdict verdict-\(dmf.verdict.rawValue)\"><strong>Verdict: \(dmf.verdict.label).</strong> \(escape(dmf.verdict.headline))</p>")
        if let onBehalf = dmf.onBehalfOf { body.append("<p class=\"behalf\">\(escape(onBehalf))</p>") }
        for section in dmf.sectionsBeforeRecipients { body.append(table(section)) }
        body.append(recipients(dmf))
        for section in dmf.sectionsAfterRecipients { body.append(table(section)) }
        body.append(decision(dmf))
        body.append(checklist(dmf))
        body.append(table(dmf.authorisation, extraRows: ["Signature", "Date"]))
        body.append("<p class=\"provenance\">\(escape(dmf.provenanceLine))</p>")
        if dmf.training { body.append("<p class=\"training\">\(FilledDMF.trainingBanner)</p>") }
        body.append("<p class=\"marking\">\(dmf.marking.rawValue)</p>")
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(dmf.marking.rawValue): \(FilledDMF.title) \(escape(dmf.reference))</title>
            <style>
            \(stylesheet)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    static let stylesheet = """
        body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #0b0c0c; max-width: 48em; margin: 1.5em auto; padding: 0 1em; }
        .marking { text-align: center; font-weight: bold; letter-spacing: 0.05em; margin: 0.5em 0; }
        .training { text-align: center; font-weight: bold; border: 3px solid #0b0c0c; padding: 0.3em; }
        h1 { font-size: 18pt; margin: 0.6em 0; }
        h2 { font-size: 13pt; margin: 1.2em 0 0.4em; border-bottom: 2px solid #0b0c0c; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 0.6em; }
        th, td { border: 1px solid #505a5f; padding: 0.25em 0.4em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #f3f2f1; }
        td.value { white-space: pre-wrap; }
        .verdict { border-left: 6px solid #0b0c0c; padding: 0.4em 0.6em; background: #f3f2f1; }
        .rule { font-family: monospace; }
        ul.checklist { list-style: none; padding-left: 0; }
        ul.checklist li { margin: 0.3em 0; }
        .box { display: inline-block; width: 0.9em; height: 0.9em; border: 1.5px solid #0b0c0c; margin-right: 0.4em; vertical-align: -0.1em; }
        .sign { height: 2.2em; }
        .provenance { font-size: 9pt; color: #505a5f; }
        @page { size: A4; margin: 18mm 16mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          h2 { break-after: avoid; }
          tr, li { break-inside: avoid; }
          .verdict { background: none; }
          th { background: none; }
        }
        """

    private static func table(_ section: DMFSection, extraRows: [String] = []) -> String {
        var rows = section.fields.map {
            "<tr><th scope=\"row\">\(escape($0.label))</th><td class=\"value\">\(escape($0.value))</td></tr>"
        }
        rows += extraRows.map { "<tr><th scope=\"row\">\($0)</th><td class=\"sign\"></td></tr>" }
        return "<h2>\(escape(section.title))</h2>\n<table>\n\(rows.joined(separator: "\n"))\n</table>"
    }

    private static func recipients(_ dmf: FilledDMF) -> String {
        let head = DMFRecipientRow.columns.map { "<th scope=\"col\">\($0)</th>" }.joined()
        let rows = dmf.recipients.map { row in
            "<tr>" + row.cells.map { "<td class=\"value\">\(escape($0.value))</td>" }.joined() + "</tr>"
        }
        return "<h2>Recipients</h2>\n<table>\n<tr>\(head)</tr>\n\(rows.joined(separator: "\n"))\n</table>"
    }

    private static func decision(_ dmf: FilledDMF) -> String {
        var out = ["<h2>Decision</h2>"]
        out.append("<p><strong>Verdict:</strong> \(dmf.verdict.label). \(escape(dmf.verdict.headline))</p>")
        out.append("<p><strong>DMF required:</strong> \(dmf.decision.dmfRequired ? "Yes" : "No (this copy is for information)")</p>")
        out.append("<h3>Why this outcome</h3>\n<ol>")
        for finding in dmf.decision.findings {
            let because = escape(finding.becauseLine)
            let guidance = escape(finding.guidanceLine)
            out.append("<li><strong>\(finding.group.label)</strong> (<span class=\"rule\">\(finding.rule.rawValue)</span>): \(escape(finding.text))<br>Because: \(because)<br>Guidance, \(guidance)</li>")
        }
        out.append("</ol>")
        return out.joined(separator: "\n")
    }

    private static func checklist(_ dmf: FilledDMF) -> String {
        let items = dmf.decision.checklist.map { item in
            "<li><span class=\"box\" role=\"img\" aria-label=\"\(item.done ? "done" : "not done")\"></span><strong>\(item.group.label):</strong> \(escape(item.text)) Who: \(escape(item.who.label)). <span class=\"rule\">(\(item.rule.rawValue))</span></li>"
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
            if let replaced = replacement(scalar) { out.append(contentsOf: replaced.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}
