import Foundation

/// Why a file could not be written, in words for the person running the tool.
public struct WriteError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Writes files the way every output of this tool must be written: atomically (a temporary file
/// in the same folder, then rename, so nobody ever sees half a form), readable only by the owner
/// (mode 0600: the forms describe sensitive transfers), and never over an existing file unless
/// the caller says so.
public enum SafeFile {
    public static func write(_ text: String, to path: String, overwrite: Bool) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WriteError(description: "cannot write \(path): the folder \(folder) does not exist")
        }
        if FileManager.default.fileExists(atPath: path), !overwrite {
            throw WriteError(description: "\(path) already exists; use --force to replace it")
        }
        let temporary = folder + "/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw WriteError(description: "cannot write in \(folder): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
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
        close(fd)
        if failure == 0 { failure = overwrite ? move(temporary, to: path) : moveWithoutReplacing(temporary, to: path) }
        if failure != 0 {
            unlink(temporary)
            if failure == EEXIST { throw WriteError(description: "\(path) already exists; use --force to replace it") }
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(failure)))")
        }
        // Make the rename itself durable (best effort: some file systems refuse to sync folders).
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
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
        guard failure == EPERM || failure == ENOTSUP || failure == EOPNOTSUPP || failure == EMLINK else { return failure }
        if FileManager.default.fileExists(atPath: path) { return EEXIST }
        return move(temporary, to: path)
    }
}
