import CLibPQ
import DMFRegister
import Foundation

/// One connection to the register's server through libpq, never blocking: the connection and
/// every answer are awaited with `poll()` against a deadline, so a server that stops answering
/// (stopped, cut off, overloaded) gives one plain message instead of a hang. Not thread-safe:
/// `PostgresRegister` holds a lock around every use.
final class PostgresConnection {
    typealias Value = SQLValue
    typealias Statement = SQLStatement

    struct Reply {
        var rows: [TextRow]
        /// The command tag, such as `COMMIT` (or `ROLLBACK` when a COMMIT could not commit).
        var command: String
    }

    /// The server's refusal of one statement: its SQLSTATE and its primary message, which holds
    /// no SQL.
    struct Refusal: Error {
        var code: String
        var message: String
    }

    /// Waits, in seconds. Connecting takes the connection string's `connect_timeout` (or the
    /// service file's, or `PGCONNECT_TIMEOUT`) when one is set; libpq treats less than 2 s as 2.
    static let connectTimeout = 10
    /// The start screen's glance at what is due must not hold the person up.
    static let quickTimeout = 2
    /// Set on every session, except where the server, the role or `PGOPTIONS` already set one:
    /// - `statement_timeout` 8 s: every statement the register sends reads or writes a few rows
    ///   through an index, or a page of a scan; one that runs longer is stuck, not busy.
    /// - `lock_timeout` 5 s: a write waits for the one before it, which holds the writers' lock
    ///   for a few milliseconds; a wait of seconds means a desk stopped mid-write or someone
    ///   holding the lock by hand, and the person is told to try again.
    /// - `idle_in_transaction_session_timeout` 30 s: a desk frozen inside a transaction (stopped,
    ///   suspended laptop) lets go of the writers' lock after 30 s instead of holding every desk
    ///   up until its connection dies. The register never pauses that long inside one.
    static let sessionLimits = [
        ("statement_timeout", "8s"), ("lock_timeout", "5s"), ("idle_in_transaction_session_timeout", "30s"),
    ]
    /// The client waits this much longer than `statement_timeout` for an answer, so a slow
    /// statement is ended by the server (with its own words) before the client gives up.
    static let answerMargin = 2

    /// For messages: the options the string sets, without any password.
    let location: String
    private let pq: dmf_libpq
    /// As the person wrote it; it may hold a password, so it is never shown.
    private let address: String
    private let quickly: Bool
    private var connection: OpaquePointer?
    /// Seconds without a byte from the server before giving up on it.
    private(set) var answerTimeout = PostgresConnection.connectTimeout

    /// Loads libpq, reads the connection string and connects.
    init(_ address: String, quickly: Bool) throws(RegisterError) {
        pq = try LibPQ.load()
        location = PostgresAddress.display(try PostgresAddress.options(address, with: pq))
        self.address = address
        self.quickly = quickly
        try reconnect()
    }

    deinit { close() }

    func close() {
        if let connection { pq.finish(connection) }
        connection = nil
    }

    /// Whether a connection is open (not given up after a silence or a loss).
    var isOpen: Bool { connection.map { pq.status($0) == CONNECTION_OK } ?? false }

    /// Whether the session is inside a transaction; unknown once the connection is gone.
    var transactionStatus: PGTransactionStatusType {
        connection.map { pq.transactionStatus($0) } ?? PQTRANS_UNKNOWN
    }

    /// Connects (again), sets the session's limits, and reads back the statement timeout.
    func reconnect() throws(RegisterError) {
        close()
        do {
            try connect()
            try setUpSession()
        } catch {
            close()
            throw error
        }
    }

    private func connect() throws(RegisterError) {
        // The string comes after the defaults it may override (keepalives, so a vanished server
        // is noticed even on an idle connection; the name pg_stat_activity shows), and before
        // the text encoding: the register's text is UTF-8 whatever PGCLIENTENCODING says.
        let settings = [
            ("keepalives", "1"), ("keepalives_idle", "30"), ("keepalives_interval", "10"), ("keepalives_count", "3"),
            ("fallback_application_name", "dmf-wizard"), ("dbname", address), ("client_encoding", "UTF8"),
        ]
        guard let started = start(settings) else {
            throw .unavailable(location: location, reason: "there is not enough memory to connect")
        }
        connection = started
        guard pq.status(started) != CONNECTION_BAD else { throw refusedConnection(started) }
        let limit = min(givenConnectTimeout(started) ?? Self.connectTimeout, quickly ? Self.quickTimeout : .max)
        answerTimeout = limit
        // libpq's asynchronous connection does not apply connect_timeout itself. Like libpq's own
        // blocking connection, each address tried (several hosts, or a name with several
        // addresses) gets the whole limit.
        var polling = PGRES_POLLING_WRITING
        var attempt = attemptKey(started)
        var deadline = ContinuousClock.now + .seconds(limit)
        while polling != PGRES_POLLING_OK {
            guard polling != PGRES_POLLING_FAILED else { throw refusedConnection(started) }
            if attemptKey(started) != attempt {
                attempt = attemptKey(started)
                deadline = .now + .seconds(limit)
            }
            let ready = try wait(
                started, reading: polling == PGRES_POLLING_READING, writing: polling == PGRES_POLLING_WRITING,
                until: deadline)
            guard ready else { throw silence(started, seconds: limit) }
            polling = pq.connectPoll(started)
        }
        guard pq.setnonblocking(started, 1) == 0 else { throw lost(started) }
    }

    private func start(_ settings: [(String, String)]) -> OpaquePointer? {
        let keywords = settings.map { strdup($0.0) }
        let values = settings.map { strdup($0.1) }
        defer { for pointer in keywords + values { free(pointer) } }
        let keywordList = keywords.map { UnsafePointer($0) } + [nil]
        let valueList = values.map { UnsafePointer($0) } + [nil]
        return pq.connectStartParams(keywordList, valueList, 1)
    }

    /// The `connect_timeout` libpq settled on from the string, the service file and the
    /// environment, if any (0 means "wait for ever", which this never does).
    private func givenConnectTimeout(_ connection: OpaquePointer) -> Int? {
        guard let options = pq.conninfo(connection) else { return nil }
        defer { pq.conninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "connect_timeout", let value = option.pointee.val,
                let seconds = Int(String(cString: value).trimmingCharacters(in: .whitespaces)), seconds > 0
            {
                return max(seconds, 2)
            }
            option += 1
        }
        return nil
    }

    /// Which host, port and address libpq is trying now.
    private func attemptKey(_ connection: OpaquePointer) -> String {
        [pq.host(connection), pq.port(connection), pq.hostaddr(connection)]
            .map { $0.map { String(cString: $0) } ?? "" }.joined(separator: " ")
    }

    /// `127.0.0.1 port 5432`, or a socket folder, for messages.
    private func server(_ connection: OpaquePointer) -> String {
        let host = pq.host(connection).map { String(cString: $0) } ?? ""
        let port = pq.port(connection).map { String(cString: $0) } ?? ""
        return host.isEmpty ? "" : " (\(host)\(port.isEmpty ? "" : " port \(port)"))"
    }

    // MARK: - Statements

    /// The session's limits (`sessionLimits`), then how long to wait for an answer. The
    /// server's notices ("trigger … does not exist, skipping" while tables are made) are not for
    /// people, and libpq would print them as they come: only warnings and errors are sent.
    private func setUpSession() throws(RegisterError) {
        let wanted = Self.sessionLimits.map { "('\($0.0)', '\($0.1)')" }.joined(separator: ", ")
        let replies = try exchange([
            Statement(
                sql: """
                    SELECT set_config(name, value, false) FROM (VALUES \(wanted)) AS wanted (name, value) \
                    WHERE current_setting(name) = '0'
                    """),
            Statement(sql: "SELECT setting FROM pg_settings WHERE name = 'statement_timeout'"),
            Statement(sql: "SELECT set_config('client_min_messages', 'warning', false)"),
        ])
        for reply in replies {
            if case .failure(let refusal) = reply { throw .unavailable(location: location, reason: refusal.message) }
        }
        if case .success(let reply) = replies[1], let text = reply.rows.first?["setting"],
            let milliseconds = Int(text), milliseconds > 0
        {
            answerTimeout = (milliseconds + 999) / 1000 + Self.answerMargin
        }
        if quickly { answerTimeout = min(answerTimeout, Self.quickTimeout) }
    }

    /// Sends every statement at once (libpq's pipeline mode, each statement followed by a sync
    /// point so each succeeds or fails on its own, as if sent one by one), then reads every
    /// answer: one round trip however many statements. A statement the server refuses is a
    /// `Refusal` in its place; a connection that fails or falls silent is closed and thrown.
    func exchange(_ statements: [Statement]) throws(RegisterError) -> [Result<Reply, Refusal>] {
        guard let connection, pq.status(connection) == CONNECTION_OK else {
            throw .unavailable(
                location: location, reason: "the connection to the register's server was lost; try again")
        }
        do {
            return try pipeline(statements, on: connection)
        } catch {
            // Part of an exchange may still be on its way: the connection cannot be used again.
            close()
            throw error
        }
    }

    private func pipeline(_ statements: [Statement], on connection: OpaquePointer) throws(RegisterError)
        -> [Result<Reply, Refusal>]
    {
        guard pq.enterPipelineMode(connection) == 1 else { throw lost(connection) }
        for statement in statements {
            guard send(statement, on: connection), pq.pipelineSync(connection) == 1 else { throw lost(connection) }
        }
        try flush(connection)
        var replies: [Result<Reply, Refusal>] = []
        for _ in statements {
            var reply: Result<Reply, Refusal>?
            while let result = try nextResult(connection) {
                if reply == nil { reply = outcome(result) }
                pq.clear(result)
            }
            guard let sync = try nextResult(connection) else { throw lost(connection) }
            let status = pq.resultStatus(sync)
            pq.clear(sync)
            guard status == PGRES_PIPELINE_SYNC else { throw lost(connection) }
            replies.append(reply ?? .failure(Refusal(code: "", message: "the server gave no answer")))
        }
        guard pq.exitPipelineMode(connection) == 1 else { throw lost(connection) }
        return replies
    }

    private func send(_ statement: Statement, on connection: OpaquePointer) -> Bool {
        let texts: [UnsafeMutablePointer<CChar>?] = statement.values.map { value in
            switch value {
            case .text(let text): text.flatMap { strdup($0) }
            case .integer(let number): strdup(String(number))
            }
        }
        defer { for text in texts { free(text) } }
        // 20 is bigint's type; 0 lets the server infer a text parameter's type from its use.
        let types: [Oid] = statement.values.map { if case .integer = $0 { 20 } else { 0 } }
        let values = texts.map { UnsafePointer($0) }
        return pq.sendQueryParams(connection, statement.sql, Int32(values.count), types, values, nil, nil, 0) == 1
    }

    /// Sends what libpq still holds, reading meanwhile so a server busy answering is not stuck.
    private func flush(_ connection: OpaquePointer) throws(RegisterError) {
        while true {
            let pending = pq.flush(connection)
            if pending == 0 { return }
            guard pending > 0 else { throw lost(connection) }
            guard try wait(connection, reading: true, writing: true, until: .now + .seconds(answerTimeout)) else {
                throw silence(connection, seconds: answerTimeout)
            }
            guard pq.consumeInput(connection) == 1 else { throw lost(connection) }
        }
    }

    /// The next result, once it has arrived whole; nil between one statement's results and the next.
    private func nextResult(_ connection: OpaquePointer) throws(RegisterError) -> OpaquePointer? {
        while pq.isBusy(connection) == 1 {
            guard pq.status(connection) == CONNECTION_OK else { throw lost(connection) }
            guard try wait(connection, reading: true, writing: false, until: .now + .seconds(answerTimeout)) else {
                throw silence(connection, seconds: answerTimeout)
            }
            guard pq.consumeInput(connection) == 1 else { throw lost(connection) }
        }
        return pq.getResult(connection)
    }

    private func outcome(_ result: OpaquePointer) -> Result<Reply, Refusal> {
        let status = pq.resultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            let field = { (code: Character) -> String? in
                self.pq.resultErrorField(result, Int32(code.asciiValue ?? 0)).map { String(cString: $0) }
            }
            return .failure(Refusal(code: field("C") ?? "", message: field("M") ?? "the server refused a request"))
        }
        let command = pq.cmdStatus(result).map { String(cString: $0) } ?? ""
        let fields = pq.nfields(result)
        let names = ColumnNames(
            (0..<fields).map { column in pq.fname(result, column).map { String(cString: $0) } ?? "" })
        let rows = (0..<pq.ntuples(result)).map { row in
            TextRow(
                names: names,
                values: (0..<fields).map { column in
                    pq.getisnull(result, row, column) == 1
                        ? nil : pq.getvalue(result, row, column).map { String(cString: $0) }
                })
        }
        return .success(Reply(rows: rows, command: command))
    }

    /// Waits until the socket can be read or written as asked; false when the deadline passed.
    private func wait(
        _ connection: OpaquePointer, reading: Bool, writing: Bool, until deadline: ContinuousClock.Instant
    )
        throws(RegisterError) -> Bool
    {
        let socket = pq.socket(connection)
        guard socket >= 0 else { throw lost(connection) }
        let events = Int16(reading ? POLLIN : 0) | Int16(writing ? POLLOUT : 0)
        while true {
            let left = deadline - .now
            guard left > .zero else { return false }
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1
            let ready = poll(&descriptor, 1, Int32(clamping: milliseconds))
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { throw lost(connection) }
        }
    }

    // MARK: - Messages

    /// A connection that libpq could not make: its words on one line, and what to do about it;
    /// for a server that asks for a password none was given for, where to put one.
    private func refusedConnection(_ connection: OpaquePointer) -> RegisterError {
        if pq.connectionNeedsPassword(connection) == 1 {
            return .unavailable(
                location: location,
                reason: "the server\(server(connection)) asks for a password and none was found: put it in ~/.pgpass "
                    + "(or the file PGPASSFILE names), not in the register's address")
        }
        guard case .unavailable(let location, let reason) = lost(connection) else { return lost(connection) }
        return .unavailable(location: location, reason: reason + Self.whatToDo(after: reason))
    }

    /// What to do after libpq's words, unless they already say (a question such as "Is the
    /// server running on that host…?").
    static func whatToDo(after reason: String) -> String {
        if reason.contains("password authentication failed") {
            return "; check the password for this server in ~/.pgpass (or the file PGPASSFILE names)"
        }
        if reason.contains("SSL") || reason.contains("certificate") {
            return "; check that sslrootcert names the authority that signed the server's certificate"
        }
        if reason.contains("does not exist") {
            return "; check the database and user names in the register's address, or ask whoever runs the server"
        }
        if reason.hasSuffix("?") { return "" }
        return "; check the register's address (--register or DMF_REGISTER_URL), or ask whoever runs its server"
    }

    private func lost(_ connection: OpaquePointer) -> RegisterError {
        let message = PostgresAddress.plain(pq.errorMessage(connection).map { String(cString: $0) } ?? "")
        return .unavailable(
            location: location, reason: message.isEmpty ? "the connection to the register's server was lost" : message)
    }

    private func silence(_ connection: OpaquePointer, seconds: Int) -> RegisterError {
        .unavailable(
            location: location,
            reason: "the register's server\(server(connection)) did not answer within \(seconds) s; try again later, "
                + "or ask whoever runs it whether it is working")
    }
}
