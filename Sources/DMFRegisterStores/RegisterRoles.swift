import DMFPolicy
import DMFRegister

/// The group roles a register on PostgreSQL is kept with, once `register setup-roles` has made
/// them. Each person signs in with their own login, granted one of them:
/// - the owner owns the tables: only it can change them (migrations, `register migrate`), and
///   so only it can disable their triggers; nobody records as the owner;
/// - a desk adds entries and events and changes only an entry's summary (which `check` works
///   out again from the events, so changing it by hand gains nothing);
/// - an IAO is a desk that may also record decisions (a trigger asks the server whether the
///   login is a member) and require signatures;
/// - an auditor only reads.
/// No role may remove rows, change history or empty a table.
public struct RegisterRoles: Sendable, Equatable {
    public let owner: String
    public let desk: String
    public let iao: String
    public let auditor: String

    public static let defaultPrefix = "dmf_register"

    /// The four roles named `PREFIX_owner`, `PREFIX_desk`, `PREFIX_iao`, `PREFIX_auditor`.
    public init(prefix: String = RegisterRoles.defaultPrefix) throws(RoleNameProblem) {
        let longest = 63 - "_auditor".count
        guard !prefix.isEmpty, prefix.count <= longest, let first = prefix.unicodeScalars.first,
            first == "_" || ("a"..."z").contains(first),
            prefix.unicodeScalars.allSatisfy({ $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        else {
            throw RoleNameProblem(
                description: """
                    '\(Sanitizer.visible(prefix, limit: 80))' cannot start the roles' names: use lower-case letters, \
                    digits and _ (a letter or _ first), at most \(longest) of them
                    """)
        }
        owner = prefix + "_owner"
        desk = prefix + "_desk"
        iao = prefix + "_iao"
        auditor = prefix + "_auditor"
    }

    /// As recorded in the register (`register_settings`), when `setup-roles` has run.
    init?(settings: [String: String]) {
        guard let owner = settings[Self.ownerKey], let desk = settings[Self.deskKey], let iao = settings[Self.iaoKey],
            let auditor = settings[Self.auditorKey]
        else { return nil }
        (self.owner, self.desk, self.iao, self.auditor) = (owner, desk, iao, auditor)
    }

    static let ownerKey = "owner_role"
    static let deskKey = "desk_role"
    static let iaoKey = "iao_role"
    static let auditorKey = "auditor_role"
    static let settingKeys = [ownerKey, deskKey, iaoKey, auditorKey]

    // MARK: - SQL

    /// What `register setup-roles` prints and runs, in one transaction: the roles (made only
    /// when missing), the tables and the register's functions given to the owner, what each
    /// role may do, the IAO's guard on decisions, and the roles recorded in the register. It can
    /// be run again: it makes the privileges exactly these.
    public var setUp: [String] {
        [makeRoles, "GRANT \(Self.quoted(desk)) TO \(Self.quoted(iao))"]
            + Self.ownedTables.map { "ALTER TABLE \($0) OWNER TO \(Self.quoted(owner))" }
            + [decidedByIAO, "DROP TRIGGER IF EXISTS events_decided_by_iao ON events", decisionGuard, ownFunctions]
            + schemaAccess + tablePrivileges
            + settings.map { StoreSchema.setting($0.0, to: $0.1) }
    }

    /// The statements, as a script for `psql` to run whole or not at all.
    public var script: String {
        """
        -- The roles dmf-wizard's register is kept with (dmf-wizard register setup-roles).
        -- Run as a superuser once the register's tables exist: connect once with dmf-wizard, or run
        -- `dmf-wizard register migrate`, first. Running it again sets exactly these privileges.
        BEGIN;
        \(setUp.map { $0 + ";" }.joined(separator: "\n"))
        COMMIT;
        -- Then give each person a login of their own, named like their computer account, and one role:
        --   CREATE ROLE jdesk LOGIN;  GRANT \(desk) TO jdesk;        -- records assessments and events
        --   CREATE ROLE jiao LOGIN;   GRANT \(iao) TO jiao;          -- records decisions too
        --   CREATE ROLE jaudit LOGIN; GRANT \(auditor) TO jaudit;    -- reads only
        --   GRANT \(owner) TO jadmin;                               -- runs `dmf-wizard register migrate`

        """
    }

    /// Every table the register has, which the owner owns: the rows' tables and the versions.
    static var ownedTables: [String] { StoreSchema.tables.map(\.name) + [PostgresRegister.versionTable] }

    /// What each role may do with each table, and nothing more: run again by `register migrate`
    /// after a migration, so a table it adds is covered too. The owner may run these.
    var tablePrivileges: [String] {
        let all = Self.ownedTables.joined(separator: ", ")
        var statements = [
            "REVOKE ALL ON TABLE \(all) FROM PUBLIC, \(Self.quoted(desk)), \(Self.quoted(iao)), \(Self.quoted(auditor))",
            "GRANT SELECT ON TABLE \(all) TO \(Self.quoted(desk)), \(Self.quoted(auditor))",
        ]
        for table in StoreSchema.tables {
            switch table.access {
            case .desksAdd:
                statements.append("GRANT INSERT ON TABLE \(table.name) TO \(Self.quoted(desk))")
                if !table.changingColumns.isEmpty {
                    statements.append(
                        "GRANT UPDATE (\(table.changingColumns.joined(separator: ", "))) ON TABLE \(table.name) "
                            + "TO \(Self.quoted(desk))")
                }
            case .iaosAdd: statements.append("GRANT INSERT ON TABLE \(table.name) TO \(Self.quoted(iao))")
            case .readOnly: break
            }
        }
        return statements
    }

    /// Every role may look into the register's schema; only the owner may make things in it.
    private var schemaAccess: [String] {
        [
            """
            DO $$ BEGIN
              EXECUTE format('GRANT USAGE ON SCHEMA %I TO \(Self.quoted(desk)), \(Self.quoted(auditor))', current_schema());
              EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO \(Self.quoted(owner))', current_schema());
            END $$
            """
        ]
    }

    private var makeRoles: String {
        let each = [owner, desk, iao, auditor].map { role in
            "  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '\(role)') THEN "
                + "CREATE ROLE \(Self.quoted(role)) NOLOGIN; END IF;"
        }
        return "DO $$ BEGIN\n\(each.joined(separator: "\n"))\nEND $$"
    }

    /// The register's functions (its guards), owned by the owner like its tables.
    private var ownFunctions: String {
        """
        DO $$ DECLARE f regprocedure; BEGIN
          FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
            JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = current_schema() AND p.proname LIKE 'dmf\\_register\\_%' LOOP
            EXECUTE format('ALTER FUNCTION %s OWNER TO %I', f, '\(owner)');
          END LOOP;
        END $$
        """
    }

    /// Decisions (`authorised`, `refused`) only from a login that is a member of the IAO role:
    /// the server asks, whatever the desk says. The function reads nothing but the event and the
    /// catalogue, with the catalogue first on its path, so no one's own objects can stand in.
    private var decidedByIAO: String {
        let decisions = LifecycleStep.allCases.filter { $0.signatureNamespace == .decision }
            .map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return """
            CREATE OR REPLACE FUNCTION dmf_register_decided_by_iao() RETURNS trigger LANGUAGE plpgsql
            SET search_path = pg_catalog, pg_temp AS $$
            BEGIN
              IF NEW.kind IN (\(decisions)) AND NOT pg_has_role(session_user, '\(iao)', 'MEMBER') THEN
                RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format('the register records \
            decisions only from an IAO, and the database login %s is not a member of the role \(iao): ask an IAO to \
            record the decision', session_user);
              END IF;
              RETURN NEW;
            END $$
            """
    }

    private var decisionGuard: String {
        """
        CREATE TRIGGER events_decided_by_iao BEFORE INSERT ON events
          FOR EACH ROW EXECUTE FUNCTION dmf_register_decided_by_iao()
        """
    }

    private var settings: [(String, String)] {
        [(Self.ownerKey, owner), (Self.deskKey, desk), (Self.iaoKey, iao), (Self.auditorKey, auditor)]
    }

    /// `"name"`: the names are checked to need no quoting, but are quoted all the same.
    static func quoted(_ role: String) -> String { "\"" + role.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// A prefix that cannot start the roles' names.
public struct RoleNameProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}
