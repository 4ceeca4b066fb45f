import DMFPolicy
import Foundation

/// What a seal says about the files sent: their names, sizes and SHA-256, with the transfer's
/// reference and marking. It travels as JSON beside the files (`<REFERENCE>.manifest.json`), so
/// the recipient can check them with nothing but this tool or `sha256sum`.
///
/// The manifest travels with the files, so anyone who can change a file can change the manifest
/// too: it proves integrity only against the register's "sent" event (or a manifest hash sent
/// separately), which is why receipts quote the manifest's own SHA-256.
public struct SealManifest: Sendable, Equatable, Codable {
    /// The layout this tool writes and reads. A reader refuses any other, so a newer layout is
    /// never half-understood.
    public static let currentVersion = 1
    /// Every manifest's name ends so; `verify` ignores such files when it looks for extra files.
    public static let fileSuffix = ".manifest.json"
    /// A manifest for a few thousand files is well under a megabyte; the limit keeps a hostile
    /// "manifest" from filling memory before it is refused.
    public static let maximumBytes = 16 << 20

    public var version: Int
    /// `DMF-20261129-7K3Q`.
    public var reference: String
    /// The protective marking of the information: `OFFICIAL-SENSITIVE`.
    public var marking: String
    /// `2026-11-29T10:15:00Z`, always UTC.
    public var sealedAt: String
    public var sealedBy: String
    /// The login account that sealed it (`getpwuid(geteuid())`); absent in manifests written
    /// before accounts were kept, and left out then, so their bytes stay the same.
    public var sealedByAccount: String?
    /// In the order given when sealed.
    public var files: [FileDigest]

    public init(
        reference: String, marking: String, sealedAt: String, sealedBy: String, files: [FileDigest],
        sealedByAccount: String? = nil, version: Int = SealManifest.currentVersion
    ) {
        self.version = version
        self.reference = reference
        self.marking = marking
        self.sealedAt = sealedAt
        self.sealedBy = sealedBy
        self.sealedByAccount = sealedByAccount
        self.files = files
    }

    // Snake case, as in the tool's other JSON (the `fill` result).
    enum CodingKeys: String, CodingKey {
        case version = "format_version"
        case reference, marking
        case sealedAt = "sealed_at"
        case sealedBy = "sealed_by"
        case sealedByAccount = "sealed_by_account"
        case files
    }

    /// `DMF-20261129-7K3Q.manifest.json`.
    public static func fileName(for reference: String) -> String { reference + fileSuffix }

    /// The bytes written: pretty-printed JSON with sorted keys and a final newline, so the same
    /// manifest always has the same bytes, and so the same SHA-256.
    public var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Strings, integers and arrays of them always encode.
        return Array((try? encoder.encode(self)) ?? Data()) + [0x0A]
    }

    /// Reads and checks a manifest file. It must be a regular file of at most `maximumBytes`.
    /// - Returns: the manifest and the SHA-256 of the bytes read.
    public static func read(path: String) throws(ManifestError) -> (manifest: SealManifest, sha256: String) {
        let read = try load(path: path)
        return (read.manifest, read.sha256)
    }

    /// Reads and checks a manifest file, keeping its bytes (what its signature signs). A
    /// symbolic link is refused, not followed.
    public static func load(path: String) throws(ManifestError) -> ReadManifest {
        let bytes: [UInt8]
        do throws(ManifestError.Problem) {
            do { try Hashing.load() } catch { throw .cannotRead(error.description) }
            bytes = try readRegularFile(path, largest: maximumBytes)
        } catch {
            throw ManifestError(path: path, problem: error)
        }
        let ownName = (path as NSString).lastPathComponent
        do throws(ManifestError.Problem) {
            return ReadManifest(
                manifest: try decode(bytes, ownName: ownName), bytes: bytes, sha256: Hashing.sha256(bytes))
        } catch {
            throw ManifestError(path: path, problem: error)
        }
    }

    /// Decodes and checks manifest bytes. `ownName` is the manifest's file name, which no entry
    /// may name (a manifest cannot hold its own hash).
    public static func decode(_ bytes: [UInt8], ownName: String? = nil) throws(ManifestError.Problem) -> SealManifest {
        // The version first, on its own: a newer layout may lack keys this one needs, and
        // "version 2 is not supported" is the useful message then, not "missing key".
        struct Head: Decodable {
            var version: Int
            enum CodingKeys: String, CodingKey { case version = "format_version" }
        }
        if let duplicate = JSONDuplicateKeys.first(in: bytes) { throw .duplicateKey(duplicate) }
        let head: Head = try decoded(Head.self, from: bytes)
        guard head.version == currentVersion else { throw .unsupportedVersion(head.version) }
        let manifest = try decoded(SealManifest.self, from: bytes)
        try manifest.validate(ownName: ownName)
        return manifest
    }

    /// Checks every value, naming the first one that is wrong by its key (`files[2].name`).
    public func validate(ownName: String? = nil) throws(ManifestError.Problem) {
        if let problem = Self.referenceProblem(reference) {
            throw .invalidValue(key: "reference", reason: problem)
        }
        if let problem = Self.lineProblem(marking) { throw .invalidValue(key: "marking", reason: problem) }
        if let problem = Self.lineProblem(sealedBy) { throw .invalidValue(key: "sealed_by", reason: problem) }
        if let sealedByAccount, let problem = Self.lineProblem(sealedByAccount) {
            throw .invalidValue(key: "sealed_by_account", reason: problem)
        }
        guard Self.isTimestamp(sealedAt) else {
            throw .invalidValue(
                key: "sealed_at", reason: "'\(Sanitizer.visible(sealedAt))' is not a UTC time like 2026-11-29T10:15:00Z"
            )
        }
        guard !files.isEmpty else { throw .invalidValue(key: "files", reason: "it lists no files") }
        var seen = Set<String>()
        for (index, file) in files.enumerated() {
            let key = "files[\(index)]"
            if let problem = Self.nameProblem(file.name) {
                throw .unsafeName(key: key + ".name", name: file.name, reason: problem)
            }
            if let ownName, file.name == ownName {
                throw .unsafeName(key: key + ".name", name: file.name, reason: "it names the manifest itself")
            }
            guard seen.insert(file.name).inserted else { throw .duplicateName(file.name) }
            guard file.size >= 0 else { throw .invalidValue(key: key + ".size", reason: "a size cannot be negative") }
            guard Self.isDigest(file.sha256) else {
                throw .invalidValue(
                    key: key + ".sha256", reason: "'\(Sanitizer.visible(file.sha256))' is not 64 lower-case hex digits")
            }
        }
    }

    /// Why `name` is not a plain file name in the manifest's own folder, or nil when it is.
    /// Names are checked as bytes a file system would see: a slash (or a backslash, a separator
    /// on Windows) or `..` could reach outside the folder, and a control character could forge
    /// a line in a receipt.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name == "." || name == ".." {
            return "'\(name)' is a folder, not a file; names must be plain file names in the manifest's folder"
        }
        if name.contains("/") || name.contains("\\") {
            return "it contains a slash; names must be plain file names in the manifest's folder"
        }
        if name.unicodeScalars.contains(where: Sanitizer.isInvisible) {
            return "it contains a control or invisible character"
        }
        if name.utf8.count > 255 { return "it is longer than 255 bytes" }
        return nil
    }

    /// Why `reference` cannot name a manifest file, or nil: a letter or digit, then letters,
    /// digits, dots, underscores and hyphens, at most 64 in all (`DMF-20261129-7K3Q`).
    public static func referenceProblem(_ reference: String) -> String? {
        let scalars = Array(reference.unicodeScalars)
        func plain(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
        }
        guard let first = scalars.first, plain(first), scalars.count <= 64,
            scalars.allSatisfy({ plain($0) || $0 == "-" || $0 == "." || $0 == "_" })
        else {
            return """
                '\(Sanitizer.visible(reference))' is not a reference like DMF-20261129-7K3Q (letters, digits, \
                '-', '.' and '_', starting with a letter or digit, at most 64)
                """
        }
        return nil
    }

    /// Why a one-line value (a marking, a person) cannot be used, or nil.
    static func lineProblem(_ value: String) -> String? {
        if value.trimmingCharacters(in: .whitespaces).isEmpty { return "it is empty" }
        if value.unicodeScalars.contains(where: Sanitizer.isInvisible) {
            return "'\(Sanitizer.visible(value))' contains a control or invisible character"
        }
        if value.count > 200 { return "it is longer than 200 characters" }
        return nil
    }

    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// `2026-11-29T10:15:00Z`: a real calendar day and time, in UTC.
    static func isTimestamp(_ text: String) -> Bool { Moments.seconds(text) != nil }

    /// `2026-11-29T10:15:00Z` for `date`, from the C library: no time-zone data to load for UTC.
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "1970-01-01T00:00:00Z" }
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Decodes with `JSONDecoder`, turning its errors into problems that name the key.
    private static func decoded<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(ManifestError.Problem) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, context) {
            throw .missingKey(keyPath(context.codingPath + [key]))
        } catch let DecodingError.typeMismatch(type, context) {
            if context.codingPath.isEmpty { throw .notJSON("it is not a JSON object") }
            throw .wrongType(key: keyPath(context.codingPath), expected: typeName(type))
        } catch let DecodingError.valueNotFound(type, context) {
            throw .wrongType(key: keyPath(context.codingPath), expected: typeName(type))
        } catch let DecodingError.dataCorrupted(context) {
            if context.codingPath.isEmpty {
                let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                throw .notJSON(detail.map { Sanitizer.visible($0) } ?? "it is not valid JSON")
            }
            throw .invalidValue(key: keyPath(context.codingPath), reason: Sanitizer.visible(context.debugDescription))
        } catch {
            throw .notJSON(Sanitizer.visible(String(describing: error)))
        }
    }

    /// `files[2].name`.
    private static func keyPath(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return out.isEmpty ? "the top level" : out
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Int64.Type: "a whole number"
        case is [FileDigest].Type: "a list of files"
        case is FileDigest.Type: "a file (an object with name, size and sha256)"
        default: "a different type"
        }
    }

    /// Reads a regular file without blocking (a named pipe would otherwise wait for a writer),
    /// refusing a symbolic link.
    static func readRegularFile(_ path: String, largest maximumBytes: Int) throws(ManifestError.Problem) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw .cannotRead("it is a symbolic link; links are not followed") }
            throw .cannotRead(String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw .cannotRead("it is not a regular file")
        }
        guard status.st_size <= maximumBytes else { throw .tooLarge(Int64(status.st_size)) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            // The file may grow after fstat; stop at the limit all the same.
            if bytes.count > maximumBytes { throw .tooLarge(Int64(bytes.count)) }
        }
        return bytes
    }
}

/// Why a manifest cannot be used, naming the file and what is wrong in it.
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case cannotRead(String)
        case tooLarge(Int64)
        case notJSON(String)
        case unsupportedVersion(Int)
        case missingKey(String)
        case wrongType(key: String, expected: String)
        case invalidValue(key: String, reason: String)
        /// A file name that is not a plain name in the manifest's folder.
        case unsafeName(key: String, name: String, reason: String)
        case duplicateName(String)
        /// A key written twice in one object: readers disagree about which copy counts.
        case duplicateKey(String)

        public var description: String {
            switch self {
            case .cannotRead(let reason): "it cannot be read: \(reason)"
            case .tooLarge(let size):
                "it is \(size) bytes; a manifest is at most \(SealManifest.maximumBytes) bytes"
            case .notJSON(let detail): "it is not a manifest (not JSON: \(detail))"
            case .unsupportedVersion(let version):
                """
                its format_version is \(version), and this tool reads version \(SealManifest.currentVersion) only \
                (a newer tool may read it)
                """
            case .missingKey(let key): "the key \(key) is missing"
            case .wrongType(let key, let expected): "\(key) should be \(expected)"
            case .invalidValue(let key, let reason): "\(key) is wrong: \(reason)"
            case .unsafeName(let key, let name, let reason):
                "\(key) '\(Sanitizer.visible(name))' is not allowed: \(reason)"
            case .duplicateName(let name): "the file '\(Sanitizer.visible(name))' is listed twice"
            case .duplicateKey(let key):
                "the key \(Sanitizer.visible(key)) is written twice in one place (programs disagree about which "
                    + "copy counts, so the manifest is refused)"
            }
        }
    }

    public var path: String
    public var problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "the manifest \(Sanitizer.visible(path)) cannot be used: \(problem)" }
}
