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
    public var digest: String { canonical.sha256 }

    /// Whether the route needs an IAO's authorisation on a DMF before anything is sent.
    public var needsAuthorisation: Bool { PolicyEngine.isDMFRequired(route) }

    /// Lower-case text that `list --search` matches: reference, people, team, organisations, systems.
    public var searchText: String {
        ([reference, requester, team, sourceSystem, destinationOrganisation, destinationSystem]
            + recipientOrganisations).joined(separator: "\n").lowercased()
    }
}

/// A stable byte form for hashing: one line per field in a fixed order, `key=value`, or `key!`
/// when there is no value; a list is `key#count` and then one line per element. Backslashes and
/// line breaks inside values are escaped, so two different values never give the same bytes.
/// Built by hand, as bytes, because it runs for every entry and event `check` reads: through
/// Foundation's JSON encoder, `check` over 100,000 entries took 12 s.
struct Canonical {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func add(_ key: String, _ value: String?) {
        Self.appendUTF8(key, to: &bytes)
        if let value {
            bytes.append(UInt8(ascii: "="))
            Self.appendEscaped(value, to: &bytes)
        } else {
            bytes.append(UInt8(ascii: "!"))
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    mutating func add(_ key: String, _ values: [String]) {
        bytes += "\(key)#\(values.count)\n".utf8
        for value in values {
            bytes.append(UInt8(ascii: " "))
            Self.appendEscaped(value, to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    mutating func add(_ key: String, _ files: [FileDigest]) { add(key, files.map(\.line)) }

    var sha256: String { Hashing.sha256(bytes) }

    static func appendUTF8(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Copies runs of ordinary bytes in one go; only `\\`, line feeds and carriage returns are
    /// written one at a time. Works on the string's contiguous bytes: walking `String.UTF8View`
    /// index by index cost more than hashing them.
    static func appendEscaped(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let escape: UInt8
                switch utf8[index] {
                case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
                case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(escape)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    /// Reads back a form of single values written by `add(_:_:)`: exactly `keys`, in that order,
    /// each line ending in a line feed; nil for a value not given (`key!`).
    static func fields(_ bytes: [UInt8], keys: [String], what: String) throws(StatementError) -> [String?] {
        guard bytes.last == UInt8(ascii: "\n"), String(validating: bytes, as: UTF8.self) != nil else {
            throw StatementError("it is not \(what) (not lines of text)")
        }
        let lines = bytes.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == keys.count else { throw StatementError("it is not \(what) (it has \(lines.count) lines)") }
        var values: [String?] = []
        values.reserveCapacity(keys.count)
        for (line, key) in zip(lines, keys) {
            // `key!` for no value, `key=` and the value otherwise; compared in place, since `check`
            // reads a statement for every signed event.
            let name = key.utf8
            guard let afterName = line.index(line.startIndex, offsetBy: name.count, limitedBy: line.endIndex),
                afterName < line.endIndex, line[..<afterName].elementsEqual(name)
            else { throw StatementError("it is not \(what) (expected \(key) where it has something else)") }
            switch line[afterName] {
            case UInt8(ascii: "!") where afterName + 1 == line.endIndex: values.append(nil)
            case UInt8(ascii: "="): values.append(unescaped(line[(afterName + 1)...]))
            default: throw StatementError("it is not \(what) (expected \(key) where it has something else)")
            }
        }
        return values
    }

    static func escaped(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func unescaped(_ value: Substring) -> String { unescaped(value.utf8) }

    static func unescaped(_ utf8: some Collection<UInt8>) -> String {
        guard utf8.contains(UInt8(ascii: "\\")) else { return String(decoding: utf8, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var escaping = false
        for byte in utf8 {
            if escaping {
                out.append(
                    byte == UInt8(ascii: "n")
                        ? UInt8(ascii: "\n") : byte == UInt8(ascii: "r") ? UInt8(ascii: "\r") : byte)
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Lists kept in one text column: one escaped value per line, the same escaping as `Canonical`,
/// so reading a row needs no JSON decoder (it made `check` slow) and stays readable in SQL.
public enum ListText {
    public static func join(_ values: [String]) -> String { values.map(Canonical.escaped).joined(separator: "\n") }

    /// Splits on the line-feed byte: splitting by `Character` was most of the time `check` took.
    public static func split(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines: [String] = []
        var start = text.utf8.startIndex
        while let end = text.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(Canonical.unescaped(text[start..<end]))
            start = text.utf8.index(after: end)
        }
        lines.append(Canonical.unescaped(text[start...]))
        return lines
    }
}

extension RegisterEntry {
    /// Every field, in a fixed order.
    var canonical: Canonical {
        var form = Canonical()
        form.add("reference", reference)
        form.add("recorded_at", recordedAt)
        form.add("requester", requester)
        form.add("team", team)
        form.add("route", route.rawValue)
        form.add("source_system", sourceSystem)
        form.add("destination_organisation", destinationOrganisation)
        form.add("destination_system", destinationSystem)
        form.add("recipient_organisations", recipientOrganisations)
        form.add("classification", classification.rawValue)
        form.add("marking", marking)
        form.add("verdict", verdict.rawValue)
        form.add("rules_version", rulesVersion)
        form.add("transfer_kind", transferKind.rawValue)
        form.add("frequency", frequency?.rawValue)
        form.add("delete_by", deleteBy)
        form.add("fingerprint", fingerprint)
        form.add("answers", answers)
        form.add("documents", documents)
        return form
    }
}
