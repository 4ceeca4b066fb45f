import DMFRegister
import Foundation
import Testing

@testable import DMFRegisterStores

/// How `--register` and `DMF_REGISTER_URL` are read: a libpq connection string names
/// PostgreSQL, a mistyped address is refused, anything else is a SQLite file; and a password,
/// however it was written, never reaches a message.
@Suite struct RegisterLocationTests {
    static func resolve(_ option: String?, environment: String? = nil) -> RegisterLocation {
        RegisterLocation.resolve(option: option) { name in
            switch name {
            case RegisterLocation.environmentKey: environment
            case "XDG_DATA_HOME": "/data"
            default: nil
            }
        }
    }

    @Test(arguments: [
        "postgres://dmf@db.example/register", "postgresql://dmf:secret@db.example:5433/register?sslmode=verify-full",
        "postgresql:///?service=dmf-register", "postgresql://", "service=dmf-register",
        "host=db.example dbname=register", "host = db.example dbname = register",
    ])
    func aConnectionStringNamesPostgreSQL(given: String) {
        #expect(Self.resolve(given) == .postgres(connection: given))
        #expect(Self.resolve(nil, environment: given) == .postgres(connection: given))
    }

    @Test func spacesAroundAConnectionStringAreDropped() {
        #expect(
            Self.resolve("  postgres://db.example/register\n")
                == .postgres(connection: "postgres://db.example/register"))
    }

    @Test(arguments: [
        ("/srv/register.sqlite", "/srv/register.sqlite"), ("register.sqlite", "register.sqlite"),
        ("sqlite:/srv/register.sqlite", "/srv/register.sqlite"), ("sqlite:odd://name", "odd://name"),
        ("./a=b.sqlite", "./a=b.sqlite"),
    ])
    func anythingElseIsASQLiteFile(given: String, path: String) {
        #expect(Self.resolve(given) == .sqlite(path: path))
    }

    @Test func nothingGivenIsTheDefaultFile() {
        #expect(Self.resolve(nil) == .sqlite(path: "/data/dmf-wizard/register.sqlite"))
        #expect(Self.resolve(nil, environment: "") == .sqlite(path: "/data/dmf-wizard/register.sqlite"))
    }

    @Test(arguments: [
        ("postgress://dmf:secret@db.example/register", "postgress://"), ("mysql://db.example/register", "mysql://"),
        ("  Postgres://db.example/register", "Postgres://"), ("https://db.example/register", "https://"),
    ])
    func aMistypedAddressIsRefusedNeverAFile(given: String, scheme: String) {
        let location = Self.resolve(nil, environment: given)
        guard case .refused(let shown, let reason) = location else {
            Issue.record("\(given) became \(location)")
            return
        }
        #expect(shown == "\(scheme)… (DMF_REGISTER_URL)")
        #expect(reason.hasPrefix("\(scheme) is not a kind of register: a PostgreSQL register is named postgres://…"))
        #expect(!location.exists)
        #expect {
            _ = try location.open()
        } throws: { error in
            let text = (error as? RegisterError)?.description ?? ""
            return text.hasPrefix("the register at \(scheme)… (DMF_REGISTER_URL) cannot be used: ")
                && !text.contains("secret")
        }
        guard case .refused(let shownForOption, _) = Self.resolve(given) else { return }
        #expect(shownForOption == "\(scheme)… (--register)")
    }

    /// Every way a password can be written: in a URI's user part (percent-encoded or not), as a
    /// query parameter, as a key (quoted or not).
    @Test(arguments: [
        (
            "postgresql://dmf:s3cret@db.example:5433/register?sslmode=verify-full",
            "user=dmf dbname=register host=db.example port=5433 sslmode=verify-full"
        ),
        ("postgresql://dmf:s3%40cret@db.example/register", "user=dmf dbname=register host=db.example"),
        (
            "postgresql://db.example/register?password=s3cret&sslmode=require",
            "dbname=register host=db.example sslmode=require"
        ),
        ("host=db.example password=s3cret dbname=register", "dbname=register host=db.example"),
        ("host=db.example password='s3 cret' dbname='the register'", "dbname='the register' host=db.example"),
        ("service=dmf-register", "service=dmf-register"),
        ("postgresql:///?service=dmf-register", "service=dmf-register"),
        ("postgresql://", "the default PostgreSQL server"),
    ])
    func messagesShowTheAddressWithoutItsPassword(given: String, shown: String) {
        let location = Self.resolve(given)
        #expect(location.description == shown)
        for secret in ["s3cret", "s3%40cret", "s3@cret", "s3 cret"] { #expect(!location.description.contains(secret)) }
    }

    /// A string libpq cannot read is refused when opened, in libpq's words, with any part of it
    /// that could be a password left out (libpq's message quotes the string).
    @Test(arguments: [
        ("host=db.example password s3cret", "missing \"=\" after \"…\" in connection info string"),
        ("host=db.example password='s3cret", "unterminated quoted string in connection info string"),
        ("hots=db.example password=s3cret", "invalid connection option \"hots\""),
        ("postgresql://dmf:s3cret@[::1/register", "end of string reached when looking for matching \"]\""),
        ("postgresql://dmf:s3cret@db.example/register?nosuch=1", "invalid URI query parameter: \"nosuch\""),
    ])
    func aStringLibpqCannotReadIsRefusedWithoutItsPassword(given: String, words: String) {
        let location = Self.resolve(given)
        #expect(location.description == "a PostgreSQL server")
        #expect {
            _ = try location.open()
        } throws: { error in
            let text = (error as? RegisterError)?.description ?? ""
            #expect(text.hasPrefix("the register at a PostgreSQL server cannot be used: its connection string"))
            #expect(text.contains(words), "\(text)")
            #expect(!text.contains("s3cret"))
            return true
        }
    }

    @Test func libpqsWordsOnOneLine() {
        #expect(
            PostgresAddress.plain(
                "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
                    + "\tIs the server running on that host and accepting TCP/IP connections?\n")
                == "connection to server at \"127.0.0.1\", port 1 failed: Connection refused. "
                + "Is the server running on that host and accepting TCP/IP connections?")
        #expect(
            PostgresAddress.plain(
                "connection to server at \"db\" (10.0.0.1), port 5432 failed: FATAL:  password authentication failed "
                    + "for user \"dmf\"\n")
                == "connection to server at \"db\" (10.0.0.1), port 5432 failed: password authentication failed "
                + "for user \"dmf\"")
    }
}

/// The command printed to record later names the register again only when `--register` named
/// it, and never with a password: one named by DMF_REGISTER_URL, or the default file, is found
/// again from the environment.
@Suite struct RecordLaterTests {
    static func option(_ given: String?, environment: String? = nil) -> String? {
        RegisterSetting.resolve(option: given) { name in
            name == RegisterLocation.environmentKey ? environment : (name == "XDG_DATA_HOME" ? "/data" : nil)
        }.commandOption
    }

    @Test func aRegisterNamedByTheOptionIsNamedAgain() {
        #expect(Self.option("/srv/dmf/register.sqlite") == "--register '/srv/dmf/register.sqlite'")
        #expect(Self.option("O'Brien.sqlite") == "--register 'O'\\''Brien.sqlite'")
        #expect(Self.option("sqlite:odd://name") == "--register 'sqlite:odd://name'")
        #expect(Self.option("sqlite:/srv/plain.sqlite") == "--register '/srv/plain.sqlite'")
        #expect(Self.option("service=dmf-register") == "--register 'service=dmf-register'")
    }

    @Test(arguments: [
        (
            "postgresql://dmf:s3cret@db.example:5433/register?sslmode=verify-full",
            "--register 'user=dmf dbname=register host=db.example port=5433 sslmode=verify-full'"
        ),
        ("host=db.example password='s3cret' dbname=register", "--register 'dbname=register host=db.example'"),
        ("postgresql://db.example/register?password=s3cret", "--register 'dbname=register host=db.example'"),
        ("postgresql://:s3cret@", "--register 'postgresql://'"),
        ("postgress://dmf:s3cret@db.example/register", "--register 'postgress://dmf@db.example/register'"),
        (
            "mysql://db.example/register?user=dmf&password=s3cret",
            "--register 'mysql://db.example/register?user=dmf&password=…'"
        ),
    ])
    func neverWithAPassword(given: String, printed: String) {
        let option = Self.option(given)
        #expect(option == printed)
        #expect(option?.contains("s3cret") == false)
    }

    @Test func aRegisterFoundFromTheEnvironmentIsFoundAgain() {
        #expect(Self.option(nil, environment: "postgresql://dmf:s3cret@db.example/register") == nil)
        #expect(Self.option(nil, environment: "/srv/register.sqlite") == nil)
        #expect(Self.option(nil) == nil)
    }
}
