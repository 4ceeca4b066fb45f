import DMFPolicy
import Foundation

/// Why an allowed-signers file cannot be used, in plain words.
public enum AllowedSignersError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    /// Lines that cannot be read, each with its number and why. The file is not used at all:
    /// `ssh-keygen` refuses to verify past such a line too, and a mistyped line must not
    /// quietly drop a signer.
    case badLines(source: String, [LineProblem])

    public struct LineProblem: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let reason: String

        public var description: String { "line \(line): \(reason)" }
    }

    public var description: String {
        switch self {
        case .missing(let path):
            "the allowed signers file \(Sanitizer.visible(path)) does not exist (set \(SigningSettings.allowedSignersVariable) "
                + "to the file your administrators keep)"
        case .unreadable(let path, let reason):
            "the allowed signers file \(Sanitizer.visible(path)) cannot be read: \(reason)"
        case .badLines(let source, let problems):
            "the allowed signers file \(Sanitizer.visible(source)) has lines that cannot be read, so it is not used: "
                + problems.map(\.description).joined(separator: "; ")
        }
    }
}

/// An allowed-signers file as `ssh-keygen -Y verify` reads it (ssh-keygen(1), "ALLOWED SIGNERS"):
/// one key per line, after the principals it speaks for and any options. Blank lines and lines
/// starting with `#` are comments.
///
/// ```
/// jowner@example.org namespaces="dmf-wizard-decision,dmf-wizard-receipt" ssh-ed25519 AAAA…
/// *@example.org cert-authority ssh-ed25519 AAAA…
/// leaver@example.org valid-before="20261130Z" ssh-ed25519 AAAA…
/// ```
public struct AllowedSigners: Sendable {
    /// One key line.
    public struct Line: Sendable, Equatable {
        /// Its line number in the file, from 1.
        public let number: Int
        /// The principals field as written: a pattern-list (`*`, `?`, `!`), such as `*@example.org`.
        public let principals: String
        /// `cert-authority`: the key is a certificate authority, and certificates it signed sign.
        public let isCertificateAuthority: Bool
        /// `namespaces="…"`: the pattern-list of namespaces the key may sign; nil means any.
        public let namespaces: String?
        /// `valid-after` and `valid-before`, in seconds since 1970: the key is trusted from the
        /// first until the second, both included.
        public let validAfter: Int64?
        public let validBefore: Int64?
        public let key: SSHPublicKey
        /// The principals to show for this line: the field's patterns, without the negated ones.
        /// Worked out once, as the file is read: every signature it trusts names them.
        public let shownPrincipals: [String]

        init(
            number: Int, principals: String, isCertificateAuthority: Bool, namespaces: String?, validAfter: Int64?,
            validBefore: Int64?, key: SSHPublicKey
        ) {
            self.number = number
            self.principals = principals
            self.isCertificateAuthority = isCertificateAuthority
            self.namespaces = namespaces
            self.validAfter = validAfter
            self.validBefore = validBefore
            self.key = key
            shownPrincipals = principals.split(separator: ",").filter { !$0.hasPrefix("!") }.map(String.init)
        }

        /// Whether the line lets its key sign in `namespace`.
        public func allows(namespace: String) -> Bool {
            guard let namespaces else { return true }
            return OpenSSHPattern.match(namespace, list: namespaces) == .matched
        }

        /// Whether the line trusted its key at `date` (to the second, as `ssh-keygen` judges it).
        public func isValid(at date: Date) -> Bool { isValid(atSecond: Self.second(of: date)) }

        func isValid(atSecond second: Int64) -> Bool {
            if let validAfter, second < validAfter { return false }
            if let validBefore, second > validBefore { return false }
            return true
        }

        /// Whether `principal` is one the line speaks for, as `ssh-keygen -Y verify -I` decides.
        public func names(principal: String) -> Bool {
            OpenSSHPattern.match(principal, list: principals) == .matched
        }

        /// When the line trusts its key, in words ("from 2026-01-01 00:00:00 UTC until …").
        public var window: String {
            switch (validAfter, validBefore) {
            case (let after?, let before?): "from \(Moment.utc(after)) until \(Moment.utc(before))"
            case (let after?, nil): "from \(Moment.utc(after))"
            case (nil, let before?): "until \(Moment.utc(before))"
            case (nil, nil): "at any time"
            }
        }

        static func second(of date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    }

    /// The largest file read: an organisation's keys fit in far less.
    public static let largestFile = 4 * 1024 * 1024

    public let lines: [Line]
    /// The file's path, for messages.
    public let source: String
    private let plainIndex: [[UInt8]: [Int]]
    private let authorityIndex: [[UInt8]: [Int]]

    /// Reads the file at `path`.
    public static func load(path: String) throws(AllowedSignersError) -> AllowedSigners {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(path, largest: largestFile)
        } catch .missing {
            throw .missing(path: path)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        return try AllowedSigners(bytes: bytes, source: path)
    }

    /// Reads the file's content; `source` names it in messages.
    public init(text: String, source: String) throws(AllowedSignersError) {
        try self.init(bytes: Array(text.utf8), source: source)
    }

    public init(bytes: [UInt8], source: String) throws(AllowedSignersError) {
        var lines: [Line] = []
        var problems: [AllowedSignersError.LineProblem] = []
        let rawLines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, raw) in rawLines.enumerated() {
            guard let text = String(validating: raw, as: UTF8.self) else {
                problems.append(.init(line: index + 1, reason: "it is not UTF-8 text"))
                continue
            }
            do {
                if let line = try LineReader.read(text, number: index + 1) { lines.append(line) }
            } catch {
                problems.append(.init(line: index + 1, reason: error.description))
            }
        }
        guard problems.isEmpty else { throw .badLines(source: source, problems) }
        self.lines = lines
        self.source = source
        var plain: [[UInt8]: [Int]] = [:]
        var authorities: [[UInt8]: [Int]] = [:]
        for (index, line) in lines.enumerated() {
            if line.isCertificateAuthority {
                authorities[line.key.wire, default: []].append(index)
            } else {
                plain[line.key.wire, default: []].append(index)
            }
        }
        plainIndex = plain
        authorityIndex = authorities
    }

    /// The lines that list `key` itself (not as a certificate authority), in file order.
    public func lines(listing key: SSHPublicKey) -> [Line] { (plainIndex[key.wire] ?? []).map { lines[$0] } }

    /// The `cert-authority` lines for the authority `key`, in file order.
    public func authorityLines(for key: SSHPublicKey) -> [Line] {
        (authorityIndex[key.wire] ?? []).map { lines[$0] }
    }
}

/// Reads one line of an allowed-signers file the way OpenSSH does (sshsig.c), refusing what it
/// refuses and, beyond it, dates that do not exist.
private enum LineReader {
    static func read(_ text: String, number: Int) throws(SSHFormatError) -> AllowedSigners.Line? {
        var rest = Substring(text).drop { " \t\r\n".contains($0) }
        if rest.isEmpty || rest.first == "#" { return nil }
        let principals = try principalsField(&rest)
        rest = rest.drop { $0 == " " || $0 == "\t" }
        var options: Options?
        var first = token(&rest)
        if !first.isEmpty, !SSHPublicKey.isTypeName(String(first)) {
            // A key of a type not read here (ssh-dss) would otherwise be taken for options.
            if !first.contains("="), ["ssh-", "ecdsa-", "sk-"].contains(where: { first.hasPrefix($0) }) {
                throw SSHFormatError(
                    "\(Sanitizer.visible(String(first), limit: 60)) is not a key type that is accepted")
            }
            options = try Options(String(try optionsToken(first, rest: &rest)))
            rest = rest.drop { $0 == " " || $0 == "\t" }
            first = token(&rest)
        }
        guard !first.isEmpty else { throw SSHFormatError("there is no key after the principals") }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        let base64 = token(&rest)
        guard !base64.isEmpty else {
            throw SSHFormatError("the \(Sanitizer.visible(String(first), limit: 60)) key has no base64")
        }
        let key = try SSHPublicKey(type: String(first), base64: String(base64))
        return AllowedSigners.Line(
            number: number, principals: principals, isCertificateAuthority: options?.certificateAuthority ?? false,
            namespaces: options?.namespaces, validAfter: options?.validAfter, validBefore: options?.validBefore,
            key: key)
    }

    /// The principals: up to the first space or tab, or a whole double-quoted field.
    private static func principalsField(_ rest: inout Substring) throws(SSHFormatError) -> String {
        if rest.first == "\"" {
            let inside = rest.dropFirst()
            guard let close = inside.firstIndex(of: "\"") else {
                throw SSHFormatError("the principals' quote is not closed")
            }
            rest = inside[inside.index(after: close)...]
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else {
                throw SSHFormatError("there is text right after the principals' closing quote")
            }
            return String(inside[..<close])
        }
        let field = token(&rest)
        guard !field.contains("\"") else { throw SSHFormatError("the principals have a stray double quote") }
        return String(field)
    }

    /// The next run of characters up to a space or tab (a line ending counts as the end).
    private static func token(_ rest: inout Substring) -> Substring {
        let end = rest.firstIndex { $0 == " " || $0 == "\t" || $0 == "\r" } ?? rest.endIndex
        defer { rest = rest[end...] }
        return rest[..<end]
    }

    /// The options run to the first space or tab outside double quotes; `first` is the part of
    /// them up to the first space or tab, which may be inside quotes.
    private static func optionsToken(_ first: Substring, rest: inout Substring) throws(SSHFormatError) -> Substring {
        let whole = first.base[first.startIndex..<rest.endIndex]
        var quoted = false
        var index = whole.startIndex
        while index < whole.endIndex {
            let character = whole[index]
            if !quoted, character == " " || character == "\t" { break }
            if character == "\\", whole.index(after: index) < whole.endIndex, whole[whole.index(after: index)] == "\"" {
                index = whole.index(after: index)
            } else if character == "\"" {
                quoted.toggle()
            }
            index = whole.index(after: index)
        }
        guard !quoted else { throw SSHFormatError("a double quote in the options is not closed") }
        rest = whole[index...]
        return whole[..<index]
    }
}

/// A line's options (sshsig.c, `sshsigopt_parse`): names in any case, separated by commas.
private struct Options {
    var certificateAuthority = false
    var namespaces: String?
    var validAfter: Int64?
    var validBefore: Int64?

    init(_ text: String) throws(SSHFormatError) {
        var rest = Substring(text)
        while !rest.isEmpty {
            if Self.take("cert-authority", from: &rest) {
                certificateAuthority = true
            } else if Self.take("namespaces=", from: &rest) {
                guard namespaces == nil else { throw SSHFormatError("namespaces= is given twice") }
                namespaces = try Self.quoted("namespaces", &rest)
            } else if Self.take("valid-after=", from: &rest) {
                guard validAfter == nil else { throw SSHFormatError("valid-after= is given twice") }
                validAfter = try Moment.parse(try Self.quoted("valid-after", &rest), option: "valid-after")
            } else if Self.take("valid-before=", from: &rest) {
                guard validBefore == nil else { throw SSHFormatError("valid-before= is given twice") }
                validBefore = try Moment.parse(try Self.quoted("valid-before", &rest), option: "valid-before")
            } else {
                let name = rest.prefix { $0 != "," && $0 != "=" }
                throw SSHFormatError(
                    "\(Sanitizer.visible(String(name), limit: 60)) is not an option (the options are cert-authority, "
                        + "namespaces=\"…\", valid-after=\"…\" and valid-before=\"…\")")
            }
            if rest.isEmpty { break }
            guard rest.first == "," else {
                let name = rest.prefix { $0 != "," && $0 != "=" }
                throw SSHFormatError("\(Sanitizer.visible(String(name), limit: 60)) is not an option")
            }
            rest = rest.dropFirst()
            if rest.isEmpty { throw SSHFormatError("the options end with a comma") }
        }
        if let validAfter, let validBefore, validBefore <= validAfter {
            throw SSHFormatError("valid-before is not after valid-after")
        }
    }

    /// Takes `name` off the front of `rest`, whatever its case.
    private static func take(_ name: String, from rest: inout Substring) -> Bool {
        guard rest.count >= name.count, rest.prefix(name.count).lowercased() == name else { return false }
        rest = rest.dropFirst(name.count)
        return true
    }

    /// A double-quoted value, where `\"` stands for a quote.
    private static func quoted(_ name: String, _ rest: inout Substring) throws(SSHFormatError) -> String {
        guard rest.first == "\"" else { throw SSHFormatError("\(name)= needs its value in double quotes") }
        var value = ""
        var index = rest.index(after: rest.startIndex)
        while index < rest.endIndex, rest[index] != "\"" {
            if rest[index] == "\\", rest.index(after: index) < rest.endIndex, rest[rest.index(after: index)] == "\"" {
                index = rest.index(after: index)
            }
            value.append(rest[index])
            index = rest.index(after: index)
        }
        guard index < rest.endIndex else { throw SSHFormatError("\(name)='s closing double quote is missing") }
        rest = rest[rest.index(after: index)...]
        return value
    }
}
