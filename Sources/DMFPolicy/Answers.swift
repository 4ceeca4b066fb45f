// What follows from the answers (`Answers` is declared with its schema, in AnswerSchema.swift).

// MARK: - Derived facts

extension Answers {
    /// The bulk answer, derived from the record count when the file leaves `bulk` out.
    public var effectiveBulk: YesNoNotSure? { BulkTransfer.inEffect(answer: data.bulk, records: data.records) }

    /// Whether the information carries the SENSITIVE caveat or more, for protective marking.
    /// "Not sure" and any legacy marking count as sensitive: the conservative reading.
    public var isSensitiveOrAbove: Bool { ProtectiveMarking(for: self) == .officialSensitive }

    /// Whether each recipient's mailbox is asked and required: only when the method delivers to
    /// a mailbox (`email`, `secure-email`) or is "not sure". With any other method, or none yet,
    /// a mailbox answer is not needed and, if given, ignored.
    public var asksMailbox: Bool { AnswerCondition.mailboxAsked(self) }

    /// The paths of required answers not yet given, in the order the answers file lists them
    /// (`AnswerSchema` says which answers are required when).
    public var missingFields: [String] {
        var missing: [String] = []
        for field in AnswerSchema.before where field.isRequired(self) && !field.isGiven(in: self) {
            missing.append(field.path)
        }
        if recipients.isEmpty { missing.append("recipients") }
        let recipientFields = AnswerSchema.recipient.filter { $0.isRequired(self) }
        for (index, recipient) in recipients.enumerated() {
            for field in recipientFields where !field.isGiven(in: recipient) {
                missing.append("recipients[\(index)].\(field.key)")
            }
        }
        for field in AnswerSchema.after where field.isRequired(self) && !field.isGiven(in: self) {
            missing.append(field.path)
        }
        return missing
    }

    /// The same test as `missingFields.isEmpty`, as fast as the rules need it: the generated
    /// `CompleteAnswers` reads exactly what the schema requires.
    public var isComplete: Bool { CompleteAnswers(reading: self) != nil }
}

// MARK: - Fingerprint

extension Answers {
    /// The rule set's version, then every answer in a fixed order, one `key=value` per line: a
    /// stable text to hash for references (unlike `String(describing:)`, it does not depend on
    /// how Swift prints types). The same answers assessed under other rules are another
    /// assessment, so they get another reference and another register entry.
    public func fingerprint(rulesVersion: String) -> String {
        var lines = ["rules_version=" + rulesVersion]
        func add(_ path: String, _ value: String?) { if let value { lines.append(path + "=" + value) } }
        for field in AnswerSchema.before { add(field.path, field.value(in: self)) }
        for (index, recipient) in recipients.enumerated() {
            for field in AnswerSchema.recipient { add("recipients[\(index)].\(field.key)", field.value(in: recipient)) }
        }
        for field in AnswerSchema.after { add(field.path, field.value(in: self)) }
        return lines.joined(separator: "\n")
    }

    /// The fingerprint under the rule set in force.
    public var fingerprint: String { fingerprint(rulesVersion: PolicyInfo.rulesVersion) }
}
