import DMFAnswers
import DMFRegister
import DMFRegisterStores
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
                withRegister(setting, clock) { register throws(RegisterError) in try register.history(reference) })
        case .change(var change, let reference, let files, let home):
            do {
                change.files = try files.map { path throws(DigestError) in
                    try FileDigest.of(file: PathInput.expand(path, home: home))
                }
                change = try change.readingDates()
            } catch {
                return .changed(.failure(ChangeRefused(text: String(describing: error))))
            }
            let result = withRegister(setting, clock) { register throws(RegisterError) in
                let event = try register.append(change, to: reference)
                return RecordedChange(history: try register.history(reference), event: event)
            }
            return .changed(result.mapError { ChangeRefused(text: $0.description) })
        }
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
