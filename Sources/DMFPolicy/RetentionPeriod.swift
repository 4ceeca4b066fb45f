/// How long the register keeps an entry's answers and names once every copy of the information
/// it describes was deleted. The office agrees it with its Data Protection Officer; none is
/// assumed, and until one is set nothing falls due for removal.
///
/// Written as a whole number and a unit: `6y` (years), `18m` (months) or `90d` (days).
public struct RetentionPeriod: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case years = "y"
        case months = "m"
        case days = "d"
    }

    public let count: Int
    public let unit: Unit

    /// The longest period accepted: a typing slip such as `600y` is refused, not kept.
    public static let longest = 100

    public init?(count: Int, unit: Unit) {
        let limit =
            switch unit {
            case .years: Self.longest
            case .months: Self.longest * 12
            case .days: Self.longest * 366
            }
        guard count >= 1, count <= limit else { return nil }
        self.count = count
        self.unit = unit
    }

    /// Reads `6y`, `18m` or `90d` (a number from 1, no sign or spaces, then the unit in either case).
    public init?(_ text: String) {
        let trimmed = text.lowercased()
        guard let last = trimmed.last, let unit = Unit(rawValue: String(last)) else { return nil }
        let digits = trimmed.dropLast()
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            digits.first != "0", let count = Int(digits)
        else { return nil }
        self.init(count: count, unit: unit)
    }

    /// What was typed to set it, as the register keeps it: `6y`.
    public var text: String { "\(count)\(unit.rawValue)" }

    /// In words: "6 years".
    public var description: String {
        let noun =
            switch unit {
            case .years: count == 1 ? "year" : "years"
            case .months: count == 1 ? "month" : "months"
            case .days: count == 1 ? "day" : "days"
            }
        return "\(count) \(noun)"
    }

    /// The day the period ends after `day` (`2026-12-06`): the same day of the month that many
    /// years or months later (the last day of a shorter month), or that many days later.
    public func end(after day: String) -> String? {
        guard let start = IsoDate(day) else { return nil }
        switch unit {
        case .years, .months:
            let months = start.month - 1 + (unit == .years ? 12 * count : count)
            let year = start.year + months / 12
            let month = months % 12 + 1
            guard year <= 9999 else { return nil }
            let last = IsoDate.days(inMonth: month, year: year)
            return IsoDate(year: year, month: month, day: min(start.day, last))?.iso
        case .days:
            guard let seconds = start.secondsSince1970 else { return nil }
            return IsoDate(secondsSince1970: seconds + Int64(count) * 86_400)?.iso
        }
    }
}

extension IsoDate {
    /// Midnight UTC at the start of the day, in seconds since 1970 (days from the civil date).
    var secondsSince1970: Int64? {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int64(era * 146_097 + dayOfEra - 719_468) * 86_400
    }
}
