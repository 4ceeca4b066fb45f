import Foundation
import TestSupport
import Testing

/// The register's roles and versions as people meet them through the command: `register
/// setup-roles`, `register migrate`, and a program older than the register asks for.
@Suite struct RegisterVersionsEndToEndTests {
    static func run(_ arguments: [String], _ workspace: Workspace) throws -> CommandResult {
        try Wizard.run(
            arguments, in: workspace.url,
            environment: ["XDG_DATA_HOME": workspace.path("data"), "DMF_REGISTER_URL": ""])
    }

    /// An older dmf-wizard than the register needs (played by raising the oldest writer the
    /// register names, as a newer release's migration would) still lists and shows, refuses to
    /// record in one line that says which version it needs, and `fill --record` keeps the forms.
    @Test func aProgramOlderThanTheRegisterNeedsReadsButDoesNotRecord() throws {
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        let filled = try Self.run(["fill", "case.yaml", "--output", "form.md", "--record"], workspace)
        #expect(filled.status == 0, "\(filled.stderr)")
        let reference = try #require(filled.stdout.firstMatch(of: /DMF-\d{8}-[0-9A-Z]{4}/).map { String($0.0) })
        let register = workspace.path("data") + "/dmf-wizard/register.sqlite"
        let raised = try Spawn.run(
            ["sqlite3", register, "UPDATE register_settings SET value = '9.1.0' WHERE name = 'oldest_writer'"],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"], timeout: 30)
        try #require(raised.status == 0, "sqlite3: \(raised.stderr)")

        let needs = "this register needs dmf-wizard 9.1.0 or newer to record, and this is 0.4.0"
        let decided = try Self.run(["register", "authorise", reference, "--by", "Iris IAO"], workspace)
        #expect(decided.status == 1)
        #expect(decided.stderr.contains(needs) && decided.stderr.split(separator: "\n").count == 1, "\(decided.stderr)")

        try workspace.write(
            "second.yaml", try AnswersFixture.example().replacingOccurrences(of: "A. Person", with: "B. Person"))
        let again = try Self.run(["fill", "second.yaml", "--output", "second.md", "--record"], workspace)
        #expect(again.status == 6, "\(again.stderr)")
        #expect(again.stderr.contains(needs))
        #expect(FileManager.default.fileExists(atPath: workspace.path("second.md")))

        let listed = try Self.run(["register", "list"], workspace)
        #expect(listed.status == 0 && listed.stdout.contains(reference) && listed.stdout.contains("1 entry"))
        let shown = try Self.run(["register", "show", reference], workspace)
        #expect(shown.status == 0 && shown.stdout.contains("Status:          Recorded, not yet decided"))
        let migrated = try Self.run(["register", "migrate"], workspace)
        #expect(migrated.status == 0)
        #expect(migrated.stdout.contains("Recording in it needs dmf-wizard 9.1.0 or newer."))
    }

    /// `register migrate` on SQLite: the file's owner brings it up to date (an older register
    /// is migrated on first use anyway), and it says where it is.
    @Test func migrateSaysWhereASQLiteRegisterIs() throws {
        let workspace = try Workspace()
        let older = workspace.path("older.sqlite")
        try FileManager.default.copyItem(
            atPath: Wizard.repositoryRoot.appendingPathComponent(
                "Tests/DMFRegisterTests/Fixtures/register-0.2.0.sqlite"
            )
            .path, toPath: older)
        let first = try Self.run(["register", "migrate", "--register", older], workspace)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("The register at \(older) was at version 2 and is now at version "))
        #expect(first.stdout.contains(", the newest this dmf-wizard (0.4.0) knows.\n"))
        #expect(first.stdout.hasSuffix("Recording in it needs dmf-wizard 0.4.0 or newer.\n"))
        let second = try Self.run(["register", "migrate", "--register", older], workspace)
        #expect(second.stdout.contains("the newest this dmf-wizard (0.4.0) knows: nothing to do.\n"))
    }

    @Test func setupRolesPrintsTheSQLAndRefusesWhatItCannotDo() throws {
        let workspace = try Workspace()
        let printed = try Self.run(["register", "setup-roles", "--prefix", "moj_dmf"], workspace)
        #expect(printed.status == 0)
        for line in [
            "BEGIN;", "ALTER TABLE events OWNER TO \"moj_dmf_owner\";",
            "GRANT UPDATE (requester, answers, search, status, next_due, next_due_kind) ON TABLE entries TO \"moj_dmf_desk\";",
            "GRANT UPDATE (tree_edge) ON TABLE register_tree TO \"moj_dmf_desk\";",
            "GRANT INSERT ON TABLE register_requirements TO \"moj_dmf_iao\";",
            "CREATE TRIGGER events_decided_by_iao BEFORE INSERT ON events", "COMMIT;",
        ] {
            #expect(printed.stdout.contains(line + "\n"), "\(line)")
        }
        #expect(!printed.stdout.contains("\"dmf_register_"), "every role is named with the prefix")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("data")), "printing opens no register")

        let badPrefix = try Self.run(["register", "setup-roles", "--prefix", "DMF; DROP"], workspace)
        #expect(badPrefix.status == 2 && badPrefix.stdout.isEmpty)
        #expect(badPrefix.stderr.contains("'DMF; DROP' cannot start the roles' names"))

        let onSQLite = try Self.run(["register", "setup-roles", "--apply"], workspace)
        #expect(onSQLite.status == 1)
        #expect(onSQLite.stderr.contains("roles are for a register on PostgreSQL"))
    }
}

/// The same on the test server: a team's register set up with roles by its administrator, then
/// used by people with logins of their own.
@Suite(
    .enabled(if: TestServer.admin != nil, "PostgreSQL role tests skipped: set DMF_TEST_POSTGRES_URL"))
struct RegisterRolesEndToEndTests {
    @Test func aTeamRegisterKeptWithRoles() throws {
        let server = try TestServer()
        let workspace = try Workspace()
        let database = try server.database()
        let id = TestServer.name("")
        let (prefix, desk, iao, admin) = ("e2e_" + id, "e2e\(id)_desk", "e2e\(id)_iao", "e2e\(id)_admin")
        defer {
            server.drop(database: database)
            for role in [desk, iao, admin] + ["owner", "desk", "iao", "auditor"].map({ prefix + "_" + $0 }) {
                _ = try? server.psql("DROP ROLE IF EXISTS \(role)")
            }
        }
        func address(_ login: String) -> String {
            "postgres://\(login)@127.0.0.1:\(server.port)/\(database)?sslmode=disable"
        }
        func run(_ arguments: [String], as login: String) throws -> CommandResult {
            try TestServer.run(
                arguments, workspace, ["DMF_REGISTER_URL": address(login), "DMF_TEST_ACCOUNT": login])
        }

        // The administrator, as the server's superuser, on a new database: the tables are made,
        // then given to the owner role. Nothing the server says in passing is shown.
        let applied = try run(["register", "setup-roles", "--prefix", prefix, "--apply"], as: "postgres")
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stderr.isEmpty, "\(applied.stderr)")
        #expect(applied.stdout.contains("-- Applied to the register at "))
        try server.psql(
            """
            CREATE ROLE \(desk) LOGIN IN ROLE \(prefix)_desk; CREATE ROLE \(iao) LOGIN IN ROLE \(prefix)_iao;
            CREATE ROLE \(admin) LOGIN IN ROLE \(prefix)_owner;
            """)

        try workspace.write("case.yaml", try AnswersFixture.example())
        let filled = try run(["fill", "case.yaml", "--output", "form.md", "--record"], as: desk)
        #expect(filled.status == 0, "\(filled.stderr)")
        let reference = try #require(filled.stdout.firstMatch(of: /DMF-\d{8}-[0-9A-Z]{4}/).map { String($0.0) })

        let byDesk = try run(["register", "authorise", reference, "--by", "Dee Desk"], as: desk)
        #expect(byDesk.status == 1)
        #expect(
            byDesk.stderr.contains(
                "the register records decisions only from an IAO, and the database login \(desk) is not a member of "
                    + "the role \(prefix)_iao: ask an IAO to record the decision"), "\(byDesk.stderr)")
        let byIAO = try run(["register", "authorise", reference, "--by", "Iris IAO"], as: iao)
        #expect(byIAO.status == 0, "\(byIAO.stderr)")

        let deskMigrates = try run(["register", "migrate"], as: desk)
        #expect(deskMigrates.status == 1)
        #expect(
            deskMigrates.stderr.contains(
                "only the role that owns its tables, \(prefix)_owner, may migrate them, and the login \(desk) is not "
                    + "a member of it: someone granted that role (\(admin)) must run `dmf-wizard register migrate`"),
            "\(deskMigrates.stderr)")
        #expect(deskMigrates.stderr.split(separator: "\n").count == 1)
        let adminMigrates = try run(["register", "migrate"], as: admin)
        #expect(adminMigrates.status == 0, "\(adminMigrates.stderr)")
        #expect(adminMigrates.stdout.contains("the newest this dmf-wizard (0.4.0) knows: nothing to do."))

        let checked = try run(["register", "check"], as: desk)
        #expect(checked.status == 0 && checked.stdout.contains("The register is intact: 1 entries, 2 events"))
    }
}
