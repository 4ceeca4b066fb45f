import Foundation

/// The register's clock: when an event is written, and the desk's local day. Always the
/// computer's in use; `SOURCE_DATE_EPOCH` fixes a document's "produced" time and never this, so
/// no setting moves the register's history. Tests fix it through `fixed`.
public struct RegisterClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = RegisterClock { Date() }

    public static func fixed(_ date: Date) -> RegisterClock { RegisterClock { date } }

    /// `2026-12-06T14:30:00Z`.
    public var timestamp: String { SealManifest.timestamp(now()) }

    /// The local calendar day (`2026-12-06`): a UK desk at 00:30 in summer is on the next day
    /// already, while UTC is not.
    public var today: String { Moments.localDay(secondsSince1970: Int64(now().timeIntervalSince1970.rounded(.down))) }
}

/// A value worked out once, the first time it is asked for, from any thread.
final class Lazily<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let make: @Sendable () -> Value
    private var made: Value?

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}
