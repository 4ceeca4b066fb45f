/// Small checks on typed text, shared by the answers-file reader and the wizard's questions so
/// both accept exactly the same answers.
public enum TextChecks {
    /// A plausible email address: one `@`, something before it, a dot after it, no spaces.
    public static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }
}

extension String {
    /// The text without leading and trailing white space (newlines included).
    public var trimmed: String {
        var text = self[...]
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
