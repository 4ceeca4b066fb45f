import DMFRegister
import DMFSignatures
import Foundation

/// Where the register is: `--register`, else `DMF_REGISTER_URL`, else one SQLite file in the
/// user's data folder. Resolving it opens nothing and loads nothing (not even libpq), so the
/// wizard's start costs nothing.
public enum RegisterLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    /// A libpq connection string: `postgres://…`, `postgresql://…` or `key=value` pairs.
    case postgres(connection: String)
    /// A value that names no register dmf-wizard can use, such as a mistyped `postgress://`:
    /// refused when opened, never taken for a file. `shown` is safe to print.
    case refused(shown: String, reason: String)

    public static let environmentKey = "DMF_REGISTER_URL"

    /// - Parameters:
    ///   - option: the `--register` value: a libpq connection string, `sqlite:PATH` or a path.
    ///   - variable: looks up one environment variable (the wizard reads them one at a time).
    public static func resolve(option: String?, variable: (String) -> String?) -> RegisterLocation {
        let given = option ?? variable(environmentKey).flatMap { $0.isEmpty ? nil : $0 }
        guard let given else { return .sqlite(path: defaultPath(variable)) }
        if given.hasPrefix("sqlite:") { return .sqlite(path: String(given.dropFirst("sqlite:".count))) }
        switch PostgresAddress.kind(of: given) {
        case .connectionString:
            return .postgres(connection: given.trimmingCharacters(in: .whitespacesAndNewlines))
        case .foreign(let scheme):
            let source = option == nil ? environmentKey : "--register"
            return .refused(
                shown: "\(scheme)… (\(source))",
                reason: """
                    \(scheme) is not a kind of register: a PostgreSQL register is named postgres://…, \
                    postgresql://… or key=value (such as service=NAME), and a SQLite register by its file \
                    (sqlite:PATH for a file whose name looks like an address)
                    """)
        case .path:
            return .sqlite(path: given)
        }
    }

    /// `$XDG_DATA_HOME/dmf-wizard/register.sqlite`, else under `~/.local/share`.
    public static func defaultPath(_ variable: (String) -> String?) -> String {
        let data =
            variable("XDG_DATA_HOME").flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((variable("HOME") ?? NSHomeDirectory()) + "/.local/share")
        return data + "/dmf-wizard/register.sqlite"
    }

    /// The store, for code that works below `Register` (`RegisterSetting.open` gives a
    /// `Register`).
    /// - Parameter quickly: for a glance that must not hold the person up (the start screen's
    ///   "due" line): a short wait for a locked file or a server.
    /// - Parameter software: the release this program is; it writes only where the register allows.
    public func open(quickly: Bool = false, software: SoftwareVersion = .newestKnownWriter) throws(RegisterError)
        -> any RegisterStorage
    {
        switch self {
        case .sqlite(let path): try SQLiteRegister(path: path, busyTimeout: quickly ? 0.2 : 15, software: software)
        case .postgres(let connection):
            try PostgresRegister(connection: connection, quickly: quickly, software: software)
        case .refused(let shown, let reason): throw .unavailable(location: shown, reason: reason)
        }
    }

    /// `register migrate`: opens the register to bring its tables to the newest version this
    /// program knows (on PostgreSQL as the role that owns them), and says where they are now.
    public func migrate(software: SoftwareVersion = .newestKnownWriter) throws(RegisterError) -> SchemaStatus {
        switch self {
        case .sqlite(let path):
            let store = try SQLiteRegister(path: path, software: software)
            defer { store.close() }
            var status = store.status
            do { status.oldestWriter = try store.oldestWriter() } catch {
                throw SQLiteRegister.plain(error, path, 15)
            }
            return status
        case .postgres(let connection):
            let store = try PostgresRegister(connection: connection, software: software, opening: .toMigrate)
            defer { store.close() }
            return store.status
        case .refused(let shown, let reason): throw .unavailable(location: shown, reason: reason)
        }
    }

    /// `register setup-roles --apply`: brings the tables up to date (as `migrate` does), then
    /// sets up the roles. Only a register on PostgreSQL has roles.
    public func setUp(_ roles: RegisterRoles, software: SoftwareVersion = .newestKnownWriter) throws(RegisterError) {
        switch self {
        case .sqlite(let path):
            throw .unavailable(
                location: path,
                reason: "roles are for a register on PostgreSQL, where each person signs in; a SQLite register is "
                    + "one file, kept by whoever may write it")
        case .postgres(let connection):
            let store = try PostgresRegister(connection: connection, software: software, opening: .toMigrate)
            defer { store.close() }
            try store.setUp(roles)
        case .refused(let shown, let reason): throw .unavailable(location: shown, reason: reason)
        }
    }

    /// Whether every desk shares it (PostgreSQL); a SQLite file is one person's, so an IAO's
    /// decision reaches it as a file (`register decide`, `register import`).
    public var isShared: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// Whether there is a register to look at: a SQLite file that exists, or any server.
    public var exists: Bool {
        switch self {
        case .sqlite(let path): FileManager.default.fileExists(atPath: path)
        case .postgres: true
        case .refused: false
        }
    }

    /// For messages: the path, or the connection string's options without any password (libpq
    /// reads the string, so this loads it).
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let connection): PostgresAddress.display(connection)
        case .refused(let shown, _): shown
        }
    }
}

/// The register a run was told to use, and how it was told: `--register`, `DMF_REGISTER_URL`, or
/// nothing (the default file). Every command opens the register through `open`.
public struct RegisterSetting: Sendable, Equatable, CustomStringConvertible {
    public enum NamedBy: Sendable, Equatable {
        /// `--register`: a command printed for later must say it again.
        case option
        /// `DMF_REGISTER_URL`, or nothing: a command run later finds it again the same way.
        case environment
    }

    public var location: RegisterLocation
    public var namedBy: NamedBy
    /// When events are written: the computer's clock (tests fix it).
    public var clock: RegisterClock = .system
    /// The allowed-signers file signatures are judged by (`DMF_ALLOWED_SIGNERS`, else
    /// `/etc/dmf-wizard/allowed_signers`).
    public var allowedSigners: String = SigningSettings.defaultAllowedSigners
    /// The login account events are written by (tests name another).
    public var account: @Sendable () throws -> String = { try Account.current() }
    /// The release this program is (`AppInfo.version`): the register may need a newer one to
    /// record. Unset, the newest its own migrations ask for, which it is at least; tests name
    /// an older one to play an older program.
    public var software: SoftwareVersion {
        get { givenSoftware ?? .newestKnownWriter }
        set { givenSoftware = newValue }
    }
    /// Nil until set: the newest known writer is worked out from the migrations, whose tables'
    /// key paths cost millions of instructions, so not at every start.
    private var givenSoftware: SoftwareVersion?
    /// What `--register` said, as typed (it may hold a password, so it is never shown).
    private let given: String?

    public init(location: RegisterLocation, namedBy: NamedBy) {
        self.location = location
        self.namedBy = namedBy
        given = nil
    }

    /// `--register` if given, else `DMF_REGISTER_URL`, else the default file; the allowed
    /// signers from `DMF_ALLOWED_SIGNERS`, else the default file.
    public static func resolve(option: String?, variable: (String) -> String?) -> RegisterSetting {
        var setting = RegisterSetting(
            location: .resolve(option: option, variable: variable), namedBy: option == nil ? .environment : .option,
            given: option)
        setting.allowedSigners = SigningSettings.allowedSigners(variable: variable)
        return setting
    }

    private init(location: RegisterLocation, namedBy: NamedBy, given: String?) {
        self.location = location
        self.namedBy = namedBy
        self.given = given
    }

    /// Opens the register, with `now` as the time its events are written.
    /// - Parameter quickly: for a glance that must not hold the person up (the start screen's
    ///   "due" line): a short wait for a locked file or a server.
    public func open(quickly: Bool = false) throws(RegisterError) -> Register {
        let clock = clock
        let allowedSigners = allowedSigners
        return Register(
            storage: try location.open(quickly: quickly, software: software), now: { clock.timestamp },
            today: { clock.today },
            account: account, trust: { SignerTrust.load(path: allowedSigners) })
    }

    public static func == (lhs: RegisterSetting, rhs: RegisterSetting) -> Bool {
        lhs.location == rhs.location && lhs.namedBy == rhs.namedBy && lhs.given == rhs.given
            && lhs.allowedSigners == rhs.allowedSigners
    }

    /// Whether there is a register to look at: a SQLite file that exists, or any server.
    public var exists: Bool { location.exists }

    public var description: String { location.description }

    /// What a command printed for later must add so that it uses this same register:
    /// `--register '…'` when it was named by that option, without any password; nothing when
    /// it was found from the environment or by default, where the later command finds it again.
    public var commandOption: String? {
        guard namedBy == .option else { return nil }
        let value: String
        switch location {
        case .sqlite(let path):
            // As `--register` reads it back: a name that looks like an address says it is a file.
            let reread = RegisterLocation.resolve(option: path, variable: { _ in nil })
            value = reread == .sqlite(path: path) ? path : "sqlite:" + path
        case .postgres(let connection):
            value = PostgresAddress.withoutSecrets(connection) ?? "CONNECTION-STRING"
        case .refused:
            // Refused again when run, with the reason; only a password is taken out.
            value = (given ?? "").replacing(/(:\/\/[^\/@:?#]*):[^@\/?#]*@/, with: { "\($0.1)@" })
                .replacing(/([?&]password=)[^&#]*/, with: { "\($0.1)…" })
        }
        return "--register " + Self.shellQuoted(value)
    }

    /// `'…'` for a POSIX shell, a `'` inside written as `'\''`.
    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
