/// How much a finding weighs. The verdict follows the heaviest kind present.
public enum FindingKind: String, CaseIterable, Sendable, Codable, Comparable {
    case blocker, refer, action, advice, info

    /// Heaviest first: blocker 0 … info 4.
    public var severity: Int {
        switch self {
        case .blocker: 0
        case .refer: 1
        case .action: 2
        case .advice: 3
        case .info: 4
        }
    }
    public static func < (lhs: FindingKind, rhs: FindingKind) -> Bool { lhs.severity < rhs.severity }

    public var label: String {
        switch self {
        case .blocker: "Must change"
        case .refer: "Ask first"
        case .action: "Do before sending"
        case .advice: "Consider"
        case .info: "Good to know"
        }
    }
}

/// Who acts on a checklist item.
public enum Actor: String, CaseIterable, Sendable, Codable {
    case requester
    case iao
    case securityTeam
    case accreditor
    case dataProtectionOfficer
    case lineManager
    case seniorManager
    case receivingOrganisation

    public var label: String {
        switch self {
        case .requester: "You (the person sending)"
        case .iao: "Information Asset Owner"
        case .securityTeam: "Security team / CISO"
        case .accreditor: "Accreditor"
        case .dataProtectionOfficer: "Data Protection Officer"
        case .lineManager: "Line manager"
        case .seniorManager: "Senior manager"
        case .receivingOrganisation: "Receiving organisation's security contact"
        }
    }
}

/// One conclusion of one rule about one set of answers.
///
/// The words are built only when read: deciding (the verdict, and the decision table's
/// millions of combinations) needs the rule, kind and actor, and building sentences was most of
/// the engine's time.
public struct Finding: Sendable, Equatable {
    public var rule: RuleID
    public var kind: FindingKind
    public var who: Actor
    private var makeText: @Sendable () -> String
    private var makeTodo: @Sendable () -> String
    private var makeBecause: @Sendable () -> [String]

    /// Why, in plain English for non-technical staff.
    public var text: String {
        get { makeText() }
        set { makeText = { newValue } }
    }
    /// The checklist line: what to do.
    public var todo: String {
        get { makeTodo() }
        set { makeTodo = { newValue } }
    }
    /// The answers that made the rule fire, as `key: value` ("route.type: third-party").
    public var because: [String] {
        get { makeBecause() }
        set { makeBecause = { newValue } }
    }

    public init(
        rule: RuleID, kind: FindingKind, text: @autoclosure @escaping @Sendable () -> String,
        todo: @autoclosure @escaping @Sendable () -> String, who: Actor,
        because: @autoclosure @escaping @Sendable () -> [String]
    ) {
        self.rule = rule
        self.kind = kind
        self.who = who
        makeText = text
        makeTodo = todo
        makeBecause = because
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.rule == rhs.rule && lhs.kind == rhs.kind && lhs.who == rhs.who && lhs.text == rhs.text
            && lhs.todo == rhs.todo && lhs.because == rhs.because
    }
}

/// A line of the checklist: what to do, who does it, and the rule that asks for it.
public struct ChecklistItem: Sendable, Equatable {
    public var rule: RuleID
    public var kind: FindingKind
    public var text: String
    public var who: Actor
    public var done: Bool

    public init(rule: RuleID, kind: FindingKind, text: String, who: Actor, done: Bool = false) {
        self.rule = rule
        self.kind = kind
        self.text = text
        self.who = who
        self.done = done
    }
}

/// The one-line outcome of a completed run.
public enum Verdict: String, CaseIterable, Sendable, Codable {
    case blocked, refer, conditions, proceed

    /// The verdict in words, first thing on the outcome screen and every document.
    public var headline: String {
        switch self {
        case .blocked: "Do not transfer: the plan breaks a mandatory rule. Change what the checklist says first."
        case .refer: "Not decided yet: ask the people named below before going further."
        case .conditions: "You may transfer once every action on the checklist is done."
        case .proceed: "You may go ahead; only the general principles apply."
        }
    }

    public var label: String {
        switch self {
        case .blocked: "BLOCKED"
        case .refer: "REFER"
        case .conditions: "PROCEED WITH CONDITIONS"
        case .proceed: "PROCEED"
        }
    }
}

/// What the engine decides for one complete set of answers.
public struct Decision: Sendable, Equatable {
    public var verdict: Verdict
    public var dmfRequired: Bool
    /// In the order the rules are listed in `policy-rules.md`.
    public var findings: [Finding]

    /// One item per finding, heaviest first; ties keep rule order.
    public var checklist: [ChecklistItem] {
        findings.enumerated()
            .sorted { ($0.element.kind, $0.offset) < ($1.element.kind, $1.offset) }
            .map { ChecklistItem(rule: $0.element.rule, kind: $0.element.kind, text: $0.element.todo, who: $0.element.who) }
    }

    /// Verdict precedence from `policy-rules.md`: any blocker, else any refer, else any action.
    public static func verdict(for findings: [Finding]) -> Verdict {
        let heaviest = findings.lazy.map(\.kind).min() ?? .info
        switch heaviest {
        case .blocker: return .blocked
        case .refer: return .refer
        case .action: return .conditions
        case .advice, .info: return .proceed
        }
    }
}

/// The rule set's identity, printed on every output.
public enum PolicyInfo {
    public static let source = "MOJ data-sharing guidance"
    public static let dated = "2018-12"
    /// Bump when any rule's decision changes; the decision table is signed off per version.
    public static let rulesVersion = "2026.11-1"
}
