import Glibc

/// The environment variables that decide how the terminal is opened.
///
/// Passed in rather than read inside `open` so tests can try TERM=dumb, unset or bogus without
/// changing the process environment that other tests share.
public struct TerminalEnvironment: Sendable, Equatable {
    public var term: String?
    public var noColor: String?
    public var escDelay: String?
    public var lcAll: String?
    public var lcCtype: String?
    public var lang: String?

    public init(
        term: String? = nil, noColor: String? = nil, escDelay: String? = nil, lcAll: String? = nil,
        lcCtype: String? = nil, lang: String? = nil
    ) {
        self.term = term
        self.noColor = noColor
        self.escDelay = escDelay
        self.lcAll = lcAll
        self.lcCtype = lcCtype
        self.lang = lang
    }

    /// The values in this process's environment now.
    public static func current() -> TerminalEnvironment {
        func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        return TerminalEnvironment(
            term: value("TERM"), noColor: value("NO_COLOR"), escDelay: value("ESCDELAY"),
            lcAll: value("LC_ALL"), lcCtype: value("LC_CTYPE"), lang: value("LANG"))
    }

    /// no-color.org: any non-empty NO_COLOR disables colour.
    var colourForbidden: Bool { !(noColor ?? "").isEmpty }

    /// True when no locale variable is set at all, as in many containers and CI jobs.
    var localeUnset: Bool {
        (lcAll ?? "").isEmpty && (lcCtype ?? "").isEmpty && (lang ?? "").isEmpty
    }
}
