import DMFPolicy

/// One thing wrong with an answers file, located as precisely as the parser knows.
public struct AnswersProblem: Sendable, Equatable, CustomStringConvertible {
    /// The key path, as people write it: `recipients[0].clearance`; empty for the file as a whole.
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:LINE:COLUMN: path: message`, the shape compilers use, so editors can jump to it.
    /// The file name and key path come from the person (a path as typed, a key as written in
    /// the file), so they are shown with nothing hidden and on one line, like quoted values.
    public func formatted(file: String) -> String {
        var location = Sanitizer.visible(file, limit: 400)
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(Sanitizer.visible(path)): \(message)"
    }

    public var description: String { formatted(file: "answers") }
}

/// An answers file that cannot be used, with every problem found (not just the first).
public struct AnswersFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var problems: [AnswersProblem]

    public init(file: String, problems: [AnswersProblem]) {
        self.file = file
        self.problems = problems
    }

    /// One line per problem, ready for standard error.
    public var description: String { problems.map { $0.formatted(file: file) }.joined(separator: "\n") }
}
