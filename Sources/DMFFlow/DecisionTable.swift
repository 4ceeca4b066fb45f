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
        public var verdict: Verdict
        public var dmfRequired: Bool
        public var findings: [String]
    }

    public let rows: [Row]

    public init() {
        var rows: [Row] = []
        for route in RouteType.allCases {
            let base = Self.baseline(route)
            let baseRow = Self.row(route, base, changes: [])
            rows.append(baseRow)
            var seen: Set<[String]> = [baseRow.changes]
            for variant in Self.variants(of: base, route: route) {
                let row = Self.row(route, variant.answers, changes: variant.changes)
                guard row.findings != baseRow.findings || row.verdict != baseRow.verdict, seen.insert(row.changes).inserted else { continue }
                if let without = variant.without {
                    // A combination is shown only when its last answer changes the outcome too.
                    let other = Self.row(route, without, changes: [])
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
        answers.recipients = [Answers.Recipient(name: "Recipient", mailbox: .personal, authorised: .yes, clearance: .bpss)]
        answers.method = route == .sameSystem ? .withinSystem : .secureNetwork
        answers.retention.deleteBy = "2027-03-31"
        if route == .otherGovernmentDepartment || route == .thirdParty { answers.route.destinationAccreditation = .topSecret }
        if route == .thirdParty {
            answers.thirdParty = .init(contract: .yes, nda: .yes, securityAspectsLetter: .notNeeded, codeOfConnection: .notNeeded)
        }
        if route.leavesSystem { answers.authorisation.iaoDecision = .authorised }
        return answers
    }

    struct Variant {
        var answers: Answers
        var changes: [String]
        /// For a combination, the same answers without its last change: the row is left out when
        /// that change alone makes no difference to it.
        var without: Answers?
    }

    static func variants(of base: Answers, route: RouteType) -> [Variant] {
        var result: [Variant] = []
        func vary<V: AnswerValue>(
            _ key: String, _ values: [V], _ set: (inout Answers, V) -> Void, from start: [Variant], onlyWhereItMatters: Bool = false
        ) -> [Variant] {
            start.flatMap { variant in
                values.map { value in
                    var answers = variant.answers
                    set(&answers, value)
                    return Variant(
                        answers: answers, changes: variant.changes + ["\(key)=\(value.rawValue)"],
                        without: onlyWhereItMatters ? variant.answers : nil)
                }
            }
        }
        let origin = [Variant(answers: base, changes: [])]
        // The classification and old marking, alone and with each answer they interact with.
        let levels = vary("data.legacy_marking", LegacyMarking.allCases, { $0.data.legacyMarking = $1 },
                          from: vary("data.classification", Classification.allCases, { $0.data.classification = $1 }, from: origin))
        result += levels
        result += vary("recipients[0].clearance", Clearance.allCases, { $0.recipients[0].clearance = $1 }, from: levels)
        result += vary("method", TransferMethod.allCases, { $0.method = $1 }, from: levels)
        if base.route.destinationAccreditation != nil {
            result += vary("route.destination_accreditation", Accreditation.allCases, { $0.route.destinationAccreditation = $1 }, from: levels)
        }
        // Answers that act alone.
        result += vary("transfer.kind", TransferKind.allCases, { $0.transfer.kind = $1 }, from: origin)
        result += vary("data.personal_data", YesNoNotSure.allCases, { $0.data.personalData = $1 }, from: origin)
        result += vary("data.bulk", YesNoNotSure.allCases, { $0.data.bulk = $1 }, from: origin)
        // A shared mailbox counts only with a method that delivers to a mailbox (or is not sure),
        // so it is shown with each method; combinations where it changes nothing are left out.
        result += vary("recipients[0].mailbox", [Mailbox.shared], { $0.recipients[0].mailbox = $1 },
                       from: vary("method", TransferMethod.allCases, { $0.method = $1 }, from: origin), onlyWhereItMatters: true)
        result += vary("recipients[0].authorised", YesNoNotSure.allCases, { $0.recipients[0].authorised = $1 }, from: origin)
        var noRetention = base
        noRetention.retention = .init()
        result.append(Variant(answers: noRetention, changes: ["retention=not given"]))
        if route.leavesSystem {
            result += vary("authorisation.iao_decision", IAODecision.allCases, { $0.authorisation.iaoDecision = $1 }, from: origin)
        }
        if route == .thirdParty {
            result += vary("third_party.contract", YesNoNotSure.allCases, { $0.thirdParty.contract = $1 }, from: origin)
            result += vary("third_party.nda", YesNoNotSure.allCases, { $0.thirdParty.nda = $1 }, from: origin)
            result += vary("third_party.security_aspects_letter", YesNoNotNeeded.allCases, { $0.thirdParty.securityAspectsLetter = $1 }, from: origin)
            result += vary("third_party.code_of_connection", YesNoNotNeeded.allCases, { $0.thirdParty.codeOfConnection = $1 }, from: origin)
        }
        return result
    }

    static func row(_ route: RouteType, _ answers: Answers, changes: [String]) -> Row {
        // Every variant is built from a complete baseline, so the engine always decides.
        let decision = try! PolicyEngine.evaluate(answers)
        let findings = decision.findings.map { "\($0.rule.rawValue) (\($0.kind.rawValue))" }
        return Row(route: route, changes: changes, verdict: decision.verdict, dmfRequired: decision.dmfRequired,
                   findings: Array(Set(findings)).sorted())
    }

    // MARK: - Formats

    public enum Format: String, CaseIterable, Sendable { case csv, markdown }

    public func render(_ format: Format) -> String {
        switch format {
        case .csv:
            let header = "route,answers_changed_from_baseline,verdict,dmf_required,findings"
            let lines = rows.map { row in
                [row.route.rawValue, row.changes.isEmpty ? "(baseline)" : row.changes.joined(separator: "; "),
                 row.verdict.rawValue, row.dmfRequired ? "yes" : "no", row.findings.joined(separator: "; ")]
                    .map(Self.csvField).joined(separator: ",")
            }
            return ([header] + lines).joined(separator: "\n") + "\n"
        case .markdown:
            var lines = [
                "# Decision table (\(PolicyInfo.source), \(PolicyInfo.dated); rule set \(PolicyInfo.rulesVersion))", "",
                "Each route starts from a baseline that meets every rule; each further row changes the answers shown and lists the outcome.", "",
                "| Route | Answers changed from the baseline | Verdict | DMF required | Findings |", "|---|---|---|---|---|",
            ]
            for row in rows {
                let changes = row.changes.isEmpty ? "(baseline)" : row.changes.joined(separator: ", ")
                lines.append("| \(row.route.rawValue) | \(changes) | \(row.verdict.rawValue) | \(row.dmfRequired ? "yes" : "no") | \(row.findings.joined(separator: ", ")) |")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
