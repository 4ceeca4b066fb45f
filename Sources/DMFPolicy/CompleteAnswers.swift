/// The answers are not complete enough to decide; lists the missing answer paths.
public struct IncompleteAnswers: Error, Equatable, Sendable {
    public var missing: [String]
}

/// A set of answers the rules can decide on: every answer `AnswerSchema` requires is a plain
/// value here, so no rule unwraps anything. Answers required only on some routes live in those
/// routes' cases, and a recipient's mailbox is there only when the method asks for it.
///
/// Built only by `init(_:)`, which takes the schema's word for what is missing.
public struct CompleteAnswers: Sendable, Equatable {
    public let kind: TransferKind
    public let classification: Classification
    /// `none` when not given: the question is optional.
    public let legacyMarking: LegacyMarking
    public let personalData: YesNoNotSure
    public let bulk: Bulk
    public let route: Route
    /// At least one (rule `recipients-listed`), in the order given.
    public let recipients: [Recipient]
    public let method: TransferMethod
    /// Optional answers: a deletion date, a retention period.
    public let retention: Answers.Retention

    /// Checks the answers with the schema's completeness walk (`Answers.isComplete`, and
    /// `missingFields` for the error), then reads them typed.
    /// - Throws: `IncompleteAnswers` naming every required answer not given.
    public init(_ answers: Answers) throws(IncompleteAnswers) {
        guard answers.isComplete, let complete = Self(reading: answers) else {
            let missing = answers.missingFields
            // Complete by the schema but not readable here would mean the two disagree on what is
            // required; `CompleteAnswersTests` checks they do not.
            assert(!missing.isEmpty, "AnswerSchema and CompleteAnswers disagree on what is required")
            throw IncompleteAnswers(missing: missing)
        }
        self = complete
    }

    /// The answers typed, or nil when one the rules need is missing. The schema decides
    /// completeness; this only has to agree with it.
    private init?(reading answers: Answers) {
        guard let kind = answers.transfer.kind, let classification = answers.data.classification,
            let personalData = answers.data.personalData, let method = answers.method,
            let bulk = Bulk(answer: answers.data.bulk, records: answers.data.records),
            let route = Route(answers)
        else { return nil }
        var recipients: [Recipient] = []
        recipients.reserveCapacity(answers.recipients.count)
        for (offset, given) in answers.recipients.enumerated() {
            guard let recipient = Recipient(given, number: offset + 1, method: method) else { return nil }
            recipients.append(recipient)
        }
        guard !recipients.isEmpty else { return nil }
        self.kind = kind
        self.classification = classification
        legacyMarking = answers.data.legacyMarking ?? .none
        self.personalData = personalData
        self.bulk = bulk
        self.route = route
        self.recipients = recipients
        self.method = method
        retention = answers.retention
    }

    /// Where the information goes, with the answers each route requires.
    public enum Route: Sendable, Equatable {
        case sameSystem
        /// The IAO's decision is asked off the system but required only for a third party.
        case betweenMOJSystems(iaoDecision: IAODecision?)
        case otherGovernmentDepartment(accreditation: Accreditation, iaoDecision: IAODecision?)
        case thirdParty(ThirdParty)

        public var type: RouteType {
            switch self {
            case .sameSystem: .sameSystem
            case .betweenMOJSystems: .betweenMOJSystems
            case .otherGovernmentDepartment: .otherGovernmentDepartment
            case .thirdParty: .thirdParty
            }
        }

        /// The IAO's decision where one was given (always, on the third-party route).
        public var iaoDecision: IAODecision? {
            switch self {
            case .sameSystem: nil
            case .betweenMOJSystems(let decision), .otherGovernmentDepartment(_, let decision): decision
            case .thirdParty(let thirdParty): thirdParty.iaoDecision
            }
        }

        init?(_ answers: Answers) {
            guard let type = answers.route.type else { return nil }
            let decision = answers.authorisation.iaoDecision
            switch type {
            case .sameSystem:
                self = .sameSystem
            case .betweenMOJSystems:
                self = .betweenMOJSystems(iaoDecision: decision)
            case .otherGovernmentDepartment:
                guard let accreditation = answers.route.destinationAccreditation else { return nil }
                self = .otherGovernmentDepartment(accreditation: accreditation, iaoDecision: decision)
            case .thirdParty:
                guard let thirdParty = ThirdParty(answers) else { return nil }
                self = .thirdParty(thirdParty)
            }
        }
    }

    /// What a transfer to a third party needs answered.
    public struct ThirdParty: Sendable, Equatable {
        /// The receiving system's accreditation.
        public let accreditation: Accreditation
        public let contract: YesNoNotSure
        public let nda: YesNoNotSure
        public let securityAspectsLetter: YesNoNotNeeded
        public let codeOfConnection: YesNoNotNeeded
        public let iaoDecision: IAODecision

        init?(_ answers: Answers) {
            guard let accreditation = answers.route.destinationAccreditation,
                let contract = answers.thirdParty.contract, let nda = answers.thirdParty.nda,
                let securityAspectsLetter = answers.thirdParty.securityAspectsLetter,
                let codeOfConnection = answers.thirdParty.codeOfConnection,
                let iaoDecision = answers.authorisation.iaoDecision
            else { return nil }
            self.accreditation = accreditation
            self.contract = contract
            self.nda = nda
            self.securityAspectsLetter = securityAspectsLetter
            self.codeOfConnection = codeOfConnection
            self.iaoDecision = iaoDecision
        }
    }

    /// Whether it is a bulk transfer, and which answer says so. The bulk question is required
    /// only when the number of records, from which it follows, is not given.
    public enum Bulk: Sendable, Equatable {
        /// The bulk question was answered; an explicit answer wins over a record count.
        case answered(YesNoNotSure, records: Int?)
        /// Left out: the number of records decides (later guidance, indicative).
        case counted(records: Int)

        public init?(answer: YesNoNotSure?, records: Int?) {
            if let answer {
                self = .answered(answer, records: records)
            } else if let records {
                self = .counted(records: records)
            } else {
                return nil
            }
        }

        /// The answer in effect: the one given, or "yes" from `Answers.bulkThreshold` records up.
        public var inEffect: YesNoNotSure {
            switch self {
            case .answered(let answer, _): answer
            case .counted(let records): records >= Answers.bulkThreshold ? .yes : .no
            }
        }
    }

    /// One recipient, numbered from 1 as the screens and the form number them.
    public struct Recipient: Sendable, Equatable {
        public let number: Int
        /// Nil when no name (or an empty one) was given.
        public let name: String?
        /// Nil when the method does not deliver to a mailbox: then it is not asked, and an answer
        /// given anyway is ignored (DECISIONS.md, policy readings).
        public let mailbox: Mailbox?
        public let authorised: YesNoNotSure
        public let clearance: Clearance

        init?(_ given: Answers.Recipient, number: Int, method: TransferMethod) {
            guard let authorised = given.authorised, let clearance = given.clearance else { return nil }
            if method.asksMailbox {
                guard let mailbox = given.mailbox else { return nil }
                self.mailbox = mailbox
            } else {
                mailbox = nil
            }
            self.number = number
            name = given.name.flatMap { $0.isEmpty ? nil : $0 }
            self.authorised = authorised
            self.clearance = clearance
        }
    }
}
