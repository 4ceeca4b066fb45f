/// The protective marking printed at the top and bottom of every output, lowest first.
public enum ProtectiveMarking: String, Sendable, CaseIterable, Comparable {
    case official = "OFFICIAL"
    case officialSensitive = "OFFICIAL-SENSITIVE"

    /// The marking of the outputs for these answers: OFFICIAL-SENSITIVE when the information is
    /// OFFICIAL-SENSITIVE or above, its classification is "not sure", or it carries any old
    /// marking (the conservative reading); OFFICIAL otherwise.
    public init(for answers: Answers) {
        switch answers.data.classification {
        case .officialSensitive, .secret, .topSecret, .notSure: self = .officialSensitive
        case .official, nil:
            self =
                (answers.data.legacyMarking ?? LegacyMarking.none) == LegacyMarking.none
                ? .official : .officialSensitive
        }
    }

    /// The marking of what holds several marked records (the register's export): the highest of
    /// theirs. A marking that cannot be read counts as OFFICIAL-SENSITIVE, the cautious choice.
    public static func covering(_ markings: some Sequence<String>) -> ProtectiveMarking {
        markings.reduce(.official) { highest, stored in
            max(highest, ProtectiveMarking(rawValue: stored) ?? .officialSensitive)
        }
    }

    public static func < (lhs: ProtectiveMarking, rhs: ProtectiveMarking) -> Bool {
        lhs == .official && rhs == .officialSensitive
    }
}
