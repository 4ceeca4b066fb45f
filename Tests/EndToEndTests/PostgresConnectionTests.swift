import Foundation
import Glibc
import TestSupport
import Testing

/// The throwaway server `scripts/test-postgres.sh` starts, as `DMF_TEST_POSTGRES_URL` names it,
/// and what a test makes on it: its own database, and roles that sign in with a password.
struct TestServer {
    static let admin: String? = ProcessInfo.processInfo.environment["DMF_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }

    let admin: String
    let port: Int

    init() throws {
        admin = try #require(Self.admin)
        port = try #require(URLComponents(string: admin)?.port)
    }

    /// Runs SQL as the superuser in `database` and returns what psql printed (unaligned).
    @discardableResult
    func psql(_ sql: String, database: String = "postgres") throws -> String {
        var parts = try #require(URLComponents(string: admin))
        parts.path = "/" + database
        let output = try Spawn.run(
            ["psql", "-v", "ON_ERROR_STOP=1", "-qAt", try #require(parts.string), "-c", sql],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"], timeout: 30)
        try #require(output.status == 0, "psql: \(output.stderr)")
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new name, for a role or a database.
    static func name(_ prefix: String) -> String { prefix + UUID().uuidString.prefix(8).lowercased() }

    /// A database of the test's own, owned by `owner`; dropped by `drop`.
    func database(owner: String = "postgres") throws -> String {
        let name = Self.name("dmf_conn_")
        try psql("CREATE DATABASE \(name) OWNER \(owner)")
        return name
    }

    /// A role that must sign in with its SCRAM-SHA-256 password (the server's rule for members
    /// of dmf_password_users).
    func passwordRole() throws -> (name: String, password: String) {
        let role = (name: Self.name("dmf_scram_"), password: "pw-" + UUID().uuidString)
        try psql(
            "SET password_encryption = 'scram-sha-256'; "
                + "CREATE ROLE \(role.name) LOGIN PASSWORD '\(role.password)' IN ROLE dmf_password_users")
        return role
    }

    func drop(database: String, role: String? = nil) {
        _ = try? psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        if let role { _ = try? psql("DROP ROLE IF EXISTS \(role)") }
    }

    /// The folder of the server's certificate, which holds the authority that signed it
    /// (ca.crt) and one that did not (other-ca.crt).
    func certificates() throws -> String {
        let certificate = try psql("SHOW ssl_cert_file")
        try #require(
            try psql("SHOW ssl") == "on" && FileManager.default.fileExists(atPath: certificate),
            "the test server has no TLS: start it with scripts/test-postgres.sh")
        return (certificate as NSString).deletingLastPathComponent
    }

    /// The command with every libpq variable from the test's own environment unset, so only
    /// what the test gives counts.
    static func run(
        _ arguments: [String], _ workspace: Workspace, _ environment: [String: String], shell: Bool = false
    ) throws -> CommandResult {
        var clean = [
            "PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGPASSFILE", "PGSERVICE",
            "PGSERVICEFILE", "PGSSLMODE", "PGSSLROOTCERT", "PGCONNECT_TIMEOUT", "PGOPTIONS", "PGAPPNAME",
        ].reduce(into: [String: String]()) { $0[$1] = "" }
        clean["HOME"] = workspace.url.path
        clean["XDG_DATA_HOME"] = workspace.path("data")
        clean.merge(environment) { $1 }
        return try Wizard.run(arguments, in: workspace.url, environment: clean, shell: shell)
    }
}

/// libpq's own ways of naming and reaching a server, each through the real command: a password
/// from ~/.pgpass, a service file, the PG* variables, TLS verified against a certificate
/// authority; and the failures a person meets, each one plain line without the password.
@Suite(
    .enabled(
        if: TestServer.admin != nil,
        "PostgreSQL connection tests skipped: set DMF_TEST_POSTGRES_URL (scripts/test-postgres.sh starts a server)"))
struct PostgresConnectionTests {
    @Test func aPasswordFromThePasswordFileSignsIn() throws {
        let server = try TestServer()
        let role = try server.passwordRole()
        let database = try server.database(owner: role.name)
        defer { server.drop(database: database, role: role.name) }
        let workspace = try Workspace()
        let passwords = try workspace.write(
            "pgpass", "127.0.0.1:\(server.port):\(database):\(role.name):\(role.password)\n")
        chmod(passwords, 0o600)
        try workspace.write("case.yaml", try AnswersFixture.example())
        let address = "postgresql://\(role.name)@127.0.0.1:\(server.port)/\(database)?sslmode=disable"

        let filled = try TestServer.run(
            ["fill", "case.yaml", "--output", "form.md", "--record"], workspace,
            ["DMF_REGISTER_URL": address, "PGPASSFILE": passwords, "DMF_TEST_ACCOUNT": role.name])
        #expect(filled.status == 0, "\(filled.stderr)")
        let reference = try #require(filled.stdout.firstMatch(of: /DMF-\d{8}-[0-9A-Z]{4}/).map { String($0.0) })
        #expect(try server.psql("SELECT count(*) FROM entries", database: database) == "1")

        // ~/.pgpass is where libpq looks without PGPASSFILE.
        try FileManager.default.moveItem(atPath: passwords, toPath: workspace.path(".pgpass"))
        let listed = try TestServer.run(["register", "list"], workspace, ["DMF_REGISTER_URL": address])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(reference))

        // No password anywhere: one line saying where it goes.
        try FileManager.default.removeItem(atPath: workspace.path(".pgpass"))
        let none = try TestServer.run(["register", "list"], workspace, ["DMF_REGISTER_URL": address])
        #expect(none.status == 1)
        #expect(
            none.stderr
                == "dmf-wizard: the register at user=\(role.name) dbname=\(database) host=127.0.0.1 "
                + "port=\(server.port) sslmode=disable cannot be used: the server (127.0.0.1 port \(server.port)) "
                + "asks for a password and none was found: put it in ~/.pgpass (or the file PGPASSFILE names), "
                + "not in the register's address\n")
    }

    @Test func aServiceFileAndThePGVariablesNameTheServer() throws {
        let server = try TestServer()
        let role = try server.passwordRole()
        let database = try server.database(owner: role.name)
        defer { server.drop(database: database, role: role.name) }
        let workspace = try Workspace()
        let passwords = try workspace.write("pgpass", "*:*:*:\(role.name):\(role.password)\n")
        chmod(passwords, 0o600)
        let services = try workspace.write(
            "pg_service.conf",
            """
            [dmf-test]
            host=127.0.0.1
            port=\(server.port)
            dbname=\(database)
            user=\(role.name)
            sslmode=disable

            """)
        for address in ["service=dmf-test", "postgresql:///?service=dmf-test"] {
            let listed = try TestServer.run(
                ["register", "list"], workspace,
                ["DMF_REGISTER_URL": address, "PGSERVICEFILE": services, "PGPASSFILE": passwords])
            #expect(listed.status == 0, "\(address): \(listed.stderr)")
        }
        // PGSERVICE names the service for an address that names nothing.
        let fromVariable = try TestServer.run(
            ["register", "list", "--register", "postgresql://"], workspace,
            ["PGSERVICE": "dmf-test", "PGSERVICEFILE": services, "PGPASSFILE": passwords])
        #expect(fromVariable.status == 0, "\(fromVariable.stderr)")
        let fromPGVariables = try TestServer.run(
            ["register", "list", "--register", "postgresql://"], workspace,
            [
                "PGHOST": "127.0.0.1", "PGPORT": String(server.port), "PGDATABASE": database, "PGUSER": role.name,
                "PGSSLMODE": "disable", "PGPASSFILE": passwords,
            ])
        #expect(fromPGVariables.status == 0, "\(fromPGVariables.stderr)")
        // A service the file does not have: libpq's words, one line.
        let unknown = try TestServer.run(
            ["register", "list"], workspace, ["DMF_REGISTER_URL": "service=nosuch", "PGSERVICEFILE": services])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("service=nosuch cannot be used:") && unknown.stderr.contains("nosuch"))
        #expect(unknown.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func tlsIsVerifiedAgainstTheAuthorityNamed() throws {
        let server = try TestServer()
        let folder = try server.certificates()
        let database = try server.database()
        defer { server.drop(database: database) }
        let workspace = try Workspace()
        func address(_ authority: String) -> String {
            "host=127.0.0.1 port=\(server.port) dbname=\(database) user=postgres sslmode=verify-full "
                + "sslrootcert=\(folder)/\(authority)"
        }
        let trusted = try TestServer.run(["register", "list"], workspace, ["DMF_REGISTER_URL": address("ca.crt")])
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(try server.psql("SELECT count(*) FROM pg_tables WHERE tablename = 'events'", database: database) == "1")

        let wrong = try TestServer.run(["register", "list"], workspace, ["DMF_REGISTER_URL": address("other-ca.crt")])
        #expect(wrong.status == 1)
        #expect(
            wrong.stderr
                == "dmf-wizard: the register at user=postgres dbname=\(database) host=127.0.0.1 port=\(server.port) "
                + "sslmode=verify-full sslrootcert=\(folder)/other-ca.crt cannot be used: connection to server at "
                + "\"127.0.0.1\", port \(server.port) failed: SSL error: certificate verify failed; check that "
                + "sslrootcert names the authority that signed the server's certificate\n")
    }

    @Test func aWrongPasswordIsOneLineWithoutThePassword() throws {
        let server = try TestServer()
        let role = try server.passwordRole()
        let database = try server.database(owner: role.name)
        defer { server.drop(database: database, role: role.name) }
        let workspace = try Workspace()
        let secret = "Wr0ng-" + UUID().uuidString
        let host = "127.0.0.1:\(server.port)"
        let addresses = [
            "postgresql://\(role.name):\(secret)@\(host)/\(database)?sslmode=disable",
            "postgresql://\(role.name)@\(host)/\(database)?sslmode=disable&password=\(secret)",
            "host=127.0.0.1 port=\(server.port) dbname=\(database) user=\(role.name) password=\(secret) sslmode=disable",
        ]
        for address in addresses {
            let result = try TestServer.run(["register", "list"], workspace, ["DMF_REGISTER_URL": address])
            #expect(result.status == 1)
            #expect(
                result.stderr.hasSuffix(
                    "cannot be used: connection to server at \"127.0.0.1\", port \(server.port) failed: "
                        + "password authentication failed for user \"\(role.name)\"; check the password for this "
                        + "server in ~/.pgpass (or the file PGPASSFILE names)\n"), "\(result.stderr)")
            #expect(!result.stderr.contains(secret), "the password is never shown")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        }
        // The same from a password file.
        let passwords = try workspace.write("pgpass", "*:*:*:\(role.name):\(secret)\n")
        chmod(passwords, 0o600)
        let fromFile = try TestServer.run(
            ["register", "list", "--register", "postgresql://\(role.name)@\(host)/\(database)?sslmode=disable"],
            workspace, ["PGPASSFILE": passwords])
        #expect(fromFile.status == 1)
        #expect(fromFile.stderr.contains("password authentication failed") && !fromFile.stderr.contains(secret))
    }

    @Test func aServerThatNeverAnswersIsGivenUpWithinItsConnectTimeout() throws {
        let listener = try SilentListener()
        let workspace = try Workspace()
        let started = Date()
        let result = try TestServer.run(
            ["register", "list"], workspace,
            ["DMF_REGISTER_URL": "postgresql://dmf@127.0.0.1:\(listener.port)/register?connect_timeout=2"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "dmf-wizard: the register at user=dmf connect_timeout=2 dbname=register host=127.0.0.1 "
                + "port=\(listener.port) cannot be used: the register's server (127.0.0.1 port \(listener.port)) "
                + "did not answer within 2 s; try again later, or ask whoever runs it whether it is working\n")
        #expect(elapsed < 8, "gave up after \(elapsed) s")

        // PGCONNECT_TIMEOUT counts when the string sets none.
        let fromVariable = try TestServer.run(
            ["register", "list", "--register", "postgresql://dmf@127.0.0.1:\(listener.port)/register"], workspace,
            ["PGCONNECT_TIMEOUT": "3"])
        #expect(fromVariable.status == 1)
        #expect(fromVariable.stderr.contains("did not answer within 3 s"), "\(fromVariable.stderr)")
    }

    /// Without a connect_timeout of its own, `fill --record` waits 10 s, keeps its documents, and
    /// prints the command that records them later, which works once a server answers.
    @Test func fillKeepsItsDocumentsWhenTheServerNeverAnswers() throws {
        let server = try TestServer()
        let listener = try SilentListener()
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        let started = Date()
        let filled = try TestServer.run(
            ["fill", "case.yaml", "--output", "form.md", "--record"], workspace,
            ["DMF_REGISTER_URL": "postgresql://dmf@127.0.0.1:\(listener.port)/register"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(filled.status == 6, "\(filled.stderr)")
        #expect(elapsed >= 9 && elapsed < 20, "gave up after \(elapsed) s")
        #expect(filled.stderr.contains("did not answer within 10 s"))
        #expect(FileManager.default.fileExists(atPath: workspace.path("form.md")))
        let later = try #require(
            filled.stderr.firstMatch(of: /To record them later: dmf-wizard (register add [^\n]*)/).map { String($0.1) })

        let database = try server.database()
        defer { server.drop(database: database) }
        let recorded = try TestServer.run(
            ["-c", "exec \"$0\" \(later)", Wizard.executable.path], workspace,
            [
                "DMF_REGISTER_URL":
                    "postgresql://postgres@127.0.0.1:\(server.port)/\(database)?sslmode=disable",
                "DMF_TEST_ACCOUNT": "postgres",
            ], shell: true)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("Recorded in the register as"))
        // Found from the environment: the command does not name the register.
        #expect(!later.contains("--register"))
    }

    /// Named with `--register` and a password in it: the command printed for later names the same
    /// register without the password, and records there once the database exists, signing in
    /// with the password from the password file.
    @Test func theRecordLaterCommandCarriesTheRegisterWithoutItsPassword() throws {
        let server = try TestServer()
        let role = try server.passwordRole()
        let database = TestServer.name("dmf_later_")
        defer { server.drop(database: database, role: role.name) }
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        let address = "postgresql://\(role.name):\(role.password)@127.0.0.1:\(server.port)/\(database)?sslmode=disable"
        let filled = try TestServer.run(
            ["fill", "case.yaml", "--output", "form.md", "--record", "--register", address], workspace, [:])
        #expect(filled.status == 6, "\(filled.stderr)")
        #expect(filled.stderr.contains("database \"\(database)\" does not exist"), "\(filled.stderr)")
        #expect(!filled.stderr.contains(role.password) && !filled.stdout.contains(role.password))
        let later = try #require(
            filled.stderr.firstMatch(of: /To record them later: dmf-wizard (register add [^\n]*)/).map { String($0.1) })
        #expect(
            later.hasSuffix(
                " --register 'user=\(role.name) dbname=\(database) host=127.0.0.1 port=\(server.port) sslmode=disable'"),
            "\(later)")

        try server.psql("CREATE DATABASE \(database) OWNER \(role.name)")
        let passwords = try workspace.write(
            "pgpass", "127.0.0.1:\(server.port):\(database):\(role.name):\(role.password)\n")
        chmod(passwords, 0o600)
        let recorded = try TestServer.run(
            ["-c", "exec \"$0\" \(later)", Wizard.executable.path], workspace,
            ["PGPASSFILE": passwords, "DMF_TEST_ACCOUNT": role.name], shell: true)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("Recorded in the register as"))
        #expect(try server.psql("SELECT count(*) FROM entries", database: database) == "1")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("data/dmf-wizard/register.sqlite")))
    }
}

/// libpq is not linked into the binary: it is loaded the first time a register on PostgreSQL is
/// opened, so `fill` and the first screen never load it or what it brings (Kerberos, LDAP, TLS).
@Suite struct LibPQLoadingTests {
    @Test func libpqIsLoadedOnlyForARegisterOnPostgreSQL() throws {
        let linked = try LinkedLibraries.ofWizard()
        #expect(!linked.contains("libpq.so"), "\(linked)")

        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        let filled = try TestServer.run(
            ["fill", "case.yaml", "--output", "form.md"], workspace,
            ["LD_DEBUG": "libs", "DMF_REGISTER_URL": "postgresql://dmf@127.0.0.1:1/register"])
        #expect(filled.status == 0)
        #expect(!filled.stderr.contains("libpq.so"), "fill loaded libpq")
        // The same trace does show libpq when a register on PostgreSQL is opened.
        let listed = try TestServer.run(
            ["register", "list"], workspace,
            ["LD_DEBUG": "libs", "DMF_REGISTER_URL": "postgresql://dmf@127.0.0.1:1/register"])
        #expect(listed.status == 1)
        #expect(listed.stderr.contains("libpq.so.5"))
    }
}

extension LibPQLoadingTests {
    /// Without libpq5 the message says what to install. libpq is hidden in a mount namespace of
    /// the command's own (bind-mounting /dev/null over it), which needs root, as in CI.
    @Test func withoutLibpqTheMessageSaysWhatToInstall() throws {
        let script = """
            for library in $(/sbin/ldconfig -p | sed -n 's/.*libpq\\.so\\.5 .*=> //p'); do \
            mount --bind /dev/null "$library" || exit 99; done; \
            exec "$0" register list --register postgresql://dmf@127.0.0.1:1/register
            """
        let result = try Spawn.run(
            ["unshare", "-m", "/bin/sh", "-c", script, Wizard.executable.path],
            environment: ProcessInfo.processInfo.environment, timeout: 30)
        if result.status == 99 || result.stderr.hasPrefix("unshare:") {
            try Test.cancel("skipped: libpq cannot be hidden here (needs root and mount namespaces)")
        }
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "dmf-wizard: the register at a PostgreSQL server cannot be used: PostgreSQL's client library "
                + "(libpq5) is not installed: apt install libpq5\n")
    }
}

/// A TCP port that accepts connections (the kernel completes them) and never says a word, as a
/// stopped or wedged server does.
final class SilentListener {
    let port: Int
    private let socket: Int32

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socket >= 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(bound == 0 && listen(socket, 16) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(socket) }
}
