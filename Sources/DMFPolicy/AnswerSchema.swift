/// Every answer, described once: how it is kept (`Answers`, below) and what it is (`AnswerSchema`,
/// further down): its key in the answers file, its type and label, when it is asked, when a
/// complete set of answers needs it, and the value a transfer that meets every rule gives.
///
/// Everything else is read from here: the answers reader and writer, the completeness check and
/// the generated `CompleteAnswers`, the fingerprint behind the DMF reference, the wizard's
/// questions, resume codes, the decision table, the form and the key tables of
/// `docs/answers-format.md`. A new answer is one stored property and one entry in this file,
/// plus its question's wording (DMFFlow) and the rule that reads it.

/// Everything the wizard asks, as kept in memory.
///
/// Every field is optional so that a half-finished draft is representable; `Answers.missingFields`
/// says what a complete set still needs, and `PolicyEngine` only evaluates complete sets.
public struct Answers: Equatable, Sendable {
    public var transfer = Transfer()
    public var requester = Requester()
    public var data = DataDetails()
    public var route = Route()
    public var recipients: [Recipient] = []
    public var method: TransferMethod?
    public var retention = Retention()
    public var thirdParty = ThirdParty()
    public var authorisation = Authorisation()
    /// Set when a helpdesk agent completes the form on a caller's behalf.
    public var helpdesk: Helpdesk?

    public init() {}

    public struct Transfer: Equatable, Sendable {
        public var kind: TransferKind?
        public var frequency: Frequency?
        public var purpose: String?
        public init(kind: TransferKind? = nil, frequency: Frequency? = nil, purpose: String? = nil) {
            self.kind = kind
            self.frequency = frequency
            self.purpose = purpose
        }
    }

    public struct Requester: Equatable, Sendable {
        public var name: String?
        public var email: String?
        public var team: String?
        public init(name: String? = nil, email: String? = nil, team: String? = nil) {
            self.name = name
            self.email = email
            self.team = team
        }
    }

    public struct DataDetails: Equatable, Sendable {
        public var description: String?
        public var minimised: YesNoNotSure?
        public var classification: Classification?
        public var legacyMarking: LegacyMarking?
        public var personalData: YesNoNotSure?
        public var records: Int?
        public var bulk: YesNoNotSure?
        public init(
            description: String? = nil, classification: Classification? = nil,
            legacyMarking: LegacyMarking? = nil, personalData: YesNoNotSure? = nil,
            records: Int? = nil, bulk: YesNoNotSure? = nil
        ) {
            self.description = description
            self.classification = classification
            self.legacyMarking = legacyMarking
            self.personalData = personalData
            self.records = records
            self.bulk = bulk
        }
    }

    public struct Route: Equatable, Sendable {
        public var type: RouteType?
        public var sourceSystem: String?
        public var destinationOrganisation: String?
        public var destinationSystem: String?
        public var destinationAccreditation: Accreditation?
        public init(
            type: RouteType? = nil, sourceSystem: String? = nil, destinationOrganisation: String? = nil,
            destinationSystem: String? = nil, destinationAccreditation: Accreditation? = nil
        ) {
            self.type = type
            self.sourceSystem = sourceSystem
            self.destinationOrganisation = destinationOrganisation
            self.destinationSystem = destinationSystem
            self.destinationAccreditation = destinationAccreditation
        }
    }

    public struct Recipient: Equatable, Sendable {
        public var name: String?
        public var organisation: String?
        public var role: String?
        public var mailbox: Mailbox?
        public var authorised: YesNoNotSure?
        public var clearance: Clearance?
        public init(
            name: String? = nil, organisation: String? = nil, role: String? = nil, mailbox: Mailbox? = nil,
            authorised: YesNoNotSure? = nil, clearance: Clearance? = nil
        ) {
            self.name = name
            self.organisation = organisation
            self.role = role
            self.mailbox = mailbox
            self.authorised = authorised
            self.clearance = clearance
        }
    }

    public struct Retention: Equatable, Sendable {
        /// An ISO date, `YYYY-MM-DD`, already checked by the answers parser.
        public var deleteBy: String?
        public var period: String?
        public init(deleteBy: String? = nil, period: String? = nil) {
            self.deleteBy = deleteBy
            self.period = period
        }
    }

    public struct ThirdParty: Equatable, Sendable {
        public var contract: YesNoNotSure?
        public var nda: YesNoNotSure?
        public var securityAspectsLetter: YesNoNotNeeded?
        public var codeOfConnection: YesNoNotNeeded?
        public init(
            contract: YesNoNotSure? = nil, nda: YesNoNotSure? = nil,
            securityAspectsLetter: YesNoNotNeeded? = nil, codeOfConnection: YesNoNotNeeded? = nil
        ) {
            self.contract = contract
            self.nda = nda
            self.securityAspectsLetter = securityAspectsLetter
            self.codeOfConnection = codeOfConnection
        }
        public var isEmpty: Bool { self == ThirdParty() }
    }

    public struct Authorisation: Equatable, Sendable {
        public var iaoName: String?
        public var iaoDecision: IAODecision?
        public init(iaoName: String? = nil, iaoDecision: IAODecision? = nil) {
            self.iaoName = iaoName
            self.iaoDecision = iaoDecision
        }
    }

    public struct Helpdesk: Equatable, Sendable {
        public var callerName: String?
        public var callerTeam: String?
        public var callReference: String?
        public var agentName: String?
        public init(
            callerName: String? = nil, callerTeam: String? = nil, callReference: String? = nil,
            agentName: String? = nil
        ) {
            self.callerName = callerName
            self.callerTeam = callerTeam
            self.callReference = callReference
            self.agentName = agentName
        }
    }
}

// MARK: - What the schema says about each answer

/// One option of a choice answer.
public struct ChoiceOption: Sendable, Equatable {
    /// The answers-file spelling ("not-sure").
    public let value: String
    /// What people read in the wizard ("Not sure").
    public let label: String
    /// What the form prints, where a shorter label reads better in a table ("Third party").
    public let formLabel: String
}

/// What kind of value an answer holds, which decides how it is read, written and checked.
public enum FieldType: Sendable, Equatable {
    /// One of a closed set of options.
    case choice([ChoiceOption])
    /// A line of text: a name, a system.
    case text
    /// Text that may run to several lines: a purpose, a description.
    case paragraph
    case email
    /// Stored as `YYYY-MM-DD`.
    case date
    /// A whole number of records.
    case count

    /// The choice spellings, in order; empty for other types.
    public var values: [String] {
        if case .choice(let options) = self { return options.map(\.value) }
        return []
    }

    static func choice<Value: AnswerValue>(_: Value.Type) -> FieldType {
        .choice(Value.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.label, formLabel: $0.formLabel) })
    }
}

extension AnswerValue {
    public var formLabel: String { label }
}

extension RouteType {
    public var formLabel: String { shortLabel }
}

/// When an answer is asked (it "applies") or must be given (it is "required"), said once for
/// every place that asks: the answers reader and `fill`, the wizard (a question is required
/// exactly when its answer is), the generated `CompleteAnswers`, the form and the answers-format
/// page, which prints `words`.
public struct AnswerCondition: Sendable {
    /// The name of the static property below that holds it: the generated `CompleteAnswers`
    /// asks it by this name.
    public let name: String
    /// When it holds, as the answers-format page says it ("route is `third-party`").
    public let words: String
    /// What else may be given instead, for "this answer is required" messages.
    public let alternative: String?
    private let test: @Sendable (Answers) -> Bool

    init(
        _ name: String, _ words: String, alternative: String? = nil, _ test: @escaping @Sendable (Answers) -> Bool
    ) {
        self.name = name
        self.words = words
        self.alternative = alternative
        self.test = test
    }

    public func holds(_ answers: Answers) -> Bool { test(answers) }
    public func callAsFunction(_ answers: Answers) -> Bool { test(answers) }

    public static let always = AnswerCondition("always", "always") { _ in true }
    public static let never = AnswerCondition("never", "never") { _ in false }
    /// The information leaves the system or domain it is in.
    public static let leavesSystem = AnswerCondition(
        "leavesSystem", routeWords(RouteType.allCases.filter(\.leavesSystem))
    ) { $0.route.type?.leavesSystem ?? false }
    /// Another organisation's system receives it, which must be accredited to the information's tier.
    public static let accreditedDestination = AnswerCondition(
        "accreditedDestination", routeWords(RouteType.allCases.filter(\.needsAccreditedDestination))
    ) { $0.route.type?.needsAccreditedDestination ?? false }
    public static let thirdParty = AnswerCondition("thirdParty", routeWords([.thirdParty])) {
        $0.route.type == .thirdParty
    }
    /// The method delivers into mailboxes, or may (not sure).
    public static let mailboxAsked = AnswerCondition(
        "mailboxAsked",
        "`method` is " + orList(TransferMethod.allCases.filter(\.asksMailbox).map { "`\($0.rawValue)`" })
    ) { $0.method?.asksMailbox ?? false }
    /// Bulk follows from the number of records when that is given.
    public static let recordsNotGiven = AnswerCondition(
        "recordsNotGiven", "`records` is not given", alternative: "or give data.records"
    ) { $0.data.records == nil }
    /// A helpdesk agent completes the form for a caller.
    public static let helpdeskCall = AnswerCondition("helpdeskCall", "the file has a `helpdesk` section") {
        $0.helpdesk != nil
    }

    /// Every condition, for tests and the generator.
    public static let all: [AnswerCondition] = [
        always, never, leavesSystem, accreditedDestination, thirdParty, mailboxAsked, recordsNotGiven, helpdeskCall,
    ]

    private static func routeWords(_ routes: [RouteType]) -> String {
        "route is " + orList(routes.map { "`\($0.rawValue)`" })
    }
}

/// How the decision table varies an answer from its baseline (`DecisionTable`, DMFFlow).
public enum TableVariation: Sendable {
    /// Not varied: free text, or an answer no rule reads.
    case none
    /// Alone: each other option of a choice; for any other answer, left out.
    case alone
    /// One of the information's levels (its classification and old marking), varied together.
    case level
    /// With every level, because the rules compare it with the level (clearance, accreditation,
    /// method).
    case withLevels
    /// With each option of another answer, shown only where the pair changes the outcome (a
    /// shared mailbox matters only with some methods).
    case withEach(PartialKeyPath<Answers> & Sendable)
}

/// One answer of the answers file (see the top of this file).
///
/// `Root` is where the answer is kept: the answers as a whole (`AnswerField`), or one recipient
/// (`RecipientField`, read and set in each recipient in turn). Whether it applies or is required
/// is always asked of the whole answers (a recipient's mailbox depends on the method).
public struct SchemaField<Root>: Sendable, Identifiable {
    /// The answers-file key path: `data.classification`; a recipient's: `recipients[].clearance`.
    public let path: String
    public let type: FieldType
    /// The form's label for it ("Classification").
    public let label: String
    /// Whether it is asked at all for these answers (a route's destination only when the
    /// information leaves its system); an answer that does not apply is printed as such.
    public let applies: AnswerCondition
    /// Whether a complete set of answers must give it; the wizard's question for it is required
    /// exactly then too.
    public let required: AnswerCondition
    /// What a transfer that meets every rule answers (answers-file spelling): the decision
    /// table's baseline. Nil: left out of the baseline.
    public let compliant: String?
    public let variation: TableVariation
    /// The answers-format page's note on it.
    public let note: String
    /// What the form prints instead of an answer that does not apply, and why.
    public let notApplicable: String
    /// Where it is kept, for findings that cite it.
    public let keyPath: PartialKeyPath<Root> & Sendable
    /// The Swift type of its value ("Classification"), for the generated `CompleteAnswers`.
    public let valueType: String
    /// Whether the rules read it, so the generated `CompleteAnswers` holds it: every choice,
    /// number and date, and free text that is required or that a rule looks at (whether a
    /// retention period is given). Other free text (a purpose, an email address) is left out, which
    /// keeps the value the engine builds on every decision small.
    public let isReadByRules: Bool
    let read: @Sendable (Root) -> String?
    let write: @Sendable (inout Root, String?) -> Void
    let given: @Sendable (Root) -> Bool
    /// The value the form prints when it differs from the answer (bulk, worked out from the
    /// number of records when the question was not asked).
    let shown: (@Sendable (Root) -> String?)?

    public var id: String { path }

    /// The section key (`data`; `recipients[]` for a recipient's), or "" for a top-level answer
    /// (`method`).
    public var section: String {
        guard let dot = path.firstIndex(of: ".") else { return "" }
        return String(path[..<dot])
    }

    /// The key inside its section (`classification`), or the whole path at the top level.
    public var key: String {
        guard let dot = path.lastIndex(of: ".") else { return path }
        return String(path[path.index(after: dot)...])
    }

    /// Whether a complete set of answers must give it.
    public func isRequired(_ answers: Answers) -> Bool { required.holds(answers) }

    /// The answer in answers-file spelling (a choice's value, text as given, a count's digits).
    public func value(in root: Root) -> String? { read(root) }

    /// Whether it is answered, without spelling the answer out.
    public func isGiven(in root: Root) -> Bool { given(root) }

    /// Sets (or with nil, clears) the answer; the value must already be valid for the type.
    public func set(_ value: String?, in root: inout Root) { write(&root, value) }

    /// The value in effect, for the form: the answer, or what follows from other answers.
    public func formValue(in root: Root) -> String? { shown?(root) ?? read(root) }

    /// Whether the form prints a value for it: when it applies, or when its value follows from
    /// other answers even though it was not asked.
    public func isOnForm(for answers: Answers) -> Bool { applies(answers) || shown != nil }

    /// What the form prints for it, decided once for every section and recipient row: the value
    /// in effect (nil when not given), or the field's own words when it does not apply.
    public func onForm(_ root: Root, in answers: Answers) -> FormEntry {
        isOnForm(for: answers) ? .answer(formValue(in: root)) : .notApplicable(notApplicable)
    }

    /// A value (answers-file spelling) as people read it: a choice's form label, a count with
    /// thousands separated ("50,000"), anything else as it is.
    public func display(_ value: String) -> String {
        switch type {
        case .choice(let options): options.first { $0.value == value }?.formLabel ?? value
        case .count: Int(value).map(Count.grouped) ?? value
        case .text, .paragraph, .email, .date: value
        }
    }
}

/// An answer as the form prints it (see `SchemaField.onForm`).
public enum FormEntry: Sendable, Equatable {
    /// The answer in answers-file spelling; nil when it was not given.
    case answer(String?)
    /// It is not asked for these answers: the words saying so ("Not applicable (not a third party)").
    case notApplicable(String)
}

/// An answer kept in the answers as a whole (`data.classification`).
public typealias AnswerField = SchemaField<Answers>
/// An answer kept in each recipient (`recipients[].clearance`).
public typealias RecipientField = SchemaField<Answers.Recipient>

extension SchemaField where Root == Answers {
    /// What the form prints for an answer kept in the answers as a whole.
    public func onForm(in answers: Answers) -> FormEntry { onForm(answers, in: answers) }
}

/// Every answer of the answers file, in the file's order (recipients between `route` and
/// `method`, as the file lists them).
public enum AnswerSchema {
    public static let before: [AnswerField] = [
        choice(
            "transfer.kind", "Share or move", \.transfer.kind, required: .always, compliant: TransferKind.share),
        choice("transfer.frequency", "One-off or recurring", \.transfer.frequency, variation: .none),
        text(
            "transfer.purpose", "Purpose", \.transfer.purpose, type: .paragraph,
            note: "Why the information needs to be sent."),
        text("requester.name", "Name", \.requester.name),
        text(
            "requester.email", "Email", \.requester.email, type: .email,
            note: "Must look like an address: one `@`, something before it, a dot after it, no spaces."),
        text("requester.team", "Team or business unit", \.requester.team),
        text(
            "data.description", "Description", \.data.description, type: .paragraph,
            note: "Several lines are fine (`description: |` then indented lines)."),
        // Asked by the wizard; optional in a file, where leaving it out keeps the usual advice.
        choice(
            "data.minimised", "Includes only what the recipients need", \.data.minimised,
            compliant: YesNoNotSure.yes, note: "Left out, rule minimise-risk gives its usual advice."),
        choice(
            "data.classification", "Classification", \.data.classification, required: .always,
            compliant: Classification.official, variation: .level),
        choice(
            "data.legacy_marking", "Old (pre-2014) marking", \.data.legacyMarking, compliant: LegacyMarking.none,
            variation: .level, note: "A pre-2014 marking; never turned into a current level automatically."),
        choice(
            "data.personal_data", "Personal data", \.data.personalData, required: .always,
            compliant: YesNoNotSure.no),
        count("data.records", "Number of records or people", \.data.records, note: "How many records or people."),
        // Needed only when the number of records, from which it follows, is not given; an
        // explicit answer still wins over the count.
        choice(
            "data.bulk", "Bulk (about \(BulkTransfer.thresholdText) people or more)", \.data.bulk,
            applies: .recordsNotGiven, required: .recordsNotGiven, compliant: YesNoNotSure.no,
            note: "About \(BulkTransfer.thresholdText) people or more.", shown: { $0.effectiveBulk?.rawValue }),
        choice("route.type", "Route", \.route.type, required: .always, variation: .none),
        text(
            "route.source_system", "From system or domain", \.route.sourceSystem,
            note: "The MOJ system or domain it is in now, such as `DOM1`."),
        text(
            "route.destination_organisation", "To organisation", \.route.destinationOrganisation,
            applies: .leavesSystem, notApplicable: staysInside),
        text(
            "route.destination_system", "To system", \.route.destinationSystem, applies: .leavesSystem,
            notApplicable: staysInside),
        choice(
            "route.destination_accreditation", "Receiving system accredited to", \.route.destinationAccreditation,
            applies: .accreditedDestination, required: .accreditedDestination, compliant: Accreditation.topSecret,
            variation: .withLevels, note: "The level the receiving system is accredited to hold.",
            notApplicable: "Not applicable (asked only for another department or a third party)"),
    ]

    public static let recipient: [RecipientField] = [
        // Everyone who receives it is authorised and cleared by name, and the form lists them so.
        recipientText("name", "Name", \.name, required: .always, compliant: "Recipient"),
        recipientText("organisation", "Organisation", \.organisation),
        recipientText("role", "Role", \.role),
        // Asked only when the method delivers to a mailbox; an answer given anyway is ignored.
        recipientChoice(
            "mailbox", "Mailbox", \.mailbox, applies: .mailboxAsked, required: .mailboxAsked,
            compliant: Mailbox.personal, variation: .withEach(\Answers.method),
            note:
                """
                With any other method it is not asked; a value given anyway is accepted, ignored by the rules, and \
                the form says "Not asked (the method does not deliver to a mailbox)".
                """,
            notApplicable: "Not asked (the method does not deliver to a mailbox)"),
        recipientChoice(
            "authorised", "Authorised", \.authorised, required: .always, compliant: YesNoNotSure.yes,
            note: "Authorised to receive this information."),
        recipientChoice(
            "clearance", "Clearance", \.clearance, required: .always, compliant: Clearance.bpss,
            variation: .withLevels),
    ]

    public static let after: [AnswerField] = [
        choice(
            "method", "Transfer method", \.method, required: .always, compliant: TransferMethod.secureNetwork,
            variation: .withLevels),
        text(
            "retention.delete_by", "Delete by", \.retention.deleteBy, type: .date, compliant: "2027-03-31",
            variation: .alone, note: "Always stored and printed as `YYYY-MM-DD`."),
        // The retention rule asks whether a date or a period is given.
        text(
            "retention.period", "Retention period", \.retention.period, readByRules: true,
            note: "For example \"until the inspection report is published\"."),
        choice(
            "third_party.contract", "Contract in place", \.thirdParty.contract, applies: .thirdParty,
            required: .thirdParty, compliant: YesNoNotSure.yes, notApplicable: notThirdParty),
        choice(
            "third_party.nda", "Non-Disclosure Agreement (NDA) in place", \.thirdParty.nda, applies: .thirdParty,
            required: .thirdParty, compliant: YesNoNotSure.yes, notApplicable: notThirdParty),
        choice(
            "third_party.security_aspects_letter", "Security Aspects Letter (SAL)",
            \.thirdParty.securityAspectsLetter, applies: .thirdParty, required: .thirdParty,
            compliant: YesNoNotNeeded.notNeeded, notApplicable: notThirdParty),
        choice(
            "third_party.code_of_connection", "Codes of Connection (CoCo)", \.thirdParty.codeOfConnection,
            applies: .thirdParty, required: .thirdParty, compliant: YesNoNotNeeded.notNeeded,
            notApplicable: notThirdParty),
        text(
            "authorisation.iao_name", "Information Asset Owner", \.authorisation.iaoName, applies: .leavesSystem,
            notApplicable: staysInside),
        // Asked on every route that leaves its system; required only for a third party, where the
        // guidance asks for the IAO's authorisation in so many words (on other routes leaving it
        // out means "not decided yet").
        choice(
            "authorisation.iao_decision", "IAO decision", \.authorisation.iaoDecision, applies: .leavesSystem,
            required: .thirdParty, compliant: IAODecision.authorised,
            note: "On any route that leaves one system, `refused` blocks the transfer.",
            notApplicable: staysInside),
        helpdesk("caller_name", "Caller", \.callerName, \.helpdesk?.callerName),
        helpdesk("caller_team", "Caller's team", \.callerTeam, \.helpdesk?.callerTeam),
        helpdesk("call_reference", "Call reference", \.callReference, \.helpdesk?.callReference),
        // The form says who completed it on the caller's behalf.
        helpdesk("agent_name", "Helpdesk agent", \.agentName, \.helpdesk?.agentName, required: .helpdeskCall),
    ]

    /// Every answer that is not about one recipient, in file order.
    public static let fields = before + after

    /// The sections in file order, each with its keys (`recipients[]` for a recipient's keys).
    public static let sections: [(name: String, keys: [String])] = {
        var sections: [(name: String, keys: [String])] = []
        func add(_ name: String, _ key: String) {
            if let index = sections.firstIndex(where: { $0.name == name }) {
                sections[index].keys.append(key)
            } else {
                sections.append((name, [key]))
            }
        }
        for field in before where !field.section.isEmpty { add(field.section, field.key) }
        for field in recipient { add("recipients[]", field.key) }
        for field in after where !field.section.isEmpty { add(field.section, field.key) }
        return sections
    }()

    /// The answers file's top-level keys for answers, in order: sections, `recipients`, `method`.
    public static let topLevelKeys: [String] = {
        var keys: [String] = []
        func add(_ key: String) { if !keys.contains(key) { keys.append(key) } }
        for field in before { add(field.section.isEmpty ? field.key : field.section) }
        add("recipients")
        for field in after { add(field.section.isEmpty ? field.key : field.section) }
        return keys
    }()

    /// The fields under a top-level key, in order (one field for a top-level answer).
    public static func fields(under topLevelKey: String) -> [AnswerField] { fieldsByTopLevelKey[topLevelKey] ?? [] }

    /// Grouped once: every form section asks for its fields.
    private static let fieldsByTopLevelKey = Dictionary(grouping: fields) { $0.section.isEmpty ? $0.key : $0.section }

    /// The field at `path` (`data.classification`); a recipient's are in `recipient`.
    public static func field(_ path: String) -> AnswerField? { fields.first { $0.path == path } }

    /// The field kept at `keyPath` (`\.data.classification`).
    public static func field(at keyPath: AnyKeyPath) -> AnswerField? { fields.first { $0.keyPath == keyPath } }

    /// The recipient field with `key` (`clearance`).
    public static func recipientField(_ key: String) -> RecipientField? { recipient.first { $0.key == key } }

    /// The recipient field kept at `keyPath` (`\.clearance`).
    public static func recipientField(at keyPath: AnyKeyPath) -> RecipientField? {
        recipient.first { $0.keyPath == keyPath }
    }

    /// The type of the field at `path` (`data.classification`, `recipients[].clearance` or `recipients[2].clearance`).
    public static func type(at path: String) -> FieldType? {
        let schemaPath = path.replacing(/\[\d+\]/, with: "[]")
        return fields.first { $0.path == schemaPath }?.type ?? recipient.first { $0.path == schemaPath }?.type
    }

    // MARK: - Building blocks

    private static let staysInside = "Not applicable (stays inside one system)"
    private static let notThirdParty = "Not applicable (not a third party)"

    /// A value type's name ("Classification"). Not `String(describing:)`: printing a type first
    /// asks whether it conforms to three protocols, and each first such question scans every
    /// conformance in the binary, which made building the schema 16 M instructions at every start
    /// (DECISIONS.md, "Where the first screen's time goes").
    private static func typeName<Value>(_ type: Value.Type) -> String { _typeName(type, qualified: false) }

    private static func choice<Value: AnswerValue>(
        _ path: String, _ label: String, _ keyPath: WritableKeyPath<Answers, Value?> & Sendable,
        applies: AnswerCondition = .always, required: AnswerCondition = .never, compliant: Value? = nil,
        variation: TableVariation = .alone, note: String = "", notApplicable: String = "Not applicable",
        shown: (@Sendable (Answers) -> String?)? = nil
    ) -> AnswerField {
        AnswerField(
            path: path, type: .choice(Value.self), label: label, applies: applies, required: required,
            compliant: compliant?.rawValue, variation: variation, note: note, notApplicable: notApplicable,
            keyPath: keyPath, valueType: typeName(Value.self), isReadByRules: true,
            read: { $0[keyPath: keyPath]?.rawValue },
            write: { $0[keyPath: keyPath] = $1.flatMap(Value.init(rawValue:)) },
            given: { $0[keyPath: keyPath] != nil }, shown: shown)
    }

    private static func text(
        _ path: String, _ label: String, _ keyPath: WritableKeyPath<Answers, String?> & Sendable,
        type: FieldType = .text, applies: AnswerCondition = .always, compliant: String? = nil,
        variation: TableVariation = .none, readByRules: Bool = false, note: String = "",
        notApplicable: String = "Not applicable"
    ) -> AnswerField {
        AnswerField(
            path: path, type: type, label: label, applies: applies, required: .never, compliant: compliant,
            variation: variation, note: note, notApplicable: notApplicable, keyPath: keyPath, valueType: "String",
            isReadByRules: readByRules || type == .date, read: { $0[keyPath: keyPath] },
            write: { $0[keyPath: keyPath] = $1 },
            given: { $0[keyPath: keyPath] != nil }, shown: nil)
    }

    private static func count(
        _ path: String, _ label: String, _ keyPath: WritableKeyPath<Answers, Int?> & Sendable, note: String
    ) -> AnswerField {
        AnswerField(
            path: path, type: .count, label: label, applies: .always, required: .never, compliant: nil,
            variation: .none, note: note, notApplicable: "Not applicable", keyPath: keyPath, valueType: "Int",
            isReadByRules: true, read: { $0[keyPath: keyPath].map(String.init) },
            write: { $0[keyPath: keyPath] = $1.flatMap { Int($0) } },
            given: { $0[keyPath: keyPath] != nil }, shown: nil)
    }

    /// A helpdesk detail: setting one creates the `helpdesk` section, which marks the form as
    /// completed on the caller's behalf.
    /// `stored` is where it is read in the answers (through the optional section); `keyPath`
    /// where it is set in the section.
    private static func helpdesk(
        _ key: String, _ label: String, _ keyPath: WritableKeyPath<Answers.Helpdesk, String?> & Sendable,
        _ stored: KeyPath<Answers, String?> & Sendable, required: AnswerCondition = .never
    ) -> AnswerField {
        AnswerField(
            path: "helpdesk.\(key)", type: .text, label: label, applies: .always, required: required,
            compliant: nil, variation: .none, note: "", notApplicable: "Not applicable", keyPath: stored,
            valueType: "String", isReadByRules: required.name != AnswerCondition.never.name,
            read: { $0[keyPath: stored] },
            write: { answers, value in
                guard value != nil || answers.helpdesk != nil else { return }
                var details = answers.helpdesk ?? Answers.Helpdesk()
                details[keyPath: keyPath] = value
                answers.helpdesk = details
            }, given: { $0[keyPath: stored] != nil }, shown: nil)
    }

    private static func recipientChoice<Value: AnswerValue>(
        _ key: String, _ label: String, _ keyPath: WritableKeyPath<Answers.Recipient, Value?> & Sendable,
        applies: AnswerCondition = .always, required: AnswerCondition, compliant: Value,
        variation: TableVariation = .alone, note: String = "", notApplicable: String = "Not applicable"
    ) -> RecipientField {
        RecipientField(
            path: recipientPrefix + key, type: .choice(Value.self), label: label, applies: applies,
            required: required, compliant: compliant.rawValue, variation: variation, note: note,
            notApplicable: notApplicable, keyPath: keyPath, valueType: typeName(Value.self),
            isReadByRules: true, read: { $0[keyPath: keyPath]?.rawValue },
            write: { $0[keyPath: keyPath] = $1.flatMap(Value.init(rawValue:)) },
            given: { $0[keyPath: keyPath] != nil }, shown: nil)
    }

    private static func recipientText(
        _ key: String, _ label: String, _ keyPath: WritableKeyPath<Answers.Recipient, String?> & Sendable,
        required: AnswerCondition = .never, compliant: String? = nil
    ) -> RecipientField {
        RecipientField(
            path: recipientPrefix + key, type: .text, label: label, applies: .always, required: required,
            compliant: compliant, variation: .none, note: "", notApplicable: "Not applicable", keyPath: keyPath,
            valueType: "String", isReadByRules: required.name != AnswerCondition.never.name,
            read: { $0[keyPath: keyPath] }, write: { $0[keyPath: keyPath] = $1 },
            given: { $0[keyPath: keyPath] != nil }, shown: nil)
    }

    /// A recipient's answers are under `recipients[]` in the file, whichever recipient they belong to.
    private static let recipientPrefix = "recipients[]."
}

extension RouteType {
    /// Routes to another organisation's system, which must be accredited to the information's tier.
    public var needsAccreditedDestination: Bool { self == .otherGovernmentDepartment || self == .thirdParty }
}

/// "a", "a or b", "a, b or c".
func orList(_ items: [String]) -> String {
    guard let last = items.last, items.count > 1 else { return items.joined() }
    return items.dropLast().joined(separator: ", ") + " or " + last
}
