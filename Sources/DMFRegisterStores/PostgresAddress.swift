import CLibPQ
import DMFRegister
import Foundation

/// A libpq connection string: a URI (`postgres://…`, `postgresql://…`, `postgresql:///?service=…`)
/// or `key=value` pairs (`service=dmf-register`, `host=db.example dbname=dmf`). libpq reads it,
/// and when connecting adds what it names elsewhere (~/.pgpass, the service file, the `PG*`
/// variables); this only tells a connection string from a file path, and shows one without its
/// secrets.
enum PostgresAddress {
    /// What a message names when libpq cannot be loaded, or cannot read the string.
    static let unnamed = "a PostgreSQL server"

    enum Kind: Equatable {
        case connectionString
        /// Starts like an address of another kind (`postgress://…`, `mysql://…`).
        case foreign(scheme: String)
        case path
    }

    /// Decided from the text alone, so resolving where the register is loads nothing.
    static func kind(of text: String) -> Kind {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") { return .connectionString }
        if let scheme = text.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.\-]*:\/\//) {
            return .foreign(scheme: String(scheme.0))
        }
        // `keyword=` first, as in `service=dmf-register` or `host = db dbname = dmf`.
        if text.firstMatch(of: /^[A-Za-z_]+\s*=/) != nil { return .connectionString }
        return .path
    }

    /// One option libpq read from the string.
    struct Option: Equatable {
        var keyword: String
        var value: String
        /// A password (libpq marks them): never shown.
        var isSecret: Bool
    }

    /// The options written in `text`, as libpq reads them (`PQconninfoParse`): only what the
    /// string itself says, not the defaults libpq adds when connecting.
    static func options(_ text: String, with pq: dmf_libpq) throws(RegisterError) -> [Option] {
        var problem: UnsafeMutablePointer<CChar>?
        guard let parsed = pq.conninfoParse(text, &problem) else {
            let message = problem.map { String(cString: $0) } ?? "there is not enough memory to read it"
            if let problem { pq.freemem(problem) }
            throw .unavailable(
                location: unnamed,
                reason: "its connection string cannot be read (\(unquoted(plain(message)))); "
                    + "a PostgreSQL register is named postgres://…, postgresql://… or key=value, "
                    + "and a SQLite file whose name looks like one as sqlite:PATH")
        }
        defer { pq.conninfoFree(parsed) }
        var options: [Option] = []
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                let display = option.pointee.dispchar.map { String(cString: $0) } ?? ""
                options.append(
                    Option(keyword: String(cString: keyword), value: String(cString: value), isSecret: display == "*"))
            }
            option += 1
        }
        return options
    }

    /// For messages: the options the string sets as `key=value`, without any password however it
    /// was written (in a URI's user part, as `password=`, or as `?password=`).
    static func display(_ options: [Option]) -> String {
        let shown = options.filter { !$0.isSecret }.map { "\($0.keyword)=\(quoted($0.value))" }
        return shown.isEmpty ? "the default PostgreSQL server" : shown.joined(separator: " ")
    }

    /// The same connection string without its secrets, as `key=value` pairs libpq reads: what a
    /// command printed for later may carry (libpq then finds a password in ~/.pgpass). Nil when
    /// libpq is missing or cannot read the string.
    static func withoutSecrets(_ text: String) -> String? {
        guard let pq = try? LibPQ.load(), let options = try? options(text, with: pq) else { return nil }
        let kept = options.filter { !$0.isSecret }.map { "\($0.keyword)=\(quoted($0.value))" }
        return kept.isEmpty ? "postgresql://" : kept.joined(separator: " ")
    }

    /// `display` for a string not yet read; `unnamed` when libpq is missing or cannot read it.
    static func display(_ text: String) -> String {
        guard let pq = try? LibPQ.load(), let options = try? options(text, with: pq) else { return unnamed }
        return display(options)
    }

    /// A value as libpq's `key=value` syntax writes it: quoted when empty or holding a space, a
    /// quote or a backslash.
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0.isWhitespace || $0 == "'" || $0 == "\\" }
        if plain { return value }
        return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// libpq's message about a string it cannot read quotes parts of the string, and a part may
    /// be a password (`missing "=" after "secret"`, or a whole URI). Only a single character and
    /// a key's name (`invalid connection option "hots"`) are kept; any other quoted part becomes
    /// "…".
    static func unquoted(_ message: String) -> String {
        var out = ""
        var rest = Substring(message)
        while let match = rest.firstMatch(of: /"([^"]*)"/) {
            let before = rest[..<match.range.lowerBound]
            out += before
            let quoted = match.1
            let namesKey = before.hasSuffix("option ") || before.hasSuffix("parameter: ")
            out += quoted.count <= 1 || (namesKey && quoted.allSatisfy { $0.isLetter || $0 == "_" }) ? match.0 : "\"…\""
            rest = rest[match.range.upperBound...]
        }
        return out + rest
    }

    /// libpq's and the server's words on one line: "FATAL:" and the like dropped, lines joined.
    static func plain(_ message: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline).map { line in
            line.replacing(/\b(?:FATAL|ERROR|PANIC):\s+/, with: "").trimmingCharacters(in: .whitespaces)
        }
        var joined = ""
        for line in lines where !line.isEmpty {
            if !joined.isEmpty { joined += ".!?:;".contains(joined.last ?? ".") ? " " : ". " }
            joined += line
        }
        return joined
    }
}
