import DMFPolicy

/// The formats a filled DMF can be written in.
public enum OutputFormat: String, CaseIterable, Sendable {
    case markdown, text, html, json, pdf

    /// The formats this module writes itself; PDF is the HTML printed by a browser.
    public static let textFormats: [OutputFormat] = allCases.filter { !$0.isPrinted }

    /// True for PDF: made by printing `render`'s HTML, which needs a browser.
    public var isPrinted: Bool { self == .pdf }

    public var fileExtension: String {
        switch self {
        case .markdown: "md"
        case .text: "txt"
        case .html: "html"
        case .json: "json"
        case .pdf: "pdf"
        }
    }

    /// The format a word names, as people type it: its name or its file extension, in any case
    /// (`markdown`, `md`, `HTML`, `htm`); nil when it names none.
    public init?(name: String) {
        let word = name.lowercased()
        let aliases = ["htm": OutputFormat.html]
        guard
            let format = Self(rawValue: word) ?? Self.allCases.first(where: { $0.fileExtension == word })
                ?? aliases[word]
        else { return nil }
        self = format
    }

    /// The format a file name's extension names (`form.html`, `FORM.HTM`, `notes.markdown`);
    /// nil when it names none.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), !fileName[dot...].contains("/") else { return nil }
        self.init(name: String(fileName[fileName.index(after: dot)...]))
    }

    /// Renders the form in this format; for PDF, the HTML page it is printed from.
    public func render(_ dmf: FilledDMF) -> String {
        switch self {
        case .markdown: MarkdownRenderer.render(dmf)
        case .text: TextRenderer.render(dmf)
        case .html, .pdf: HTMLRenderer.render(dmf)
        case .json: JSONRenderer.render(dmf)
        }
    }
}

extension FilledDMF {
    /// Every section of the form in print order, the recipients table aside.
    var allSections: [DMFSection] { sectionsBeforeRecipients + sectionsAfterRecipients }

    /// The verdict in one line: "PROCEED WITH CONDITIONS: You may transfer once …".
    public var verdictLine: String { "\(verdict.label): \(verdict.headline)" }

    /// The footer line every format prints.
    var provenanceLine: String {
        "Policy: \(FilledDMF.policyLine). Produced \(producedAt). Reference \(reference)."
            + (registerPosition.map { " \($0.line)." } ?? "")
    }
}

extension Finding {
    /// "Guidance (General principles): «…»", with a marker for rules from later guidance.
    public var guidanceLine: String {
        let source = rule.source
        let later = source.isLaterGuidance ? " [later guidance]" : ""
        return "\(source.section)\(later): \(source.quotation)"
    }

    /// The answers that made it fire as people read them ("Route: third party; recipient 2
    /// mailbox: shared or group mailbox"), or a note that it applies to every transfer.
    public var becauseLine: String { becauseInWords }
}
