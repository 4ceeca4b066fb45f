import Foundation
import TestSupport
import Testing

/// The register screen signing an IAO's decision with a real OpenSSH key, in tmux, as a person
/// would: with a key that needs nothing, with one whose passphrase ssh-keygen asks for on the
/// terminal, and Ctrl-C at that prompt. What it records is then shown signed, and accepted by
/// `ssh-keygen -Y verify` alone. On PostgreSQL too when `DMF_TEST_POSTGRES_URL` names a server.
@Suite(
    .serialized, .enabled(if: TmuxTerminal.isAvailable, "tmux is not installed"),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen"), "needs openssh-client"))
struct RegisterScreenInTmuxTests {
    enum Store: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
        static var available: [Store] { TestServer.admin == nil ? [.sqlite] : [.sqlite, .postgres] }
    }

    /// A workspace with the IAO's key (made in the test, with `passphrase`), the allowed signers
    /// listing it for decisions, and the example assessment recorded in a register of `store`.
    final class Desk {
        let workspace: Workspace
        let key: String
        /// The register's variables: the default file, or a database of the test's own.
        var registerEnvironment: [String: String]
        private var database: (server: TestServer, name: String)?
        var reference = ""

        init(store: Store, passphrase: String = "") throws {
            workspace = try Workspace()
            key = workspace.path("iao")
            let made = try Spawn.run(
                ["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "iao", "-f", key],
                environment: ProcessInfo.processInfo.environment, timeout: 30)
            try #require(made.status == 0, "\(made.stderr)")
            let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8)
                .split(separator: " ").prefix(2).joined(separator: " ")
            try workspace.write("allowed_signers", "iao@moj.example namespaces=\"dmf-wizard-decision\" \(publicKey)\n")
            try workspace.write("case.yaml", try AnswersFixture.example())
            switch store {
            case .sqlite:
                registerEnvironment = ["XDG_DATA_HOME": workspace.path("data"), "DMF_REGISTER_URL": ""]
            case .postgres:
                let server = try TestServer()
                let name = try server.database()
                database = (server, name)
                registerEnvironment = [
                    "DMF_REGISTER_URL": "postgresql://postgres@127.0.0.1:\(server.port)/\(name)?sslmode=disable",
                    "DMF_TEST_ACCOUNT": "postgres",
                ]
            }
            let filled = try run(["fill", "case.yaml", "--output-dir", "forms", "--record"])
            try #require(filled.status == 0, "\(filled.stderr)")
            reference = try #require(filled.stdout.firstMatch(of: /DMF-\d{8}-[0-9A-Z]{4}/).map { String($0.0) })
        }

        deinit { if let database { database.server.drop(database: database.name) } }

        var environment: [String: String] {
            registerEnvironment.merging(
                [
                    "DMF_ALLOWED_SIGNERS": workspace.path("allowed_signers"), "DMF_SIGNING_KEY": key,
                    "HOME": workspace.path("home"), "XDG_STATE_HOME": workspace.path("state"), "SSH_AUTH_SOCK": "",
                ]) { $1 }
        }

        func run(_ arguments: [String]) throws -> CommandResult {
            try Wizard.run(arguments, in: workspace.url, environment: environment)
        }

        /// The wizard in tmux with this desk's key (`--key`), allowed signers and register; afterwards the
        /// shell says how it ended and whether the terminal's line editing is back. `trap '' INT`
        /// keeps the shell alive on Ctrl-C (tmux signals the whole foreground group).
        func terminal() throws -> TmuxTerminal {
            // The key is named by --key here, and by DMF_SIGNING_KEY for the commands run beside.
            var shown = environment
            shown["DMF_SIGNING_KEY"] = ""
            let variables = shown.sorted { $0.key < $1.key }.map { name, value in
                value.isEmpty ? "unset \(name)" : "export \(name)='\(value)'"
            }
            let script =
                [
                    "trap '' INT", "cd '\(workspace.url.path)'",
                    "export TERM=xterm-256color SOURCE_DATE_EPOCH=\(Wizard.epoch)",
                ]
                + variables + [
                    "'\(Wizard.executable.path)' --key '\(key)'", "status=$?",
                    "echo \"EXIT=$status MODES=$(stty -a | tr ' ' '\\n' | grep -x -- '-*icanon')\"", "sleep 30",
                ]
            try workspace.write("wizard.sh", script.joined(separator: "\n") + "\n")
            return try TmuxTerminal("sh '\(workspace.path("wizard.sh"))'")
        }

        /// From the start menu to the entry, then authorise as Jo Owner and confirm.
        func authorise(in terminal: TmuxTerminal) throws {
            try terminal.openRegisterEntry(reference)
            try terminal.send("a")
            try terminal.waitFor("Authorised by the IAO: \(reference)")
            try terminal.type("Jo Owner")
            try terminal.send("Enter")
            try terminal.waitFor("Press y to record it")
            try terminal.send("y")
        }

        /// The decision as recorded: its signed statement and signature, from `register show`.
        func recordedDecision() throws -> (statement: String, signature: String)? {
            let shown = try run(["register", "show", reference, "--format", "json"])
            let json = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
            let events = try #require(json?["events"] as? [[String: Any]], "\(shown.stdout)\(shown.stderr)")
            guard let decision = events.first(where: { $0["kind"] as? String == "authorised" }) else { return nil }
            let proof = try #require(decision["proof"] as? [String: String], "the decision is not signed")
            return (try #require(proof["statement"]), try #require(proof["signature"]))
        }

        /// `ssh-keygen -Y verify` of what the register keeps, against the allowed signers.
        func keygenAccepts(_ decision: (statement: String, signature: String)) throws -> Bool {
            try workspace.write("decision", decision.statement)
            try workspace.write("decision.sig", decision.signature)
            let verified = try Spawn.run(
                [
                    "/bin/sh", "-c",
                    "/usr/bin/ssh-keygen -Y verify -f allowed_signers -I iao@moj.example -n dmf-wizard-decision "
                        + "-s decision.sig < decision",
                ], environment: ProcessInfo.processInfo.environment, in: workspace.url.path, timeout: 30)
            return verified.status == 0
        }
    }

    @Test(arguments: Store.available) func theRegisterScreenSignsADecisionThatSSHKeygenAccepts(store: Store) throws {
        let desk = try Desk(store: store)
        let terminal = try desk.terminal()
        try desk.authorise(in: terminal)
        try terminal.waitFor("Recorded:", "Authorised", "SHA256:", "trusted:", "iao@moj.example", timeout: 20)
        try terminal.quitFromRegisterEntry()

        let shown = try desk.run(["register", "show", desk.reference])
        #expect(shown.stdout.contains("Authorised by the IAO — Jo Owner (account "), "\(shown.stdout)")
        #expect(shown.stdout.contains("       Signed with key SHA256:"), "\(shown.stdout)")
        #expect(shown.stdout.contains("(trusted: iao@moj.example)"))
        let decision = try #require(try desk.recordedDecision())
        #expect(decision.statement.contains("by=Jo Owner"), "\(decision.statement)")
        #expect(try desk.keygenAccepts(decision))
        #expect(!(try desk.keygenAccepts((decision.statement + "x", decision.signature))))
    }

    /// A key with a passphrase: the screen gives way to ssh-keygen's own prompt, the passphrase
    /// typed there signs, and the register screen comes back with the decision recorded.
    @Test func aPassphraseTypedAtSSHKeygensPromptSigns() throws {
        let desk = try Desk(store: .sqlite, passphrase: "correct horse")
        let terminal = try desk.terminal()
        try desk.authorise(in: terminal)
        try terminal.waitFor("Signing the authorisation of \(desk.reference)", "passphrase:", timeout: 20)
        try terminal.type("correct horse")
        try terminal.send("Enter")
        try terminal.waitFor("What has happened", "Recorded:", "trusted:", "iao@moj.example", timeout: 20)
        try terminal.quitFromRegisterEntry(ending: "EXIT=0 MODES=icanon")
        #expect(try desk.keygenAccepts(try #require(try desk.recordedDecision())))
    }

    /// Ctrl-C at ssh-keygen's prompt ends the wizard as Ctrl-C always does: the terminal
    /// restored, exit 130, and nothing recorded.
    @Test func ctrlCAtThePassphrasePromptRestoresTheTerminalAndRecordsNothing() throws {
        let desk = try Desk(store: .sqlite, passphrase: "correct horse")
        let terminal = try desk.terminal()
        try desk.authorise(in: terminal)
        try terminal.waitFor("Signing the authorisation of \(desk.reference)", "passphrase:", timeout: 20)
        try terminal.send("C-c")
        try terminal.waitFor("EXIT=130 MODES=icanon", timeout: 20)
        #expect(try desk.recordedDecision() == nil)
    }
}
