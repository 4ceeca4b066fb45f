import Foundation
import Glibc

/// Files that stand in for another while it is written, named after the process writing them:
/// `.NAME.PID.RANDOM.SUFFIX`. One left behind by a process that was killed can so be told from
/// one being written right now, and removed. Saved forms and drafts use them (`tmp`), and so does
/// a new SQLite register while it is made (`new`, with SQLite's own files beside it).
public enum TemporaryFiles {
    /// The name of a file of this process's that stands in for `fileName`.
    public static func name(for fileName: String, suffix: String) -> String {
        ".\(fileName).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).\(suffix)"
    }

    /// The process that wrote `name`, when it is a name `name(for:suffix:)` makes with `suffix`;
    /// nil for any other name.
    public static func writer(of name: String, suffix: String) -> pid_t? {
        let ending = "." + suffix
        guard name.hasPrefix("."), name.hasSuffix(ending) else { return nil }
        let parts = name.dropFirst().dropLast(ending.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, !parts.dropLast(2).joined(separator: ".").isEmpty,
            UInt32(parts[parts.count - 1]) != nil, let pid = pid_t(parts[parts.count - 2]), pid > 0
        else { return nil }
        return pid
    }

    /// Whether the process `pid` still runs on this computer (this one always does). Signal 0
    /// only checks: ESRCH says it is gone; EPERM that it runs as someone else.
    public static func isAlive(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }

    /// Removes from `folder` the files a process that has ended left behind: only regular files,
    /// only names `name(for:suffix:)` makes (or such a name with one of `companions` after it,
    /// as SQLite names the files it keeps beside a database), and only when their writer no
    /// longer runs here and they were last changed at least `age` seconds ago. Another
    /// dmf-wizard may be writing in the same folder right now; in a folder that other computers
    /// share, a process this one cannot see may be, which `age` allows for.
    public static func removeAbandoned(
        in folder: String, suffix: String, companions: [String] = [], olderThan age: TimeInterval = 0
    ) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let now = time(nil)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            let stem = companions.first { name.hasSuffix($0) }.map { String(name.dropLast($0.count)) } ?? name
            guard let writer = writer(of: stem, suffix: suffix), !isAlive(writer) else { continue }
            var info = stat()
            let path = folder + "/" + name
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                TimeInterval(now - info.st_mtim.tv_sec) >= age
            else { continue }
            unlink(path)
        }
    }
}
