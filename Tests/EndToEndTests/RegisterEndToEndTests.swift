import Foundation
import TestSupport
import Testing

/// The register's commands as a person runs them: record a transfer, authorise it, seal the
/// files, verify them on arrival, and check the chain; and a register that cannot be reached.
@Suite struct RegisterEndToEndTests {
    static func run(_ arguments: [String], _ workspace: Workspace) throws -> CommandResult {
        try Wizard.run(
            arguments, in: workspace.url,
            environment: ["XDG_DATA_HOME": workspace.path("data"), "DMF_REGISTER_URL": ""])
    }

    @Test func aTransferFromAssessmentToReceipt() throws {
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        let filled = try Self.run(["fill", "case.yaml", "--output", "form.md", "--record"], workspace)
        #expect(filled.status == 0, "\(filled.stderr)")
        let reference = try #require(filled.stdout.firstMatch(of: /DMF-\d{8}-[0-9A-Z]{4}/).map { String($0.0) })

        try FileManager.default.createDirectory(atPath: workspace.path("send"), withIntermediateDirectories: true)
        try workspace.write("send/extract.csv", "id,name\n1,A\n")
        let early = try Self.run(["seal", reference, "send/extract.csv", "--by", "Sam"], workspace)
        #expect(early.status == 1)
        #expect(early.stderr.contains("needs the IAO's authorisation"))

        let authorised = try Self.run(
            ["register", "authorise", reference, "--by", "Iris IAO", "--reason", "for the pilot"], workspace)
        #expect(authorised.status == 0, "\(authorised.stderr)")
        let sealed = try Self.run(["seal", reference, "send/extract.csv", "--by", "Sam", "--force"], workspace)
        #expect(sealed.status == 0, "\(sealed.stderr)")
        #expect(sealed.stdout.contains("Recorded as sent"))

        let verified = try Self.run(["verify", "send/\(reference).manifest.json", "--by", "Rita"], workspace)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("matched") && verified.stdout.contains("Recorded as received"))

        let shown = try Self.run(["register", "show", reference], workspace)
        #expect(shown.stdout.contains("Status:          Received"))
        #expect(shown.stdout.contains("Authorised by the IAO — Iris IAO (account "))
        #expect(shown.stdout.contains("): for the pilot\n       Unsigned\n"), "no key is set up: shown as unsigned")
        let listed = try Self.run(["register", "list", "--status", "received", "--format", "json"], workspace)
        #expect(listed.stdout.contains("\"reference\" : \"\(reference)\""))
        let checked = try Self.run(["register", "check"], workspace)
        #expect(checked.status == 0)
        #expect(checked.stdout.contains("The register is intact: 1 entries, 4 events"))

        // The file changed after sealing: verify says so and exits 1.
        try workspace.write("send/extract.csv", "id,name\n1,B\n")
        let changed = try Self.run(["verify", "send/\(reference).manifest.json"], workspace)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("changed"))
    }

    /// `fill --record --register FILE` while that file cannot be used: the documents are kept,
    /// and the command printed to record them later names the same register, so run as printed
    /// (once the file is put right) it records there, not in the default register.
    @Test func theRecordLaterCommandRecordsInTheRegisterNamed() throws {
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        try workspace.write("team register.sqlite", "this is a spreadsheet, not a register\n")
        let filled = try Self.run(
            ["fill", "case.yaml", "--output", "form.md", "--record", "--register", "team register.sqlite"], workspace)
        #expect(filled.status == 6, "\(filled.stderr)")
        #expect(filled.stderr.contains("the file is not a register"))
        let later = try #require(
            filled.stderr.firstMatch(of: /To record them later: dmf-wizard (register add [^\n]*)/).map { String($0.1) })
        #expect(later.hasSuffix(" --register 'team register.sqlite'"), "\(later)")

        try FileManager.default.removeItem(atPath: workspace.path("team register.sqlite"))
        let recorded = try Wizard.run(
            ["-c", "exec \"$0\" \(later)", Wizard.executable.path], in: workspace.url,
            environment: ["XDG_DATA_HOME": workspace.path("data"), "DMF_REGISTER_URL": ""], shell: true)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.hasPrefix("Recorded in the register as DMF-"))
        let listed = try Self.run(
            ["register", "list", "--register", "team register.sqlite", "--format", "csv"], workspace)
        #expect(listed.stdout.split(separator: "\n").count == 2, "\(listed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("data/dmf-wizard/register.sqlite")))
        let checked = try Self.run(["register", "check", "--register", "team register.sqlite"], workspace)
        #expect(checked.stdout == "The register is intact: 1 entries, 1 events, every hash verified.\n")
    }

    /// A long register is listed 50 at a time, saying how many more there are.
    @Test func listsSayHowManyMoreThereAre() throws {
        let workspace = try Workspace()
        let loader = Wizard.executable.deletingLastPathComponent().appendingPathComponent("RegisterLoad").path
        let register = workspace.path("data/dmf-wizard/register.sqlite")
        let loaded = try Spawn.run([loader, register, "60", "L", "--entries-only"], environment: [:], timeout: 60)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let listed = try Self.run(["register", "list"], workspace)
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.count == 1 + 50 + 2, "\(lines.suffix(3))")
        #expect(lines.last == "10 more not shown (60 in all): give --limit N, or --all, to see more.")
        let csv = try Self.run(["register", "list", "--format", "csv", "--limit", "5"], workspace)
        #expect(csv.stdout.split(separator: "\n").count == 6)
        #expect(csv.stderr == "dmf-wizard: 55 more not shown (60 in all): give --limit N, or --all, to see more.\n")
        let all = try Self.run(["register", "list", "--all", "--format", "csv"], workspace)
        #expect(all.stdout.split(separator: "\n").count == 61 && all.stderr.isEmpty)
        let bad = try Self.run(["register", "list", "--limit", "0"], workspace)
        #expect(bad.status == 2)
    }

    @Test func aRegisterThatCannotBeReachedIsOneClearLine() throws {
        let workspace = try Workspace()
        let result = try Wizard.run(
            ["register", "list"], in: workspace.url,
            environment: ["DMF_REGISTER_URL": "postgres://dmf:secret@127.0.0.1:1/register?sslmode=disable"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "dmf-wizard: the register at user=dmf dbname=register host=127.0.0.1 port=1 sslmode=disable cannot be "
                + "used: connection to server at \"127.0.0.1\", port 1 failed: Connection refused. Is the server running "
                + "on that host and accepting TCP/IP connections?\n")
        #expect(!result.stderr.contains("secret"), "the password is never shown")
    }
}
