import DMFPolicy
import DMFRegister
import DMFSignatures
import Foundation
import TransparencyLog

/// The commands about the register's own history: `register checkpoint`, `check --checkpoint`,
/// `prove`, `verify-proof`, and its retention (`retention`, `redact`).
extension RegisterCommand {
    /// `register checkpoint --output FILE`: the register's state (its ID, the number of events,
    /// their root) as a C2SP checkpoint in FILE, signed with the person's key in FILE.sig, and
    /// kept in the register. O(log n): the tree's edge is kept with every event. Signing happens
    /// after the register was read and before it is written: it never holds the write lock.
    public func checkpoint(output: String, force: Bool = false) -> Int32 {
        func fail(_ message: String) -> Int32 {
            stderr("dmf-wizard: \(message)\n")
            return 1
        }
        if !force, SafeFile.exists(output) || SafeFile.exists(output + ".sig") {
            return fail("\(Sanitizer.visible(output)) or its .sig already exists; name another file, or give --force")
        }
        let key: SSHPublicKey?
        do { key = try signing.publicKey() } catch { return fail(error.description) }
        guard let key else {
            return fail(
                "a checkpoint is worth only its signature, and no signing key is set up: name it with --key or "
                    + "\(SigningSettings.keyVariable) (see `dmf-wizard keys`)")
        }
        return withRegister { register throws(RegisterError) in
            let checkpoint = try register.currentCheckpoint()
            let proof: EventProof?
            do throws(SigningError) { proof = try signing.sign(Array(checkpoint.text.utf8), for: .checkpoint) } catch {
                stderr("dmf-wizard: \(error.description); no checkpoint was written\n")
                return 1
            }
            guard let proof else { return 1 }
            do throws(WriteError) {
                try SafeFile.writeAll(
                    [(output, Array(checkpoint.text.utf8)), (output + ".sig", Array(proof.signature.utf8))],
                    overwrite: force)
            } catch {
                stderr("dmf-wizard: \(error.description)\n")
                return 1
            }
            _ = try register.keep(checkpoint, proof: proof)
            let fingerprint = (try? key.fingerprint()) ?? key.type
            stdout(
                """
                Checkpoint of \(checkpoint.origin): \(Self.grouped(checkpoint.size)) events, root hash \(checkpoint.root.base64)
                Written: \(output), signed with key \(fingerprint) in \(output).sig; kept in the register too.
                Send both files to someone who does not run the register (your auditor or Data Protection Officer). \
                Later, `dmf-wizard register check --checkpoint \(output)` shows the register still holds every event \
                it records.

                """)
            if let refusal = Signing.refusal(of: key, for: .checkpoint, trust: register.trust) {
                stdout("Note: \(refusal), so a desk with these allowed signers will not trust the checkpoint.\n")
            }
            return 0
        }
    }

    /// `register check --checkpoint FILE`: the usual check, and the proof that the register still
    /// extends the checkpoint (every checkpoint kept in the register whose signer this desk trusts
    /// narrows where a change lies). FILE.sig is checked with this desk's own allowed signers.
    public func check(checkpointPath: String) -> Int32 {
        let read: (checkpoint: Checkpoint, signer: String, trusted: Bool)
        switch Self.readSignedCheckpoint(checkpointPath, allowedSigners: register.allowedSigners) {
        case .failure(let message):
            stderr("dmf-wizard: \(message)\n")
            return 1
        case .success(let found): read = found
        }
        stdout("Checkpoint \(Sanitizer.visible(checkpointPath)): \(read.signer).\n")
        let status = check(against: [read.checkpoint])
        return read.trusted ? status : 1
    }

    /// A checkpoint file and what its signature (`FILE.sig`) shows: who signed it, or why that is
    /// not known, and whether this desk trusts it.
    static func readSignedCheckpoint(_ path: String, allowedSigners: String) -> Result<
        (checkpoint: Checkpoint, signer: String, trusted: Bool), CheckpointFileError
    > {
        let bytes: [UInt8]
        let signature: [UInt8]?
        do {
            bytes = try ProofFile.read(path)
            signature = try ProofFile.signature(of: path)
        } catch {
            return .failure(CheckpointFileError(description: error.description))
        }
        let checkpoint: Checkpoint
        do throws(LogFormatError) { checkpoint = try Checkpoint(bytes: bytes) } catch {
            return .failure(
                CheckpointFileError(description: "\(Sanitizer.visible(path)) is not a checkpoint: \(error.description)")
            )
        }
        guard let signature else {
            return .success((checkpoint, "NOT TRUSTED: not signed (there is no \(Sanitizer.visible(path)).sig)", false))
        }
        let finding: ProofFinding
        do {
            let proof = EventProof(statement: bytes, signature: try SSHSignature(armored: signature))
            finding = SignerTrust.load(path: allowedSigners).judge(proof, namespace: .checkpoint, at: Date())
        } catch {
            return .success((checkpoint, "NOT TRUSTED: its signature cannot be read (\(error))", false))
        }
        if case .trusted = finding { return .success((checkpoint, finding.description, true)) }
        return .success((checkpoint, "NOT TRUSTED: \(finding.description)", false))
    }

    /// `register prove REF`: an inclusion proof of each of the entry's events against the latest
    /// checkpoint kept, one C2SP tlog-proof each (the event's hash in its `extra` line, the
    /// checkpoint's text after it). On standard output, or with `outputDirectory` as
    /// `REF.proof` beside the checkpoint and its signature (`REF.checkpoint`, `.sig`), all
    /// three for the other party, who checks them with `register verify-proof` without seeing
    /// anyone else's events.
    public func prove(_ reference: String, outputDirectory: String?) -> Int32 {
        withRegister { register throws(RegisterError) in
            guard let kept = try register.latestCheckpoint(), let checkpoint = kept.checkpoint else {
                stderr(
                    "dmf-wizard: no checkpoint has been made of this register yet; make one first with "
                        + "`dmf-wizard register checkpoint --output FILE`\n")
                return 1
            }
            let (proved, notYet) = try register.inclusionProofs(of: reference, against: checkpoint)
            let text = proved.map(\.proof.text).joined()
            var notes = [
                "\(reference): \(proved.count) \(proved.count == 1 ? "event" : "events") proved against the checkpoint "
                    + "of \(Self.grouped(checkpoint.size)) events made \(kept.recordedAt) (account \(kept.account))."
            ]
            if !notYet.isEmpty {
                notes.append(
                    "Events \(notYet.map { String($0.sequence) }.joined(separator: ", ")) came after it: make a new "
                        + "checkpoint (`dmf-wizard register checkpoint`) to prove them.")
            }
            guard let outputDirectory else {
                stdout(text)
                stderr(notes.joined(separator: "\n") + "\n")
                return proved.isEmpty ? 1 : 0
            }
            let base = (outputDirectory as NSString).appendingPathComponent(reference)
            do throws(WriteError) {
                try SafeFile.writeAll(
                    [
                        (base + ".proof", Array(text.utf8)), (base + ".checkpoint", Array(kept.text.utf8)),
                        (base + ".checkpoint.sig", Array(kept.signature.utf8)),
                    ], overwrite: false)
            } catch {
                stderr("dmf-wizard: \(error.description)\n")
                return 1
            }
            notes.append(
                "Written: \(base).proof, and the checkpoint with its signature, \(base).checkpoint and "
                    + "\(base).checkpoint.sig. The other party checks them with `dmf-wizard register verify-proof "
                    + "\(reference).proof \(reference).checkpoint`.")
            stdout(notes.joined(separator: "\n") + "\n")
            return proved.isEmpty ? 1 : 0
        }
    }

    /// `register retention`: the register's retention period, or, with `period`, sets it (signed
    /// where a key is set up, by a key trusted for decisions).
    public func retention(set period: String?, by typedName: String?) -> Int32 {
        withRegister { register throws(RegisterError) in
            guard let period else {
                if let current = try register.retention() {
                    stdout("Retention period: \(current.shown).\n")
                } else {
                    stdout(
                        "No retention period is set, so nothing falls due for removal. Agree one with your Data "
                            + "Protection Officer and set it with `dmf-wizard register retention --set 6y --by NAME`.\n"
                    )
                }
                return 0
            }
            guard let parsed = RetentionPeriod(period) else {
                stderr(
                    "dmf-wizard: '\(Sanitizer.visible(period))' is not a retention period: give a whole number of "
                        + "years, months or days, such as 6y, 18m or 90d\n")
                return 2
            }
            let by = (typedName ?? "").trimmingCharacters(in: .whitespaces)
            guard !by.isEmpty else {
                stderr("dmf-wizard: say who sets it: --by NAME\n")
                return 2
            }
            let statement = RetentionStatement(
                period: parsed.text, date: register.currentDay, by: by, account: try register.currentAccount())
            guard let proof = try sign(statement.bytes, as: .decision, in: register) else { return 1 }
            let setting = try register.setRetention(statement, proof: proof)
            stdout(
                "Retention period: \(setting.shown)\(proof == nil ? " (unsigned: no signing key is set up)" : ", signed").\n"
                    + "Entries whose every copy was deleted longer ago than that are listed by `dmf-wizard register due` "
                    + "and redacted with `dmf-wizard register redact REF --by NAME`.\n")
            return 0
        }
    }

    /// `register redact REF`: removes the entry's answers and the requester's name, keeping their
    /// digests, once every copy was deleted and the retention period has passed since.
    public func redact(_ reference: String, by typedName: String) -> Int32 {
        let by = typedName.trimmingCharacters(in: .whitespaces)
        guard !by.isEmpty else {
            stderr("dmf-wizard: say who removes them: --by NAME\n")
            return 2
        }
        return withRegister { register throws(RegisterError) in
            var (request, statement) = try register.prepareRedaction(of: reference, by: by)
            guard let proof = try sign(statement.bytes, as: .decision, in: register) else { return 1 }
            request.proof = proof
            let event = try register.redact(request, to: reference)
            stdout(
                "\(reference): its answers and the requester's name were removed (their SHA-256 is kept: "
                    + event.files.map { "\($0.name) \($0.sha256)" }.joined(separator: ", ")
                    + "), recorded as event \(event.sequence) by \(event.byShown)"
                    + (proof == nil ? ", unsigned" : ", signed") + ".\n")
            return 0
        }
    }

    /// Signs `bytes` for `namespace` with the key set up: `.some(nil)` when there is none (the
    /// change is then unsigned), nil (having said why) when the key cannot sign it here.
    private func sign(_ bytes: [UInt8], as namespace: SignatureNamespace, in register: Register) throws(RegisterError)
        -> EventProof??
    {
        let key: SSHPublicKey?
        do { key = try signing.publicKey() } catch {
            stderr("dmf-wizard: \(error.description); nothing was recorded\n")
            return nil
        }
        guard let key else { return .some(nil) }
        if let refusal = Signing.refusal(of: key, for: namespace, trust: register.trust) {
            stderr("dmf-wizard: \(refusal); nothing was recorded\n")
            return nil
        }
        do { return .some(try signing.sign(bytes, for: namespace)) } catch {
            stderr("dmf-wizard: \(error.description); nothing was recorded\n")
            return nil
        }
    }

    static func grouped(_ number: Int) -> String { Count.grouped(number) }
}

/// Why a checkpoint file cannot be used.
public struct CheckpointFileError: Error, CustomStringConvertible {
    public var description: String
}

/// `dmf-wizard register verify-proof PROOF CHECKPOINT`: the other party checks that their events
/// are in the register, against a checkpoint whose signature (`CHECKPOINT.sig`) their own allowed
/// signers trust. PROOF holds one C2SP tlog-proof or several one after another (as `register
/// prove` writes them), each with the event's hash in its `extra` line. Exit 0 when the
/// checkpoint is trusted and every proof leads to it; 1 otherwise, saying why.
public struct VerifyProofCommand {
    public var proofPath: String
    public var checkpointPath: String
    public var allowedSigners: String
    public var stdout: (String) -> Void = Console.out
    public var stderr: (String) -> Void = Console.errorText

    public init(proofPath: String, checkpointPath: String, allowedSigners: String) {
        self.proofPath = proofPath
        self.checkpointPath = checkpointPath
        self.allowedSigners = allowedSigners
    }

    public func run() -> Int32 {
        let read: (checkpoint: Checkpoint, signer: String, trusted: Bool)
        switch RegisterCommand.readSignedCheckpoint(checkpointPath, allowedSigners: allowedSigners) {
        case .failure(let error):
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        case .success(let found): read = found
        }
        let hasher: MerkleHasher
        do { hasher = try MerkleHasher() } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        }
        let bytes: [UInt8]
        do { bytes = try ProofFile.read(proofPath) } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        }
        let texts = Self.proofs(in: bytes)
        guard !texts.isEmpty else {
            stderr("dmf-wizard: \(Sanitizer.visible(proofPath)) holds no proof (each starts \(LogProofFile.header))\n")
            return 1
        }
        let checkpoint = read.checkpoint
        stdout(
            "Checkpoint \(Sanitizer.visible(checkpointPath)): \(Sanitizer.visible(checkpoint.origin)), "
                + "\(RegisterCommand.grouped(checkpoint.size)) events; \(read.signer).\n")
        var status: Int32 = read.trusted ? 0 : 1
        for (number, text) in texts.enumerated() {
            let label = texts.count == 1 ? "The proof" : "Proof \(number + 1)"
            let proof: LogProofFile
            do throws(LogFormatError) { proof = try LogProofFile(bytes: text) } catch {
                stdout("\(label) cannot be read: \(error.description).\n")
                status = 1
                continue
            }
            guard let extra = proof.extra, extra.count == TreeHash.size else {
                stdout("\(label) does not carry the event's hash (its extra line), so it proves nothing.\n")
                status = 1
                continue
            }
            let leaf = LogLeaf(bytes: extra)
            let hash = TreeHash(bytes: extra)?.hex ?? ""
            do throws(ProofFailure) {
                try proof.verify(leaf: leaf, trusting: checkpoint, hasher: hasher)
                stdout(
                    "Event \(proof.index + 1) (hash \(hash)) is in the register: the proof leads to the checkpoint.\n")
            } catch {
                stdout("Event \(proof.index + 1) (hash \(hash)): NOT PROVED: \(error.description).\n")
                status = 1
            }
        }
        if !read.trusted {
            stdout("The checkpoint is not trusted here, so the proofs show nothing about the register.\n")
        }
        return status
    }

    /// The proofs one after another in `bytes`, each from its header line to the next.
    static func proofs(in bytes: [UInt8]) -> [[UInt8]] {
        let header = Array((LogProofFile.header + "\n").utf8)
        var starts: [Int] = []
        var lineStart = 0
        for index in bytes.indices where index == lineStart {
            if bytes[index...].starts(with: header) { starts.append(index) }
            if let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) { lineStart = newline + 1 }
        }
        // Anything before the first header is read as a proof too, so it is refused, not skipped.
        if starts.first != 0, !bytes.isEmpty { starts.insert(0, at: 0) }
        return starts.enumerated().map { position, start in
            Array(bytes[start..<(position + 1 < starts.count ? starts[position + 1] : bytes.count)])
        }
    }
}
