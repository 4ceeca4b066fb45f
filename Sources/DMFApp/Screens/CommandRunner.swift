import DMFAnswers
import DMFRegister
import DMFRegisterStores

/// Carries out the full-screen app's commands and says what came of each (`Reply`). It keeps
/// the one thing that outlives a command: the register the register screen is using, opened by
/// its first request and closed when the screen is left or a request fails (the next request
/// then opens it afresh, so a server back up or a file put back is used).
final class CommandRunner {
    private var openedRegister: (setting: RegisterSetting, register: Register)?

    var registerIsOpen: Bool { openedRegister != nil }

    /// Runs `command`; returns what it reported, if anything.
    func run(_ command: Command) -> Reply? {
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
                return .outcomeSaved(.success(try job.run()))
            } catch {
                return .outcomeSaved(.failure(error))
            }
        case .register(let setting, let request, let clock):
            return .register(answer(request, setting: setting, clock: clock))
        case .closeRegister:
            closeRegister()
            return nil
        case .cancel:
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
            if let opened = openedRegister, opened.setting != setting { closeRegister() }
            let register: Register
            if let opened = openedRegister {
                register = opened.register
            } else {
                register = try setting.open(clock)
                openedRegister = (setting, register)
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

    func closeRegister() {
        openedRegister?.register.close()
        openedRegister = nil
    }
}
