import DMFPolicy
import DMFRegister
import DMFSignatures
import Foundation
import Testing

@testable import DMFRegisterStores

/// Signed events in the register: what `append` accepts, what `check` finds, and what the
/// PostgreSQL server refuses by itself.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen"), "needs openssh-client"))
struct ProofTests {
    /// A folder with an Ed25519 key `iao` made by ssh-keygen, listed for decisions.
    final class Keys {
        let folder = NSTemporaryDirectory() + "dmf-proof-" + UUID().uuidString
        let trust: SignerTrust
        let signer: SSHSigner

        init() throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try ScratchRegister.run(
                "/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "iao", "-f", folder + "/iao"])
            signer = SSHSigner(keyPath: folder + "/iao")
            let line = "iao@moj.example namespaces=\"dmf-wizard-decision\" \(try signer.publicKey().line)\n"
            trust = SignerTrust.trusting(try AllowedSigners(text: line, source: "allowed_signers"))
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        func proof(_ statement: [UInt8], _ namespace: SignatureNamespace = .decision) throws -> EventProof {
            EventProof(
                statement: statement, signature: try signer.sign(statement, namespace: namespace, terminal: .forbidden))
        }
    }

    static let now = "2026-11-29T10:00:00Z"

    func register(_ storage: any RegisterStorage, _ keys: Keys, account: String = "jowner") -> Register {
        let trust = keys.trust
        return Register(storage: storage, now: { Self.now }, account: { account }, trust: { trust })
    }

    func decision(_ entry: RegisterEntry, account: String = "jowner", reason: String? = "for the pilot")
        -> DecisionStatement
    {
        DecisionStatement(
            reference: entry.reference, entryDigest: entry.digest, kind: .authorised, date: "2026-11-29",
            reason: reason, by: "Jo Owner", account: account)
    }

    @Test func aSignedDecisionIsKeptCheckedAndCaughtWhenChanged() throws {
        let keys = try Keys()
        let storage = MemoryRegisterStorage()
        let register = register(storage, keys)
        let entry = Sample.entry("DMF-20261129-SIGN")
        _ = try register.record(entry, by: "Sam")
        let statement = decision(entry)
        let event = try register.append(
            EventRequest(
                kind: .authorised, by: "Jo Owner", date: "2026-11-29", reason: "for the pilot",
                proof: try keys.proof(statement.bytes)), to: entry.reference)
        #expect(event.account == "jowner")
        #expect(event.proof?.statementBytes == statement.bytes)
        let report = try register.check()
        #expect(report.isIntact && report.trustedSignatures == 1 && report.unsignedEvents == 0)
        #expect(
            register.finding(for: event, entryDigest: entry.digest).description.hasPrefix("signed by iao@moj.example"))

        // Someone with the file changes the reason and works every hash out again: the chain
        // holds, the signature does not.
        storage.tamper { rows in
            rows.events[1].reason = "for ever"
            rows.events[1].hash = rows.events[1].expectedHash
        }
        let tampered = try register.check()
        #expect(tampered.problems.contains { $0.sequence == 2 && $0.what.contains("signature is broken") })
    }

    @Test func aDecisionMustBeSignedByTheDecidingAccountWithAKeyForDecisions() throws {
        let keys = try Keys()
        let register = register(MemoryRegisterStorage(), keys)
        let entry = Sample.entry("DMF-20261129-ACCT")
        _ = try register.record(entry, by: "Sam")
        func refusal(_ request: EventRequest) -> String? {
            do {
                _ = try register.append(request, to: entry.reference)
                return nil
            } catch { return error.description }
        }
        // Signed as another account.
        let other = decision(entry, account: "someone")
        #expect(
            refusal(
                EventRequest(
                    kind: .authorised, by: "Jo Owner", date: "2026-11-29", reason: "for the pilot",
                    proof: try keys.proof(other.bytes)))?.contains("signed as the account someone") == true)
        // A statement that is not the request (another reason).
        #expect(
            refusal(
                EventRequest(
                    kind: .authorised, by: "Jo Owner", date: "2026-11-29", reason: "another",
                    proof: try keys.proof(decision(entry).bytes)))?.contains("not the one recorded") == true)
        // Signed in another namespace.
        #expect(
            refusal(
                EventRequest(
                    kind: .authorised, by: "Jo Owner", date: "2026-11-29", reason: "for the pilot",
                    proof: try keys.proof(decision(entry).bytes, .receipt)))?.contains("for a receipt") == true)
        // A key the allowed signers do not list.
        let stranger = register
        let unlisted = Register(
            storage: stranger.storage, now: { Self.now }, account: { "jowner" }, trust: { .nobody })
        #expect(throws: RegisterError.self) {
            try unlisted.append(
                EventRequest(
                    kind: .authorised, by: "Jo Owner", date: "2026-11-29", reason: "for the pilot",
                    proof: try keys.proof(decision(entry).bytes)), to: entry.reference)
        }
        #expect(try register.history(entry.reference).events.count == 1, "nothing was recorded")
    }

    @Test func aRequirementMakesEveryDeskSignAndCannotBeRemovedUnseen() throws {
        let keys = try Keys()
        let storage = MemoryRegisterStorage()
        let register = register(storage, keys)
        let entry = Sample.entry("DMF-20261129-REQU")
        _ = try register.record(entry, by: "Sam")
        let statement = RequirementStatement(date: "2026-11-29", by: "Jo Owner", account: "jowner")
        let requirement = try register.requireSignatures(statement, proof: try keys.proof(statement.bytes))
        #expect(requirement.afterSequence == 1)
        #expect(throws: RegisterError.self) {
            try register.append(EventRequest(kind: .authorised, by: "Jo Owner"), to: entry.reference)
        }
        let signed = try register.append(
            EventRequest(
                kind: .authorised, by: "Jo Owner", date: "2026-11-29", reason: "for the pilot",
                proof: try keys.proof(decision(entry).bytes)), to: entry.reference)
        #expect(signed.signaturesRequired == requirement.hash)
        let report = try register.check()
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.requirement?.hasPrefix("Signatures required since 29/11/2026") == true)

        storage.tamper { rows in rows.requirement = nil }
        #expect(try register.check().problems.contains { $0.what.contains("holds no such requirement") })
    }

    @Test func aFileThatChangesWhileItIsHashedIsNotTakenForTheFileSealed() throws {
        let folder = NSTemporaryDirectory() + "dmf-changing-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/big.bin"
        try Data(repeating: 7, count: 3 << 20).write(to: URL(fileURLWithPath: path))
        var written = false
        #expect(throws: DigestError.changedWhileHashed(path: path)) {
            _ = try FileDigest.of(file: path) { _, _ in
                guard !written else { return }
                written = true
                // Another program overwrites it after the first chunk.
                let handle = FileHandle(forWritingAtPath: path)
                handle?.write(Data(repeating: 8, count: 16))
                try? handle?.close()
            }
        }
    }
}

/// What the PostgreSQL server refuses by itself, whatever a desk's program does.
@Suite struct PostgresGuardTests {
    @Test(.enabled(if: StoreKind.postgresAdminURL != nil, "needs DMF_TEST_POSTGRES_URL"))
    func theServerRefusesAnotherAccountAndAnotherTime() throws {
        let scratch = try ScratchRegister(.postgres)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-PGGD"), by: "Sam")
        let login = StoreKind.postgres.account
        func refusal(account: String, now: String) -> String? {
            let desk = Register(storage: scratch.storage, now: { now }, account: { account })
            do {
                _ = try desk.append(EventRequest(kind: .authorised, by: "Jo Owner"), to: "DMF-20261129-PGGD")
                return nil
            } catch { return error.description }
        }
        let current = RegisterClock.system.timestamp
        #expect(
            refusal(account: "someone-else", now: current)?.contains(
                "this connection is the database login \(login), but the event names the account someone-else") == true)
        #expect(
            refusal(account: login, now: "3000-01-01T00:00:00Z")?.contains("the server's clock says") == true)
        // The same by hand, past the program: the trigger is the server's own.
        #expect(throws: (any Error).self) {
            try scratch.sql(
                """
                INSERT INTO events (sequence, reference, kind, recorded_at, by_person, date, files, previous_hash, \
                hash, account) VALUES (99, 'DMF-20261129-PGGD', 'authorised', '\(current)', 'X', '2026-11-29', '', \
                '', '', 'someone-else')
                """)
        }
        #expect(refusal(account: login, now: current) == nil)
    }
}
