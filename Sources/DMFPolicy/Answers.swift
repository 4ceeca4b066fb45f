/// Everything the wizard asks, as in `answers-format.md`.
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
    /// Set when a helpdesk agent completes the form on a caller's behalf (project key `helpdesk`).
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
        public var isGiven: Bool { !(deleteBy ?? "").isEmpty || !(period ?? "").isEmpty }
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

// MARK: - Derived facts the rules use

extension Answers {
    /// Records about this many people or more count as bulk (later guidance, indicative).
    public static let bulkThreshold = 1_000

    /// The bulk answer, derived from the record count when the file leaves `bulk` out.
    public var effectiveBulk: YesNoNotSure? {
        CompleteAnswers.Bulk(answer: data.bulk, records: data.records)?.inEffect
    }

    /// Whether the information carries the SENSITIVE caveat or more, for protective marking.
    /// "Not sure" and any legacy marking count as sensitive: the conservative reading.
    public var isSensitiveOrAbove: Bool {
        switch data.classification {
        case .officialSensitive, .secret, .topSecret, .notSure: return true
        case .official, nil: return (data.legacyMarking ?? .none) != .none
        }
    }

    /// Whether each recipient's mailbox is asked and required: only when the method delivers to
    /// a mailbox (`email`, `secure-email`) or is "not sure". With any other method, or none yet,
    /// a mailbox answer is not needed and, if given, ignored.
    public var asksMailbox: Bool { method?.asksMailbox ?? false }

    /// The paths of required answers not yet given, in the order the answers file lists them
    /// (`AnswerSchema` says which answers are required when).
    public var missingFields: [String] {
        var missing: [String] = []
        for field in AnswerSchema.before where field.isRequired(self) && field.value(in: self) == nil {
            missing.append(field.path)
        }
        if recipients.isEmpty { missing.append("recipients") }
        let recipientFields = AnswerSchema.recipient.filter { $0.isRequired(self) }
        for (index, recipient) in recipients.enumerated() {
            for field in recipientFields where field.value(in: recipient) == nil {
                missing.append("recipients[\(index)].\(field.key)")
            }
        }
        for field in AnswerSchema.after where field.isRequired(self) && field.value(in: self) == nil {
            missing.append(field.path)
        }
        return missing
    }

    /// The same test as `missingFields.isEmpty`, stopping at the first gap (the engine asks it
    /// on every decision).
    public var isComplete: Bool {
        guard !recipients.isEmpty else { return false }
        for field in AnswerSchema.fields where field.isRequired(self) && field.value(in: self) == nil { return false }
        for field in AnswerSchema.recipient where field.isRequired(self) {
            if recipients.contains(where: { field.value(in: $0) == nil }) { return false }
        }
        return true
    }
}

// MARK: - Fingerprint

extension Answers {
    /// Every answer in a fixed order, one `key=value` per line: a stable text to hash for
    /// references (unlike `String(describing:)`, it does not depend on how Swift prints types).
    public var fingerprint: String {
        var lines: [String] = []
        func add(_ path: String, _ value: String?) { if let value { lines.append(path + "=" + value) } }
        for field in AnswerSchema.before { add(field.path, field.value(in: self)) }
        for (index, recipient) in recipients.enumerated() {
            for field in AnswerSchema.recipient { add("recipients[\(index)].\(field.key)", field.value(in: recipient)) }
        }
        for field in AnswerSchema.after { add(field.path, field.value(in: self)) }
        return lines.joined(separator: "\n")
    }
}
