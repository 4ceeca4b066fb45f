import Foundation

/// The time stamped on outputs. `SOURCE_DATE_EPOCH` (the reproducible-builds convention) fixes
/// it, so golden files and scripted runs can produce identical documents.
public enum ProductionClock {
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init) { return Date(timeIntervalSince1970: epoch) }
        return Date()
    }

    /// `2026-11-29T02:14:10Z`.
    public static func iso8601(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
