import DMFPolicy
import DMFRegister
import Foundation

/// How the register's lists and exports look: an aligned table for people, CSV for
/// spreadsheets, JSON for systems.
public enum ListingFormat: String, CaseIterable, Sendable {
    case table, csv, json
}

enum RegisterListing {
    static let headers = ["Reference", "Recorded", "Requester", "Team", "Route", "Verdict", "Status", "Next due"]

    /// One entry's cells. For people (`readable`) the route is its label ("Other government
    /// department"); spreadsheets keep the answers file's spelling.
    static func cells(_ summary: EntrySummary, readable: Bool = false) -> [String] {
        let route = readable ? RouteType(rawValue: summary.route)?.formLabel ?? summary.route : summary.route
        return [
            summary.reference, String(summary.recordedAt.prefix(10)), summary.requester, summary.team, route,
            summary.verdict.uppercased(), summary.status.rawValue,
            summary.nextDue.map { "\($0.date) \($0.kind.rawValue)" } ?? "",
        ]
    }

    static func render(_ summaries: [EntrySummary], format: ListingFormat) -> String {
        switch format {
        case .table:
            guard !summaries.isEmpty else { return "No entries.\n" }
            return table([headers] + summaries.map { cells($0, readable: true) })
                + "\(summaries.count) entr\(summaries.count == 1 ? "y" : "ies")\n"
        case .csv:
            return csv([headers] + summaries.map { cells($0) })
        case .json:
            return json(summaries)
        }
    }

    /// Columns padded to their widest cell, long text cut at 30 characters with "…".
    static func table(_ rows: [[String]]) -> String {
        let clipped = rows.map { $0.map { $0.count > 30 ? String($0.prefix(29)) + "…" : $0 } }
        var widths = [Int](repeating: 0, count: clipped.first?.count ?? 0)
        for row in clipped { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        // Padded by hand: Foundation's padding and trimming cost a tenth of a millisecond a row.
        var out = ""
        for row in clipped {
            var line = ""
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 { line += String(repeating: " ", count: widths[index] - cell.count + 2) }
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// RFC 4180, with a leading `'` on any cell a spreadsheet would run as a formula.
    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { cell in
                var cell = cell
                if let first = cell.first, "=+-@\t\r".contains(first) { cell = "'" + cell }
                guard cell.contains(where: { ",\"\n\r".contains($0) }) else { return cell }
                return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// Who acted, with their account: "Jo Owner (account jowner)". A decision signed elsewhere
    /// and imported names the account in its signed statement, and the one that recorded it.
    static func actor(_ event: RegisterEvent) -> String {
        if let statement = event.decisionStatement, statement.account != event.account {
            return RegisterEvent.shown(event.by, account: statement.account)
                + (event.account.map { ", recorded by account \($0)" } ?? "")
        }
        return event.byShown
    }

    /// "Signed by jowner (key SHA256:…)", "Unsigned", or why a signature is not trusted; nothing
    /// for an event of a kind never signed, or written before signatures were kept.
    static func signatureNote(_ event: RegisterEvent, _ finding: ProofFinding?) -> String? {
        guard event.unknownKind == nil, event.kind.signatureNamespace != nil, event.proof != nil || event.account != nil
        else { return nil }
        let text = (finding ?? (event.proof == nil ? .unsigned : .uncheckable("not checked"))).description
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// `findings`, given in the order of `history.events`, by each event's sequence number.
    static func findingsBySequence(_ history: EntryHistory, _ findings: [ProofFinding]) -> [Int64: ProofFinding] {
        Dictionary(
            zip(history.events.map(\.sequence), findings).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }

    /// One entry and its whole life, for `register show`. Events of kinds this version does not
    /// know are listed as written, and said to count for nothing shown above them.
    /// - Parameter findings: what each event's signature shows, in the order of `history.events`.
    static func details(_ history: EntryHistory, findings: [ProofFinding] = []) -> String {
        let entry = history.entry
        var lines = [
            "\(entry.reference) — \(entry.marking)",
            "Recorded:        \(entry.recordedAt)",
            "Requester:       \(entry.requester)" + (entry.team.isEmpty ? "" : " (\(entry.team))"),
            "Route:           \(entry.route.label)",
            "From system:     \(entry.sourceSystem)",
            "To:              "
                + [entry.destinationOrganisation, entry.destinationSystem].filter { !$0.isEmpty }
                .joined(separator: ", "),
            "Recipients from: \(entry.recipientOrganisations.joined(separator: ", "))",
            "Classification:  \(entry.classification.label)",
            "Verdict:         \(entry.verdict.rawValue.uppercased())",
            "Transfer:        \(entry.transferKind.rawValue)" + (entry.frequency.map { ", \($0.rawValue)" } ?? ""),
            "Delete by:       \(entry.deleteBy ?? "not given")",
            "Rule set:        \(entry.rulesVersion)",
            "Status:          \(history.status.label)",
        ]
        for due in history.dueItems { lines.append("Due:             \(due.date): \(due.label)") }
        if !entry.documents.isEmpty {
            lines.append("Documents:")
            for file in entry.documents { lines.append("  \(file.name)  \(file.size) bytes  sha256 \(file.sha256)") }
        }
        lines.append("Events:")
        let found = findingsBySequence(history, findings)
        for event in history.allEvents {
            var line = "  \(event.sequence). \(event.date) \(event.kindLabel) — \(Self.actor(event))"
            if let reason = event.reason, !reason.isEmpty { line += ": \(reason)" }
            if let next = event.nextReview { line += " (next review \(next))" }
            lines.append(line)
            if let signature = Self.signatureNote(event, found[event.sequence]) { lines.append("       \(signature)") }
            for file in event.files { lines.append("       \(file.name)  \(file.size) bytes  sha256 \(file.sha256)") }
        }
        if !history.unknownEvents.isEmpty {
            lines.append(
                "A newer dmf-wizard recorded \(history.unknownEvents.count == 1 ? "an event" : "events") of a kind this "
                    + "version does not know: the status and what is due leave \(history.unknownEvents.count == 1 ? "it" : "them") "
                    + "out. The newer version shows the whole story.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
