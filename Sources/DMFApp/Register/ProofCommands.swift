import DMFAnswers
import DMFDocuments
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import DMFSignatures
import Foundation

/// The commands about proof: decisions that travel as files (`register decide`, `register
/// import`), the register's requirement that events be signed, `keys` and `verify-receipt`.
extension RegisterCommand {
    /// `register decide REF.request.json --authorise|--refuse`: the IAO, on their own desk, reads
    /// the one-page summary of what was assessed, then signs the decision and writes
    /// `REF.decision` and `REF.decision.sig` beside the request. Nothing is recorded here.
    public func decide(requestPath: String, kind: EventKind, by typedName: String, reason: String?, date: String?)
        -> Int32
    {
        func fail(_ message: String, _ status: Int32 = 1) -> Int32 {
            stderr("dmf-wizard: \(message)\n")
            return status
        }
        let by = typedName.trimmingCharacters(in: .whitespaces)
        guard !by.isEmpty, !by.unicodeScalars.contains(where: Sanitizer.isInvisible) else {
            return fail("say who decides: --by NAME, on one line", 2)
        }
        let request: DecisionRequest
        do { request = try DecisionRequest.read(path: requestPath) } catch { return fail(error.description) }
        let entry = request.entry
        let answers: Answers
        let form: FilledDMF
        do {
            answers = try AnswersParser.parse(data: Data(entry.answers.utf8), file: requestPath).answers
            form = try DMFBuilder.build(
                answers, context: .init(producedAt: entry.recordedAt, reference: entry.reference))
        } catch {
            return fail("the answers in \(Sanitizer.visible(requestPath)) cannot be read: \(error)")
        }
        // The one-page summary first: what is being decided.
        stdout(
            """
            \(entry.reference) — \(entry.marking)
            Requester: \(entry.requester)\(entry.team.isEmpty ? "" : " (\(entry.team))")
            Route: \(entry.route.label); recorded \(entry.recordedAt)

            """ + OutcomeSummary.lines(form).map(\.text).joined(separator: "\n") + "\n\n")

        let clock = register.clock
        var typed = EventRequest(kind: kind, by: by, date: date, reason: reason)
        do throws(UnreadableDate) { typed = try typed.readingDates() } catch { return fail(error.description, 2) }
        typed.date = typed.date ?? clock.today
        // The same rules the register applies, against the entry as it was recorded.
        let history = EntryHistory(
            entry: entry,
            events: [
                RegisterEvent(
                    sequence: 1, reference: entry.reference, kind: .created, recordedAt: entry.recordedAt,
                    by: entry.requester, date: request.producedOn, reason: nil, files: [],
                    nextReview: nil, entryDigest: entry.digest, previousHash: "", hash: "")
            ])
        do throws(RefusedChange) { try history.check(typed, today: clock.today) } catch {
            return fail(error.description)
        }
        let account: String
        do { account = try register.account() } catch { return fail("\(error)") }
        let key: SSHPublicKey?
        do { key = try signing.publicKey() } catch { return fail(error.description) }
        guard let key else {
            return fail(
                "a decision file must be signed, and no signing key is set up: name it with --key or "
                    + "\(SigningSettings.keyVariable) (see `dmf-wizard keys`)")
        }
        if let refusal = Signing.refusal(
            of: key, for: .decision, trust: SignerTrust.load(path: register.allowedSigners))
        {
            return fail(refusal)
        }
        let statement = DecisionStatement(
            reference: entry.reference, entryDigest: request.entryDigest, kind: kind, date: typed.date ?? clock.today,
            reason: typed.reason, by: by, account: account)
        let proof: EventProof?
        do { proof = try signing.sign(statement.bytes, for: .decision) } catch { return fail(error.description) }
        guard let proof else { return fail("the decision could not be signed") }
        let path = (Seal.folderOf(requestPath) as NSString).appendingPathComponent(entry.reference + ".decision")
        do throws(WriteError) {
            try SafeFile.writeAll(
                [(path, statement.bytes), (path + ".sig", Array(proof.signature.utf8))], overwrite: false)
        } catch {
            return fail(error.description)
        }
        stdout(
            """
            \(statement.shown), signed with key \((try? key.fingerprint()) ?? key.type).
            Decision: \(path)
            Signature: \(path).sig
            Send both back to the requester, who records them with `dmf-wizard register import \(path)`.

            """)
        return 0
    }

    /// `register import FILE`: records a decision (`REF.decision`), a sealed manifest or a
    /// receipt, with the signature beside it (`FILE.sig`), once its signature and what it names
    /// are checked. A file already recorded is said so and not recorded twice, so the files of a
    /// transfer bring a register restored from a backup up to date.
    public func importFile(_ path: String) -> Int32 {
        func fail(_ message: String) -> Int32 {
            stderr("dmf-wizard: \(message)\n")
            return 1
        }
        let bytes: [UInt8]
        let signature: [UInt8]?
        do {
            bytes = try ProofFile.read(path)
            signature = try ProofFile.signature(of: path)
        } catch {
            return fail(error.description)
        }
        let proof: EventProof?
        do {
            proof = try signature.map { EventProof(statement: bytes, signature: try SSHSignature(armored: $0)) }
        } catch {
            return fail("\(Sanitizer.visible(path)).sig is not an SSH signature: \(error)")
        }
        let request: EventRequest
        let reference: String
        if let decision = try? DecisionStatement(bytes: bytes) {
            guard let proof else { return fail("\(Sanitizer.visible(path)) has no signature beside it (\(path).sig)") }
            reference = decision.reference
            request = {
                var request = EventRequest(
                    kind: decision.kind, by: decision.by, date: decision.date, reason: decision.reason, proof: proof)
                request.signedElsewhere = true
                return request
            }()
        } else if let manifest = try? SealManifest.decode(bytes) {
            reference = manifest.reference
            request = EventRequest(
                kind: .sent, by: manifest.sealedBy, date: Moments.localDay(manifest.sealedAt),
                reason:
                    "sealed in \(SealManifest.fileName(for: reference)), SHA-256 \(FileDigest(name: "", bytes: bytes).sha256)",
                files: manifest.files, proof: proof)
        } else if let receipt = try? Receipt.decode(bytes), let checkedBy = receipt.checkedBy {
            reference = receipt.reference
            request = EventRequest(
                kind: .received, by: checkedBy, date: Moments.localDay(receipt.checkedAt),
                reason: "checked against \(receipt.manifest), SHA-256 \(receipt.manifestSHA256)",
                files: receipt.receivedFiles, proof: proof)
        } else {
            return fail(
                "\(Sanitizer.visible(path)) is not a decision, a manifest or a receipt (with the recipient's name) "
                    + "written by dmf-wizard")
        }
        return withRegister { register throws(RegisterError) in
            let history = try register.history(reference)
            if let same = history.events.first(where: { Self.records($0, request) }) {
                stdout(
                    "\(reference): already recorded as \(RegisterListing.place(of: same, in: history)); nothing new "
                        + "was recorded.\n")
                return 0
            }
            let event = try register.append(request, to: reference)
            stdout(
                "\(reference): \(event.kind.label) on \(event.date) — \(RegisterListing.actor(event)), recorded as "
                    + "\(RegisterListing.place(of: event, in: try? register.history(reference))).\n")
            let finding = register.finding(for: event, entryDigest: history.entry.digest)
            stdout(RegisterListing.signatureNote(event, finding).map { $0 + ".\n" } ?? "")
            return 0
        }
    }

    /// Whether `event` already records what `request` asks: the same kind and the same signed
    /// statement, or, unsigned, the same reason and files.
    static func records(_ event: RegisterEvent, _ request: EventRequest) -> Bool {
        guard event.kind == request.kind else { return false }
        if let proof = request.proof, let kept = event.proof { return proof.statement == kept.statement }
        return event.reason == request.reason && event.files == request.files
    }

    /// `register require-signatures`: from now on every desk refuses unsigned decisions,
    /// sendings and receipts. The requirement is itself signed, by a key trusted for decisions.
    public func requireSignatures(by typedName: String) -> Int32 {
        let by = typedName.trimmingCharacters(in: .whitespaces)
        guard !by.isEmpty else {
            stderr("dmf-wizard: say who requires signatures: --by NAME\n")
            return 2
        }
        return withRegister { register throws(RegisterError) in
            if let existing = try register.signatureRequirement() {
                stdout("\(existing.shown); nothing new was recorded.\n")
                return 0
            }
            let key: SSHPublicKey?
            do throws(SigningError) { key = try signing.publicKey() } catch {
                stderr("dmf-wizard: \(error.description)\n")
                return 1
            }
            guard let key else {
                stderr(
                    "dmf-wizard: requiring signatures is itself signed, and no signing key is set up (see "
                        + "`dmf-wizard keys`)\n")
                return 1
            }
            if let refusal = Signing.refusal(of: key, for: .decision, trust: register.trust) {
                stderr("dmf-wizard: \(refusal); only a key trusted for decisions may require signatures\n")
                return 1
            }
            let statement = RequirementStatement(
                date: register.currentDay, by: by, account: try register.currentAccount())
            let proof: EventProof?
            do throws(SigningError) { proof = try signing.sign(statement.bytes, for: .decision) } catch {
                stderr("dmf-wizard: \(error.description)\n")
                return 1
            }
            guard let proof else { return 1 }
            let requirement = try register.requireSignatures(statement, proof: proof)
            stdout(
                "\(requirement.shown). From now on every desk refuses unsigned decisions, sendings and receipts.\n")
            return 0
        }
    }
}

/// `dmf-wizard keys`: where the person stands, in plain words.
public struct KeysCommand {
    public var signing: Signing
    public var allowedSigners: String
    public var home: String
    public var stdout: (String) -> Void = Console.out

    public init(signing: Signing, allowedSigners: String, home: String) {
        self.signing = signing
        self.allowedSigners = allowedSigners
        self.home = home
    }

    /// Exit 0 when a key is set up and the allowed signers list it; 1 otherwise (the words say
    /// what to do).
    public func run() -> Int32 {
        var lines: [String] = []
        var status: Int32 = 0
        let trust = SignerTrust.load(path: allowedSigners)
        let shownFile = Sanitizer.visible(allowedSigners)
        if let problem = trust.problem {
            lines.append("The allowed signers file cannot be used: \(problem).")
            status = 1
        } else if trust.isMissing {
            lines.append(
                "There is no allowed signers file at \(shownFile): nobody's signature is trusted on this computer. "
                    + "Your administrators keep it (set \(SigningSettings.allowedSignersVariable) if they keep it "
                    + "elsewhere).")
            status = 1
        } else {
            lines.append("Allowed signers: \(shownFile).")
        }
        let writability = SigningSettings.writability(of: allowedSigners)
        if writability.isWritable {
            lines.append("Warning: \(writability.description).")
        }

        do {
            guard let key = try signing.publicKey(), let path = signing.keyPath else {
                lines += noKey()
                stdout(lines.joined(separator: "\n") + "\n")
                return 1
            }
            let fingerprint = (try? key.fingerprint()) ?? key.type
            lines.append("Your signing key: \(Sanitizer.visible(path)) (\(key.type), \(fingerprint)).")
            let listed = trust.verifier?.allowedSigners.lines(listing: key) ?? []
            if listed.isEmpty {
                lines.append(
                    "The allowed signers do not list it, so nothing you sign is trusted yet. Send your public key "
                        + "(\(Sanitizer.visible(publicPath(path)))) to the administrators who keep \(shownFile), "
                        + "and say what you sign (decisions if you are an Information Asset Owner; manifests and receipts "
                        + "if you send or receive files).")
                status = 1
            } else {
                for line in listed {
                    let what =
                        SignatureNamespace.allCases.filter { line.allows(namespace: $0.rawValue) }.map(\.things)
                    let can = what.isEmpty ? "nothing dmf-wizard signs" : what.joined(separator: ", ")
                    let when = line.validAfter == nil && line.validBefore == nil ? "" : ", \(line.window)"
                    let now = line.isValid(at: Date()) ? "" : " (not trusted today)"
                    lines.append(
                        "Listed as \(Sanitizer.visible(line.shownPrincipals.joined(separator: ", "))) (line "
                            + "\(line.number)): may sign \(can)\(when)\(now).")
                }
            }
        } catch {
            lines.append("Your signing key cannot be used: \(error.description).")
            status = 1
        }
        stdout(lines.joined(separator: "\n") + "\n")
        return status
    }

    private func publicPath(_ path: String) -> String { path.hasSuffix(".pub") ? path : path + ".pub" }

    /// What to do without a key, in plain words.
    private func noKey() -> [String] {
        let usual = home + "/.ssh/id_ed25519"
        var lines = ["No signing key is set up, so what you record is marked \"unsigned\"."]
        if FileManager.default.fileExists(atPath: usual) {
            lines.append("You have a key at \(Sanitizer.visible(usual)): use it with")
            lines.append("  export \(SigningSettings.keyVariable)=\(Sanitizer.visible(usual))")
        } else {
            lines.append("To make one, run")
            lines.append("  ssh-keygen -t ed25519")
            lines.append(
                "(or use the smart card you already have: add it to ssh-agent with ssh-add -s, and name its public "
                    + "key), then")
            lines.append("  export \(SigningSettings.keyVariable)=~/.ssh/id_ed25519")
        }
        lines.append(
            "Then send the public key (the .pub file) to the administrators who keep \(Sanitizer.visible(allowedSigners)), "
                + "saying what you sign.")
        return lines
    }
}

/// `dmf-wizard verify-receipt FILE`: the sender checks a receipt and its signature (`FILE.sig`)
/// against this desk's allowed signers. Exit 0 when the recipient's signature is trusted and
/// every file matched; 1 otherwise, saying why.
public struct VerifyReceiptCommand {
    public var path: String
    public var allowedSigners: String
    public var stdout: (String) -> Void = Console.out
    public var stderr: (String) -> Void = Console.errorText

    public init(path: String, allowedSigners: String) {
        self.path = path
        self.allowedSigners = allowedSigners
    }

    public func run() -> Int32 {
        let bytes: [UInt8]
        let signature: [UInt8]?
        let receipt: Receipt
        do {
            bytes = try ProofFile.read(path)
            signature = try ProofFile.signature(of: path)
        } catch {
            stderr("dmf-wizard: \(error.description)\n")
            return 1
        }
        do { receipt = try Receipt.decode(bytes) } catch {
            stderr("dmf-wizard: \(Sanitizer.visible(path)) is not a receipt written by dmf-wizard: \(error)\n")
            return 1
        }
        stdout(receipt.textLines.joined(separator: "\n") + "\n")
        if let seal = receipt.manifestSignature { stdout("The recipient found the seal \(seal).\n") }
        guard let signature else {
            stdout("Receipt: not signed: there is no \(Sanitizer.visible(path)).sig beside it.\n")
            return 1
        }
        let finding: ProofFinding
        do {
            let proof = EventProof(statement: bytes, signature: try SSHSignature(armored: signature))
            let moment = Date(timeIntervalSince1970: TimeInterval(Moments.seconds(receipt.checkedAt) ?? 0))
            finding = SignerTrust.load(path: allowedSigners).judge(proof, namespace: .receipt, at: moment)
        } catch {
            stdout("Receipt: its signature cannot be used: \(error).\n")
            return 1
        }
        switch finding {
        case .trusted(let signer):
            stdout("Receipt: checked and signed by \(signer.shown).\n")
            return receipt.allMatched ? 0 : 1
        default:
            stdout("Receipt: NOT TRUSTED: \(finding.description).\n")
            return 1
        }
    }
}
