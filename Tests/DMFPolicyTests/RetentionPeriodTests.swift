import DMFPolicy
import Testing

/// The register's retention period, and the lifecycle rule that removes an entry's answers once
/// it has passed since every copy was deleted.
@Suite("Retention periods") struct RetentionPeriodTests {
    @Test(arguments: [
        ("6y", "6 years", "2032-11-04"), ("18m", "18 months", "2028-05-04"), ("90d", "90 days", "2027-02-02"),
    ])
    func aPeriodIsReadAndEnds(text: String, words: String, end: String) throws {
        let period = try #require(RetentionPeriod(text))
        #expect(period.description == words && period.text == text)
        #expect(period.end(after: "2026-11-04") == end)
    }

    @Test func theEndOfAShorterMonthIsItsLastDay() {
        #expect(RetentionPeriod("1m")?.end(after: "2027-01-31") == "2027-02-28")
        #expect(RetentionPeriod("1y")?.end(after: "2028-02-29") == "2029-02-28")
        #expect(RetentionPeriod("1d")?.end(after: "2026-12-31") == "2027-01-01")
    }

    @Test(arguments: ["", "6", "y", "0y", "06y", "-1y", "6 y", "6w", "101y", "six years"])
    func anythingElseIsRefused(text: String) {
        #expect(RetentionPeriod(text) == nil)
    }

    static func life(_ steps: [LifecycleStep]) -> TransferLife {
        TransferLife(
            verdict: .conditions, route: .betweenMOJSystems, kind: .share, frequency: .oneOff,
            steps: steps.enumerated().map { index, step in
                TransferLife.Step(
                    kind: step, date: "2026-11-0\(index + 1)", by: "P", sequence: Int64(index + 1), files: [])
            })
    }

    @Test func redactionWaitsForDeletionAndThePeriod() {
        let closed = Self.life([.created, .authorised, .sent, .allCopiesDeleted])
        func refusal(_ life: TransferLife, _ retention: String?, today: String) -> String? {
            Lifecycle.refusal(
                of: LifecycleChange(kind: .redacted, today: today, retention: retention.flatMap(RetentionPeriod.init)),
                in: life)?.rule.id
        }
        #expect(refusal(closed, nil, today: "2099-01-01") == "lifecycle-removed-after-retention")
        #expect(refusal(closed, "1y", today: "2027-11-03") == "lifecycle-removed-after-retention")
        #expect(refusal(closed, "1y", today: "2027-11-04") == nil)
        #expect(
            refusal(Self.life([.created, .authorised, .sent]), "1d", today: "2099-01-01")
                == "lifecycle-removed-after-retention")
        #expect(
            refusal(Self.life([.created, .authorised, .sent, .allCopiesDeleted, .redacted]), "1d", today: "2099-01-01")
                == "lifecycle-removed-after-retention")
        // Nothing else follows a redaction.
        #expect(
            Lifecycle.refusal(
                of: LifecycleChange(kind: .reviewed), in: Self.life([.created, .allCopiesDeleted, .redacted]))?.rule.id
                == "lifecycle-closed-once-deleted")
    }
}
