import DMFPolicy
import DMFRegister
import DMFSignatures
import Foundation

/// How this desk signs: the key named by `--key` or `DMF_SIGNING_KEY` (a private key file, or a
/// public key whose private half is in ssh-agent), signed with by `ssh-keygen -Y sign`. With no
/// key set up nothing is signed, and what is recorded says "unsigned".
///
/// Signing never happens inside the register's write: callers sign what they are about to
/// record, then record it with its signature. The full-screen app calls `sign` with
/// `terminal: .allowed` between leaving and re-entering curses, so ssh-keygen can ask for a
/// passphrase or a touch.
public struct Signing: Sendable {
    /// The key, or nil when none is set up.
    public var keyPath: String?
    public var keygen: SSHKeygen
    /// Whether ssh-keygen may talk to the person (a passphrase, a security key's touch).
    public var terminal: SSHSigner.Terminal

    public init(keyPath: String?, keygen: SSHKeygen = SSHKeygen(), terminal: SSHSigner.Terminal = .forbidden) {
        self.keyPath = keyPath
        self.keygen = keygen
        self.terminal = terminal
    }

    /// No key: nothing is signed.
    public static let none = Signing(keyPath: nil)

    /// `--key`, else `DMF_SIGNING_KEY`; the terminal allowed when standard input is one.
    public static func resolve(option: String?, variable: (String) -> String?) -> Signing {
        Signing(
            keyPath: SigningSettings.signingKey(option: option, variable: variable),
            terminal: isatty(STDIN_FILENO) == 1 ? .allowed : .forbidden)
    }

    var signer: SSHSigner? { keyPath.map { SSHSigner(keyPath: $0, keygen: keygen) } }

    /// The public half of the key set up, or nil when there is none.
    public func publicKey() throws(SigningError) -> SSHPublicKey? { try signer?.publicKey() }

    /// Signs `message` for `namespace`, or returns nil when no key is set up.
    public func sign(_ message: [UInt8], for namespace: SignatureNamespace) throws(SigningError) -> EventProof? {
        guard let signer else { return nil }
        let signature = try signer.sign(message, namespace: namespace, terminal: terminal)
        return EventProof(statement: message, signature: signature)
    }

    /// Why this desk's allowed signers would not trust `key` for `namespace` now, or nil when
    /// they would: asked before signing, so nobody types a passphrase for a signature that
    /// would be refused. A certificate is judged when its signature is checked.
    static func refusal(of key: SSHPublicKey, for namespace: SignatureNamespace, trust: SignerTrust) -> String? {
        if case .certificate = key.kind { return nil }
        guard let verifier = trust.verifier else {
            return "signatures cannot be checked here: \(trust.problem ?? "no allowed signers")"
        }
        let fingerprint = (try? key.fingerprint()) ?? key.type
        let lines = verifier.allowedSigners.lines(listing: key)
        guard !lines.isEmpty else {
            return "your key \(fingerprint) is not in the allowed signers (\(Sanitizer.visible(trust.source))): "
                + "see `dmf-wizard keys`"
        }
        let allowed = lines.filter { $0.allows(namespace: namespace.rawValue) }
        guard !allowed.isEmpty else {
            return "your key \(fingerprint) is not allowed to sign \(namespace.things) (the allowed signers list it "
                + "for \(lines.map { $0.namespaces ?? "anything" }.joined(separator: "; "))): see `dmf-wizard keys`"
        }
        guard allowed.contains(where: { $0.isValid(at: Date()) }) else {
            return "your key \(fingerprint) is not trusted today (\(allowed.map(\.window).joined(separator: " or ")))"
        }
        return nil
    }
}
