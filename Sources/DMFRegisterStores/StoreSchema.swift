import DMFPolicy
import DMFRegister
import Foundation

/// The register's tables, the same in SQLite and PostgreSQL, and how entries and events map to
/// rows. Every column is text except an event's sequence number, so one mapping serves both.
enum StoreSchema {
    static let entryColumns = [
        "reference", "recorded_at", "requester", "team", "route", "source_system", "destination_organisation",
        "destination_system", "recipient_organisations", "classification", "marking", "verdict", "rules_version",
        "transfer_kind", "frequency", "delete_by", "fingerprint", "answers", "documents", "search", "status",
        "next_due", "next_due_kind",
    ]
    /// Only these may change after an entry is written: they follow from its events.
    static let summaryColumns = ["status", "next_due", "next_due_kind"]
    static let eventColumns = [
        "sequence", "reference", "kind", "recorded_at", "by_person", "date", "reason", "files", "next_review",
        "entry_digest", "previous_hash", "hash",
    ]
    /// The columns a list shows, so a list does not read the answers.
    static let summaryListColumns = [
        "reference", "recorded_at", "requester", "team", "route", "classification", "marking", "verdict", "status",
        "next_due", "next_due_kind",
    ]

    /// Tables, indexes and the triggers that keep the log append-only. `integer` is the type of
    /// the sequence; `failure` raises an error in the dialect's words.
    static func tables(integer: String) -> [String] {
        let entryTexts = entryColumns.map { column in
            let optional = ["frequency", "delete_by", "next_due", "next_due_kind"].contains(column)
            return "\(column) TEXT\(optional ? "" : " NOT NULL")" + (column == "reference" ? " PRIMARY KEY" : "")
        }
        return [
            "CREATE TABLE entries (\(entryTexts.joined(separator: ", ")))",
            """
            CREATE TABLE events (sequence \(integer) PRIMARY KEY, reference TEXT NOT NULL REFERENCES entries(reference), \
            kind TEXT NOT NULL, recorded_at TEXT NOT NULL, by_person TEXT NOT NULL, date TEXT NOT NULL, reason TEXT, \
            files TEXT NOT NULL, next_review TEXT, entry_digest TEXT, previous_hash TEXT NOT NULL, hash TEXT NOT NULL)
            """,
            "CREATE INDEX events_by_reference ON events (reference, sequence)",
            "CREATE INDEX entries_by_time ON entries (recorded_at)",
            "CREATE INDEX entries_by_due ON entries (next_due)",
        ]
    }

    /// The covering index a list reads (migration 2 in both stores).
    static let listIndex =
        "CREATE INDEX entries_for_lists ON entries (search, \(summaryListColumns.joined(separator: ", ")))"

    static func entryValues(_ entry: RegisterEntry, _ summary: EntrySummary) -> [String?] {
        [
            entry.reference, entry.recordedAt, entry.requester, entry.team, entry.route.rawValue, entry.sourceSystem,
            entry.destinationOrganisation, entry.destinationSystem, ListText.join(entry.recipientOrganisations),
            entry.classification.rawValue, entry.marking, entry.verdict.rawValue, entry.rulesVersion,
            entry.transferKind.rawValue, entry.frequency?.rawValue, entry.deleteBy, entry.fingerprint, entry.answers,
            files(entry.documents), entry.searchText,
        ] + summaryValues(summary)
    }

    static func summaryValues(_ summary: EntrySummary) -> [String?] {
        [summary.status.rawValue, summary.nextDue?.date, summary.nextDue?.kind.rawValue]
    }

    static func eventTexts(_ event: RegisterEvent) -> [String?] {
        [
            event.reference, event.kind.rawValue, event.recordedAt, event.by, event.date, event.reason,
            files(event.files), event.nextReview, event.entryDigest, event.previousHash, event.hash,
        ]
    }

    /// Reads one entry row; `text` gives a column's value by name.
    static func entry(_ text: (String) -> String?) throws(StoreError) -> (RegisterEntry, EntrySummary) {
        let reference = text("reference") ?? "?"
        func required(_ column: String) throws(StoreError) -> String {
            guard let value = text(column) else { throw .badRow("entry \(reference): \(column) is empty") }
            return value
        }
        func value<V: RawRepresentable<String>>(_ column: String, _: V.Type) throws(StoreError) -> V {
            let raw = try required(column)
            guard let parsed = V(rawValue: raw) else {
                throw .badRow("entry \(reference): \(column) '\(raw)' is unknown")
            }
            return parsed
        }
        let frequency: Frequency? = try text("frequency").map { raw throws(StoreError) in
            guard let parsed = Frequency(rawValue: raw) else { throw .badRow("entry \(reference): frequency '\(raw)'") }
            return parsed
        }
        let entry = RegisterEntry(
            reference: reference, recordedAt: try required("recorded_at"), requester: try required("requester"),
            team: try required("team"), route: try value("route", RouteType.self),
            sourceSystem: try required("source_system"),
            destinationOrganisation: try required("destination_organisation"),
            destinationSystem: try required("destination_system"),
            recipientOrganisations: ListText.split(try required("recipient_organisations")),
            classification: try value("classification", Classification.self), marking: try required("marking"),
            verdict: try value("verdict", Verdict.self), rulesVersion: try required("rules_version"),
            transferKind: try value("transfer_kind", TransferKind.self), frequency: frequency,
            deleteBy: text("delete_by"), fingerprint: try required("fingerprint"), answers: try required("answers"),
            documents: try files(try required("documents"), reference))
        return (entry, try summary(text))
    }

    /// Reads a list row (the summary columns only).
    static func summary(_ text: (String) -> String?) throws(StoreError) -> EntrySummary {
        let reference = text("reference") ?? "?"
        guard let statusText = text("status"), let status = EntryStatus(rawValue: statusText) else {
            throw .badRow("entry \(reference): status '\(text("status") ?? "")' is unknown")
        }
        var due: DueItem?
        if let date = text("next_due"), let kindText = text("next_due_kind") {
            guard let kind = DueItem.Kind(rawValue: kindText) else {
                throw .badRow("entry \(reference): due kind '\(kindText)' is unknown")
            }
            due = DueItem(reference: reference, kind: kind, date: date)
        }
        return EntrySummary(
            reference: reference, recordedAt: text("recorded_at") ?? "", requester: text("requester") ?? "",
            team: text("team") ?? "", route: text("route") ?? "", classification: text("classification") ?? "",
            marking: text("marking") ?? "", verdict: text("verdict") ?? "", status: status, nextDue: due)
    }

    static func event(sequence: Int64, _ text: (String) -> String?) throws(StoreError) -> RegisterEvent {
        let reference = text("reference") ?? "?"
        func required(_ column: String) throws(StoreError) -> String {
            guard let value = text(column) else { throw .badRow("event \(sequence): \(column) is empty") }
            return value
        }
        let kindText = try required("kind")
        guard let kind = EventKind(rawValue: kindText) else {
            throw .badRow("event \(sequence): kind '\(kindText)' is unknown")
        }
        return RegisterEvent(
            sequence: sequence, reference: reference, kind: kind, recordedAt: try required("recorded_at"),
            by: try required("by_person"), date: try required("date"), reason: text("reason"),
            files: try files(try required("files"), reference), nextReview: text("next_review"),
            entryDigest: text("entry_digest"), previousHash: try required("previous_hash"), hash: try required("hash"))
    }

    /// Files as lines of `SHA256 SIZE NAME`.
    static func files(_ files: [FileDigest]) -> String { ListText.join(files.map(\.line)) }

    static func files(_ text: String, _ reference: String) throws(StoreError) -> [FileDigest] {
        var files: [FileDigest] = []
        for line in ListText.split(text) {
            guard let file = FileDigest(line: line) else {
                throw .badRow("entry \(reference): a file line cannot be read")
            }
            files.append(file)
        }
        return files
    }
}

/// A row the store cannot read back: the database was edited by hand or damaged.
enum StoreError: Error, Sendable, CustomStringConvertible {
    case badRow(String)

    var description: String {
        switch self {
        case .badRow(let what): "a row cannot be read (\(what)); run `dmf-wizard register check`"
        }
    }
}
