import DMFRegister

/// Every statement the register runs, written once for both stores and spelled in each one's
/// dialect, with how its rows are read back. The stores only run them: SQLite one after another
/// in one transaction, PostgreSQL several in one round trip.
struct StoreQueries: Sendable {
    let dialect: SQLDialect

    static let sqlite = StoreQueries(dialect: .sqlite)
    static let postgres = StoreQueries(dialect: .postgres)

    private var entries: Table<EntryRow> { StoreSchema.entries }
    private var events: Table<RegisterEvent> { StoreSchema.events }
    /// Every column read back (not the search words, which are worked out from the entry).
    private var entryColumns: [Column<EntryRow>] { Self.entryColumns }
    private var listColumns: [Column<EntryRow>] { Self.listColumns }
    // Worked out once: `check` reads every entry with them.
    private static let entryColumns = StoreSchema.entries.columns.filter { $0.read != nil }
    private static let listColumns = StoreSchema.entries.columns.filter(\.isListed)

    // MARK: - One entry

    func entry(_ reference: String) -> SQLStatement {
        let builder = StatementBuilder(dialect)
        return builder.statement(
            "SELECT \(entries.names(entryColumns)) FROM entries WHERE reference = \(builder.bind(reference))")
    }

    func events(of reference: String) -> SQLStatement {
        let builder = StatementBuilder(dialect)
        return builder.statement(
            "SELECT \(events.names()) FROM events WHERE reference = \(builder.bind(reference)) ORDER BY sequence")
    }

    /// The rows of `entry` and `events(of:)` as one history; nil when there is no entry.
    func history(entry: [TextRow], events: [TextRow]) throws(StoreError) -> EntryHistory? {
        guard let row = entry.first else { return nil }
        return EntryHistory(
            entry: try self.entry(row).entry, events: try events.map { row throws(StoreError) in try event(row) })
    }

    /// The last event of the whole log.
    var head: SQLStatement { SQLStatement(sql: "SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1") }

    func head(_ rows: [TextRow]) throws(StoreError) -> ChainHead? {
        guard let row = rows.first else { return nil }
        guard let sequence = row["sequence"].flatMap({ Int64($0) }), let hash = row["hash"] else {
            throw .badRow("the last event cannot be read")
        }
        return ChainHead(sequence: sequence, hash: hash)
    }

    /// The requirement that events be signed: at most one row (the first written counts).
    var requirement: SQLStatement {
        SQLStatement(
            sql: "SELECT \(StoreSchema.requirements.names()) FROM register_requirements ORDER BY after_sequence LIMIT 1"
        )
    }

    func requirement(_ rows: [TextRow]) throws(StoreError) -> SignatureRequirement? {
        guard let row = rows.first else { return nil }
        return try StoreSchema.requirements.read({ row[$0] }, what: "the requirement that events be signed")
    }

    func insert(_ requirement: SignatureRequirement) -> SQLStatement {
        StoreSchema.requirements.insert(requirement, dialect)
    }

    /// The entries already holding any of `references`, with their fingerprints.
    func fingerprints(of references: [String]) -> SQLStatement {
        let builder = StatementBuilder(dialect)
        let placeholders = references.map { builder.bind($0) }.joined(separator: ", ")
        return builder.statement("SELECT reference, fingerprint FROM entries WHERE reference IN (\(placeholders))")
    }

    func fingerprints(_ rows: [TextRow]) -> [String: String] {
        var taken: [String: String] = [:]
        for row in rows {
            if let reference = row["reference"] { taken[reference] = row["fingerprint"] ?? "" }
        }
        return taken
    }

    // MARK: - Lists

    /// The entries `query` asks for, newest first; one more than its limit, to tell whether there
    /// are more. A filtered list reads the narrow list index (it holds every column a filter or a
    /// list reads), every match of it, to sort them; so it counts them on the way
    /// (`count(*) OVER ()`), and a search costs one pass, not two. An unfiltered one reads the
    /// newest few by time and stops; `count` gives its total.
    func list(_ query: ListQuery) -> SQLStatement {
        let builder = StatementBuilder(dialect)
        let filter = self.filter(query, builder)
        let limit = query.limit.map { " LIMIT \(builder.bind(.integer(Int64($0) + 1)))" } ?? ""
        let source = filter.isEmpty ? "entries" : dialect.listSource("entries", index: StoreSchema.listIndex)
        let total = filter.isEmpty ? "" : ", count(*) OVER () AS total"
        return builder.statement(
            """
            SELECT \(entries.names(listColumns))\(total) FROM \(source)\(filter) \
            ORDER BY recorded_at DESC, reference DESC\(limit)
            """)
    }

    /// How many entries there are: what an unfiltered list does not count itself.
    var count: SQLStatement { SQLStatement(sql: "SELECT count(*) AS total FROM entries") }

    private func filter(_ query: ListQuery, _ builder: StatementBuilder) -> String {
        var conditions: [String] = []
        if let status = query.status { conditions.append("status = \(builder.bind(status.rawValue))") }
        if let route = query.route { conditions.append("route = \(builder.bind(route))") }
        if let dueBy = query.dueBy { conditions.append("next_due IS NOT NULL AND next_due <= \(builder.bind(dueBy))") }
        if let search = query.search, !search.isEmpty {
            conditions.append(dialect.contains("search", builder.bind(search.lowercased())))
        }
        return conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    func summaries(_ rows: [TextRow]) throws(StoreError) -> [EntrySummary] {
        try rows.map { row throws(StoreError) in
            try entries.read({ row[$0] }, columns: listColumns, what: "entry \(row["reference"] ?? "?")").summary
        }
    }

    func total(_ rows: [TextRow]) -> Int { rows.first?["total"].flatMap { Int($0) } ?? 0 }

    /// The page `list` read, with the total it counted, or, for a full page that did not count,
    /// the one `total` reads (asked only then).
    func page(_ rows: [TextRow], _ query: ListQuery, total: () throws -> Int) throws -> EntryList {
        var shown = try summaries(rows)
        let counted = rows.first?["total"].flatMap { Int($0) }
        guard let limit = query.limit, shown.count > limit else {
            return EntryList(entries: shown, total: counted ?? shown.count)
        }
        shown.removeLast(shown.count - limit)
        return EntryList(entries: shown, total: try counted ?? total())
    }

    // MARK: - Due

    /// Every entry with something due on or before `day`, each with all its events, in one
    /// statement: the summary keeps each entry's soonest due date, so those are exactly the
    /// entries with anything due by then. Ordered by that date first, so the due index is what
    /// is read, not every entry; each entry's rows come together. The answers are left out:
    /// nothing due depends on them, and they are most of a row.
    func due(by day: String) -> SQLStatement {
        let builder = StatementBuilder(dialect)
        let entryPart = entries.names(entryColumns.filter { $0.name != "answers" }, prefix: "e")
        let eventPart = events.columns.map { "v.\($0.name) AS event_\($0.name)" }.joined(separator: ", ")
        return builder.statement(
            """
            SELECT \(entryPart), \(eventPart) FROM entries e JOIN events v ON v.reference = e.reference \
            WHERE e.next_due IS NOT NULL AND e.next_due <= \(builder.bind(day)) \
            ORDER BY e.next_due, e.reference, v.sequence
            """)
    }

    func dueHistories(_ rows: [TextRow]) throws(StoreError) -> [EntryHistory] {
        var histories: [EntryHistory] = []
        for row in rows {
            let event = try events.read({ row["event_" + $0] }, what: "an event of entry \(row["reference"] ?? "?")")
            if histories.last?.entry.reference != row["reference"] {
                let columns = entryColumns.filter { $0.name != "answers" }
                let entry = try entries.read({ row[$0] }, columns: columns, what: "entry \(row["reference"] ?? "?")")
                histories.append(EntryHistory(entry: entry.entry, events: []))
            }
            histories[histories.count - 1].add(event)
        }
        return histories
    }

    // MARK: - Writing

    /// A new entry (if any) with its summary, the event, and otherwise the entry's new summary
    /// (with, for a redaction, what is kept of it); then the tree's new edge and subtrees.
    func save(_ write: EventWrite) -> [SQLStatement] {
        var statements: [SQLStatement] = []
        if let newEntry = write.newEntry {
            statements.append(entries.insert(EntryRow(entry: newEntry, summary: write.summary), dialect))
        }
        statements.append(events.insert(write.event, dialect))
        if write.newEntry == nil {
            let builder = StatementBuilder(dialect)
            let row = EntryRow(entry: write.redactedEntry ?? EntryRow.blank.entry, summary: write.summary)
            let changed = entries.columns.filter {
                $0.isSummary || (write.redactedEntry != nil && StoreSchema.redactable.contains($0.name))
            }
            let assignments = changed.map { "\($0.name) = \(builder.bind($0.value(row)))" }
            statements.append(
                builder.statement(
                    "UPDATE entries SET \(assignments.joined(separator: ", ")) WHERE reference = \(builder.bind(write.summary.reference))"
                ))
        }
        return statements + save(tree: write.tree)
    }

    /// The tree's new edge, and each subtree completed (kept once: one already there is left as it is).
    func save(tree: TreeGrowth) -> [SQLStatement] {
        let builder = StatementBuilder(dialect)
        var statements = [builder.statement("UPDATE register_tree SET tree_edge = \(builder.bind(tree.edge))")]
        for subtree in tree.subtrees {
            var insert = StoreSchema.treeNodes.insert(subtree, dialect)
            insert.sql += " ON CONFLICT (first_leaf, leaves) DO NOTHING"
            statements.append(insert)
        }
        return statements
    }

    // MARK: - The tree, checkpoints, retention

    /// The register's ID and kept edge.
    var treeRow: SQLStatement {
        SQLStatement(sql: "SELECT \(StoreSchema.tree.names()) FROM register_tree LIMIT 2")
    }

    func tree(_ rows: [TextRow], head: ChainHead?) throws(StoreError) -> TreeState {
        guard rows.count == 1, let row = rows.first else {
            throw .badRow(
                rows.isEmpty ? "the register has no ID (its tree row was removed)" : "the register has two IDs")
        }
        var state = try StoreSchema.tree.read({ row[$0] }, what: "the register's ID")
        state.head = head
        return state
    }

    /// The hashes of events in `sequences`, in order.
    func eventHashes(_ sequences: ClosedRange<Int64>) -> SQLStatement {
        let builder = StatementBuilder(dialect)
        return builder.statement(
            """
            SELECT hash FROM events WHERE sequence >= \(builder.bind(.integer(sequences.lowerBound))) \
            AND sequence <= \(builder.bind(.integer(sequences.upperBound))) ORDER BY sequence
            """)
    }

    func hashes(_ rows: [TextRow]) -> [String] { rows.map { $0["hash"] ?? "" } }

    var keptSubtrees: SQLStatement {
        SQLStatement(sql: "SELECT \(StoreSchema.treeNodes.names()) FROM register_tree_nodes")
    }

    func keptSubtrees(_ rows: [TextRow]) throws(StoreError) -> [KeptSubtree] {
        try rows.map { row throws(StoreError) in try StoreSchema.treeNodes.read({ row[$0] }, what: "a kept tree root") }
    }

    var checkpoints: SQLStatement {
        SQLStatement(
            sql: "SELECT \(StoreSchema.checkpoints.names()) FROM register_checkpoints ORDER BY recorded_at, tree_size")
    }

    func checkpoints(_ rows: [TextRow]) throws(StoreError) -> [KeptCheckpoint] {
        try rows.map { row throws(StoreError) in try StoreSchema.checkpoints.read({ row[$0] }, what: "a checkpoint") }
    }

    func insert(_ checkpoint: KeptCheckpoint) -> SQLStatement { StoreSchema.checkpoints.insert(checkpoint, dialect) }

    var retentions: SQLStatement {
        SQLStatement(
            sql: "SELECT \(StoreSchema.retention.names()) FROM register_retention ORDER BY after_sequence, recorded_at")
    }

    func retentions(_ rows: [TextRow]) throws(StoreError) -> [RetentionSetting] {
        try rows.map { row throws(StoreError) in
            try StoreSchema.retention.read({ row[$0] }, what: "a retention period")
        }
    }

    func insert(_ retention: RetentionSetting) -> SQLStatement { StoreSchema.retention.insert(retention, dialect) }

    /// Entries with every copy deleted and their answers still kept, with the day of deletion.
    var awaitingRemoval: SQLStatement {
        SQLStatement(
            sql: """
                SELECT e.reference AS reference, max(v.date) AS deleted_on FROM entries e \
                JOIN events v ON v.reference = e.reference AND v.kind = '\(EventKind.allCopiesDeleted.rawValue)' \
                WHERE e.status = '\(EntryStatus.closed.rawValue)' AND e.answers NOT LIKE '(removed %' \
                GROUP BY e.reference ORDER BY e.reference
                """)
    }

    func awaitingRemoval(_ rows: [TextRow]) -> [(reference: String, deletedOn: String)] {
        rows.compactMap { row in
            guard let reference = row["reference"], let day = row["deleted_on"] else { return nil }
            return (reference, day)
        }
    }

    /// The triggers as the database holds them (SQLite: name and statement; PostgreSQL: name,
    /// whether enabled, and the function each calls with its body).
    var triggers: SQLStatement {
        switch dialect {
        case .sqlite: SQLStatement(sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        case .postgres:
            SQLStatement(
                sql: """
                    SELECT t.tgname AS name, t.tgenabled AS enabled, p.proname AS function, p.prosrc AS body \
                    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid \
                    WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
                    """)
        }
    }

    /// Each guard missing, disabled or changed, in words.
    func guardProblems(_ rows: [TextRow]) -> [String] {
        let (expected, functions) = StoreSchema.expectedGuards(dialect)
        var found: [String: TextRow] = [:]
        for row in rows { if let name = row["name"] { found[name] = row } }
        var problems: [String] = []
        for name in expected.keys.sorted() {
            guard let row = found[name] else {
                problems.append("the guard \(name) is missing: someone removed it, so history could be rewritten")
                continue
            }
            switch dialect {
            case .sqlite:
                if row["sql"] != expected[name] {
                    problems.append("the guard \(name) is not as dmf-wizard set it: someone replaced it")
                }
            case .postgres:
                if row["enabled"] == "D" {
                    problems.append(
                        "the guard \(name) is disabled: someone turned it off, so history could be rewritten")
                }
                if let function = row["function"], let body = functions[function], row["body"] != body {
                    problems.append("the guard \(name) calls \(function), which is not as dmf-wizard set it")
                } else if row["function"].map({ functions[$0] == nil }) ?? true {
                    problems.append("the guard \(name) calls a function dmf-wizard did not set")
                }
            }
        }
        return problems
    }

    // MARK: - Scans

    /// Entries in reference order, with the search words kept beside them: all of them, or a
    /// page after `after`.
    func entries(after: String?, limit: Int?) -> SQLStatement {
        let builder = StatementBuilder(dialect)
        let from = after.map { " WHERE reference > \(builder.bind($0))" } ?? ""
        let page = limit.map { " LIMIT \(builder.bind(.integer(Int64($0))))" } ?? ""
        return builder.statement(
            "SELECT \(entries.names(entryColumns)), search FROM entries\(from) ORDER BY reference\(page)")
    }

    /// An entry as a scan hands it to `check`: with its summary and derived columns as stored.
    func storedEntry(_ row: TextRow) throws(StoreError) -> StoredEntry {
        let (entry, summary) = try self.entry(row)
        let names = ["status", "next_due", "next_due_kind", "search"]
        var derived = [String: String?](minimumCapacity: names.count)
        for name in names { derived[name] = .some(row[name]) }
        return StoredEntry(entry: entry, summary: summary, derived: derived)
    }

    /// Events in sequence order: all of them, or a page after `after`.
    func events(after: Int64?, limit: Int?) -> SQLStatement {
        let builder = StatementBuilder(dialect)
        let from = after.map { " WHERE sequence > \(builder.bind(.integer($0)))" } ?? ""
        let page = limit.map { " LIMIT \(builder.bind(.integer(Int64($0))))" } ?? ""
        return builder.statement("SELECT \(events.names()) FROM events\(from) ORDER BY sequence\(page)")
    }

    func entry(_ row: TextRow) throws(StoreError) -> (entry: RegisterEntry, summary: EntrySummary) {
        let read = try entries.read(row.inOrder(), columns: entryColumns, what: "entry \(row["reference"] ?? "?")")
        return (read.entry, read.summary)
    }

    func event(_ row: TextRow) throws(StoreError) -> RegisterEvent {
        try events.read(row.inOrder(), what: "event \(row["sequence"] ?? "?")")
    }
}
