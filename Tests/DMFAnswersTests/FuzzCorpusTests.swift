import DMFAnswers
import DMFPolicy
import Foundation
import Testing

/// Replays the fuzzer's seeds (`Tests/Fuzz/corpus/`) and anything it found (`Tests/Fuzz/crashes/`,
/// written by scripts/fuzz-answers.sh) through the reader, so a crash found once stays fixed.
/// The files are read through `#filePath` (the package declares no resources).
@Suite("Fuzz corpus")
struct FuzzCorpusTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// `corpus/NAME` and `crashes/NAME` for every file in the two folders (crashes/ may be absent).
    static let files: [String] = ["corpus", "crashes"].flatMap { folder -> [String] in
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: fuzzFolder.appendingPathComponent(folder).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
    }

    @Test("the seed corpus is there")
    func corpusIsThere() {
        #expect(Self.files.filter { $0.hasPrefix("corpus/") }.count >= 20, "\(Self.fuzzFolder.path)")
    }

    @Test("every file reads or fails with one-line problems, in both modes", arguments: files)
    func replay(_ name: String) throws {
        let data = try Data(contentsOf: Self.fuzzFolder.appendingPathComponent(name))
        for mode in [AnswersParser.Mode.complete, .draft] {
            let document: AnswersDocument
            do {
                document = try AnswersParser.parse(data: data, file: "case.yaml", mode: mode)
            } catch {
                #expect(!error.problems.isEmpty, "\(mode)")
                // One problem, one line: a newline in a message (say, from a quoted value) splits it.
                for problem in error.problems {
                    let oneLine = !problem.message.contains { $0.isNewline }
                    #expect(oneLine, "\(mode): \(problem.path): \(problem.message.debugDescription)")
                }
                continue
            }
            // What the reader accepts, written back, reads back the same (as the fuzzer checks).
            let written = AnswersWriter.yaml(document.answers, resumeStep: document.resumeStep)
            let again = try AnswersParser.parse(data: Data(written.utf8), file: "written.yaml", mode: mode)
            #expect(again.answers == document.answers, "\(mode)")
            #expect(again.resumeStep == document.resumeStep, "\(mode)")
        }
    }
}
