import DMFAnswers
import DMFDocuments
import DMFPolicy
import DMFRegister
import Foundation

/// `REF.request.json`: what an IAO decides on where there is no shared register. It carries the
/// entry as recorded (answers included), so the IAO's desk can work out its digest itself and
/// the decision is bound to exactly what was assessed.
struct DecisionRequest: Codable, Equatable {
    static let currentVersion = 1

    var formatVersion = DecisionRequest.currentVersion
    var reference: String
    var entryDigest: String
    /// The day the form was produced: no decision can come before it.
    var producedOn: String
    var entry: RegisterEntry

    init(history: EntryHistory) {
        reference = history.entry.reference
        entryDigest = history.entry.digest
        producedOn = history.events.first { $0.kind == .created }?.date ?? Moments.localDay(history.entry.recordedAt)
        entry = history.entry
    }

    /// `DMF-20261206-7K3Q.request.json`.
    static func fileName(for reference: String) -> String { reference + ".request.json" }

    var bytes: [UInt8] { Array(RegisterListing.json(self).utf8) }

    /// Reads a request, refusing one whose entry does not give its digest (changed on the way).
    static func read(path: String) throws(ProofFileError) -> DecisionRequest {
        let bytes = try ProofFile.read(path)
        if let duplicate = JSONDuplicateKeys.first(in: bytes) {
            throw .unusable(path: path, reason: "the key \(Sanitizer.visible(duplicate)) is written twice")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let request: DecisionRequest
        do { request = try decoder.decode(DecisionRequest.self, from: Data(bytes)) } catch {
            throw .unusable(path: path, reason: "it is not a request for a decision written by dmf-wizard")
        }
        guard request.formatVersion == currentVersion else {
            throw .unusable(path: path, reason: "its format_version is \(request.formatVersion); this tool reads 1")
        }
        guard request.entry.reference == request.reference, request.entry.digest == request.entryDigest else {
            throw .unusable(
                path: path,
                reason: "the assessment in it does not match its digest: it was changed after it was written")
        }
        return request
    }

    /// Writes the request beside the documents when the assessment needs the IAO's decision and
    /// none is recorded yet, and notes it (or why it could not be written) in `outcome`.
    static func writeIfNeeded(outcome: inout OutcomeRecorder.Outcome, register: Register, folder: String) throws {
        let entry = outcome.entry
        guard entry.needsAuthorisation, entry.verdict == .conditions || entry.verdict == .proceed else { return }
        let history = try register.history(entry.reference)
        guard !history.events.contains(where: { $0.kind == .authorised || $0.kind == .refused }) else { return }
        let path = (folder as NSString).appendingPathComponent(fileName(for: entry.reference))
        do throws(WriteError) {
            try SafeFile.writeAll([(path, DecisionRequest(history: history).bytes)], overwrite: true)
            outcome.request = path
        } catch {
            outcome.requestProblem = error.description
        }
    }
}

/// Why a decision, request or receipt file cannot be used.
enum ProofFileError: Error, CustomStringConvertible {
    case unusable(path: String, reason: String)

    var description: String {
        switch self {
        case .unusable(let path, let reason): "\(Sanitizer.visible(path)) cannot be used: \(reason)"
        }
    }
}

/// Reading the small files that carry proof: regular files only (a link is refused, not
/// followed), of a few megabytes at most.
enum ProofFile {
    static let largest = 16 << 20

    static func read(_ path: String) throws(ProofFileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno))
            throw .unusable(path: path, reason: reason)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw .unusable(path: path, reason: "it is not a regular file")
        }
        guard status.st_size <= largest else { throw .unusable(path: path, reason: "it is too large") }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unusable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > largest { throw .unusable(path: path, reason: "it is too large") }
        }
        return bytes
    }

    /// The signature beside `path` (`path.sig`), or nil when there is none.
    static func signature(of path: String) throws(ProofFileError) -> [UInt8]? {
        guard SafeFile.exists(path + ".sig") || isLink(path + ".sig") else { return nil }
        return try read(path + ".sig")
    }

    private static func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }
}
