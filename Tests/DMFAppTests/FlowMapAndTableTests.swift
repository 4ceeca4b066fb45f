import DMFFlow
import DMFPolicy
import Testing

/// The flow map and the decision table policy owners sign off: derived from the questions and
/// the engine, they must show every question, every outcome and every rule, with no dead ends.
@Suite struct FlowMapTests {
    static let map = FlowMap(flow: Flow(helpdesk: false))
    static let verdictIDs = Set(Verdict.allCases.map { $0.rawValue.uppercased() })

    static func outgoing(_ node: String) -> [FlowMap.Edge] { map.edges.filter { $0.from == node } }
    static func edges(into node: String) -> [FlowMap.Edge] { map.edges.filter { $0.to == node } }

    @Test func everyQuestionAndEveryVerdictIsReachableFromTheStart() {
        let reachable = Self.map.reachable
        let unreachable = Flow(helpdesk: false).questions.map(\.code).filter { !reachable.contains($0) }
        #expect(unreachable.isEmpty, "questions nobody can reach: \(unreachable)")
        #expect(Self.verdictIDs.isSubset(of: reachable))
        #expect(reachable.contains(FlowMap.check))
        #expect(Set(Self.map.nodes.map(\.id)) == reachable, "no node is left over")
    }

    @Test func theNodesAreTheStartEveryQuestionCheckAndEachVerdict() {
        let ids = Self.map.nodes.map(\.id)
        #expect(ids == [FlowMap.start] + Flow().questions.map(\.code) + [FlowMap.check] + Verdict.allCases.map { $0.rawValue.uppercased() })
        #expect(Set(ids).count == ids.count)
        let helpdesk = FlowMap(flow: Flow(helpdesk: true))
        #expect(helpdesk.outgoing(from: FlowMap.start).map(\.to) == ["H1"])
        #expect(Set(Flow(helpdesk: true).questions.map(\.code)).isSubset(of: helpdesk.reachable))
    }

    @Test func everyNodeButTheVerdictsLeadsSomewhere() {
        for node in Self.map.nodes {
            let out = Self.outgoing(node.id)
            if Self.verdictIDs.contains(node.id) {
                #expect(out.isEmpty, "\(node.id) is an outcome: it ends the flow")
            } else {
                #expect(!out.isEmpty, "\(node.id) is a dead end")
            }
        }
        #expect(Self.outgoing(FlowMap.check).map(\.to).sorted() == Self.verdictIDs.sorted())
        #expect(Set(Self.map.edges).count == Self.map.edges.count, "no edge twice")
    }

    /// Walks every path from the start: each goes through Check to a verdict and never loops.
    @Test func everyPathReachesCheckAndThenAVerdict() {
        var paths = 0
        var problems: [String] = []
        func walk(_ node: String, _ path: [String]) {
            if path.contains(node) { problems.append("cycle: \((path + [node]).joined(separator: " → "))"); return }
            let path = path + [node]
            let out = Self.outgoing(node)
            if out.isEmpty {
                paths += 1
                if !Self.verdictIDs.contains(node) { problems.append("dead end: \(path.joined(separator: " → "))") }
                if !path.contains(FlowMap.check) { problems.append("skips Check: \(path.joined(separator: " → "))") }
                return
            }
            for edge in out { walk(edge.to, path) }
        }
        walk(FlowMap.start, [])
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        #expect(paths >= 4 * 4, "every route, each to every verdict")
    }

    /// The questions on each route's path are exactly the ones the wizard asks on that route.
    @Test(arguments: RouteType.allCases)
    func eachRouteFollowsThePathTheWizardAsks(_ route: RouteType) {
        var answers = Answers()
        answers.route.type = route
        answers.data.records = 10
        let asked = Flow().applicable(to: answers).map(\.code)
        let path = [FlowMap.start] + asked + [FlowMap.check]
        for (from, to) in zip(path, path.dropFirst()) {
            #expect(Self.map.edges.contains { $0.from == from && $0.to == to }, "\(from) → \(to) on \(route)")
        }
    }

    @Test func conditionsSayWhenAQuestionIsAsked() throws {
        for code in ["X1", "X2", "X3", "X4"] {
            let into = Self.edges(into: code)
            #expect(!into.isEmpty)
            #expect(into.allSatisfy { $0.condition.contains("third-party") }, "\(code): \(into.map(\.condition))")
            #expect(into.allSatisfy { !$0.condition.contains("same-system") })
        }
        let bulk = Self.edges(into: "D6")
        #expect(bulk.count == 1)
        #expect(bulk.first?.condition.contains("records not given") == true, "\(bulk)")
        let skipBulk = try #require(Self.map.edges.first { $0.from == "D5" && $0.to == "R1" })
        #expect(skipBulk.condition.contains("records given"))
        #expect(Self.edges(into: "R5").allSatisfy {
            $0.condition.contains("other-government-department") && $0.condition.contains("third-party")
                && !$0.condition.contains("between-moj-systems")
        })
        // Steps every transfer takes carry no condition.
        #expect(Self.map.edges.first { $0.from == "Y1" }?.condition == "")
        #expect(Self.map.edges.first { $0.from == "P1" }?.condition == "")
        // The mailbox question is asked inside the recipients step, and only for some methods.
        let recipients = try #require(Self.map.nodes.first { $0.id == "P1" })
        #expect(recipients.label.hasSuffix("(for each recipient P2–P7; P5 only if the method is email, secure email or not sure)"))
        #expect(Self.map.edges.contains { $0.from == "M1" && $0.to == "P1" && $0.condition.isEmpty }, "the method comes first")
        for (verdict, condition) in FlowMap.verdictNodes {
            #expect(Self.map.edges.contains { $0.from == FlowMap.check && $0.to == verdict.rawValue.uppercased() && $0.condition == condition })
        }
    }

    // MARK: - Renders

    static var allIDs: [String] { map.nodes.map(\.id) }

    static func balanced(_ text: String, _ open: Character, _ close: Character) -> Bool {
        var depth = 0
        var inQuotes = false
        var escaped = false
        for character in text {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" { inQuotes.toggle(); continue }
            guard !inQuotes else { continue }
            if character == open { depth += 1 }
            if character == close { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0 && !inQuotes
    }

    @Test func dotIsAPlausibleGraphvizDigraph() {
        let dot = Self.map.render(.dot)
        let lines = dot.split(separator: "\n").map(String.init)
        #expect(lines.first == "digraph dmf_wizard {")
        #expect(lines.last == "}")
        #expect(Self.balanced(dot, "{", "}"))
        #expect(Self.balanced(dot, "[", "]"))
        for id in Self.allIDs {
            #expect(lines.contains { $0.hasPrefix("  \(id) [label=\"") }, "node \(id)")
        }
        let edgeLines = lines.filter { $0.contains(" -> ") }
        #expect(edgeLines.count == Self.map.edges.count, "one edge per line")
        for line in edgeLines {
            #expect(line.hasSuffix(";"), "\(line)")
            #expect(line.components(separatedBy: " -> ").count == 2, "\(line)")
        }
        for line in lines.dropFirst().dropLast() {
            #expect(line.hasSuffix(";"), "every statement ends with a semicolon: \(line)")
        }
    }

    @Test func mermaidIsAPlausibleFlowchart() {
        let mermaid = Self.map.render(.mermaid)
        let lines = mermaid.split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart TD")
        for id in Self.allIDs {
            #expect(lines.contains { $0.hasPrefix("  \(id)[\"") && $0.hasSuffix("\"]") }, "node \(id)")
        }
        let edgeLines = lines.filter { $0.contains("-->") }
        #expect(edgeLines.count == Self.map.edges.count, "one edge per line")
        for line in edgeLines {
            #expect(line.components(separatedBy: "-->").count == 2, "\(line)")
            let quotes = line.filter { $0 == "\"" }.count
            #expect(quotes == 0 || quotes == 2, "\(line)")
        }
        #expect(!mermaid.dropFirst(12).contains("\\\""), "quotes are escaped the Mermaid way")
        #expect(Self.balanced(mermaid, "[", "]"))
    }

    @Test func textNamesEveryStepAndEveryOutcome() {
        let text = Self.map.render(.text)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Flow map (") == true)
        for question in Flow().questions {
            // The recipients step adds the questions asked of each recipient after its prompt.
            #expect(lines.contains { $0.hasPrefix("\(question.code): \(question.prompt)") }, "\(question.code) heads its block")
        }
        for verdict in Verdict.allCases {
            #expect(text.contains("-> Outcome: \(verdict.label)"))
        }
        #expect(lines.filter { $0.hasPrefix("  -> ") }.count == Self.map.edges.count, "one edge per line")
    }
}

extension FlowMap {
    func outgoing(from node: String) -> [Edge] { edges.filter { $0.from == node } }
}

@Suite struct DecisionTableTests {
    static let table = DecisionTable()

    static func rows(_ route: RouteType) -> [DecisionTable.Row] { table.rows.filter { $0.route == route } }

    @Test(arguments: RouteType.allCases)
    func eachRouteStartsWithItsBaseline(_ route: RouteType) throws {
        let first = try #require(Self.rows(route).first)
        #expect(first.changes.isEmpty)
        #expect(first == Self.table.rows.first { $0.route == route }, "the baseline comes first")
        let actions = first.findings.filter { $0.hasSuffix("(action)") || $0.hasSuffix("(refer)") || $0.hasSuffix("(blocker)") }
        // The baseline meets every rule; leaving the system still needs the DMF authorised (and,
        // between MOJ systems, the transit controls agreed): those are actions on every such transfer.
        switch route {
        case .sameSystem:
            #expect(first.verdict == .proceed)
            #expect(!first.dmfRequired)
            #expect(actions.isEmpty)
        case .betweenMOJSystems:
            #expect(first.verdict == .conditions)
            #expect(actions == ["dmf-authorised (action)", "transit-controls (action)"])
        case .otherGovernmentDepartment, .thirdParty:
            #expect(first.verdict == .conditions)
            #expect(actions == ["dmf-authorised (action)"])
        }
        #expect(first.dmfRequired == route.leavesSystem)
        #expect(Self.rows(route).dropFirst().allSatisfy { !$0.changes.isEmpty }, "only one baseline per route")
    }

    @Test func routesComeInOrder() {
        var routes: [RouteType] = []
        for row in Self.table.rows where routes.last != row.route { routes.append(row.route) }
        #expect(routes == RouteType.allCases)
    }

    @Test func everyRuleAndEveryVerdictAppears() {
        let findings = Set(Self.table.rows.flatMap(\.findings))
        let rules = Set(findings.map { String($0.prefix { $0 != " " }) })
        let missing = RuleID.allCases.filter { $0 != .recipientsListed && !rules.contains($0.rawValue) }
        #expect(missing.isEmpty, "rules no row shows: \(missing)")
        #expect(Set(Self.table.rows.map(\.verdict)) == Set(Verdict.allCases))
        for route in RouteType.allCases {
            #expect(Set(Self.rows(route).map(\.verdict)).count >= 3, "\(route) shows several outcomes")
        }
    }

    /// recipients-authorised as revised on 2026-11-29: a shared mailbox changes the outcome only
    /// with a method that delivers to a mailbox (blocked), or one not known yet (referred).
    @Test(arguments: RouteType.allCases)
    func aSharedMailboxMattersOnlyWithAMethodThatDeliversToAMailbox(_ route: RouteType) {
        let rows = Self.rows(route).filter { $0.changes.contains("recipients[0].mailbox=shared") }
        #expect(rows.map(\.changes) == [
            ["method=secure-email", "recipients[0].mailbox=shared"], ["method=email", "recipients[0].mailbox=shared"],
            ["method=not-sure", "recipients[0].mailbox=shared"],
        ])
        for row in rows where !row.changes.contains("method=not-sure") {
            #expect(row.verdict == .blocked && row.findings.contains("recipients-authorised (blocker)"), "\(row.changes)")
        }
        #expect(rows.last?.findings.contains("recipients-authorised (refer)") == true)
    }

    @Test func everyRowAfterTheBaselineChangesTheOutcome() {
        for route in RouteType.allCases {
            let rows = Self.rows(route)
            let base = rows[0]
            for row in rows.dropFirst() {
                #expect(row.findings != base.findings || row.verdict != base.verdict, "\(row.changes)")
            }
            #expect(Set(rows.map(\.changes)).count == rows.count, "no row twice")
        }
    }

    /// CSV fields, honouring quotes ("a, b" and doubled quotes).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test func csvHasAHeaderAndTheSameColumnsOnEveryRow() throws {
        let csv = Self.table.render(.csv)
        #expect(csv.hasSuffix("\n"))
        let rows = Self.parseCSV(csv)
        let header = try #require(rows.first)
        #expect(header == ["route", "answers_changed_from_baseline", "verdict", "dmf_required", "findings"])
        #expect(rows.count == Self.table.rows.count + 1)
        let widths = Set(rows.map(\.count))
        #expect(widths == [header.count], "column counts: \(widths)")
        for (parsed, row) in zip(rows.dropFirst(), Self.table.rows) {
            #expect(parsed[0] == row.route.rawValue)
            #expect(parsed[1] == (row.changes.isEmpty ? "(baseline)" : row.changes.joined(separator: "; ")))
            #expect(parsed[2] == row.verdict.rawValue)
            #expect(parsed[3] == (row.dmfRequired ? "yes" : "no"))
            #expect(parsed[4] == row.findings.joined(separator: "; "))
        }
    }

    @Test func csvFieldsWithCommasOrQuotesAreQuoted() {
        let rows = Self.parseCSV("a,\"b, c\",\"say \"\"hi\"\"\"\n")
        #expect(rows == [["a", "b, c", "say \"hi\""]])
    }

    @Test func markdownRowsHaveFiveColumns() {
        let markdown = Self.table.render(.markdown)
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("# Decision table (") == true)
        let tableLines = lines.filter { $0.hasPrefix("|") }
        #expect(tableLines.count == Self.table.rows.count + 2, "header, rule, then one line per row")
        #expect(tableLines[1] == "|---|---|---|---|---|")
        for line in tableLines {
            #expect(line.hasSuffix("|"))
            #expect(line.filter { $0 == "|" }.count == 6, "5 columns: \(line)")
        }
        #expect(tableLines.contains { $0.hasPrefix("| same-system | (baseline) | proceed | no |") })
    }
}
