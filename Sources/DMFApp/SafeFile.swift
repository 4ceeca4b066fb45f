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
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(failure)))")
        }
    }
}
