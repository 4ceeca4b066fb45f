/// Why the register could not do what was asked, in words for the person at the terminal.
public enum RegisterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The register could not be opened or used at all (locked, read-only, corrupt, server down).
    case unavailable(location: String, reason: String)
    case unknownReference(String)
    /// A different assessment already has this reference.
    case referenceTaken(String)
    case refused(RefusedChange)
    /// A query failed after the register was opened.
    case failed(location: String, reason: String)
    /// The register's file is damaged: `found` says what was found, and nothing is written to
    /// it until it checks sound again.
    case damaged(location: String, found: String)

    public var description: String {
        switch self {
        case .unavailable(let location, let reason): "the register at \(location) cannot be used: \(reason)"
        case .unknownReference(let reference): "no entry in the register has the reference \(reference)"
        case .referenceTaken(let reference): "\(reference) already names a different assessment in the register"
        case .refused(let refusal): refusal.description
        case .failed(let location, let reason): "the register at \(location) failed: \(reason)"
        case .damaged(let location, let found):
            """
            the register at \(location) is damaged (\(found)), so dmf-wizard no longer writes to it. To \
            recover: keep a copy of the file as it is, put back the last good copy from a backup, then run \
            `dmf-wizard register check`; once it checks intact it is written to again
            """
        }
    }
}

/// An error whose description is written for the person at the terminal (no code names, no
/// SQL, no passwords), so it may be shown as it is.
public protocol PlainError: Error, CustomStringConvertible {}
