import DMFPolicy

/// What the requester answered about the Information Asset Owner's decision, in the words the
/// form prints it. The answer is the requester's word, not the IAO's signature, so the form never
/// prints it as a decision taken: the status line, the decision line in "Authorisation" and the
/// line on page 1 saying where the IAO signs all follow from it and the sign-off, and say the
/// same thing.
struct StatedDecision {
    /// The answer, or nil when it was not given.
    var answer: IAODecision?
    /// Whether the question applies (the information leaves its system).
    var applies: Bool
    /// The sign-off the verdict calls for.
    var state: DMFSignOff.State

    static let label = "IAO decision as stated by the requester"

    init(_ answers: Answers, state: DMFSignOff.State) {
        answer = answers.authorisation.iaoDecision
        applies = AnswerSchema.field(at: \Answers.authorisation.iaoDecision)?.applies(answers) ?? false
        self.state = state
    }

    private var saidAuthorised: Bool { applies && answer == .authorised }

    /// The status line at the top of the form.
    var status: String {
        switch state {
        case .mustNotBeAuthorised: "Blocked: must not be authorised; change the plan and produce a new form"
        case .waitingForAnswers: "Waiting for answers: not ready to be authorised"
        case .forInformation: "For information: this route does not need a DMF"
        case .forSignature where saidAuthorised:
            "Draft: authorised as stated by the requester; to be confirmed below by the Information Asset "
                + "Owner before transfer"
        case .forSignature: "Draft: to be authorised by the Information Asset Owner before transfer"
        }
    }

    /// The decision line's value ("Authorised — to be confirmed below by the IAO"), or nil when
    /// the question does not apply and the schema's own words are printed.
    var value: String? {
        guard applies else { return nil }
        let said = answer?.label ?? DMFField.notProvided
        let next =
            switch (state, answer) {
            case (.forSignature, .authorised): "to be confirmed below by the IAO"
            case (.forSignature, _): "to be decided below by the IAO"
            case (.waitingForAnswers, .authorised):
                "to be confirmed by the IAO on a new form, once the questions below are answered"
            case (.waitingForAnswers, _):
                "to be decided by the IAO on a new form, once the questions below are answered"
            case (.mustNotBeAuthorised, .refused): "this form must not be authorised"
            case (.mustNotBeAuthorised, .authorised): "cannot be confirmed: this form must not be authorised"
            case (.mustNotBeAuthorised, _): "nothing to decide: this form must not be authorised"
            case (.forInformation, _): "not needed: this route does not need a DMF"
            }
        return "\(said) — \(next)"
    }

    /// Page 1's line saying where the IAO signs, or why nobody does.
    func signing(iaoBlock: String) -> String {
        switch state {
        case .forSignature where saidAuthorised:
            "The requester states that the Information Asset Owner has already authorised this transfer: "
                + "the IAO confirms it by signing \"\(iaoBlock)\" on the signature page at the end of this form. "
                + "Nothing is sent before then."
        case .forSignature:
            "The Information Asset Owner decides and signs in \"\(iaoBlock)\", on the signature page at the end "
                + "of this form. Nothing is sent before then."
        case .waitingForAnswers:
            "Not on this copy: the people named above answer first, in the boxes on the answer page at the end "
                + "of this form; then the form is produced again for the Information Asset Owner to sign."
        case .mustNotBeAuthorised:
            "Nowhere: this form must not be authorised, and nobody signs it. Change what is listed above, then "
                + "produce a new form."
        case .forInformation:
            "Nowhere: this route does not need the Information Asset Owner's authorisation. The requester signs "
                + "the declaration at the end of this form."
        }
    }
}
