import DMFPolicy
import Foundation

/// Who signed, as the checker's allowed-signers file names them.
public struct Signer: Sendable, Equatable {
    /// The principals of the lines that trust the key (for a certificate, the certificate's
    /// principals those lines accept).
    public let principals: [String]
    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    public let fingerprint: String
    /// The numbers of the allowed-signers lines that matched.
    public let lines: [Int]

    public init(principals: [String], fingerprint: String, lines: [Int]) {
        self.principals = principals
        self.fingerprint = fingerprint
        self.lines = lines
    }

    /// "jowner (key SHA256:…)".
    public var shown: String {
        let names = principals.map { Sanitizer.visible($0, limit: 80) }.joined(separator: ", ")
        return names.isEmpty ? "key \(fingerprint)" : "\(names) (key \(fingerprint))"
    }
}

/// The answer to "is this a trusted signature of these bytes?", with the reason when it is not,
/// so a caller can say exactly why in plain words (`description`).
public enum SignatureCheck: Sendable, Equatable, CustomStringConvertible {
    /// A good signature by a key the allowed signers trust for this namespace at the moment given.
    case trusted(Signer)
    /// There is no signature.
    case notSigned
    /// The signature cannot be read or used (damaged, another format, SHA-1).
    case badSignature(String)
    /// The signature is for another kind of thing (`found` is its namespace as written).
    case wrongNamespace(expected: SignatureNamespace, found: String)
    /// The signature is well formed but does not match the bytes: they changed after signing.
    case changedAfterSigning(fingerprint: String)
    /// The allowed signers do not list the key (never listed, or removed since), or list it only
    /// for others than `principal` when one was asked about.
    case keyNotListed(fingerprint: String, principal: String?)
    /// The allowed signers list the key, but not for this namespace.
    case notAllowedForNamespace(Signer, SignatureNamespace)
    /// The allowed signers list the key, but did not trust it at `date` (the moment the signed
    /// thing happened: a leaver's key, a rotated key); `window` says when they did.
    case notValidAt(Date, Signer, window: String)

    public var isTrusted: Bool {
        if case .trusted = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .trusted(let signer): "signed by \(signer.shown)"
        case .notSigned: "not signed"
        case .badSignature(let reason): "the signature cannot be used: \(reason)"
        case .wrongNamespace(let expected, let found):
            if let other = SignatureNamespace(rawValue: found) {
                "the signature is for \(other.thing) (\(other.rawValue)), not for \(expected.thing)"
            } else {
                "the signature is for something else (\(Sanitizer.visible(found, limit: 60))), not for \(expected.thing)"
            }
        case .changedAfterSigning(let fingerprint):
            "changed after signing: the signature by key \(fingerprint) does not match what is there now"
        case .keyNotListed(let fingerprint, nil):
            "key no longer trusted: key \(fingerprint) is not in the allowed signers (removed, or never listed)"
        case .keyNotListed(let fingerprint, let principal?):
            "key not trusted for \(Sanitizer.visible(principal, limit: 80)): the allowed signers do not list key "
                + "\(fingerprint) for them"
        case .notAllowedForNamespace(let signer, let namespace):
            "the key is not allowed to sign \(namespace.things) (signed by \(signer.shown))"
        case .notValidAt(let date, let signer, let window):
            "key not trusted at the time: signed by \(signer.shown), whose key the allowed signers trust \(window), "
                + "not on \(Moment.utc(Int64(date.timeIntervalSince1970.rounded(.down))))"
        }
    }
}
