/// An answer that made a rule fire: which answer (where it is kept) and what it was. A finding
/// carries these typed, and each place that shows them chooses the words: people read the
/// schema's label and the option's label ("Route: third party"), the JSON result keeps the
/// answers file's key and spelling.
public struct Fact: Sendable, Equatable {
    /// Which answer: one kept in the answers as a whole, or one recipient's (numbered from 1, as
    /// the screens and the form number them).
    public enum Answer: Sendable, Equatable {
        case answers(PartialKeyPath<Answers> & Sendable)
        case recipient(Int, PartialKeyPath<Answers.Recipient> & Sendable)

        public static func == (lhs: Answer, rhs: Answer) -> Bool {
            switch (lhs, rhs) {
            case (.answers(let left), .answers(let right)): left == right
            case (.recipient(let leftNumber, let left), .recipient(let rightNumber, let right)):
                leftNumber == rightNumber && left == right
            default: false
            }
        }
    }

    public let answer: Answer
    /// The answer in answers-file spelling; nil when it was not given.
    public let value: String?

    public init(_ answer: Answer, _ value: String?) {
        self.answer = answer
        self.value = value
    }

    /// A choice answer: `Fact(\.route.type, .thirdParty)`.
    public init<Value: AnswerValue>(_ keyPath: KeyPath<Answers, Value?> & Sendable, _ value: Value) {
        self.init(.answers(keyPath), value.rawValue)
    }

    /// A number: `Fact(\.data.records, 50_000)`.
    public init(_ keyPath: KeyPath<Answers, Int?> & Sendable, _ value: Int) {
        self.init(.answers(keyPath), String(value))
    }

    /// An answer left out: `Fact(notGiven: \.retention.deleteBy)`.
    public init(notGiven keyPath: PartialKeyPath<Answers> & Sendable) {
        self.init(.answers(keyPath), nil)
    }

    /// One recipient's answer: `Fact(recipient, \.clearance, .bpss)`.
    public init<Value: AnswerValue>(
        _ recipient: CompleteAnswers.Recipient, _ keyPath: KeyPath<Answers.Recipient, Value?> & Sendable,
        _ value: Value
    ) {
        self.init(.recipient(recipient.number, keyPath), value.rawValue)
    }

    /// The answer as the JSON result cites it: its key in the answers file and its spelling there
    /// ("not given" when left out), a recipient's by number ("recipient 2 mailbox: shared").
    public var cited: String {
        let shown = value ?? Self.notGiven
        switch answer {
        case .answers(let keyPath):
            return "\(AnswerSchema.field(at: keyPath)?.path ?? String(describing: keyPath)): \(shown)"
        case .recipient(let number, let keyPath):
            return
                "recipient \(number) \(AnswerSchema.recipientField(at: keyPath)?.key ?? String(describing: keyPath)): \(shown)"
        }
    }

    /// The answer's name as people read it: the schema's label ("Route"), and for a recipient's
    /// answer the recipient's number ("Recipient 2 mailbox").
    public var label: String {
        switch answer {
        case .answers(let keyPath):
            AnswerSchema.field(at: keyPath)?.label ?? String(describing: keyPath)
        case .recipient(let number, let keyPath):
            "Recipient \(number) " + (AnswerSchema.recipientField(at: keyPath)?.label.inSentence ?? "")
        }
    }

    /// The value as people read it: an option's label ("third party", "OFFICIAL-SENSITIVE"), a
    /// number with its thousands separated ("50,000"), "not given".
    public var valueInWords: String {
        guard let value else { return Self.notGiven }
        let shown: String? =
            switch answer {
            case .answers(let keyPath): AnswerSchema.field(at: keyPath)?.display(value)
            case .recipient(_, let keyPath): AnswerSchema.recipientField(at: keyPath)?.display(value)
            }
        return (shown ?? value).inSentence
    }

    /// Facts as one line people read: "Route: third party; number of records or people: 50,000".
    public static func inWords(_ facts: [Fact]) -> String {
        facts.enumerated().map { index, fact in
            (index == 0 ? fact.label : fact.label.inSentence) + ": " + fact.valueInWords
        }.joined(separator: "; ")
    }

    static let notGiven = "not given"
}
