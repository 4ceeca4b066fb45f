import DMFSignatures
import Foundation
import TestSupport
import Testing

/// Signing through ssh-keygen: with a key in ssh-agent, and every way it can fail said in plain words.
@Suite struct SigningTests {
    static let message = InteropTests.message

    static func failure(_ signer: SSHSigner, timeout: Double? = nil) -> SigningError? {
        do {
            _ = try signer.sign(message, namespace: .decision, terminal: .forbidden, timeout: timeout)
            return nil
        } catch {
            return error
        }
    }

    @Test func withoutSSHKeygenItSaysWhatToInstall() throws {
        let tool = try KeygenTool()
        try tool.write("key", "not used")
        let error = Self.failure(SSHSigner(keyPath: tool.file("key"), keygen: SSHKeygen(path: tool.file("ssh-keygen"))))
        #expect(error == .keygen(.missing(path: tool.file("ssh-keygen"))))
        #expect(
            error?.description
                == "OpenSSH's ssh-keygen is not installed (\(tool.file("ssh-keygen")) is missing): apt install openssh-client"
        )
    }

    @Test(KeygenTool.needed) func aMissingOrUnusableKeyIsNamed() throws {
        let tool = try KeygenTool()
        let keygen = SSHKeygen(environment: tool.environment)
        let missing = Self.failure(SSHSigner(keyPath: tool.file("nothing"), keygen: keygen))
        #expect(missing == .keyMissing(path: tool.file("nothing")))
        #expect(missing?.description.contains("make one with ssh-keygen -t ed25519") == true)
        #expect(
            Self.failure(SSHSigner(keyPath: tool.folder, keygen: keygen))
                == .keyUnreadable(path: tool.folder, reason: "it is not a file"))

        try tool.write("notakey", "hello\n")
        #expect(
            Self.failure(SSHSigner(keyPath: tool.file("notakey"), keygen: keygen))
                == .notAKey(path: tool.file("notakey")))

        try tool.makeKey("open", .ed25519)
        chmod(tool.file("open"), 0o644)
        let open = Self.failure(SSHSigner(keyPath: tool.file("open"), keygen: keygen))
        #expect(open == .keyTooOpen(path: tool.file("open")))
        #expect(open?.description.contains("chmod 600") == true)
    }

    /// A key with a passphrase, where nobody may be asked: refused at once, with what to do.
    @Test(KeygenTool.needed) func aPassphraseKeyWithNoTerminalSaysToUseTheAgent() throws {
        let tool = try KeygenTool()
        try tool.makeKey("locked", .ed25519, passphrase: "correct horse")
        let started = Date()
        let error = Self.failure(
            SSHSigner(keyPath: tool.file("locked"), keygen: SSHKeygen(environment: tool.environment)))
        #expect(error == .passphraseNeeded(path: tool.file("locked")))
        #expect(error?.description.contains("add the key to ssh-agent with ssh-add") == true)
        #expect(Date().timeIntervalSince(started) < 20, "it did not wait for a passphrase")
    }

    /// A public key alone signs only through ssh-agent.
    @Test(KeygenTool.needed) func aPublicKeyWithoutAnAgentSaysSo() throws {
        let tool = try KeygenTool()
        try tool.makeKey("card", .ed25519)
        try FileManager.default.removeItem(atPath: tool.file("card"))
        let error = Self.failure(
            SSHSigner(keyPath: tool.file("card.pub"), keygen: SSHKeygen(environment: tool.environment)))
        #expect(error == .noAgent(path: tool.file("card.pub")))
        #expect(error?.description.contains("no agent is running") == true)
    }

    /// A key held by ssh-agent signs from its `.pub` path, and ssh-keygen verifies the signature;
    /// a key the agent does not hold is named as such.
    @Test(
        KeygenTool.needed,
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-agent"), "ssh-agent is not installed"))
    func aKeyInSSHAgentSigns() throws {
        let tool = try KeygenTool()
        let socket = tool.file("agent.sock")
        let started = try Spawn.run(
            ["/usr/bin/ssh-agent", "-a", socket, "-s"], environment: tool.environment, timeout: 20)
        try #require(started.status == 0, "ssh-agent: \(started.stderr)")
        let pid = started.stdout.split(separator: ";").first { $0.contains("SSH_AGENT_PID=") }
            .flatMap { Int32($0.split(separator: "=").last ?? "") }
        let agent = try #require(pid, "no agent pid in \(started.stdout)")
        defer {
            // Gone before the folder is removed: it deletes its socket there as it stops.
            kill(agent, SIGTERM)
            let deadline = Date().addingTimeInterval(5)
            while kill(agent, 0) == 0, Date() < deadline { usleep(10_000) }
        }
        tool.environment["SSH_AUTH_SOCK"] = socket

        try tool.makeKey("card", .ed25519)
        try tool.makeKey("stranger", .ed25519)
        let added = try Spawn.run(["/usr/bin/ssh-add", tool.file("card")], environment: tool.environment, timeout: 20)
        try #require(added.status == 0, "ssh-add: \(added.stderr)")
        // Only the agent holds the private half now.
        try FileManager.default.removeItem(atPath: tool.file("card"))
        try FileManager.default.removeItem(atPath: tool.file("stranger"))
        try tool.write("allowed", "jowner@moj.example \(try tool.publicKey("card").line)\n")
        try tool.write("message", Self.message)

        let keygen = SSHKeygen(environment: tool.environment)
        let signature = try SSHSigner(keyPath: tool.file("card.pub"), keygen: keygen).sign(
            Self.message, namespace: .decision, terminal: .forbidden)
        try tool.write("message.sig", signature.armored)
        #expect(
            try tool.verifies(
                allowed: "allowed", principal: "jowner@moj.example", namespace: "dmf-wizard-decision",
                signature: "message.sig", message: "message"))

        let stranger = Self.failure(SSHSigner(keyPath: tool.file("stranger.pub"), keygen: keygen))
        #expect(stranger == .notInAgent(path: tool.file("stranger.pub")))
        #expect(stranger?.description.contains("ssh-agent does not hold the private half") == true)
    }

    /// ssh-keygen that never finishes is stopped at the time limit.
    @Test func aHangingSSHKeygenIsStopped() throws {
        let tool = try KeygenTool()
        try tool.write("key", "not used")
        try tool.writeHangingKeygen()
        let started = Date()
        let error = Self.failure(
            SSHSigner(keyPath: tool.file("key"), keygen: SSHKeygen(path: tool.file("ssh-keygen"))), timeout: 0.5)
        #expect(error == .keygen(.timedOut(seconds: 1)))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(error?.description == "ssh-keygen did not finish within 1 seconds, so it was stopped")
    }

    /// Told to stop while ssh-keygen waits for a person (Ctrl-C at its passphrase prompt, the
    /// terminal closed), it is ended at once and nothing is signed, with the terminal allowed or not.
    @Test(arguments: [SSHSigner.Terminal.allowed, .forbidden])
    func aStopEndsSSHKeygenAtOnce(terminal: SSHSigner.Terminal) throws {
        let tool = try KeygenTool()
        try tool.write("key", "not used")
        try tool.writeHangingKeygen()
        let started = Date()
        var asked = 0
        let signer = SSHSigner(keyPath: tool.file("key"), keygen: SSHKeygen(path: tool.file("ssh-keygen")))
        #expect(throws: SigningError.keygen(.stopped)) {
            try signer.sign(Self.message, namespace: .decision, terminal: terminal) {
                asked += 1
                return asked > 3
            }
        }
        #expect(Date().timeIntervalSince(started) < 10, "not the 5 minutes a person is given")
        #expect(SigningError.keygen(.stopped).description == "ssh-keygen was stopped before it finished")
    }

    /// With the terminal allowed, an ordinary key signs just the same.
    @Test(KeygenTool.needed) func signingWithTheTerminalAllowed() throws {
        let tool = try KeygenTool()
        try tool.makeKey("jo", .ed25519)
        let signature = try SSHSigner(keyPath: tool.file("jo"), keygen: SSHKeygen(environment: tool.environment)).sign(
            Self.message, namespace: .manifest, terminal: .allowed)
        let verifier = try SignatureVerifier(
            allowedSigners: try AllowedSigners(text: "jo \(try tool.publicKey("jo").line)\n", source: "allowed"))
        #expect(verifier.check(signature, of: Self.message, namespace: .manifest, at: Date()).isTrusted)
    }

    @Test(KeygenTool.needed) func thePublicHalfIsReadWithoutOpeningThePrivateKey() throws {
        let tool = try KeygenTool()
        try tool.makeKey("jo", .ecdsa384)
        let expected = try tool.publicKey("jo")
        #expect(try SSHSigner(keyPath: tool.file("jo")).publicKey() == expected)
        #expect(try SSHSigner(keyPath: tool.file("jo.pub")).publicKey() == expected)
        // The private key unreadable: its public half is still read.
        chmod(tool.file("jo"), 0)
        #expect(try SSHSigner(keyPath: tool.file("jo")).publicKey() == expected)
        try FileManager.default.removeItem(atPath: tool.file("jo.pub"))
        #expect(throws: SigningError.notAKey(path: tool.file("jo"))) {
            try SSHSigner(keyPath: tool.file("jo")).publicKey()
        }
        #expect(throws: SigningError.keyMissing(path: tool.file("jo.pub"))) {
            try SSHSigner(keyPath: tool.file("jo.pub")).publicKey()
        }
    }
}
