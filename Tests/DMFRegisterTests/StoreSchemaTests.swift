import DMFRegister
import Foundation
import Testing

@testable import DMFRegisterStores

/// The tables are listed once, as columns: what the migrations make from that list is what
/// dmf-wizard 0.2.0 made by hand, and a column added later takes one line.
@Suite struct StoreSchemaTests {
    /// Each table's columns as SQLite describes them (name, type, required, primary key), its
    /// foreign keys, the indexes with their columns, the triggers and the migrations recorded.
    static func shape(_ path: String) throws -> [String] {
        try ScratchRegister.requireSQLiteTool()
        let sql = """
            SELECT m.name || '.' || p.name || ' ' || p.type || ' ' || (p."notnull" OR p.pk) || ' ' || p.pk
              FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name IN ('entries', 'events')
            UNION ALL SELECT m.name || '.' || f."from" || ' -> ' || f."table"
              FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
            UNION ALL SELECT 'index ' || m.name || ' (' || (SELECT group_concat(name, ', ') FROM
              (SELECT name FROM pragma_index_info(m.name) ORDER BY seqno)) || ')'
              FROM sqlite_master m WHERE m.type = 'index' AND m.sql IS NOT NULL
            UNION ALL SELECT 'trigger ' || name FROM sqlite_master WHERE type = 'trigger'
            UNION ALL SELECT 'migration ' || identifier FROM grdb_migrations
            ORDER BY 1;
            """
        return try ScratchRegister.run("/usr/bin/env", ["sqlite3", path, sql]).split(separator: "\n").map(String.init)
    }

    @Test func theTablesAreThoseTheFirstReleaseMade() throws {
        let scratch = try ScratchRegister(.sqlite)
        guard case .sqlite(let path) = scratch.location else { return }
        let made = try Self.shape(path)
        let older = try Self.shape(OlderRegisterTests.fixtures.appendingPathComponent("register-0.2.0.sqlite").path)
        // Version 3 adds each event's account and signature and the requirement that events be
        // signed, version 4 the register's settings (a table of their own), version 5 the register's
        // ID and tree, its checkpoints and retention period, with their guards, and the guard that
        // lets a redaction remove an entry's answers once; nothing else: the rest is what 0.2.0 made.
        let added = [
            "events.account TEXT 0 0", "events.signature TEXT 0 0", "events.signatures_required TEXT 0 0",
            "events.signed_statement TEXT 0 0", "events.signer_key TEXT 0 0", "migration v3",
            "trigger register_requirements_no_delete", "trigger register_requirements_no_update", "migration v4",
            "migration v5", "index register_tree_nodes_by_place (first_leaf, leaves)",
            "trigger entries_removed_once", "trigger register_tree_id_fixed", "trigger register_tree_no_delete",
            "trigger register_tree_one_row", "trigger register_tree_nodes_no_update",
            "trigger register_tree_nodes_no_delete", "trigger register_checkpoints_no_update",
            "trigger register_checkpoints_no_delete", "trigger register_retention_no_update",
            "trigger register_retention_no_delete",
        ]
        #expect(made.filter { !added.contains($0) } == older)
        #expect(Set(added).isSubset(of: made))
        #expect(
            made.contains(
                "index entries_for_lists (search, reference, recorded_at, requester, team, route, "
                    + "classification, marking, verdict, status, next_due, next_due_kind)"))
        #expect(made.contains("events.reference -> entries"))
    }

    /// Only the summary may change once an entry is written: the guard names every other column.
    @Test func theGuardsNameEveryColumnButTheSummary() {
        let statements = SQLDialect.sqlite.guards(
            fixedEntryColumns: StoreSchema.entries.columns.filter { !$0.isSummary }.map(\.name))
        let fixed = statements.first { $0.hasPrefix("CREATE TRIGGER entries_fixed") } ?? ""
        #expect(fixed.contains("UPDATE OF reference, recorded_at,"))
        for column in ["status", "next_due", "next_due_kind"] { #expect(!fixed.contains(column)) }
        #expect(fixed.contains("answers, documents, search ON entries"))
    }

    /// From version 5 an entry's answers, requester and search words may change once, to the form
    /// a redaction leaves; every other column of it stays as written.
    @Test func theGuardsLetARedactionRemoveAnswersOnce() {
        let statements = StoreSchema.statements(toVersion: StoreSchema.redactionVersion, .sqlite)
        let fixed = statements.last { $0.hasPrefix("CREATE TRIGGER entries_fixed") } ?? ""
        for column in ["requester", "answers", "search"] { #expect(!fixed.contains(" \(column),")) }
        #expect(fixed.contains("UPDATE OF reference, recorded_at, team,"))
        #expect(statements.contains { $0.hasPrefix("CREATE TRIGGER entries_removed_once") })
        #expect(!StoreSchema.statements(toVersion: 1, .sqlite).contains { $0.contains("entries_removed_once ") })
    }

    @Test func everyColumnBelongsToAMigrationAndLaterOnesAreOptional() {
        let versions = StoreSchema.migrations.count
        for column in StoreSchema.entries.columns { #expect(column.since >= 1 && column.since <= versions) }
        for column in StoreSchema.events.columns { #expect(column.since >= 1 && column.since <= versions) }
        for column in StoreSchema.events.columns where column.since > 1 { #expect(column.isOptional) }
        for column in StoreSchema.entries.columns where column.since > 1 { #expect(column.isOptional) }
    }

    /// A new event field: one column line, which the version's migration adds to registers that
    /// have the table, and which inserts and reads carry from then on.
    @Test func aColumnAddedLaterIsOneLine() throws {
        struct Signed: Sendable {
            var event = RegisterEvent.blank
            var signature: String?
        }
        let table = Table<Signed>(
            name: "events", blank: Signed(),
            columns: [
                .integer("sequence", \.event.sequence, extra: "PRIMARY KEY"),
                .optionalText("signature", \.signature, since: 3),
            ])
        #expect(table.create(.postgres, atVersion: 2) == "CREATE TABLE events (sequence BIGINT NOT NULL PRIMARY KEY)")
        #expect(table.addColumns(.sqlite, atVersion: 3) == ["ALTER TABLE events ADD COLUMN signature TEXT"])
        #expect(table.addColumns(.sqlite, atVersion: 2).isEmpty)
        var row = Signed()
        row.event.sequence = 7
        row.signature = "SSHSIG"
        let insert = table.insert(row, .postgres)
        #expect(insert.sql == "INSERT INTO events (sequence, signature) VALUES ($1, $2)")
        #expect(insert.values == [.integer(7), .text("SSHSIG")])
        let read = try table.read({ ["sequence": "7", "signature": "SSHSIG"][$0] }, what: "event 7")
        #expect(read.event.sequence == 7 && read.signature == "SSHSIG")
    }

    @Test func theDialectsDifferOnlyWhereTheyMust() {
        let list = ListQuery(status: .sent, search: "Ash", limit: 50)
        let sqlite = StoreQueries.sqlite.list(list)
        let postgres = StoreQueries.postgres.list(list)
        #expect(
            sqlite.sql.contains("FROM entries INDEXED BY entries_for_lists WHERE status = ? AND instr(search, ?) > 0"))
        #expect(postgres.sql.contains("FROM entries WHERE status = $1 AND strpos(search, $2) > 0"))
        #expect(sqlite.sql.hasSuffix("ORDER BY recorded_at DESC, reference DESC LIMIT ?"))
        #expect(postgres.sql.hasSuffix("ORDER BY recorded_at DESC, reference DESC LIMIT $3"))
        #expect(sqlite.values == [.text("sent"), .text("ash"), .integer(51)])
        #expect(sqlite.values == postgres.values)
    }
}
