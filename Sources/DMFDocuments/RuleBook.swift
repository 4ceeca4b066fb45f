import DMFFlow
import DMFPolicy

/// The rule book a policy owner reads and signs: every rule with the guidance it rests on (the
/// exact quotation), when it fires, how heavily, who acts, and the words people are shown.
///
/// Everything but the rule's title and quotation is taken from what the engine does across the
/// decision table's transfers, not written again here, so the book cannot say one thing while
/// the engine does another.
public struct RuleBook: Sendable {
    public struct Entry: Sendable {
        public var rule: RuleID
        /// Each kind the rule gives, heaviest first, with who acts on it.
        public var kinds: [(kind: FindingKind, who: [Actor])]
        /// The routes on whose baseline transfer it already fires (a rule for every transfer).
        public var alwaysOn: [RouteType]
        /// Per route, the changes from that route's baseline that make it fire.
        public var triggers: [(route: RouteType, changes: [String])]
        /// The distinct words people are shown: the reason, then the checklist line.
        public var wordings: [(kind: FindingKind, text: String, todo: String)]
    }

    public let entries: [Entry]

    /// How many example changes are listed per route before the rest are counted.
    static let examplesPerRoute = 6

    public init(table: DecisionTable = DecisionTable()) {
        var wordings: [RuleID: [(FindingKind, String, String)]] = [:]
        var seenWording: Set<String> = []
        var alwaysOn: [RuleID: [RouteType]] = [:]
        var triggers: [RuleID: [RouteType: [[String]]]] = [:]
        var baselines: [RouteType: Set<RuleID>] = [:]
        for row in table.rows {
            // Every row of the table is a complete set of answers, so the engine decides.
            guard let decision = try? PolicyEngine.evaluate(row.answers) else { continue }
            let fired = Set(decision.findings.map(\.rule))
            if row.changes.isEmpty {
                baselines[row.route] = fired
                for rule in fired { alwaysOn[rule, default: []].append(row.route) }
            }
            for finding in decision.findings {
                let key = "\(finding.rule.rawValue)|\(finding.kind.rawValue)|\(finding.text)|\(finding.todo)"
                if seenWording.insert(key).inserted {
                    wordings[finding.rule, default: []].append((finding.kind, finding.text, finding.todo))
                }
            }
            for rule in fired where !(baselines[row.route]?.contains(rule) ?? false) && !row.changes.isEmpty {
                triggers[rule, default: [:]][row.route, default: []].append(row.plainChanges)
            }
        }
        entries = Rule.all.map { ruleValue in
            let rule = ruleValue.id
            return Entry(
                rule: rule,
                // What the rule declares; a test checks each is seen in the decision table.
                kinds: ruleValue.kinds.sorted().map { kind in
                    (kind, Actor.allCases.filter(ruleValue.who(kind).contains))
                },
                alwaysOn: alwaysOn[rule] ?? [],
                // Single changes first: they say most plainly what makes the rule fire.
                triggers: RouteType.allCases.compactMap { route in
                    triggers[rule]?[route].map { changes in
                        let ordered = changes.enumerated().sorted {
                            ($0.element.count, $0.offset) < ($1.element.count, $1.offset)
                        }
                        return (route, ordered.map { $0.element.joined(separator: " and ") })
                    }
                },
                wordings: (wordings[rule] ?? []).sorted { $0.0 < $1.0 }.map { ($0.0, $0.1, $0.2) })
        }
    }

    public enum Format: String, CaseIterable, Sendable { case markdown, html }

    public func render(_ format: Format) -> String {
        switch format {
        case .markdown: markdown
        case .html: html
        }
    }

    static let title = "Rule book"
    static var heading: String {
        "\(title): \(PolicyInfo.source), dated \(PolicyInfo.dated); rule set \(PolicyInfo.rulesVersion)"
    }
    static let introduction = """
        Each rule below is one decision the wizard makes. "Source" quotes the guidance word for word \
        (notes in brackets are ours); "When it applies" lists the transfers of the decision table on \
        which the rule fires, as changes from each route's baseline; "Kinds" says how heavily it weighs \
        (Must change blocks, Ask first refers, Do before sending sets conditions) and who acts; \
        "Wording" is what people are shown. Sign-off: name, role, date.
        """

    // MARK: - Markdown

    var markdown: String {
        var lines = ["# \(Self.heading)", "", Self.introduction, ""]
        for (index, entry) in entries.enumerated() {
            let rule = entry.rule
            lines += ["## \(index + 1). \(rule.title) (`\(rule.rawValue)`)", ""]
            let later = rule.source.isLaterGuidance ? " (later guidance)" : ""
            lines += [
                "**Source** (\(rule.source.section)\(later)): \(MarkdownRenderer.inline(rule.source.quotation))", "",
            ]
            lines +=
                ["**When it applies**", ""] + whenItApplies(entry).map { "- \(MarkdownRenderer.inline($0))" } + [""]
            lines += ["**Kinds**", ""]
            lines += entry.kinds.map { "- \($0.kind.label): \($0.who.map(\.label).joined(separator: ", "))" }
            if entry.kinds.isEmpty { lines.append("- None: it is never a finding.") }
            lines.append("")
            lines += ["**Wording**", ""]
            for wording in entry.wordings {
                lines.append(
                    "- \(wording.kind.label): \(MarkdownRenderer.inline(wording.text)) "
                        + "Checklist: \(MarkdownRenderer.inline(wording.todo))")
            }
            if entry.wordings.isEmpty { lines.append("- None: nothing is shown for it.") }
            lines.append("")
        }
        lines += ["---", "", "Approved by (name, role): ____________________  Signature: ____________  Date: ________"]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - HTML

    var html: String {
        let escape = HTMLRenderer.escape
        var body = ["<h1>\(escape(Self.heading))</h1>", "<p>\(escape(Self.introduction))</p>"]
        for (index, entry) in entries.enumerated() {
            let rule = entry.rule
            let later = rule.source.isLaterGuidance ? " (later guidance)" : ""
            body.append("<section class=\"rule\" id=\"\(rule.rawValue)\">")
            body.append("<h2>\(index + 1). \(escape(rule.title)) <code>\(rule.rawValue)</code></h2>")
            body.append(
                "<p><strong>Source</strong> (\(escape(rule.source.section))\(later)): "
                    + "\(escape(rule.source.quotation))</p>")
            body.append("<h3>When it applies</h3>\n<ul>")
            body += whenItApplies(entry).map { "<li>\(escape($0))</li>" }
            body.append("</ul>\n<h3>Kinds</h3>\n<ul>")
            body += entry.kinds.map {
                "<li>\($0.kind.label): \(escape($0.who.map(\.label).joined(separator: ", ")))</li>"
            }
            body.append("</ul>\n<h3>Wording</h3>\n<ul>")
            body += entry.wordings.map {
                "<li>\($0.kind.label): \(escape($0.text)) Checklist: \(escape($0.todo))</li>"
            }
            body.append("</ul>\n</section>")
        }
        body.append("<p class=\"signoff\">Approved by (name, role): <span class=\"line\"></span> Signature: ")
        body.append("<span class=\"line\"></span> Date: <span class=\"line\"></span></p>")
        return HTMLRenderer.page(title: escape(Self.heading), style: Self.stylesheet, body: body)
    }

    static let stylesheet = """
        body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; max-width: 50em;
          margin: 1.5em auto; padding: 0 1em; color: #0b0c0c; }
        h2 { font-size: 13pt; border-bottom: 2px solid #0b0c0c; margin-top: 1.6em; }
        h3 { font-size: 11pt; margin-bottom: 0.2em; }
        .line { display: inline-block; width: 12em; border-bottom: 1px solid #0b0c0c; }
        @page { size: A4 portrait; margin: 18mm 16mm;
          @bottom-right { content: "page " counter(page) " of " counter(pages); font: 9pt Arial, sans-serif; } }
        @media print { section.rule { break-inside: avoid-page; } h2, h3 { break-after: avoid; } }
        """

    /// "Every transfer on these routes", then per route the changes that make it fire.
    private func whenItApplies(_ entry: Entry) -> [String] {
        var lines: [String] = []
        if !entry.alwaysOn.isEmpty {
            lines.append("Every transfer: \(entry.alwaysOn.map(\.shortLabel).joined(separator: ", ")).")
        }
        for (route, changes) in entry.triggers {
            let shown = changes.prefix(Self.examplesPerRoute).joined(separator: "; or ")
            let more = changes.count - Self.examplesPerRoute
            let rest = more > 0 ? "; and \(more) more combination\(more == 1 ? "" : "s") in the decision table" : ""
            lines.append("\(route.shortLabel), when: \(shown)\(rest).")
        }
        if lines.isEmpty {
            // A rule no complete set of answers can break is enforced by asking for the answer.
            lines.append("Checked before deciding: without it the answers are not complete, and no verdict is given.")
        }
        return lines
    }
}
