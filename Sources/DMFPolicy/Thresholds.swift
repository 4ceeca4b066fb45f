/// Figures the rules rest on, kept here once: the questions, the help, the rules' words and the
/// answers-format page all print them from these.

/// Bulk transfers (later guidance, indicative): records about this many people or more.
public enum BulkTransfer {
    public static let threshold = 1_000

    /// "1,000".
    public static var thresholdText: String { Count.grouped(threshold) }

    /// Whether it is bulk: an explicit answer wins over the number of records (the count is only
    /// indicative), which decides when the answer is left out; nil when neither is given.
    public static func inEffect(answer: YesNoNotSure?, records: Int?) -> YesNoNotSure? {
        if let answer { return answer }
        return records.map { $0 >= threshold ? .yes : .no }
    }
}

extension Classification {
    /// The lowest clearance that may receive each level, in words (later guidance): "BPSS for
    /// OFFICIAL and OFFICIAL-SENSITIVE, SC for SECRET, DV for TOP SECRET".
    public static var minimumClearancesInWords: String {
        var byClearance: [(clearance: Clearance, levels: [String])] = []
        for level in allCases where level != .notSure {
            let minimum = level.minimumClearance
            if let index = byClearance.firstIndex(where: { $0.clearance == minimum }) {
                byClearance[index].levels.append(level.label)
            } else {
                byClearance.append((minimum, [level.label]))
            }
        }
        return byClearance.map { "\($0.clearance.label) for " + andList($0.levels) }.joined(separator: ", ")
    }
}

/// Whole numbers as people read them.
public enum Count {
    /// "50,000": thousands separated by commas, whatever the locale.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }
}

/// "a", "a and b", "a, b and c".
func andList(_ items: [String]) -> String {
    guard let last = items.last, items.count > 1 else { return items.joined() }
    return items.dropLast().joined(separator: ", ") + " and " + last
}
