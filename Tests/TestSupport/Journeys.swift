import DMFFlow
import DMFPolicy
import Testing

// Four journeys through the wizard (one per route, one per verdict) and the drivers that answer
// them on a `Wizard`; the app tests add drivers that turn them into key presses and lines.

/// One complete run through the wizard, as a person would type it: text as typed, choices by
/// their (never changing) number, "" to skip an optional question.
public struct Journey: Sendable, CustomTestStringConvertible {
    public let name: String
    public let route: RouteType
    public let verdict: Verdict
    public let typed: [StepCode: String]
    /// P2–P7 for each recipient, in order (P5, the mailbox, only where the method delivers to
    /// a mailbox: the third-party journey's secure email).
    public let recipients: [[StepCode: String]]

    public var testDescription: String { name }

    public init(
        name: String, route: RouteType, verdict: Verdict, typed: [StepCode: String], recipients: [[StepCode: String]],
        expectedCodes: [StepCode]
    ) {
        self.name = name
        self.route = route
        self.verdict = verdict
        self.typed = typed
        self.recipients = recipients
        self.expectedCodes = expectedCodes
    }

    /// The step codes a person meets, in order, from Y1 to the last question.
    public let expectedCodes: [StepCode]

    public static let sameSystemProceed = Journey(
        name: "same-system-proceed", route: .sameSystem, verdict: .proceed,
        typed: [
            "Y1": "Siân Ó Ceallaigh", "Y2": "sian.oceallaigh@justice.gov.uk", "Y3": "Probation analytics",
            "T1": "1", "T2": "1", "T3": "Caseload figures for the regional review",
            "D1": "Caseload extract, one row per case", "D2": "1", "D3": "1", "D4": "2", "D5": "250",
            "R1": "1", "R2": "DOM1", "M1": "1", "K1": "2027-03-31", "K2": "",
        ],
        recipients: [["P2": "Ana Lytic", "P3": "HMPPS", "P4": "Analyst", "P6": "1", "P7": "2"]],
        expectedCodes: [
            "Y1", "Y2", "Y3", "T1", "T2", "T3", "D1", "D2", "D3", "D4", "D5", "R1", "R2", "M1", "P1", "K1", "K2",
        ])

    public static let betweenSystemsConditions = Journey(
        name: "between-moj-systems-conditions", route: .betweenMOJSystems, verdict: .conditions,
        typed: [
            "Y1": "Sam Patel", "Y2": "sam.patel@justice.gov.uk", "Y3": "",
            "T1": "2", "T2": "2", "T3": "Nightly feed for case management",
            "D1": "Case status records", "D2": "2", "D3": "1", "D4": "2", "D5": "", "D6": "2",
            "R1": "2", "R2": "DISC", "R3": "HMPPS", "R4": "Quantum",
            "M1": "2", "K1": "", "K2": "Until the next release", "A1": "Jo Bloggs", "A2": "1",
        ],
        recipients: [["P2": "Kim Lee", "P3": "HMPPS Digital", "P4": "Data engineer", "P6": "1", "P7": "4"]],
        expectedCodes: [
            "Y1", "Y2", "Y3", "T1", "T2", "T3", "D1", "D2", "D3", "D4", "D5", "D6", "R1", "R2", "R3", "R4", "M1", "P1",
            "K1", "K2", "A1", "A2",
        ])

    public static let otherDepartmentRefer = Journey(
        name: "other-government-department-refer", route: .otherGovernmentDepartment, verdict: .refer,
        typed: [
            "Y1": "Alex Byrne", "Y2": "alex.byrne@justice.gov.uk", "Y3": "Data sharing",
            "T1": "1", "T2": "1", "T3": "Joint inspection",
            "D1": "Learner outcomes", "D2": "1", "D3": "1", "D4": "1", "D5": "4200",
            "R1": "3", "R2": "DOM1", "R3": "Department for Education", "R4": "DfE analytical platform", "R5": "6",
            "M1": "3", "K1": "2027-01-31", "K2": "", "A1": "Pat Owner", "A2": "2",
        ],
        recipients: [
            ["P2": "B. Analyst", "P3": "Department for Education", "P4": "Statistician", "P6": "1", "P7": "2"]
        ],
        expectedCodes: [
            "Y1", "Y2", "Y3", "T1", "T2", "T3", "D1", "D2", "D3", "D4", "D5", "R1", "R2", "R3", "R4", "R5", "M1", "P1",
            "K1", "K2", "A1", "A2",
        ])

    public static let thirdPartyBlocked = Journey(
        name: "third-party-blocked", route: .thirdParty, verdict: .blocked,
        typed: [
            "Y1": "Chris Doe", "Y2": "chris.doe@justice.gov.uk", "Y3": "Estates",
            "T1": "2", "T2": "1", "T3": "Supplier needs the asset list",
            "D1": "Building asset list", "D2": "1", "D3": "1", "D4": "2", "D5": "12",
            "R1": "4", "R2": "DOM1", "R3": "Acme Facilities Ltd", "R4": "Acme CAFM", "R5": "2",
            "M1": "4", "K1": "2026-12-31", "K2": "", "X1": "1", "X2": "1", "X3": "3", "X4": "3",
            "A1": "Pat Owner", "A2": "1",
        ],
        recipients: [
            [
                "P2": "Dana Field", "P3": "Acme Facilities Ltd", "P4": "Contract manager", "P5": "1", "P6": "1",
                "P7": "2",
            ],
            ["P2": "Acme helpdesk", "P3": "Acme Facilities Ltd", "P4": "Support", "P5": "2", "P6": "1", "P7": "2"],
        ],
        expectedCodes: [
            "Y1", "Y2", "Y3", "T1", "T2", "T3", "D1", "D2", "D3", "D4", "D5", "R1", "R2", "R3", "R4", "R5", "M1", "P1",
            "K1", "K2", "X1", "X2", "X3", "X4", "A1", "A2",
        ])

    public static let all = [sameSystemProceed, betweenSystemsConditions, otherDepartmentRefer, thirdPartyBlocked]

    /// What is typed for the question on screen.
    public func typed(for wizard: Wizard) -> String {
        switch wizard.screen {
        case .recipientField(let index, let code): recipients[index][code]!
        default: typed[wizard.stepCode]!
        }
    }

    /// The answer value to give `Wizard.answer` for the question on screen.
    public func value(for wizard: Wizard) -> String {
        let text = typed(for: wizard)
        let question = wizard.currentQuestion!
        if case .choice(let choices) = question.kind { return choices.first { $0.number == Int(text) }!.value }
        return text
    }
}

/// Where a driver stops.
public enum Stop { case check, outcome }

public enum Drive {
    /// Answers every question of the journey on a pure `Wizard`, up to "Check your answers".
    public static func wizard(_ journey: Journey, helpdesk: Bool = false) -> Wizard {
        var wizard = Wizard(flow: Flow(helpdesk: helpdesk))
        answerAll(journey, on: &wizard)
        return wizard
    }

    public static func answerAll(_ journey: Journey, on wizard: inout Wizard) {
        for _ in 0..<200 {
            switch wizard.screen {
            case .check, .outcome: return
            case .recipients:
                if wizard.answers.recipients.count < journey.recipients.count {
                    wizard.addRecipient()
                } else {
                    let problem = wizard.finishRecipients()
                    precondition(problem == nil, "\(problem!)")
                }
            case .question, .recipientField:
                let problem = wizard.answer(journey.value(for: wizard))
                precondition(problem == nil, "\(journey.name) \(wizard.stepCode): \(problem!)")
            }
        }
    }

}

extension Answers {
    /// These answers with every free-text answer (and the helpdesk details) removed: what a
    /// resume code keeps. A recipient's mailbox is kept only where it is asked (the method
    /// delivers to a mailbox, or is not sure); otherwise it is ignored, so not in the code.
    public var choicesOnly: Answers {
        var kept = Answers()
        for question in Flow().questions where !question.choices.isEmpty {
            question.setAnswer(question.answer(in: self), in: &kept)
        }
        kept.recipients = recipients.prefix(ResumeCode.maxRecipients).map {
            Answers.Recipient(
                mailbox: asksMailbox ? $0.mailbox : nil, authorised: $0.authorised, clearance: $0.clearance)
        }
        return kept
    }
}
