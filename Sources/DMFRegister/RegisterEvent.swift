import DMFPolicy
import Foundation

/// What can happen to a recorded assessment, in the order it usually happens: the lifecycle's
/// steps, whose rules (which step may follow which) are policy (`Lifecycle`, DMFPolicy).
public typealias EventKind = LifecycleStep

/// One event in the append-only log. Each carries the hash of the event before it (in the whole
/// register, not only its entry), so editing, removing or reordering history breaks the chain.
public struct RegisterEvent: Sendable, Equatable, Codable {
    /// Its place in the register's log, from 1, with no gaps.
    public var sequence: Int64
    public var reference: String
    public var kind: EventKind
    /// When it was written, `2026-11-29T10:15:00Z`.
    public var recordedAt: String
    /// Who did it or recorded it (the IAO for a decision, the recipient for a receipt).
    public var by: String
    /// The day it happened, as stated (`2026-11-29`).
    public var date: String
    /// Why: the IAO's reason or conditions, a note.
    public var reason: String?
    /// The files sent, or received and checked.
    public var files: [FileDigest]
    /// For "reviewed": the next review date.
    public var nextReview: String?
    /// For "created": the entry's digest.
    public var entryDigest: String?
    /// The hash of the event before it; 64 zeros for the first.
    public var previousHash: String
    public var hash: String
    /// The login account of the process that wrote it (`getpwuid(geteuid())`); nil only in
    /// registers written before accounts were kept.
    public var account: String?
    /// The signature, when the event is signed: what was signed, the signature and the key.
    public var proof: EventProof?
    /// While the register requires signatures: the hash of that requirement, so an event written
    /// under it says so, and removing the requirement is found.
    public var signaturesRequired: String?
    /// The kind as recorded, when it is one this version of dmf-wizard does not know (a newer
    /// one wrote it); `kind` is then meaningless. Such an event is hashed, shown and exported as
    /// written, counts for nothing this version works out, and its entry is not written to
    /// (`EntryHistory.unknownEvents`).
    public var unknownKind: String?

    /// The kind as recorded: its raw value, or the text of a kind this version does not know.
    public var kindName: String { unknownKind ?? kind.rawValue }

    /// The kind in words: its label, or for a kind this version does not know, its text.
    public var kindLabel: String {
        unknownKind.map {
            "\(Sanitizer.visible($0, limit: 40)) (a kind of event this version of dmf-wizard does not know)"
        }
            ?? kind.label
    }

    public static let firstPreviousHash = String(repeating: "0", count: 64)

    /// An event with nothing in it, for a store to read a row into.
    public static let blank = RegisterEvent(
        sequence: 0, reference: "", kind: .created, recordedAt: "", by: "", date: "", reason: nil, files: [],
        nextReview: nil, entryDigest: nil, previousHash: "", hash: "")

    public init(
        sequence: Int64, reference: String, kind: EventKind, recordedAt: String, by: String, date: String,
        reason: String?, files: [FileDigest], nextReview: String?, entryDigest: String?, previousHash: String,
        hash: String, account: String? = nil, proof: EventProof? = nil, signaturesRequired: String? = nil
    ) {
        self.sequence = sequence
        self.reference = reference
        self.kind = kind
        self.recordedAt = recordedAt
        self.by = by
        self.date = date
        self.reason = reason
        self.files = files
        self.nextReview = nextReview
        self.entryDigest = entryDigest
        self.previousHash = previousHash
        self.hash = hash
        self.account = account
        self.proof = proof
        self.signaturesRequired = signaturesRequired
    }

    /// The hash this event should carry: SHA-256 over the previous hash and its own content.
    public var expectedHash: String {
        var form = Canonical()
        form.add("previous_hash", previousHash)
        form.add("sequence", String(sequence))
        form.add("reference", reference)
        form.add("kind", kindName)
        form.add("recorded_at", recordedAt)
        form.add("by", by)
        form.add("date", date)
        form.add("reason", reason)
        form.add("files", files)
        form.add("next_review", nextReview)
        form.add("entry_digest", entryDigest)
        // Fields added since 0.2.0 enter the hashed form only when present, so every event an
        // older register holds keeps its hash.
        if let account { form.add("account", account) }
        if let proof {
            form.add("signed_statement", proof.statement)
            form.add("signature", proof.signature)
            form.add("signer_key", proof.signerKey)
        }
        if let signaturesRequired { form.add("signatures_required", signaturesRequired) }
        return form.sha256
    }

    /// Who acted, as people read it: "Jo Owner (account jowner)".
    public var byShown: String { RegisterEvent.shown(by, account: account) }

    /// "Jo Owner (account jowner)", or the name alone when no account was kept.
    public static func shown(_ name: String, account: String?) -> String {
        guard let account else { return name }
        return "\(name) (account \(account))"
    }
}

extension RegisterEvent {
    /// The keys an event has in JSON (an export); `kind` holds the kind as recorded, known or not.
    private enum CodingKeys: String, CodingKey {
        case sequence, reference, kind, recordedAt, by, date, reason, files, nextReview, entryDigest, previousHash
        case hash, account, proof, signaturesRequired
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        self.init(
            sequence: try container.decode(Int64.self, forKey: .sequence),
            reference: try container.decode(String.self, forKey: .reference),
            kind: EventKind(rawValue: kind) ?? .created,
            recordedAt: try container.decode(String.self, forKey: .recordedAt),
            by: try container.decode(String.self, forKey: .by), date: try container.decode(String.self, forKey: .date),
            reason: try container.decodeIfPresent(String.self, forKey: .reason),
            files: try container.decode([FileDigest].self, forKey: .files),
            nextReview: try container.decodeIfPresent(String.self, forKey: .nextReview),
            entryDigest: try container.decodeIfPresent(String.self, forKey: .entryDigest),
            previousHash: try container.decode(String.self, forKey: .previousHash),
            hash: try container.decode(String.self, forKey: .hash),
            account: try container.decodeIfPresent(String.self, forKey: .account),
            proof: try container.decodeIfPresent(EventProof.self, forKey: .proof),
            signaturesRequired: try container.decodeIfPresent(String.self, forKey: .signaturesRequired))
        unknownKind = EventKind(rawValue: kind) == nil ? kind : nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(reference, forKey: .reference)
        try container.encode(kindName, forKey: .kind)
        try container.encode(recordedAt, forKey: .recordedAt)
        try container.encode(by, forKey: .by)
        try container.encode(date, forKey: .date)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encode(files, forKey: .files)
        try container.encodeIfPresent(nextReview, forKey: .nextReview)
        try container.encodeIfPresent(entryDigest, forKey: .entryDigest)
        try container.encode(previousHash, forKey: .previousHash)
        try container.encode(hash, forKey: .hash)
        try container.encodeIfPresent(account, forKey: .account)
        try container.encodeIfPresent(proof, forKey: .proof)
        try container.encodeIfPresent(signaturesRequired, forKey: .signaturesRequired)
    }
}

/// A change someone asks for, before the register places it in the log.
public struct EventRequest: Sendable, Equatable {
    public var kind: EventKind
    public var by: String
    /// The day it happened; today when not given.
    public var date: String?
    public var reason: String?
    public var files: [FileDigest]
    public var nextReview: String?
    /// The signature made for it before the register was asked (signing never holds the
    /// register's write lock), when the person has a key.
    public var proof: EventProof?
    /// Signed elsewhere and imported (a decision file): the statement's account is then the
    /// signer's, not this process's.
    public var signedElsewhere = false

    public init(
        kind: EventKind, by: String, date: String? = nil, reason: String? = nil, files: [FileDigest] = [],
        nextReview: String? = nil, proof: EventProof? = nil
    ) {
        self.kind = kind
        self.by = by
        self.date = date
        self.reason = reason
        self.files = files
        self.nextReview = nextReview
        self.proof = proof
    }
}

extension EventRequest {
    /// The dates as people type them (31/12/2026 or 2026-12-31) made ISO, as the log keeps them.
    /// The command line and the register screen both read them here.
    public func readingDates() throws(UnreadableDate) -> EventRequest {
        func read(_ text: String?) throws(UnreadableDate) -> String? {
            guard let text else { return nil }
            switch IsoDate.read(text) {
            case .success(let date): return date.iso
            case .failure(let problem): throw UnreadableDate(description: problem.explanation(typed: text))
            }
        }
        var request = self
        request.date = try read(date)
        request.nextReview = try read(nextReview)
        return request
    }
}

/// A date that cannot be read, explained in the words the answers file uses.
public struct UnreadableDate: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}
