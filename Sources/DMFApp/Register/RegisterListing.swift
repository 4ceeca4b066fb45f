import DMFPolicy
import DMFRegister
import DMFSignatures
import Foundation
import TerminalUI

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

    /// Columns padded to their widest cell, by display width: a wide character (漢, most emoji)
    /// takes two columns and a combining mark none, so names in any script line up. Long text is
    /// cut at 30 columns with "…".
    static func table(_ rows: [[String]], widthFunction: DisplayWidth = DisplayWidths.approximate) -> String {
        let clipped = rows.map { $0.map { clip($0, columns: 30, widthFunction) } }
        let columns = clipped.map { $0.map { displayColumns(of: $0, widthFunction) } }
        var widths = [Int](repeating: 0, count: clipped.first?.count ?? 0)
        for row in columns { for (index, width) in row.enumerated() { widths[index] = max(widths[index], width) } }
        // Padded by hand: Foundation's padding and trimming cost a tenth of a millisecond a row.
        var out = ""
        for (row, cells) in zip(columns, clipped) {
            var line = ""
            for (index, cell) in cells.enumerated() {
                line += cell
                if index < cells.count - 1 { line += String(repeating: " ", count: widths[index] - row[index] + 2) }
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// `text` cut to at most `columns` display columns, ending with "…" when it was cut.
    static func clip(_ text: String, columns: Int, _ widthFunction: DisplayWidth) -> String {
        // Most cells are short ASCII: one column a byte.
        if text.utf8.count <= columns, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard displayColumns(of: text, widthFunction) > columns else { return text }
        var kept = ""
        var used = 0
        for character in text {
            let width = max(0, widthFunction(character))
            if used + width > columns - 1 { break }
            kept.append(character)
            used += width
        }
        return kept + "…"
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

    /// How an event's signature reads beside who acted: "signed with key SHA256:… (trusted:
    /// jowner)", "unsigned", "signed with key SHA256:…, key no longer trusted (…)", or why it is
    /// not trusted; nil for an event of a kind never signed, or written before signatures were
    /// kept. `show`, `export`, the commands that record and the register screen all say it so.
    static func signature(_ event: RegisterEvent, _ finding: ProofFinding?) -> String? {
        guard event.unknownKind == nil, event.kind.signatureNamespace != nil, event.proof != nil || event.account != nil
        else { return nil }
        let key = event.proof.flatMap { try? SSHPublicKey(line: $0.signerKey).fingerprint() } ?? "that cannot be read"
        func names(_ signer: Signer) -> String {
            signer.principals.map { Sanitizer.visible($0, limit: 80) }.joined(separator: ", ")
        }
        switch finding ?? (event.proof == nil ? .unsigned : .uncheckable("not checked")) {
        case .unsigned: return "unsigned"
        case .trusted(let signer): return "signed with key \(signer.fingerprint) (trusted: \(names(signer)))"
        case .untrusted(.keyNotListed):
            return "signed with key \(key), key no longer trusted (not in the allowed signers)"
        case .untrusted(.notAllowedForNamespace(let signer, let namespace)):
            return "signed with key \(key) (\(names(signer))), key not trusted for \(namespace.things)"
        case .untrusted(.notValidAt(_, let signer, let window)):
            return "signed with key \(key) (\(names(signer))), key not trusted at the time (trusted \(window))"
        case .untrusted(let check): return "signed with key \(key), not trusted: \(check.description)"
        case .broken(let reason): return "signature broken: \(reason)"
        case .uncheckable(let reason): return "signed with key \(key), which cannot be checked here: \(reason)"
        }
    }

    /// The same, as a sentence of its own: "Signed with key SHA256:… (trusted: jowner)".
    static func signatureNote(_ event: RegisterEvent, _ finding: ProofFinding?) -> String? {
        signature(event, finding).map { $0.prefix(1).uppercased() + $0.dropFirst() }
    }

    /// "event 2 (log position 17)": an event's number within its entry (1, 2, 3…) and, apart,
    /// its place in the register's whole log.
    static func place(of event: RegisterEvent, in history: EntryHistory?) -> String {
        guard let index = history?.events.firstIndex(where: { $0.sequence == event.sequence }) else {
            return "log position \(event.sequence)"
        }
        return "event \(index + 1) (log position \(event.sequence))"
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
        lines.append("Events (numbered within this entry; [log N]: the event's place in the register's whole log):")
        let found = findingsBySequence(history, findings)
        let events = history.allEvents
        // Numbers right-aligned, so the dates line up however many events there are.
        let numberWidth = String(events.count).count
        let logWidth = events.map { String($0.sequence).count }.max() ?? 1
        func padded(_ number: some BinaryInteger, _ width: Int) -> String {
            let text = String(number)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        for (index, event) in events.enumerated() {
            var line =
                "  \(padded(index + 1, numberWidth)). [log \(padded(event.sequence, logWidth))] \(event.date) "
                + "\(event.kindLabel) — \(Self.actor(event))"
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
