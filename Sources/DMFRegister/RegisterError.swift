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

    public var description: String {
        switch self {
        case .unavailable(let location, let reason): "the register at \(location) cannot be used: \(reason)"
        case .unknownReference(let reference): "no entry in the register has the reference \(reference)"
        case .referenceTaken(let reference): "\(reference) already names a different assessment in the register"
        case .refused(let refusal): refusal.description
        case .failed(let location, let reason): "the register at \(location) failed: \(reason)"
        }
    }
}
