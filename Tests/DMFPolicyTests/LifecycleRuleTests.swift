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
}
