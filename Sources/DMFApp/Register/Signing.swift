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
    /// - Parameter stop: asked while ssh-keygen runs; once true (a terminating signal came while
    ///   it asked for a passphrase), it is stopped and nothing is signed.
    public func sign(
        _ message: [UInt8], for namespace: SignatureNamespace, stop: () -> Bool = { false }
    ) throws(SigningError) -> EventProof? {
        guard let signer else { return nil }
        let signature = try signer.sign(message, namespace: namespace, terminal: terminal, stop: stop)
        return EventProof(statement: message, signature: signature)
    }

    /// The same key, with or without the terminal for ssh-keygen.
    func with(terminal: SSHSigner.Terminal) -> Signing {
        var copy = self
        copy.terminal = terminal
        return copy
    }

    /// Checks a decision as the register will (its lifecycle rules, the account) and the key as
    /// this desk's allowed signers will, before anything is signed, then states what the key is
    /// to sign. Nil when no key is set up: the decision is then recorded unsigned, unless the
    /// register requires signatures. `register authorise` and `refuse` and the register screen
    /// both come here.
    func prepareDecision(_ typed: EventRequest, reference: String, in register: Register) throws(DecisionNotSigned)
        -> PendingDecision?
    {
        let history: EntryHistory
        let request: EventRequest
        let account: String
        do throws(RegisterError) {
            (history, request) = try register.precheck(typed, to: reference)
            account = try register.currentAccount()
        } catch {
            throw .refused(error)
        }
        let key: SSHPublicKey?
        do throws(SigningError) { key = try publicKey() } catch { throw .key(error) }
        guard let key else { return nil }
        if let refusal = Signing.refusal(of: key, for: .decision, trust: register.trust) {
            throw .untrusted("\(reference): \(refusal)")
        }
        let statement = DecisionStatement(
            reference: reference, entryDigest: history.entry.digest, kind: request.kind,
            date: request.date ?? register.currentDay, reason: request.reason, by: request.by, account: account)
        return PendingDecision(
            request: request, reference: reference, statement: statement,
            fingerprint: (try? key.fingerprint()) ?? key.type, needsTouch: key.type.hasPrefix("sk-"))
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

/// A decision ready to be signed: the register's rules and this desk's allowed signers have
/// accepted it, so nobody types a passphrase for a signature that would be refused. The register
/// checks it all again when it records it.
struct PendingDecision: Sendable, Equatable {
    /// The change as the register will record it: its dates read, today's when none was typed.
    var request: EventRequest
    var reference: String
    /// What the key signs, in the namespace `dmf-wizard-decision`.
    var statement: DecisionStatement
    /// The key's fingerprint (`SHA256:…`), for what the person is told.
    var fingerprint: String
    /// A security key (`sk-…`): it waits for a touch, so the person must be told.
    var needsTouch: Bool

    /// The decision with its signature, as the register records it.
    func signed(_ proof: EventProof) -> EventRequest {
        var signed = request
        signed.proof = proof
        return signed
    }
}

/// Why a decision was neither signed nor recorded.
enum DecisionNotSigned: Error, CustomStringConvertible {
    /// The register would refuse the change itself (or could not be read).
    case refused(RegisterError)
    /// The key set up cannot be used.
    case key(SigningError)
    /// This desk's allowed signers would not trust the key for decisions.
    case untrusted(String)

    var description: String {
        switch self {
        case .refused(let error): error.description
        case .key(let error): error.description
        case .untrusted(let reason): reason
        }
    }
}
