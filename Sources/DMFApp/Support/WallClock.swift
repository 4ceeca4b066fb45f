import DMFPolicy
import Foundation

/// Where the time comes from. The program gives one to the sessions, commands and screens that
/// stamp a time on what they write; tests give a fixed one, so no test changes the process
/// environment to fix the time.
public struct WallClock: Sendable {
    public let now: @Sendable () -> Date
    /// Why `SOURCE_DATE_EPOCH` was set but not used, or nil when it was unset or used. The
    /// convention asks tools to fail on anything but whole seconds since 1970, so `fill` refuses
    /// to run with it; the interactive wizard carries on with the computer's time.
    public let sourceDateEpochProblem: String?

    public init(now: @escaping @Sendable () -> Date) {
        self.init(now: now, sourceDateEpochProblem: nil)
    }

    private init(now: @escaping @Sendable () -> Date, sourceDateEpochProblem: String?) {
        self.now = now
        self.sourceDateEpochProblem = sourceDateEpochProblem
    }

    /// The computer's clock.
    public static let system = WallClock { Date() }

    /// Always `date`.
    public static func fixed(_ date: Date) -> WallClock { WallClock { date } }

    /// The clock for outputs: the time `SOURCE_DATE_EPOCH` (the reproducible-builds convention)
    /// fixes, so golden files and scripted runs produce identical documents, else the computer's.
    /// A value such as `nan` or `1e20` is not used (it stamped a year like -4713 and a reference
    /// that breaks its pattern); `sourceDateEpochProblem` says why.
    public static func honouring(sourceDateEpoch value: String?) -> WallClock {
        guard let value else { return .system }
        guard !value.isEmpty, value.allSatisfy(\.isASCII), let epoch = Int64(value), (0...latestEpoch).contains(epoch)
        else {
            let problem =
                """
                SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 (0 to \(latestEpoch)), not \
                '\(Sanitizer.visible(value))'
                """
            return WallClock(now: { Date() }, sourceDateEpochProblem: problem)
        }
        return .fixed(Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    /// The latest time a four-digit year can show: 9999-12-31T23:59:59Z.
    static let latestEpoch: Int64 = 253_402_300_799

    /// The time now as stamped on outputs: `2026-11-29T02:14:10Z`.
    public var timestamp: String { Self.iso8601(now()) }

    /// The local calendar day now, for the delete-by date check. The offset from UTC comes from
    /// the C library (`localtime_r`): Foundation's `TimeZone` would load ICU's time-zone data,
    /// megabytes of memory for one number.
    public func today() -> IsoDate? {
        var seconds = time_t(now().timeIntervalSince1970)
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return IsoDate(secondsSince1970: Int64(seconds)) }
        return IsoDate(secondsSince1970: Int64(seconds), utcOffset: Int(local.tm_gmtoff))
    }

    /// `2026-11-29T02:14:10Z`. From the C library (`gmtime_r`): a Foundation `Calendar` and
    /// `String(format:)` took a quarter of the time recording an assessment took.
    public static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var utc = tm()
        _ = gmtime_r(&seconds, &utc)
        func padded(_ number: Int32, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(utc.tm_year + 1900, 4) + "-" + padded(utc.tm_mon + 1, 2) + "-" + padded(utc.tm_mday, 2) + "T"
            + padded(utc.tm_hour, 2) + ":" + padded(utc.tm_min, 2) + ":" + padded(utc.tm_sec, 2) + "Z"
    }
}
