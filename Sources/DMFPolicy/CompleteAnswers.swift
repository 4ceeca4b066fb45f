/// The answers are not complete enough to decide; lists the missing answer paths.
public struct IncompleteAnswers: Error, Equatable, Sendable {
    public var missing: [String]

    public init(missing: [String]) { self.missing = missing }
}

// `CompleteAnswers` itself is generated from `AnswerSchema` (CompleteAnswers+Schema.swift), so
// what the rules can read without unwrapping is exactly what the schema requires. What follows
// is written by hand.

extension CompleteAnswers {
    /// Reads the answers typed, as the rules need them.
    /// - Throws: `IncompleteAnswers` naming every required answer not given (the schema's
    ///   completeness walk, `Answers.missingFields`, names them).
    public init(_ answers: Answers) throws(IncompleteAnswers) {
        guard let complete = Self(reading: answers) else {
            throw IncompleteAnswers(missing: answers.missingFields)
        }
        self = complete
    }

    /// The old marking; `none` when not given (the question is optional).
    public var legacyMarking: LegacyMarking { data.legacyMarking ?? .none }
}

extension CompleteAnswers.Retention {
    /// Whether a deletion date or a retention period is given.
    public var isGiven: Bool { deleteBy.map { !$0.isEmpty } ?? false || period.map { !$0.isEmpty } ?? false }
}
