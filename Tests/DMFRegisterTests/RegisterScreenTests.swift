import DMFFlow
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// The register in the full-screen wizard (headless): the start screen's "due" line, the
/// register screen's list, search, entry and a confirmed change, and the outcome's save.
@Suite("Register screens") struct RegisterScreenTests {
    static let clock = WallClock.fixed(Date(timeIntervalSince1970: 1_795_918_450))  // 2026-11-29T02:14:10Z

    final class Scratch {
        let folder = NSTemporaryDirectory() + "dmf-register-screen-" + UUID().uuidString
        var location: RegisterLocation { .sqlite(path: folder + "/register.sqlite") }
        deinit { try? FileManager.default.removeItem(atPath: folder) }

        /// A register with an overdue deletion (sent, deletion date passed) and a BLOCKED entry.
        func filled() throws -> Register {
            let register = Register(storage: try location.open(), now: { "2026-11-01T09:00:00Z" })
            let overdue = Sample.entry(
                "DMF-20261101-OVER", route: .sameSystem, deleteBy: "2026-11-20", requester: "Ash Estates")
            _ = try register.record(overdue, by: "Ash Estates", producedOn: "2026-11-01")
            _ = try register.append(EventRequest(kind: .sent, by: "Ash", files: [Sample.file]), to: overdue.reference)
            _ = try register.record(
                Sample.entry("DMF-20261101-BLKD", verdict: .blocked), by: "Sam", producedOn: "2026-11-01")
            return register
        }

        /// A transfer answered to its outcome, and an empty folder to save it in.
        func finishedTransfer(training: Bool = false) throws -> (WizardSession, String) {
            var session = WizardSession(
                wizard: Drive.wizard(.betweenSystemsConditions),
                drafts: training ? nil : DraftStore(folder: folder + "/drafts"), training: training,
                clock: RegisterScreenTests.clock)
            _ = session.wizard.confirm()
            let output = folder + "/out"
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            return (session, output)
        }

        func app() -> FullScreenApp {
            let drafts = DraftStore(folder: folder + "/drafts")
            let app = FullScreenApp(
                session: WizardSession(wizard: Wizard(), drafts: drafts, clock: RegisterScreenTests.clock),
                drafts: drafts, clock: RegisterScreenTests.clock)
            app.register = location.setting
            return app
        }
    }

    static func text(_ app: FullScreenApp) -> String { app.view(width: 100, height: 30).canvas.text }

    /// Presses each key and lets the register answer before the next.
    static func press(_ app: FullScreenApp, _ keys: [Key]) {
        for key in keys {
            app.handle(key)
            app.settle()
        }
    }

    @Test func theStartScreenSaysWhatIsDueOnlyAfterItIsDrawn() throws {
        let scratch = Scratch()
        let app = scratch.app()
        app.prepareWhileIdle()
        app.settle()
        #expect(!FileManager.default.fileExists(atPath: scratch.folder), "no register file yet: nothing is opened")
        _ = try scratch.filled()
        let fresh = scratch.app()
        #expect(!Self.text(fresh).contains("overdue"))
        fresh.prepareWhileIdle()
        fresh.settle()
        #expect(Self.text(fresh).contains("The register: 1 deletion overdue. Choose 6 to see them."))
    }

    @Test func listSearchEntryAndAConfirmedChange() throws {
        let scratch = Scratch()
        let register = try scratch.filled()
        let app = scratch.app()
        Self.press(app, [.char("6"), .enter])
        #expect(app.isShowing(RegisterScreen.self))
        var screen = Self.text(app)
        #expect(screen.contains("DMF-20261101-OVER") && screen.contains("DMF-20261101-BLKD"))
        #expect(screen.contains("Enter open · ↑↓ choose · / search · s status · u due only · Esc back"))

        Self.press(app, [.char("/")] + "ash".map(Key.char) + [.enter])
        screen = Self.text(app)
        #expect(screen.contains("matching \"ash\"") && screen.contains("DMF-20261101-OVER"))
        #expect(!screen.contains("DMF-20261101-BLKD"))

        Self.press(app, [.enter])
        screen = Self.text(app)
        #expect(screen.contains("What has happened") && screen.contains("Due 2026-11-20: delete every copy"))

        // Every copy deleted: fill in who, Enter asks, y records.
        Self.press(app, [.char("d")] + "Ash Estates".map(Key.char) + [.enter])
        #expect(Self.text(app).contains("Record \"All copies deleted\" for DMF-20261101-OVER by Ash Estates?"))
        #expect(try register.history("DMF-20261101-OVER").events.count == 2, "nothing before the yes")
        Self.press(app, [.char("y")])
        #expect(Self.text(app).contains("Recorded: All copies deleted, event 3 (log position 4)."))
        #expect(Self.text(app).contains("3. 2026-11-29 All copies deleted: Ash Estates (account tester) [log 4]"))
        #expect(try register.history("DMF-20261101-OVER").status == .closed)
    }

    /// The register is open while its screen is used, closed when it is left, and opened afresh
    /// after it failed: a file put right meanwhile is then read.
    @Test func theScreenOpensTheRegisterAfreshAfterAFailureAndClosesItWhenLeft() throws {
        let scratch = Scratch()
        try FileManager.default.createDirectory(atPath: scratch.folder, withIntermediateDirectories: true)
        let path = scratch.folder + "/register.sqlite"
        try Data("not a register\n".utf8).write(to: URL(fileURLWithPath: path))
        let app = scratch.app()
        Self.press(app, [.char("6"), .enter])
        #expect(Self.text(app).contains("the file is not a register"))
        #expect(!app.registerIsOpen)

        try FileManager.default.removeItem(atPath: path)
        _ = try scratch.filled()
        Self.press(app, [.char("u")])
        #expect(Self.text(app).contains("DMF-20261101-OVER"))
        #expect(app.registerIsOpen)
        Self.press(app, [.escape])
        #expect(app.isShowing(StartScreen.self))
        #expect(!app.registerIsOpen)
    }

    /// While a request is with the register (on the worker), the screen takes no key but Esc:
    /// keys typed meanwhile are dropped, as keys typed while one screen gives way to the next;
    /// Esc goes back to the menu without waiting, and the register is closed after the request.
    @Test func keysTypedWhileTheRegisterAnswersAreDroppedAndEscLeaves() throws {
        let scratch = Scratch()
        var state = AppState(
            helpdesk: false, drafts: DraftStore(folder: scratch.folder + "/drafts"), clock: Self.clock,
            outputFolder: scratch.folder, home: nil)
        state.register = scratch.location.setting
        guard case .all(let opening) = RegisterScreen.open(state), case .show(let shown)? = opening.first,
            var screen = shown as? RegisterScreen
        else {
            Issue.record("the register screen did not open asking for the list")
            return
        }
        guard case .run(.register(_, .list, _))? = opening.last else {
            Issue.record("no list was asked for")
            return
        }
        #expect(screen.waiting)
        #expect(screen.hints(state) == ["Esc back to the menu"])
        for key in [Key.enter, .char("/"), .char("s"), .char("u"), .down, .char("q")] {
            guard case .none = screen.update(key, &state) else {
                Issue.record("\(key) was taken while waiting")
                continue
            }
        }
        #expect(screen.panel == .list && screen.query.status == nil && screen.query.dueBy == nil)
        guard case .all(let leaving) = screen.update(.escape, &state), case .run(.closeRegister)? = leaving.first,
            case .show(let next)? = leaving.last
        else {
            Issue.record("Esc did not leave")
            return
        }
        #expect(next is StartScreen)
    }

    @Test func aRefusedChangeSaysWhyAndRecordsNothing() throws {
        let scratch = Scratch()
        let register = try scratch.filled()
        let app = scratch.app()
        Self.press(app, [.char("6"), .enter, .char("/")] + "blkd".map(Key.char) + [.enter, .enter])
        Self.press(app, [.char("a"), .enter])
        #expect(Self.text(app).contains("Type who did it."))
        Self.press(app, "Iris IAO".map(Key.char) + [.enter, .char("y")])
        #expect(Self.text(app).contains("the assessment is BLOCKED, so it cannot be authorised"))
        #expect(try register.history("DMF-20261101-BLKD").events.count == 1)
        // Any other key than y goes back without recording.
        Self.press(app, [.enter, .char("n")])
        #expect(Self.text(app).contains("Not recorded."))
        #expect(try register.history("DMF-20261101-BLKD").events.count == 1)
    }

    /// A review asks for the next review's date in its own box (blank: a year after the review),
    /// read like every typed date.
    @Test func aReviewTakesTheNextReviewDate() throws {
        let scratch = Scratch()
        let register = try scratch.filled()
        let recurring = Sample.entry("DMF-20261101-RECU", frequency: .recurring)
        _ = try register.record(recurring, by: "Sam", producedOn: "2026-11-01")
        _ = try register.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: recurring.reference)
        let app = scratch.app()
        Self.press(app, [.char("6"), .enter, .char("/")] + "recu".map(Key.char) + [.enter, .enter, .char("v")])
        #expect(Self.text(app).contains("Next review (blank for a year after the review)"))
        Self.press(app, "Iris IAO".map(Key.char) + [.tab, .tab, .tab] + "31/02/2028".map(Key.char) + [.enter])
        #expect(Self.text(app).contains("31 February 2028 does not exist"))
        Self.press(app, Array(repeating: Key.backspace, count: 10) + "31/01/2028".map(Key.char) + [.enter, .char("y")])
        #expect(Self.text(app).contains("Recorded: Reviewed"))
        #expect(try register.history(recurring.reference).events.last?.nextReview == "2028-01-31")
    }

    @Test func savingTheOutcomeRecordsIt() throws {
        let scratch = Scratch()
        let (finished, output) = try scratch.finishedTransfer()
        var session = finished
        let saved = try session.saveOutcome(formats: [.markdown], folder: output, register: scratch.location.setting)
        #expect(saved.recorded)
        let note = try #require(saved.registerNote)
        #expect(note.hasPrefix("Recorded in the register as DMF-20261129-"))
        let firstLine = note.split(separator: "\n")[0]
        let reference = String(firstLine.dropFirst("Recorded in the register as ".count).dropLast())
        // The IAO decides on it, and this register is one person's: the request travels as a file.
        #expect(FileManager.default.fileExists(atPath: output + "/\(reference).request.json"))
        // It is among the files saved, so what to send (AfterSaving) names it; the register's own
        // line does not say it again.
        #expect(saved.paths.contains(output + "/\(reference).request.json"))
        #expect(!note.contains("request"))
        let entry = try Register(storage: try scratch.location.open(), now: { "" }).history(reference).entry
        #expect(entry.documents.map(\.name).sorted() == [reference + ".answers.yaml", reference + ".md"])
        #expect(saved.paths.allSatisfy { ($0 as NSString).lastPathComponent.hasPrefix(reference) })
    }

    @Test func aSaveWithTheRegisterDownStillWritesTheFiles() throws {
        let scratch = Scratch()
        try FileManager.default.createDirectory(atPath: scratch.folder, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: scratch.folder + "/register.sqlite"))
        let (finished, output) = try scratch.finishedTransfer()
        var session = finished
        let saved = try session.saveOutcome(formats: [.markdown], folder: output, register: scratch.location.setting)
        #expect(!saved.recorded)
        #expect(saved.paths.count == 2)
        #expect(saved.registerNote?.contains("Not recorded in the register") == true)
        #expect(saved.registerNote?.contains("dmf-wizard register add '\(output)/") == true)
        // The command records the reference the files carry, with each file's digest.
        let reference = try #require(saved.paths.first.map { String(($0 as NSString).lastPathComponent.prefix(17)) })
        #expect(saved.registerNote?.contains("--reference \(reference)") == true)
        for path in saved.paths { #expect(saved.registerNote?.contains("--document '\(path)'") == true) }
        // Found from the environment, it is found again the same way.
        #expect(saved.registerNote?.contains("--register '") == false)
    }

    /// The wizard was started with `--register`: the command to record later names it too.
    @Test func aSaveWithARegisterNamedByTheOptionSaysItAgain() throws {
        let scratch = Scratch()
        try FileManager.default.createDirectory(atPath: scratch.folder, withIntermediateDirectories: true)
        let path = scratch.folder + "/register.sqlite"
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        let (finished, output) = try scratch.finishedTransfer()
        var session = finished
        let setting = RegisterSetting.resolve(option: path, variable: { _ in nil })
        let saved = try session.saveOutcome(formats: [.markdown], folder: output, register: setting)
        #expect(!saved.recorded)
        #expect(saved.registerNote?.hasSuffix("--register '\(path)'") == true, "\(saved.registerNote ?? "")")
    }

    @Test func trainingNeverRecords() throws {
        let scratch = Scratch()
        let (finished, output) = try scratch.finishedTransfer(training: true)
        var session = finished
        let saved = try session.saveOutcome(formats: [.markdown], folder: output, register: scratch.location.setting)
        #expect(saved.registerNote == nil)
        #expect(!FileManager.default.fileExists(atPath: scratch.folder + "/register.sqlite"))
    }
}
