import DMFPolicy
import Foundation

/// What a recipient found when checking files against their manifest: each file named in it
/// matched, changed or missing, and anything else in the folder.
public struct Receipt: Sendable, Equatable, Codable {
    public static let currentVersion = 1

    public enum Status: String, Sendable, Codable {
        /// Same size and SHA-256 as sealed.
        case matched
        /// A different size or SHA-256: not the file that was sealed.
        case changed
        /// Nothing of that name beside the manifest.
        case missing
        /// Something of that name is there but could not be read as a file (a folder, a symbolic
        /// link, no permission).
        case unreadable
    }

    /// One file named in the manifest.
    public struct Line: Sendable, Equatable, Codable {
        public var name: String
        public var status: Status
        /// As the manifest records it.
        public var sealed: FileDigest
        /// As hashed now; nil when missing or unreadable.
        public var found: FileDigest?
        /// Why it did not match, in words.
        public var problem: String?

        public init(name: String, status: Status, sealed: FileDigest, found: FileDigest?, problem: String?) {
            self.name = name
            self.status = status
            self.sealed = sealed
            self.found = found
            self.problem = problem
        }
    }

    public var version = Receipt.currentVersion
    public var reference: String
    public var marking: String
    /// The manifest's file name.
    public var manifest: String
    /// The SHA-256 of the manifest's bytes: compare it with the one the sender printed or the
    /// register holds, since whoever could change a file could change the manifest too.
    public var manifestSHA256: String
    public var sealedAt: String
    public var sealedBy: String
    /// `2026-11-29T10:15:00Z`.
    public var checkedAt: String
    public var checkedBy: String?
    /// The login account that checked them (absent in receipts written before accounts were kept).
    public var checkedByAccount: String?
    /// What the recipient found of the manifest's signature: "signed by jowner (key SHA256:…)",
    /// "not signed", or why it is not trusted.
    public var manifestSignature: String?
    /// In the manifest's order.
    public var files: [Line]
    /// Names in the manifest's folder that the manifest does not list (other manifests aside);
    /// folders end with `/`.
    public var notInManifest: [String]
    /// Where the register stood just before this receipt was recorded in it (absent for a
    /// receipt not recorded in a register): the receipt is a witness of it.
    public var registerPosition: RegisterPosition?

    public init(
        reference: String, marking: String, manifest: String, manifestSHA256: String, sealedAt: String,
        sealedBy: String, checkedAt: String, checkedBy: String?, files: [Line], notInManifest: [String]
    ) {
        self.reference = reference
        self.marking = marking
        self.manifest = manifest
        self.manifestSHA256 = manifestSHA256
        self.sealedAt = sealedAt
        self.sealedBy = sealedBy
        self.checkedAt = checkedAt
        self.checkedBy = checkedBy
        self.files = files
        self.notInManifest = notInManifest
    }

    enum CodingKeys: String, CodingKey {
        case version = "format_version"
        case reference, marking, manifest
        case manifestSHA256 = "manifest_sha256"
        case sealedAt = "sealed_at"
        case sealedBy = "sealed_by"
        case checkedAt = "checked_at"
        case checkedBy = "checked_by"
        case checkedByAccount = "checked_by_account"
        case manifestSignature = "manifest_signature"
        case files
        case notInManifest = "not_in_manifest"
        case allMatched = "all_matched"
        case registerPosition = "register_position"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        reference = try container.decode(String.self, forKey: .reference)
        marking = try container.decode(String.self, forKey: .marking)
        manifest = try container.decode(String.self, forKey: .manifest)
        manifestSHA256 = try container.decode(String.self, forKey: .manifestSHA256)
        sealedAt = try container.decode(String.self, forKey: .sealedAt)
        sealedBy = try container.decode(String.self, forKey: .sealedBy)
        checkedAt = try container.decode(String.self, forKey: .checkedAt)
        checkedBy = try container.decodeIfPresent(String.self, forKey: .checkedBy)
        checkedByAccount = try container.decodeIfPresent(String.self, forKey: .checkedByAccount)
        manifestSignature = try container.decodeIfPresent(String.self, forKey: .manifestSignature)
        files = try container.decode([Line].self, forKey: .files)
        notInManifest = try container.decode([String].self, forKey: .notInManifest)
        registerPosition = try container.decodeIfPresent(RegisterPosition.self, forKey: .registerPosition)
    }

    /// `all_matched` is written for people and scripts reading the JSON; it is always derived.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(reference, forKey: .reference)
        try container.encode(marking, forKey: .marking)
        try container.encode(manifest, forKey: .manifest)
        try container.encode(manifestSHA256, forKey: .manifestSHA256)
        try container.encode(sealedAt, forKey: .sealedAt)
        try container.encode(sealedBy, forKey: .sealedBy)
        try container.encode(checkedAt, forKey: .checkedAt)
        try container.encodeIfPresent(checkedBy, forKey: .checkedBy)
        try container.encodeIfPresent(checkedByAccount, forKey: .checkedByAccount)
        try container.encodeIfPresent(manifestSignature, forKey: .manifestSignature)
        try container.encode(files, forKey: .files)
        try container.encode(notInManifest, forKey: .notInManifest)
        try container.encode(allMatched, forKey: .allMatched)
        try container.encodeIfPresent(registerPosition, forKey: .registerPosition)
    }

    /// Every file matched and nothing else is in the folder. An extra file counts against it: it
    /// may be information that was sent without being assessed and sealed.
    public var allMatched: Bool {
        !files.isEmpty && files.allSatisfy { $0.status == .matched } && notInManifest.isEmpty
    }

    /// The files as hashed on receipt (matched or changed), for the register's "received" event,
    /// which compares them with the files recorded as sent.
    public var receivedFiles: [FileDigest] { files.compactMap(\.found) }

    func count(_ status: Status) -> Int { files.count(where: { $0.status == status }) }

    /// The receipt for a terminal, one line each. Names are quoted with `Sanitizer.visible`: a
    /// file name read from the folder can hold a newline that would otherwise forge a line.
    public var textLines: [String] {
        var lines = [
            "Manifest \(Sanitizer.visible(manifest)), SHA-256 \(manifestSHA256)",
            """
            \(Sanitizer.visible(reference)), \(Sanitizer.visible(marking)), sealed \(Sanitizer.visible(sealedAt)) \
            by \(Sanitizer.visible(sealedBy))
            """,
        ]
        for line in files {
            let name = Sanitizer.visible(line.name)
            switch line.status {
            case .matched: lines.append("  matched          \(name) (\(Self.bytes(line.sealed.size)))")
            case .changed: lines.append("  CHANGED          \(name): \(line.problem ?? "it differs")")
            case .missing: lines.append("  MISSING          \(name)")
            case .unreadable: lines.append("  CANNOT READ      \(name): \(line.problem ?? "")")
            }
        }
        for name in notInManifest { lines.append("  NOT IN MANIFEST  \(Sanitizer.visible(name))") }
        lines.append(summary)
        if let registerPosition {
            lines.append("Register position: \(Sanitizer.visible(registerPosition.line)) (before this receipt's entry)")
        }
        return lines
    }

    /// The last line: the outcome in words.
    public var summary: String {
        let total = files.count
        if allMatched { return "All \(total) \(total == 1 ? "file" : "files") matched the manifest." }
        var parts: [String] = []
        for (status, word) in [(Status.changed, "changed"), (.missing, "missing"), (.unreadable, "cannot be read")] {
            let number = count(status)
            if number > 0 { parts.append("\(number) \(word)") }
        }
        let extras = notInManifest.count
        if extras > 0 { parts.append("\(extras) not in the manifest") }
        return "Not everything matched: \(count(.matched)) of \(total) matched; " + parts.joined(separator: ", ") + "."
    }

    /// Whether the file at `path` is a receipt of the transfer `reference` (so it is not sent
    /// information when found beside the manifest). Only JSON files of receipt size are read.
    static func isReceipt(_ path: String, of reference: String) -> Bool {
        guard path.hasSuffix(".json"),
            let bytes = try? SealManifest.readRegularFile(path, largest: SealManifest.maximumBytes),
            let receipt = try? decode(bytes)
        else { return false }
        return receipt.reference == reference
    }

    /// Reads a receipt's JSON (as `json` writes it), refusing duplicate keys.
    public static func decode(_ bytes: [UInt8]) throws -> Receipt {
        if let duplicate = JSONDuplicateKeys.first(in: bytes) {
            throw ManifestError.Problem.duplicateKey(duplicate)
        }
        return try JSONDecoder().decode(Receipt.self, from: Data(bytes))
    }

    /// Pretty-printed JSON with sorted keys and a final newline.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Strings, integers, booleans and arrays of them always encode.
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// `1,234,567 bytes`: exact, since a size that differs by one byte is a changed file.
    static func bytes(_ count: Int64) -> String {
        let digits = Array(String(count))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0, digit != "-" { out.append(",") }
            out.append(digit)
        }
        return out + (count == 1 ? " byte" : " bytes")
    }
}
