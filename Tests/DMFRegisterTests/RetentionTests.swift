import DMFPolicy
import DMFRegister
import Foundation
import Testing
import TransparencyLog

@testable import DMFRegisterStores

/// The register's own retention: once every copy was deleted and the period agreed with the DPO
/// has passed, an entry's answers and requester's name are removed, their digests kept, and the
/// chain, the tree and every checkpoint still verify.
@Suite("The register's own retention") struct RetentionTests {
    /// An entry produced on 1/11/2026, authorised, sent and every copy deleted on 4/11/2026.
    static func closed(_ scratch: ScratchRegister, _ reference: String) throws -> RegisterEntry {
        let entry = Sample.entry(reference, requester: "Sam Person", answers: "purpose: about Ms Example\n")
        _ = try scratch.register.record(entry, by: "Sam", producedOn: "2026-11-01")
        for (kind, day) in [
            (EventKind.authorised, "2026-11-02"), (.sent, "2026-11-03"), (.allCopiesDeleted, "2026-11-04"),
        ] {
            _ = try scratch.register.append(
                EventRequest(kind: kind, by: "Iris IAO", date: day, files: kind == .sent ? [Sample.file] : []),
                to: reference)
        }
        return entry
    }

    static func setRetention(_ scratch: ScratchRegister, _ period: String) throws -> RetentionSetting {
        try scratch.register.setRetention(
            RetentionStatement(
                period: period, date: scratch.register.currentDay, by: "Dee Pio", account: scratch.kind.account),
            proof: nil)
    }

    static func redact(_ scratch: ScratchRegister, _ reference: String) throws -> RegisterEvent {
        let (request, _) = try scratch.register.prepareRedaction(of: reference, by: "Dee Pio")
        return try scratch.register.redact(request, to: reference)
    }

    static func refusal(_ body: () throws -> Void) -> RefusedChange? {
        do {
            try body()
            return nil
        } catch RegisterError.refused(let refused) {
            return refused
        } catch {
            return RefusedChange(reason: "\(error)")
        }
    }

    @Test(arguments: StoreKind.available) func nothingFallsDueUntilAPeriodIsSet(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        _ = try Self.closed(scratch, "DMF-20261101-AAAA")
        #expect(try scratch.register.retention() == nil)
        #expect(try scratch.register.due(today: "2099-01-01").filter { $0.kind == .redaction }.isEmpty)
        let refused = Self.refusal { _ = try Self.redact(scratch, "DMF-20261101-AAAA") }
        #expect(refused?.rule == "lifecycle-removed-after-retention")
        #expect(refused?.reason.contains("no retention period is set") == true)
    }

    @Test(arguments: StoreKind.available) func anEntryIsRedactedOnceItsTimeHasComeAndStillChecks(kind: StoreKind)
        throws
    {
        let scratch = try ScratchRegister(kind)
        let entry = try Self.closed(scratch, "DMF-20261101-AAAA")
        _ = try scratch.register.record(Sample.entry("DMF-20261101-OPEN"), by: "Sam", producedOn: "2026-11-01")

        // Six years: not yet. The message says until when.
        let longer = try Self.setRetention(scratch, "6y")
        #expect(longer.period?.description == "6 years")
        var refused = Self.refusal { _ = try Self.redact(scratch, entry.reference) }
        #expect(refused?.reason.contains("kept until 4/11/2032") == true, "\(String(describing: refused))")
        #expect(
            try scratch.register.due(today: "2032-11-04").contains(
                DueItem(reference: entry.reference, kind: .redaction, date: "2032-11-04")))
        #expect(try scratch.register.due(today: "2032-11-03").filter { $0.kind == .redaction }.isEmpty)

        // A day, agreed later: due now, and only the closed entry is.
        _ = try Self.setRetention(scratch, "1d")
        #expect(
            try scratch.register.due(today: scratch.register.currentDay).filter { $0.kind == .redaction }
                == [DueItem(reference: entry.reference, kind: .redaction, date: "2026-11-05")])
        refused = Self.refusal { _ = try Self.redact(scratch, "DMF-20261101-OPEN") }
        #expect(refused?.reason.contains("every copy must be recorded as deleted") == true)

        let before = try scratch.register.currentCheckpoint()
        let event = try Self.redact(scratch, entry.reference)
        #expect(event.kind == .redacted && event.account == kind.account)
        #expect(
            event.files == [
                FileDigest(name: "answers", bytes: Array(entry.answers.utf8)),
                FileDigest(name: "requester", bytes: Array(entry.requester.utf8)),
            ])
        let kept = try scratch.register.history(entry.reference).entry
        #expect(kept.requester == "(removed)" && !kept.answers.contains("Ms Example"))
        #expect(kept.digestAsRecorded == entry.digest && event.entryDigest == kept.digest)
        #expect(try scratch.register.list(ListQuery(search: "Sam Person")).entries.isEmpty)
        #expect(try scratch.register.due(today: "2099-01-01").filter { $0.kind == .redaction }.isEmpty)

        // The chain, the tree and the checkpoint from before all still verify.
        let report = try scratch.register.check(against: [before])
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.tree?.extendsCheckpoints == true)

        // Once is all.
        refused = Self.refusal { _ = try Self.redact(scratch, entry.reference) }
        #expect(refused?.reason.contains("already removed") == true)

        // Any other change to the redacted entry is still found.
        try scratch.dropGuards()
        try scratch.sql("UPDATE entries SET team = 'Someone else' WHERE reference = '\(entry.reference)'")
        #expect(
            try scratch.register.check().problems.contains {
                $0.reference == entry.reference && $0.sequence == event.sequence
                    && $0.what.contains("does not match what was kept when its answers and names were removed")
            })
    }

    /// Answers removed behind the register's back are not a redaction: found.
    @Test(arguments: StoreKind.available) func answersRemovedWithoutARedactionAreFound(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        let entry = try Self.closed(scratch, "DMF-20261101-AAAA")
        // The form a redaction leaves, which the guards allow once: `check` wants its event.
        let answers = entry.redactedForTest.answers.replacingOccurrences(of: "'", with: "''")
        try scratch.sql(
            "UPDATE entries SET requester = '(removed)', answers = '\(answers)' WHERE reference = '\(entry.reference)'")
        let problems = try scratch.register.check().problems.map(\.what)
        #expect(problems.contains { $0.contains("no redaction was recorded") }, "\(problems)")
    }

    /// The retention period set is part of the history: a changed one is found.
    @Test(arguments: StoreKind.available) func aChangedRetentionPeriodIsFound(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        _ = try Self.closed(scratch, "DMF-20261101-AAAA")
        _ = try Self.setRetention(scratch, "6y")
        #expect(try scratch.register.check().isIntact)
        switch kind {
        case .sqlite: try scratch.sql("DROP TRIGGER register_retention_no_update")
        case .postgres: try scratch.sql("ALTER TABLE register_retention DISABLE TRIGGER USER")
        }
        try scratch.sql("UPDATE register_retention SET period = '1d'")
        #expect(
            try scratch.register.check().problems.map(\.what).contains {
                $0 == "the retention period set does not match its hash: it was changed"
            })
        #expect(throws: RegisterError.self) { _ = try Self.setRetention(scratch, "forever") }
    }
}

extension RegisterEntry {
    /// What a redaction would keep, for a test that forges one.
    var redactedForTest: RegisterEntry {
        var kept = self
        kept.requester = RegisterEntry.removedName
        kept.answers = "(removed after the register's retention period; the entry's digest was \(digest))"
        return kept
    }
}
