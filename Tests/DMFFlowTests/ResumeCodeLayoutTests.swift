import DMFPolicy
import Testing

@testable import DMFFlow

/// A resume code read out on the phone must rebuild the same answers wherever it is typed, so
/// the meaning of its digits may change only with a new code version.
struct ResumeCodeLayoutTests {
    /// The layout each code version was made with, as a hash of `ResumeCode.layout`. When the
    /// questions or their options change, bump `ResumeCode.version` and add its line here.
    static let layoutByVersion: [UInt128: UInt64] = [
        2: 0x4679_e83e_24ef_9c43
    ]

    @Test func changingTheQuestionsOrTheirOptionsNeedsANewCodeVersion() {
        let hash = Crockford.fnv1a(ResumeCode.layout)
        let recorded = Self.layoutByVersion[ResumeCode.version]
        #expect(
            recorded == hash,
            """
            The resume code's layout changed (hash 0x\(String(hash, radix: 16))) but its version is still \
            \(ResumeCode.version): old codes would rebuild different answers. Bump ResumeCode.version and record \
            the new layout's hash for it here.
            """)
    }

    @Test func theLayoutNamesEveryChoiceQuestionAndItsOptions() {
        let layout = ResumeCode.layout
        for question in Flow().questions + Flow.recipientQuestions where !question.choices.isEmpty {
            #expect(layout.contains("\(question.code):\(question.choices.map(\.value).joined(separator: ","))"))
        }
    }
}
