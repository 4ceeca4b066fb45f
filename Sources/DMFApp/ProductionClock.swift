import DMFPolicy
import Foundation

/// The time stamped on outputs. `SOURCE_DATE_EPOCH` (the reproducible-builds convention) fixes
/// it, so golden files and scripted runs can produce identical documents.
public enum ProductionClock {
    /// The local calendar day now, for the delete-by date check. The offset from UTC comes from
    /// the C library (`localtime_r`): Foundation's `TimeZone` would load ICU's time-zone data,
    /// megabytes of memory for one number.
    public static func today(now: Date = now()) -> IsoDate? {
        var seconds = time_t(now.timeIntervalSince1970)
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return IsoDate(secondsSince1970: Int64(seconds)) }
        return IsoDate(secondsSince1970: Int64(seconds), utcOffset: Int(local.tm_gmtoff))
    }

    /// The latest time a four-digit year can show: 9999-12-31T23:59:59Z.
    static let latestEpoch: Int64 = 253_402_300_799

    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let epoch = sourceDateEpoch(environment) { return Date(timeIntervalSince1970: TimeInterval(epoch)) }
        return Date()
    }

    /// Why `SOURCE_DATE_EPOCH` cannot be used, or nil when it is unset or valid. The convention
    /// asks for whole seconds since 1970 and for tools to fail on anything else; a value such as
    /// `nan` or `1e20` used to stamp a year like -4713 and a reference that breaks its pattern.
    public static func sourceDateEpochProblem(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String?
    {
        guard let value = environment["SOURCE_DATE_EPOCH"], sourceDateEpoch(environment) == nil else { return nil }
        return
            """
            SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 (0 to \(latestEpoch)), not \
            '\(Sanitizer.visible(value))'
            """
    }

    private static func sourceDateEpoch(_ environment: [String: String]) -> Int64? {
        guard let value = environment["SOURCE_DATE_EPOCH"], !value.isEmpty, value.allSatisfy(\.isASCII),
            let epoch = Int64(value), (0...latestEpoch).contains(epoch)
        else { return nil }
        return epoch
    }

    /// `2026-11-29T02:14:10Z`.
    public static func iso8601(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
