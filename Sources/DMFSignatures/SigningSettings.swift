import DMFPolicy
import Foundation

/// Where the signing key and the trusted keys are, from the options and the environment, and
/// whether the trusted keys are safe from the person using them.
public enum SigningSettings {
    /// Names the key that signs: a private key file, or a public key whose private half is in ssh-agent.
    public static let keyVariable = "DMF_SIGNING_KEY"
    /// Names the allowed-signers file.
    public static let allowedSignersVariable = "DMF_ALLOWED_SIGNERS"
    /// The allowed-signers file administrators keep, used when nothing else is named.
    public static let defaultAllowedSigners = "/etc/dmf-wizard/allowed_signers"

    /// The signing key: `--key`, else `DMF_SIGNING_KEY`; nil when neither names one. A leading
    /// `~/` means the home folder (a quoted `"~/.ssh/id_ed25519"` is not expanded by the shell).
    public static func signingKey(option: String?, variable: (String) -> String?) -> String? {
        let given = option ?? variable(keyVariable)
        guard let given, !given.isEmpty else { return nil }
        return expandingHome(given, variable)
    }

    /// The allowed-signers file: `option` when the caller has one, else `DMF_ALLOWED_SIGNERS`,
    /// else `/etc/dmf-wizard/allowed_signers`.
    public static func allowedSigners(option: String? = nil, variable: (String) -> String?) -> String {
        let given = option ?? variable(allowedSignersVariable)
        guard let given, !given.isEmpty else { return defaultAllowedSigners }
        return expandingHome(given, variable)
    }

    private static func expandingHome(_ path: String, _ variable: (String) -> String?) -> String {
        guard path.hasPrefix("~/") else { return path }
        let home = variable("HOME").flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    /// Whether the person running this could change the allowed-signers file at `path`, and so
    /// list their own key as anyone's (an IAO's): `keys` warns when they could.
    public static func writability(of path: String) -> Writability {
        Writability.judge(path: path, probe: SystemProbe())
    }
}

/// Whether a file can be changed by the person running the program.
public enum Writability: Sendable, Equatable, CustomStringConvertible {
    /// Nobody but its keepers can change it.
    case protected
    /// The person can write to the file itself.
    case fileWritable(path: String)
    /// The person can replace the file, or create it, in `folder`.
    case folderWritable(folder: String)

    public var isWritable: Bool { self != .protected }

    public var description: String {
        switch self {
        case .protected: "only its administrators can change it"
        case .fileWritable(let path):
            "you can change \(Sanitizer.visible(path)), so you could list your own key as anyone's: ask your "
                + "administrators to keep it where only they can change it, such as \(SigningSettings.defaultAllowedSigners)"
        case .folderWritable(let folder):
            "you can replace or create files in \(Sanitizer.visible(folder)), so you could list your own key as anyone's: "
                + "ask your administrators to keep it where only they can change it, such as "
                + SigningSettings.defaultAllowedSigners
        }
    }

    /// What is needed to judge, so the rules can be tested without another account.
    struct Facts {
        var exists: Bool
        var writable: Bool
        var owner: uid_t
    }

    protocol Probe {
        /// nil when nothing is there.
        func facts(_ path: String) -> Facts?
        func isSticky(_ folder: String) -> Bool
        var user: uid_t { get }
    }

    /// A file is safe when the person can neither write it nor replace it: its folder must not be
    /// writable by them either (unless the folder is sticky, like /tmp, and neither it nor the
    /// file is theirs). A file that does not exist yet is safe when they cannot create it: the
    /// nearest folder that exists must not be writable by them.
    static func judge(path: String, probe: some Probe) -> Writability {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let folder = parent(of: absolute)
        if let file = probe.facts(absolute) {
            if file.writable { return .fileWritable(path: path) }
            guard let facts = probe.facts(folder), facts.writable else { return .protected }
            if probe.isSticky(folder), file.owner != probe.user, facts.owner != probe.user { return .protected }
            return .folderWritable(folder: folder)
        }
        var existing = folder
        while probe.facts(existing) == nil, existing != "/" { existing = parent(of: existing) }
        return probe.facts(existing)?.writable == true ? .folderWritable(folder: existing) : .protected
    }

    private static func parent(of path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}

/// The file system, asked with the effective user's rights (`faccessat` with `AT_EACCESS`).
private struct SystemProbe: Writability.Probe {
    func facts(_ path: String) -> Writability.Facts? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Writability.Facts(
            exists: true, writable: faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0, owner: status.st_uid)
    }

    func isSticky(_ folder: String) -> Bool {
        var status = stat()
        return stat(folder, &status) == 0 && status.st_mode & S_ISVTX != 0
    }

    var user: uid_t { geteuid() }
}

/// The login name of the account running the program.
public enum Account {
    /// Why the account has no name.
    public struct Unnamed: Error, Sendable, Equatable, CustomStringConvertible {
        public let uid: uid_t

        public var description: String {
            "the account running dmf-wizard (user id \(uid)) has no name: the system's user directory (NSS: "
                + "/etc/passwd, LDAP, SSSD) has no entry for it; ask your administrators to check it"
        }
    }

    /// `getpwuid(geteuid())`: the name the system's user directory gives the effective user,
    /// through NSS, so directory accounts (LDAP, SSSD) resolve as well as local ones.
    public static func current() throws(Unnamed) -> String { try name(of: geteuid()) }

    public static func name(of uid: uid_t) throws(Unnamed) -> String {
        var size = max(Int(sysconf(Int32(_SC_GETPW_R_SIZE_MAX))), 1024)
        while size <= 1 << 20 {
            var entry = passwd()
            var found: UnsafeMutablePointer<passwd>?
            var buffer = [CChar](repeating: 0, count: size)
            let failure = getpwuid_r(uid, &entry, &buffer, buffer.count, &found)
            if failure == ERANGE {
                size *= 2
                continue
            }
            guard failure == 0, let found, let name = found.pointee.pw_name else { break }
            let text = String(cString: name)
            guard !text.isEmpty else { break }
            return text
        }
        throw Unnamed(uid: uid)
    }
}
