import DMFFlow
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import DMFSignatures
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// Signatures on the register screen (headless): each event shows who acted (name and account)
/// and whether it is signed, by which key and whether this desk trusts it; decisions are signed
/// as `register authorise` signs them, quietly when the key needs nobody, at the terminal when
/// it asks for its passphrase; what the register or the allowed signers would refuse is refused
/// before anything is signed.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen"), "needs openssh-client"))
struct RegisterScreenSigningTests {
    /// A register in a scratch folder, its allowed-signers file, and keys made by ssh-keygen.
    final class Desk {
        let folder = NSTemporaryDirectory() + "dmf-register-signing-" + UUID().uuidString
        var setting: RegisterSetting

        init() throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            setting = RegisterLocation.sqlite(path: folder + "/register.sqlite").setting
            setting.allowedSigners = folder + "/allowed_signers"
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        func path(_ name: String) -> String { folder + "/" + name }

        /// An Ed25519 key pair without a passphrase; its private key's path.
        @discardableResult
        func makeKey(_ name: String) throws -> String {
            try ScratchRegister.run(
                "/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path(name)])
            return path(name)
        }

        func publicKey(_ name: String) throws -> SSHPublicKey { try SSHSigner(keyPath: path(name)).publicKey() }
        func fingerprint(_ name: String) throws -> String { try publicKey(name).fingerprint() }

        /// Writes the allowed-signers file: a line per (principal, namespaces, key).
        func trust(_ lines: [(principal: String, namespaces: String, key: String)]) throws {
            let text = try lines.map {
                "\($0.principal) namespaces=\"\($0.namespaces)\" \(try publicKey($0.key).line)\n"
            }
            try Data(text.joined().utf8).write(to: URL(fileURLWithPath: path("allowed_signers")))
        }

        func register() throws -> Register { try setting.open() }

        /// Records `reference` and, when asked, an authorisation by Jo Owner signed with `key`.
        func record(_ reference: String, authorisedWith key: String?? = .none) throws {
            let register = try register()
            defer { register.close() }
            let entry = Sample.entry(reference)
            _ = try register.record(entry, by: "Sam", producedOn: "2026-11-29")
            guard case .some(let key) = key else { return }
            var request = EventRequest(kind: .authorised, by: "Jo Owner", date: "2026-11-29")
            if let key {
                let statement = DecisionStatement(
                    reference: reference, entryDigest: entry.digest, kind: .authorised, date: "2026-11-29",
                    reason: nil, by: "Jo Owner", account: "tester")
                request.proof = EventProof(
                    statement: statement.bytes,
                    signature: try SSHSigner(keyPath: path(key)).sign(
                        statement.bytes, namespace: .decision, terminal: .forbidden))
            }
            _ = try register.append(request, to: reference)
        }

        /// A stand-in for ssh-keygen, written by a child process (a file this process had open
        /// for writing could not be run while other tests start programs).
        func fakeKeygen(_ name: String, _ script: String) throws -> SSHKeygen {
            try Data(script.utf8).write(to: URL(fileURLWithPath: path(name + ".script")))
            let made = try Spawn.run(
                ["/bin/sh", "-c", "cp \(name).script \(name) && chmod 755 \(name)"], environment: [:], in: folder)
            try #require(made.status == 0)
            var environment = ProcessInfo.processInfo.environment
            environment["SSH_AUTH_SOCK"] = nil
            return SSHKeygen(path: path(name), environment: environment)
        }

        func app(signing: Signing = .none) -> FullScreenApp {
            let drafts = DraftStore(folder: path("drafts"))
            let app = FullScreenApp(
                session: WizardSession(wizard: Wizard(), drafts: drafts, clock: RegisterScreenTests.clock),
                drafts: drafts, clock: RegisterScreenTests.clock, register: setting, signing: signing)
            return app
        }
    }

    /// Wide enough that no event line wraps.
    static func text(_ app: FullScreenApp) -> String { app.view(width: 240, height: 40).canvas.text }

    /// Presses each key and lets everything it started finish: the register's answers, and
    /// signing at the (headless) terminal.
    static func press(_ app: FullScreenApp, _ keys: [Key], terminal: HeadlessBackend = HeadlessBackend(keys: [])) {
        for key in keys {
            app.handle(key)
            repeat {
                app.settle()
                if app.needsTerminal { app.runAtTerminal(terminal) }
            } while app.needsTerminal || app.isWorking
        }
    }

    /// Opens the entry whose reference ends with `suffix` from the start menu.
    static func open(_ app: FullScreenApp, _ suffix: String) {
        press(app, [.char("6"), .enter, .char("/")] + suffix.map(Key.char) + [.enter, .enter])
    }

    /// Authorises the entry on show as Jo Owner, confirming with y.
    static func authorise(_ app: FullScreenApp, terminal: HeadlessBackend = HeadlessBackend(keys: [])) {
        press(app, [.char("a")] + "Jo Owner".map(Key.char) + [.enter, .char("y")], terminal: terminal)
    }

    @Test func eachEventShowsItsAccountItsSignerAndWhetherItIsSigned() throws {
        let desk = try Desk()
        try desk.makeKey("iao")
        try desk.makeKey("leaver")
        try desk.trust([
            ("iao@moj.example", "dmf-wizard-decision", "iao"), ("leaver@moj.example", "dmf-wizard-decision", "leaver"),
        ])
        try desk.record("DMF-20261129-SIGN", authorisedWith: "iao")
        try desk.record("DMF-20261129-UNSG", authorisedWith: .some(nil))
        try desk.record("DMF-20261129-GONE", authorisedWith: "leaver")
        // The leaver's key is taken out of the allowed signers afterwards.
        try desk.trust([("iao@moj.example", "dmf-wizard-decision", "iao")])

        let app = desk.app()
        Self.open(app, "sign")
        var screen = Self.text(app)
        #expect(screen.contains("1. 2026-11-29 Recorded: Sam (account tester) [log 1]"), "\(screen)")
        #expect(
            screen.contains(
                "2. 2026-11-29 Authorised by the IAO: Jo Owner (account tester), signed with key "
                    + "\(try desk.fingerprint("iao")) (trusted: iao@moj.example) [log 2]"), "\(screen)")

        Self.press(app, [.escape, .char("/")] + Array(repeating: Key.backspace, count: 4) + "unsg".map(Key.char))
        Self.press(app, [.enter, .enter])
        screen = Self.text(app)
        #expect(screen.contains("2. 2026-11-29 Authorised by the IAO: Jo Owner (account tester), unsigned [log 4]"))

        Self.press(app, [.escape, .char("/")] + Array(repeating: Key.backspace, count: 4) + "gone".map(Key.char))
        Self.press(app, [.enter, .enter])
        screen = Self.text(app)
        #expect(
            screen.contains(
                "2. 2026-11-29 Authorised by the IAO: Jo Owner (account tester), signed with key "
                    + "\(try desk.fingerprint("leaver")), key no longer trusted (not in the allowed signers) [log 6]"),
            "\(screen)")
    }

    /// With a key that needs nobody, the decision is signed on the worker, as `register
    /// authorise` signs it, and OpenSSH's own `ssh-keygen -Y verify` accepts what was recorded.
    @Test func aDecisionIsSignedWithTheKeySetUp() throws {
        let desk = try Desk()
        let key = try desk.makeKey("iao")
        try desk.trust([("iao@moj.example", "dmf-wizard-decision", "iao")])
        try desk.record("DMF-20261129-DECI")
        let terminal = HeadlessBackend(keys: [])
        let app = desk.app(signing: Signing(keyPath: key))
        Self.open(app, "deci")
        Self.press(app, [.char("a")] + "Jo Owner".map(Key.char) + [.enter])
        #expect(Self.text(app).contains("by Jo Owner? It is signed with your key first. Press y to record it"))
        Self.press(app, [.char("y")], terminal: terminal)
        let fingerprint = try desk.fingerprint("iao")
        #expect(
            Self.text(app).contains(
                "Recorded: Authorised by the IAO, event 2 (log position 2). Signed with key \(fingerprint) (trusted: "
                    + "iao@moj.example)."), "\(Self.text(app))")
        #expect(terminal.handedOver.isEmpty, "a key without a passphrase never leaves the screen")

        let register = try desk.register()
        defer { register.close() }
        let event = try #require(try register.history("DMF-20261129-DECI").events.last)
        let proof = try #require(event.proof)
        #expect(event.decisionStatement?.by == "Jo Owner" && event.decisionStatement?.account == "tester")
        try Data(proof.statement.utf8).write(to: URL(fileURLWithPath: desk.path("statement")))
        try Data(proof.signature.utf8).write(to: URL(fileURLWithPath: desk.path("statement.sig")))
        let verified = try Spawn.run(
            [
                "/bin/sh", "-c",
                "exec /usr/bin/ssh-keygen -Y verify -f allowed_signers -I iao@moj.example -n dmf-wizard-decision "
                    + "-s statement.sig < statement",
            ], environment: ProcessInfo.processInfo.environment, in: desk.folder)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("Good \"dmf-wizard-decision\" signature for iao@moj.example"))
    }

    /// A key that asks for its passphrase is signed at the terminal: the app leaves full-screen
    /// mode, says what is being signed, lets ssh-keygen ask, and comes back to record it.
    @Test func aKeyThatAsksForItsPassphraseSignsAtTheTerminal() throws {
        let desk = try Desk()
        let key = try desk.makeKey("iao")
        try desk.trust([("iao@moj.example", "dmf-wizard-decision", "iao")])
        try desk.record("DMF-20261129-PASS")
        // Without a terminal it fails as ssh-keygen does for a key that needs its passphrase;
        // with one, it signs (the key has none, so nobody has to type it here).
        let keygen = try desk.fakeKeygen(
            "ssh-keygen",
            """
            #!/bin/sh
            if [ "$SSH_ASKPASS_REQUIRE" = never ]; then
                echo 'Load key "key": incorrect passphrase supplied to decrypt private key' >&2
                exit 255
            fi
            echo "$@" >> "\(desk.path("signed-at-the-terminal"))"
            exec /usr/bin/ssh-keygen "$@"

            """)
        let terminal = HeadlessBackend(keys: [])
        let app = desk.app(signing: Signing(keyPath: key, keygen: keygen))
        Self.open(app, "pass")
        Self.authorise(app, terminal: terminal)
        let fingerprint = try desk.fingerprint("iao")
        #expect(terminal.handedOver.count == 1)
        #expect(
            terminal.handedOver.first?.contains(
                "Signing the authorisation of DMF-20261129-PASS with your key \(fingerprint) (\(key)).") == true)
        #expect(terminal.handedOver.first?.contains("ssh-keygen may ask for the key's passphrase") == true)
        #expect(FileManager.default.fileExists(atPath: desk.path("signed-at-the-terminal")))
        #expect(Self.text(app).contains("Signed with key \(fingerprint) (trusted: iao@moj.example)."))
        let register = try desk.register()
        defer { register.close() }
        #expect(try register.history("DMF-20261129-PASS").events.last?.proof != nil)
    }

    /// ssh-keygen fails at the terminal (a wrong passphrase, Ctrl-C): nothing is recorded, and
    /// the screen says why.
    @Test func aSignatureThatFailsAtTheTerminalRecordsNothing() throws {
        let desk = try Desk()
        let key = try desk.makeKey("iao")
        try desk.trust([("iao@moj.example", "dmf-wizard-decision", "iao")])
        try desk.record("DMF-20261129-FAIL")
        let keygen = try desk.fakeKeygen(
            "ssh-keygen",
            """
            #!/bin/sh
            echo 'Load key "key": incorrect passphrase supplied to decrypt private key' >&2
            exit 255

            """)
        let terminal = HeadlessBackend(keys: [])
        let app = desk.app(signing: Signing(keyPath: key, keygen: keygen))
        Self.open(app, "fail")
        Self.authorise(app, terminal: terminal)
        #expect(terminal.handedOver.count == 1)
        #expect(
            Self.text(app).contains(
                "Not signed, so not recorded: the signature could not be made: ssh-keygen stopped with status 255"),
            "\(Self.text(app))")
        let register = try desk.register()
        defer { register.close() }
        #expect(try register.history("DMF-20261129-FAIL").events.count == 1)
    }

    /// A register that requires signatures refuses an unsigned decision, saying so.
    @Test func aRegisterThatRequiresSignaturesRefusesAnUnsignedDecision() throws {
        let desk = try Desk()
        let key = try desk.makeKey("iao")
        try desk.trust([("iao@moj.example", "dmf-wizard-decision", "iao")])
        try desk.record("DMF-20261129-REQU")
        let register = try desk.register()
        defer { register.close() }
        let statement = RequirementStatement(date: "2026-11-29", by: "Jo Owner", account: "tester")
        _ = try register.requireSignatures(
            statement,
            proof: EventProof(
                statement: statement.bytes,
                signature: try SSHSigner(keyPath: key).sign(statement.bytes, namespace: .decision, terminal: .forbidden)
            ))

        let app = desk.app()
        Self.open(app, "requ")
        Self.authorise(app)
        #expect(
            Self.text(app).contains("DMF-20261129-REQU: this register requires signatures, and this is not signed."),
            "\(Self.text(app))")
        #expect(try register.history("DMF-20261129-REQU").events.count == 1)
    }

    /// A key the allowed signers trust for other things than decisions is refused before
    /// ssh-keygen is asked to sign anything.
    @Test func aKeyNotTrustedForDecisionsIsRefusedBeforeSigning() throws {
        let desk = try Desk()
        let key = try desk.makeKey("clerk")
        try desk.trust([("clerk@moj.example", "dmf-wizard-manifest", "clerk")])
        try desk.record("DMF-20261129-CLRK")
        let keygen = try desk.fakeKeygen(
            "ssh-keygen", "#!/bin/sh\ntouch \"\(desk.path("asked-to-sign"))\"\nexit 1\n")
        let app = desk.app(signing: Signing(keyPath: key, keygen: keygen))
        Self.open(app, "clrk")
        Self.authorise(app)
        let screen = Self.text(app)
        #expect(
            screen.contains("your key \(try desk.fingerprint("clerk")) is not allowed to sign decisions"), "\(screen)")
        #expect(screen.contains("nothing was recorded."))
        #expect(!FileManager.default.fileExists(atPath: desk.path("asked-to-sign")))
        let register = try desk.register()
        defer { register.close() }
        #expect(try register.history("DMF-20261129-CLRK").events.count == 1)
    }

    /// The outcome's save says the record is not signed, why, and which key signs what follows.
    @Test func theSaveSaysWhetherTheRecordIsSigned() throws {
        let scratch = RegisterScreenTests.Scratch()
        let (session, output) = try scratch.finishedTransfer()
        let desk = try Desk()
        let key = try desk.makeKey("requester")
        let form = try #require(session.filledForm())

        var job = session.outcomeSave(form, formats: [.markdown], folder: output, register: scratch.location.setting)
        job.signing = Signing(keyPath: key)
        let signed = try job.run()
        let note = try #require(signed.signingNote)
        #expect(note.hasPrefix("The record is not signed (an assessment never is; the IAO's decision, sealed files"))
        #expect(note.hasSuffix("Your key \(try desk.fingerprint("requester")) will sign what you seal."))
        let shown = SavedScreen(signed, form: form, helpdesk: false)
        var page = Page(width: 200, widthFunction: DisplayWidths.approximate)
        let state = AppState(
            helpdesk: false, drafts: DraftStore(folder: output), clock: RegisterScreenTests.clock,
            outputFolder: output, home: nil)
        shown.view(&page, state)
        #expect(page.lines.contains { $0.text.hasPrefix("The record is not signed") })

        job.signing = Signing.none
        try FileManager.default.removeItem(atPath: output)
        #expect(
            try job.run().signingNote?.hasSuffix("No signing key is set up for what you seal: see `dmf-wizard keys`.")
                == true)
        // Not recorded (no register): nothing to say about a record.
        var unrecorded = session.outcomeSave(
            form, formats: [.markdown], folder: output + "-elsewhere", register: nil)
        unrecorded.signing = Signing(keyPath: key)
        #expect(try unrecorded.run().signingNote == nil)
    }
}
