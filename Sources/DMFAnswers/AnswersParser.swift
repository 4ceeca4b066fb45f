import DMFPolicy
import Foundation
import Yams

/// An answers file as read: the answers, where a draft left off (project keys `draft.step`,
/// `draft.pending` and `draft.formats`), and for a training case its story and debrief (project
/// key `training`).
public struct AnswersDocument: Sendable, Equatable {
    public var answers: Answers
    /// The step code the wizard was on when the draft was saved, if any.
    public var resumeStep: String?
    /// Text typed into that step's field but not yet given as its answer when the draft was
    /// saved (project key `draft.pending`). Never an answer: the form, the fingerprint and the
    /// rules do not see it; the wizard puts it back in the field.
    public var pending: String?
    /// The formats last chosen for saving the outcome (project key `draft.formats`), by name.
    /// Never an answer: the form, the fingerprint and the rules do not see it.
    public var saveFormats: [String]?
    public var training: TrainingNotes?

    public init(
        answers: Answers, resumeStep: String? = nil, pending: String? = nil, saveFormats: [String]? = nil,
        training: TrainingNotes? = nil
    ) {
        self.answers = answers
        self.resumeStep = resumeStep
        self.pending = pending
        self.saveFormats = saveFormats
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
    public static func parse(data: Data, file: String = "answers", mode: Mode = .complete) throws(AnswersFileError)
        -> AnswersDocument
    {
        func fail(_ message: String, line: Int? = nil, column: Int? = nil) -> AnswersFileError {
            AnswersFileError(
                file: file, problems: [AnswersProblem(path: "", line: line, column: column, message: message)])
        }
        guard data.count <= maxBytes else {
            throw fail("the file is larger than \(maxBytes / 1024) KiB; an answers file is a few kilobytes")
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let place = firstInvalidUTF8(in: bytes)
            throw fail(
                """
                the file is not UTF-8 text (byte 0x\(String(place.byte, radix: 16, uppercase: true)) here cannot \
                be read); save it as UTF-8 YAML or JSON
                """,
                line: place.line, column: place.column)
        }
        let root: Node?
        do {
            // Every value is read as text and typed by the schema, so YAML's own typing is not
            // wanted; the basic resolver also spares compiling its regular expressions (a third
            // of the time a `fill` takes to read its answers).
            root = try Yams.compose(yaml: JSONSurrogates.combined(text), .basic)
        } catch let error as YamlError {
            throw AnswersFileError(file: file, problems: [syntaxProblem(error, text: text)])
        } catch {
            throw fail("the file could not be read as YAML or JSON: \(error)")
        }
        // A lone `---` (or `~`) composes to a null value: as empty as no text at all.
        let isNull: Bool
        if case .scalar(let scalar)? = root, scalar.style == .plain,
            ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        {
            isNull = true
        } else {
            isNull = false
        }
        guard let root, !isNull else {
            let what =
                text.trimmed.isEmpty
                ? "the file is empty" : "the file holds no answers (only comments or an empty document)"
            throw fail("\(what); it should hold `key: value` answers, starting with `format: 1`", line: 1, column: 1)
        }
        guard case .mapping(let mapping) = root else {
            throw fail(
                "the file should be a set of `key: value` answers, starting with `format: 1`",
                line: root.mark?.line, column: root.mark?.column)
        }
        var budget = maxNodes
        var lastCounted: Node?
        guard withinBudget(root, &budget, last: &lastCounted) else {
            throw fail(
                """
                the file has more than \(maxNodes) values (aliases count each time they are used), the limit for \
                an answers file, which has a few dozen; the limit was passed here
                """,
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

    /// Turns a Yams error into a located message in plain words. libyaml's own wording
    /// ("mapping values are not allowed in this context") is never shown: each known problem is
    /// explained, pointing where the mistake most likely is (the opening quote of a quote never
    /// closed, the line that lacks a space after its colon), and anything else gets a plain
    /// general sentence at the place the parser stopped.
    static func syntaxProblem(_ error: YamlError, text: String) -> AnswersProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let explained = SyntaxExplainer(text: text).explain(
                problem: problem, context: context?.text ?? "",
                contextPlace: context.map { Place(line: $0.mark.line, column: $0.mark.column) },
                place: Place(line: mark.line, column: mark.column))
            return AnswersProblem(
                path: "", line: explained.place.line, column: explained.place.column, message: explained.message)
        case .reader(let problem, let offset, let value, _):
            let place = offset.map { location(atCharacterOffset: $0, in: text) }
            let message: String
            if problem.contains("control character") {
                let hex = String(UInt32(bitPattern: value), radix: 16, uppercase: true)
                let code = value >= 0 ? " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex))" : ""
                message =
                    """
                    this line holds an invisible control character\(code), which an answers file cannot contain; \
                    delete it
                    """
            } else {
                message = "the file holds a character that cannot be read here; save it as UTF-8 text"
            }
            return AnswersProblem(path: "", line: place?.line, column: place?.column, message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return AnswersProblem(
                path: "", line: context.mark.line, column: context.mark.column,
                message: "a key is given twice: \(duplicates.sorted().joined(separator: ", ")); give each answer once")
        default:
            return AnswersProblem(
                path: "",
                message:
                    "the file could not be read as YAML or JSON; check that it is a text file of `key: value` answers")
        }
    }

    /// A 1-based line and column, columns counting Unicode scalars as libyaml does.
    struct Place: Equatable {
        var line: Int
        var column: Int
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

/// Plain explanations of YAML syntax errors, from libyaml's problem text and the file's lines.
///
/// libyaml stops where the text stops making sense, which is often after the mistake: a value
/// with no space after its colon runs on into the next line, and the error is reported there.
/// So each explanation looks at the lines around that place to point at the likely mistake.
struct SyntaxExplainer {
    typealias Place = AnswersParser.Place

    /// The file's lines as libyaml counts them (`\n`, `\r`, `\r\n`, NEL, LS and PS each end
    /// one), as Unicode scalars, since libyaml's columns count scalars.
    let lines: [[Unicode.Scalar]]

    init(text: String) {
        var lines: [[Unicode.Scalar]] = [[]]
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n", afterCR { continue }
            switch scalar {
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": lines.append([])
            default: lines[lines.count - 1].append(scalar)
            }
        }
        self.lines = lines
    }

    // MARK: Explaining

    func explain(problem: String, context: String, contextPlace: Place?, place: Place) -> (
        place: Place, message: String
    ) {
        let here = scalar(at: place)

        // Tabs: libyaml says "found a tab character that violates indentation", or, for a tab at
        // the start of a line, "found character that cannot start any token".
        if problem.contains("tab character") || (problem.contains("cannot start any token") && here == "\t") {
            let tab = line(place.line).prefix { $0 == " " || $0 == "\t" }.firstIndex(of: "\t")
            return (
                Place(line: place.line, column: tab.map { $0 + 1 } ?? place.column),
                "this line is indented with a tab: tabs cannot indent YAML; use spaces"
            )
        }
        if problem.contains("cannot start any token"), let here {
            return (
                place,
                "a value cannot start with \(shown(here)); put the whole value in quotes, such as \"\(shown(here))…\""
            )
        }

        // Quotes.
        if context.contains("quoted scalar") {
            if problem.contains("end of stream") || problem.contains("document indicator"), let open = contextPlace {
                let quote = scalar(at: open) == "'" ? "'" : "\""
                let apostrophe = quote == "'" ? "; inside single quotes write an apostrophe as ''" : ""
                return (
                    open,
                    """
                    the quote \(quote) that starts this value is never closed; end the value with \
                    \(quote)\(apostrophe)
                    """
                )
            }
            if problem.contains("escape") || problem.contains("hexdecimal") {
                return (
                    place,
                    """
                    this backslash starts an escape that YAML does not know; inside double quotes write a \
                    backslash as \\\\, or put the value in single quotes
                    """
                )
            }
        }

        // Brackets and braces: [lists] and {groups} written on one line, as in JSON.
        if problem.contains("did not find expected ',' or"), let open = contextPlace {
            let isList = problem.hasSuffix("']'")
            let (opener, closer) = isList ? ("[", "]") : ("{", "}")
            if !hasMatchingCloser(from: open) {
                return (
                    open,
                    isList
                        ? "the list opened with [ here is never closed; add ] after its last item"
                        : "the group opened with { here is never closed; add } after its last entry"
                )
            }
            let what = isList ? "items" : "entries, or a colon between a key and its value"
            return (
                place,
                """
                a comma or \(closer) was expected here, inside the \(opener) opened at line \(open.line), column \
                \(open.column); a comma may be missing between two \(what)
                """
            )
        }
        if problem.contains("expected node content"), context.contains("flow") {
            return (place, "a value is missing here, inside [ ] or { }; check for a comma or a bracket too many")
        }

        // A colon where no key can start: a missing space after a colon on the line above
        // (`kind:share` runs on into the next line), `: ` inside a value, or a key indented too far.
        if problem.contains("mapping values are not allowed") {
            if let previous = previousContentLine(before: place.line),
                contentIndent(previous) == contentIndent(place.line),
                !isKeyLine(previous)
            {
                return runOnLine(previous)
            }
            if let keyColon = keyColon(in: place.line), keyColon < place.column {
                return (
                    place,
                    """
                    this value contains ': ', which YAML reads as the start of another key; put the whole value \
                    in quotes
                    """
                )
            }
            if let previous = previousContentLine(before: place.line),
                contentIndent(place.line) > contentIndent(previous)
            {
                return (
                    Place(line: place.line, column: contentIndent(place.line) + 1),
                    "this key is indented further than the line above it; keys of one group start in the same column"
                )
            }
            return (
                place,
                """
                a colon here starts a key where none can start; check this line's indentation, or put the value \
                in quotes if it contains ': '
                """
            )
        }
        if problem.contains("could not find expected ':'"), let start = contextPlace {
            return runOnLine(start.line)
        }

        // Keys and list items out of line.
        if problem.contains("did not find expected key") || problem.contains("expected <document start>") {
            if here == "-" {
                return (
                    place,
                    """
                    a list item (a line starting with -) is here, where a `key: value` answer was expected; \
                    remove the -, or indent the list under its key
                    """
                )
            }
            if place.column == indent(place.line) + 1 {
                return (
                    place,
                    "this line does not line up with the keys above it; keys of one group start in the same column"
                )
            }
            if let before = line(place.line).prefix(place.column - 1).last(where: { $0 != " " }),
                before == "\"" || before == "'"
            {
                return (
                    place,
                    """
                    there is more text after the closing quote here; put the whole value in quotes (inside single \
                    quotes, write an apostrophe as '')
                    """
                )
            }
        }
        if problem.contains("expected '-' indicator") {
            return (
                place,
                """
                this line is not part of the list above it; indent it to line up with the first key after the \
                dash, or start a new item with a dash
                """
            )
        }
        if problem.contains("block sequence entries are not allowed") {
            return (
                place,
                """
                a list item (-) cannot start here, after a key on the same line; put each item on its own line \
                below the key, indented
                """
            )
        }
        if problem.contains("expected node content") || problem.contains("expected comment or line break"),
            !context.contains("block scalar")
        {
            if let here, "]},".unicodeScalars.contains(here) {
                return (place, "a value cannot start with \(shown(here)); put the whole value in quotes")
            }
            return (
                place,
                """
                there is more on this line than one value; put the whole value in quotes, or start a comment with \
                a space then #
                """
            )
        }

        // YAML features an answers file does not use.
        if problem.contains("undefined alias") {
            return (
                place,
                """
                a value starting with * is read as a reference to an anchor (&name) that is not defined; put the \
                value in quotes
                """
            )
        }
        if context.contains("anchor") || context.contains("alias") {
            return (place, "a value starting with & or * must be in quotes here")
        }
        if (context.contains("tag") && !context.contains("directive")) || problem.contains("tag handle") {
            return (
                place,
                """
                a value starting with ! is read as a YAML type tag, which answers files do not use; put the value \
                in quotes
                """
            )
        }
        if context.contains("directive") || problem.contains("directive")
            || problem.contains("incompatible YAML document")
        {
            return (
                Place(line: place.line, column: 1),
                "a line starting with % is a YAML directive, which answers files do not use; delete the line"
            )
        }
        if problem.contains("another document") {
            return (place, "a second document starts here (after a --- line); an answers file holds one set of answers")
        }
        if context.contains("block scalar"), let start = contextPlace {
            return (
                start,
                """
                the text block that starts with | or > here is not written correctly; end the line with | or > \
                alone and indent the text on the lines below
                """
            )
        }
        if problem.contains("nesting level") {
            return (
                place, "lists and groups are nested too deeply here; an answers file needs only two or three levels"
            )
        }
        return (place, "the file's layout cannot be read here; check the indentation and quotes on this line")
    }

    /// Why a line that is not a `key: value` line ran on into the next one: a missing space
    /// after its colon, or no colon at all.
    private func runOnLine(_ number: Int) -> (place: Place, message: String) {
        let code = self.code(number)
        if let colon = colonWithoutSpace(number) {
            let key = String(String.UnicodeScalarView(code[contentIndent(number)..<colon]))
            let value = String(String.UnicodeScalarView(code[(colon + 1)...]))
            let example =
                key.count + value.count <= 60 ? " (`\(Sanitizer.visible(key)): \(Sanitizer.visible(value))`)" : ""
            return (
                Place(line: number, column: colon + 1),
                "a space is missing after this colon\(example); write each answer as `key: value`"
            )
        }
        return (
            Place(line: number, column: contentIndent(number) + 1),
            "this line has no colon between a key and its value; write each answer as `key: value`"
        )
    }

    // MARK: Reading lines

    private func line(_ number: Int) -> [Unicode.Scalar] {
        number >= 1 && number <= lines.count ? lines[number - 1] : []
    }

    private func scalar(at place: Place) -> Unicode.Scalar? {
        let text = line(place.line)
        return place.column >= 1 && place.column <= text.count ? text[place.column - 1] : nil
    }

    private func indent(_ number: Int) -> Int { line(number).prefix { $0 == " " }.count }

    /// Where the line's content starts, after its indentation and any list dashes (`  - name: a`
    /// starts at 4), as a 0-based column.
    private func contentIndent(_ number: Int) -> Int {
        let text = line(number)
        var start = indent(number)
        while start + 1 < text.count, text[start] == "-", text[start + 1] == " " {
            start += 2
            while start < text.count, text[start] == " " { start += 1 }
        }
        return start
    }

    private func shown(_ scalar: Unicode.Scalar) -> String { Sanitizer.visible(String(scalar)) }

    /// The line without its comment and trailing blanks (a `#` starts a comment at the start of
    /// a line or after a blank, outside quotes).
    private func code(_ number: Int) -> [Unicode.Scalar] {
        var quote: Unicode.Scalar?
        var previous: Unicode.Scalar = " "
        var result: [Unicode.Scalar] = []
        for scalar in line(number) {
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "#", previous == " " || previous == "\t" {
                break
            } else if scalar == "\"" || scalar == "'", "[{,: \t".unicodeScalars.contains(previous) {
                quote = scalar
            }
            result.append(scalar)
            previous = scalar
        }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }

    /// The nearest line before `number` that holds more than blanks and a comment.
    private func previousContentLine(before number: Int) -> Int? {
        var candidate = number - 1
        while candidate >= 1 {
            if !code(candidate).allSatisfy({ $0 == " " || $0 == "\t" }) { return candidate }
            candidate -= 1
        }
        return nil
    }

    /// The 1-based column of the colon that ends the line's key (`key: value` or `key:`), if any.
    private func keyColon(in number: Int) -> Int? {
        let code = self.code(number)
        var quote: Unicode.Scalar?
        var previous: Unicode.Scalar = " "
        for (index, scalar) in code.enumerated() {
            defer { previous = scalar }
            if let open = quote {
                if scalar == open { quote = nil }
                continue
            }
            if scalar == "\"" || scalar == "'", "[{,: \t".unicodeScalars.contains(previous) {
                quote = scalar
            } else if scalar == ":", index + 1 == code.count || code[index + 1] == " " || code[index + 1] == "\t" {
                return index + 1
            }
        }
        return nil
    }

    /// Whether a line is a `key: value` or `key:` line (a list item counts: `- key: value`).
    private func isKeyLine(_ number: Int) -> Bool { keyColon(in: number) != nil }

    /// The 0-based index of the colon in `key:value`, when the line is a plain key run into its
    /// value with no space.
    private func colonWithoutSpace(_ number: Int) -> Int? {
        let code = self.code(number)
        let start = contentIndent(number)
        guard start < code.count, !"\"'[{".unicodeScalars.contains(code[start]),
            let colon = code[start...].firstIndex(of: ":"), colon > start, colon + 1 < code.count,
            code[colon + 1] != " ", code[colon + 1] != "\t",
            !code[start..<colon].contains(" ")
        else { return nil }
        return colon
    }

    /// Whether the `[` or `{` at `open` is closed later in the file by its own `]` or `}`
    /// (quotes and comments skipped; a `}` where a `]` is due means it never is).
    private func hasMatchingCloser(from open: Place) -> Bool {
        var expected: [Unicode.Scalar] = []
        var quote: Unicode.Scalar?
        var previous: Unicode.Scalar = " "
        var number = open.line
        var column = open.column - 1
        while number <= lines.count {
            let text = line(number)
            while column < text.count {
                let scalar = text[column]
                column += 1
                defer { previous = scalar }
                if let open = quote {
                    if scalar == "\\", open == "\"" {
                        column += 1
                    } else if scalar == open {
                        quote = nil
                    }
                    continue
                }
                switch scalar {
                case "\"" where "[{,: ".unicodeScalars.contains(previous),
                    "'" where "[{,: ".unicodeScalars.contains(previous):
                    quote = scalar
                case "#" where previous == " " || previous == "\t": column = text.count
                case "[": expected.append("]")
                case "{": expected.append("}")
                case "]", "}":
                    guard expected.popLast() == scalar else { return false }
                    if expected.isEmpty { return true }
                default: break
                }
            }
            number += 1
            column = 0
            previous = " "
        }
        return false
    }
}
