import DMFAnswers
import DMFDocuments
import DMFPolicy
import Foundation

/// A saved draft, as listed on the start screen. A draft that cannot be read is listed too,
/// with the reason, never silently left out.
public struct DraftSummary: Sendable, Equatable {
    public var path: String
    public var savedAt: String
    public var step: String
    public var description: String
    public var requester: String?
    /// The route as people read it ("To a third party"), once answered.
    public var route: String?
    /// Why the draft cannot be resumed, if it cannot.
    public var problem: String?

    /// The file's name in the drafts folder.
    public var name: String { (path as NSString).lastPathComponent }

    /// Two lines for `resume --list`: the file, when and where it stopped; then who, where to and what.
    public var listing: String {
        guard problem == nil else { return "\(name)  saved \(savedAt)  CANNOT BE READ\n    \(problem ?? "")" }
        let details = [requester.map { "Requester: \($0)" }, route.map { "Route: \($0)" }, description].compactMap {
            $0
        }
        return "\(name)  saved \(savedAt)  step \(step)\n    " + details.joined(separator: " · ")
    }
}

/// Keeps drafts under the XDG state folder, one answers file per transfer, rewritten atomically
/// (mode 0600) after every answered step, so a dropped call or a killed terminal loses at most
/// the answer being typed.
public struct DraftStore: Sendable {
    public let folder: String
    /// The time in a new draft's name and its `saved_at`. Always the computer's clock, even when
    /// `SOURCE_DATE_EPOCH` fixes the time on outputs: the names put drafts in the order they were
    /// begun, which a fixed time would lose.
    public var clock: WallClock

    public init(folder: String, clock: WallClock = .system) {
        self.folder = folder
        self.clock = clock
    }

    /// `$XDG_STATE_HOME/dmf-wizard/drafts`, else `~/.local/state/dmf-wizard/drafts`.
    /// A relative `XDG_STATE_HOME` is ignored, as the XDG base directory specification says.
    public static func standard(
        stateHome: String? = ProcessContext.variable("XDG_STATE_HOME"), home: String? = ProcessContext.variable("HOME")
    ) -> DraftStore {
        let state: String
        if let stateHome, stateHome.hasPrefix("/") {
            state = stateHome
        } else {
            state = (home ?? NSHomeDirectory()) + "/.local/state"
        }
        return DraftStore(folder: state + "/dmf-wizard/drafts")
    }

    /// A new draft's path: `draft-20261129-021410-K7Q2.yaml`.
    public func newDraftPath() -> String {
        let stamp = clock.timestamp.filter { $0.isNumber }
        let day = stamp.prefix(8), time = stamp.dropFirst(8).prefix(6)
        let suffix = Crockford.encode(UInt64.random(in: 0...UInt64.max), count: 4)
        return folder + "/draft-\(day)-\(time)-\(suffix).yaml"
    }

    /// Saves the answers, the step to resume at, the text typed there and not yet given as its
    /// answer, and the formats last chosen for saving.
    public func save(
        _ answers: Answers, step: String, pending: String? = nil, formats: [OutputFormat]? = nil, to path: String
    ) throws(WriteError) {
        try createFolder()
        let yaml = AnswersWriter.yaml(
            answers, resumeStep: step, pending: pending, savedAt: clock.timestamp,
            saveFormats: formats?.map(\.rawValue) ?? [])
        try SafeFile.write(yaml, to: path, overwrite: true)
    }

    public func load(_ path: String) throws(AnswersFileError) -> AnswersDocument {
        try AnswersParser.load(path: path, mode: .draft)
    }

    /// The drafts on disk, newest first, those that cannot be read included (with the reason).
    public func list() -> [DraftSummary] {
        draftNames().map { name in
            let path = folder + "/" + name
            let document: AnswersDocument
            do {
                document = try load(path)
            } catch {
                return DraftSummary(
                    path: path, savedAt: savedAt(of: path), step: "?", description: name,
                    problem: String(describing: error))
            }
            let description =
                document.answers.data.description ?? document.answers.transfer.purpose ?? "(no description yet)"
            return DraftSummary(
                path: path, savedAt: savedAt(of: path), step: document.resumeStep ?? "Y1", description: description,
                requester: document.answers.requester.name, route: document.answers.route.type?.shortLabel)
        }
    }

    /// When the newest draft was begun, read from its name (`draft-20261129-140210-…` →
    /// "2026-11-29 14:02"), without opening it; nil when there is none.
    public func newestDraftTime() -> String? {
        guard let name = draftNames().first else { return nil }
        let digits = Array(name.dropFirst("draft-".count).prefix(15))
        guard digits.count == 15, digits[8] == "-" else { return "" }
        let text = String(digits)
        func part(_ from: Int, _ length: Int) -> Substring { text.dropFirst(from).prefix(length) }
        return "\(part(0, 4))-\(part(4, 2))-\(part(6, 2)) \(part(9, 2)):\(part(11, 2))"
    }

    /// Draft file names, newest first (the names start with the time they were begun).
    private func draftNames() -> [String] {
        fileNames().filter { $0.hasPrefix("draft-") && $0.hasSuffix(".yaml") }.sorted(by: >)
    }

    /// The names in the drafts folder (none when it does not exist). Read with `readdir`: this
    /// runs before the first screen, and a missing folder through FileManager builds a localized
    /// error that pulls megabytes of Foundation data into memory.
    private func fileNames() -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// Run at start: the drafts folder is made private again (0700) and each draft readable by
    /// its owner only (0600) if something loosened them, and temporary files left by a save that
    /// was interrupted (the process killed mid-write) are removed.
    /// - Returns: a notice for each thing put right, to show the person.
    public func tidy() -> [String] {
        var notices: [String] = []
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return [] }
        if info.st_mode & 0o077 != 0, chmod(folder, 0o700) == 0 {
            notices.append("the drafts folder \(folder) could be read by others; it is now private to you (mode 0700)")
        }
        SafeFile.removeAbandonedTemporaries(in: folder)
        for name in fileNames() {
            let path = folder + "/" + name
            guard name.hasPrefix("draft-"), name.hasSuffix(".yaml"), lstat(path, &info) == 0,
                info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 != 0
            else { continue }
            if chmod(path, 0o600) == 0 {
                notices.append("the draft \(path) could be read by others; it is now readable only by you (mode 0600)")
            }
        }
        return notices
    }

    /// Resolves what the user typed after `resume`: a path, a file name in the folder, or nothing
    /// (the newest draft).
    public func resolve(_ name: String?) -> String? {
        // The newest draft even if it cannot be read: resuming it then says why, rather than
        // quietly opening an older one.
        guard let name, !name.isEmpty else { return draftNames().first.map { folder + "/" + $0 } }
        if FileManager.default.fileExists(atPath: name) { return name }
        let inFolder = folder + "/" + name
        if FileManager.default.fileExists(atPath: inFolder) { return inFolder }
        return FileManager.default.fileExists(atPath: inFolder + ".yaml") ? inFolder + ".yaml" : nil
    }

    /// Whether `path` is a draft of this store: a file directly in the drafts folder (compared
    /// after resolving links, so `./x/../drafts/draft-1.yaml` counts and a link elsewhere does not).
    public func holds(_ path: String) -> Bool {
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let folder = URL(fileURLWithPath: self.folder).resolvingSymlinksInPath()
        return file.deletingLastPathComponent().path == folder.path
    }

    /// Deletes the draft `name` (a file name in the drafts folder, or a path to one there);
    /// files elsewhere are never deleted.
    /// - Returns: the path deleted.
    public func deleteDraft(named name: String) throws(DraftError) -> String {
        guard let path = resolve(name), holds(path), (path as NSString).lastPathComponent.hasPrefix("draft-") else {
            throw .noSuchDraft(name: name, folder: folder)
        }
        guard unlink(path) == 0 else { throw .cannotDelete(path: path, reason: String(cString: strerror(errno))) }
        return path
    }

    public func delete(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    private func savedAt(of path: String) -> String {
        guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else {
            return ""
        }
        return String(WallClock.iso8601(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    private func createFolder() throws(WriteError) { try SafeFile.createFolder(folder) }
}

/// Why a draft could not be deleted.
public enum DraftError: Error, CustomStringConvertible, Sendable, Equatable {
    case noSuchDraft(name: String, folder: String)
    case cannotDelete(path: String, reason: String)

    public var description: String {
        switch self {
        case .noSuchDraft(let name, let folder): "there is no draft called \(name) in \(folder)"
        case .cannotDelete(let path, let reason): "cannot delete \(path): \(reason)"
        }
    }
}
