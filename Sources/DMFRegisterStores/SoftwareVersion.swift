/// A dmf-wizard release, `MAJOR.MINOR.PATCH`, compared number by number (0.10.0 is after 0.9.0).
/// The register keeps the oldest release that may write to it, and each program says which
/// release it is when it opens the register (`RegisterSetting.software`).
public struct SoftwareVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    private let parts: [Int]

    public init(_ major: Int, _ minor: Int, _ patch: Int) { parts = [major, minor, patch] }

    /// Reads `0.3.0`: three numbers in decimal, nothing else.
    public init?(_ text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 3 else { return nil }
        var parts: [Int] = []
        for piece in pieces {
            guard !piece.isEmpty, piece.count <= 9, piece.allSatisfy({ $0.isASCII && $0.isNumber }),
                let number = Int(piece)
            else { return nil }
            parts.append(number)
        }
        self.parts = parts
    }

    public var description: String { parts.map(String.init).joined(separator: ".") }

    public static func < (lhs: SoftwareVersion, rhs: SoftwareVersion) -> Bool {
        lhs.parts.lexicographicallyPrecedes(rhs.parts)
    }

    /// The newest "oldest writer" this program's own migrations set. A program that has those
    /// migrations is at least that release, so one that does not say which it is counts as this.
    public static var newestKnownWriter: SoftwareVersion {
        StoreSchema.oldestWriter(atVersion: StoreSchema.migrations.count) ?? SoftwareVersion(0, 1, 0)
    }
}
