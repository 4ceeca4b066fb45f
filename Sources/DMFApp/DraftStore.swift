import DMFAnswers
import DMFPolicy
import Foundation

/// A saved draft, as listed on the start screen.
public struct DraftSummary: Sendable, Equatable {
    public var path: String
    public var savedAt: String
    public var step: String
    public var description: String
}

/// Keeps drafts under the XDG state folder, one answers file per transfer, rewritten atomically
/// (mode 0600) after every answered step, so a dropped call or a killed terminal loses at most
/// the answer being typed.
public struct DraftStore: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

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
    public func newDraftPath(now: Date = Date()) -> String {
        let stamp = ProductionClock.iso8601(now).filter { $0.isNumber }
        let day = stamp.prefix(8), time = stamp.dropFirst(8).prefix(6)
        let suffix = Crockford.encode(UInt64.random(in: 0...UInt64.max), count: 4)
        return folder + "/draft-\(day)-\(time)-\(suffix).yaml"
    }

    /// Saves the answers and the step to resume at.
    public func save(_ answers: Answers, step: String, to path: String, now: Date = Date()) throws(WriteError) {
        try createFolder()
        let yaml = AnswersWriter.yaml(answers, resumeStep: step, savedAt: ProductionClock.iso8601(now))
        try SafeFile.write(yaml, to: path, overwrite: true)
    }

    public func load(_ path: String) throws(AnswersFileError) -> AnswersDocument {
        try AnswersParser.load(path: path, mode: .draft)
    }

    /// The drafts on disk, newest first. Unreadable files are skipped, not fatal.
    public func list() -> [DraftSummary] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix("draft-") && $0.hasSuffix(".yaml") }.sorted(by: >).compactMap { name in
            let path = folder + "/" + name
            guard let document = try? load(path) else { return nil }
            let description = document.answers.data.description ?? document.answers.transfer.purpose ?? "(no description yet)"
            return DraftSummary(path: path, savedAt: savedAt(of: path), step: document.resumeStep ?? "Y1", description: description)
        }
    }

    /// Resolves what the user typed after `resume`: a path, a file name in the folder, or nothing
    /// (the newest draft).
    public func resolve(_ name: String?) -> String? {
        guard let name, !name.isEmpty else { return list().first?.path }
        if FileManager.default.fileExists(atPath: name) { return name }
        let inFolder = folder + "/" + name
        if FileManager.default.fileExists(atPath: inFolder) { return inFolder }
        return FileManager.default.fileExists(atPath: inFolder + ".yaml") ? inFolder + ".yaml" : nil
    }

    public func delete(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    private func savedAt(of path: String) -> String {
        guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return "" }
        return String(ProductionClock.iso8601(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    private func createFolder() throws(WriteError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw WriteError(description: "cannot create the drafts folder \(folder): \(error.localizedDescription)")
        }
    }
}
