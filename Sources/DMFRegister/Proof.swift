import DMFPolicy
import DMFSignatures
import Foundation

/// A signature kept with an event: exactly what was signed, OpenSSH's signature of it (SSHSIG,
/// armoured) and the signer's public key. Anyone can check it without dmf-wizard: write
/// `statement` to a file and `signature` beside it, and run `ssh-keygen -Y verify`.
///
/// The event's hash covers all three, so none can be changed without breaking the chain; the
/// signature is what a changed chain cannot forge.
public struct EventProof: Sendable, Equatable, Codable {
    /// The bytes signed, as text: a decision statement, a sealed manifest or a receipt.
    public var statement: String
    /// `-----BEGIN SSH SIGNATURE-----` …
    public var signature: String
    /// `ssh-ed25519 AAAA…`: the key that signed, as an allowed-signers file would list it.
    public var signerKey: String

    public init(statement: String, signature: String, signerKey: String) {
        self.statement = statement
        self.signature = signature
        self.signerKey = signerKey
    }

    /// What `ssh-keygen -Y sign` made for `statement`.
    public init(statement: [UInt8], signature: SSHSignature) {
        self.init(
            statement: String(decoding: statement, as: UTF8.self), signature: signature.armored,
            signerKey: signature.publicKey.line)
    }

    public var statementBytes: [UInt8] { Array(statement.utf8) }
}

extension LifecycleStep {
    /// What a signature on this kind of event signs: decisions a decision statement, a sending
    /// its manifest, a receipt the receipt. Other events are not signed.
    public var signatureNamespace: SignatureNamespace? {
        switch self {
        case .authorised, .refused, .redacted: .decision
        case .sent: .manifest
        case .received: .receipt
        case .created, .senderCopyDeleted, .allCopiesDeleted, .reviewed: nil
        }
    }

    /// The events a register that requires signatures refuses unsigned.
    public var needsSignatureWhenRequired: Bool { signatureNamespace != nil }
}

/// Why a statement cannot be read.
public struct StatementError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// An IAO's decision as it is signed (namespace `dmf-wizard-decision`): everything known before
/// the register is written, so a passphrase or a security key's touch never holds other desks
/// up. It is also the `REF.decision` file that travels where there is no shared register.
///
/// One `key=value` line each, in this order, values escaped as the register's hashed forms are
/// (`\\`, `\n`, `\r`), `key!` for a value not given.
public struct DecisionStatement: Sendable, Equatable {
    public static let header = "dmf-wizard decision 1"

    public var reference: String
    /// The digest of the entry as recorded: a decision is bound to exactly what was assessed.
    public var entryDigest: String
    /// `authorised` or `refused`.
    public var kind: EventKind
    /// The day decided, as stated.
    public var date: String
    public var reason: String?
    /// The IAO's name as written.
    public var by: String
    /// The login account that made the decision.
    public var account: String

    public init(
        reference: String, entryDigest: String, kind: EventKind, date: String, reason: String?, by: String,
        account: String
    ) {
        self.reference = reference
        self.entryDigest = entryDigest
        self.kind = kind
        self.date = date
        self.reason = reason
        self.by = by
        self.account = account
    }

    public var bytes: [UInt8] {
        var form = Canonical()
        form.add("format", Self.header)
        form.add("reference", reference)
        form.add("entry_digest", entryDigest)
        form.add("decision", kind.rawValue)
        form.add("date", date)
        form.add("reason", reason)
        form.add("by", by)
        form.add("account", account)
        return form.bytes
    }

    public init(bytes: [UInt8]) throws(StatementError) {
        let fields = try Canonical.fields(
            bytes, keys: ["format", "reference", "entry_digest", "decision", "date", "reason", "by", "account"],
            what: "a decision statement")
        guard fields[0] == Self.header else { throw StatementError("it is not a dmf-wizard decision statement") }
        guard let kind = fields[3].flatMap(EventKind.init(rawValue:)), kind == .authorised || kind == .refused else {
            throw StatementError("its decision is neither authorised nor refused")
        }
        guard let reference = fields[1], let digest = fields[2], let date = fields[4], let by = fields[6],
            let account = fields[7]
        else { throw StatementError("a decision statement names its reference, entry, date, person and account") }
        guard IsoDate(date) != nil else { throw StatementError("its date '\(Sanitizer.visible(date))' is not a day") }
        self.init(
            reference: reference, entryDigest: digest, kind: kind, date: date, reason: fields[5], by: by,
            account: account)
    }

    /// "Authorised by Jo Owner (account jowner) on 6/12/2026".
    public var shown: String {
        "\(kind == .authorised ? "Authorised" : "Refused") by \(RegisterEvent.shown(by, account: account)) on "
            + (IsoDate(date)?.short ?? date)
    }
}

/// The statement that makes a register require signatures (signed in the namespace
/// `dmf-wizard-decision`: only someone trusted with decisions may require them).
public struct RequirementStatement: Sendable, Equatable {
    public static let header = "dmf-wizard requirement 1"

    public var date: String
    public var by: String
    public var account: String

    public init(date: String, by: String, account: String) {
        self.date = date
        self.by = by
        self.account = account
    }

    public var bytes: [UInt8] {
        var form = Canonical()
        form.add("format", Self.header)
        form.add("requires", "signatures")
        form.add("date", date)
        form.add("by", by)
        form.add("account", account)
        return form.bytes
    }

    public init(bytes: [UInt8]) throws(StatementError) {
        let fields = try Canonical.fields(
            bytes, keys: ["format", "requires", "date", "by", "account"], what: "a requirement statement")
        guard fields[0] == Self.header, fields[1] == "signatures", let date = fields[2], let by = fields[3],
            let account = fields[4]
        else { throw StatementError("it is not a dmf-wizard requirement statement") }
        self.init(date: date, by: by, account: account)
    }
}

/// The register's rule that decisions, sendings and receipts are signed, recorded once by
/// `register require-signatures` with its own signature. It follows the event that was last
/// when it was written; every event after it carries its hash (`signaturesRequired`), so
/// removing it, or an event written as if it were not there, is found by `check`.
public struct SignatureRequirement: Sendable, Equatable {
    /// The last event of the log when it was written (0 when there was none), and its hash.
    public var afterSequence: Int64
    public var afterHash: String
    public var recordedAt: String
    public var by: String
    public var account: String
    public var date: String
    public var proof: EventProof
    public var hash: String

    public init(
        afterSequence: Int64, afterHash: String, recordedAt: String, by: String, account: String, date: String,
        proof: EventProof, hash: String
    ) {
        self.afterSequence = afterSequence
        self.afterHash = afterHash
        self.recordedAt = recordedAt
        self.by = by
        self.account = account
        self.date = date
        self.proof = proof
        self.hash = hash
    }

    public var expectedHash: String {
        var form = Canonical()
        form.add("after_sequence", String(afterSequence))
        form.add("after_hash", afterHash)
        form.add("recorded_at", recordedAt)
        form.add("by", by)
        form.add("account", account)
        form.add("date", date)
        form.add("signed_statement", proof.statement)
        form.add("signature", proof.signature)
        form.add("signer_key", proof.signerKey)
        return form.sha256
    }

    /// "Signatures required since 6/12/2026 (Jo Owner, account jowner)".
    public var shown: String {
        "Signatures required since \(IsoDate(date)?.short ?? date) (\(by), account \(account))"
    }
}

/// The allowed-signers file this desk checks signatures with: its own, never one that travels
/// with what is checked, so a desk that trusted a key wrongly convinces no one else.
public struct SignerTrust: Sendable {
    /// The file's path, for messages.
    public let source: String
    /// Nil when signatures cannot be checked at all (the file has lines that cannot be read, or
    /// OpenSSL's library is missing); `problem` says why.
    public let verifier: SignatureVerifier?
    public let problem: String?
    /// The file does not exist: every signature is then checked for being intact, and none is
    /// trusted.
    public let isMissing: Bool

    /// Reads the file at `path`. A missing file trusts nobody; an unreadable one is a problem.
    public static func load(path: String) -> SignerTrust {
        let signers: AllowedSigners
        var missing = false
        do {
            signers = try AllowedSigners.load(path: path)
        } catch .missing {
            missing = true
            signers = empty(path)
        } catch {
            return SignerTrust(source: path, verifier: nil, problem: error.description, isMissing: false)
        }
        return made(signers, source: path, isMissing: missing)
    }

    /// Trusts the keys of `signers` (tests give their own).
    public static func trusting(_ signers: AllowedSigners, keygen: SSHKeygen = SSHKeygen()) -> SignerTrust {
        made(signers, source: signers.source, isMissing: false, keygen: keygen)
    }

    /// Trusts nobody; signatures are still checked for being intact.
    public static var nobody: SignerTrust { made(empty("(no allowed signers)"), source: "", isMissing: true) }

    private static func empty(_ source: String) -> AllowedSigners {
        // An empty file always reads.
        (try? AllowedSigners(bytes: [], source: source)) ?? { preconditionFailure("an empty file reads") }()
    }

    private static func made(
        _ signers: AllowedSigners, source: String, isMissing: Bool, keygen: SSHKeygen = SSHKeygen()
    ) -> SignerTrust {
        do {
            return SignerTrust(
                source: source, verifier: try SignatureVerifier(allowedSigners: signers, keygen: keygen),
                problem: nil, isMissing: isMissing)
        } catch {
            return SignerTrust(source: source, verifier: nil, problem: error.description, isMissing: isMissing)
        }
    }
}

/// What a signature kept with an event shows, as `check`, `show` and `list` say it.
public enum ProofFinding: Sendable, Equatable, CustomStringConvertible {
    case unsigned
    /// A good signature by a key this desk's allowed signers trust for it, at the event's time.
    case trusted(Signer)
    /// A good signature that this desk does not trust for it: a key no longer (or never) listed,
    /// listed for other things, or outside its dates. It still shows which key signed.
    case untrusted(SignatureCheck)
    /// The signature, its key or what it signed does not belong to the event: changed since.
    case broken(String)
    /// Signatures cannot be checked here (the allowed-signers file cannot be used).
    case uncheckable(String)

    public var isTrusted: Bool {
        if case .trusted = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .unsigned: "unsigned"
        case .trusted(let signer): "signed by \(signer.shown)"
        case .untrusted(let check): "signed, but \(check.description)"
        case .broken(let reason): "signature broken: \(reason)"
        case .uncheckable(let reason): "signed; the signature cannot be checked here: \(reason)"
        }
    }
}

extension SignerTrust {
    /// Judges `proof` as a signature in `namespace` of its statement, at `moment`.
    public func judge(_ proof: EventProof, namespace: SignatureNamespace, at moment: Date) -> ProofFinding {
        guard let verifier else { return .uncheckable(problem ?? "no allowed signers") }
        let signature: SSHSignature
        do { signature = try SSHSignature(armored: proof.signature) } catch {
            return .broken("the signature cannot be read: \(error.description)")
        }
        guard signature.publicKey.line == proof.signerKey else {
            return .broken("the key kept with it is not the key that signed")
        }
        let check = verifier.check(signature, of: proof.statementBytes, namespace: namespace, at: moment)
        switch check {
        case .trusted(let signer): return .trusted(signer)
        case .keyNotListed, .notAllowedForNamespace, .notValidAt: return .untrusted(check)
        case .notSigned, .badSignature, .wrongNamespace, .changedAfterSigning: return .broken(check.description)
        }
    }
}

extension RegisterEvent {
    /// The moment its signature is judged at (`valid-after`, `valid-before`): when it was
    /// recorded, or the end of the day it states when that came first (a decision imported later).
    var signedMoment: Date {
        let recorded = Moments.seconds(recordedAt)
        let endOfDay = Moments.seconds(date + "T23:59:59Z")
        switch (recorded, endOfDay) {
        case (let recorded?, let end?): return Date(timeIntervalSince1970: TimeInterval(min(recorded, end)))
        case (let recorded?, nil): return Date(timeIntervalSince1970: TimeInterval(recorded))
        case (nil, let end?): return Date(timeIntervalSince1970: TimeInterval(end))
        case (nil, nil): return Date(timeIntervalSince1970: 0)
        }
    }

    /// Whether the statement kept with it says what the event says: a decision its reference,
    /// entry, decision, date, reason and person; a manifest or receipt its reference, files and
    /// person. Nil when it does; else why not.
    func statementMismatch(entryDigest: String?) -> String? {
        guard let proof else { return nil }
        switch kind {
        case .authorised, .refused:
            let statement: DecisionStatement
            do { statement = try DecisionStatement(bytes: proof.statementBytes) } catch {
                return "what was signed is not a decision statement (\(error.description))"
            }
            if statement.reference != reference || statement.kind != kind || statement.date != date
                || statement.reason != reason || statement.by != by
            {
                return "the signed decision is not the one recorded"
            }
            if let entryDigest, statement.entryDigest != entryDigest {
                return "the signed decision is for another assessment than the one recorded"
            }
            return nil
        case .sent:
            let manifest: SealManifest
            do { manifest = try SealManifest.decode(proof.statementBytes) } catch {
                return "what was signed is not a manifest (\(error.description))"
            }
            guard manifest.reference == reference, manifest.files == files, manifest.sealedBy == by else {
                return "the signed manifest does not list what the event records as sent"
            }
            return nil
        case .received:
            guard let receipt = try? Receipt.decode(proof.statementBytes) else {
                return "what was signed is not a receipt"
            }
            guard receipt.reference == reference, receipt.receivedFiles == files, receipt.checkedBy == by else {
                return "the signed receipt does not list what the event records as received"
            }
            return nil
        case .redacted:
            let statement: RedactionStatement
            do { statement = try RedactionStatement(bytes: proof.statementBytes) } catch {
                return "what was signed is not a redaction statement (\(error.description))"
            }
            guard statement.reference == reference, statement.removed == files, statement.date == date,
                statement.by == by
            else { return "the signed redaction is not the one recorded" }
            if let entryDigest, statement.entryDigest != entryDigest {
                return "the signed redaction is for another assessment than the one recorded"
            }
            return nil
        case .created, .senderCopyDeleted, .allCopiesDeleted, .reviewed:
            return "a \(kind.rawValue) event is never signed"
        }
    }

    /// Who decided, for a signed decision: the statement's person and account, which may differ
    /// from the account that wrote the event (a decision file imported by the requester).
    public var decisionStatement: DecisionStatement? {
        guard kind == .authorised || kind == .refused, let proof else { return nil }
        return try? DecisionStatement(bytes: proof.statementBytes)
    }
}

/// Timestamps as the register keeps them (`2026-11-29T10:15:00Z`) and as the desk's calendar
/// reads them.
public enum Moments {
    /// Seconds since 1970 of `2026-11-29T10:15:00Z`; nil when it is not one.
    /// Read as bytes, since `check` reads two for every event.
    public static func seconds(_ timestamp: String) -> Int64? {
        var timestamp = timestamp
        return timestamp.withUTF8 { bytes -> Int64? in
            guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
                bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
                let day = IsoDate(stored: UnsafeBufferPointer(rebasing: bytes[0..<10])),
                let hour = ASCIIDigits.number(bytes, 11..<13), hour < 24,
                let minute = ASCIIDigits.number(bytes, 14..<16), minute < 60,
                let second = ASCIIDigits.number(bytes, 17..<19), second < 60
            else { return nil }
            var parts = tm()
            parts.tm_year = Int32(day.year - 1900)
            parts.tm_mon = Int32(day.month - 1)
            parts.tm_mday = Int32(day.day)
            parts.tm_hour = Int32(hour)
            parts.tm_min = Int32(minute)
            parts.tm_sec = Int32(second)
            return Int64(timegm(&parts))
        }
    }

    /// The local calendar day (`2026-12-06`) at `timestamp`, as the desk's clock shows it; the
    /// timestamp's own (UTC) day when it cannot be read.
    public static func localDay(_ timestamp: String) -> String {
        guard let seconds = seconds(timestamp) else { return String(timestamp.prefix(10)) }
        return localDay(secondsSince1970: seconds)
    }

    public static func localDay(secondsSince1970 seconds: Int64) -> String {
        var time = time_t(seconds)
        var local = tm()
        let offset = localtime_r(&time, &local) != nil ? Int(local.tm_gmtoff) : 0
        return IsoDate(secondsSince1970: seconds, utcOffset: offset)?.iso ?? "1970-01-01"
    }
}
