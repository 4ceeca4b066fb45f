import DMFPolicy
import Testing

/// Which step of a recorded transfer may follow which, as rules with ids and the guidance they
/// serve (the register asks them before it records anything).
@Suite("Lifecycle rules")
struct LifecycleRuleTests {
    static func life(
        _ verdict: Verdict = .conditions, route: RouteType = .betweenMOJSystems, kind: TransferKind = .share,
        frequency: Frequency? = .oneOff, steps: [LifecycleStep] = [.created]
    ) -> TransferLife {
        TransferLife(
            verdict: verdict, route: route, kind: kind, frequency: frequency,
            steps: steps.enumerated().map { index, step in
                TransferLife.Step(
                    kind: step, date: "2026-12-0\(index + 1)", by: "Person \(index)", sequence: Int64(index + 1),
                    files: step == .sent ? [Self.file] : [])
            })
    }

    static let file = TransferredFile(name: "extract.csv", size: 10, sha256: String(repeating: "a", count: 64))

    static func refusal(_ change: LifecycleChange, _ life: TransferLife) -> String? {
        Lifecycle.refusal(of: change, in: life)?.rule.id
    }

    @Test("every rule has its own id, governs some step and quotes the guidance it serves")
    func rulesAreDescribed() {
        let ids = Lifecycle.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in Lifecycle.rules {
            #expect(rule.id.hasPrefix("lifecycle-"), "\(rule.id)")
            #expect(!rule.governs.isEmpty, "\(rule.id)")
            #expect(GuidanceQuoteTests.guidance.contains(rule.source.text), "\(rule.id): \(rule.source.text)")
            #expect(GuidanceQuoteTests.guidance.contains(rule.source.section), "\(rule.id)")
        }
    }

    @Test(
        "each refusal names the rule that gives it",
        arguments: [
            (LifecycleChange(kind: .authorised), life(.blocked), "lifecycle-authorise-a-decided-assessment"),
            (LifecycleChange(kind: .authorised), life(.refer), "lifecycle-authorise-a-decided-assessment"),
            (LifecycleChange(kind: .refused), life(), "lifecycle-refusal-gives-a-reason"),
            (LifecycleChange(kind: .authorised), life(steps: [.created, .refused]), "lifecycle-decided-once"),
            (
                LifecycleChange(kind: .refused, reason: "late"), life(route: .sameSystem, steps: [.created, .sent]),
                "lifecycle-refused-before-sending"
            ),
            (LifecycleChange(kind: .sent, files: [file]), life(), "lifecycle-sent-once-authorised"),
            (LifecycleChange(kind: .sent, files: [file]), life(.blocked), "lifecycle-sent-once-authorised"),
            (
                LifecycleChange(kind: .sent, files: [file]), life(steps: [.created, .authorised, .sent]),
                "lifecycle-sent-once-unless-recurring"
            ),
            (LifecycleChange(kind: .sent), life(steps: [.created, .authorised]), "lifecycle-files-named-when-sent"),
            (LifecycleChange(kind: .received, files: [file]), life(), "lifecycle-receipt-after-sending"),
            (
                LifecycleChange(kind: .received, files: []), life(steps: [.created, .authorised, .sent]),
                "lifecycle-receipt-matches-what-was-sent"
            ),
            (
                LifecycleChange(kind: .senderCopyDeleted), life(steps: [.created, .authorised, .sent]),
                "lifecycle-sender-copy-after-a-move"
            ),
            (LifecycleChange(kind: .allCopiesDeleted), life(), "lifecycle-copies-deleted-after-sending"),
            (
                LifecycleChange(kind: .reviewed), life(steps: [.created, .authorised]),
                "lifecycle-review-authorised-recurring-transfers"
            ),
            (LifecycleChange(kind: .created), life(), "lifecycle-recorded-once"),
            (
                LifecycleChange(kind: .reviewed),
                life(frequency: .recurring, steps: [.created, .authorised, .sent, .allCopiesDeleted]),
                "lifecycle-closed-once-deleted"
            ),
        ])
    func refusalsNameTheirRule(change: LifecycleChange, life: TransferLife, rule: String) {
        #expect(Self.refusal(change, life) == rule)
    }

    @Test("what makes sense is allowed: authorise, send, confirm, delete and review a recurring move")
    func aWholeLifeIsAllowed() {
        var steps: [LifecycleStep] = [.created]
        let changes = [
            LifecycleChange(kind: .authorised), LifecycleChange(kind: .sent, files: [Self.file]),
            LifecycleChange(kind: .received, files: [Self.file]), LifecycleChange(kind: .senderCopyDeleted),
            LifecycleChange(kind: .reviewed), LifecycleChange(kind: .allCopiesDeleted),
        ]
        for change in changes {
            let life = Self.life(kind: .move, frequency: .recurring, steps: steps)
            #expect(Lifecycle.refusal(of: change, in: life) == nil, "\(change.kind) after \(steps)")
            steps.append(change.kind)
        }
    }

    @Test("a receipt must name exactly the files sent, each the same")
    func receiptsMatch() throws {
        let sent = Self.life(steps: [.created, .authorised, .sent])
        let changed = TransferredFile(name: "extract.csv", size: 11, sha256: Self.file.sha256)
        let refusal = try #require(Lifecycle.refusal(of: LifecycleChange(kind: .received, files: [changed]), in: sent))
        #expect(refusal.reason.contains("extract.csv differs from the file sent"))
        #expect(refusal.rule.source.text.contains("maintain the integrity of the data during transport"))
    }

    /// A stated date may not come before the form was produced or the event it follows, nor
    /// after today (the desk's local day); only a review's next date lies in the future.
    @Test func datesMakeSense() throws {
        var life = Self.life(steps: [.created, .authorised])  // dated 2026-12-01 and 2026-12-02
        life.producedOn = "2026-12-01"
        func reason(_ change: LifecycleChange) -> String? {
            guard let refusal = Lifecycle.refusal(of: change, in: life) else { return nil }
            #expect(refusal.rule.id == "lifecycle-dates-in-order")
            return refusal.reason
        }
        let file = [Self.file]
        #expect(
            reason(LifecycleChange(kind: .sent, files: file, date: "2026-12-07", today: "2026-12-06"))
                == "the date 7/12/2026 is after today, 6/12/2026: only a review's next date may lie in the future.")
        var beforeForm = Self.life(steps: [])
        beforeForm.producedOn = "2026-12-06"
        #expect(
            Lifecycle.refusal(
                of: LifecycleChange(kind: .authorised, date: "2020-01-01", today: "2026-12-06"), in: beforeForm)?
                .reason == "the date 1/1/2020 is before the form was produced on 6/12/2026.")
        #expect(
            reason(LifecycleChange(kind: .sent, files: file, date: "2026-12-01", today: "2026-12-06"))
                == "the date 1/12/2026 is before the event it follows (authorised by the iao on 2/12/2026).")
        #expect(reason(LifecycleChange(kind: .sent, files: file, date: "2026-12-06", today: "2026-12-06")) == nil)
        var recurring = Self.life(frequency: .recurring, steps: [.created, .authorised])
        recurring.producedOn = "2026-12-01"
        #expect(
            Lifecycle.refusal(
                of: LifecycleChange(kind: .reviewed, date: "2026-12-05", nextReview: "2027-12-05", today: "2026-12-06"),
                in: recurring) == nil, "the next review may lie in the future")
        #expect(
            Lifecycle.refusal(
                of: LifecycleChange(kind: .reviewed, date: "2026-12-05", nextReview: "2026-12-04", today: "2026-12-06"),
                in: recurring)?.reason.contains("must come after the review") == true)
    }
}
