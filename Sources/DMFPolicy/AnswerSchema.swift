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

/// One answer of the answers file, described once: its key path, type, label, when a complete
/// set of answers needs it, and how to read and set it. The answers reader and writer, the
/// completeness check, the fingerprint behind the DMF reference, the wizard's questions and the
/// form are all driven by these descriptors, so a new answer is one entry here (plus its
/// question's wording and the rule that uses it).
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
    /// Whether a complete set of answers must give it (route-specific answers only on their
    /// routes, a recipient's mailbox only with a method that delivers to a mailbox).
    public let isRequired: @Sendable (Answers) -> Bool
    /// Whether it is asked at all for these answers (a route's destination only when the
    /// information leaves its system); an answer that does not apply is printed as such.
    public let applies: @Sendable (Answers) -> Bool
    let read: @Sendable (Root) -> String?
    let write: @Sendable (inout Root, String?) -> Void
    /// The value the form prints when it differs from the answer (bulk, worked out from the
    /// number of records when the question was not asked).
    let shown: (@Sendable (Root) -> String?)?
    /// What the form prints instead of an answer that does not apply, and why.
    public let notApplicable: String

    init(
        path: String, type: FieldType, label: String, isRequired: @escaping @Sendable (Answers) -> Bool,
        applies: @escaping @Sendable (Answers) -> Bool, read: @escaping @Sendable (Root) -> String?,
        write: @escaping @Sendable (inout Root, String?) -> Void, shown: (@Sendable (Root) -> String?)? = nil,
        notApplicable: String = "Not applicable"
    ) {
        self.path = path
        self.type = type
        self.label = label
        self.isRequired = isRequired
        self.applies = applies
        self.read = read
        self.write = write
        self.shown = shown
        self.notApplicable = notApplicable
    }

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

    /// The answer in answers-file spelling (a choice's value, text as given, a count's digits).
    public func value(in root: Root) -> String? { read(root) }

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
        choice("transfer.kind", "Share or move", \.transfer.kind, required: { _ in true }),
        choice("transfer.frequency", "One-off or recurring", \.transfer.frequency),
        text("transfer.purpose", "Purpose", \.transfer.purpose, type: .paragraph),
        text("requester.name", "Name", \.requester.name),
        text("requester.email", "Email", \.requester.email, type: .email),
        text("requester.team", "Team or business unit", \.requester.team),
        text("data.description", "Description", \.data.description, type: .paragraph),
        choice("data.classification", "Classification", \.data.classification, required: { _ in true }),
        choice("data.legacy_marking", "Old (pre-2014) marking", \.data.legacyMarking),
        choice("data.personal_data", "Personal data", \.data.personalData, required: { _ in true }),
        AnswerField(
            path: "data.records", type: .count, label: "Number of records or people", isRequired: { _ in false },
            applies: { _ in true }, read: { $0.data.records.map(String.init) },
            write: { $0.data.records = $1.flatMap { Int($0) } }),
        // Needed only when the number of records, from which it follows, is not given.
        AnswerField(
            path: "data.bulk", type: .choice(YesNoNotSure.self), label: "Bulk (about 1,000 people or more)",
            isRequired: { $0.data.records == nil }, applies: { $0.data.records == nil },
            read: { $0.data.bulk?.rawValue }, write: { $0.data.bulk = $1.flatMap(YesNoNotSure.init(rawValue:)) },
            shown: { $0.effectiveBulk?.rawValue }),
        choice("route.type", "Route", \.route.type, required: { _ in true }),
        text("route.source_system", "From system or domain", \.route.sourceSystem),
        text(
            "route.destination_organisation", "To organisation", \.route.destinationOrganisation, applies: leaves,
            notApplicable: staysInside),
        text(
            "route.destination_system", "To system", \.route.destinationSystem, applies: leaves,
            notApplicable: staysInside),
        choice(
            "route.destination_accreditation", "Receiving system accredited to", \.route.destinationAccreditation,
            required: needsAccreditation, applies: needsAccreditation,
            notApplicable: "Not applicable (asked only for another department or a third party)"),
    ]

    public static let recipient: [RecipientField] = [
        recipientText("name", "Name", \.name),
        recipientText("organisation", "Organisation", \.organisation),
        recipientText("role", "Role", \.role),
        // Asked only when the method delivers to a mailbox; an answer given anyway is ignored.
        recipientChoice(
            "mailbox", "Mailbox", \.mailbox, required: { $0.asksMailbox }, applies: { $0.asksMailbox },
            notApplicable: "Not asked (the method does not deliver to a mailbox)"),
        recipientChoice("authorised", "Authorised", \.authorised, required: { _ in true }),
        recipientChoice("clearance", "Clearance", \.clearance, required: { _ in true }),
    ]

    public static let after: [AnswerField] = [
        choice("method", "Transfer method", \.method, required: { _ in true }),
        AnswerField(
            path: "retention.delete_by", type: .date, label: "Delete by", isRequired: { _ in false },
            applies: { _ in true }, read: { $0.retention.deleteBy }, write: { $0.retention.deleteBy = $1 }),
        text("retention.period", "Retention period", \.retention.period),
        choice(
            "third_party.contract", "Contract in place", \.thirdParty.contract, required: isThirdParty,
            applies: isThirdParty, notApplicable: notThirdParty),
        choice(
            "third_party.nda", "Non-Disclosure Agreement (NDA) in place", \.thirdParty.nda, required: isThirdParty,
            applies: isThirdParty, notApplicable: notThirdParty),
        choice(
            "third_party.security_aspects_letter", "Security Aspects Letter (SAL)",
            \.thirdParty.securityAspectsLetter, required: isThirdParty, applies: isThirdParty,
            notApplicable: notThirdParty),
        choice(
            "third_party.code_of_connection", "Codes of Connection (CoCo)", \.thirdParty.codeOfConnection,
            required: isThirdParty, applies: isThirdParty, notApplicable: notThirdParty),
        text(
            "authorisation.iao_name", "Information Asset Owner", \.authorisation.iaoName, applies: leaves,
            notApplicable: staysInside),
        // Asked on every route that leaves its system; an answers file must give it only for a
        // third party, where the guidance asks for the IAO's authorisation in so many words.
        choice(
            "authorisation.iao_decision", "IAO decision", \.authorisation.iaoDecision, required: isThirdParty,
            applies: leaves, notApplicable: staysInside),
        helpdesk("caller_name", "Caller", \.callerName),
        helpdesk("caller_team", "Caller's team", \.callerTeam),
        helpdesk("call_reference", "Call reference", \.callReference),
        helpdesk("agent_name", "Helpdesk agent", \.agentName),
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
    public static func fields(under topLevelKey: String) -> [AnswerField] {
        fields.filter { ($0.section.isEmpty ? $0.key : $0.section) == topLevelKey }
    }

    /// The field at `path` (`data.classification`); a recipient's are in `recipient`.
    public static func field(_ path: String) -> AnswerField? { fields.first { $0.path == path } }

    /// The recipient field with `key` (`clearance`).
    public static func recipientField(_ key: String) -> RecipientField? { recipient.first { $0.key == key } }

    /// The type of the field at `path` (`data.classification`, `recipients[].clearance` or `recipients[2].clearance`).
    public static func type(at path: String) -> FieldType? {
        let schemaPath = path.replacing(/\[\d+\]/, with: "[]")
        return fields.first { $0.path == schemaPath }?.type ?? recipient.first { $0.path == schemaPath }?.type
    }

    // MARK: - Building blocks

    private static let isThirdParty: @Sendable (Answers) -> Bool = { $0.route.type == .thirdParty }
    private static let staysInside = "Not applicable (stays inside one system)"
    private static let notThirdParty = "Not applicable (not a third party)"
    private static let leaves: @Sendable (Answers) -> Bool = { $0.route.type?.leavesSystem ?? false }
    private static let needsAccreditation: @Sendable (Answers) -> Bool = {
        $0.route.type?.needsAccreditedDestination ?? false
    }

    private static func choice<Value: AnswerValue>(
        _ path: String, _ label: String, _ keyPath: WritableKeyPath<Answers, Value?> & Sendable,
        required: @escaping @Sendable (Answers) -> Bool = { _ in false },
        applies: @escaping @Sendable (Answers) -> Bool = { _ in true }, notApplicable: String = "Not applicable"
    ) -> AnswerField {
        AnswerField(
            path: path, type: .choice(Value.self), label: label, isRequired: required, applies: applies,
            read: { $0[keyPath: keyPath]?.rawValue },
            write: { $0[keyPath: keyPath] = $1.flatMap(Value.init(rawValue:)) }, notApplicable: notApplicable)
    }

    private static func text(
        _ path: String, _ label: String, _ keyPath: WritableKeyPath<Answers, String?> & Sendable,
        type: FieldType = .text, applies: @escaping @Sendable (Answers) -> Bool = { _ in true },
        notApplicable: String = "Not applicable"
    ) -> AnswerField {
        AnswerField(
            path: path, type: type, label: label, isRequired: { _ in false }, applies: applies,
            read: { $0[keyPath: keyPath] }, write: { $0[keyPath: keyPath] = $1 }, notApplicable: notApplicable)
    }

    /// A helpdesk detail: setting one creates the `helpdesk` section, which marks the form as
    /// completed on the caller's behalf.
    private static func helpdesk(
        _ key: String, _ label: String, _ keyPath: WritableKeyPath<Answers.Helpdesk, String?> & Sendable
    ) -> AnswerField {
        AnswerField(
            path: "helpdesk.\(key)", type: .text, label: label, isRequired: { _ in false }, applies: { _ in true },
            read: { $0.helpdesk?[keyPath: keyPath] },
            write: { answers, value in
                guard value != nil || answers.helpdesk != nil else { return }
                var details = answers.helpdesk ?? Answers.Helpdesk()
                details[keyPath: keyPath] = value
                answers.helpdesk = details
            })
    }

    private static func recipientChoice<Value: AnswerValue>(
        _ key: String, _ label: String, _ keyPath: WritableKeyPath<Answers.Recipient, Value?> & Sendable,
        required: @escaping @Sendable (Answers) -> Bool, applies: @escaping @Sendable (Answers) -> Bool = { _ in true },
        notApplicable: String = "Not applicable"
    ) -> RecipientField {
        RecipientField(
            path: recipientPrefix + key, type: .choice(Value.self), label: label, isRequired: required,
            applies: applies, read: { $0[keyPath: keyPath]?.rawValue },
            write: { $0[keyPath: keyPath] = $1.flatMap(Value.init(rawValue:)) }, notApplicable: notApplicable)
    }

    private static func recipientText(
        _ key: String, _ label: String, _ keyPath: WritableKeyPath<Answers.Recipient, String?> & Sendable
    ) -> RecipientField {
        RecipientField(
            path: recipientPrefix + key, type: .text, label: label, isRequired: { _ in false },
            applies: { _ in true }, read: { $0[keyPath: keyPath] }, write: { $0[keyPath: keyPath] = $1 })
    }

    /// A recipient's answers are under `recipients[]` in the file, whichever recipient they belong to.
    private static let recipientPrefix = "recipients[]."
}

extension RouteType {
    /// Routes to another organisation's system, which must be accredited to the information's level.
    public var needsAccreditedDestination: Bool { self == .otherGovernmentDepartment || self == .thirdParty }
}
