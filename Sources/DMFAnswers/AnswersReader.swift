import DMFPolicy
import Yams

/// Walks a composed YAML tree into `Answers`, collecting every problem with its location.
///
/// A hand-written walk rather than `Codable`: decoding stops at the first error and loses line
/// numbers for wrong values, while people fixing a file want every problem, each with its line.
struct AnswersReader {
    let file: String
    private(set) var problems: [AnswersProblem] = []
    /// Where each mapping was seen, so a missing key can point at its parent.
    private var marks: [String: Mark] = [:]
    /// Where each known key was written (`data`, `recipients`), so problems about a whole section
    /// point at its key's line rather than at the section's first entry.
    private var keyMarks: [String: Mark] = [:]

    init(file: String) { self.file = file }

    // MARK: - The schema

    /// The answers' keys come from `AnswerSchema`; `format`, `draft` and `training` are the
    /// file's own (its version, where a draft stopped, a training case's notes).
    static let rootKeys = ["format"] + AnswerSchema.topLevelKeys + ["draft", "training"]
    static let sectionKeys: [String: [String]] = {
        var keys = Dictionary(uniqueKeysWithValues: AnswerSchema.sections.map { ($0.name, $0.keys) })
        keys["draft"] = ["step", "pending", "saved_at", "formats"]
        keys["training"] = ["title", "story", "debrief", "expected_verdict", "key_actions"]
        return keys
    }()
    /// Allowed values by key path (recipients' keys under `recipients[]`), for "missing" messages.
    static let allowedValues: [String: String] = {
        let choices =
            AnswerSchema.fields.map { ($0.path, $0.type, $0.required) }
            + AnswerSchema.recipient.map { ($0.path, $0.type, $0.required) }
        var allowed: [String: String] = [:]
        for (path, type, required) in choices where !type.values.isEmpty {
            // What else would do instead ("or give data.records"), as the schema says.
            allowed[path] = type.values.joined(separator: ", ") + (required.alternative.map { " (\($0))" } ?? "")
        }
        return allowed
    }()

    // MARK: - Reading

    mutating func read(root: Node.Mapping, mode: AnswersParser.Mode) -> AnswersDocument? {
        marks[""] = root.mark
        var answers = Answers()
        var resumeStep: String?
        var pending: String?
        var saveFormats: [String]?
        let top = section(root, path: "", keys: Self.rootKeys)

        if let node = top["format"] {
            if let text = scalar(node, path: "format"), text != "1" {
                report("format", node, "only format 1 is understood; this file says format \(Sanitizer.visible(text))")
            }
        }
        for topKey in AnswerSchema.topLevelKeys {
            if topKey == "recipients" {
                if let node = top["recipients"] { answers.recipients = recipients(node) }
                continue
            }
            let fields = AnswerSchema.fields(under: topKey)
            if fields.count == 1, fields[0].section.isEmpty {
                fields[0].set(value(top[topKey], fields[0].path, fields[0].type), in: &answers)
            } else if let map = mapping(top[topKey], path: topKey) {
                // Only answers given are set: setting even an empty helpdesk detail would mark
                // the form as completed by the helpdesk.
                for field in fields {
                    guard let given = value(map[field.key], field.path, field.type) else { continue }
                    field.set(given, in: &answers)
                }
            }
        }
        if let map = mapping(top["draft"], path: "draft") {
            resumeStep = text(map["step"], "draft.step")
            pending = text(map["pending"], "draft.pending")
            _ = text(map["saved_at"], "draft.saved_at")
            saveFormats = map["formats"].flatMap { texts($0, "draft.formats") }
        }

        var training: TrainingNotes?
        if let map = mapping(top["training"], path: "training") {
            training = trainingNotes(map)
        }

        if mode == .complete, problems.isEmpty {
            checkComplete(answers)
        }
        guard problems.isEmpty else { return nil }
        return AnswersDocument(
            answers: answers, resumeStep: resumeStep, pending: pending, saveFormats: saveFormats, training: training)
    }

    /// Reports every required answer that is missing, pointing at the section that should hold it.
    /// (A `third_party` group on another route is accepted, as the contract's own example has one;
    /// the form prints it as not applicable. Likewise a recipient's `mailbox` with a method that
    /// delivers to no mailbox is accepted and ignored: `missingFields` asks for it only when the
    /// method is email, secure email or not sure, the rules never read it otherwise, and the form
    /// prints it as not asked.)
    private mutating func checkComplete(_ answers: Answers) {
        for path in answers.missingFields {
            if path == "recipients" {
                let mark = keyMarks["recipients"] ?? marks[""]
                problems.append(
                    AnswersProblem(
                        path: path, line: mark?.line, column: mark?.column,
                        message:
                            """
                            at least one recipient is needed, each with name, authorised and clearance, and a \
                            mailbox when the method is email, secure-email or not-sure (rule recipients-listed)
                            """
                    ))
                continue
            }
            let parent = path.split(separator: ".").dropLast().joined(separator: ".")
            let mark = marks[parent] ?? marks[""]
            let schemaPath = path.replacing(/\[\d+\]/, with: "[]")
            let allowed = Self.allowedValues[schemaPath].map { "; use one of: \($0)" } ?? ""
            problems.append(
                AnswersProblem(
                    path: path, line: mark?.line, column: mark?.column, message: "this answer is required\(allowed)"))
        }
    }

    /// A training case's notes: title, story, debrief and expected verdict are required.
    private mutating func trainingNotes(_ map: [String: Node]) -> TrainingNotes? {
        let title = text(map["title"], "training.title")
        let story = text(map["story"], "training.story")
        let debrief = text(map["debrief"], "training.debrief")
        let verdict: Verdict? = choiceOf(map["expected_verdict"], "training.expected_verdict")
        var actions: [RuleID] = []
        if let node = map["key_actions"] {
            if case .sequence(let list) = node {
                for (index, item) in list.enumerated() {
                    if let rule: RuleID = choiceOf(item, "training.key_actions[\(index)]") { actions.append(rule) }
                }
            } else if !isNull(node) {
                report(
                    "training.key_actions", node,
                    "expected a list of rule ids, such as [third-party-nda, personal-data]")
            }
        }
        for (key, value) in [("title", title), ("story", story), ("debrief", debrief)] where value == nil {
            problems.append(
                AnswersProblem(
                    path: "training.\(key)", line: marks["training"]?.line, column: marks["training"]?.column,
                    message: "a training case needs a \(key)"))
        }
        if verdict == nil, map["expected_verdict"] == nil {
            problems.append(
                AnswersProblem(
                    path: "training.expected_verdict", line: marks["training"]?.line, column: marks["training"]?.column,
                    message:
                        "a training case needs its verdict; use one of: "
                        + Verdict.allCases.map(\.rawValue).joined(separator: ", ")
                ))
        }
        guard let title, let story, let debrief, let verdict else { return nil }
        return TrainingNotes(
            title: title, story: story, debrief: debrief, expectedVerdict: verdict, keyActions: actions)
    }

    private mutating func recipients(_ node: Node) -> [Answers.Recipient] {
        guard case .sequence(let list) = node else {
            if !isNull(node) {
                report("recipients", node, "expected a list of recipients, each starting with `- name:`")
            }
            return []
        }
        marks["recipients"] = node.mark
        var result: [Answers.Recipient] = []
        for (index, item) in list.enumerated() {
            let path = "recipients[\(index)]"
            guard case .mapping(let itemMap) = item else {
                report(
                    path, item,
                    "expected a recipient with keys: \(Self.sectionKeys["recipients[]"]!.joined(separator: ", "))")
                continue
            }
            marks[path] = item.mark
            let map = section(itemMap, path: path, keys: Self.sectionKeys["recipients[]"]!)
            var recipient = Answers.Recipient()
            for field in AnswerSchema.recipient {
                field.set(value(map[field.key], "\(path).\(field.key)", field.type), in: &recipient)
            }
            result.append(recipient)
        }
        return result
    }

    // MARK: - Typed values

    /// A mapping's entries by key, reporting unknown keys (with a suggestion) and non-text keys.
    private mutating func section(_ map: Node.Mapping, path: String, keys: [String]) -> [String: Node] {
        var entries: [String: Node] = [:]
        for (keyNode, value) in map {
            guard case .scalar(let key) = keyNode else {
                report(path, keyNode, "keys must be plain words such as \(keys.prefix(3).joined(separator: ", "))")
                continue
            }
            let fullPath = path.isEmpty ? key.string : "\(path).\(key.string)"
            guard keys.contains(key.string) else {
                let hint = Suggestion.closest(to: key.string, in: keys).map { "did you mean '\($0)'? " } ?? ""
                report(fullPath, keyNode, "unknown key; \(hint)allowed keys here: \(keys.joined(separator: ", "))")
                continue
            }
            entries[key.string] = value
            keyMarks[fullPath] = keyNode.mark
        }
        return entries
    }

    private mutating func mapping(_ node: Node?, path: String) -> [String: Node]? {
        guard let node, !isNull(node) else { return nil }
        guard case .mapping(let map) = node else {
            report(path, node, "expected a group of answers (keys: \(Self.sectionKeys[path]!.joined(separator: ", ")))")
            return nil
        }
        marks[path] = keyMarks[path] ?? node.mark
        return section(map, path: path, keys: Self.sectionKeys[path]!)
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The text of a scalar; nil (reported) for lists and groups, nil (silent) for null.
    private mutating func scalar(_ node: Node, path: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(path, node, "expected a single value, not a list or a group")
            return nil
        }
        return isNull(node) ? nil : scalar.string
    }

    private mutating func text(_ node: Node?, _ path: String) -> String? {
        guard let node, let value = scalar(node, path: path) else { return nil }
        return value.isEmpty ? nil : value
    }

    /// A list of words (`[markdown, pdf]`); nil, reported, when it is something else.
    private mutating func texts(_ node: Node, _ path: String) -> [String]? {
        guard case .sequence(let list) = node else {
            report(path, node, "expected a list, such as [markdown, html]")
            return nil
        }
        var words: [String] = []
        for (index, item) in list.enumerated() {
            guard let word = text(item, "\(path)[\(index)]") else { return nil }
            words.append(word)
        }
        return words
    }

    /// The answer at `path` as its type reads it (nil, reported, when it is not valid).
    private mutating func value(_ node: Node?, _ path: String, _ type: FieldType) -> String? {
        switch type {
        case .choice(let options): choice(node, path, spellings: options.map(\.value))
        case .text, .paragraph: text(node, path)
        case .email: email(node, path)
        case .date: date(node, path)
        case .count: count(node, path).map(String.init)
        }
    }

    /// Any closed set of spellings given as a type (verdicts, rule ids).
    private mutating func choiceOf<Value: RawRepresentable & CaseIterable>(_ node: Node?, _ path: String) -> Value?
    where Value.RawValue == String {
        choice(node, path, spellings: Value.allCases.map(\.rawValue)).flatMap(Value.init(rawValue:))
    }

    /// One of `spellings`, matched whatever its case and spacing; the canonical spelling is kept.
    private mutating func choice(_ node: Node?, _ path: String, spellings: [String]) -> String? {
        let allowed = spellings.joined(separator: ", ")
        guard let node else { return nil }
        guard case .scalar = node else {
            report(path, node, "expected a single value, not a list or a group; use one of: \(allowed)")
            return nil
        }
        guard let value = scalar(node, path: path) else { return nil }
        // Case, surrounding spaces and a space or underscore for the hyphen do not matter
        // (`OFFICIAL-SENSITIVE`, `Yes`, `not sure`); the canonical spelling is what is stored.
        let key = TextChecks.choiceKey(value)
        if spellings.contains(key) { return key }
        let hint: String
        if spellings.contains("yes"), spellings.contains("no"), let word = Self.yesNoLookalikes[key] {
            // YAML 1.1 booleans and their short forms: the file says the answer in words.
            hint = "write \(word) in words (true/false, on/off and y/n are not accepted); "
        } else if !key.isEmpty, !key.contains(where: \.isNewline), let near = Suggestion.closest(to: key, in: spellings)
        {
            hint = "did you mean '\(near)'? "
        } else {
            hint = ""
        }
        report(path, node, "'\(Sanitizer.visible(value))' is not allowed; \(hint)use one of: \(allowed)")
        return nil
    }

    /// Words that mean yes or no elsewhere (YAML 1.1, JSON, forms) but are not answers here.
    private static let yesNoLookalikes: [String: String] = [
        "true": "yes", "false": "no", "on": "yes", "off": "no", "y": "yes", "n": "no",
    ]

    private mutating func count(_ node: Node?, _ path: String) -> Int? {
        guard let node, let value = scalar(node, path: path) else { return nil }
        guard !value.isEmpty, value.count <= 12, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber),
            let number = Int(value)
        else {
            report(
                path, node,
                "'\(Sanitizer.visible(value))' is not a whole number; write the number of records, such as 4200")
            return nil
        }
        return number
    }

    private mutating func date(_ node: Node?, _ path: String) -> String? {
        guard let node, let value = scalar(node, path: path) else { return nil }
        // Either form people write (2027-03-31 or 31/03/2027) is stored as 2027-03-31, so every
        // form prints dates one way.
        switch IsoDate.read(value) {
        case .success(let date):
            return date.iso
        case .failure(let problem):
            report(path, node, "\(problem.explanation(typed: value)); write dates as \(IsoDate.acceptedForms)")
            return nil
        }
    }

    private mutating func email(_ node: Node?, _ path: String) -> String? {
        guard let value = text(node, path) else { return nil }
        guard TextChecks.isEmailAddress(value) else {
            report(
                path, node!, "'\(Sanitizer.visible(value))' is not an email address, such as a.person@justice.gov.uk")
            return nil
        }
        return value
    }

    private mutating func report(_ path: String, _ node: Node, _ message: String) {
        problems.append(AnswersProblem(path: path, line: node.mark?.line, column: node.mark?.column, message: message))
    }
}
