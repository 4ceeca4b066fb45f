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
        if let bulk = data.bulk { return bulk }
        if let records = data.records { return records >= Self.bulkThreshold ? .yes : .no }
        return nil
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

    /// The paths of required answers not yet given, in the order the answers file lists them.
    /// Route-specific fields are required only on the routes that ask them, and recipients'
    /// mailboxes only when the method delivers to a mailbox (see `asksMailbox`).
    public var missingFields: [String] {
        var missing: [String] = []
        if transfer.kind == nil { missing.append("transfer.kind") }
        if data.classification == nil { missing.append("data.classification") }
        if data.personalData == nil { missing.append("data.personal_data") }
        if effectiveBulk == nil { missing.append("data.bulk") }
        if route.type == nil { missing.append("route.type") }
        if let type = route.type, type == .otherGovernmentDepartment || type == .thirdParty,
            route.destinationAccreditation == nil
        {
            missing.append("route.destination_accreditation")
        }
        if recipients.isEmpty { missing.append("recipients") }
        let mailboxNeeded = asksMailbox
        for (index, recipient) in recipients.enumerated() {
            if mailboxNeeded, recipient.mailbox == nil { missing.append("recipients[\(index)].mailbox") }
            if recipient.authorised == nil { missing.append("recipients[\(index)].authorised") }
            if recipient.clearance == nil { missing.append("recipients[\(index)].clearance") }
        }
        if method == nil { missing.append("method") }
        if route.type == .thirdParty {
            if thirdParty.contract == nil { missing.append("third_party.contract") }
            if thirdParty.nda == nil { missing.append("third_party.nda") }
            if thirdParty.securityAspectsLetter == nil { missing.append("third_party.security_aspects_letter") }
            if thirdParty.codeOfConnection == nil { missing.append("third_party.code_of_connection") }
            if authorisation.iaoDecision == nil { missing.append("authorisation.iao_decision") }
        }
        return missing
    }

    /// The same test as `missingFields.isEmpty`, without building the list (the engine asks it
    /// on every decision).
    public var isComplete: Bool {
        guard transfer.kind != nil, data.classification != nil, data.personalData != nil, effectiveBulk != nil,
            let type = route.type, let method, !recipients.isEmpty
        else { return false }
        let mailboxNeeded = method.asksMailbox
        guard
            recipients.allSatisfy({
                ($0.mailbox != nil || !mailboxNeeded) && $0.authorised != nil && $0.clearance != nil
            })
        else { return false }
        if type == .otherGovernmentDepartment || type == .thirdParty, route.destinationAccreditation == nil {
            return false
        }
        if type == .thirdParty {
            return thirdParty.contract != nil && thirdParty.nda != nil && thirdParty.securityAspectsLetter != nil
                && thirdParty.codeOfConnection != nil && authorisation.iaoDecision != nil
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
        func add(_ key: String, _ value: String?) { if let value { lines.append(key + "=" + value) } }
        add("transfer.kind", transfer.kind?.rawValue)
        add("transfer.frequency", transfer.frequency?.rawValue)
        add("transfer.purpose", transfer.purpose)
        add("requester.name", requester.name)
        add("requester.email", requester.email)
        add("requester.team", requester.team)
        add("data.description", data.description)
        add("data.classification", data.classification?.rawValue)
        add("data.legacy_marking", data.legacyMarking?.rawValue)
        add("data.personal_data", data.personalData?.rawValue)
        add("data.records", data.records.map(String.init))
        add("data.bulk", data.bulk?.rawValue)
        add("route.type", route.type?.rawValue)
        add("route.source_system", route.sourceSystem)
        add("route.destination_organisation", route.destinationOrganisation)
        add("route.destination_system", route.destinationSystem)
        add("route.destination_accreditation", route.destinationAccreditation?.rawValue)
        for (index, recipient) in recipients.enumerated() {
            let prefix = "recipients[\(index)]."
            add(prefix + "name", recipient.name)
            add(prefix + "organisation", recipient.organisation)
            add(prefix + "role", recipient.role)
            add(prefix + "mailbox", recipient.mailbox?.rawValue)
            add(prefix + "authorised", recipient.authorised?.rawValue)
            add(prefix + "clearance", recipient.clearance?.rawValue)
        }
        add("method", method?.rawValue)
        add("retention.delete_by", retention.deleteBy)
        add("retention.period", retention.period)
        add("third_party.contract", thirdParty.contract?.rawValue)
        add("third_party.nda", thirdParty.nda?.rawValue)
        add("third_party.security_aspects_letter", thirdParty.securityAspectsLetter?.rawValue)
        add("third_party.code_of_connection", thirdParty.codeOfConnection?.rawValue)
        add("authorisation.iao_name", authorisation.iaoName)
        add("authorisation.iao_decision", authorisation.iaoDecision?.rawValue)
        add("helpdesk.caller_name", helpdesk?.callerName)
        add("helpdesk.caller_team", helpdesk?.callerTeam)
        add("helpdesk.call_reference", helpdesk?.callReference)
        add("helpdesk.agent_name", helpdesk?.agentName)
        return lines.joined(separator: "\n")
    }
}
