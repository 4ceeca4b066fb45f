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

/// Where a finding stands on the checklist, in print order: the kinds' own groups, then the
/// actions that can only be done once the information has been sent.
///
/// A finding's kind decides the verdict; its group only decides where and under which words it
/// is listed. An "after the transfer" item is still an action (it still gives "conditions"),
/// but it is never listed under "Do before sending", which it cannot be.
public enum ChecklistGroup: String, CaseIterable, Sendable, Codable, Comparable {
    case mustChange = "must-change"
    case askFirst = "ask-first"
    case beforeSending = "before-sending"
    case consider
    case goodToKnow = "good-to-know"
    case afterTransfer = "after-transfer"

    public init(kind: FindingKind, afterTransfer: Bool = false) {
        if afterTransfer {
            self = .afterTransfer
            return
        }
        switch kind {
        case .blocker: self = .mustChange
        case .refer: self = .askFirst
        case .action: self = .beforeSending
        case .advice: self = .consider
        case .info: self = .goodToKnow
        }
    }

    /// Print order: 0 for "Must change" … 5 for "After the transfer".
    public var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: ChecklistGroup, rhs: ChecklistGroup) -> Bool { lhs.order < rhs.order }

    public var label: String {
        switch self {
        case .mustChange: FindingKind.blocker.label
        case .askFirst: FindingKind.refer.label
        case .beforeSending: FindingKind.action.label
        case .consider: FindingKind.advice.label
        case .goodToKnow: FindingKind.info.label
        case .afterTransfer: "After the transfer"
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
    case seniorManager
    case receivingOrganisation

    public var label: String {
        switch self {
        case .requester: "You (the person sending)"
        case .iao: "Information Asset Owner"
        case .securityTeam: "Security team / CISO"
        case .accreditor: "Accreditor"
        case .dataProtectionOfficer: "Data Protection Officer"
        case .seniorManager: "Senior manager"
        case .receivingOrganisation: "Receiving organisation's security contact"
        }
    }
}

/// What a checklist item leaves on the form to fill in by hand, when the rule asks for
/// something to be "recorded on the DMF" before sending.
public enum FormRecord: Sendable, Equatable {
    /// Someone approves: boxes to tick, name, signature and date ("Senior manager's approval").
    case approval(title: String)
    /// Something agreed is written down: the agreement, name and date ("Deletion date agreed").
    case entry(title: String)

    public var title: String {
        switch self {
        case .approval(let title), .entry(let title): title
        }
    }
}

/// One conclusion of one rule about one set of answers: which rule, how heavily, who acts, what
/// it says, and the answers that made it say so.
///
/// The words are built only when read: deciding (the verdict, and the decision table's
/// thousands of combinations) needs the rule, kind and actor, and building sentences was most of
/// the engine's time. The rule names what it says as one of its cases (RuleWording.swift), kept
/// here as it is and put into words on demand.
public struct Finding: Sendable, Equatable {
    public var rule: RuleID
    public var kind: FindingKind
    public var who: Actor
    /// True when what it asks can only be done once the information has been sent (deleting
    /// your copy after a move, confirming that paper arrived).
    public var isAfterTransfer: Bool
    private var said: any RuleWording
    /// Words set by hand (cleaned, or given by a test), which replace the case's.
    private var edited: FindingWords?
    private var cited: Cited

    /// The answers a finding cites: given as they are, or worked out from the assessment's
    /// answers when first read (deciding never needs them).
    private enum Cited: Sendable {
        case given([Fact])
        case assessed(Assessment, @Sendable (CompleteAnswers) -> [Fact])
    }

    private var words: FindingWords { edited ?? said.words }

    /// The answers that made the rule fire, typed: renderers print them as people read them
    /// (`becauseInWords`) or as the JSON result cites them (`because`).
    public var facts: [Fact] {
        get {
            switch cited {
            case .given(let facts): facts
            case .assessed(let assessment, let facts): facts(assessment.answers)
            }
        }
        set { cited = .given(newValue) }
    }

    /// Why, in plain English for non-technical staff.
    public var text: String {
        get { words.text }
        set { edit { $0.text = newValue } }
    }
    /// The checklist line: what to do.
    public var todo: String {
        get { words.todo }
        set { edit { $0.todo = newValue } }
    }
    /// What the form leaves to be filled in for it, if the rule asks for a record on the DMF.
    public var formRecord: FormRecord? {
        get { words.formRecord }
        set { edit { $0.formRecord = newValue } }
    }
    /// The answers that made the rule fire, as the JSON result cites them: each answer's key in
    /// the answers file and its spelling there, a recipient's by number ("recipient 2 mailbox:
    /// shared").
    public var because: [String] { facts.map(\.cited) }
    /// The same answers as people read them: "Route: third party; recipient 2 mailbox: shared or
    /// group mailbox", or "applies to every transfer" when the rule cites none.
    public var becauseInWords: String { facts.isEmpty ? "applies to every transfer" : Fact.inWords(facts) }

    /// A finding with its words given here (tests, and stand-ins).
    public init(
        rule: RuleID, kind: FindingKind, text: String, todo: String, who: Actor, because facts: [Fact] = [],
        afterTransfer: Bool = false, formRecord: FormRecord? = nil
    ) {
        self.rule = rule
        self.kind = kind
        self.who = who
        isAfterTransfer = afterTransfer
        cited = .given(facts)
        said = FindingCase.Given()
        edited = FindingWords(text: text, todo: todo, formRecord: formRecord)
    }

    /// A rule's finding: its words are the case's words, and the answers it cites are worked out
    /// from the assessment's when read.
    init(
        rule: RuleID, _ said: some RuleWording, kind: FindingKind, who: Actor, assessment: Assessment,
        because facts: @escaping @Sendable (CompleteAnswers) -> [Fact], afterTransfer: Bool
    ) {
        self.rule = rule
        self.kind = kind
        self.who = who
        isAfterTransfer = afterTransfer
        cited = .assessed(assessment, facts)
        self.said = said
        edited = nil
    }

    /// Replaces some words, building the rest once now (words are set rarely: cleaning them).
    private mutating func edit(_ change: (inout FindingWords) -> Void) {
        var words = self.words
        change(&words)
        edited = words
    }

    /// Where it is listed: its kind's group, or "After the transfer".
    public var group: ChecklistGroup { ChecklistGroup(kind: kind, afterTransfer: isAfterTransfer) }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.rule == rhs.rule && lhs.kind == rhs.kind && lhs.who == rhs.who && lhs.isAfterTransfer == rhs.isAfterTransfer
            && lhs.facts == rhs.facts && lhs.words == rhs.words
    }
}

/// The complete answers one decision was made on, shared by its findings (a class, so each
/// finding keeps one reference rather than a copy).
final class Assessment: Sendable {
    let answers: CompleteAnswers

    init(_ answers: consuming CompleteAnswers) { self.answers = answers }
}

/// A line of the checklist: what to do, who does it, and the rule that asks for it.
public struct ChecklistItem: Sendable, Equatable {
    public var rule: RuleID
    public var kind: FindingKind
    /// The heading it is listed under ("Do before sending", "After the transfer").
    public var group: ChecklistGroup
    public var text: String
    public var who: Actor
    public var done: Bool
    /// What the form leaves to be filled in for it, if anything.
    public var formRecord: FormRecord?

    public init(
        rule: RuleID, kind: FindingKind, text: String, who: Actor, done: Bool = false, afterTransfer: Bool = false,
        formRecord: FormRecord? = nil
    ) {
        self.rule = rule
        self.kind = kind
        group = ChecklistGroup(kind: kind, afterTransfer: afterTransfer)
        self.text = text
        self.who = who
        self.done = done
        self.formRecord = formRecord
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
        case .conditions: "You may transfer once everything the checklist says to do before sending is done."
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

    /// One item per finding, by group (heaviest first, "After the transfer" last); ties keep rule
    /// order. No item appears twice: an item that a more specific rule's item already asks for
    /// (`RuleID.moreSpecific`) is left out, and so is an item word for word the same as one
    /// listed earlier. The findings themselves all stay: each is a reason for the outcome.
    public var checklist: [ChecklistItem] {
        let strongest = Dictionary(findings.map { ($0.rule, $0.kind) }, uniquingKeysWith: min)
        var seen: Set<String> = []
        var items: [ChecklistItem] = []
        items.reserveCapacity(findings.count)
        let ordered = findings.enumerated().sorted { ($0.element.group, $0.offset) < ($1.element.group, $1.offset) }
        for finding in ordered.map(\.element) {
            // Covered when a more specific rule fired at least as heavily: its item says the same.
            let covered = finding.rule.moreSpecific.contains { strongest[$0].map { $0 <= finding.kind } ?? false }
            guard !covered else { continue }
            let item = ChecklistItem(
                rule: finding.rule, kind: finding.kind, text: finding.todo, who: finding.who,
                afterTransfer: finding.isAfterTransfer, formRecord: finding.formRecord)
            guard seen.insert("\(item.group.rawValue)|\(item.who.rawValue)|\(item.text)").inserted else { continue }
            items.append(item)
        }
        return items
    }

    /// Verdict precedence from `policy-rules.md`: any blocker, else any refer, else any action.
    public static func verdict(for findings: [Finding]) -> Verdict {
        verdict(heaviest: findings.lazy.map(\.kind).min() ?? .info)
    }

    /// The verdict when the heaviest finding is of this kind.
    public static func verdict(heaviest kind: FindingKind) -> Verdict {
        switch kind {
        case .blocker: .blocked
        case .refer: .refer
        case .action: .conditions
        case .advice, .info: .proceed
        }
    }
}

/// The rule set's identity, printed on every output.
public enum PolicyInfo {
    public static let source = "MOJ data-sharing guidance"
    public static let dated = "2018-12"
    /// Bump when any rule's decision changes; the decision table is signed off per version.
    /// 2026.11-2: recipients-authorised blocks a shared mailbox only when the method delivers to
    /// a mailbox (policy-rules.md revised 2026-11-29).
    /// 2026.12-1 (policy-rules.md revised 2026-12-06): accreditation is compared by tier, so a
    /// system accredited to OFFICIAL may receive OFFICIAL-SENSITIVE and IL3 RESTRICTED; and
    /// minimise-risk reads whether the information includes only what the recipients need.
    public static let rulesVersion = "2026.12-1"
}
