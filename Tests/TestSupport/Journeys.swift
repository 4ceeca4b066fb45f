import DMFFlow
import DMFPolicy
import Testing

// Four journeys through the wizard (one per route, one per verdict) and the drivers that answer
// them on a `Wizard`; the app tests add drivers that turn them into key presses and lines.

/// One complete run through the wizard, as a person would type it: text as typed, choices by
/// their (never changing) number, "" to skip an optional question. A question the journey does
/// not mention (one added since it was written) gets the answer `AnswerSchema` calls compliant,
/// or is skipped, so a new question needs no change here.
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
        name: String, route: RouteType, verdict: Verdict, typed: [StepCode: String], recipients: [[StepCode: String]]
    ) {
        self.name = name
        self.route = route
        self.verdict = verdict
        self.typed = typed
        self.recipients = recipients
    }

    /// The step codes a person meets, in order, from the first question to the last (the
    /// recipients list once), as the wizard asks them.
    public var expectedCodes: [StepCode] { Drive.steps(self) }

    public static let sameSystemProceed = Journey(
        name: "same-system-proceed", route: .sameSystem, verdict: .proceed,
        typed: [
            "Y1": "Siân Ó Ceallaigh", "Y2": "sian.oceallaigh@justice.gov.uk", "Y3": "Probation analytics",
            "T1": "1", "T2": "1", "T3": "Caseload figures for the regional review",
            "D1": "Caseload extract, one row per case", "D2": "1", "D3": "1", "D4": "2", "D5": "250",
            "R1": "1", "R2": "DOM1", "M1": "1", "K1": "2027-03-31", "K2": "",
        ],
        recipients: [["P2": "Ana Lytic", "P3": "HMPPS", "P4": "Analyst", "P6": "1", "P7": "2"]])

    public static let betweenSystemsConditions = Journey(
        name: "between-moj-systems-conditions", route: .betweenMOJSystems, verdict: .conditions,
        typed: [
            "Y1": "Sam Patel", "Y2": "sam.patel@justice.gov.uk", "Y3": "",
            "T1": "2", "T2": "2", "T3": "Nightly feed for case management",
            "D1": "Case status records", "D2": "2", "D3": "1", "D4": "2", "D5": "", "D6": "2",
            "R1": "2", "R2": "DISC", "R3": "HMPPS", "R4": "Quantum",
            "M1": "2", "K1": "", "K2": "Until the next release", "A1": "Jo Bloggs", "A2": "1",
        ],
        recipients: [["P2": "Kim Lee", "P3": "HMPPS Digital", "P4": "Data engineer", "P6": "1", "P7": "4"]])

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
        ])

    public static let all = [sameSystemProceed, betweenSystemsConditions, otherDepartmentRefer, thirdPartyBlocked]

    /// What is typed for the question on screen.
    public func typed(for wizard: Wizard) -> String {
        switch wizard.screen {
        case .recipientField(let index, let code): recipients[index][code] ?? Self.compliant(code)
        default: typed(wizard.stepCode)
        }
    }

    /// What is typed at a step of the main flow.
    public func typed(_ code: StepCode) -> String { typed[code] ?? Self.compliant(code) }

    /// For a question the journey does not mention: the number of the option `AnswerSchema`
    /// calls compliant, or nothing (skip).
    static func compliant(_ code: StepCode) -> String {
        guard let question = Flow(helpdesk: true).question(code: code),
            let value = AnswerSchema.field(question.path)?.compliant
                ?? AnswerSchema.recipient.first(where: { $0.path == question.path })?.compliant,
            let choice = question.choices.first(where: { $0.value == value })
        else { return "" }
        return String(choice.number)
    }

    /// Takes the wizard one step along the journey: adds a recipient or finishes them on the
    /// recipients screen, else answers the question on screen. Returns what the wizard said was
    /// wrong with the step (nil when it was taken).
    @discardableResult
    public func step(_ wizard: inout Wizard) -> String? {
        guard wizard.screen == .recipients else { return wizard.answer(value(for: wizard)) }
        guard wizard.answers.recipients.count < recipients.count else { return wizard.finishRecipients() }
        wizard.addRecipient()
        return nil
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

    /// The step codes the wizard shows for the journey's questions, in order (the recipients list
    /// once, not its recipients' fields).
    public static func steps(_ journey: Journey) -> [StepCode] {
        var wizard = Wizard(flow: Flow())
        var codes: [StepCode] = []
        answerAll(journey, on: &wizard) { wizard in
            if case .question(let code) = wizard.screen { codes.append(code) }
            if wizard.screen == .recipients, codes.last != .recipients { codes.append(.recipients) }
        }
        return codes
    }

    public static func answerAll(
        _ journey: Journey, on wizard: inout Wizard, seeing: (Wizard) -> Void = { _ in }
    ) {
        for _ in 0..<200 {
            seeing(wizard)
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
        for field in AnswerSchema.fields where !field.type.values.isEmpty {
            field.set(field.value(in: self), in: &kept)
        }
        kept.recipients = recipients.prefix(ResumeCode.maxRecipients).map {
            Answers.Recipient(
                mailbox: asksMailbox ? $0.mailbox : nil, authorised: $0.authorised, clearance: $0.clearance)
        }
        return kept
    }
}
