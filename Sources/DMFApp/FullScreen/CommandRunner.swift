import DMFAnswers
import DMFRegister
import DMFRegisterStores
import DMFSignatures
import Foundation
import Synchronization

/// Carries out the full-screen app's commands and says what came of each (`Reply`). Quick ones
/// are done at once and their reply returned; slow ones (`Command.isSlow`) go to the worker, in
/// order, and their replies wait in `takeReplies` for the loop, which keeps drawing and reading
/// keys meanwhile.
///
/// It keeps the one thing that outlives a command: the register the register screen is using,
/// opened by its first request and closed when the screen is left or a request fails (the next
/// request then opens it afresh, so a server back up or a file put back is used). Only the
/// worker touches it.
final class CommandRunner: Sendable {
    private let openedRegister = Mutex<(setting: RegisterSetting, register: Register)?>(nil)
    private let replies = Mutex<[Reply]>([])
    /// Made for the first slow command, so nothing starts a thread before the first screen.
    private let worker = Mutex<Worker?>(nil)

    deinit { worker.withLock { $0?.stop() } }

    var registerIsOpen: Bool { openedRegister.withLock { $0 != nil } }

    /// Whether slow work is running or waiting, or has replies not yet taken: the loop then
    /// reads keys with a time limit, so no reply waits for a key. (A job posts its reply before
    /// it counts as done, so between the two checks here nothing can slip through.)
    var isBusy: Bool { isWorking || replies.withLock { !$0.isEmpty } }

    /// Whether the worker has a job running or waiting.
    private var isWorking: Bool { worker.withLock { $0.map { !$0.isIdle } ?? false } }

    /// The replies of slow commands finished since the last call, in order.
    func takeReplies() -> [Reply] {
        replies.withLock { replies in
            defer { replies = [] }
            return replies
        }
    }

    /// Waits until the slow work given so far is done (the end of a run, and tests); its
    /// replies are then in `takeReplies`.
    func waitUntilIdle() {
        while isWorking { usleep(2_000) }
    }

    /// Runs `command`: a quick one now, returning its reply; a slow one on the worker.
    func run(_ command: Command) -> Reply? {
        guard command.isSlow else { return perform(command, cancellation: Cancellation()) }
        let worker = worker.withLock { worker in
            if worker == nil { worker = Worker() }
            return worker
        }
        worker?.submit { [self] cancellation in
            if let reply = perform(command, cancellation: cancellation) { replies.withLock { $0.append(reply) } }
        }
        return nil
    }

    /// Does what `command` asks, where `run` decided: now, or on the worker.
    private func perform(_ command: Command, cancellation: Cancellation) -> Reply? {
        switch command {
        case .saveDraft(let save, let announce):
            do throws(WriteError) {
                try save.write()
                return .draftSaved(save, problem: nil, announce: announce)
            } catch {
                return .draftSaved(save, problem: error, announce: announce)
            }
        case .removeDraft(let drafts, let path):
            drafts.delete(path)
            return nil
        case .listDrafts(let drafts):
            return .draftsListed(drafts.list())
        case .open(let path, let asDraft, let drafts, let helpdesk, let clock):
            do throws(AnswersFileError) {
                return .opened(
                    .success(
                        try WizardSession.resuming(
                            path, asDraft: asDraft, drafts: drafts, helpdesk: helpdesk, clock: clock)))
            } catch {
                return .opened(.failure(error))
            }
        case .deleteDraft(let drafts, let path):
            do throws(DraftError) {
                _ = try drafts.deleteDraft(named: path)
                return .draftDeleted(.success(drafts.list()))
            } catch {
                return .draftDeleted(.failure(error))
            }
        case .saveScoreSheet(let sheet, let folder):
            do throws(WriteError) {
                return .scoreSheetSaved(.success(try sheet.save(in: folder)))
            } catch {
                return .scoreSheetSaved(.failure(error))
            }
        case .lookUpDue(let setting, let today, let clock):
            return .due(Self.due(setting, today: today, clock: clock))
        case .saveOutcome(let job):
            do throws(WriteError) {
                let saved = try job.run(cancellation: cancellation) { stage in
                    replies.withLock { $0.append(.saving(stage)) }
                }
                return .outcomeSaved(.success(saved))
            } catch {
                return .outcomeSaved(.failure(error))
            }
        case .register(let setting, let request, let clock):
            return .register(answer(request, setting: setting, clock: clock))
        case .closeRegister:
            closeRegister()
            return nil
        case .cancel:
            worker.withLock { $0?.cancel() }
            return nil
        case .signAtTerminal:
            // Never here: the app runs it at the terminal (`runAtTerminal`).
            return nil
        }
    }

    /// Runs a command that needs the terminal (`Command.needsTerminal`), now, on the loop's
    /// thread, while the terminal is handed over; `signalled` says when to give up.
    func runAtTerminal(_ command: Command, signalled: () -> Bool) -> Reply? {
        guard case .signAtTerminal(let pending, let signing) = command else { return nil }
        do throws(SigningError) {
            guard
                let proof = try signing.with(terminal: .allowed).sign(
                    pending.statement.bytes, for: .decision, stop: signalled)
            else { return .signed(pending, .failure(.failed("no signing key is set up"))) }
            return .signed(pending, .success(proof))
        } catch {
            return .signed(pending, .failure(error))
        }
    }

    /// "2 deletions overdue" from a quick look (a register that is slow or busy is not waited
    /// for: the line is only a reminder); nil when nothing is due or the register cannot be read.
    private static func due(_ setting: RegisterSetting, today: String, clock: WallClock) -> String? {
        guard let glance = try? setting.open(clock, quickly: true) else { return nil }
        defer { glance.close() }
        let summary = DueSummary((try? glance.due(today: today)) ?? [], today: today)
        return summary.isEmpty ? nil : summary.line
    }

    private func answer(_ request: RegisterRequest, setting: RegisterSetting, clock: WallClock) -> RegisterReply {
        switch request {
        case .list(let query):
            return .listed(withRegister(setting, clock) { register throws(RegisterError) in try register.list(query) })
        case .entry(let reference):
            return .entry(
                withRegister(setting, clock) { register throws(RegisterError) in
                    EntryView(try register.history(reference), in: register)
                })
        case .change(var change, let reference, let files, let home, let signing):
            do {
                change.files = try files.map { path throws(DigestError) in
                    try FileDigest.of(file: PathInput.expand(path, home: home))
                }
                change = try change.readingDates()
            } catch {
                return .changed(.failure(ChangeRefused(text: String(describing: error))))
            }
            if change.kind.signatureNamespace == .decision {
                return decide(change, reference: reference, signing: signing, setting: setting, clock: clock)
            }
            return record(change, reference: reference, setting: setting, clock: clock)
        case .record(let pending, let proof):
            return record(pending.signed(proof), reference: pending.reference, setting: setting, clock: clock)
        }
    }

    /// Records a change, and reads the entry back as the screen shows it.
    private func record(_ change: EventRequest, reference: String, setting: RegisterSetting, clock: WallClock)
        -> RegisterReply
    {
        let result = withRegister(setting, clock) { register throws(RegisterError) in
            let event = try register.append(change, to: reference)
            return RecordedChange(view: EntryView(try register.history(reference), in: register), event: event)
        }
        return .changed(result.mapError { ChangeRefused(text: $0.description) })
    }

    /// A decision, as `register authorise` and `refuse` record one: checked first, then signed
    /// with the person's key when one is set up, then recorded. A key that needs nobody signs
    /// here, on the worker; one that must ask the person (its passphrase, a security key's touch)
    /// is handed back to be signed at the terminal.
    private func decide(
        _ change: EventRequest, reference: String, signing: Signing, setting: RegisterSetting, clock: WallClock
    ) -> RegisterReply {
        let prepared = withRegister(setting, clock) {
            register throws(RegisterError) -> Result<PendingDecision?, DecisionNotSigned> in
            do throws(DecisionNotSigned) {
                return .success(try signing.prepareDecision(change, reference: reference, in: register))
            } catch {
                // The register's own refusal, or a register that cannot be used, as for any change.
                if case .refused(let refusal) = error { throw refusal }
                return .failure(error)
            }
        }
        let pending: PendingDecision?
        switch prepared {
        case .failure(let error): return .changed(.failure(ChangeRefused(text: error.description)))
        case .success(.failure(let refusal)):
            return .changed(.failure(ChangeRefused(text: Self.notRecorded(refusal.description))))
        case .success(.success(let prepared)): pending = prepared
        }
        // No key: recorded unsigned, unless the register requires signatures.
        guard let pending else { return record(change, reference: reference, setting: setting, clock: clock) }
        if pending.needsTouch { return .needsPerson(pending) }
        do throws(SigningError) {
            guard let proof = try signing.with(terminal: .forbidden).sign(pending.statement.bytes, for: .decision)
            else { return record(change, reference: reference, setting: setting, clock: clock) }
            return record(pending.signed(proof), reference: reference, setting: setting, clock: clock)
        } catch .passphraseNeeded {
            return .needsPerson(pending)
        } catch {
            return .changed(.failure(ChangeRefused(text: Self.notRecorded(error.description))))
        }
    }

    /// "…; nothing was recorded", as the command line says it.
    static func notRecorded(_ reason: String) -> String {
        reason + (reason.hasSuffix(".") ? " Nothing was recorded." : "; nothing was recorded.")
    }

    /// Runs `body` on the register, opening it if it is not open; every failure becomes a
    /// result. A failure of the register itself (not a refusal of the change) closes it.
    private func withRegister<T>(
        _ setting: RegisterSetting, _ clock: WallClock, _ body: (Register) throws(RegisterError) -> T
    ) -> Result<T, RegisterError> {
        do throws(RegisterError) {
            let opened = openedRegister.withLock { $0 }
            if let opened, opened.setting != setting { closeRegister() }
            let register: Register
            if let opened, opened.setting == setting {
                register = opened.register
            } else {
                register = try setting.open(clock)
                openedRegister.withLock { $0 = (setting, register) }
            }
            return .success(try body(register))
        } catch {
            switch error {
            case .unknownReference, .referenceTaken, .refused: break
            case .unavailable, .failed, .damaged: closeRegister()
            }
            return .failure(error)
        }
    }

    /// Closes the register screen's register (on the worker, or once the worker has stopped).
    func closeRegister() {
        openedRegister.withLock { opened in
            opened?.register.close()
            opened = nil
        }
    }
}
