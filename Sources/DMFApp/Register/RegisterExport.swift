import DMFPolicy
import DMFRegister
import Foundation

/// The whole register for an auditor, marked at the highest marking of what it holds.
struct RegisterExport {
    /// One entry with its status, what is due and every event.
    struct Record: Encodable {
        var entry: RegisterEntry
        var status: EntryStatus
        var due: [DueItem]
        var events: [RegisterEvent]
        /// What each event's signature shows to this desk, in the events' order; left out for a
        /// register where nothing was written since signatures and accounts were kept.
        var signatures: [String]?

        /// - Parameter findings: what each event's signature shows, in the order of `history.events`.
        ///   Events of kinds this version does not know are exported too, as they were written.
        init(_ history: EntryHistory, findings: [ProofFinding] = []) {
            entry = history.entry
            status = history.status
            due = history.dueItems
            events = history.allEvents
            let found = RegisterListing.findingsBySequence(history, findings)
            let shown = events.map { RegisterListing.signatureNote($0, found[$0.sequence]) ?? "" }
            signatures = shown.allSatisfy(\.isEmpty) ? nil : shown
        }
    }

    struct Document: Encodable {
        var marking: String
        var title = "DMF register export"
        var producedAt: String
        var entries: [Record]
    }

    let records: [Record]
    let producedAt: String

    init(register: Register, producedAt: String) throws(RegisterError) {
        records = try register.histories().map { history in
            Record(
                history, findings: history.events.map { register.finding(for: $0, entryDigest: history.entry.digest) })
        }
        self.producedAt = producedAt
    }

    /// The highest marking of the entries (names and purposes of transfers are in every export).
    var marking: String { ProtectiveMarking.covering(records.map(\.entry.marking)).rawValue }

    func render(_ format: ListingFormat) -> String {
        switch format {
        case .json:
            return RegisterListing.json(Document(marking: marking, producedAt: producedAt, entries: records))
        case .csv, .table:
            let header = [
                "marking", "reference", "recorded_at", "requester", "team", "route", "source_system",
                "destination_organisation", "destination_system", "recipient_organisations", "classification",
                "verdict", "rules_version", "transfer_kind", "frequency", "delete_by", "status", "next_due", "events",
                "documents",
            ]
            let rows = records.map { record -> [String] in
                let entry = record.entry
                return [
                    entry.marking, entry.reference, entry.recordedAt, entry.requester, entry.team, entry.route.rawValue,
                    entry.sourceSystem, entry.destinationOrganisation, entry.destinationSystem,
                    entry.recipientOrganisations.joined(separator: "; "), entry.classification.rawValue,
                    entry.verdict.rawValue, entry.rulesVersion, entry.transferKind.rawValue,
                    entry.frequency?.rawValue ?? "", entry.deleteBy ?? "", record.status.rawValue,
                    record.due.first.map { "\($0.date) \($0.kind.rawValue)" } ?? "",
                    record.events.enumerated().map { index, event in
                        let signature = record.signatures.map { $0[index] }.flatMap { $0.isEmpty ? nil : ", \($0)" }
                        return
                            "\(event.date) \(event.kindName) (\(RegisterListing.actor(event))\(signature ?? ""))"
                    }.joined(separator: "; "),
                    entry.documents.map { "\($0.name) sha256:\($0.sha256)" }.joined(separator: "; "),
                ]
            }
            let banner = ["\(marking): DMF register export, produced \(producedAt)"]
            return RegisterListing.csv([banner, header] + rows + [[marking]])
        }
    }
}
