import DMFAnswers
import DMFDocuments
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation
import TerminalUI
import Testing

@testable import DMFApp

/// `dmf-wizard register ...` and `fill --record`, through their command structs with stand-in
/// streams, on a SQLite register in a scratch folder.
@Suite("Register commands") struct RegisterCommandTests {
    static let clock = WallClock.fixed(Date(timeIntervalSince1970: 1_795_918_450))  // 2026-11-29T02:14:10Z
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DMFPolicyTests/Scenarios")

    final class Output: @unchecked Sendable {
        var out = ""
        var err = ""
    }

    static func scenario(_ name: String) -> String { scenarios.appendingPathComponent(name).path }

    /// A copy of scenario `name` in `folder`: `register add` writes the request for the IAO's
    /// decision beside the answers it is given, which must not be the repository's scenarios.
    static func scenario(_ name: String, copiedTo folder: String) throws -> String {
        let copy = folder + "/" + name
        try FileManager.default.copyItem(atPath: scenario(name), toPath: copy)
        return copy
    }

    func command(_ folder: String, _ output: Output) -> RegisterCommand {
        RegisterCommand(
            register: RegisterLocation.sqlite(path: folder + "/register.sqlite").setting, clock: Self.clock,
            stdout: { output.out += $0 },
            stderr: { output.err += $0 })
    }

    func scratchFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "dmf-register-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Another desk records the same reference between the choice and the write: the documents
    /// are made again under the next reference, and the entry is recorded under that one.
    @Test func aReferenceTakenMeanwhileIsChosenAgain() throws {
        let answers = try AnswersParser.load(path: Self.scenario("02-nightly-disc-quantum.yaml"), mode: .complete)
            .answers
        let register = Register(storage: MemoryRegisterStorage(), now: { "2026-11-29T02:14:10Z" })
        var references: [String] = []
        let outcome = try OutcomeRecorder(register: register).record(
            answers, producedAt: "2026-11-29T02:14:10Z", reference: nil
        ) { form in
            references.append(form.reference)
            if references.count == 1 { _ = try register.record(Sample.entry(form.reference), by: "Another desk") }
            return [FileDigest(name: form.reference + ".md", bytes: Array("form".utf8))]
        }
        #expect(references.count == 2 && references[0] != references[1])
        #expect(outcome.entry.reference == references[1])
        #expect(outcome.entry.documents.map(\.name) == [references[1] + ".md"])
    }

    /// The same answers assessed again after the rules changed are a new assessment: a new entry
    /// under a new reference, never the old entry with its old verdict ("already recorded").
    @Test(arguments: [false, true])
    func theSameAnswersUnderNewRulesAreRecordedAgain(sameReference: Bool) throws {
        let answers = try AnswersParser.load(path: Self.scenario("02-nightly-disc-quantum.yaml"), mode: .complete)
            .answers
        let at = "2026-11-29T02:14:10Z"
        let register = Register(storage: MemoryRegisterStorage(), now: { at })
        let older = "2026.11-1"
        // An entry recorded under older rules: its fingerprint and reference were made with them,
        // or (sameReference) it happens to hold the reference the rules in force would give.
        let reference =
            sameReference
            ? DMFBuilder.reference(for: answers, producedAt: at)
            : DMFBuilder.reference(for: answers, producedAt: at, rulesVersion: older)
        let form = try DMFBuilder.build(answers, context: .init(producedAt: at, reference: reference))
        var old = RegisterEntryBuilder.entry(form, answers: answers, recordedAt: at, documents: [])
        old.fingerprint = answers.fingerprint(rulesVersion: older)
        old.rulesVersion = older
        #expect(try register.record(old, by: "Sam") == .added(old))

        let outcome = try OutcomeRecorder(register: register).record(answers, producedAt: at, reference: nil) { _ in
            []
        }
        #expect(outcome.isNew, "\(outcome.message)")
        #expect(outcome.entry.reference != old.reference)
        #expect(outcome.entry.rulesVersion == PolicyInfo.rulesVersion)
        #expect(try register.list().total == 2)
        let again = try OutcomeRecorder(register: register).record(answers, producedAt: at, reference: nil) { _ in
            []
        }
        #expect(
            !again.isNew && again.entry.reference == outcome.entry.reference, "under the same rules, one assessment")
    }

    @Test func theRecordLaterCommandQuotesEveryPath() {
        let command = OutcomeRecorder.laterCommand(
            answers: "/tmp/O'Brien's case/a.answers.yaml", reference: "DMF-20261129-7K3Q",
            documents: ["/tmp/x y/DMF-20261129-7K3Q.md"], register: nil)
        #expect(
            command == "dmf-wizard register add '/tmp/O'\\''Brien'\\''s case/a.answers.yaml' "
                + "--reference DMF-20261129-7K3Q --document '/tmp/x y/DMF-20261129-7K3Q.md'")
    }

    @Test func fillRecordWritesTheFilesThenRecordsTheirDigests() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var fill = FillCommand(answersPath: Self.scenario("02-nightly-disc-quantum.yaml"), clock: Self.clock)
        fill.outputPath = folder + "/form.md"
        fill.register = RegisterLocation.sqlite(path: folder + "/register.sqlite").setting
        let output = Output()
        #expect(fill.run(stdout: { output.out += $0 }, stderr: { output.err += $0 }) == 0)
        #expect(output.out.contains("Recorded in the register as DMF-20261129-"))
        let reference = try #require(firstReference(in: output.out))

        let list = Output()
        #expect(command(folder, list).list(ListQuery(), format: .csv) == 0)
        #expect(list.out.contains(reference + ",2026-11-29,Sam Integration"))
        let show = Output()
        #expect(command(folder, show).show(reference, json: false) == 0)
        let digest = FileDigest(
            name: "form.md", bytes: try Array(Data(contentsOf: URL(fileURLWithPath: folder + "/form.md"))))
        #expect(show.out.contains("form.md  \(digest.size) bytes  sha256 \(digest.sha256)"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/register.sqlite")[.posixPermissions]
        #expect(mode as? Int == 0o600)

        // The same answers again: the same entry, nothing new.
        let again = Output()
        fill.force = true
        #expect(fill.run(stdout: { again.out += $0 }, stderr: { again.err += $0 }) == 0)
        #expect(again.out.contains("Already in the register as \(reference)"))
    }

    @Test func aRegisterThatCannotBeOpenedLosesNothing() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("this is not a database, it is a text file long enough to look like one".utf8)
            .write(to: URL(fileURLWithPath: folder + "/register.sqlite"))
        var fill = FillCommand(answersPath: Self.scenario("02-nightly-disc-quantum.yaml"), clock: Self.clock)
        fill.outputFolder = folder + "/out"
        fill.printer = { nil }
        fill.register = RegisterLocation.sqlite(path: folder + "/register.sqlite").setting
        let output = Output()
        #expect(fill.run(stdout: { output.out += $0 }, stderr: { output.err += $0 }) == FillCommand.notRecordedStatus)
        #expect(output.err.contains("not recorded in the register"))
        #expect(output.err.contains("the file is not a register (it is not a SQLite database)"))
        #expect(output.err.contains("dmf-wizard register add"))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder + "/out")
        #expect(written.count == 4)

        // Recorded later, once the register is back.
        try FileManager.default.removeItem(atPath: folder + "/register.sqlite")
        let later = Output()
        let reference = String(written[0].prefix(17))
        let documents = written.sorted().map { folder + "/out/" + $0 }
        #expect(
            command(folder, later).add(
                answersPath: Self.scenario("02-nightly-disc-quantum.yaml"), documents: documents, reference: reference)
                == 0)
        #expect(later.out.hasPrefix("Recorded in the register as \(reference).\n"))
    }

    @Test func statusChangesDueExportAndCheck() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = Output()
        let tool = command(folder, output)
        // Another entry first: the entry's events are numbered 1, 2, 3…, their log positions apart.
        let other = try Self.scenario("12-laptop-disposal.yaml", copiedTo: folder)
        #expect(tool.add(answersPath: other, documents: [], reference: nil) == 0)
        output.out = ""
        let supplier = try Self.scenario("05-supplier-no-nda.yaml", copiedTo: folder)
        #expect(tool.add(answersPath: supplier, documents: [], reference: nil) == 0)
        let reference = try #require(firstReference(in: output.out))
        try Data("id\n1\n".utf8).write(to: URL(fileURLWithPath: folder + "/extract.csv"))

        #expect(
            tool.change(EventRequest(kind: .authorised, by: "Iris IAO", date: "29/11/2026"), reference: reference) == 0)
        #expect(
            output.out.contains(
                "\(reference): Authorised by the IAO on 2026-11-29 — Iris IAO (account tester), recorded as event 2 "
                    + "(log position 3).\n"
                    + "Not signed: no signing key is set up (see `dmf-wizard keys`).\n"))
        #expect(
            tool.change(
                EventRequest(kind: .sent, by: "Taylor"), reference: reference, hashing: [folder + "/extract.csv"]) == 0)
        #expect(tool.change(EventRequest(kind: .authorised, by: "X", date: "31/02/2026"), reference: reference) == 2)
        #expect(output.err.contains("31 February 2026 does not exist"))
        #expect(tool.change(EventRequest(kind: .reviewed, by: "X"), reference: reference) == 1)
        #expect(output.err.contains("only a recurring transfer is reviewed"))
        #expect(tool.change(EventRequest(kind: .sent, by: "T"), reference: reference, hashing: [folder + "/nope"]) == 1)
        #expect(output.err.contains("cannot read"))

        output.out = ""
        #expect(tool.due(format: .table) == 0)
        #expect(output.out == "Nothing is due.\n")
        output.out = ""
        #expect(tool.export(format: .csv) == 0)
        let lines = output.out.components(separatedBy: "\r\n")
        // The marking is the highest of the entries': this supplier's assessment is OFFICIAL.
        #expect(lines.first == "\"OFFICIAL: DMF register export, produced 2026-11-29T02:14:10Z\"")
        #expect(lines.dropLast().last == "OFFICIAL")
        #expect(output.out.contains("2026-11-29 authorised (Iris IAO (account tester), Unsigned)"))
        output.out = ""
        #expect(tool.export(format: .json) == 0)
        #expect(output.out.contains("\"marking\" : \"OFFICIAL\""))
        output.out = ""
        #expect(tool.check() == 0)
        #expect(output.out == "The register is intact: 2 entries, 4 events, every hash verified.\n")
        #expect(tool.show("DMF-NOPE", json: false) == 1)
        #expect(output.err.contains("no entry in the register has the reference DMF-NOPE"))
    }

    /// `check` on a damaged file says so and how to recover; `fill --record` then keeps its
    /// documents and prints the command that records them later; `check` after a good copy is
    /// back says it is written to again.
    @Test func aDamagedRegisterIsFoundAndKeptFromWrites() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = Output()
        let tool = command(folder, output)
        for name in ["02-nightly-disc-quantum.yaml", "03-ogd-approved-tool.yaml", "05-supplier-no-nda.yaml"] {
            #expect(
                tool.add(answersPath: try Self.scenario(name, copiedTo: folder), documents: [], reference: nil) == 0)
        }
        let path = folder + "/register.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: folder + "/backup.sqlite")
        try SQLiteFileTests.scribble(path, from: try SQLiteFileTests.rowsStart())

        output.out = ""
        #expect(tool.check() == 1)
        #expect(output.out.hasPrefix("The register at \(path) is damaged: SQLite"), "\(output.out)")
        #expect(output.out.contains("put back the last good copy from a backup"))

        var fill = FillCommand(answersPath: Self.scenario("12-laptop-disposal.yaml"), clock: Self.clock)
        fill.outputPath = folder + "/form.md"
        fill.register = RegisterLocation.sqlite(path: path).setting
        let filled = Output()
        #expect(fill.run(stdout: { filled.out += $0 }, stderr: { filled.err += $0 }) == FillCommand.notRecordedStatus)
        #expect(
            filled.err.contains("is damaged") && filled.err.contains("To record them later: dmf-wizard register add"))
        #expect(FileManager.default.fileExists(atPath: folder + "/form.md"))

        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: folder + "/backup.sqlite", toPath: path)
        output.out = ""
        #expect(tool.check() == 0)
        #expect(
            output.out == "The register is intact: 3 entries, 3 events, every hash verified.\n"
                + "It had been found damaged; it is sound again, so dmf-wizard writes to it again.\n")
    }

    /// The command line and the register screen read typed dates in one place.
    @Test func typedDatesAreReadOnce() throws {
        let typed = EventRequest(kind: .reviewed, by: "Iris", date: "31/12/2026", nextReview: "2027-12-31")
        let read = try typed.readingDates()
        #expect(read.date == "2026-12-31" && read.nextReview == "2027-12-31")
        #expect(throws: UnreadableDate.self) {
            try EventRequest(kind: .sent, by: "S", date: "31/02/2026").readingDates()
        }
        var form = ChangeForm(
            kind: .authorised,
            view: EntryView(history: EntryHistory(entry: Sample.entry("DMF-1"), events: []), findings: []))
        for key in "Iris".map(Key.char) { form.type(key) }
        form.field = 1
        for key in "31/02/2026".map(Key.char) { form.type(key) }
        #expect(form.problem?.contains("31 February 2026 does not exist") == true)
    }

    @Test func dueSummaryCountsWhatIsOverdueAndDueToday() {
        let items = [
            DueItem(reference: "A", kind: .deletion, date: "2026-11-01"),
            DueItem(reference: "B", kind: .deletion, date: "2026-11-28"),
            DueItem(reference: "C", kind: .review, date: "2026-11-29"),
            DueItem(reference: "D", kind: .review, date: "2026-12-29"),
        ]
        #expect(DueSummary(items, today: "2026-11-29").line == "2 deletions overdue, 1 review due today")
        #expect(DueSummary([], today: "2026-11-29").line == "Nothing is due.")
    }

    @Test func csvGuardsAgainstFormulas() {
        let rows = [
            EntrySummary(
                reference: "DMF-1", recordedAt: "2026-11-29T00:00:00Z", requester: "=HYPERLINK(\"x\")", team: "a,b",
                route: "same-system", classification: "official", marking: "OFFICIAL", verdict: "proceed",
                status: .recorded, nextDue: nil)
        ]
        let csv = RegisterListing.render(rows, format: .csv)
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        #expect(csv.contains("\"a,b\""))
    }
}
