import DMFPolicy
import Foundation
import SystemCrypto

/// Why a signature could not be made, in words for the person signing.
public enum SigningError: Error, Sendable, Equatable, CustomStringConvertible {
    case keygen(SSHKeygenError)
    case keyMissing(path: String)
    case keyUnreadable(path: String, reason: String)
    /// The key file is a public key, so its private half must be in ssh-agent, and there is no agent.
    case noAgent(path: String)
    /// There is an agent, but it does not hold the key's private half.
    case notInAgent(path: String)
    /// The key needs its passphrase and nobody may be asked for it.
    case passphraseNeeded(path: String)
    case wrongPassphrase(path: String)
    /// ssh-keygen will not use a private key others can read.
    case keyTooOpen(path: String)
    /// The file is not a key ssh-keygen can read.
    case notAKey(path: String)
    /// ssh-agent (or the security key behind it) declined to sign.
    case agentRefused(path: String)
    case failed(String)

    public var description: String {
        switch self {
        case .keygen(let error): error.description
        case .keyMissing(let path):
            "the signing key \(Sanitizer.visible(path)) does not exist (name your key with \(SigningSettings.keyVariable) "
                + "or --key; make one with ssh-keygen -t ed25519)"
        case .keyUnreadable(let path, let reason):
            "the signing key \(Sanitizer.visible(path)) cannot be read: \(reason)"
        case .noAgent(let path):
            "\(Sanitizer.visible(path)) is a public key, so its private half must be in ssh-agent, but no agent is running "
                + "(SSH_AUTH_SOCK is not set): start one with eval $(ssh-agent) and add the key with ssh-add, or name "
                + "the private key file instead"
        case .notInAgent(let path):
            "ssh-agent does not hold the private half of \(Sanitizer.visible(path)): add it with ssh-add (for a smart "
                + "card, ssh-add -s and the card's PKCS#11 library), or name the private key file instead"
        case .passphraseNeeded(let path):
            "\(Sanitizer.visible(path)) needs its passphrase, which cannot be asked for here: add the key to ssh-agent "
                + "with ssh-add first"
        case .wrongPassphrase(let path): "the passphrase for \(Sanitizer.visible(path)) was not right"
        case .keyTooOpen(let path):
            "ssh-keygen will not use \(Sanitizer.visible(path)) because others can read it: chmod 600 \(Sanitizer.visible(path))"
        case .notAKey(let path):
            "\(Sanitizer.visible(path)) is not an SSH key ssh-keygen can read (or its public half, "
                + "\(Sanitizer.visible(path)).pub, is missing)"
        case .agentRefused(let path):
            "ssh-agent did not sign with \(Sanitizer.visible(path)) (a confirmation was declined, or a security key "
                + "was not touched in time)"
        case .failed(let reason): "the signature could not be made: \(reason)"
        }
    }
}

/// Signs with the person's own key through `ssh-keygen -Y sign -f KEY -n NAMESPACE`, so the key
/// may be a private key file (with or without a passphrase), or a public key whose private half
/// is in ssh-agent: keys on smart cards and FIDO security keys sign that way. The private key
/// never passes through this program.
public struct SSHSigner: Sendable {
    /// Whether ssh-keygen may talk to the person (ask for a passphrase or PIN, say "touch your
    /// security key"). A full-screen caller leaves curses mode around `sign` when it may.
    public enum Terminal: Sendable {
        /// Standard input and error are the caller's.
        case allowed
        /// No terminal at all: standard input is /dev/null and its messages are kept, so a key
        /// that needs a person fails at once with the reason.
        case forbidden
    }

    /// The key: a private key file, or a public key (`.pub`) whose private half is in ssh-agent.
    public var keyPath: String
    public var keygen: SSHKeygen

    public init(keyPath: String, keygen: SSHKeygen = SSHKeygen()) {
        self.keyPath = keyPath
        self.keygen = keygen
    }

    /// The longest wait, in seconds, when the person may be asked something (a passphrase, a
    /// touch) and when nobody can be.
    public static let personTimeout: Double = 300
    public static let unattendedTimeout: Double = 30

    /// Signs `message` in `namespace` and returns the signature `ssh-keygen` made, read back
    /// strictly and, for the kinds checked natively, checked against the message.
    /// - Parameter stop: asked while ssh-keygen runs: once it says so (the person pressed Ctrl-C,
    ///   the terminal was closed), ssh-keygen is told to end, which puts back the terminal it
    ///   changed to read a passphrase, and nothing is signed.
    public func sign(
        _ message: some Sequence<UInt8>, namespace: SignatureNamespace, terminal: Terminal, timeout: Double? = nil,
        stop: () -> Bool = { false }
    ) throws(SigningError) -> SSHSignature {
        guard keygen.isInstalled else { throw .keygen(.missing(path: keygen.path)) }
        try checkKeyFile()
        let bytes = Array(message)
        let signature: SSHSignature
        do {
            let scratch = try ScratchFolder()
            // Named after the namespace: with a terminal, ssh-keygen says "Signing file …/dmf-wizard-decision".
            let file = try scratch.write(namespace.rawValue, bytes)
            let outcome = try keygen.run(
                ["-Y", "sign", "-f", keyPath, "-n", namespace.rawValue, file], input: nil,
                terminal: terminal == .allowed,
                timeout: timeout ?? (terminal == .allowed ? Self.personTimeout : Self.unattendedTimeout),
                scratch: scratch, stop: stop)
            guard outcome.status == 0 else { throw diagnose(outcome, terminal: terminal) }
            let armored: [UInt8]
            do {
                armored = try RegularFile.read(file + ".sig", largest: Armour.largest)
            } catch {
                throw SigningError.failed("ssh-keygen wrote no signature (\(error.description))")
            }
            signature = try SSHSignature(armored: armored)
        } catch let error as SigningError {
            throw error
        } catch let error as SSHKeygenError {
            throw .keygen(error)
        } catch let error as SSHFormatError {
            throw .failed("ssh-keygen wrote a signature that cannot be read: \(error.description)")
        } catch {
            throw .failed("\(error)")
        }
        try confirm(signature, of: bytes, namespace: namespace)
        return signature
    }

    /// The public half of the key: the file itself when it is a public key, else `KEY.pub`
    /// beside it (the private key file is never opened).
    public func publicKey() throws(SigningError) -> SSHPublicKey {
        let path = keyPath.hasSuffix(".pub") ? keyPath : keyPath + ".pub"
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(path, largest: 64 * 1024)
        } catch .missing {
            throw keyPath == path ? .keyMissing(path: path) : .notAKey(path: keyPath)
        } catch {
            throw .keyUnreadable(path: path, reason: error.description)
        }
        let line = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).first { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return !trimmed.isEmpty && !trimmed.hasPrefix("#")
        }
        do {
            return try SSHPublicKey(line: String(line ?? ""))
        } catch {
            throw .failed("\(Sanitizer.visible(path)) is not a public key: \(error.description)")
        }
    }

    /// The key file exists, is a file and can be read; and a public key alone needs an agent.
    private func checkKeyFile() throws(SigningError) {
        var status = stat()
        guard stat(keyPath, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .keyMissing(path: keyPath) }
            throw .keyUnreadable(path: keyPath, reason: RegularFile.lastError())
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw .keyUnreadable(path: keyPath, reason: "it is not a file")
        }
        guard access(keyPath, R_OK) == 0 else { throw .keyUnreadable(path: keyPath, reason: RegularFile.lastError()) }
        if needsAgent, !hasAgent { throw .noAgent(path: keyPath) }
    }

    /// Whether the key named is a public key (or certificate) with no private key file beside
    /// it, where ssh-keygen looks for one.
    private var needsAgent: Bool {
        let suffix = keyPath.hasSuffix("-cert.pub") ? "-cert.pub" : keyPath.hasSuffix(".pub") ? ".pub" : nil
        guard let suffix else { return false }
        return access(String(keyPath.dropLast(suffix.count)), F_OK) != 0
    }

    private var hasAgent: Bool { !(keygen.environment["SSH_AUTH_SOCK"] ?? "").isEmpty }

    /// Why ssh-keygen failed, from what it said (when it was kept) and what can be seen.
    private func diagnose(_ outcome: SSHKeygen.Outcome, terminal: Terminal) -> SigningError {
        let said = outcome.errors
        // Before "No private key found", which follows it when a private key is too open.
        if said.contains("are too open") { return .keyTooOpen(path: keyPath) }
        if said.contains("No private key found") || (terminal == .allowed && needsAgent) {
            return hasAgent ? .notInAgent(path: keyPath) : .noAgent(path: keyPath)
        }
        if said.contains("incorrect passphrase") {
            return terminal == .forbidden ? .passphraseNeeded(path: keyPath) : .wrongPassphrase(path: keyPath)
        }
        if said.contains("Couldn't load public key") || said.contains("invalid format") {
            return .notAKey(path: keyPath)
        }
        if said.contains("agent refused") || said.contains("(signer)") { return .agentRefused(path: keyPath) }
        let last = said.split(whereSeparator: \.isNewline).last.map { Sanitizer.visible(String($0), limit: 200) }
        if let last { return .failed("ssh-keygen said: \(last)") }
        return .failed(
            "ssh-keygen stopped with status \(outcome.status)"
                + (terminal == .allowed ? " (its own message, if any, was shown on the terminal)" : ""))
    }

    /// A signature ssh-keygen made must be for this message and namespace: checked natively for
    /// the kinds that can be, so a wrong key or a damaged tool never goes unnoticed.
    private func confirm(_ signature: SSHSignature, of message: [UInt8], namespace: SignatureNamespace)
        throws(SigningError)
    {
        guard signature.namespace == namespace.rawValue else {
            throw .failed("ssh-keygen signed in another namespace")
        }
        guard case .native(let made) = signature.payload else { return }
        do {
            let key = try signature.publicKey.nativeKey()
            let signed = try SSHSignature.signedData(
                namespace: namespace.rawValue, hashAlgorithm: signature.hashAlgorithm, message: message)
            guard key.isValid(made, for: signed) else {
                throw SigningError.failed("the signature ssh-keygen made does not check against the message")
            }
        } catch let error as SigningError {
            throw error
        } catch {
            throw .failed("the signature ssh-keygen made cannot be checked: \(error)")
        }
    }
}
