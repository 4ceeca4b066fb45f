import DMFRegister
import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://` URL taken apart, with the password kept out of every message.
struct PostgresAddress {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var sslMode: String

    /// What messages show: the URL without its password.
    var redacted: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    init(_ url: String) throws(RegisterError) {
        func bad(_ why: String) -> RegisterError {
            .unavailable(
                location: "the register URL", reason: "\(why); expected postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? "") else {
            throw bad("it is not a postgres:// URL")
        }
        guard let host = parts.host, !host.isEmpty else { throw bad("it names no host") }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw bad("it names no database") }
        let mode = parts.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard ["disable", "prefer", "require"].contains(mode) else {
            throw bad("sslmode must be disable, prefer or require, not '\(mode)'")
        }
        self.host = host
        port = parts.port ?? 5432
        user = parts.user ?? "postgres"
        password = parts.password
        self.database = database
        sslMode = mode
    }

    func configuration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }
}
