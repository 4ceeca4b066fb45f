import DMFPolicy
import Foundation
import Yams

/// An answers file as read: the answers, where a draft left off (project key `draft.step`), and
/// for a training case its story and debrief (project key `training`).
public struct AnswersDocument: Sendable, Equatable {
    public var answers: Answers
    /// The step code the wizard was on when the draft was saved, if any.
    public var resumeStep: String?
    public var training: TrainingNotes?

    public init(answers: Answers, resumeStep: String? = nil, training: TrainingNotes? = nil) {
        self.answers = answers
        self.resumeStep = resumeStep
        self.training = training
    }
}

/// What a trainer writes around a case's answers: the story told to trainees, the verdict the
/// answers must reach, the actions that matter, and the debrief shown afterwards.
public struct TrainingNotes: Sendable, Equatable {
    public var title: String
    public var story: String
    public var debrief: String
    public var expectedVerdict: Verdict
    public var keyActions: [RuleID]

    public init(title: String, story: String, debrief: String, expectedVerdict: Verdict, keyActions: [RuleID]) {
        self.title = title
        self.story = story
        self.debrief = debrief
        self.expectedVerdict = expectedVerdict
        self.keyActions = keyActions
    }
}

/// Reads answers files (YAML or JSON, see `answers-format.md`) strictly: every unknown key, wrong
/// type, disallowed value, missing answer and bad date is reported with its key path, line and the
/// allowed values. Never crashes, whatever the bytes.
public enum AnswersParser {
    /// `complete` (for `fill`) requires every answer the rules need; `draft` (for resume) accepts gaps.
    public enum Mode: Sendable { case complete, draft }

    /// Larger files are refused before parsing: a 50 MB mapping costs ~1 GB of memory in Yams.
    public static let maxBytes = 1 << 20
    /// Node budget checked before decoding, so alias bombs ("billion laughs") cannot hang us.
    public static let maxNodes = 10_000

    /// Reads and parses the file at `path`. Only a regular file is read: a named pipe, a device
    /// or a folder is refused at once (opened without blocking, so a pipe cannot hang us).
    public static func load(path: String, mode: Mode = .complete) throws(AnswersFileError) -> AnswersDocument {
        let name = path
        func fail(_ reason: String) -> AnswersFileError {
            AnswersFileError(file: name, problems: [AnswersProblem(path: "", message: reason)])
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw fail("the file does not exist")
            case EACCES, EPERM: throw fail("the file cannot be read (check its permissions)")
            default: throw fail("the file cannot be opened: \(String(cString: strerror(errno)))")
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail("the file cannot be read: \(String(cString: strerror(errno)))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw fail("this is a folder, not an answers file")
        case S_IFIFO: throw fail("this is a named pipe, not an answers file; save the answers to a file first")
        default: throw fail("this is not a regular file (a device or a socket); give the path of an answers file")
        }
        // Read one byte past the cap so an oversized file is recognised without reading it all.
        var data = Data(count: maxBytes + 1)
        var total = 0
        while total < data.count {
            let n = data.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw fail("the file cannot be read: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            total += n
        }
        data.count = total
        return try parse(data: data, file: name, mode: mode)
    }

    /// Parses answers from bytes. `file` only names the source in messages.
    public static func parse(data: Data, file: String = "answers", mode: Mode = .complete) throws(AnswersFileError) -> AnswersDocument {
        func fail(_ message: String, line: Int? = nil, column: Int? = nil) -> AnswersFileError {
            AnswersFileError(file: file, problems: [AnswersProblem(path: "", line: line, column: column, message: message)])
        }
        guard data.count <= maxBytes else {
            throw fail("the file is larger than \(maxBytes / 1024) KiB; an answers file is a few kilobytes")
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let place = firstInvalidUTF8(in: bytes)
            throw fail("the file is not UTF-8 text (byte 0x\(String(place.byte, radix: 16, uppercase: true)) here cannot be read); save it as UTF-8 YAML or JSON",
                       line: place.line, column: place.column)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: JSONSurrogates.combined(text))
        } catch let error as YamlError {
            throw AnswersFileError(file: file, problems: [syntaxProblem(error, text: text)])
        } catch {
            throw fail("the file could not be read as YAML or JSON: \(error)")
        }
        // A lone `---` (or `~`) composes to a null value: as empty as no text at all.
        let isNull: Bool
        if case .scalar(let scalar)? = root, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            isNull = true
        } else {
            isNull = false
        }
        guard let root, !isNull else {
            let what = text.trimmed.isEmpty ? "the file is empty" : "the file holds no answers (only comments or an empty document)"
            throw fail("\(what); it should hold `key: value` answers, starting with `format: 1`", line: 1, column: 1)
        }
        guard case .mapping(let mapping) = root else {
            throw fail("the file should be a set of `key: value` answers, starting with `format: 1`",
                       line: root.mark?.line, column: root.mark?.column)
        }
        var budget = maxNodes
        var lastCounted: Node?
        guard withinBudget(root, &budget, last: &lastCounted) else {
            throw fail("the file has more than \(maxNodes) values (aliases count each time they are used), the limit for an answers file, which has a few dozen; the limit was passed here",
                       line: lastCounted?.mark?.line, column: lastCounted?.mark?.column)
        }
        var reader = AnswersReader(file: file)
        let document = reader.read(root: mapping, mode: mode)
        guard reader.problems.isEmpty, let document else {
            throw AnswersFileError(file: file, problems: reader.problems)
        }
        return document
    }

    /// Counts nodes, stopping as soon as the budget runs out (shared alias nodes count each time);
    /// `last` is the node being counted when it ran out, to say where.
    private static func withinBudget(_ node: Node, _ budget: inout Int, last: inout Node?) -> Bool {
        budget -= 1
        guard budget >= 0 else {
            last = node
            return false
        }
        switch node {
        case .scalar, .alias: return true
        case .mapping(let mapping):
            for (key, value) in mapping
            where !(withinBudget(key, &budget, last: &last) && withinBudget(value, &budget, last: &last)) {
                return false
            }
            return true
        case .sequence(let sequence):
            for item in sequence where !withinBudget(item, &budget, last: &last) { return false }
            return true
        }
    }

    /// Where the first byte that is not valid UTF-8 sits: 1-based line and column (columns count
    /// characters), and the byte itself.
    static func firstInvalidUTF8(in bytes: Data) -> (line: Int, column: Int, byte: UInt8) {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                offset = consumed
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return (line, column, 0)
            case .error:
                // The decoder consumed an unknown number of bytes; the bad one is the first after
                // the last good scalar.
                let index = bytes.index(bytes.startIndex, offsetBy: offset)
                return (line, column, bytes[index])
            }
        }
    }

    /// Turns a Yams error into a located message: YAML syntax errors name their line.
    static func syntaxProblem(_ error: YamlError, text: String) -> AnswersProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return AnswersProblem(path: "", line: mark.line, column: mark.column, message: "YAML syntax error: \(detail)")
        case .reader(let problem, let offset, _, _):
            let place = offset.map { location(atCharacterOffset: $0, in: text) }
            return AnswersProblem(path: "", line: place?.line, column: place?.column, message: "the file cannot be read: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return AnswersProblem(
                path: "", line: context.mark.line, column: context.mark.column,
                message: "a key is given twice: \(duplicates.sorted().joined(separator: ", ")); give each answer once")
        default:
            return AnswersProblem(path: "", message: "the file could not be read as YAML or JSON: \(error)")
        }
    }

    /// Line and column (1-based) of a reader error. Yams reports the offset in Characters
    /// (`String.distance`), not bytes; "\r\n" is one Character.
    private static func location(atCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" || character == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
