import DMFDocuments
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import DMFSignatures
import Foundation

/// Records a finished assessment: picks its reference, lets the caller write its documents
/// under that reference, and records the entry with their digests. `fill --record`, the
/// wizard's save (both through `save`) and `register add` all record through here.
struct OutcomeRecorder {
    let register: Register

    struct Outcome {
        var entry: RegisterEntry
        var isNew: Bool
        /// `REF.request.json`, written when the IAO decides and the register is not shared.
        var request: String?
        /// Why the request could not be written, when it could not.
        var requestProblem: String?

        /// The line about the register alone: what the wizard's saved screen shows, where the
        /// request file is part of what to send (`AfterSaving`).
        var recordedLine: String {
            let recorded =
                isNew
                ? "Recorded in the register as \(entry.reference)."
                : "Already in the register as \(entry.reference) (the same answers); nothing new was recorded."
            return [recorded, requestProblem.map { "The request for the IAO was not written: \($0)" }]
                .compactMap { $0 }.joined(separator: "\n")
        }

        /// Everything, for the commands that print it (`fill --record`, `register add`).
        var message: String {
            var lines = [
                isNew
                    ? "Recorded in the register as \(entry.reference)."
                    : "Already in the register as \(entry.reference) (the same answers); nothing new was recorded."
            ]
            if let request {
                lines.append(
                    "For the IAO's decision: send \(request) to your Information Asset Owner, who runs "
                        + "`dmf-wizard register decide` on it; record the decision they send back with "
                        + "`dmf-wizard register import \(entry.reference).decision`.")
            }
            if let requestProblem { lines.append("The request for the IAO was not written: \(requestProblem)") }
            return lines.joined(separator: "\n")
        }
    }

    /// - Parameters:
    ///   - reference: a reference to use as given (`register add --reference`), else one is picked.
    ///   - documents: writes (or reads) the documents for the form with the chosen reference and
    ///     returns their digests; called again only if another desk took the reference meanwhile,
    ///     and then it removes the files it wrote under the reference it lost.
    func record(
        _ answers: Answers, producedAt: String, reference: String?,
        documents: (FilledDMF) throws -> [FileDigest]
    ) throws(RegisterError) -> Outcome {
        // The documents' digests are worked out before the register is written.
        try register.loadHashing()
        for _ in 0..<3 {
            // Where the register stands before this entry: every document written says so.
            let position = try register.position()
            let witness = RegisterWitness(register: position.origin, events: position.events, root: position.root)
            let draft = try build(answers, producedAt: producedAt, reference: reference, witness: witness)
            let chosen: String
            if let reference {
                chosen = reference
            } else {
                chosen = try register.reference(
                    for: answers.fingerprint, candidates: RegisterEntryBuilder.candidates(draft, answers: answers))
            }
            // Recorded and decided before: the form shows the decision the register holds.
            let decided = recordedDecision(chosen, fingerprint: answers.fingerprint)
            let dmf =
                chosen == draft.reference && decided == nil
                ? draft
                : try build(answers, producedAt: producedAt, reference: chosen, decision: decided, witness: witness)
            let digests: [FileDigest]
            do { digests = try documents(dmf) } catch {
                throw .failed(location: register.location, reason: "the documents could not be written: \(error)")
            }
            // Recorded at the register's own time: the form's produced time may be fixed
            // (`SOURCE_DATE_EPOCH`), the register's never is. The "created" event states the day
            // the form was produced, which no later event may come before.
            let entry = RegisterEntryBuilder.entry(
                dmf, answers: answers, recordedAt: register.timestamp, documents: digests)
            do {
                switch try register.record(
                    entry, by: RegisterEntryBuilder.recorder(answers), producedOn: Moments.localDay(producedAt))
                {
                case .added(let entry): return Outcome(entry: entry, isNew: true)
                case .alreadyRecorded(let entry): return Outcome(entry: entry, isNew: false)
                }
            } catch .referenceTaken where reference == nil {
                // Another desk took it between the choice and the write: choose again.
                continue
            }
        }
        throw .failed(location: register.location, reason: "no free reference could be recorded; try again")
    }

    /// What saving an outcome with a register did: the files written, under the form they
    /// carry, and what the register said.
    struct Saved {
        var files: [(path: String, bytes: [UInt8])]
        /// The form the files carry: its reference is the one the register holds.
        var form: FilledDMF
        var recorded: Result<Outcome, NotRecorded>
    }

    /// The register could not record the files: why, and the command that records them later.
    struct NotRecorded: Error {
        var error: RegisterError
        var laterCommand: String
    }

    /// Writes the form's files and records them in `setting`'s register: the register picks the
    /// reference first, the files are written under it, and the entry keeps each file's digest.
    /// If the register cannot be used, the files are written all the same, and `NotRecorded`
    /// gives the command that records them once it can.
    /// - Parameters:
    ///   - answersFile: the answers file the later command reads, given the paths written.
    ///   - write: writes the files for a form, all or none, and returns them.
    /// - Throws: only when the files could not be written.
    static func save(
        _ answers: Answers, form: FilledDMF, in setting: RegisterSetting, clock: WallClock,
        answersFile: ([String]) -> String, write: (FilledDMF) throws(WriteError) -> [(path: String, bytes: [UInt8])]
    ) throws(WriteError) -> Saved {
        var written: [(path: String, bytes: [UInt8])] = []
        var writtenForm = form
        var writeFailure: WriteError?
        let failure: RegisterError
        do throws(RegisterError) {
            let register = try setting.open()
            defer { register.close() }
            var outcome = try OutcomeRecorder(register: register).record(
                answers, producedAt: form.producedAt, reference: nil
            ) { chosen in
                SafeFile.remove(written.map(\.path))
                written = []
                do throws(WriteError) { written = try write(chosen) } catch {
                    writeFailure = error
                    throw error
                }
                writtenForm = chosen
                return written.map { FileDigest(name: ($0.path as NSString).lastPathComponent, bytes: $0.bytes) }
            }
            if setting.location.isShared == false, let folder = written.first.map({ Seal.folderOf($0.path) }) {
                try? DecisionRequest.writeIfNeeded(outcome: &outcome, register: register, folder: folder)
            }
            return Saved(files: written, form: writtenForm, recorded: .success(outcome))
        } catch {
            if let writeFailure { throw writeFailure }
            failure = error
        }
        if written.isEmpty {
            written = try write(form)
            writtenForm = form
        }
        let later = laterCommand(
            answers: answersFile(written.map(\.path)), reference: writtenForm.reference,
            documents: written.map(\.path), register: setting)
        return Saved(
            files: written, form: writtenForm, recorded: .failure(NotRecorded(error: failure, laterCommand: later)))
    }

    /// The command that records saved files later, once the register can be used: the
    /// reference the files carry, each file (for its digest, so the entry matches the files),
    /// and the register when `--register` named it (without any password).
    static func laterCommand(answers: String, reference: String, documents: [String], register: RegisterSetting?)
        -> String
    {
        let files = documents.map { " --document " + RegisterSetting.shellQuoted($0) }.joined()
        let place = register?.commandOption.map { " " + $0 } ?? ""
        return
            "dmf-wizard register add \(RegisterSetting.shellQuoted(answers)) --reference \(reference)\(files)\(place)"
    }

    /// The IAO's decision on the entry recorded under `reference` for these answers, if any.
    func recordedDecision(_ reference: String, fingerprint: String) -> DMFBuilder.RecordedDecision? {
        guard let history = try? register.history(reference), history.entry.fingerprint == fingerprint,
            let event = history.events.last(where: { $0.kind == .authorised || $0.kind == .refused })
        else { return nil }
        let statement = event.decisionStatement
        let fingerprint = event.proof.flatMap { try? SSHPublicKey(line: $0.signerKey).fingerprint() }
        var signer: String?
        if case .trusted(let trusted) = register.finding(for: event, entryDigest: history.entry.digest) {
            signer = trusted.principals.joined(separator: ", ")
        }
        return DMFBuilder.RecordedDecision(
            authorised: event.kind == .authorised, name: event.by, account: statement?.account ?? event.account,
            fingerprint: fingerprint, signer: signer, date: event.date, reason: event.reason)
    }

    private func build(
        _ answers: Answers, producedAt: String, reference: String?, decision: DMFBuilder.RecordedDecision? = nil,
        witness: RegisterWitness
    ) throws(RegisterError) -> FilledDMF {
        do {
            return try DMFBuilder.build(
                answers,
                context: .init(
                    producedAt: producedAt, reference: reference, recordedDecision: decision,
                    registerPosition: witness))
        } catch {
            let missing = error.missing.joined(separator: ", ")
            throw .failed(location: register.location, reason: "the answers are incomplete (\(missing))")
        }
    }
}

extension RegisterSetting {
    /// Opens the register: the one way the app opens it. The register keeps its own clock (the
    /// setting's); `documents`, the clock documents are stamped with, never moves it.
    func open(_ documents: WallClock, quickly: Bool = false) throws(RegisterError) -> Register {
        try open(quickly: quickly)
    }
}
