import DMFPolicy
import Foundation
import Testing

@testable import DMFFlow

/// A resume code read out on the phone must rebuild the same answers wherever it is typed, so the
/// meaning of its digits may change only with its version. The version is worked out from the
/// layout (`ResumeCode.layout`, from `AnswerSchema`), so a new question needs no edit there;
/// `Golden/resume-code-layouts.txt` keeps every layout made so far, one a line, and no two may
/// share a version. After a change to the choice answers: `RECORD_GOLDEN=1 swift test --filter
/// ResumeCodeLayoutTests` adds the new layout; review the diff, then run again.
struct ResumeCodeLayoutTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/resume-code-layouts.txt")

    @Test func everyLayoutMadeSoFarHasAVersionOfItsOwn() throws {
        var recorded =
            (try? String(contentsOf: Self.url, encoding: .utf8))?
            .split(separator: "\n").map(String.init) ?? []
        if !recorded.contains(ResumeCode.layout) {
            guard ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" else {
                Issue.record(
                    """
                    The resume code's layout changed (version \(ResumeCode.version)): record it with RECORD_GOLDEN=1, \
                    so later layouts are checked against it.
                    """)
                return
            }
            recorded.append(ResumeCode.layout)
            try Data((recorded.joined(separator: "\n") + "\n").utf8).write(to: Self.url)
            Issue.record(
                "Recorded the new layout in Golden/resume-code-layouts.txt because RECORD_GOLDEN=1; run again.")
            return
        }
        let versions = recorded.map(ResumeCode.version(of:))
        #expect(Set(versions).count == versions.count, "two layouts share a version: \(versions)")
        // Codes from before the version was worked out had version 1 or 2 in a digit of radix 4.
        #expect(versions.allSatisfy { $0 % 4 == 3 && $0 < ResumeCode.versionRadix })
    }

    @Test func theLayoutNamesEveryChoiceAnswerAndItsOptions() {
        let layout = ResumeCode.layout
        for field in AnswerSchema.fields where !field.type.values.isEmpty {
            #expect(layout.contains("\(field.path):\(field.type.values.joined(separator: ","))"))
        }
        for field in AnswerSchema.recipient where !field.type.values.isEmpty {
            #expect(layout.contains("\(field.path):\(field.type.values.joined(separator: ","))"))
        }
        // Every question that offers choices is in the code.
        for question in Flow().questions + Flow.recipientQuestions where !question.choices.isEmpty {
            #expect(layout.contains("\(question.path):"), "\(question.code)")
        }
    }
}
