/// The rule ids of `policy-rules.md`, in the order the document lists them.
///
/// The id is stable: findings, checklist items, tests and the filled form all cite it.
public enum RuleID: String, CaseIterable, Sendable, Codable, Hashable {
    case recipientsListed = "recipients-listed"
    case recipientsAuthorised = "recipients-authorised"
    case recipientsCleared = "recipients-cleared"
    case confidentialityInTransit = "confidentiality-in-transit"
    case retention
    case minimiseRisk = "minimise-risk"
    case acceptableUse = "acceptable-use"
    case sameSystemNoExtraControls = "same-system-no-extra-controls"
    case dmfAuthorised = "dmf-authorised"
    case transitControls = "transit-controls"
    case dataInTransitGuidance = "data-in-transit-guidance"
    case ogdAccreditedDestination = "ogd-accredited-destination"
    case ogdSecureNetwork = "ogd-secure-network"
    case thirdPartyIAOAuthorisation = "third-party-iao-authorisation"
    case thirdPartyContract = "third-party-contract"
    case thirdPartyNDA = "third-party-nda"
    case thirdPartySALCoCo = "third-party-sal-coco"
    case thirdPartyAccreditedDestination = "third-party-accredited-destination"
    case thirdPartySecurityAdvice = "third-party-security-advice"
    case aboveOfficial = "above-official"
    case legacyMarkingReview = "legacy-marking-review"
    case classificationNotSure = "classification-not-sure"
    case personalData = "personal-data"
    case bulkApproval = "bulk-approval"

    /// Rules whose checklist item asks for the same thing as this rule's, more specifically.
    /// When one of them fires at least as heavily, this rule's item is left off the checklist
    /// (its finding stays): on the third-party route the IAO's authorisation recorded on the DMF
    /// is `dmf-authorised` said for suppliers, and the IAO's review of an old marking settles a
    /// classification that is "not sure".
    public var moreSpecific: [RuleID] {
        switch self {
        case .dmfAuthorised: [.thirdPartyIAOAuthorisation]
        case .classificationNotSure: [.legacyMarkingReview]
        default: []
        }
    }

    /// What the rule is about, in a few plain words (from `RuleWording.swift`).
    public var title: String { rule.title }
    /// The kinds of finding it can give.
    public var kinds: Set<FindingKind> { rule.kinds }
    /// Whether it can ask for something to be done or decided (more than advice or information).
    public var canAskForAction: Bool { kinds.contains { $0 <= .action } }
    /// Where the rule comes from.
    public var source: GuidanceSource { rule.source }
    /// Its place in the order `policy-rules.md` lists the rules, from 0.
    public var order: Int { Self.inOrder.firstIndex(of: self) ?? 0 }
    /// `allCases` made once (the synthesised one builds a new array on every call).
    private static let inOrder = allCases
}

/// The passage of guidance a rule encodes.
public struct GuidanceSource: Sendable, Equatable {
    /// The section heading in the guidance ("General principles").
    public var section: String
    /// The words of the guidance exactly as written (passages apart are joined by " … "); for
    /// later guidance, a summary that names it. A test checks each passage word for word.
    public var text: String
    /// Our own words about the passage (a newer name, a spelling), printed after the quotation
    /// and outside its quotation marks so the quotation stays exact.
    public var note: String?
    /// True when the rule comes from MOJ guidance later than the December 2018 page.
    public var isLaterGuidance: Bool

    public init(section: String, text: String, note: String? = nil, isLaterGuidance: Bool = false) {
        self.section = section
        self.text = text
        self.note = note
        self.isLaterGuidance = isLaterGuidance
    }

    /// `"the quoted words" (the note)`: the form every output prints.
    public var quotation: String {
        "\"\(text)\"" + (note.map { " (\($0))" } ?? "")
    }
}

/// What a rule can conclude: a kind of finding, and who acts on it.
public struct Consequence: Sendable, Hashable {
    public var kind: FindingKind
    public var who: Actor

    public init(_ kind: FindingKind, _ who: Actor) {
        self.kind = kind
        self.who = who
    }
}

/// A rule, as a value: its id, the guidance it rests on, what it can conclude and who acts, and
/// `decide`, which reads a complete set of answers and gives its findings. The engine is the
/// list of rules (`Rule.all`, in Rules.swift); the rule book, the decision table and training
/// read the same list. What a rule says, its title too, is in RuleWording.swift.
public struct Rule: Sendable {
    public let id: RuleID
    public let source: GuidanceSource
    /// Every kind of finding it can give, with who acts on it (the rule book prints these; a
    /// debug build checks each finding against them, and a test that each is seen in the
    /// decision table).
    public let gives: [Consequence]
    /// The type whose cases are what it can say (RuleWording.swift).
    let wording: any RuleWording.Type
    let decide: @Sendable (CompleteAnswers, inout Findings) -> Void

    init(
        _ id: RuleID, words wording: any RuleWording.Type, source: GuidanceSource, gives: [Consequence],
        decide: @escaping @Sendable (CompleteAnswers, inout Findings) -> Void
    ) {
        self.id = id
        self.wording = wording
        self.source = source
        self.gives = gives
        self.decide = decide
    }

    /// What the rule is about, in a few plain words.
    public var title: String { wording.title }
    /// How heavily it can weigh.
    public var kinds: Set<FindingKind> { Set(gives.map(\.kind)) }
    /// Who acts on its findings of `kind`.
    public func who(_ kind: FindingKind) -> [Actor] { gives.filter { $0.kind == kind }.map(\.who) }
}

/// The findings the rules give for one set of answers, each rule adding its own in turn.
struct Findings {
    private(set) var list: [Finding] = []
    /// The heaviest kind added so far (`info` when none), which decides the verdict.
    private(set) var heaviest = FindingKind.info
    /// The rule deciding now: whatever it adds is its own.
    var rule: RuleID = .recipientsListed

    private let assessment: Assessment

    init(_ assessment: Assessment) {
        self.assessment = assessment
        list.reserveCapacity(16)
    }

    /// Adds one of the current rule's findings: what it says, how heavily, who acts, and the
    /// answers that made it say so (worked out only when read, from the answers decided on).
    mutating func add(
        _ said: some RuleWording, _ kind: FindingKind, _ who: Actor,
        because facts: @escaping @Sendable (CompleteAnswers) -> [Fact] = { _ in [] }, afterTransfer: Bool = false
    ) {
        // Debug builds (and so every test) check the finding against what its rule declares.
        assert(rule.rule.gives.contains(Consequence(kind, who)), "\(rule.rawValue) does not declare \(kind) by \(who)")
        list.append(
            Finding(
                rule: rule, said, kind: kind, who: who, assessment: assessment, because: facts,
                afterTransfer: afterTransfer))
        heaviest = min(heaviest, kind)
    }
}
