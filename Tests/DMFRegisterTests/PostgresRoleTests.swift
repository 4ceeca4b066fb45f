import DMFPolicy
import DMFRegister
import Foundation
import Testing

@testable import DMFRegisterStores

/// A register on the test server kept with roles, as `register setup-roles --apply` sets them up
/// (run here as the server's superuser, as a database administrator would), and a login of the
/// test's own for each role. Roles belong to the whole server, so their names are the test's
/// own too; the database, the logins and the roles are dropped when the test is done.
final class RoledRegister: @unchecked Sendable {
    let database: String
    let roles: RegisterRoles
    /// The logins: one granted each role; `admin` the owner role (it migrates).
    let desk: String
    let iao: String
    let auditor: String
    let admin: String

    init() throws {
        let id = UUID().uuidString.prefix(8).lowercased()
        database = "dmf_roles_" + id
        roles = try RegisterRoles(prefix: "dmf_t" + id)
        (desk, iao, auditor, admin) = ("t\(id)_desk", "t\(id)_iao", "t\(id)_auditor", "t\(id)_admin")
        try Self.superuser("CREATE DATABASE \(database)")
        try RegisterLocation.postgres(connection: ScratchRegister.url(replacingDatabaseWith: database)).setUp(roles)
        for (login, role) in [(desk, roles.desk), (iao, roles.iao), (auditor, roles.auditor), (admin, roles.owner)] {
            try Self.superuser("CREATE ROLE \(login) LOGIN; GRANT \(role) TO \(login)")
        }
    }

    deinit {
        _ = try? Self.superuser("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        for role in [desk, iao, auditor, admin, roles.iao, roles.desk, roles.auditor, roles.owner] {
            _ = try? Self.superuser("DROP ROLE IF EXISTS \(role)")
        }
    }

    @discardableResult
    static func superuser(_ sql: String, database: String = "postgres") throws -> String {
        try ScratchRegister.psql(
            database == "postgres"
                ? StoreKind.postgresAdminURL ?? "" : ScratchRegister.url(replacingDatabaseWith: database),
            sql)
    }

    /// SQL run as the superuser in the register's database.
    @discardableResult
    func superuser(_ sql: String) throws -> String { try Self.superuser(sql, database: database) }

    /// The register's address, signed in as `login`.
    func location(as login: String) -> RegisterLocation {
        var parts = URLComponents(string: ScratchRegister.url(replacingDatabaseWith: database))
        parts?.user = login
        return .postgres(connection: parts?.string ?? "")
    }

    /// SQL run with psql as `login`, around dmf-wizard, as someone with the login could.
    @discardableResult
    func psql(as login: String, _ sql: String) throws -> String {
        guard case .postgres(let url) = location(as: login) else { return "" }
        return try ScratchRegister.psql(url, sql)
    }

    /// The register as dmf-wizard opens it for `login`, writing as that account.
    func register(as login: String) throws -> Register {
        Register(storage: try location(as: login).open(), now: { RegisterClock.system.timestamp }, account: { login })
    }

    /// A decision written by hand, as psql would insert it: the account and time the server checks
    /// are right, the hashes are not (the server does not check those; `check` does).
    func handWrittenDecision(_ reference: String, sequence: Int) -> String {
        """
        INSERT INTO events (sequence, reference, kind, recorded_at, by_person, date, files, previous_hash, hash, \
        account) VALUES (\(sequence), '\(reference)', 'authorised', \
        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'By hand', '2026-12-06', '', 'x', 'x', \
        session_user)
        """
    }
}

/// PostgreSQL enforces the register's rules itself, whatever program a person uses: each role is
/// tried with psql, around dmf-wizard.
@Suite(
    "PostgreSQL roles",
    .enabled(if: StoreKind.postgresAdminURL != nil, "PostgreSQL role tests skipped: set DMF_TEST_POSTGRES_URL"))
struct PostgresRoleTests {
    /// psql's error for `sql` as `login`, which must fail.
    func refusal(_ roled: RoledRegister, as login: String, _ sql: String) -> String {
        do {
            try roled.psql(as: login, sql)
            Issue.record("\(login) was allowed: \(sql)")
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func aDeskRecordsButCannotRemoveOrChangeHistoryOrSwitchOffTheGuards() throws {
        let roled = try RoledRegister()
        let desk = try roled.register(as: roled.desk)
        defer { desk.close() }
        _ = try desk.record(Sample.entry("DMF-20261206-DESK", route: .sameSystem), by: "Dee Desk")
        _ = try desk.append(EventRequest(kind: .sent, by: "Dee Desk", files: [Sample.file]), to: "DMF-20261206-DESK")

        let refused: [(String, String)] = [
            ("DELETE FROM events", "permission denied for table events"),
            ("DELETE FROM entries", "permission denied for table entries"),
            ("UPDATE events SET by_person = 'Someone else'", "permission denied for table events"),
            // A desk may remove an entry's answers and names once, for `register redact`: the guard
            // allows that change and no other.
            ("UPDATE entries SET requester = 'Someone else'", "the register keeps its history"),
            ("UPDATE entries SET verdict = 'proceed'", "permission denied for table entries"),
            ("TRUNCATE events", "permission denied for table events"),
            ("TRUNCATE entries CASCADE", "permission denied for table entries"),
            ("ALTER TABLE events DISABLE TRIGGER ALL", "must be owner of table events"),
            ("ALTER TABLE events DISABLE TRIGGER events_append_only", "must be owner of table events"),
            ("DROP TRIGGER events_decided_by_iao ON events", "must be owner of relation events"),
            ("SET session_replication_role = replica", "permission denied to set parameter"),
            ("UPDATE register_settings SET value = '0.1.0'", "permission denied for table register_settings"),
            ("INSERT INTO register_requirements SELECT * FROM register_requirements", "permission denied"),
            ("DROP TABLE events", "must be owner of table events"),
            ("CREATE TABLE shadow (a integer)", "permission denied for schema public"),
        ]
        for (sql, says) in refused {
            let error = refusal(roled, as: roled.desk, sql)
            #expect(error.contains(says), "\(sql): \(error)")
        }
        #expect(try roled.superuser("SELECT count(*) FROM events") == "2")

        // The summary is the one thing a desk may change, and `check` names the entry whose
        // summary no longer follows from its events.
        try roled.psql(as: roled.desk, "UPDATE entries SET status = 'closed' WHERE reference = 'DMF-20261206-DESK'")
        let auditor = try roled.register(as: roled.auditor)
        defer { auditor.close() }
        let problems = try auditor.check().problems.map(\.description)
        #expect(
            problems == [
                "entry DMF-20261206-DESK: its listed status or due date does not follow from its events: the status kept for lists is not what its events give"
            ],
            "\(problems)")
    }

    @Test func theServerRefusesADecisionFromAnyoneButAnIAO() throws {
        let roled = try RoledRegister()
        let desk = try roled.register(as: roled.desk)
        defer { desk.close() }
        _ = try desk.record(Sample.entry("DMF-20261206-DCSN"), by: "Dee Desk")

        // Around dmf-wizard: the desk's own login and the server's time, so only its role is wrong.
        let error = refusal(roled, as: roled.desk, roled.handWrittenDecision("DMF-20261206-DCSN", sequence: 2))
        #expect(
            error.contains(
                "the register records decisions only from an IAO, and the database login \(roled.desk) is not a "
                    + "member of the role \(roled.roles.iao)"), "\(error)")
        // Through dmf-wizard, in plain words.
        #expect {
            _ = try desk.append(EventRequest(kind: .authorised, by: "Dee Desk"), to: "DMF-20261206-DCSN")
        } throws: { error in
            let text = "\(error)"
            return text.contains("the register records decisions only from an IAO")
                && text.contains("ask an IAO to record the decision") && !text.contains("INSERT")
        }
        #expect(try roled.superuser("SELECT count(*) FROM events") == "1")

        let iao = try roled.register(as: roled.iao)
        defer { iao.close() }
        let decided = try iao.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261206-DCSN")
        #expect(decided.account == roled.iao && decided.sequence == 2)
        // An IAO is a desk too, and the server lets it write a decision by hand as well.
        try roled.psql(as: roled.iao, roled.handWrittenDecision("DMF-20261206-DCSN", sequence: 3))
        // Only an IAO may require signatures (a privilege on the table, not only the key).
        #expect(
            refusal(roled, as: roled.desk, "INSERT INTO register_requirements SELECT * FROM register_requirements")
                .contains("permission denied for table register_requirements"))
    }

    @Test func anAuditorReadsAndCannotWrite() throws {
        let roled = try RoledRegister()
        let desk = try roled.register(as: roled.desk)
        defer { desk.close() }
        _ = try desk.record(Sample.entry("DMF-20261206-READ"), by: "Dee Desk")

        let auditor = try roled.register(as: roled.auditor)
        defer { auditor.close() }
        #expect(try auditor.list().entries.map(\.reference) == ["DMF-20261206-READ"])
        #expect(try auditor.history("DMF-20261206-READ").events.count == 1)
        #expect(try auditor.check().isIntact)
        #expect(try auditor.histories().count == 1)
        #expect {
            _ = try auditor.record(Sample.entry("DMF-20261206-AUDT"), by: "Audrey Auditor")
        } throws: { error in
            "\(error)".contains("permission denied for table entries; ask whoever runs the register's database")
        }
        for sql in [
            "INSERT INTO entries SELECT * FROM entries", "UPDATE entries SET status = 'closed'",
            "INSERT INTO events SELECT * FROM events", "DELETE FROM events",
        ] {
            #expect(refusal(roled, as: roled.auditor, sql).contains("permission denied"), "\(sql)")
        }
        #expect(try roled.superuser("SELECT count(*) FROM entries") == "1")
    }

    @Test func theTablesAndGuardsBelongToTheOwnerRole() throws {
        let roled = try RoledRegister()
        let owners = try roled.superuser(
            """
            SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public' UNION ALL \
            SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc WHERE proname LIKE 'dmf\\_register\\_%'
            """)
        #expect(Set(owners.split(separator: "\n").map(String.init)) == [roled.roles.owner])
        // The roles are recorded, so `register migrate` can grant them what a new table needs.
        #expect(
            try roled.superuser("SELECT value FROM register_settings WHERE name LIKE '%_role' ORDER BY name")
                == [roled.roles.auditor, roled.roles.desk, roled.roles.iao, roled.roles.owner].joined(separator: "\n"))
        // Setting the roles up again changes nothing.
        try roled.location(as: "postgres").setUp(roled.roles)
        let desk = try roled.register(as: roled.desk)
        defer { desk.close() }
        _ = try desk.record(Sample.entry("DMF-20261206-AGIN"), by: "Dee Desk")
    }

    @Test func migrateIsTheOwnersAndSetsEachRolesPrivilegesAgain() throws {
        let roled = try RoledRegister()
        try roled.superuser("REVOKE INSERT ON events FROM \(roled.roles.desk)")
        let before = try roled.register(as: roled.desk)
        #expect(throws: RegisterError.self) { _ = try before.record(Sample.entry("DMF-20261206-MIGR"), by: "Dee") }
        before.close()

        #expect {
            _ = try roled.location(as: roled.desk).migrate()
        } throws: { error in
            "\(error)".contains(
                "only the role that owns its tables, \(roled.roles.owner), may migrate them, and the login "
                    + "\(roled.desk) is not a member of it: someone granted that role (\(roled.admin)) must run "
                    + "`dmf-wizard register migrate`")
        }
        let status = try roled.location(as: roled.admin).migrate()
        #expect(status.version == SchemaStatus.newest && status.migratedFrom == nil)
        let after = try roled.register(as: roled.desk)
        defer { after.close() }
        _ = try after.record(Sample.entry("DMF-20261206-MIGR"), by: "Dee Desk")
    }

    /// A register made by 0.2.0 (version 2), its tables belonging to an owner role: a desk's
    /// newer dmf-wizard does not migrate it and says who must; a member of the owner role does,
    /// as that role, so what the migration makes belongs to it too.
    @Test func onlyAMemberOfTheOwnerRoleBringsAnOlderRegisterUpToDate() throws {
        let id = UUID().uuidString.prefix(8).lowercased()
        let (database, owner, desk, admin) = ("dmf_roles_" + id, "t\(id)_owner", "t\(id)_desk", "t\(id)_admin")
        try RoledRegister.superuser("CREATE DATABASE \(database)")
        defer {
            _ = try? RoledRegister.superuser("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            for role in [desk, admin, owner] { _ = try? RoledRegister.superuser("DROP ROLE IF EXISTS \(role)") }
        }
        let url = ScratchRegister.url(replacingDatabaseWith: database)
        try ScratchRegister.run(
            "/usr/bin/env",
            [
                "psql", "-v", "ON_ERROR_STOP=1", "-qAt", url, "-f",
                OlderRegisterTests.fixtures.appendingPathComponent("register-0.2.0.postgres.sql").path,
            ])
        try RoledRegister.superuser(
            """
            CREATE ROLE \(owner) NOLOGIN; CREATE ROLE \(desk) LOGIN; CREATE ROLE \(admin) LOGIN IN ROLE \(owner);
            ALTER TABLE entries OWNER TO \(owner); ALTER TABLE events OWNER TO \(owner);
            ALTER TABLE dmf_register_schema OWNER TO \(owner);
            ALTER FUNCTION dmf_register_keeps_history() OWNER TO \(owner);
            GRANT CREATE ON SCHEMA public TO \(owner); GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(desk);
            """, database: database)
        func signedIn(_ login: String) -> RegisterLocation {
            var parts = URLComponents(string: url)
            parts?.user = login
            return .postgres(connection: parts?.string ?? "")
        }
        let needs = "(they are at version 2, and this dmf-wizard, 0.3.0, needs version \(SchemaStatus.newest))"

        #expect {
            _ = try signedIn(desk).open(software: SoftwareVersion(0, 3, 0))
        } throws: { error in
            "\(error)".contains(
                "only the role that owns its tables, \(owner), may bring them up to date \(needs): someone granted "
                    + "that role (\(admin)) must run `dmf-wizard register migrate` first")
        }
        #expect {
            _ = try signedIn(desk).migrate(software: SoftwareVersion(0, 3, 0))
        } throws: { error in
            "\(error)".contains("and the login \(desk) is not a member of it: someone granted that role (\(admin))")
                && "\(error)".contains(needs)
        }
        #expect(try RoledRegister.superuser("SELECT max(version) FROM dmf_register_schema", database: database) == "2")

        let status = try signedIn(admin).migrate()
        #expect(status == SchemaStatus(version: SchemaStatus.newest, migratedFrom: 2, oldestWriter: "0.4.0"))
        let owners = try RoledRegister.superuser(
            """
            SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public' UNION \
            SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc WHERE proname LIKE 'dmf\\_register\\_%'
            """, database: database)
        #expect(owners == owner)
        let register = Register(storage: try signedIn(admin).open(), now: { ScratchRegister.now })
        defer { register.close() }
        #expect(try register.check().isIntact)
    }
}
