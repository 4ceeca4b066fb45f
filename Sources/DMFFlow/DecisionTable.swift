import DMFPolicy

/// The decision table policy owners sign off: for each route, a baseline transfer that meets
/// every rule, then every combination of choice answers that changes its outcome.
///
/// The full cross product of all answers runs to hundreds of millions of rows on the third-party
/// route, far beyond what anyone can read. The rules, though, each look at one answer or at one
/// answer and the information's level (clearance, method, accreditation with any old marking),
/// so the table varies each answer alone, and those answers together with the classification and
/// old marking. All of it comes from `AnswerSchema`: the baseline is each answer's compliant
/// value, and each answer says how it is varied (`TableVariation`). Every finding any rule can
/// give appears in some row.
public struct DecisionTable: Sendable {
    public struct Row: Sendable, Equatable {
        public var route: RouteType
        /// What differs from the baseline, as `key=value` pairs; empty for the baseline itself.
        public var changes: [String]
        /// The same changes in the words people read: "Classification: SECRET".
        public var plainChanges: [String]
        public var verdict: Verdict
        public var dmfRequired: Bool
        /// Heaviest first, then in rule order; each rule and kind once.
        public var findings: [RuleFinding]
        /// The whole set of answers the row stands for.
        public var answers: Answers
    }

    /// What a row's findings come to: which rule fired, and how heavily.
    public struct RuleFinding: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var rule: RuleID
        public var kind: FindingKind

        public init(rule: RuleID, kind: FindingKind) {
            self.rule = rule
            self.kind = kind
        }

        /// The machine-friendly form: "recipients-authorised (blocker)".
        public var description: String { Self.words[index].description }
        /// What people read, with the rule id kept so reviewers can cross-reference the rules:
        /// "Must change: Every recipient is authorised [recipients-authorised]".
        public var plain: String { Self.words[index].plain }

        /// Both forms for every rule and kind, made once: the table prints thousands of them.
        private static let words: [(description: String, plain: String)] = RuleID.allCases.flatMap { rule in
            FindingKind.allCases.map { kind in
                ("\(rule.rawValue) (\(kind.rawValue))", "\(kind.label): \(rule.title) [\(rule.rawValue)]")
            }
        }
        private var index: Int { rule.order * Self.kinds + kind.severity }
        private static let kinds = FindingKind.allCases.count

        /// Heaviest first, then in the order `policy-rules.md` lists the rules.
        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.kind.severity, lhs.rule.order) < (rhs.kind.severity, rhs.rule.order)
        }
    }

    public let rows: [Row]

    public init() {
        var rows: [Row] = []
        for route in RouteType.allCases {
            let base = Self.baseline(route)
            guard let baseRow = Self.row(route, base, changes: [], plainChanges: []) else { continue }
            rows.append(baseRow)
            var seen: Set<[String]> = [baseRow.changes]
            for variant in Self.variants(of: base) {
                guard
                    let row = Self.row(
                        route, variant.answers, changes: variant.changes, plainChanges: variant.plainChanges),
                    row.findings != baseRow.findings || row.verdict != baseRow.verdict,
                    seen.insert(row.changes).inserted
                else { continue }
                if let without = variant.without {
                    // A combination is shown only when its last answer changes the outcome too.
                    guard let other = Self.outcome(without),
                        row.findings != other.findings || row.verdict != other.verdict
                    else { continue }
                }
                rows.append(row)
            }
        }
        self.rows = rows
    }

    /// A transfer on `route` that passes every rule: each answer that applies on the route at the
    /// value `AnswerSchema` calls compliant (OFFICIAL, one authorised BPSS recipient, a secure
    /// network, a deletion date, contract and NDA in place, IAO authorised…).
    public static func baseline(_ route: RouteType) -> Answers {
        var answers = Answers()
        answers.route.type = route
        answers.recipients = [Answers.Recipient()]
        return completed(answers, everyAnswerThatApplies: true)
    }

    /// The answers with each answer not given that is required (or, for a baseline, that applies)
    /// set to its compliant value, in the file's order, so an answer that decides whether a later
    /// one applies is set first. A variant fills only what it made required (the mailbox, once the
    /// method is email), so an answer it leaves out stays out.
    static func completed(_ given: Answers, everyAnswerThatApplies: Bool = false) -> Answers {
        var answers = given
        for fill in everyAnswerThatApplies ? fills : fillsOnCondition where !fill.isGiven(answers) {
            if everyAnswerThatApplies ? fill.applies(answers) : fill.isRequired(answers) { fill.set(&answers) }
        }
        return answers
    }

    /// An answer with a compliant value, as `completed` fills it in (a recipient's in each recipient).
    struct Fill: Sendable {
        let applies: AnswerCondition
        let required: AnswerCondition
        let isGiven: @Sendable (Answers) -> Bool
        let set: @Sendable (inout Answers) -> Void

        init?(_ field: AnswerField) {
            guard let compliant = field.compliant else { return nil }
            applies = field.applies
            required = field.required
            isGiven = { field.isGiven(in: $0) }
            set = { field.set(compliant, in: &$0) }
        }

        init?(_ field: RecipientField) {
            guard let compliant = field.compliant else { return nil }
            applies = field.applies
            required = field.required
            isGiven = { answers in answers.recipients.allSatisfy { field.isGiven(in: $0) } }
            set = { answers in
                for index in answers.recipients.indices where !field.isGiven(in: answers.recipients[index]) {
                    field.set(compliant, in: &answers.recipients[index])
                }
            }
        }

        func isRequired(_ answers: Answers) -> Bool { required(answers) }
    }

    /// Every answer with a compliant value, recipients' after the rest (their mailbox depends on
    /// the method).
    static let fills: [Fill] = AnswerSchema.fields.compactMap(Fill.init) + AnswerSchema.recipient.compactMap(Fill.init)
    /// Those required only under a condition: all a variant can make newly required.
    static let fillsOnCondition = fills.filter {
        $0.required.name != AnswerCondition.always.name && $0.required.name != AnswerCondition.never.name
    }

    // MARK: - Plain words

    /// What people read for an answer the table shows: the schema's label ("Classification"); a
    /// recipient's answer names the recipient ("Recipient clearance").
    static func name(_ field: AnswerField) -> String { field.label }
    static func name(_ field: RecipientField) -> String { "Recipient " + field.label.lowercasedFirst }

    /// The baseline's answers in plain words, in the answers file's order: the answers the table
    /// varies, where they apply on the route.
    public static func baselineAnswers(_ route: RouteType) -> [String] {
        let base = baseline(route)
        var shown: [String] = []
        for field in AnswerSchema.before where field.isVaried {
            if let value = field.value(in: base) { shown.append("\(name(field)): \(field.display(value))") }
        }
        for field in AnswerSchema.recipient where field.isVaried {
            if let value = field.value(in: base.recipients[0]) {
                shown.append("\(name(field)): \(field.display(value))")
            }
        }
        for field in AnswerSchema.after where field.isVaried {
            if let value = field.value(in: base) { shown.append("\(name(field)): \(field.display(value))") }
        }
        return shown
    }

    /// The verdict a finding of this kind gives when it is the heaviest, asked of the engine.
    public static func verdict(for kind: FindingKind) -> Verdict { Decision.verdict(heaviest: kind) }

    /// The rules that give each kind of finding in some row, in rule order: what the flow map
    /// names on the way to each outcome.
    public var rulesByKind: [FindingKind: [RuleID]] {
        Dictionary(grouping: Set(rows.flatMap(\.findings)), by: \.kind)
            .mapValues { $0.map(\.rule).sorted { $0.order < $1.order } }
    }

    // MARK: - Rows

    struct Variant {
        var answers: Answers
        var changes: [String]
        var plainChanges: [String]
        /// For a combination, the same answers without its last change: the row is left out when
        /// that change alone makes no difference to it.
        var without: Answers?
    }

    /// One answer to vary: how to read and set it, with its key and name for the rows.
    struct Varied: Sendable {
        let key: String
        let name: String
        let type: FieldType
        let applies: AnswerCondition
        let variation: TableVariation
        let keyPath: AnyKeyPath & Sendable
        let get: @Sendable (Answers) -> String?
        let set: @Sendable (inout Answers, String?) -> Void
        let display: @Sendable (String) -> String

        init(_ field: AnswerField) {
            key = field.path
            name = DecisionTable.name(field)
            type = field.type
            applies = field.applies
            variation = field.variation
            keyPath = field.keyPath
            get = { field.value(in: $0) }
            set = { field.set($1, in: &$0) }
            display = field.display
        }

        /// A recipient's answer, varied in the baseline's only recipient.
        init(_ field: RecipientField) {
            key = "recipients[0]." + field.key
            name = DecisionTable.name(field)
            type = field.type
            applies = field.applies
            variation = field.variation
            keyPath = field.keyPath
            get = { $0.recipients.first.flatMap(field.value(in:)) }
            set = { answers, value in
                if !answers.recipients.isEmpty { field.set(value, in: &answers.recipients[0]) }
            }
            display = field.display
        }

        /// Each value it is varied to: every option of a choice; anything else left out.
        var values: [String?] { type.values.isEmpty ? [nil] : type.values }
    }

    /// Every answer of the schema, as the table varies them, in the file's order.
    static let varied: [Varied] =
        AnswerSchema.before.map(Varied.init) + AnswerSchema.recipient.map(Varied.init)
        + AnswerSchema.after.map(Varied.init)

    static func variants(of base: Answers) -> [Variant] {
        func vary(_ answer: Varied, from start: [Variant], onlyWhereItMatters: Bool = false) -> [Variant] {
            start.flatMap { variant -> [Variant] in
                guard answer.applies(variant.answers) else { return [] }
                return answer.values.map { value in
                    var answers = variant.answers
                    answer.set(&answers, value)
                    // A value the baseline already has is no change: "Classification: OFFICIAL"
                    // would only hide the answer that does change.
                    let same = answer.get(answers) == answer.get(variant.answers)
                    let shown = value.map(answer.display) ?? "not given"
                    return Variant(
                        answers: completed(answers),
                        changes: variant.changes + (same ? [] : ["\(answer.key)=\(value ?? "not given")"]),
                        plainChanges: variant.plainChanges + (same ? [] : ["\(answer.name): \(shown)"]),
                        without: onlyWhereItMatters ? variant.answers : nil)
                }
            }
        }
        let origin = [Variant(answers: base, changes: [], plainChanges: [])]
        // The information's levels, alone and with each answer the rules compare with them.
        var levels = origin
        for answer in varied where answer.variation.isLevel { levels = vary(answer, from: levels) }
        var result = Array(levels.dropFirst())
        for answer in varied where answer.variation.isWithLevels { result += vary(answer, from: levels) }
        // Answers that act alone, and those that matter only with another answer.
        for answer in varied {
            switch answer.variation {
            case .alone:
                result += vary(answer, from: origin)
            case .withEach(let other):
                guard let pair = varied.first(where: { $0.keyPath == other }) else { continue }
                result += vary(answer, from: vary(pair, from: origin), onlyWhereItMatters: true)
            case .none, .level, .withLevels:
                break
            }
        }
        return result
    }

    /// What the engine gives for a variant: nil only if the answers are not complete, which a
    /// test rules out for every variant.
    static func outcome(_ answers: Answers) -> (verdict: Verdict, dmfRequired: Bool, findings: [RuleFinding])? {
        guard let decision = try? PolicyEngine.evaluate(answers) else { return nil }
        var findings: [RuleFinding] = []
        for finding in decision.findings {
            let summary = RuleFinding(rule: finding.rule, kind: finding.kind)
            if !findings.contains(summary) { findings.append(summary) }
        }
        // The engine gives findings in rule order, so a stable sort by kind alone is `sorted()`.
        findings.sort { $0.kind.severity < $1.kind.severity }
        return (decision.verdict, decision.dmfRequired, findings)
    }

    static func row(_ route: RouteType, _ answers: Answers, changes: [String], plainChanges: [String]) -> Row? {
        guard let outcome = outcome(answers) else { return nil }
        return Row(
            route: route, changes: changes, plainChanges: plainChanges, verdict: outcome.verdict,
            dmfRequired: outcome.dmfRequired, findings: outcome.findings, answers: answers)
    }

    // MARK: - Formats

    public enum Format: String, CaseIterable, Sendable { case csv, markdown }

    public func render(_ format: Format) -> String {
        switch format {
        case .csv: csv
        case .markdown: markdown
        }
    }

    /// The raw columns first, as before, for scripts; then the same in plain words for people.
    public static let csvHeader = [
        "route", "answers_changed_from_baseline", "verdict", "dmf_required", "findings",
        "route_label", "answers_changed_plain", "verdict_label", "findings_plain",
    ]

    var csv: String {
        var out = ""
        out.reserveCapacity(rows.count * 640)
        Self.appendCSVLine(Self.csvHeader, to: &out)
        var baselines: [RouteType: String] = [:]
        for route in RouteType.allCases {
            baselines[route] = "Baseline: " + Self.baselineAnswers(route).joined(separator: "; ")
        }
        for row in rows {
            // The baseline row spells out the baseline, so a spreadsheet alone is enough to read it.
            let plainChanges =
                row.changes.isEmpty ? baselines[row.route] ?? "" : row.plainChanges.joined(separator: "; ")
            Self.appendCSVLine(
                [
                    row.route.rawValue, row.changes.isEmpty ? "(baseline)" : row.changes.joined(separator: "; "),
                    row.verdict.rawValue, row.dmfRequired ? "yes" : "no",
                    row.findings.map(\.description).joined(separator: "; "),
                    row.route.shortLabel, plainChanges, row.verdict.label,
                    row.findings.map(\.plain).joined(separator: "; "),
                ], to: &out)
        }
        return out
    }

    var markdown: String {
        // Which kind gives which verdict is asked of the engine, so this line cannot drift.
        let precedence = FindingKind.allCases.map { "\($0.label) → \(Self.verdict(for: $0).label)" }
        var lines = [
            "# Decision table (\(PolicyInfo.source), \(PolicyInfo.dated); rule set \(PolicyInfo.rulesVersion))", "",
            "Each route starts from a baseline transfer that meets every rule; each row after it changes the answers "
                + "shown and gives the outcome, with the findings it adds (+) to the baseline's or takes away (−). "
                + "Findings are listed heaviest first as \"kind: rule [rule id]\". "
                + "The heaviest finding decides the verdict: \(precedence.joined(separator: ", ")).",
        ]
        for route in RouteType.allCases {
            let routeRows = rows.filter { $0.route == route }
            guard let base = routeRows.first else { continue }
            lines += ["", "## \(route.shortLabel)", "", "Route: \(route.label) (`\(route.rawValue)`)"]
            lines += ["", "### Baseline", ""]
            lines += Self.baselineAnswers(route).map { "- \(Self.markdownText($0))" }
            lines += ["", "Verdict: **\(base.verdict.label)**. DMF required: \(base.dmfRequired ? "yes" : "no").", ""]
            lines += ["Findings:", ""] + base.findings.map { "- \(Self.markdownText($0.plain))" }
            lines += [
                "", "### Changes from the baseline (\(routeRows.count - 1) rows)", "",
                "| Answers changed from the baseline | Verdict | DMF required | Findings compared with the baseline |",
                "|---|---|---|---|",
            ]
            for row in routeRows.dropFirst() {
                // Only the difference: the baseline's findings are listed once above, and
                // repeating them on every row would bury what the change does.
                let added = row.findings.filter { !base.findings.contains($0) }.map { "+ \($0.plain)" }
                let gone = base.findings.filter { !row.findings.contains($0) }.map { "− \($0.plain)" }
                let cells = [
                    row.plainChanges.joined(separator: "; "), row.verdict.label, row.dmfRequired ? "yes" : "no",
                    (added + gone).joined(separator: "; "),
                ]
                lines.append("| " + cells.map(Self.markdownText).joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One CSV line as RFC 4180 writes it, each field quoted (quotes doubled) only when it holds a
    /// comma, quote or line break. Looks at UTF-8 bytes: the table has thousands of fields.
    static func appendCSVLine(_ fields: [String], to out: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            appendCSVField(field, to: &out)
        }
        out += "\n"
    }

    static func appendCSVField(_ text: String, to out: inout String) {
        var special = false
        var quotes = false
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): quotes = true
                case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"): special = true
                default: continue
                }
            }
        }
        guard special || quotes else {
            out += text
            return
        }
        out += "\""
        out += quotes ? text.replacingOccurrences(of: "\"", with: "\"\"") : text
        out += "\""
    }

    /// One CSV field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, quote or line break.
    public static func csvField(_ text: String) -> String {
        var out = ""
        appendCSVField(text, to: &out)
        return out
    }

    /// Labels and rule titles are our own words, but a `|` would still split a table cell.
    static func markdownText(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "|")) else { return text }
        return text.replacingOccurrences(of: "|", with: "\\|")
    }
}

extension TableVariation {
    var isLevel: Bool {
        if case .level = self { true } else { false }
    }
    var isWithLevels: Bool {
        if case .withLevels = self { true } else { false }
    }
}

extension SchemaField {
    /// Whether the decision table varies it (and so shows it in each baseline).
    var isVaried: Bool {
        if case .none = variation { false } else { compliant != nil }
    }
}
