import DMFPolicy
import DMFRegister
import Foundation
import Testing

@testable import DMFApp
@testable import DMFRegisterStores

/// The register records the oldest dmf-wizard that may write to it: an older one still reads it
/// and says which version it needs to record; a newer one reads it and records where the
/// register allows, but does not check what it does not know; and an event of a kind it does not
/// know is shown as written, never counted or written to.
@Suite("Versions of the register and of dmf-wizard") struct RegisterVersionTests {
    @Test func versionsAreReadStrictlyAndComparedNumberByNumber() throws {
        for text in ["", "1", "1.2", "1.2.3.4", "v1.2.3", "1.2.x", "1..3", "1.2.3 ", "1.2.-3", "١.٢.٣"] {
            #expect(SoftwareVersion(text) == nil, "'\(text)'")
        }
        let versions = try ["0.2.0", "0.3.0", "0.9.1", "0.10.0", "1.0.0"].map { try #require(SoftwareVersion($0)) }
        #expect(versions == versions.sorted())
        #expect(SoftwareVersion("0.10.0")?.description == "0.10.0")
        #expect(SoftwareVersion("00.3.0") == SoftwareVersion(0, 3, 0))
    }

    /// This release may write to every register its own migrations make.
    @Test func thisReleaseMayRecordWhereItsMigrationsAsk() throws {
        let this = try #require(SoftwareVersion(AppInfo.version), "AppInfo.version must read as MAJOR.MINOR.PATCH")
        #expect(this >= SoftwareVersion.newestKnownWriter)
        #expect(StoreSchema.oldestWriter(atVersion: 3) == nil)
        #expect(StoreSchema.oldestWriter(atVersion: 4) == SoftwareVersion(0, 3, 0))
        #expect(StoreSchema.oldestWriter(atVersion: 5) == SoftwareVersion(0, 4, 0))
    }

    @Test(arguments: StoreKind.available) func anOlderProgramReadsAndSaysWhichVersionItNeedsToRecord(kind: StoreKind)
        throws
    {
        let scratch = try ScratchRegister(kind)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-VERS"), by: "Sam")
        let older = Register(
            storage: try scratch.location.open(software: SoftwareVersion(0, 2, 0)),
            now: { kind == .postgres ? RegisterClock.system.timestamp : ScratchRegister.now },
            account: { kind.account })
        defer { older.close() }
        #expect(try older.list().entries.map(\.reference) == ["DMF-20261129-VERS"])
        #expect(try older.history("DMF-20261129-VERS").events.count == 1)
        let needs = RegisterError.unavailable(
            location: older.location,
            reason: """
                this register needs dmf-wizard 0.4.0 or newer to record, and this is 0.2.0; ask whoever looks after \
                dmf-wizard for 0.4.0 or newer. Lists, `register show` and exports still work
                """)
        #expect(throws: needs) { _ = try older.record(Sample.entry("DMF-20261129-OLDR"), by: "Sam") }
        #expect(throws: needs) {
            _ = try older.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-VERS")
        }
        #expect(try scratch.register.history("DMF-20261129-VERS").events.count == 1)
        #expect(try scratch.register.list().total == 1)

        // A newer dmf-wizard's migration asked for a newer writer than this one.
        try scratch.sql("UPDATE register_settings SET value = '9.0.0' WHERE name = 'oldest_writer'")
        #expect {
            _ = try scratch.register.record(Sample.entry("DMF-20261129-OLDR"), by: "Sam")
        } throws: { error in
            "\(error)".contains(
                "this register needs dmf-wizard 9.0.0 or newer to record, and this is \(AppInfo.version)")
        }
        try scratch.sql("UPDATE register_settings SET value = 'soon' WHERE name = 'oldest_writer'")
        #expect {
            _ = try scratch.register.record(Sample.entry("DMF-20261129-OLDR"), by: "Sam")
        } throws: { error in
            "\(error)".contains("it names 'soon' as the oldest dmf-wizard that may record in it, which this version")
        }
        #expect(try scratch.register.list().total == 1)
        try scratch.sql("UPDATE register_settings SET value = '0.3.0' WHERE name = 'oldest_writer'")
        _ = try scratch.register.record(Sample.entry("DMF-20261129-OLDR"), by: "Sam")
    }

    /// A register a newer dmf-wizard set up (tables at a version this one does not know) is
    /// read, and written to as far as the oldest writer it names allows; `check` leaves it to
    /// the newer version, since what it added would look like changes here.
    @Test(arguments: StoreKind.available) func aRegisterANewerVersionSetUpIsReadButNotChecked(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        _ = try scratch.register.record(Sample.entry("DMF-20261129-NEWR"), by: "Sam")
        let newer = SchemaStatus.newest + 1
        try scratch.sql(
            kind == .sqlite
                ? "INSERT INTO grdb_migrations (identifier) VALUES ('v\(newer)')"
                : "INSERT INTO dmf_register_schema (version) VALUES (\(newer))")
        let storage = try scratch.location.open()
        let register = Register(
            storage: storage, now: { kind == .postgres ? RegisterClock.system.timestamp : ScratchRegister.now },
            account: { kind.account })
        defer { register.close() }
        #expect(try register.list().total == 1)
        _ = try register.record(Sample.entry("DMF-20261129-MORE"), by: "Sam")
        #expect(throws: RegisterError.self) { _ = try register.check() }
        do { _ = try register.check() } catch {
            #expect(
                error.description.contains(
                    "a newer dmf-wizard set it up (its tables are at version \(newer); this one knows up to "
                        + "\(SchemaStatus.newest)), so this version cannot check it"))
        }
        // `register migrate` has nothing to do, and says so.
        let status = try scratch.location.migrate()
        #expect(status.isNewer && status.version == newer && status.migratedFrom == nil)
    }

    /// An event of a kind a newer dmf-wizard records: lists, `show`, `due` and the export still
    /// read the register, the event is shown as written and counts for nothing worked out here,
    /// and this version records nothing more for that entry. Its hash is checked like any other.
    @Test(arguments: StoreKind.available) func anEventOfAKindThisVersionDoesNotKnow(kind: StoreKind) throws {
        let scratch = try ScratchRegister(kind)
        let reference = "DMF-20261129-KIND"
        _ = try scratch.register.record(Sample.entry(reference, route: .sameSystem, deleteBy: "2026-12-01"), by: "Sam")
        let sent = try scratch.register.append(
            EventRequest(kind: .sent, by: "Sam", date: "2026-11-29", files: [Sample.file]), to: reference)
        var newer = RegisterEvent(
            sequence: sent.sequence + 1, reference: reference, kind: .created,
            recordedAt: kind == .postgres ? RegisterClock.system.timestamp : ScratchRegister.now, by: "Nova Newer",
            date: "2026-11-29", reason: "kept in a newer way", files: [], nextReview: nil, entryDigest: nil,
            previousHash: sent.hash, hash: "", account: kind.account)
        newer.unknownKind = "archived"
        newer.hash = newer.expectedHash
        let quoted = { (text: String?) in
            text.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
        }
        try scratch.sql(
            """
            INSERT INTO events (sequence, reference, kind, recorded_at, by_person, date, reason, files, \
            previous_hash, hash, account) VALUES (\(newer.sequence), \(quoted(reference)), 'archived', \
            \(quoted(newer.recordedAt)), \(quoted(newer.by)), \(quoted(newer.date)), \(quoted(newer.reason)), '', \
            \(quoted(newer.previousHash)), \(quoted(newer.hash)), \(quoted(newer.account)))
            """)

        let history = try scratch.register.history(reference)
        #expect(history.events.map(\.kind) == [.created, .sent])
        #expect(history.unknownEvents == [newer])
        #expect(history.status == .sent)
        #expect(history.allEvents.map(\.sequence) == [1, 2, 3])
        #expect(try scratch.register.list().entries.map(\.status) == [.sent])
        #expect(try scratch.register.due(today: "2026-12-06").map(\.reference) == [reference])
        let shown = RegisterListing.details(history)
        #expect(
            shown.contains(
                "  3. [log 3] 2026-11-29 archived (a kind of event this version of dmf-wizard does not know) — Nova Newer"
            ))
        #expect(shown.contains("A newer dmf-wizard recorded an event of a kind this version does not know"))
        let exported = RegisterListing.json(RegisterExport.Record(history))
        #expect(exported.contains("\"kind\" : \"archived\""))
        #expect(try scratch.register.histories().first?.unknownEvents.count == 1)

        #expect {
            _ = try scratch.register.append(EventRequest(kind: .allCopiesDeleted, by: "Sam"), to: reference)
        } throws: { error in
            "\(error)".contains(
                "\(reference): a newer dmf-wizard recorded an event of kind 'archived' for it (event 3), which this version "
                    + "does not know, so it records nothing more for it")
        }
        _ = try scratch.register.record(Sample.entry("DMF-20261129-OTHR"), by: "Sam")

        // Its hash and link are checked; its kind is one this version of the register's tables
        // cannot have, so it was written by hand.
        let problems = try scratch.register.check().problems.map(\.description)
        #expect(
            problems == [
                "entry \(reference), log position 3: its kind 'archived' is not one dmf-wizard records: it was written "
                    + "outside dmf-wizard"
            ], "\(problems)")
    }

    /// The event as JSON keeps the kind as recorded, known or not, and reads back the same.
    @Test func anEventOfAnUnknownKindKeepsItsKindInJSON() throws {
        var event = RegisterEvent.blank
        event.unknownKind = "archived"
        event.sequence = 7
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(event), as: UTF8.self)
        #expect(json.contains("\"kind\":\"archived\"") && !json.contains("unknown"))
        #expect(try JSONDecoder().decode(RegisterEvent.self, from: Data(json.utf8)) == event)
        var known = RegisterEvent.blank
        known.kind = .sent
        #expect(try JSONDecoder().decode(RegisterEvent.self, from: try encoder.encode(known)) == known)
    }
}
