import Foundation
import TestSupport
import Testing

/// libcrypto is not linked into the binary: it is loaded the first time something is hashed
/// (recording, checking, sealing, verifying), so `fill`, the first screen and lists never load
/// it, and without it each of those commands says in one line what to install.
@Suite struct LibCryptoLoadingTests {
    static func run(
        _ arguments: [String], _ workspace: Workspace, _ environment: [String: String] = [:], shell: Bool = false
    ) throws -> CommandResult {
        try Wizard.run(
            arguments, in: workspace.url,
            environment: ["XDG_DATA_HOME": workspace.path("data"), "DMF_REGISTER_URL": ""].merging(environment) { $1 },
            shell: shell)
    }

    /// A workspace with one assessment recorded in a SQLite register, and its reference.
    static func recorded() throws -> (Workspace, String) {
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        let filled = try run(["fill", "case.yaml", "--output", "form.md", "--record"], workspace)
        try #require(filled.status == 0, "\(filled.stderr)")
        let reference = try #require(filled.stdout.firstMatch(of: /DMF-\d{8}-[0-9A-Z]{4}/).map { String($0.0) })
        return (workspace, reference)
    }

    @Test func theBinaryDoesNotLinkLibcrypto() throws {
        let linked = try LinkedLibraries.ofWizard()
        #expect(!linked.contains("libcrypto"), "\(linked)")
    }

    /// The loader's trace (`LD_DEBUG=libs`) shows libcrypto only for a command that hashes.
    @Test func onlyACommandThatHashesLoadsIt() throws {
        let (workspace, reference) = try Self.recorded()
        let trace = ["LD_DEBUG": "libs"]
        let filled = try Self.run(["fill", "case.yaml", "--output", "again.md"], workspace, trace)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(!filled.stderr.contains("libcrypto"), "fill loaded libcrypto")
        let listed = try Self.run(["register", "list"], workspace, trace)
        #expect(listed.status == 0)
        #expect(listed.stdout.contains(reference))
        #expect(!listed.stderr.contains("libcrypto"), "register list loaded libcrypto")
        // The same trace does show it once something is hashed.
        let checked = try Self.run(["register", "check"], workspace, trace)
        #expect(checked.status == 0)
        #expect(checked.stderr.contains("libcrypto.so.3"))
        let recorded = try Self.run(["fill", "case.yaml", "--output", "recorded.md", "--record"], workspace, trace)
        #expect(recorded.status == 0)
        #expect(recorded.stderr.contains("libcrypto.so.3"))
    }

    /// The full-screen wizard's start screen, with a register to glance at, and the register
    /// screen's list do not load it either.
    @Test(.enabled(if: TmuxTerminal.isAvailable, "tmux is not installed"))
    func theFirstScreenDoesNotLoadIt() throws {
        let (workspace, reference) = try Self.recorded()
        let trace = workspace.path("trace")
        try FileManager.default.createDirectory(atPath: trace, withIntermediateDirectories: true)
        // Every program the line starts writes its own trace file (trace/ld.PID).
        let terminal = try TmuxTerminal(
            "LD_DEBUG=libs LD_DEBUG_OUTPUT=\(trace)/ld " + WizardInTmuxTests.script(workspace))
        try terminal.waitFor("Start a new transfer", "6 The register of recorded transfers")
        try terminal.send("6", "Enter")
        try terminal.waitFor("The register", reference, "/ search")
        try terminal.send("Escape")
        try terminal.waitFor("Start a new transfer")
        try terminal.send("q")
        try terminal.waitFor("EXIT=0")
        let traces = try FileManager.default.contentsOfDirectory(atPath: trace).map {
            try String(contentsOfFile: trace + "/" + $0, encoding: .utf8)
        }
        #expect(traces.contains { $0.contains(Wizard.executable.lastPathComponent) }, "no trace of the wizard")
        #expect(!traces.contains { $0.contains("libcrypto") }, "the wizard loaded libcrypto")
    }

    /// Without libssl3 each command that hashes says what to install, in one line, and `fill
    /// --record` keeps the documents. libcrypto is hidden in a mount namespace of the command's
    /// own (bind-mounting /dev/null over it), which needs root, as in CI.
    @Test func withoutLibcryptoEachCommandSaysWhatToInstall() throws {
        let (workspace, reference) = try Self.recorded()
        try FileManager.default.createDirectory(atPath: workspace.path("send"), withIntermediateDirectories: true)
        try workspace.write("send/extract.csv", "id,name\n1,A\n")
        let sealed = try Self.run(["seal", reference, "send/extract.csv", "--by", "Sam", "--no-record"], workspace)
        try #require(sealed.status == 0, "\(sealed.stderr)")
        let hide = try workspace.write(
            "hide-libcrypto.sh",
            """
            for library in $(/sbin/ldconfig -p | sed -n 's/.*libcrypto\\.so\\.3 .*=> //p'); do
                mount --bind /dev/null "$library" || exit 99
            done
            exec "$@"
            """)
        func hidden(_ arguments: [String]) throws -> CommandResult {
            let result = try Self.run(
                ["-c", "exec unshare -m /bin/sh \"$@\"", "sh", hide, Wizard.executable.path] + arguments, workspace,
                [:], shell: true)
            if result.status == 99 || result.stderr.hasPrefix("unshare:") {
                try Test.cancel("skipped: libcrypto cannot be hidden here (needs root and mount namespaces)")
            }
            return result
        }
        let missing = "OpenSSL's library (libssl3) is not installed: apt install libssl3"
        let register = "the register at \(workspace.path("data"))/dmf-wizard/register.sqlite cannot be used"

        let listed = try hidden(["register", "list"])
        #expect(listed.status == 0, "lists do not hash: \(listed.stderr)")
        #expect(listed.stdout.contains(reference))

        let checked = try hidden(["register", "check"])
        #expect(checked.status == 1)
        #expect(checked.stderr == "dmf-wizard: \(register): \(missing)\n")

        let filled = try hidden(["fill", "case.yaml", "--output", "kept.md", "--record"])
        #expect(filled.status == 6)
        #expect(filled.stderr.hasPrefix("dmf-wizard: not recorded in the register: \(register): \(missing)\n"))
        #expect(filled.stderr.contains("The documents are saved. To record them later:"))
        #expect(try workspace.files().contains("kept.md"))

        let resealed = try hidden(["seal", reference, "send/extract.csv", "--by", "Sam", "--no-record", "--force"])
        #expect(resealed.status == 1)
        #expect(resealed.stderr == "dmf-wizard: \(missing); nothing was sealed\n")

        let verified = try hidden(["verify", "send/\(reference).manifest.json"])
        #expect(verified.status == 1)
        #expect(verified.stderr == "dmf-wizard: \(missing)\n")

        let sent = try hidden(["register", "sent", reference, "--by", "Sam", "send/extract.csv"])
        #expect(sent.status == 1)
        #expect(sent.stderr == "dmf-wizard: \(missing)\n")
    }
}
