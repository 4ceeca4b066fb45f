import DMFPolicy

/// The flow as a graph for policy owners: every question and outcome, with the conditions on
/// the way between them, derived from the questions' own `applies` conditions (so the map
/// cannot drift from what the wizard does). The standard and helpdesk flows share one map:
/// each has its own start, and the helpdesk questions join the standard ones where that flow
/// does. The recipients step is drawn as the loop it is (P2–P7 for each recipient), and each
/// outcome names the rules that can lead to it, taken from the decision table.
public struct FlowMap: Sendable {
    public struct Edge: Sendable, Equatable, Hashable {
        public var from: String
        public var to: String
        /// Empty when the step always follows; else the situations in which it does.
        public var condition: String
    }

    public struct Node: Sendable, Equatable {
        public var id: String
        public var label: String
    }

    public private(set) var nodes: [Node] = []
    public private(set) var edges: [Edge] = []

    public static let start = "START"
    public static let helpdeskStart = "START_HELPDESK"
    /// The decision after each recipient: add another (back to P2) or go on.
    public static let nextRecipient = "NEXT_RECIPIENT"
    public static let check = "CHECK"
    public static let anotherRecipient = "another recipient"
    public static let noMoreRecipients = "no more recipients"

    /// The node id of an outcome: "BLOCKED".
    public static func outcome(_ verdict: Verdict) -> String { verdict.rawValue.uppercased() }

    /// The situations that decide which questions apply: every route, with and without a record count.
    static var situations: [(label: String, answers: Answers)] {
        RouteType.allCases.flatMap { route in
            [false, true].map { records in
                var answers = Answers()
                answers.route.type = route
                answers.data.records = records ? 1 : nil
                return ("route \(route.rawValue)\(records ? ", records given" : ", records not given")", answers)
            }
        }
    }

    /// What decides which recipient questions apply: the method (P5, the mailbox, only where it
    /// delivers to a mailbox). Like the wizard, they are asked of one recipient with the method.
    static var recipientSituations: [(label: String, answers: Answers)] {
        TransferMethod.allCases.map { method in
            var answers = Answers()
            answers.method = method
            answers.recipients = [Answers.Recipient()]
            return (method.rawValue, answers)
        }
    }

    public init(flow: Flow, table: DecisionTable = DecisionTable()) { self.init(flows: [flow], table: table) }

    public init(flows: [Flow] = [Flow(), Flow(helpdesk: true)], table: DecisionTable = DecisionTable()) {
        // The recipients step (P1) is followed by the questions asked of each recipient.
        let list = flows.lazy.flatMap(\.questions).first(where: \.isRecipientsList)?.code.rawValue
        let perRecipient = Flow.recipientQuestions.map(\.code.rawValue)

        // Nodes: each flow's start, every question in the order the flows ask them, Check, outcomes.
        var labels = [Self.nextRecipient: "Another recipient? (back on the \(list ?? "") list: add one, or go on)"]
        for question in flows.flatMap(\.questions) + Flow.recipientQuestions where labels[question.code.rawValue] == nil
        {
            labels[question.code.rawValue] = Self.label(question)
        }
        let codes = Self.merged(flows.map { $0.questions.map(\.code.rawValue) })
            .flatMap { $0 == list ? [$0] + perRecipient + [Self.nextRecipient] : [$0] }
        nodes = flows.map { Node(id: Self.start(of: $0), label: $0.isHelpdesk ? "Start (helpdesk)" : "Start") }
        nodes += codes.map { Node(id: $0, label: labels[$0]!) }
        nodes.append(Node(id: Self.check, label: "Check your answers"))
        nodes += Verdict.allCases.map { Node(id: Self.outcome($0), label: "Outcome: \($0.label)") }

        // Follow each situation's path; an edge's condition lists the situations that take it.
        // The recipients step goes straight to "another recipient?" here; its loop comes next.
        var steps = PathTally()
        for flow in flows {
            for situation in Self.situations {
                let codes = flow.applicable(to: situation.answers).map(\.code.rawValue)
                    .flatMap { $0 == list ? [$0, Self.nextRecipient] : [$0] }
                steps.add(
                    [Self.start(of: flow)] + codes + [Self.check], situation.label,
                    flow: flow.isHelpdesk ? "a helpdesk call" : "not a helpdesk call")
            }
        }
        var edges: [Edge] = []
        if let list, let first = perRecipient.first {
            var loop = PathTally()
            for situation in Self.recipientSituations {
                let codes = Flow.recipientQuestions.filter { $0.applies(to: situation.answers) }.map(\.code.rawValue)
                loop.add([list] + codes + [Self.nextRecipient], situation.label)
            }
            edges += loop.edges(total: Self.recipientSituations.count, condense: Self.condenseMethods)
            edges.append(Edge(from: Self.nextRecipient, to: first, condition: Self.anotherRecipient))
        }
        for edge in steps.edges(total: Self.situations.count, condense: Self.condense)
        where !(edge.from == list && edge.to == Self.nextRecipient) {
            guard edge.from == Self.nextRecipient else { edges.append(edge); continue }
            let condition = [Self.noMoreRecipients, edge.condition].filter { !$0.isEmpty }.joined(separator: "; ")
            edges.append(Edge(from: edge.from, to: edge.to, condition: condition))
        }
        edges += Self.outcomeEdges(table)
        // In node order, so every format lists a node's ways on together and the same way each run.
        let position = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($0.element.id, $0.offset) })
        self.edges = edges.sorted { (position[$0.from]!, position[$0.to]!) < (position[$1.from]!, position[$1.to]!) }
    }

    static func start(of flow: Flow) -> String { flow.isHelpdesk ? helpdeskStart : start }

    /// The flows' question codes as one list that keeps each flow's order: a code only one flow
    /// asks goes right after the one it follows there (H1–H4 before Y1, where the helpdesk starts).
    static func merged(_ lists: [[String]]) -> [String] {
        var codes: [String] = []
        for list in lists {
            var previous: String?
            for code in list {
                if !codes.contains(code) {
                    codes.insert(code, at: previous.flatMap { codes.firstIndex(of: $0) }.map { $0 + 1 } ?? 0)
                }
                previous = code
            }
        }
        return codes
    }

    /// Check → each outcome, naming the rules that can give the kinds of finding that decide it
    /// (from the decision table's rows) rather than a list kept by hand.
    static func outcomeEdges(_ table: DecisionTable) -> [Edge] {
        let rulesByKind = table.rulesByKind
        return Verdict.allCases.compactMap { verdict in
            let kinds = FindingKind.allCases.filter { DecisionTable.verdict(for: $0) == verdict }
            guard let heaviest = kinds.min() else { return nil }
            let heavier = FindingKind.allCases.filter { $0 < heaviest }.map(\.label)
            let rules = RuleID.allCases.filter { rule in kinds.contains { rulesByKind[$0]?.contains(rule) == true } }
            let named = rules.map { "\($0.rawValue) (\($0.title))" }.joined(separator: ", ")
            let says = orList(kinds.map(\.label))
            let condition =
                if heavier.isEmpty {
                    "a rule says \(says): \(named)"
                } else if kinds.contains(FindingKind.allCases.max()!) {
                    // The lightest outcome also covers no finding at all.
                    "no rule says \(orList(heavier)); at most \(says): \(named)"
                } else {
                    "no rule says \(orList(heavier)), and one says \(says): \(named)"
                }
            return Edge(from: check, to: outcome(verdict), condition: condition)
        }
    }

    /// "R2: Which MOJ system…"; the recipients step also names the questions asked of each recipient.
    static func label(_ question: Question) -> String {
        var label = "\(question.code): \(question.prompt)"
        let asked = Flow.recipientQuestions
        if question.isRecipientsList, let first = asked.first, let last = asked.last {
            label += " (then \(first.code)–\(last.code) for each recipient)"
        }
        return label
    }

    /// Recipient steps taken with only some methods: the method's key then "secure-email, email
    /// or not-sure", or, when most methods take it, "other than …".
    static func condenseMethods(_ methods: [String]) -> String {
        let others = TransferMethod.allCases.map(\.rawValue).filter { !methods.contains($0) }
        let method = AnswerSchema.field(at: \Answers.method)?.path ?? ""
        return methods.count <= others.count
            ? "\(method) \(orList(methods))" : "\(method) other than \(orList(others))"
    }

    /// "a", "a or b", "a, b or c".
    static func orList(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    /// "route third-party, records given" + "…not given" → "route third-party".
    static func condense(_ labels: [String]) -> String {
        var routes: [String] = []
        var byRoute: [String: [String]] = [:]
        for label in labels {
            let parts = label.split(separator: ",", maxSplits: 1).map { String($0).trimmed }
            if byRoute[parts[0]] == nil { routes.append(parts[0]) }
            byRoute[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        let recordsAlways = byRoute.values.allSatisfy { $0.count == 2 }
        let recordsCase = byRoute.values.first?.first ?? ""
        let recordsSame = byRoute.values.allSatisfy { $0 == [recordsCase] }
        let allRoutes = routes.count == RouteType.allCases.count
        let routeText = "route " + routes.map { $0.replacingPrefix("route ", "") }.joined(separator: " or ")
        if recordsAlways { return routeText }
        if recordsSame { return allRoutes ? recordsCase : "\(routeText), \(recordsCase)" }
        return labels.joined(separator: "; ")
    }

    /// Every node reachable from a start (standard or helpdesk).
    public var reachable: Set<String> {
        var seen = Set([Self.start, Self.helpdeskStart].filter { id in nodes.contains { $0.id == id } })
        var queue = Array(seen)
        while let node = queue.popLast() {
            for edge in edges where edge.from == node && !seen.contains(edge.to) {
                seen.insert(edge.to)
                queue.append(edge.to)
            }
        }
        return seen
    }

    // MARK: - Formats

    public enum Format: String, CaseIterable, Sendable { case text, dot, mermaid }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: text
        case .dot: dot
        case .mermaid: mermaid
        }
    }

    var text: String {
        var lines = ["Flow map (\(PolicyInfo.source), rule set \(PolicyInfo.rulesVersion))", ""]
        let labels = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.label) })
        for node in nodes {
            let outgoing = edges.filter { $0.from == node.id }
            guard !outgoing.isEmpty else { continue }
            lines.append(node.label)
            for edge in outgoing {
                lines.append("  -> \(labels[edge.to]!)\(edge.condition.isEmpty ? "" : "   [if \(edge.condition)]")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    var dot: String {
        var lines = ["digraph dmf_wizard {", "  rankdir=TB;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for node in nodes {
            let ends = [Self.start, Self.helpdeskStart] + Verdict.allCases.map(Self.outcome)
            let shape = ends.contains(node.id) ? ", shape=oval" : node.id == Self.nextRecipient ? ", shape=diamond" : ""
            lines.append("  \(node.id) [label=\"\(Self.dotEscape(node.label))\"\(shape)];")
        }
        for edge in edges {
            let label = edge.condition.isEmpty ? "" : " [label=\"\(Self.dotEscape(edge.condition))\"]"
            lines.append("  \(edge.from) -> \(edge.to)\(label);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    var mermaid: String {
        var lines = ["flowchart TD"]
        for node in nodes { lines.append("  \(node.id)[\"\(Self.mermaidEscape(node.label))\"]") }
        for edge in edges {
            lines.append(
                edge.condition.isEmpty
                    ? "  \(edge.from) --> \(edge.to)"
                    : "  \(edge.from) -->|\"\(Self.mermaidEscape(edge.condition))\"| \(edge.to)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func dotEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    static func mermaidEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }
}

/// The edges a set of paths take, with the situations (and flows) taking each.
struct PathTally {
    private var taken: [String: [String: (situations: [String], flows: Set<String>)]] = [:]
    /// The flows passing through each node.
    private var flowsAt: [String: Set<String>] = [:]

    /// Both flows take the same situations, so each situation counts once per edge.
    mutating func add(_ path: [String], _ situation: String, flow: String = "") {
        for (from, to) in zip(path, path.dropFirst()) {
            var entry = taken[from]?[to] ?? ([], [])
            if !entry.situations.contains(situation) { entry.situations.append(situation) }
            entry.flows.insert(flow)
            taken[from, default: [:]][to] = entry
            flowsAt[from, default: []].insert(flow)
        }
    }

    /// An edge every situation takes has no condition; the others say which situations take them.
    /// Where the flows part (Y2: the helpdesk skips Y3), the edge also says which flow takes it.
    func edges(total: Int, condense: ([String]) -> String) -> [FlowMap.Edge] {
        taken.flatMap { from, targets in
            targets.map { to, entry in
                let flows = entry.flows == flowsAt[from] ? "" : entry.flows.sorted().joined(separator: " or ")
                let situations = entry.situations.count == total ? "" : condense(entry.situations)
                let condition = [flows, situations].filter { !$0.isEmpty }.joined(separator: "; ")
                return FlowMap.Edge(from: from, to: to, condition: condition)
            }
        }
    }
}

extension Question {
    /// The recipients list screen, which asks `Flow.recipientQuestions` of each recipient.
    var isRecipientsList: Bool {
        if case .recipients = kind { true } else { false }
    }
}

extension String {
    func replacingPrefix(_ prefix: String, _ replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
