/// Small checks on typed text, shared by the answers-file reader and the wizard's questions so
/// both accept exactly the same answers.
public enum TextChecks {
    /// A plausible email address: one `@`, something before it, a dot after it, no spaces.
    public static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }

    /// The spelling a closed-set answer is matched by: surrounding spaces dropped, lower case,
    /// and each space or underscore inside made a hyphen, so `OFFICIAL-SENSITIVE`, `Yes`,
    /// `Not Sure` and `not_sure` match `official-sensitive`, `yes` and `not-sure`. Other
    /// characters (line breaks, tabs, punctuation) are kept, so they still fail to match.
    public static func choiceKey(_ text: String) -> String {
        String(text.trimmed.lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 })
    }

    /// Date problems in one sentence for people typing an answer, ending with the forms taken:
    /// "30 February 2027 does not exist (February 2027 has 28 days). Type the date as …".
    public static func dateAdvice(_ problem: IsoDate.Problem, typed: String) -> String {
        let clause = problem.explanation(typed: typed)
        return clause.prefix(1).uppercased() + clause.dropFirst() + ". Type the date as \(IsoDate.acceptedForms)."
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

    /// "A contract" → "a contract", for reuse inside a sentence; acronyms stay ("SFTP", "NDA").
    public var lowercasedFirst: String {
        let second = dropFirst().first
        guard let first, first.isUppercase, !(second?.isUppercase ?? false) else { return self }
        return first.lowercased() + dropFirst()
    }

    /// The words as they read inside a sentence: the first letter made small ("Number of records"
    /// → "number of records"), unless the words are a name, with another word in title case before
    /// any bracket ("Codes of Connection (CoCo)", "Security Aspects Letter (SAL)"), or start with
    /// an acronym ("IAO decision", "OFFICIAL-SENSITIVE").
    public var inSentence: String {
        let beforeBracket = prefix { $0 != "(" }
        let isName = beforeBracket.split(separator: " ").dropFirst().contains { word in
            (word.first?.isUppercase ?? false) && word.contains { $0.isLowercase }
        }
        return isName ? self : lowercasedFirst
    }
}
