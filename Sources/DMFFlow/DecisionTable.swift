import DMFPolicy

/// The decision table policy owners sign off: for each route, a baseline transfer that meets
/// every rule, then every combination of choice answers that changes its outcome.
///
/// The full cross product of all answers runs to hundreds of millions of rows on the third-party
/// route, far beyond what anyone can read. The rules, though, each look at one answer or at one
/// answer and the classification (clearance, method, accreditation with any old marking), so
/// the table varies each answer alone, and those answers together with the classification and
/// old marking. Every finding any rule can give appears in some row.
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
        public var description: String { "\(rule.rawValue) (\(kind.rawValue))" }
        /// What people read, with the rule id kept so reviewers can cross-reference the rules:
        /// "Must change: Every recipient is authorised [recipients-authorised]".
        public var plain: String { "\(kind.label): \(rule.title) [\(rule.rawValue)]" }

        /// Heaviest first, then in the order `policy-rules.md` lists the rules.
        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.kind, DecisionTable.order(lhs.rule)) < (rhs.kind, DecisionTable.order(rhs.rule))
        }
    }

    public let rows: [Row]

    public init() {
        var rows: [Row] = []
        for route in RouteType.allCases {
            let base = Self.baseline(route)
            let baseRow = Self.row(route, base, changes: [], plainChanges: [])
            rows.append(baseRow)
            var seen: Set<[String]> = [baseRow.changes]
            for variant in Self.variants(of: base, route: route) {
                let row = Self.row(route, variant.answers, changes: variant.changes, plainChanges: variant.plainChanges)
                guard row.findings != baseRow.findings || row.verdict != baseRow.verdict,
                    seen.insert(row.changes).inserted
                else { continue }
                if let without = variant.without {
                    // A combination is shown only when its last answer changes the outcome too.
                    let other = Self.row(route, without, changes: [], plainChanges: [])
                    guard row.findings != other.findings || row.verdict != other.verdict else { continue }
                }
                rows.append(row)
            }
        }
        self.rows = rows
    }

    /// A transfer on `route` that passes every rule: OFFICIAL, one authorised BPSS recipient with
    /// a personal mailbox (which counts only with a method that delivers to a mailbox), a secure
    /// method, retention agreed, contract and NDA in place, IAO authorised.
    public static func baseline(_ route: RouteType) -> Answers {
        var answers = Answers()
        answers.transfer.kind = .share
        answers.data.classification = .official
        answers.data.legacyMarking = LegacyMarking.none
        answers.data.personalData = .no
        answers.data.bulk = .no
        answers.route.type = route
        answers.recipients = [
            Answers.Recipient(name: "Recipient", mailbox: .personal, authorised: .yes, clearance: .bpss)
        ]
        answers.method = route == .sameSystem ? .withinSystem : .secureNetwork
        answers.retention.deleteBy = "2027-03-31"
        if route == .otherGovernmentDepartment || route == .thirdParty {
            answers.route.destinationAccreditation = .topSecret
        }
        if route == .thirdParty {
            answers.thirdParty = .init(
                contract: .yes, nda: .yes, securityAspectsLetter: .notNeeded, codeOfConnection: .notNeeded)
        }
        if route.leavesSystem { answers.authorisation.iaoDecision = .authorised }
        return answers
    }

    // MARK: - Plain words

    /// The short name people read for each answer the table shows, keyed as in `changes`. The
    /// one place these names live, so the baseline, the rows and both formats say the same.
    public static let answerNames: [String: String] = [
        "transfer.kind": "Share or move",
        "data.classification": "Classification",
        "data.legacy_marking": "Old marking",
        "data.personal_data": "Personal data",
        "data.bulk": "Bulk (about 1,000 people or more)",
        "route.destination_accreditation": "Receiving system accredited to",
        "method": "Method",
        "recipients[0].mailbox": "Recipient's mailbox",
        "recipients[0].authorised": "Recipient authorised",
        "recipients[0].clearance": "Recipient's clearance",
        "retention": "Deletion date or period",
        "third_party.contract": "Contract",
        "third_party.nda": "NDA",
        "third_party.security_aspects_letter": "Security Aspects Letter",
        "third_party.code_of_connection": "Codes of Connection",
        "authorisation.iao_decision": "IAO decision",
    ]

    /// "Classification: SECRET"; an unnamed key shows as itself (a test keeps every key named).
    static func plain(_ key: String, _ value: String) -> String { "\(answerNames[key] ?? key): \(value)" }

    /// The baseline's answers in plain words, in the order the wizard asks them; answers the
    /// route does not ask are not in its baseline, so they are left out.
    public static func baselineAnswers(_ route: RouteType) -> [String] {
        let base = baseline(route)
        let recipient = base.recipients[0]
        // The mailbox is part of every baseline, but counts only where the method asks it.
        let mailbox = recipient.mailbox.map { base.asksMailbox ? $0.label : "\($0.label) (not asked with this method)" }
        let shown: [(String, String?)] = [
            ("transfer.kind", base.transfer.kind?.label),
            ("data.classification", base.data.classification?.label),
            ("data.legacy_marking", base.data.legacyMarking?.label),
            ("data.personal_data", base.data.personalData?.label),
            ("data.bulk", base.data.bulk?.label),
            ("route.destination_accreditation", base.route.destinationAccreditation?.label),
            ("method", base.method?.label),
            ("recipients[0].mailbox", mailbox),
            ("recipients[0].authorised", recipient.authorised?.label),
            ("recipients[0].clearance", recipient.clearance?.label),
            ("retention", base.retention.deleteBy.map { "delete by \($0)" }),
            ("third_party.contract", base.thirdParty.contract?.label),
            ("third_party.nda", base.thirdParty.nda?.label),
            ("third_party.security_aspects_letter", base.thirdParty.securityAspectsLetter?.label),
            ("third_party.code_of_connection", base.thirdParty.codeOfConnection?.label),
            ("authorisation.iao_decision", base.authorisation.iaoDecision?.label),
        ]
        return shown.compactMap { key, value in value.map { plain(key, $0) } }
    }

    /// The verdict a finding of this kind gives when it is the heaviest, asked of the engine.
    public static func verdict(for kind: FindingKind) -> Verdict {
        Decision.verdict(for: [Finding(rule: .retention, kind: kind, text: "", todo: "", who: .requester, because: [])])
    }

    /// The rules that give each kind of finding in some row, in rule order: what the flow map
    /// names on the way to each outcome.
    public var rulesByKind: [FindingKind: [RuleID]] {
        Dictionary(grouping: Set(rows.flatMap(\.findings)), by: \.kind)
            .mapValues { $0.map(\.rule).sorted { Self.order($0) < Self.order($1) } }
    }

    static func order(_ rule: RuleID) -> Int { RuleID.allCases.firstIndex(of: rule)! }

    // MARK: - Rows

    struct Variant {
        var answers: Answers
        var changes: [String]
        var plainChanges: [String]
        /// For a combination, the same answers without its last change: the row is left out when
        /// that change alone makes no difference to it.
        var without: Answers?
    }

    static func variants(of base: Answers, route: RouteType) -> [Variant] {
        var result: [Variant] = []
        func vary<V: AnswerValue>(
            _ key: String, _ values: [V], _ set: (inout Answers, V) -> Void, from start: [Variant],
            onlyWhereItMatters: Bool = false
        ) -> [Variant] {
            start.flatMap { variant in
                values.map { value in
                    var answers = variant.answers
                    set(&answers, value)
                    // A value the baseline already has is no change: "Classification: OFFICIAL"
                    // would only hide the answer that does change.
                    let same = answers == variant.answers
                    return Variant(
                        answers: answers, changes: variant.changes + (same ? [] : ["\(key)=\(value.rawValue)"]),
                        plainChanges: variant.plainChanges + (same ? [] : [plain(key, value.label)]),
                        without: onlyWhereItMatters ? variant.answers : nil)
                }
            }
        }
        let origin = [Variant(answers: base, changes: [], plainChanges: [])]
        // The classification and old marking, alone and with each answer they interact with.
        let classifications = vary(
            "data.classification", Classification.allCases, { $0.data.classification = $1 }, from: origin)
        let levels = vary(
            "data.legacy_marking", LegacyMarking.allCases, { $0.data.legacyMarking = $1 }, from: classifications)
        result += levels
        result += vary("recipients[0].clearance", Clearance.allCases, { $0.recipients[0].clearance = $1 }, from: levels)
        result += vary("method", TransferMethod.allCases, { $0.method = $1 }, from: levels)
        if base.route.destinationAccreditation != nil {
            result += vary(
                "route.destination_accreditation", Accreditation.allCases, { $0.route.destinationAccreditation = $1 },
                from: levels)
        }
        // Answers that act alone.
        result += vary("transfer.kind", TransferKind.allCases, { $0.transfer.kind = $1 }, from: origin)
        result += vary("data.personal_data", YesNoNotSure.allCases, { $0.data.personalData = $1 }, from: origin)
        result += vary("data.bulk", YesNoNotSure.allCases, { $0.data.bulk = $1 }, from: origin)
        // A shared mailbox counts only with a method that delivers to a mailbox (or is not sure),
        // so it is shown with each method; combinations where it changes nothing are left out.
        result += vary(
            "recipients[0].mailbox", [Mailbox.shared], { $0.recipients[0].mailbox = $1 },
            from: vary("method", TransferMethod.allCases, { $0.method = $1 }, from: origin),
            onlyWhereItMatters: true)
        result += vary(
            "recipients[0].authorised", YesNoNotSure.allCases, { $0.recipients[0].authorised = $1 }, from: origin)
        var noRetention = base
        noRetention.retention = .init()
        result.append(
            Variant(
                answers: noRetention, changes: ["retention=not given"],
                plainChanges: [plain("retention", "not given")]))
        if route.leavesSystem {
            result += vary(
                "authorisation.iao_decision", IAODecision.allCases, { $0.authorisation.iaoDecision = $1 }, from: origin)
        }
        if route == .thirdParty {
            result += vary("third_party.contract", YesNoNotSure.allCases, { $0.thirdParty.contract = $1 }, from: origin)
            result += vary("third_party.nda", YesNoNotSure.allCases, { $0.thirdParty.nda = $1 }, from: origin)
            result += vary(
                "third_party.security_aspects_letter", YesNoNotNeeded.allCases,
                { $0.thirdParty.securityAspectsLetter = $1 }, from: origin)
            result += vary(
                "third_party.code_of_connection", YesNoNotNeeded.allCases, { $0.thirdParty.codeOfConnection = $1 },
                from: origin)
        }
        return result
    }

    static func row(_ route: RouteType, _ answers: Answers, changes: [String], plainChanges: [String]) -> Row {
        // Every variant is built from a complete baseline, so the engine always decides.
        let decision = try! PolicyEngine.evaluate(answers)
        let findings = Set(decision.findings.map { RuleFinding(rule: $0.rule, kind: $0.kind) }).sorted()
        return Row(
            route: route, changes: changes, plainChanges: plainChanges, verdict: decision.verdict,
            dmfRequired: decision.dmfRequired, findings: findings, answers: answers)
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
        let baselines = Dictionary(uniqueKeysWithValues: RouteType.allCases.map { ($0, Self.baselineAnswers($0)) })
        let lines = rows.map { row in
            // The baseline row spells out the baseline, so a spreadsheet alone is enough to read it.
            let plainChanges =
                row.changes.isEmpty
                ? "Baseline: " + baselines[row.route]!.joined(separator: "; ")
                : row.plainChanges.joined(separator: "; ")
            return [
                row.route.rawValue, row.changes.isEmpty ? "(baseline)" : row.changes.joined(separator: "; "),
                row.verdict.rawValue, row.dmfRequired ? "yes" : "no",
                row.findings.map(\.description).joined(separator: "; "),
                row.route.shortLabel, plainChanges, row.verdict.label,
                row.findings.map(\.plain).joined(separator: "; "),
            ].map(Self.csvField).joined(separator: ",")
        }
        return ([Self.csvHeader.joined(separator: ",")] + lines).joined(separator: "\n") + "\n"
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
            let base = routeRows[0]
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

    /// One CSV field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, quote or line break.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Labels and rule titles are our own words, but a `|` would still split a table cell.
    static func markdownText(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
