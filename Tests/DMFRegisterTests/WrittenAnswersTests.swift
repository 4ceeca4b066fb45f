import DMFAnswers
import DMFFlow
import DMFPolicy
import DMFRegister
import DMFRegisterStores
import Foundation
import TestSupport
import Testing

@testable import DMFApp

/// Every kind of answers file the tool writes (a draft, the answers saved beside the documents,
/// the register's copy and the export's) is plain YAML that another reader accepts, and reads
/// back as the same answers, through our reader and through that other one.
struct WrittenAnswersTests {
    @Test func everyWrittenAnswersFileIsPlainYAMLThatReadsBackTheSame() throws {
        if !PyYAML.isAvailable {
            try #require(!StoreKind.inCI, "CI installs PyYAML (python3-yaml)")
            try Test.cancel("skipped: python3 with PyYAML is not installed (CI installs python3-yaml)")
        }
        let scratch = RegisterScreenTests.Scratch()
        let (finished, output) = try scratch.finishedTransfer()
        var session = finished
        let answers = session.wizard.answers
        try #require(!answers.recipients.isEmpty, "a list of recipients, the part that was tagged")

        session.autosave()
        let draftPath = try #require(session.draftPath)
        let draft = try String(contentsOfFile: draftPath, encoding: .utf8)
        let saved = try session.saveOutcome(formats: [.markdown], folder: output, register: scratch.location.setting)
        let answersFile = try #require(saved.paths.first { $0.hasSuffix(".answers.yaml") })
        let reference = String((answersFile as NSString).lastPathComponent.prefix(17))
        let register = Register(storage: try scratch.location.open(), now: { "" })
        let registered = try register.history(reference).entry.answers

        var exported = ""
        let command = RegisterCommand(
            register: scratch.location.setting, clock: RegisterScreenTests.clock, stdout: { exported += $0 },
            stderr: { _ in })
        #expect(command.export(format: .json) == 0)
        let export = try #require(
            try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? [String: Any], "the export is JSON")
        let entries = try #require(export["entries"] as? [[String: Any]])
        let exportedAnswers = try #require((entries.first?["entry"] as? [String: Any])?["answers"] as? String)

        let files = [
            ("draft", draft, AnswersParser.Mode.draft),
            ("saved answers", try String(contentsOfFile: answersFile, encoding: .utf8), .complete),
            ("register's copy", registered, .complete), ("export's answers", exportedAnswers, .complete),
        ]
        for (kind, text, mode) in files {
            #expect(!text.contains("!!"), "\(kind): no YAML tags\n\(text)")
            let ours = try AnswersParser.parse(data: Data(text.utf8), mode: mode)
            #expect(ours.answers == answers, "\(kind): our reader reads back the answers written")
            let json: String
            do {
                json = try PyYAML.readAsJSON(text)
            } catch {
                Issue.record("\(kind): PyYAML refused it: \(error)\n\(text)")
                continue
            }
            let theirs = try AnswersParser.parse(data: Data(json.utf8), mode: mode)
            #expect(theirs.answers == answers, "\(kind): PyYAML reads the same answers\n\(json)")
            #expect(theirs.resumeStep == ours.resumeStep, "\(kind)")
        }
        #expect(try AnswersParser.parse(data: Data(draft.utf8), mode: .draft).resumeStep != nil, "the draft's step")
    }
}
