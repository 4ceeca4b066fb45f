import Foundation
import TestSupport
import Testing

/// The register's checkpoints, proofs and witnesses as people use them: real keys from
/// ssh-keygen, the built binary, and OpenSSH alone checking what it signs.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen"), "needs openssh-client"))
struct CheckpointEndToEndTests {
    typealias Desk = ProofEndToEndTests.Desk

    @Test func aCheckpointIsSignedKeptAndCheckedByAnyone() throws {
        let desk = try Desk()
        let reference = try desk.recorded()
        let unsigned = try desk.run(["register", "checkpoint", "--output", "daily.checkpoint"])
        #expect(unsigned.status == 1 && unsigned.stderr.contains("no signing key is set up"), "\(unsigned.stderr)")

        let made = try desk.run(["register", "checkpoint", "--output", "daily.checkpoint"], key: "keeper")
        #expect(made.status == 0, "\(made.stderr)")
        let text = try desk.workspace.contents("daily.checkpoint")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[0].hasPrefix("dmf-wizard register ") && lines[1] == "1", "\(text)")
        #expect(
            try desk.keygenAccepts(
                "daily.checkpoint", principal: "keeper@moj.example", namespace: "dmf-wizard-checkpoint"))
        #expect(
            !(try desk.keygenAccepts(
                "daily.checkpoint", principal: "keeper@moj.example", namespace: "dmf-wizard-decision")))
        // Not written over without --force.
        #expect(try desk.run(["register", "checkpoint", "--output", "daily.checkpoint"], key: "keeper").status == 1)

        #expect(try desk.run(["register", "authorise", reference, "--by", "Jo Owner"], key: "iao").status == 0)
        let checked = try desk.run(["register", "check", "--checkpoint", "daily.checkpoint"])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.hasPrefix("Checkpoint daily.checkpoint: signed by keeper@moj.example (key SHA256:"))
        #expect(checked.stdout.contains("The register extends the checkpoint"), "\(checked.stdout)")

        // Signed by a key the checker does not trust for checkpoints: said, and not passed.
        try desk.keygenSigns("daily.checkpoint", key: "sam", namespace: "dmf-wizard-checkpoint")
        let untrusted = try desk.run(["register", "check", "--checkpoint", "daily.checkpoint"])
        #expect(untrusted.status == 1 && untrusted.stdout.contains("NOT TRUSTED"), "\(untrusted.stdout)")
    }

    /// A backup put back: the checkpoint made since says, in plain words, what is missing.
    @Test func aRestoredBackupIsSaidToBeOne() throws {
        let desk = try Desk()
        let reference = try desk.recorded()
        let register = desk.workspace.path("data/dmf-wizard/register.sqlite")
        #expect(try desk.run(["register", "checkpoint", "--output", "monday"], key: "keeper").status == 0)
        // A backup as a file copy: the register is closed between commands, so the file is whole.
        try FileManager.default.copyItem(atPath: register, toPath: desk.workspace.path("backup.sqlite"))
        #expect(try desk.run(["register", "authorise", reference, "--by", "Jo Owner"], key: "iao").status == 0)
        #expect(try desk.run(["register", "checkpoint", "--output", "tuesday"], key: "keeper").status == 0)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: register + suffix) }
        try FileManager.default.copyItem(atPath: desk.workspace.path("backup.sqlite"), toPath: register)

        #expect(try desk.run(["register", "check"]).status == 0, "the restored copy is whole in itself")
        let checked = try desk.run(["register", "check", "--checkpoint", "tuesday"])
        #expect(checked.status == 1)
        #expect(
            checked.stdout.contains(
                "The checkpoint records 2 events, but the register holds only 1: events after 1 are missing: "
                    + "a restored backup or a rollback."), "\(checked.stdout)")
        // The checkpoint made before the backup still holds; the decision imported again (as README
        // says to do after a restore) is back, and the register extends Monday's checkpoint again.
        #expect(try desk.run(["register", "check", "--checkpoint", "monday"]).status == 0)
    }

    @Test func theOtherPartyChecksTheirEventsAgainstTheCheckpoint() throws {
        let desk = try Desk()
        let reference = try desk.recorded()
        let none = try desk.run(["register", "prove", reference])
        #expect(none.status == 1 && none.stderr.contains("no checkpoint has been made"), "\(none.stderr)")
        #expect(try desk.run(["register", "authorise", reference, "--by", "Jo Owner"], key: "iao").status == 0)
        _ = try desk.run(["fill", "case.yaml", "--output", "other.md", "--record", "--force"])
        #expect(try desk.run(["register", "checkpoint", "--output", "cp"], key: "keeper").status == 0)
        try FileManager.default.createDirectory(atPath: desk.workspace.path("out"), withIntermediateDirectories: true)
        let proved = try desk.run(["register", "prove", reference, "--output-dir", "out"])
        #expect(proved.status == 0, "\(proved.stderr)")
        #expect(proved.stdout.contains("2 events proved"), "\(proved.stdout)")
        let proofs = try desk.workspace.contents("out/\(reference).proof")
        #expect(proofs.components(separatedBy: "c2sp.org/tlog-proof@v1\nextra ").count == 3)
        #expect(
            try desk.keygenAccepts(
                "out/\(reference).checkpoint", principal: "keeper@moj.example", namespace: "dmf-wizard-checkpoint"))

        let verified = try desk.run([
            "register", "verify-proof", "out/\(reference).proof", "out/\(reference).checkpoint",
        ])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("signed by keeper@moj.example"))
        #expect(
            verified.stdout.contains("Event 1 (hash ") && verified.stdout.contains("Event 2 (hash "),
            "\(verified.stdout)")

        // A hash changed in a proof, or a checkpoint nobody trusted: refused, saying why.
        let tampered = proofs.replacingOccurrences(of: "index 1\n", with: "index 0\n")
        try desk.workspace.write("tampered.proof", tampered)
        let wrong = try desk.run(["register", "verify-proof", "tampered.proof", "out/\(reference).checkpoint"])
        #expect(wrong.status == 1 && wrong.stdout.contains("NOT PROVED"), "\(wrong.stdout)")
        try desk.keygenSigns("out/\(reference).checkpoint", key: "nobody", namespace: "dmf-wizard-checkpoint")
        let unlisted = try desk.run([
            "register", "verify-proof", "out/\(reference).proof", "out/\(reference).checkpoint",
        ])
        #expect(unlisted.status == 1 && unlisted.stdout.contains("NOT TRUSTED"), "\(unlisted.stdout)")
    }

    /// Every form saved with a register and every receipt recorded in one says where the
    /// register stood; a form written without a register says nothing of it.
    @Test func formsAndReceiptsWitnessTheRegister() throws {
        let desk = try Desk()
        let plain = try desk.run(["fill", "case.yaml", "--output", "plain.md"])
        #expect(plain.status == 0)
        #expect(!(try desk.workspace.contents("plain.md")).contains("Register position"))

        let reference = try desk.recorded()
        let form = try String(
            contentsOfFile: desk.workspace.path("forms/\(reference).md"), encoding: .utf8)
        #expect(form.contains("Register position: dmf-wizard register "), "\(form)")
        #expect(
            form.contains(
                ", 0 events, root hash 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= (before this form's entry)"))
        let json = try desk.run([
            "fill", "case.yaml", "--format", "json", "--output", "again.json", "--record", "--force",
        ])
        #expect(json.status == 0)
        #expect(try desk.workspace.contents("again.json").contains("\"register_position\""))

        #expect(try desk.run(["register", "authorise", reference, "--by", "Jo Owner"], key: "iao").status == 0)
        #expect(try desk.run(["seal", reference, "send/extract.csv", "--by", "Sam"], key: "sam").status == 0)
        let verified = try desk.run(
            ["verify", "send/\(reference).manifest.json", "--by", "Rita", "--receipt", "receipt.json"], key: "rita")
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("Register position: dmf-wizard register "), "\(verified.stdout)")
        #expect(verified.stdout.contains(": 3 events, root hash "))
        let receipt = try desk.workspace.contents("receipt.json")
        #expect(receipt.contains("\"register_position\"") && receipt.contains("\"events\" : 3"), "\(receipt)")
        #expect(try desk.keygenAccepts("receipt.json", principal: "rita@moj.example", namespace: "dmf-wizard-receipt"))
    }

    /// Retention as an office uses it: nothing is due until a period is set; then the entry is
    /// listed and redacted, and the checkpoint made before still holds.
    @Test func anEntryIsRedactedAfterItsRetentionPeriod() throws {
        let desk = try Desk()
        let reference = try desk.recorded()
        #expect(try desk.run(["register", "authorise", reference, "--by", "Jo Owner"], key: "iao").status == 0)
        #expect(try desk.run(["register", "sent", reference, "send/extract.csv", "--by", "Sam"]).status == 0)
        #expect(try desk.run(["register", "deleted", reference, "--copy", "all", "--by", "Sam"]).status == 0)
        let shown = try desk.run(["register", "retention"])
        #expect(shown.stdout.hasPrefix("No retention period is set"), "\(shown.stdout)")
        let early = try desk.run(["register", "redact", reference, "--by", "Dee Pio"])
        #expect(early.status == 1 && early.stderr.contains("no retention period is set"), "\(early.stderr)")
        #expect(try desk.run(["register", "retention", "--set", "forever", "--by", "Dee"]).status == 2)

        let set = try desk.run(["register", "retention", "--set", "90d", "--by", "Dee Pio"], key: "iao")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("90 days after every copy is deleted"), "\(set.stdout)")
        let notYet = try desk.run(["register", "redact", reference, "--by", "Dee Pio"])
        #expect(notYet.status == 1 && notYet.stderr.contains("are kept until"), "\(notYet.stderr)")
        #expect(!(try desk.run(["register", "due"])).stdout.contains("redaction"))

        #expect(try desk.run(["register", "checkpoint", "--output", "cp"], key: "keeper").status == 0)
        // Ninety-one days later on the register's clock.
        let later = ["DMF_TEST_REGISTER_TIME": Self.daysFromNow(91)]
        let due = try desk.run(["register", "due"], later)
        #expect(due.stdout.contains("\(reference)  ") && due.stdout.contains("1 redaction overdue"), "\(due.stdout)")
        let redacted = try desk.run(["register", "redact", reference, "--by", "Dee Pio"], key: "iao", later)
        #expect(redacted.status == 0, "\(redacted.stderr)")
        #expect(redacted.stdout.contains("its answers and the requester's name were removed"), "\(redacted.stdout)")
        let show = try desk.run(["register", "show", reference], later)
        #expect(
            show.stdout.contains("(removed)") && show.stdout.contains("Answers and names removed"), "\(show.stdout)")
        let checked = try desk.run(["register", "check", "--checkpoint", "cp"], later)
        #expect(checked.status == 0, "\(checked.stdout)")
    }

    /// The register's clock `days` after now, as the debug build reads it (seconds since 1970).
    static func daysFromNow(_ days: Int) -> String { String(Int(Date().timeIntervalSince1970) + days * 86_400) }
}
