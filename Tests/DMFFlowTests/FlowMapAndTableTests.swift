import DMFFlow
import DMFPolicy
import Foundation
import Testing

/// The flow map and the decision table policy owners sign off: derived from the questions and
/// the engine, they must show every question, every outcome and every rule, with no dead ends.
@Suite struct FlowMapTests {
    static let table = DecisionTable()
    static let map = FlowMap(flow: Flow(helpdesk: false), table: table)
    /// What `dmf-wizard flow` prints: the standard and helpdesk flows on one map.
    static let both = FlowMap(table: table)
    static let verdictIDs = Set(Verdict.allCases.map(FlowMap.outcome))
    static let recipientCodes = Flow.recipientQuestions.map(\.code.rawValue)

    static func outgoing(_ node: String) -> [FlowMap.Edge] { map.edges.filter { $0.from == node } }
    static func edges(into node: String) -> [FlowMap.Edge] { map.edges.filter { $0.to == node } }

    @Test func everyQuestionAndEveryVerdictIsReachableFromTheStart() {
        let reachable = Self.map.reachable
        let unreachable = Flow(helpdesk: false).questions.map(\.code.rawValue).filter { !reachable.contains($0) }
        #expect(unreachable.isEmpty, "questions nobody can reach: \(unreachable)")
        #expect(Self.verdictIDs.isSubset(of: reachable))
        #expect(reachable.contains(FlowMap.check))
        #expect(Set(Self.map.nodes.map(\.id)) == reachable, "no node is left over")
    }

    @Test func theNodesAreTheStartEveryQuestionCheckAndEachVerdict() {
        let ids = Self.map.nodes.map(\.id)
        // The recipients step is followed by the questions asked of each recipient, then the loop's decision.
        let questions = Flow().questions.map(\.code.rawValue)
            .flatMap { $0 == "P1" ? ["P1"] + Self.recipientCodes + [FlowMap.nextRecipient] : [$0] }
        #expect(ids == [FlowMap.start] + questions + [FlowMap.check] + Verdict.allCases.map(FlowMap.outcome))
        #expect(Set(ids).count == ids.count)
        let helpdesk = FlowMap(flow: Flow(helpdesk: true), table: Self.table)
        #expect(helpdesk.outgoing(from: FlowMap.helpdeskStart).map(\.to) == ["H1"])
        #expect(Set(Flow(helpdesk: true).questions.map(\.code.rawValue)).isSubset(of: helpdesk.reachable))
    }

    /// `flow` shows every question of both flows, and of the recipient editor, as a node.
    @Test func everyQuestionOfEveryFlowIsANode() {
        let ids = Set(Self.both.nodes.map(\.id))
        let codes =
            Flow().questions.map(\.code.rawValue) + Flow(helpdesk: true).questions.map(\.code.rawValue)
            + Self.recipientCodes
        let missing = codes.filter { !ids.contains($0) }
        #expect(missing.isEmpty, "questions the map leaves out: \(missing)")
        #expect(Set(codes).isSubset(of: Self.both.reachable))
        #expect(Self.both.nodes.prefix(2).map(\.id) == [FlowMap.start, FlowMap.helpdeskStart])
    }

    /// The helpdesk asks H1–H4 first and joins the standard flow where `Flow(helpdesk:)` does.
    @Test func theHelpdeskStartLeadsThroughItsQuestionsToWhereItJoins() throws {
        let helpdesk = Flow(helpdesk: true).questions
        let own = helpdesk.filter { $0.section == .helpdesk }.map(\.code.rawValue)
        #expect(own == ["H1", "H2", "H3", "H4"])
        let joins = try #require(helpdesk.first { $0.section != .helpdesk }?.code.rawValue)
        let path = [FlowMap.helpdeskStart] + own + [joins]
        for (from, to) in zip(path, path.dropFirst()) {
            #expect(Self.both.outgoing(from: from).map(\.to) == [to], "\(from) → \(to)")
        }
        #expect(Self.both.outgoing(from: FlowMap.start).map(\.to) == ["Y1"])
        // Y2 is shared: the standard flow goes on to Y3, the helpdesk (which asked the team at H2) to T1.
        let afterEmail = Self.both.outgoing(from: "Y2")
        #expect(afterEmail.contains { $0.to == "Y3" && $0.condition == "not a helpdesk call" }, "\(afterEmail)")
        #expect(afterEmail.contains { $0.to == "T1" && $0.condition == "a helpdesk call" }, "\(afterEmail)")
    }

    /// P1 → P2 … P7 → "another recipient?" → back to P2, or on; P5 only where the method asks it.
    @Test func theRecipientLoopIsDrawnWithTheMailboxOnlyForSomeMethods() throws {
        let into = Self.map.edges.filter { $0.to == "P5" }
        #expect(into.map(\.from) == ["P4"])
        let mailboxMethods = TransferMethod.allCases.filter(\.asksMailbox).map(\.rawValue)
        let listed = mailboxMethods.dropLast().joined(separator: ", ") + " or " + mailboxMethods.last!
        #expect(into.first?.condition == "method " + listed)
        let skip = try #require(Self.map.edges.first { $0.from == "P4" && $0.to == "P6" })
        #expect(skip.condition == "method other than " + listed)
        for (from, to) in [("P1", "P2"), ("P2", "P3"), ("P3", "P4"), ("P6", "P7"), ("P7", FlowMap.nextRecipient)] {
            #expect(Self.map.outgoing(from: from).map(\.to) == [to], "\(from) → \(to)")
            #expect(Self.map.outgoing(from: from).first?.condition == "", "\(from) always goes on")
        }
        let next = Self.map.outgoing(from: FlowMap.nextRecipient)
        #expect(next.map(\.to) == ["P2", "K1"])
        #expect(next.map(\.condition) == [FlowMap.anotherRecipient, FlowMap.noMoreRecipients])
    }

    /// Each outcome names the rules that can lead to it, as found in the decision table's rows.
    @Test(arguments: FindingKind.allCases)
    func eachOutcomeNamesEveryRuleThatCanGiveItsKindOfFinding(_ kind: FindingKind) throws {
        let verdict = DecisionTable.verdict(for: kind)
        let edge = try #require(Self.map.edges.first { $0.from == FlowMap.check && $0.to == FlowMap.outcome(verdict) })
        let giving = Set(Self.table.rows.flatMap(\.findings).filter { $0.kind == kind }.map(\.rule))
        #expect(!giving.isEmpty || kind == .info)
        for rule in giving {
            #expect(edge.condition.contains("\(rule.rawValue) (\(rule.title))"), "\(verdict) names \(rule.rawValue)")
        }
        #expect(edge.condition.contains(kind.label))
    }

    /// ...and only those: a rule that never gives the outcome's kinds is not named on its edge.
    @Test(arguments: Verdict.allCases)
    func anOutcomeNamesNoRuleThatCannotLeadToIt(_ verdict: Verdict) throws {
        let edge = try #require(Self.map.edges.first { $0.from == FlowMap.check && $0.to == FlowMap.outcome(verdict) })
        let kinds = FindingKind.allCases.filter { DecisionTable.verdict(for: $0) == verdict }
        let giving = Set(Self.table.rows.flatMap(\.findings).filter { kinds.contains($0.kind) }.map(\.rule))
        let named = Set(RuleID.allCases.filter { edge.condition.contains(" \($0.rawValue) (\($0.title))") })
        #expect(named == giving)
    }

    /// The blocker edge as the brief words it: the must-change rules, by id and title.
    @Test func blockedNamesTheRecipientRules() throws {
        let blocked = try #require(Self.map.edges.first { $0.to == FlowMap.outcome(.blocked) })
        let start = "a rule says \(FindingKind.blocker.label): recipients-authorised (Every recipient is authorised), "
        #expect(blocked.condition.hasPrefix(start), "\(blocked.condition)")
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

    /// The recipient loop's way back to P2, the one edge that goes back.
    static func isLoopBack(_ edge: FlowMap.Edge) -> Bool {
        edge.from == FlowMap.nextRecipient && edge.condition == FlowMap.anotherRecipient
    }

    /// Walks every path from each start: each goes through Check to a verdict, and apart from
    /// going round the recipient loop again, never loops.
    @Test(arguments: [FlowMap.start, FlowMap.helpdeskStart])
    func everyPathReachesCheckAndThenAVerdict(_ start: String) {
        var paths = 0
        var problems: [String] = []
        func walk(_ node: String, _ path: [String]) {
            if path.contains(node) { problems.append("cycle: \((path + [node]).joined(separator: " → "))"); return }
            let path = path + [node]
            let out = Self.both.outgoing(from: node).filter { !Self.isLoopBack($0) }
            if out.isEmpty {
                paths += 1
                if !Self.verdictIDs.contains(node) { problems.append("dead end: \(path.joined(separator: " → "))") }
                if !path.contains(FlowMap.check) { problems.append("skips Check: \(path.joined(separator: " → "))") }
                return
            }
            for edge in out { walk(edge.to, path) }
        }
        walk(start, [])
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        #expect(paths >= 4 * 4, "every route, each to every verdict")
        #expect(Self.both.edges.filter(Self.isLoopBack).map(\.to) == [Self.recipientCodes[0]])
    }

    /// The questions on each route's path are exactly the ones the wizard asks on that route.
    @Test(arguments: RouteType.allCases)
    func eachRouteFollowsThePathTheWizardAsks(_ route: RouteType) {
        var answers = Answers()
        answers.route.type = route
        answers.data.records = 10
        // The recipients step runs through its loop (here without the mailbox) before going on.
        let asked = Flow().applicable(to: answers).map(\.code.rawValue)
            .flatMap { $0 == "P1" ? ["P1", "P2", "P3", "P4", "P6", "P7", FlowMap.nextRecipient] : [$0] }
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
        #expect(
            Self.edges(into: "R5").allSatisfy {
                $0.condition.contains("other-government-department") && $0.condition.contains("third-party")
                    && !$0.condition.contains("between-moj-systems")
            })
        // Steps every transfer takes carry no condition.
        #expect(Self.map.edges.first { $0.from == "Y1" }?.condition == "")
        #expect(Self.map.edges.first { $0.from == "P1" }?.condition == "")
        #expect(
            Self.map.edges.contains { $0.from == "M1" && $0.to == "P1" && $0.condition.isEmpty },
            "the method comes first")
        let recipients = try #require(Self.map.nodes.first { $0.id == "P1" })
        #expect(recipients.label == "P1: Who will receive the information? (then P2–P7 for each recipient)")
    }

    // MARK: - Renders

    static var allIDs: [String] { both.nodes.map(\.id) }

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
        let dot = Self.both.render(.dot)
        let lines = dot.split(separator: "\n").map(String.init)
        #expect(lines.first == "digraph dmf_wizard {")
        #expect(lines.last == "}")
        #expect(Self.balanced(dot, "{", "}"))
        #expect(Self.balanced(dot, "[", "]"))
        for id in Self.allIDs {
            #expect(lines.contains { $0.hasPrefix("  \(id) [label=\"") }, "node \(id)")
        }
        let edgeLines = lines.filter { $0.contains(" -> ") }
        #expect(edgeLines.count == Self.both.edges.count, "one edge per line")
        for line in edgeLines {
            #expect(line.hasSuffix(";"), "\(line)")
            #expect(line.components(separatedBy: " -> ").count == 2, "\(line)")
        }
        for line in lines.dropFirst().dropLast() {
            #expect(line.hasSuffix(";"), "every statement ends with a semicolon: \(line)")
        }
    }

    @Test func mermaidIsAPlausibleFlowchart() {
        let mermaid = Self.both.render(.mermaid)
        let lines = mermaid.split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart TD")
        for id in Self.allIDs {
            #expect(lines.contains { $0.hasPrefix("  \(id)[\"") && $0.hasSuffix("\"]") }, "node \(id)")
        }
        let edgeLines = lines.filter { $0.contains("-->") }
        #expect(edgeLines.count == Self.both.edges.count, "one edge per line")
        for line in edgeLines {
            #expect(line.components(separatedBy: "-->").count == 2, "\(line)")
            let quotes = line.filter { $0 == "\"" }.count
            #expect(quotes == 0 || quotes == 2, "\(line)")
        }
        #expect(!mermaid.dropFirst(12).contains("\\\""), "quotes are escaped the Mermaid way")
        #expect(Self.balanced(mermaid, "[", "]"))
    }

    @Test func textNamesEveryStepAndEveryOutcome() {
        let text = Self.both.render(.text)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Flow map (") == true)
        for question in Flow().questions + Flow(helpdesk: true).questions + Flow.recipientQuestions {
            // Each node heads the block of its ways on; the helpdesk's Y2 shares the standard wording.
            #expect(lines.contains { $0.hasPrefix("\(question.code): ") }, "\(question.code) heads its block")
        }
        #expect(lines.contains("Start (helpdesk)"))
        for verdict in Verdict.allCases {
            #expect(text.contains("-> Outcome: \(verdict.label)"))
        }
        #expect(lines.filter { $0.hasPrefix("  -> ") }.count == Self.both.edges.count, "one edge per line")
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
        #expect(first.changes.isEmpty && first.plainChanges.isEmpty)
        #expect(first == Self.table.rows.first { $0.route == route }, "the baseline comes first")
        let actions = first.findings.filter { $0.kind <= .action }.map(\.description)
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

    @Test func theBaselineReadsInPlainWords() {
        // In the answers file's order; an answer the table does not vary (free text) is not listed.
        let sameSystem = DecisionTable.baselineAnswers(.sameSystem)
        let expected = [
            "Share or move: Share (I will keep a copy)", "Classification: OFFICIAL", "Old (pre-2014) marking: None",
            "Personal data: No", "Bulk (about 1,000 people or more): No", "Recipient authorised: Yes",
            "Recipient clearance: BPSS", "Transfer method: A secure network (for example PSN, CJSE, DISC)",
            "Delete by: 2027-03-31",
        ]
        #expect(sameSystem.filter(expected.contains) == expected)
        #expect(!sameSystem.contains { $0.hasPrefix("Route") || $0.hasPrefix("Recipient mailbox") })
        let thirdParty = DecisionTable.baselineAnswers(.thirdParty)
        #expect(thirdParty.contains("Receiving system accredited to: TOP SECRET"))
        #expect(
            thirdParty.contains("Contract in place: Yes")
                && thirdParty.contains("Codes of Connection (CoCo): Not needed"))
        #expect(thirdParty.last == "IAO decision: Authorised")
        #expect(!DecisionTable.baselineAnswers(.betweenMOJSystems).contains { $0.hasPrefix("Contract") })
    }

    /// Each baseline sets every answer the schema gives a compliant value, where it applies.
    @Test(arguments: RouteType.allCases)
    func theBaselineIsTheSchemasCompliantAnswers(_ route: RouteType) throws {
        let base = DecisionTable.baseline(route)
        #expect(base.isComplete, "\(base.missingFields)")
        for field in AnswerSchema.fields where field.compliant != nil {
            #expect(field.value(in: base) == (field.applies(base) ? field.compliant : nil), "\(field.path)")
        }
        for field in AnswerSchema.recipient where field.compliant != nil {
            #expect(
                field.value(in: base.recipients[0]) == (field.applies(base) ? field.compliant : nil), "\(field.path)")
        }
    }

    /// Rows say what changed as people read it: the schema's label and the option's, never `key=value`.
    @Test func changesReadInPlainWords() throws {
        for row in Self.table.rows {
            #expect(row.plainChanges.count == row.changes.count, "\(row.changes)")
            for (raw, plain) in zip(row.changes, row.plainChanges) {
                let key = String(raw.prefix { $0 != "=" })
                let label = try #require(
                    AnswerSchema.field(key)?.label
                        ?? AnswerSchema.recipientField(String(key.dropFirst("recipients[0].".count))).map {
                            "Recipient " + $0.label.lowercased()
                        }, "no answer \(key)")
                #expect(plain.hasPrefix(label + ": "), "\(raw) → \(plain)")
            }
        }
        let secret = Self.rows(.sameSystem)
            .first { $0.changes == ["data.classification=secret", "data.legacy_marking=il3-restricted"] }
        #expect(secret?.plainChanges == ["Classification: SECRET", "Old (pre-2014) marking: IL3 RESTRICTED"])
        // A value the baseline already has is no change, so it is not listed.
        #expect(!Self.table.rows.contains { $0.changes.contains("data.classification=official") })
        for route in RouteType.allCases {
            #expect(Set(Self.rows(route).map(\.plainChanges)).count == Self.rows(route).count, "\(route): no row twice")
        }
        // An answer left out reads "not given".
        #expect(Self.rows(.sameSystem).contains { $0.plainChanges == ["Delete by: not given"] })
    }

    @Test func findingsReadAsKindRuleTitleAndId() throws {
        let finding = DecisionTable.RuleFinding(rule: .recipientsAuthorised, kind: .blocker)
        #expect(finding.plain == "Must change: Every recipient is authorised [recipients-authorised]")
        #expect(finding.description == "recipients-authorised (blocker)")
        for row in Self.table.rows {
            #expect(row.findings == row.findings.sorted(), "heaviest first")
            #expect(row.verdict == row.findings.first.map { DecisionTable.verdict(for: $0.kind) } ?? .proceed)
        }
    }

    @Test func routesComeInOrder() {
        var routes: [RouteType] = []
        for row in Self.table.rows where routes.last != row.route { routes.append(row.route) }
        #expect(routes == RouteType.allCases)
    }

    @Test func everyRuleAndEveryVerdictAppears() {
        let rules = Set(Self.table.rows.flatMap(\.findings).map(\.rule))
        let missing = RuleID.allCases.filter { $0 != .recipientsListed && !rules.contains($0) }
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
        #expect(
            rows.map(\.changes) == [
                ["method=secure-email", "recipients[0].mailbox=shared"],
                ["method=email", "recipients[0].mailbox=shared"],
                ["method=not-sure", "recipients[0].mailbox=shared"],
            ])
        let blocker = DecisionTable.RuleFinding(rule: .recipientsAuthorised, kind: .blocker)
        for row in rows where !row.changes.contains("method=not-sure") {
            #expect(row.verdict == .blocked && row.findings.contains(blocker), "\(row.changes)")
        }
        #expect(rows.last?.findings.contains(.init(rule: .recipientsAuthorised, kind: .refer)) == true)
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

    // MARK: - CSV

    /// A strict RFC 4180 reader: a quote may only open a field and, doubled, stand for itself
    /// inside one. Returns nil for text a spreadsheet would read differently from what was meant.
    static func parseCSV(_ text: String) -> [[String]]? {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var closed = false  // just after a closing quote: only a separator may follow
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character != "\"" { field.append(character); continue }
                if characters.first == "\"" {
                    field.append("\"")
                    characters.removeFirst()
                } else {
                    quoted = false
                    closed = true
                }
                continue
            }
            switch character {
            case "\"":
                guard field.isEmpty, !closed else { return nil }
                quoted = true
            case ",": row.append(field); field = ""; closed = false
            case "\n": row.append(field); rows.append(row); row = []; field = ""; closed = false
            default:
                guard !closed else { return nil }
                field.append(character)
            }
        }
        guard !quoted else { return nil }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// The product's CSV, read back: one record per row of the model, every field as the model has it.
    @Test func csvReadsBackAsTheTable() throws {
        let csv = Self.table.render(.csv)
        #expect(csv.hasSuffix("\n"))
        let rows = try #require(Self.parseCSV(csv), "the CSV is not valid RFC 4180")
        let header = try #require(rows.first)
        #expect(header == DecisionTable.csvHeader)
        let raw = ["route", "answers_changed_from_baseline", "verdict", "dmf_required", "findings"]
        #expect(Array(header.prefix(5)) == raw, "the raw columns stay where scripts expect them")
        #expect(rows.count == Self.table.rows.count + 1)
        #expect(Set(rows.map(\.count)) == [header.count], "the same columns on every line")
        for (parsed, row) in zip(rows.dropFirst(), Self.table.rows) {
            let baseline = "Baseline: " + DecisionTable.baselineAnswers(row.route).joined(separator: "; ")
            #expect(
                parsed == [
                    row.route.rawValue, row.changes.isEmpty ? "(baseline)" : row.changes.joined(separator: "; "),
                    row.verdict.rawValue, row.dmfRequired ? "yes" : "no",
                    row.findings.map(\.description).joined(separator: "; "),
                    row.route.shortLabel, row.changes.isEmpty ? baseline : row.plainChanges.joined(separator: "; "),
                    row.verdict.label, row.findings.map(\.plain).joined(separator: "; "),
                ])
        }
        // Commas in the product's own words ("about 1,000 people") survive the round trip.
        #expect(rows.contains { $0[6].contains("Bulk (about 1,000 people or more): Not sure") })
        #expect(csv.contains("\"Bulk (about 1,000 people or more): Not sure\""))
    }

    @Test(arguments: ["plain", "a, b", "say \"hi\"", "\"", "two\nlines", "", "trailing,"])
    func aCSVFieldRoundTrips(_ text: String) throws {
        let line = [text, "next"].map(DecisionTable.csvField).joined(separator: ",") + "\n"
        #expect(Self.parseCSV(line) == [[text, "next"]], "\(line.debugDescription)")
    }

    // MARK: - Markdown

    @Test func markdownHasAHeadingABaselineAndATablePerRoute() throws {
        let markdown = Self.table.render(.markdown)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("# Decision table (") == true)
        #expect(lines.filter { $0.hasPrefix("## ") } == RouteType.allCases.map { "## \($0.shortLabel)" })
        #expect(lines.filter { $0 == "### Baseline" }.count == RouteType.allCases.count)
        for route in RouteType.allCases {
            let heading = try #require(lines.firstIndex(of: "## \(route.shortLabel)"))
            let block = lines[heading...].prefix { !$0.hasPrefix("| Answers changed from the baseline |") }
            #expect(block.contains("Route: \(route.label) (`\(route.rawValue)`)"))
            for answer in DecisionTable.baselineAnswers(route) { #expect(block.contains("- \(answer)"), "\(answer)") }
            let base = Self.rows(route)[0]
            let required = base.dmfRequired ? "yes" : "no"
            #expect(block.contains("Verdict: **\(base.verdict.label)**. DMF required: \(required)."))
            for finding in base.findings { #expect(block.contains("- \(finding.plain)")) }
        }
        let tableLines = lines.filter { $0.hasPrefix("|") }
        let headers = RouteType.allCases.count * 2
        #expect(
            tableLines.count == Self.table.rows.count - RouteType.allCases.count + headers,
            "the baselines are blocks of their own, not rows")
        #expect(tableLines.filter { $0 == "|---|---|---|---|" }.count == RouteType.allCases.count)
        for line in tableLines {
            #expect(line.hasSuffix(" |") || line.hasSuffix("-|"))
            let separators = zip(line, " " + line).filter { $0.0 == "|" && $0.1 != "\\" }.count
            #expect(separators == 5, "4 columns: \(line)")
        }
        #expect(
            tableLines.contains {
                $0.hasPrefix(
                    "| Classification: SECRET | BLOCKED | no | + Must change: Every recipient holds the clearance")
            })
    }

    // MARK: - Golden

    /// The table policy owners sign off, kept in the repository so a rule change shows as a diff.
    /// After an intended change: `RECORD_GOLDEN=1 swift test --filter DecisionTableTests`, review
    /// `git diff Tests/DMFFlowTests/Golden`, then run again without the variable. A recording run
    /// always fails, so it can never pass silently.
    @Test func markdownMatchesTheGoldenFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/decision-table.md")
        let actual = Self.table.render(.markdown)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            Issue.record("Recorded Golden/decision-table.md because RECORD_GOLDEN=1; review it, then run again.")
            return
        }
        let expected = try #require(
            try? String(contentsOf: url, encoding: .utf8),
            "Golden/decision-table.md is missing; record it with RECORD_GOLDEN=1")
        guard actual != expected else { return }
        // Not #expect(actual == expected): that would print two tables of thousands of lines.
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ lines: [Substring], _ index: Int) -> Substring { index < lines.count ? lines[index] : "" }
        let differing = (0..<max(old.count, new.count)).filter { line(old, $0) != line(new, $0) }
        let shown = differing.prefix(6).map { "- \($0 + 1)  \(line(old, $0))\n+ \($0 + 1)  \(line(new, $0))" }
        Issue.record(
            """
            Golden/decision-table.md differs in \(differing.count) line(s); if intended, re-record with RECORD_GOLDEN=1.
            \(shown.joined(separator: "\n"))
            """)
    }

    @Test func theGoldenFolderTellsEditorsToKeepWhitespace() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/.editorconfig")
        let config = try String(contentsOf: url, encoding: .utf8)
        #expect(config.contains("trim_trailing_whitespace = false") && config.contains("end_of_line = lf"))
    }
}
