import DMFPolicy
import Foundation

/// One recorded assessment: what was decided, on which answers, and the documents written.
///
/// Its content never changes once recorded; what happens to it afterwards is its events.
/// The "created" event carries `digest`, so any later edit of the entry is found by `check`.
public struct RegisterEntry: Sendable, Equatable, Codable {
    /// `DMF-20261129-7K3Q`, unique across the register.
    public var reference: String
    /// When it was recorded, `2026-11-29T10:15:00Z`.
    public var recordedAt: String
    public var requester: String
    public var team: String
    public var route: RouteType
    public var sourceSystem: String
    public var destinationOrganisation: String
    public var destinationSystem: String
    /// The recipients' organisations, each once, in the order given.
    public var recipientOrganisations: [String]
    public var classification: Classification
    /// The protective marking the documents carry: `OFFICIAL-SENSITIVE`.
    public var marking: String
    public var verdict: Verdict
    public var rulesVersion: String
    public var transferKind: TransferKind
    public var frequency: Frequency?
    /// The agreed deletion date, when one was given.
    public var deleteBy: String?
    /// Identifies the answers: the same answers recorded twice are one assessment.
    public var fingerprint: String
    /// The full answers, as an answers file (YAML) that `fill` and `register add` read back.
    public var answers: String
    /// Every document written for it.
    public var documents: [FileDigest]

    public init(
        reference: String, recordedAt: String, requester: String, team: String, route: RouteType,
        sourceSystem: String, destinationOrganisation: String, destinationSystem: String,
        recipientOrganisations: [String], classification: Classification, marking: String, verdict: Verdict,
        rulesVersion: String, transferKind: TransferKind, frequency: Frequency?, deleteBy: String?,
        fingerprint: String, answers: String, documents: [FileDigest]
    ) {
        self.reference = reference
        self.recordedAt = recordedAt
        self.requester = requester
        self.team = team
        self.route = route
        self.sourceSystem = sourceSystem
        self.destinationOrganisation = destinationOrganisation
        self.destinationSystem = destinationSystem
        self.recipientOrganisations = recipientOrganisations
        self.classification = classification
        self.marking = marking
        self.verdict = verdict
        self.rulesVersion = rulesVersion
        self.transferKind = transferKind
        self.frequency = frequency
        self.deleteBy = deleteBy
        self.fingerprint = fingerprint
        self.answers = answers
        self.documents = documents
    }

    /// The SHA-256 of the entry's canonical form; the "created" event records it.
    public var digest: String { Hex.sha256(Canonical.json(self)) }

    /// Whether the route needs an IAO's authorisation on a DMF before anything is sent.
    public var needsAuthorisation: Bool { PolicyEngine.isDMFRequired(route) }

    /// Lower-case text that `list --search` matches: reference, people, team, organisations, systems.
    public var searchText: String {
        ([reference, requester, team, sourceSystem, destinationOrganisation, destinationSystem]
            + recipientOrganisations).joined(separator: "\n").lowercased()
    }
}

/// A stable byte form for hashing: JSON with sorted keys, no escaped slashes.
enum Canonical {
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }
}
