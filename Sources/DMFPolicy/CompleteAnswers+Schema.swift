// Generated from AnswerSchema by Tests/DMFPolicyTests/GeneratedSourceTests.swift: do not edit.
// After a change to the schema, `RECORD_GOLDEN=1 swift test --filter GeneratedSourceTests`
// writes it again; the test fails while it is out of date.

/// A set of answers the rules can decide on (see CompleteAnswers.swift): each answer the schema
/// always requires is a plain value, every other choice, number and date is as given, and the
/// answers required only under a condition are gathered again, unwrapped, in a `when…` value
/// that is there exactly when its condition holds. Free text the rules never read is left out.
public struct CompleteAnswers: Sendable, Equatable {
    public let transfer: Transfer
    public let data: Data
    public let route: Route
    /// At least one, numbered from 1 in the order given.
    public let recipients: [Recipient]
    public let method: TransferMethod
    public let retention: Retention
    public let thirdParty: ThirdParty
    public let authorisation: Authorisation
    public let helpdesk: Helpdesk
    /// Required when `records` is not given; nil otherwise.
    public let whenRecordsNotGiven: WhenRecordsNotGiven?
    /// Required when route is `other-government-department` or `third-party`; nil otherwise.
    public let whenAccreditedDestination: WhenAccreditedDestination?
    /// Required when route is `third-party`; nil otherwise.
    public let whenThirdParty: WhenThirdParty?
    /// Required when the file has a `helpdesk` section; nil otherwise.
    public let whenHelpdeskCall: WhenHelpdeskCall?

    public struct Transfer: Sendable, Equatable {
        public let kind: TransferKind
        public let frequency: Frequency?
    }

    public struct Data: Sendable, Equatable {
        public let minimised: YesNoNotSure?
        public let classification: Classification
        public let legacyMarking: LegacyMarking?
        public let personalData: YesNoNotSure
        public let records: Int?
        public let bulk: YesNoNotSure?
    }

    public struct Route: Sendable, Equatable {
        public let type: RouteType
        public let destinationAccreditation: Accreditation?
    }

    public struct Recipient: Sendable, Equatable {
        /// Its place in the list, from 1.
        public let number: Int
        public let name: String
        public let mailbox: Mailbox?
        public let authorised: YesNoNotSure
        public let clearance: Clearance
        /// Required when `method` is `secure-email`, `email` or `not-sure`; nil otherwise.
        public let whenMailboxAsked: WhenMailboxAsked?
    }

    public struct Retention: Sendable, Equatable {
        public let deleteBy: String?
        public let period: String?
    }

    public struct ThirdParty: Sendable, Equatable {
        public let contract: YesNoNotSure?
        public let nda: YesNoNotSure?
        public let securityAspectsLetter: YesNoNotNeeded?
        public let codeOfConnection: YesNoNotNeeded?
    }

    public struct Authorisation: Sendable, Equatable {
        public let iaoDecision: IAODecision?
    }

    public struct Helpdesk: Sendable, Equatable {
        public let agentName: String?
    }

    public struct WhenRecordsNotGiven: Sendable, Equatable {
        public let bulk: YesNoNotSure
    }

    public struct WhenAccreditedDestination: Sendable, Equatable {
        public let destinationAccreditation: Accreditation
    }

    public struct WhenThirdParty: Sendable, Equatable {
        public let contract: YesNoNotSure
        public let nda: YesNoNotSure
        public let securityAspectsLetter: YesNoNotNeeded
        public let codeOfConnection: YesNoNotNeeded
        public let iaoDecision: IAODecision
    }

    public struct WhenHelpdeskCall: Sendable, Equatable {
        public let agentName: String
    }

    public struct WhenMailboxAsked: Sendable, Equatable {
        public let mailbox: Mailbox
    }

    /// The answers typed, or nil when one the schema requires is missing.
    init?(reading answers: Answers) {
        guard let transferKind = answers.transfer.kind else { return nil }
        guard let dataClassification = answers.data.classification else { return nil }
        guard let dataPersonalData = answers.data.personalData else { return nil }
        guard let routeType = answers.route.type else { return nil }
        guard let method = answers.method else { return nil }
        guard !answers.recipients.isEmpty else { return nil }
        let mailboxAsked = AnswerCondition.mailboxAsked.holds(answers)
        var recipients: [Recipient] = []
        recipients.reserveCapacity(answers.recipients.count)
        for (offset, given) in answers.recipients.enumerated() {
            guard let name = given.name else { return nil }
            guard let authorised = given.authorised else { return nil }
            guard let clearance = given.clearance else { return nil }
            var whenMailboxAsked: WhenMailboxAsked?
            if mailboxAsked {
                guard let mailbox = given.mailbox else { return nil }
                whenMailboxAsked = WhenMailboxAsked(
                    mailbox: mailbox
                )
            }
            recipients.append(
                Recipient(
                    number: offset + 1,
                    name: name,
                    mailbox: given.mailbox,
                    authorised: authorised,
                    clearance: clearance,
                    whenMailboxAsked: whenMailboxAsked
                ))
        }
        if AnswerCondition.recordsNotGiven.holds(answers) {
            guard let bulk = answers.data.bulk else { return nil }
            whenRecordsNotGiven = WhenRecordsNotGiven(
                bulk: bulk
            )
        } else {
            whenRecordsNotGiven = nil
        }
        if AnswerCondition.accreditedDestination.holds(answers) {
            guard let destinationAccreditation = answers.route.destinationAccreditation else { return nil }
            whenAccreditedDestination = WhenAccreditedDestination(
                destinationAccreditation: destinationAccreditation
            )
        } else {
            whenAccreditedDestination = nil
        }
        if AnswerCondition.thirdParty.holds(answers) {
            guard let contract = answers.thirdParty.contract else { return nil }
            guard let nda = answers.thirdParty.nda else { return nil }
            guard let securityAspectsLetter = answers.thirdParty.securityAspectsLetter else { return nil }
            guard let codeOfConnection = answers.thirdParty.codeOfConnection else { return nil }
            guard let iaoDecision = answers.authorisation.iaoDecision else { return nil }
            whenThirdParty = WhenThirdParty(
                contract: contract,
                nda: nda,
                securityAspectsLetter: securityAspectsLetter,
                codeOfConnection: codeOfConnection,
                iaoDecision: iaoDecision
            )
        } else {
            whenThirdParty = nil
        }
        if AnswerCondition.helpdeskCall.holds(answers) {
            guard let agentName = answers.helpdesk?.agentName else { return nil }
            whenHelpdeskCall = WhenHelpdeskCall(
                agentName: agentName
            )
        } else {
            whenHelpdeskCall = nil
        }
        transfer = Transfer(
            kind: transferKind,
            frequency: answers.transfer.frequency
        )
        data = Data(
            minimised: answers.data.minimised,
            classification: dataClassification,
            legacyMarking: answers.data.legacyMarking,
            personalData: dataPersonalData,
            records: answers.data.records,
            bulk: answers.data.bulk
        )
        route = Route(
            type: routeType,
            destinationAccreditation: answers.route.destinationAccreditation
        )
        self.recipients = recipients
        self.method = method
        retention = Retention(
            deleteBy: answers.retention.deleteBy,
            period: answers.retention.period
        )
        thirdParty = ThirdParty(
            contract: answers.thirdParty.contract,
            nda: answers.thirdParty.nda,
            securityAspectsLetter: answers.thirdParty.securityAspectsLetter,
            codeOfConnection: answers.thirdParty.codeOfConnection
        )
        authorisation = Authorisation(
            iaoDecision: answers.authorisation.iaoDecision
        )
        helpdesk = Helpdesk(
            agentName: answers.helpdesk?.agentName
        )
    }
}
