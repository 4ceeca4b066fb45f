import DMFPolicy
import DMFRegister

/// Which version a register's tables are at, against the newest this program knows, and the
/// oldest dmf-wizard that may write to it. Read when a store opens; each write reads the oldest
/// writer again inside its transaction, so a register migrated meanwhile is not written wrongly.
public struct SchemaStatus: Sendable, Equatable {
    /// The version the tables are at now (0: no tables yet).
    public var version: Int
    /// The version they were at before this program migrated them, when it did.
    public var migratedFrom: Int?
    /// As recorded; nil for a register older than the setting (before version 4).
    public var oldestWriter: String?

    /// The newest version this program's migrations reach.
    public static var newest: Int { StoreSchema.migrations.count }

    /// Set up by a newer dmf-wizard, with tables this one does not know.
    public var isNewer: Bool { version > Self.newest }

    /// Refuses a write by `software` when the register needs a newer dmf-wizard to record.
    static func checkWriter(_ recorded: String?, software: SoftwareVersion, location: String) throws(RegisterError) {
        guard let recorded else { return }
        guard let oldest = SoftwareVersion(recorded) else {
            throw .unavailable(
                location: location,
                reason: """
                    it names '\(Sanitizer.visible(recorded, limit: 40))' as the oldest dmf-wizard that may record in it, which \
                    this version (\(software)) cannot read, so it records nothing; ask whoever runs the register
                    """)
        }
        guard software >= oldest else {
            throw .unavailable(
                location: location,
                reason: """
                    this register needs dmf-wizard \(oldest) or newer to record, and this is \(software); ask whoever \
                    looks after dmf-wizard for \(oldest) or newer. Lists, `register show` and exports still work
                    """)
        }
    }

    /// Refuses to check a register a newer dmf-wizard set up: its events may hold what this
    /// version does not read, and would be reported as changed when they are not.
    func checkable(location: String) throws(RegisterError) {
        guard isNewer else { return }
        throw .unavailable(
            location: location,
            reason: """
                a newer dmf-wizard set it up (its tables are at version \(version); this one knows up to \
                \(Self.newest)), so this version cannot check it: run `dmf-wizard register check` with the newer one\
                \(oldestWriter.map { " (\($0) or newer)" } ?? "")
                """)
    }
}
