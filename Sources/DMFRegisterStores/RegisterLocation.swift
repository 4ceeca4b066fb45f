import DMFRegister
import Foundation

/// Where the register is: `--register`, else `DMF_REGISTER_URL`, else one SQLite file in the
/// user's data folder. Resolving it opens nothing, so the wizard's start costs nothing.
public enum RegisterLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let environmentKey = "DMF_REGISTER_URL"

    /// - Parameters:
    ///   - option: the `--register` value: a `postgres://` URL, `sqlite:PATH` or a path.
    ///   - variable: looks up one environment variable (the wizard reads them one at a time).
    public static func resolve(option: String?, variable: (String) -> String?) -> RegisterLocation {
        let given = option ?? variable(environmentKey).flatMap { $0.isEmpty ? nil : $0 }
        guard let given else { return .sqlite(path: defaultPath(variable)) }
        if given.hasPrefix("postgres://") || given.hasPrefix("postgresql://") { return .postgres(url: given) }
        if given.hasPrefix("sqlite:") { return .sqlite(path: String(given.dropFirst("sqlite:".count))) }
        return .sqlite(path: given)
    }

    /// `$XDG_DATA_HOME/dmf-wizard/register.sqlite`, else under `~/.local/share`.
    public static func defaultPath(_ variable: (String) -> String?) -> String {
        let data =
            variable("XDG_DATA_HOME").flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((variable("HOME") ?? NSHomeDirectory()) + "/.local/share")
        return data + "/dmf-wizard/register.sqlite"
    }

    /// - Parameter quickly: for a glance that must not hold the person up (the start screen's
    ///   "due" line): a short wait for a locked file or a server.
    public func open(quickly: Bool = false) throws(RegisterError) -> any RegisterStorage {
        switch self {
        case .sqlite(let path): try SQLiteRegister(path: path, busyTimeout: quickly ? 0.2 : 15)
        case .postgres(let url): try PostgresRegister(url: url, connectTimeout: quickly ? 1 : 10)
        }
    }

    /// Whether there is a register to look at: a SQLite file that exists, or any server.
    public var exists: Bool {
        switch self {
        case .sqlite(let path): FileManager.default.fileExists(atPath: path)
        case .postgres: true
        }
    }

    /// For messages: the path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): (try? PostgresAddress(url).redacted) ?? "the PostgreSQL register"
        }
    }
}
