import Glibc

/// The times an allowed-signers file gives (`valid-after`, `valid-before`), read as OpenSSH
/// reads them, and moments written for messages.
enum Moment {
    /// Seconds since 1970 for `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, in UTC when followed
    /// by `Z` (or `UTC`), else in the local time zone.
    ///
    /// Local times are converted as OpenSSH converts them (`mktime` told that summer time is not
    /// in force), so a file judged here and by `ssh-keygen` gives the same answer, even in
    /// summer, when both read a local time an hour later than a clock would show it.
    static func parse(_ value: String, option: String) throws(SSHFormatError) -> Int64 {
        var digits = Substring(value)
        var utc = false
        if digits.count > 1, digits.last == "Z" || digits.last == "z" {
            utc = true
            digits = digits.dropLast()
        } else if digits.count > 3, digits.suffix(3).uppercased() == "UTC" {
            utc = true
            digits = digits.dropLast(3)
        }
        let wrong = SSHFormatError(
            "\(option)=\"\(value.prefix(40))\" is not a time (write YYYYMMDD or YYYYMMDDHHMM[SS], with Z for UTC)")
        guard [8, 12, 14].contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw wrong }
        let numbers = Array(digits.utf8).map { Int($0 - UInt8(ascii: "0")) }
        func number(_ start: Int, _ count: Int) -> Int { numbers[start..<start + count].reduce(0) { $0 * 10 + $1 } }
        let year = number(0, 4)
        let month = number(4, 2)
        let day = number(6, 2)
        let hour = digits.count >= 12 ? number(8, 2) : 0
        let minute = digits.count >= 12 ? number(10, 2) : 0
        let second = digits.count == 14 ? number(12, 2) : 0
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60,
            second < 60
        else {
            throw SSHFormatError("\(option)=\"\(value.prefix(40))\" is a date or time that does not exist")
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        parts.tm_isdst = 0
        let seconds = Int64(utc ? timegm(&parts) : mktime(&parts))
        // OpenSSH takes 0 to mean "not given", so it refuses the first second of 1970.
        guard seconds > 0 else { throw SSHFormatError("\(option)=\"\(value.prefix(40))\" is before 1970") }
        return seconds
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `2026-12-06 14:30:00 UTC`.
    static func utc(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return "\(seconds) seconds after 1970" }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) UTC"
    }

    /// `YYYYMMDDHHMMSSZ`: a moment as `ssh-keygen -Overify-time=` takes it.
    static func compactUTC(_ seconds: Int64) -> String {
        utc(seconds).filter { $0.isNumber } + "Z"
    }
}
