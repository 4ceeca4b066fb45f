/// What the form states about protection in transit and about copies. The rules decide it, so
/// the form only prints it; the words are the rules' own (RuleWording.swift).
public struct FormStatements: Sendable, Equatable {
    /// How confidentiality in transit stands: reported from `confidentiality-in-transit`.
    public var confidentiality: String
    /// Whether an integrity check, and proof of sending and receipt, are required
    /// (`transit-controls`).
    public var integrity: String
    public var proofOfSendingAndReceipt: String
    /// What happens to copies after the transfer (`retention`).
    public var copies: String

    public init(_ answers: Answers, decision: Decision) {
        let leaves = answers.route.type?.leavesSystem ?? false
        // Protected unless the rule asks for something: a blocker, a referral or an action.
        let unresolved = decision.findings.contains { $0.rule == .confidentialityInTransit && $0.kind <= .action }
        confidentiality = FindingCase.ConfidentialityInTransit.formLine(
            leavesSystem: leaves, method: answers.method, unresolved: unresolved)
        let controls = FindingCase.TransitControls.formLine(
            asked: decision.findings.contains { $0.rule == .transitControls }, leavesSystem: leaves)
        integrity = controls
        proofOfSendingAndReceipt = controls
        copies = FindingCase.Retention.copiesAfterTransfer(answers.transfer.kind)
    }
}

/// The controls between MOJ systems that the guidance asks for (rule `transit-controls`).
enum TransitControls {
    static func areRequired(on route: RouteType) -> Bool { route == .betweenMOJSystems }
}
