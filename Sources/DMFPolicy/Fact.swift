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
        case .answers: return "\(wording?.cited ?? name): \(shown)"
        case .recipient(let number, _): return "recipient \(number) \(wording?.cited ?? name): \(shown)"
        }
    }

    /// The answer's name as people read it: the schema's label ("Route"), and for a recipient's
    /// answer the recipient's number ("Recipient 2 mailbox").
    public var label: String {
        switch answer {
        case .answers: wording?.label ?? name
        case .recipient(let number, _): "Recipient \(number) " + (wording?.labelInSentence ?? name)
        }
    }

    /// The value as people read it: an option's label ("third party", "OFFICIAL-SENSITIVE"), a
    /// number with its thousands separated ("50,000"), "not given".
    public var valueInWords: String {
        guard let value else { return Self.notGiven }
        return wording?.inSentence(value) ?? value.inSentence
    }

    /// Facts as one line people read: "Route: third party; number of records or people: 50,000".
    public static func inWords(_ facts: [Fact]) -> String {
        var line = ""
        for (index, fact) in facts.enumerated() {
            if index > 0 { line += "; " }
            line += index == 0 ? fact.label : fact.labelInSentence
            line += ": " + fact.valueInWords
        }
        return line
    }

    /// The label as it reads after the first fact of a line.
    private var labelInSentence: String {
        switch answer {
        case .answers: wording?.labelInSentence ?? name
        case .recipient: label.inSentence
        }
    }

    private var wording: FactWording? {
        switch answer {
        case .answers(let keyPath): FactWording.answers[keyPath]
        case .recipient(_, let keyPath): FactWording.recipient[keyPath]
        }
    }

    /// The key path's own spelling, for an answer the schema does not hold (never, for a rule's).
    private var name: String {
        switch answer {
        case .answers(let keyPath): String(describing: keyPath)
        case .recipient(_, let keyPath): String(describing: keyPath)
        }
    }

    static let notGiven = "not given"
}

/// How the answer at a key path reads, worked out once from the schema: findings are printed in
/// every format, and looking the field up and lowering its words each time was most of the cost.
private struct FactWording: Sendable {
    /// The answers file's key path (`route.type`), or a recipient's key (`mailbox`).
    let cited: String
    let label: String
    let labelInSentence: String
    /// Each option's form label as it reads inside a sentence, by its answers-file spelling.
    let options: [String: String]
    let isCount: Bool

    init<Root>(_ field: SchemaField<Root>, cited: String) {
        self.cited = cited
        label = field.label
        labelInSentence = field.label.inSentence
        if case .choice(let choices) = field.type {
            options = Dictionary(choices.map { ($0.value, $0.formLabel.inSentence) }) { first, _ in first }
        } else {
            options = [:]
        }
        isCount = field.type == .count
    }

    func inSentence(_ value: String) -> String {
        if let option = options[value] { return option }
        if isCount, let number = Int(value) { return Count.grouped(number) }
        return value.inSentence
    }

    static let answers: [PartialKeyPath<Answers> & Sendable: FactWording] = Dictionary(
        AnswerSchema.fields.map { ($0.keyPath, FactWording($0, cited: $0.path)) }
    ) { first, _ in first }

    static let recipient: [PartialKeyPath<Answers.Recipient> & Sendable: FactWording] = Dictionary(
        AnswerSchema.recipient.map { ($0.keyPath, FactWording($0, cited: $0.key)) }
    ) { first, _ in first }
}
