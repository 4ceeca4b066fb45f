import Foundation
import TestSupport
import Testing

/// Proof that cannot be denied, as people use it: keys made with ssh-keygen, an allowed-signers
/// file, and the built binary. Each signature dmf-wizard makes is checked with ssh-keygen alone,
/// and what ssh-keygen signs is accepted by dmf-wizard, for the manifest, receipt and decision
/// namespaces (the checkpoint namespace is covered by the signature module's own tests).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen"), "needs openssh-client"))
struct ProofEndToEndTests {
    /// A workspace with five keys: the IAO's (decisions), the sender's (manifests), the
    /// recipient's (receipts), the register keeper's (checkpoints) and one nobody lists; and the
    /// allowed signers naming the first four.
    final class Desk {
        let workspace: Workspace
        init() throws {
            workspace = try Workspace()
            try FileManager.default.createDirectory(
                atPath: workspace.path("keys"), withIntermediateDirectories: true)
            var lines: [String] = []
            for (name, namespaces) in [
                ("iao", "dmf-wizard-decision"), ("sam", "dmf-wizard-manifest"), ("rita", "dmf-wizard-receipt"),
                ("keeper", "dmf-wizard-checkpoint"), ("nobody", ""),
            ] {
                let key = workspace.path("keys/\(name)")
                let made = try Spawn.run(
                    ["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key],
                    environment: ProcessInfo.processInfo.environment, timeout: 30)
                #expect(made.status == 0, "\(made.stderr)")
                let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8)
                    .split(separator: " ").prefix(2).joined(separator: " ")
                if !namespaces.isEmpty { lines.append("\(name)@moj.example namespaces=\"\(namespaces)\" \(publicKey)") }
            }
            try workspace.write("allowed_signers", lines.joined(separator: "\n") + "\n")
            try workspace.write("case.yaml", try AnswersFixture.example())
            try FileManager.default.createDirectory(atPath: workspace.path("send"), withIntermediateDirectories: true)
            try workspace.write("send/extract.csv", "id,name\n1,A\n")
        }

        func key(_ name: String) -> String { workspace.path("keys/\(name)") }

        /// Runs dmf-wizard signing with `key` (none: no key), this desk's register and allowed signers
        /// (with `shell`, `arguments` go to `/bin/sh`, as `Wizard.run` says).
        func run(
            _ arguments: [String], key: String? = nil, _ extra: [String: String] = [:], shell: Bool = false
        ) throws -> CommandResult {
            var environment = [
                "XDG_DATA_HOME": workspace.path("data"), "DMF_REGISTER_URL": "",
                "DMF_ALLOWED_SIGNERS": workspace.path("allowed_signers"), "DMF_SIGNING_KEY": key.map(self.key) ?? "",
                "HOME": workspace.path("home"),
            ]
            environment.merge(extra) { $1 }
            return try Wizard.run(arguments, in: workspace.url, environment: environment, shell: shell)
        }

        /// `ssh-keygen -Y verify` of `file` with `file.sig`, against this desk's allowed signers.
        func keygenAccepts(_ file: String, principal: String, namespace: String) throws -> Bool {
            let result = try Spawn.run(
                [
                    "/bin/sh", "-c",
                    "/usr/bin/ssh-keygen -Y verify -f allowed_signers -I \(principal) -n \(namespace) "
                        + "-s '\(file).sig' < '\(file)'",
                ], environment: ProcessInfo.processInfo.environment, in: workspace.url.path, timeout: 30)
            return result.status == 0
        }

        /// `ssh-keygen -Y sign` of `file` with `key`, as anyone with OpenSSH alone would.
        func keygenSigns(_ file: String, key: String, namespace: String) throws {
            try? FileManager.default.removeItem(atPath: workspace.path(file + ".sig"))
            let result = try Spawn.run(
                [
                    "/usr/bin/ssh-keygen", "-q", "-Y", "sign", "-f", self.key(key), "-n", namespace,
                    workspace.path(file),
                ],
                environment: ProcessInfo.processInfo.environment, timeout: 30)
            #expect(result.status == 0, "\(result.stderr)")
        }

        /// Records the example and returns its reference.
        func recorded() throws -> String {
            let filled = try run(["fill", "case.yaml", "--output-dir", "forms", "--record"])
            #expect(filled.status == 0, "\(filled.stderr)")
            return try #require(filled.stdout.firstMatch(of: /DMF-\d{8}-[0-9A-Z]{4}/).map { String($0.0) })
        }
    }

    @Test func anIAOsDecisionIsSignedAndAnyoneCanCheckIt() throws {
        let desk = try Desk()
        let reference = try desk.recorded()

        // A key nobody lists, and a key listed for other things, cannot record a decision.
        let unlisted = try desk.run(["register", "authorise", reference, "--by", "Jo Owner"], key: "nobody")
        #expect(unlisted.status == 1)
        #expect(unlisted.stderr.contains("is not in the allowed signers"), "\(unlisted.stderr)")
        let sender = try desk.run(["register", "authorise", reference, "--by", "Jo Owner"], key: "sam")
        #expect(sender.status == 1)
        #expect(sender.stderr.contains("not allowed to sign decisions"), "\(sender.stderr)")

        let authorised = try desk.run(
            ["register", "authorise", reference, "--by", "Jo Owner", "--reason", "for the pilot"], key: "iao")
        #expect(authorised.status == 0, "\(authorised.stderr)")
        #expect(authorised.stdout.contains("Signed with key SHA256:"), "\(authorised.stdout)")
        #expect(authorised.stdout.contains(" (trusted: iao@moj.example).\n"), "\(authorised.stdout)")

        // What was signed and its signature, from the register, checked with ssh-keygen alone.
        let shown = try desk.run(["register", "show", reference, "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        let events = try #require(json?["events"] as? [[String: Any]])
        let decision = try #require(events.first { $0["kind"] as? String == "authorised" })
        let proof = try #require(decision["proof"] as? [String: String])
        #expect(decision["account"] as? String != nil)
        try desk.workspace.write("decision", proof["statement"] ?? "")
        try desk.workspace.write("decision.sig", proof["signature"] ?? "")
        #expect(try desk.keygenAccepts("decision", principal: "iao@moj.example", namespace: "dmf-wizard-decision"))
        try desk.workspace.write(
            "decision", (proof["statement"] ?? "").replacingOccurrences(of: "pilot", with: "pilots"))
        #expect(!(try desk.keygenAccepts("decision", principal: "iao@moj.example", namespace: "dmf-wizard-decision")))

        let text = try desk.run(["register", "show", reference])
        #expect(text.stdout.contains("Authorised by the IAO — Jo Owner (account "))
        #expect(text.stdout.contains("       Signed with key SHA256:"), "\(text.stdout)")
        #expect(text.stdout.contains(" (trusted: iao@moj.example)\n"), "\(text.stdout)")
        let checked = try desk.run(["register", "check"])
        #expect(checked.status == 0)
        #expect(checked.stdout.contains("Signatures: 1 trusted by the allowed signers"), "\(checked.stdout)")

        // A form produced after the decision carries it in the IAO's box.
        let again = try desk.run(["fill", "case.yaml", "--output", "after.md", "--record", "--force"])
        #expect(again.status == 0, "\(again.stderr)")
        let form = try desk.workspace.contents("after.md")
        #expect(form.contains("Authorised by Jo Owner (account "), "\(form)")
        #expect(form.contains("signed with key SHA256:"))

        // The key removed from the allowed signers still shows which key signed.
        try desk.workspace.write("allowed_signers", "")
        let later = try desk.run(["register", "show", reference])
        #expect(later.stdout.contains("key no longer trusted"), "\(later.stdout)")
        let laterCheck = try desk.run(["register", "check"])
        #expect(laterCheck.status == 0, "the chain is intact; the signature is only no longer trusted")
        #expect(laterCheck.stdout.contains("Signatures: 0 trusted by the allowed signers ("))
        #expect(laterCheck.stdout.contains(", 1 not trusted, 0 unsigned."))
    }

    @Test func sealVerifyAndReceiptAreSignedBothWays() throws {
        let desk = try Desk()
        let reference = try desk.recorded()
        #expect(try desk.run(["register", "authorise", reference, "--by", "Jo Owner"], key: "iao").status == 0)

        let sealed = try desk.run(["seal", reference, "send/extract.csv", "--by", "Sam Sender"], key: "sam")
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let manifest = "send/\(reference).manifest.json"
        #expect(try desk.keygenAccepts(manifest, principal: "sam@moj.example", namespace: "dmf-wizard-manifest"))
        #expect(!(try desk.keygenAccepts(manifest, principal: "sam@moj.example", namespace: "dmf-wizard-receipt")))

        let verified = try desk.run(
            ["verify", manifest, "--by", "Rita", "--receipt", "receipt.json"], key: "rita")
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.hasPrefix("Seal: sealed by sam@moj.example (key SHA256:"), "\(verified.stdout)")
        #expect(!verified.stdout.contains("NOT IN MANIFEST"), "the signature beside the manifest is not an extra file")
        #expect(try desk.keygenAccepts("receipt.json", principal: "rita@moj.example", namespace: "dmf-wizard-receipt"))
        let receipt = try desk.run(["verify-receipt", "receipt.json"])
        #expect(receipt.status == 0, "\(receipt.stdout)")
        #expect(receipt.stdout.contains("Receipt: checked and signed by rita@moj.example"))

        // The other way: what ssh-keygen signs, dmf-wizard accepts.
        try desk.keygenSigns("receipt.json", key: "rita", namespace: "dmf-wizard-receipt")
        #expect(try desk.run(["verify-receipt", "receipt.json"]).status == 0)
        try desk.keygenSigns(manifest, key: "sam", namespace: "dmf-wizard-manifest")
        let again = try desk.run(["verify", manifest])
        #expect(again.status == 0 && again.stdout.hasPrefix("Seal: sealed by sam@moj.example"), "\(again.stdout)")
        // A receipt signed as a manifest, a manifest signed by the recipient: refused, saying why.
        try desk.keygenSigns("receipt.json", key: "rita", namespace: "dmf-wizard-manifest")
        let wrongKind = try desk.run(["verify-receipt", "receipt.json"])
        #expect(wrongKind.status == 1 && wrongKind.stdout.contains("for a manifest"), "\(wrongKind.stdout)")
        try desk.keygenSigns(manifest, key: "rita", namespace: "dmf-wizard-manifest")
        let notForManifests = try desk.run(["verify", manifest])
        #expect(notForManifests.status == 1)
        #expect(notForManifests.stdout.contains("not allowed to sign manifests"), "\(notForManifests.stdout)")
        try desk.keygenSigns(manifest, key: "nobody", namespace: "dmf-wizard-manifest")
        let unlisted = try desk.run(["verify", manifest])
        #expect(unlisted.status == 1 && unlisted.stdout.contains("not in the allowed signers"), "\(unlisted.stdout)")

        // Unsigned: reported and still checked; refused when a signature is required.
        try FileManager.default.removeItem(atPath: desk.workspace.path(manifest + ".sig"))
        let unsigned = try desk.run(["verify", manifest])
        #expect(unsigned.status == 0)
        #expect(unsigned.stdout.hasPrefix("Seal: not signed"))
        #expect(unsigned.stdout.contains("All 1 file matched"))
        #expect(try desk.run(["verify", manifest, "--require-signature"]).status == 1)
    }

    /// Someone changes a file, puts its new hash in the manifest and another name as the sender:
    /// the signature no longer matches, and verify says so.
    @Test func aManifestChangedAfterSigningIsCaught() throws {
        let desk = try Desk()
        let sealed = try desk.run(
            ["seal", "DMF-20261129-TEST", "send/extract.csv", "--by", "Sam", "--no-record"], key: "sam")
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let manifest = "send/DMF-20261129-TEST.manifest.json"
        try desk.workspace.write("send/extract.csv", "id,name\n1,B\n")
        let digest = try Spawn.run(
            ["/usr/bin/sha256sum", desk.workspace.path("send/extract.csv")],
            environment: ProcessInfo.processInfo.environment, timeout: 10)
        let newHash = String(digest.stdout.prefix(64))
        let text = try desk.workspace.contents(manifest)
        let forged = text.replacing(/"sha256" : "[0-9a-f]{64}"/) { _ in "\"sha256\" : \"\(newHash)\"" }
            .replacingOccurrences(of: "\"sealed_by\" : \"Sam\"", with: "\"sealed_by\" : \"Someone Else\"")
        try desk.workspace.write(manifest, forged)
        let verified = try desk.run(["verify", manifest])
        #expect(verified.status == 1)
        #expect(verified.stdout.contains("changed after signing"), "\(verified.stdout)")

        // Two "files" keys: refused, whichever a reader would take.
        try desk.workspace.write(
            manifest, String(forged.dropLast(2)) + ",\n  \"files\" : []\n}\n")
        let duplicate = try desk.run(["verify", manifest])
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr.contains("the key files is written twice"), "\(duplicate.stderr)")
    }

    @Test func sealRefusesALinkAsVerifyDoes() throws {
        let desk = try Desk()
        try FileManager.default.createSymbolicLink(
            atPath: desk.workspace.path("send/link.csv"), withDestinationPath: desk.workspace.path("case.yaml"))
        let sealed = try desk.run(["seal", "DMF-20261129-LINK", "send/link.csv", "--by", "Sam", "--no-record"])
        #expect(sealed.status == 1)
        #expect(sealed.stderr.contains("symbolic link"), "\(sealed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: desk.workspace.path("send/DMF-20261129-LINK.manifest.json")))
    }

    @Test func namesAndDatesThatMakeNoSenseAreRefused() throws {
        let desk = try Desk()
        let reference = try desk.recorded()
        for blank in ["", "   "] {
            let refused = try desk.run(["register", "authorise", reference, "--by", blank])
            #expect(refused.status == 2, "--by '\(blank)'")
            #expect(refused.stderr.contains("--by NAME"))
        }
        // The form was produced on 2026-11-29 (SOURCE_DATE_EPOCH); the register's day is later.
        let early = try desk.run(["register", "authorise", reference, "--by", "The IAO", "--date", "2020-01-01"])
        #expect(early.status == 1)
        #expect(early.stderr.contains("the date 1/1/2020 is before the form was produced on 29/11/2026"))
        let future = try desk.run(["register", "authorise", reference, "--by", "The IAO", "--date", "9999-12-31"])
        #expect(future.status == 1)
        #expect(future.stderr.contains("is after today"), "\(future.stderr)")

        // SOURCE_DATE_EPOCH moves a document's time, never the register's.
        let show = try desk.run(["register", "show", reference, "--format", "json"], [:])
        #expect(!show.stdout.contains("\"recorded_at\" : \"2026-11-29T02:14:10Z\""), "recorded at the register's time")
        let fixed = try desk.run(
            ["register", "authorise", reference, "--by", "The IAO"], key: "iao",
            ["DMF_TEST_REGISTER_TIME": "1796000000"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.contains("on 2026-11-30"), "the test seam fixes the register's clock: \(fixed.stdout)")
    }

    @Test func decisionsTravelAsFilesWhereThereIsNoSharedRegister() throws {
        let desk = try Desk()
        let reference = try desk.recorded()
        let request = "forms/\(reference).request.json"
        #expect(FileManager.default.fileExists(atPath: desk.workspace.path(request)))

        // The IAO's desk: without a key trusted for decisions nothing is written.
        let unsigned = try desk.run(["register", "decide", request, "--authorise", "--by", "Jo Owner"])
        #expect(unsigned.status == 1 && unsigned.stderr.contains("no signing key"), "\(unsigned.stderr)")
        let decided = try desk.run(
            ["register", "decide", request, "--authorise", "--by", "Jo Owner", "--reason", "as agreed"], key: "iao")
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout.contains("Outcome: "), "the one-page summary comes first")
        let decision = "forms/\(reference).decision"
        #expect(try desk.keygenAccepts(decision, principal: "iao@moj.example", namespace: "dmf-wizard-decision"))

        // The requester records it, once.
        let imported = try desk.run(["register", "import", decision])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Authorised by the IAO on"))
        #expect(imported.stdout.contains("(trusted: iao@moj.example)"), "\(imported.stdout)")
        let twice = try desk.run(["register", "import", decision])
        #expect(twice.status == 0 && twice.stdout.contains("already recorded"), "\(twice.stdout)")

        // A request changed on the way, and a decision changed after signing, are refused.
        let text = try desk.workspace.contents(request)
        #expect(text.contains("\"marking\" : \"OFFICIAL"))
        try desk.workspace.write(request, text.replacingOccurrences(of: "\"marking\" : \"", with: "\"marking\" : \"X"))
        let changed = try desk.run(
            ["register", "decide", request, "--refuse", "--by", "Jo", "--reason", "x"], key: "iao")
        #expect(changed.status == 1 && changed.stderr.contains("does not match its digest"), "\(changed.stderr)")
        let statement = try desk.workspace.contents(decision)
        try desk.workspace.write(decision, statement.replacingOccurrences(of: "as agreed", with: "as agreed!"))
        let forged = try desk.run(["register", "import", decision])
        #expect(forged.status == 1, "\(forged.stdout)")
    }

    @Test func aRegisterThatRequiresSignaturesRefusesUnsignedEvents() throws {
        let desk = try Desk()
        let reference = try desk.recorded()
        let bySender = try desk.run(["register", "require-signatures", "--by", "Sam"], key: "sam")
        #expect(bySender.status == 1, "only a key trusted for decisions may require signatures")
        let required = try desk.run(["register", "require-signatures", "--by", "Jo Owner"], key: "iao")
        #expect(required.status == 0, "\(required.stderr)")
        #expect(required.stdout.contains("Signatures required since"))

        let unsigned = try desk.run(["register", "authorise", reference, "--by", "Jo Owner"])
        #expect(unsigned.status == 1)
        #expect(unsigned.stderr.contains("requires signatures"), "\(unsigned.stderr)")
        #expect(try desk.run(["register", "authorise", reference, "--by", "Jo Owner"], key: "iao").status == 0)
        let unsignedSeal = try desk.run(["seal", reference, "send/extract.csv", "--by", "Sam"])
        #expect(unsignedSeal.status == 1 && unsignedSeal.stderr.contains("requires signatures"))
        #expect(try desk.run(["seal", reference, "send/extract.csv", "--by", "Sam"], key: "sam").status == 0)
        let checked = try desk.run(["register", "check"])
        #expect(checked.status == 0, "\(checked.stdout)")
        #expect(checked.stdout.contains("Signatures required since"))
    }

    @Test func keysSaysWhereThePersonStands() throws {
        let desk = try Desk()
        let none = try desk.run(["keys"])
        #expect(none.status == 1)
        #expect(none.stdout.contains("ssh-keygen -t ed25519"))
        #expect(none.stdout.contains("send the public key"))
        let listed = try desk.run(["keys"], key: "iao")
        #expect(listed.stdout.contains("Your signing key: \(desk.key("iao")) (ssh-ed25519, SHA256:"))
        #expect(listed.stdout.contains("Listed as iao@moj.example (line 1): may sign decisions"), "\(listed.stdout)")
        // The file is in the person's own folder: they could list themselves as an IAO.
        #expect(listed.stdout.contains("Warning: you can change"), "\(listed.stdout)")
        let unlisted = try desk.run(["keys"], key: "nobody")
        #expect(unlisted.status == 1 && unlisted.stdout.contains("do not list it"))
    }
}
