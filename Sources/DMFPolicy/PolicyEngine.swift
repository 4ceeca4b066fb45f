/// Turns a complete set of answers into findings and a verdict, following `policy-rules.md`.
///
/// Pure: no I/O, no clock. The engine is the list of rules (`Rule.all`, Rules.swift), each
/// deciding in turn.
public enum PolicyEngine {
    /// Decides one transfer.
    /// - Throws: `IncompleteAnswers` when a required answer is missing (rule `recipients-listed`
    ///   is enforced here: no recipients is invalid, never a verdict).
    public static func evaluate(_ answers: Answers) throws(IncompleteAnswers) -> Decision {
        evaluate(try CompleteAnswers(answers))
    }

    /// Decides one transfer whose answers are known to be complete.
    public static func evaluate(_ answers: consuming CompleteAnswers) -> Decision {
        let assessment = Assessment(answers)
        var findings = Findings(assessment)
        for (rule, decide) in deciders {
            findings.rule = rule
            decide(assessment.answers, &findings)
        }
        return Decision(
            verdict: Decision.verdict(heaviest: findings.heaviest),
            dmfRequired: isDMFRequired(assessment.answers.route.type), findings: findings.list)
    }

    /// The rules' `decide`, in order: all the engine needs of each rule on every decision.
    private static let deciders = Rule.all.map { ($0.id, $0.decide) }

    /// DMF required for every route that leaves one system (policy-rules.md, "DMF required").
    public static func isDMFRequired(_ route: RouteType) -> Bool { route != .sameSystem }
}
