import DMFPolicy

/// The flow as a graph for policy owners: every question and outcome, with the conditions on
/// the way between them, derived from the questions' own `applies` conditions (so the map
/// cannot drift from what the wizard does).
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
    public static let check = "CHECK"
    public static let verdictNodes: [(Verdict, String)] = [
        (.blocked, "any finding is a blocker"), (.refer, "no blocker, any refer finding"),
        (.conditions, "no blocker or refer, any action"), (.proceed, "only advice and information"),
    ]

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

    public init(flow: Flow = Flow()) {
        nodes.append(Node(id: Self.start, label: "Start"))
        for question in flow.questions { nodes.append(Node(id: question.code, label: Self.label(question))) }
        nodes.append(Node(id: Self.check, label: "Check your answers"))
        for (verdict, _) in Self.verdictNodes { nodes.append(Node(id: verdict.rawValue.uppercased(), label: "Outcome: \(verdict.label)")) }

        // Follow each situation's path; an edge's condition lists the situations that take it.
        var taken: [String: [String: [String]]] = [:]
        var order: [(String, String)] = []
        for situation in Self.situations {
            let path = [Self.start] + flow.applicable(to: situation.answers).map(\.code) + [Self.check]
            for (from, to) in zip(path, path.dropFirst()) {
                if taken[from]?[to] == nil { order.append((from, to)) }
                taken[from, default: [:]][to, default: []].append(situation.label)
            }
        }
        for (from, to) in order {
            let labels = taken[from]![to]!
            edges.append(Edge(from: from, to: to, condition: labels.count == Self.situations.count ? "" : Self.condense(labels)))
        }
        for (verdict, condition) in Self.verdictNodes {
            edges.append(Edge(from: Self.check, to: verdict.rawValue.uppercased(), condition: condition))
        }
    }

    /// "R2: Which MOJ system…"; the recipients step also names the questions asked of each
    /// recipient and when the conditional ones apply (P5, the mailbox, depends on the method).
    static func label(_ question: Question) -> String {
        var label = "\(question.code): \(question.prompt)"
        if case .recipients = question.kind, let first = Flow.recipientQuestions.first, let last = Flow.recipientQuestions.last {
            let conditional = Flow.recipientQuestions.compactMap { field in field.condition.map { "\(field.code) only if \($0)" } }
            label += " (for each recipient \(first.code)–\(last.code)\(conditional.map { "; " + $0 }.joined()))"
        }
        return label
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

    /// Every node reachable from the start.
    public var reachable: Set<String> {
        var seen: Set<String> = [Self.start]
        var queue = [Self.start]
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
            let shape = node.id == Self.start || Verdict.allCases.map({ $0.rawValue.uppercased() }).contains(node.id) ? ", shape=oval" : ""
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
            lines.append(edge.condition.isEmpty
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

extension String {
    func replacingPrefix(_ prefix: String, _ replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
