/// A calendar date, checked for real months and days (leap years included).
///
/// Stored and written one way, `YYYY-MM-DD` (`iso`), so every form prints dates alike. People
/// may type either that or the UK order, day/month/year (`31/03/2027`, `31-03-2027`, `31/3/2027`):
/// `read(_:)` takes both and says plainly what is wrong otherwise. A two-digit year and the US
/// order (month first, `03/31/2027`) are refused, never guessed.
public struct IsoDate: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A stored date: exactly `YYYY-MM-DD`, four, two and two ASCII digits.
    public init?(_ text: String) {
        var text = text
        guard let date = text.withUTF8({ IsoDate(stored: $0) }) else { return nil }
        self = date
    }

    /// The same from bytes: a register's check reads two dates for every event it holds, and
    /// splitting a `String` into parts cost more than the rest of reading the event.
    public init?(stored bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = ASCIIDigits.number(bytes, 0..<4), let month = ASCIIDigits.number(bytes, 5..<7),
            let day = ASCIIDigits.number(bytes, 8..<10)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// A date from its numbers; nil when it does not exist (30 February, month 13, day 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= IsoDate.days(inMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The calendar day (proleptic Gregorian) of an instant given as seconds since 1970-01-01
    /// 00:00 UTC, in a zone `utcOffset` seconds ahead of UTC (3600 for British Summer Time).
    /// For callers that turn their clock's "now" into the `today` of `isBefore(today:)`; nil
    /// outside the years 0000 to 9999.
    public init?(secondsSince1970 seconds: Int64, utcOffset: Int = 0) {
        // Days from 0000-01-01 to 1970-01-01, and from 0000-01-01 to 10000-01-01.
        let daysBefore1970 = 719_528, daysInTenThousandYears = 3_652_425
        let (local, overflow) = seconds.addingReportingOverflow(Int64(utcOffset))
        guard !overflow else { return nil }
        var whole = local / 86_400
        if local % 86_400 < 0 { whole -= 1 }  // before 1970: round towards the past
        guard whole >= -Int64(daysBefore1970), whole < Int64(daysInTenThousandYears - daysBefore1970) else {
            return nil
        }
        var days = Int(whole) + daysBefore1970  // days since 0000-01-01
        var year = 0
        while days >= 146_097 {  // whole 400-year cycles
            days -= 146_097
            year += 400
        }
        while days >= (IsoDate.isLeap(year) ? 366 : 365) {
            days -= IsoDate.isLeap(year) ? 366 : 365
            year += 1
        }
        var month = 1
        while days >= IsoDate.days(inMonth: month, year: year) {
            days -= IsoDate.days(inMonth: month, year: year)
            month += 1
        }
        self.year = year
        self.month = month
        self.day = days + 1
    }

    /// `2027-03-31`: the one way dates are stored and printed.
    public var iso: String { Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2) }

    public var description: String { iso }

    /// "6/12/2026": day/month/year as UK staff write it, for short messages.
    public var short: String { "\(day)/\(month)/\(year)" }

    /// "31 March 2027", for sentences.
    public var spoken: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    /// Whether this date comes before `today`, a date the caller supplies (from its clock, or a
    /// test's fixed day), so the check never reads the clock itself. The same day is not before.
    public func isBefore(today: IsoDate) -> Bool { self < today }

    public static func < (lhs: IsoDate, rhs: IsoDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

// MARK: - Reading what people type

extension IsoDate {
    /// The two forms people may type, for messages.
    public static let acceptedForms = "day/month/year, such as 31/03/2027, or year-month-day, such as 2027-03-31"

    /// Why typed text is not a date, in plain words.
    public enum Problem: Error, Sendable, Equatable {
        /// Not shaped like a date at all ("soon", "31.03.2027", "2027/03").
        case notADate
        /// `31/03/27`: the century is a guess, so it is not made.
        case twoDigitYear
        /// `03/31/2027`: the second number cannot be a month but the first can be a day's month,
        /// so this is the US order; `day` and `month` are as meant.
        case monthFirst(day: Int, month: Int, year: Int)
        /// Month 0 or 13 and above.
        case noSuchMonth(Int)
        /// 30 February 2027, 31 April, 29 February in a year that is not a leap year, day 0.
        case noSuchDay(day: Int, month: Int, year: Int)

        /// What is wrong, as a clause that names the typed text where that helps:
        /// "30 February 2027 does not exist (February 2027 has 28 days)".
        public func explanation(typed: String) -> String {
            let quoted = "'" + Sanitizer.visible(typed) + "'"
            switch self {
            case .notADate:
                return "\(quoted) is not a date"
            case .twoDigitYear:
                return "\(quoted) has a two-digit year, which is ambiguous; write the year in full, such as 2027"
            case .monthFirst(let day, let month, let year):
                let meant = IsoDate.padded(day, 2) + "/" + IsoDate.padded(month, 2) + "/" + String(year)
                return "\(quoted) puts the month first; the day comes first, so write \(meant)"
            case .noSuchMonth(let month):
                return "\(quoted) has month \(month), but months go from 1 to 12"
            case .noSuchDay(let day, let month, let year):
                let name = IsoDate.monthNames[month - 1]
                if day < 1 { return "\(quoted) has day \(day), but days start at 1" }
                let length = IsoDate.days(inMonth: month, year: year)
                let why =
                    month == 2 && day == 29
                    ? "\(year) is not a leap year" : "\(name) \(month == 2 ? "\(year) " : "")has \(length) days"
                return "\(day) \(name) \(year) does not exist (\(why))"
            }
        }
    }

    /// Reads a date as a person types it: `2027-03-31` (month and day may have one digit) or
    /// day/month/year with `/` or `-` between (`31/03/2027`, `31-3-2027`). Surrounding spaces
    /// are ignored.
    public static func read(_ typed: String) -> Result<IsoDate, Problem> {
        let text = typed.trimmed
        guard let separator = text.first(where: { $0 == "/" || $0 == "-" }) else { return .failure(.notADate) }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        let numbers = parts.compactMap { Int($0) }
        guard parts.count == 3, parts.allSatisfy(isDigits), parts.allSatisfy({ $0.count <= 4 }), numbers.count == 3
        else {
            return .failure(.notADate)
        }
        // Year first: YYYY-MM-DD (or with slashes). Only four-digit years are read this way.
        if parts[0].count == 4 {
            guard parts[1].count <= 2, parts[2].count <= 2 else { return .failure(.notADate) }
            return checked(year: numbers[0], month: numbers[1], day: numbers[2])
        }
        guard parts[0].count <= 2, parts[1].count <= 2 else { return .failure(.notADate) }
        switch parts[2].count {
        case 4: break
        case 2:
            // `31/03/27`, or `27-03-31` read year first: either way the century would be a guess.
            return .failure(.twoDigitYear)
        default:
            return .failure(.notADate)
        }
        let (first, second, year) = (numbers[0], numbers[1], numbers[2])
        if !(1...12).contains(second), IsoDate(year: year, month: first, day: second) != nil {
            return .failure(.monthFirst(day: second, month: first, year: year))
        }
        return checked(year: year, month: second, day: first)
    }

    private static func checked(year: Int, month: Int, day: Int) -> Result<IsoDate, Problem> {
        guard (1...12).contains(month) else { return .failure(.noSuchMonth(month)) }
        guard let date = IsoDate(year: year, month: month, day: day) else {
            return .failure(.noSuchDay(day: day, month: month, year: year))
        }
        return .success(date)
    }
}

/// Numbers written in ASCII digits, read straight from bytes.
public enum ASCIIDigits {
    /// The number the digits at `range` of `bytes` spell; nil when any of them is not 0 to 9.
    public static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}
