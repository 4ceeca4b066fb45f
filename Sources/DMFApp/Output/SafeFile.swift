import Foundation
import ProcessSupport
import Synchronization

/// Why the outcome's files could not be written, in words for the person running the tool.
public enum WriteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file is there already and replacing was not asked for.
    case exists(path: String)
    case noFolder(path: String, folder: String)
    case notAFolder(String)
    /// Something that is not a file is there (a device, a named pipe, a socket, a folder): it is
    /// never replaced, with or without `--force`.
    case notAFile(path: String, kind: String)
    case cannotCreateFolder(String, reason: String)
    /// The system refused (`errno`'s words): no space, no permission.
    case system(path: String, reason: String)
    /// The answers cannot be decided yet, so there is no form to write.
    case incompleteAnswers
    /// A PDF was asked for and could not be printed.
    case cannotPrint(String)
    /// Stopped on request before anything was written.
    case cancelled

    public var description: String {
        switch self {
        case .exists(let path): "\(path) already exists; use --force to replace it"
        case .noFolder(let path, let folder): "cannot write \(path): the folder \(folder) does not exist"
        case .notAFolder(let folder): "\(folder) is not a folder"
        case .notAFile(let path, let kind):
            "cannot write \(path): it is \(kind), not a regular file, and is never replaced (not even with --force)"
        case .cannotCreateFolder(let folder, let reason): "cannot create the folder \(folder): \(reason)"
        case .system(let path, let reason): "cannot write \(path): \(reason)"
        case .incompleteAnswers: "the answers are not complete yet"
        case .cannotPrint(let reason): reason
        case .cancelled: "saving was stopped before anything was written"
        }
    }

    static func system(_ path: String, errno number: Int32) -> WriteError {
        .system(path: path, reason: String(cString: strerror(number)))
    }
}

/// Writes files the way every output of this tool must be written: atomically (a temporary file
/// in the same folder, then rename, so nobody ever sees half a form), readable only by the owner
/// (mode 0600: the forms describe sensitive transfers), and never over an existing file unless
/// the caller says so. A set of files (a form in every format) is all-or-nothing: every file is
/// written to its temporary name first and published only when all of them were written.
public enum SafeFile {
    public static func write(_ text: String, to path: String, overwrite: Bool) throws(WriteError) {
        try writeAll([(path, text)], overwrite: overwrite)
    }

    /// Writes every file or none: on any failure nothing new is left behind.
    public static func writeAll(_ files: [(path: String, text: String)], overwrite: Bool) throws(WriteError) {
        try writeAll(files.map { ($0.path, Array($0.text.utf8)) }, overwrite: overwrite)
    }

    /// Writes every file or none, given as bytes (a PDF).
    public static func writeAll(_ files: [(path: String, bytes: [UInt8])], overwrite: Bool) throws(WriteError) {
        for (path, _) in files {
            let folder = folderOf(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw .noFolder(path: path, folder: folder)
            }
            if let kind = irreplaceable(path) {
                throw .notAFile(path: path, kind: kind)
            }
            if !overwrite, exists(path) {
                throw .exists(path: path)
            }
        }
        for (path, _) in files { tidyOnce(folderOf(path)) }
        var temporaries: [String] = []
        defer { for temporary in temporaries { unlink(temporary) } }
        for (path, bytes) in files {
            temporaries.append(try writeTemporary(bytes, beside: path))
        }
        var published: [String] = []
        for (index, (path, _)) in files.enumerated() {
            // Checked again at the last moment: rename() would replace a device or a pipe made
            // since the check above as readily as a file.
            let kind = overwrite ? irreplaceable(path) : nil
            let failure =
                kind != nil
                ? EEXIST
                : overwrite ? move(temporaries[index], to: path) : moveWithoutReplacing(temporaries[index], to: path)
            if failure != 0 {
                // Take back what this call published, so a retry starts from a clean folder
                // (files it replaced under `overwrite` cannot be brought back).
                if !overwrite { for path in published { unlink(path) } }
                if let kind { throw .notAFile(path: path, kind: kind) }
                if failure == EEXIST {
                    throw .exists(path: path)
                }
                throw .system(path, errno: failure)
            }
            published.append(path)
        }
        temporaries.removeAll()
        // Make the renames themselves durable (best effort: some file systems refuse to sync folders).
        for folder in Set(files.map { ($0.path as NSString).deletingLastPathComponent }) {
            let folderFD = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if folderFD >= 0 {
                _ = fsync(folderFD)
                close(folderFD)
            }
        }
    }

    /// Removes files this program wrote and no longer stands behind (those of a save whose
    /// reference another desk took first); a file already gone is no matter.
    public static func remove(_ paths: [String]) {
        for path in paths { unlink(path) }
    }

    /// What is at `path` when it is something an output must never replace: a device, a named
    /// pipe, a socket or a folder (`--output /dev/full --force` as root once turned the device
    /// into a file). nil when nothing is there, or a regular file, or a symbolic link: replacing
    /// a link replaces the name only, never what it points at.
    static func irreplaceable(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        default: return nil
        }
    }

    private static func folderOf(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Whether anything has this name, a dangling symbolic link included (which
    /// `FileManager.fileExists` would call missing, since it follows links).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Creates `folder` (and its parents) with mode 0700 if it does not exist yet.
    public static func createFolder(_ folder: String) throws(WriteError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notAFolder(folder) }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreateFolder(folder, reason: error.localizedDescription)
        }
    }

    /// Folders already tidied by this process: once is enough, since only files of processes
    /// that have ended are removed, and drafts are saved after every step.
    private static let tidiedFolders = Mutex<[String]>([])

    /// `removeAbandonedTemporaries`, the first time this process writes in `folder`.
    private static func tidyOnce(_ folder: String) {
        let first = tidiedFolders.withLock { folders in
            guard !folders.contains(folder) else { return false }
            folders.append(folder)
            return true
        }
        if first { removeAbandonedTemporaries(in: folder) }
    }

    /// Removes the temporary files of saves that were interrupted (the process killed while
    /// writing) from `folder`: `.NAME.PID.RANDOM.tmp`, when the process is gone.
    static func removeAbandonedTemporaries(in folder: String) {
        TemporaryFiles.removeAbandoned(in: folder, suffix: temporarySuffix)
    }

    /// The name of the temporary file that stands in for `fileName` while it is written:
    /// `.NAME.PID.RANDOM.tmp`, so whoever finds it left behind can tell whose it was.
    static func temporaryName(for fileName: String) -> String {
        TemporaryFiles.name(for: fileName, suffix: temporarySuffix)
    }

    private static let temporarySuffix = "tmp"

    /// Writes `bytes` to a new temporary file in `path`'s folder, synced to disk; returns its path.
    private static func writeTemporary(_ bytes: [UInt8], beside path: String) throws(WriteError) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/" + temporaryName(for: url.lastPathComponent)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw .system(folder, errno: errno)
        }
        var written = 0
        var failure: Int32 = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            written += n
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw .system(path, errno: failure)
        }
        return temporary
    }

    private static func move(_ temporary: String, to path: String) -> Int32 {
        rename(temporary, path) == 0 ? 0 : errno
    }

    /// Publishes the file only if `path` still does not exist: a hard link fails with EEXIST when
    /// something appeared since the check above, where a rename would silently replace it.
    /// File systems without hard links fall back to the check-then-rename.
    private static func moveWithoutReplacing(_ temporary: String, to path: String) -> Int32 {
        if link(temporary, path) == 0 {
            unlink(temporary)
            return 0
        }
        let failure = errno
        guard failure == EPERM || failure == ENOTSUP || failure == EOPNOTSUPP || failure == EMLINK else {
            return failure
        }
        if exists(path) { return EEXIST }
        return move(temporary, to: path)
    }
}
