/// OpenSSH's patterns (ssh_config(5), "PATTERNS"), as allowed-signers files use them for
/// principals and namespaces: `*` matches any run of characters, `?` any one character, and a
/// pattern-list is patterns separated by commas, any of them negated with `!`.
enum OpenSSHPattern {
    /// What a pattern-list says about a string.
    enum ListMatch: Equatable {
        /// A negated pattern matched: the string is excluded, whatever else matches.
        case excluded
        /// No pattern matched.
        case none
        /// A plain pattern matched and no negated one did.
        case matched
    }

    /// Whether `text` matches `pattern` as a whole, case included. Works on bytes, as OpenSSH does.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        matches(Array(text.utf8), Array(pattern.utf8))
    }

    static func matches(_ text: [UInt8], _ pattern: [UInt8]) -> Bool {
        // The usual wildcard walk: on a mismatch, go back to just after the last `*` and let it
        // take one more character. Linear in practice, never exponential.
        var t = 0
        var p = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count,
                pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] && pattern[p] != UInt8(ascii: "*")
            {
                t += 1
                p += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    /// `text` against a comma-separated pattern-list.
    static func match(_ text: String, list: String) -> ListMatch {
        let text = Array(text.utf8)
        var matched = false
        for entry in list.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let negated = entry.first == UInt8(ascii: "!")
            guard matches(text, Array(negated ? entry.dropFirst() : entry)) else { continue }
            if negated { return .excluded }
            matched = true
        }
        return matched ? .matched : .none
    }
}
