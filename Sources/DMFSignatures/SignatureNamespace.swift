/// What a signature is for. A signature made in one namespace never checks in another, so a
/// signed receipt cannot pass for a signed decision.
public enum SignatureNamespace: String, Sendable, CaseIterable {
    /// A sealed manifest (`REF.manifest.json.sig`).
    case manifest = "dmf-wizard-manifest"
    /// A receipt written by the recipient.
    case receipt = "dmf-wizard-receipt"
    /// An IAO's decision: authorised or refused.
    case decision = "dmf-wizard-decision"
    /// A checkpoint of the register's history.
    case checkpoint = "dmf-wizard-checkpoint"

    /// For messages: "a manifest".
    public var thing: String {
        switch self {
        case .manifest: "a manifest"
        case .receipt: "a receipt"
        case .decision: "a decision"
        case .checkpoint: "a checkpoint"
        }
    }

    /// For messages: "manifests", as in "not allowed to sign manifests".
    public var things: String {
        switch self {
        case .manifest: "manifests"
        case .receipt: "receipts"
        case .decision: "decisions"
        case .checkpoint: "checkpoints"
        }
    }
}
