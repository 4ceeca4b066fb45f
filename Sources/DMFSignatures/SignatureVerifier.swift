import DMFPolicy
import Foundation
import SystemCrypto

/// Checks SSHSIG signatures against one allowed-signers file: the checker's own, so a desk that
/// trusted a key wrongly convinces nobody else.
///
/// Ed25519, ECDSA P-256/P-384 and RSA (SHA-256 or SHA-512) are checked here, through the
/// system's libcrypto: a register holds many thousands of signatures, and a process for each
/// would take minutes. FIDO security keys, P-521 keys and certificates (`cert-authority` lines)
/// are checked by `ssh-keygen -Y verify`, after everything that can be judged here has been.
///
/// Safe to use from several threads at once.
public final class SignatureVerifier: @unchecked Sendable {
    public let allowedSigners: AllowedSigners
    public let keygen: SSHKeygen
    /// The longest wait for `ssh-keygen -Y verify`, in seconds.
    public var keygenTimeout: Double = 20

    /// A key met before: made once, since a register holds many signatures by few keys.
    private struct KnownKey {
        var native: Result<PublicKey, PublicKeyError>?
        var fingerprint: String
    }

    private let lock = NSLock()
    private var known: [[UInt8]: KnownKey] = [:]
    private static let mostKnownKeys = 4096

    /// Loads libcrypto, or says in plain words why it cannot be used.
    public init(allowedSigners: AllowedSigners, keygen: SSHKeygen = SSHKeygen()) throws(LibCryptoUnavailable) {
        try LibCrypto.load()
        self.allowedSigners = allowedSigners
        self.keygen = keygen
    }

    /// Checks an armoured signature (a `.sig` file's bytes) of `message`; nil means there is none.
    /// - Parameters:
    ///   - date: the moment the signed thing happened: `valid-after` and `valid-before` are judged
    ///     against it, not against now, so a leaver's past decisions still check.
    ///   - principal: when given, only lines naming this principal count (`ssh-keygen -I`).
    public func check(
        armored: [UInt8]?, of message: [UInt8], namespace: SignatureNamespace, at date: Date, principal: String? = nil
    ) -> SignatureCheck {
        guard let armored else { return .notSigned }
        do {
            return check(
                try SSHSignature(armored: armored), of: message, namespace: namespace, at: date, principal: principal)
        } catch {
            return .badSignature(error.description)
        }
    }

    public func check(
        _ signature: SSHSignature, of message: [UInt8], namespace: SignatureNamespace, at date: Date,
        principal: String? = nil
    ) -> SignatureCheck {
        guard signature.namespace == namespace.rawValue else {
            return .wrongNamespace(expected: namespace, found: signature.namespace)
        }
        let key = signature.publicKey
        let known = knownKey(key)
        let request = Request(
            signature: signature, message: message, namespace: namespace, date: date,
            second: AllowedSigners.Line.second(of: date), principal: principal, fingerprint: known.fingerprint)
        if case .certificate(let certificate) = key.kind { return checkCertificate(certificate, request) }
        let lines = allowedSigners.lines(listing: key)
        guard case .native(let made) = signature.payload else {
            // Judged here first, so an unlisted key costs no process.
            let judged = judge(lines, request) { $0.shownPrincipals }
            guard case .trusted(let signer) = judged else { return judged }
            return external(request, allowedLine: "* " + key.line, principal: "signer", signer: signer)
        }
        guard let native = known.native else { return .badSignature("its public key cannot be used") }
        switch native {
        case .failure(let error): return .badSignature("its public key cannot be used: \(error.description)")
        case .success(let publicKey):
            // libcrypto is loaded (init), so only a lack of memory could stop the hash.
            guard let signed = try? signedData(request) else { return .badSignature("the message could not be hashed") }
            guard publicKey.isValid(made, for: signed) else {
                return .changedAfterSigning(fingerprint: known.fingerprint)
            }
        }
        return judge(lines, request) { $0.shownPrincipals }
    }

    /// What one check is about.
    private struct Request {
        var signature: SSHSignature
        var message: [UInt8]
        var namespace: SignatureNamespace
        var date: Date
        var second: Int64
        var principal: String?
        var fingerprint: String
    }

    /// The lines that list the key, narrowed to the principal asked about, the namespace and the
    /// moment, each step with its own answer when nothing is left.
    private func judge(
        _ lines: [AllowedSigners.Line], _ request: Request, extraWindow: String? = nil,
        isValid: (AllowedSigners.Line) -> Bool = { _ in true }, principals: (AllowedSigners.Line) -> [String]
    ) -> SignatureCheck {
        var candidates = lines
        if let principal = request.principal { candidates = candidates.filter { $0.names(principal: principal) } }
        guard !candidates.isEmpty else {
            return .keyNotListed(fingerprint: request.fingerprint, principal: request.principal)
        }
        let forNamespace = candidates.filter { $0.allows(namespace: request.namespace.rawValue) }
        guard !forNamespace.isEmpty else {
            return .notAllowedForNamespace(signer(candidates, request, principals), request.namespace)
        }
        let valid = forNamespace.filter { $0.isValid(atSecond: request.second) && isValid($0) }
        guard !valid.isEmpty else {
            let windows = forNamespace.map(\.window).joined(separator: " or ")
            return .notValidAt(
                request.date, signer(forNamespace, request, principals),
                window: extraWindow.map { "\(windows), \($0)" } ?? windows)
        }
        return .trusted(signer(valid, request, principals))
    }

    private func signer(
        _ lines: [AllowedSigners.Line], _ request: Request, _ principals: (AllowedSigners.Line) -> [String]
    ) -> Signer {
        var names: [String] = []
        if let principal = request.principal {
            names = [principal]
        } else {
            for line in lines { for name in principals(line) where !names.contains(name) { names.append(name) } }
        }
        return Signer(principals: names, fingerprint: request.fingerprint, lines: lines.map(\.number))
    }

    /// A certificate signs when a `cert-authority` line lists its authority for one of the
    /// principals it names, for this namespace, with both the line and the certificate valid at
    /// the moment; then `ssh-keygen` checks the authority's signature and the signature itself.
    private func checkCertificate(_ certificate: SSHCertificate, _ request: Request) -> SignatureCheck {
        guard certificate.isUserCertificate else { return .badSignature("it is signed with a host's certificate") }
        let named: (AllowedSigners.Line) -> [String] = { line in
            if let principal = request.principal {
                return certificate.principals.contains(principal) && line.names(principal: principal) ? [principal] : []
            }
            return certificate.principals.filter { line.names(principal: $0) }
        }
        let lines = allowedSigners.authorityLines(for: certificate.authority).filter { !named($0).isEmpty }
        let second = request.second
        let certificateValid = second >= 0 && certificate.isValid(atSecond: UInt64(second))
        let judged = judge(
            lines, request,
            extraWindow: "and the certificate is valid from \(Moment.utc(Self.clamped(certificate.validAfter))) until "
                + Moment.utc(Self.clamped(certificate.validBefore)),
            isValid: { _ in certificateValid }, principals: named)
        guard case .trusted(let signer) = judged, let principal = signer.principals.first else { return judged }
        return external(
            request, allowedLine: "* cert-authority " + certificate.authority.line, principal: principal, signer: signer
        )
    }

    private static func clamped(_ seconds: UInt64) -> Int64 { Int64(min(seconds, UInt64(253_402_300_799))) }

    /// Hands the signature to `ssh-keygen -Y verify`, with an allowed-signers file holding only
    /// the one line already judged, and the moment given as its verify time.
    private func external(_ request: Request, allowedLine: String, principal: String, signer: Signer) -> SignatureCheck
    {
        do {
            let scratch = try ScratchFolder()
            let allowed = try scratch.write("allowed_signers", Array((allowedLine + "\n").utf8))
            let signature = try scratch.write("signature.sig", Array(request.signature.armored.utf8))
            let message = try scratch.write("message", request.message)
            let outcome = try keygen.run(
                [
                    "-Y", "verify", "-f", allowed, "-I", principal, "-n", request.namespace.rawValue, "-s", signature,
                    "-Overify-time=\(Moment.compactUTC(max(request.second, 1)))",
                ], input: message, terminal: false, timeout: keygenTimeout, scratch: scratch)
            if outcome.status == 0 { return .trusted(signer) }
            if outcome.errors.contains("Signature verification failed") {
                return .changedAfterSigning(fingerprint: request.fingerprint)
            }
            let last = outcome.errors.split(whereSeparator: \.isNewline).last.map {
                Sanitizer.visible(String($0), limit: 200)
            }
            return .badSignature("ssh-keygen did not accept it" + (last.map { ": \($0)" } ?? ""))
        } catch {
            return .badSignature(
                "\(request.signature.publicKey.type) signatures are checked by ssh-keygen: \(error.description)")
        }
    }

    private func signedData(_ request: Request) throws(LibCryptoUnavailable) -> [UInt8] {
        try SSHSignature.signedData(
            namespace: request.namespace.rawValue, hashAlgorithm: request.signature.hashAlgorithm,
            message: request.message)
    }

    private func knownKey(_ key: SSHPublicKey) -> KnownKey {
        lock.lock()
        let found = known[key.wire]
        lock.unlock()
        if let found { return found }
        // libcrypto is loaded (init), so only a lack of memory could stop the fingerprint.
        let fingerprint = (try? key.fingerprint()) ?? "(no fingerprint: \(key.type))"
        let made = KnownKey(
            native: key.isCheckedNatively ? Result { () throws(PublicKeyError) in try key.nativeKey() } : nil,
            fingerprint: fingerprint)
        lock.lock()
        if known.count >= Self.mostKnownKeys { known.removeAll() }
        known[key.wire] = made
        lock.unlock()
        return made
    }
}
