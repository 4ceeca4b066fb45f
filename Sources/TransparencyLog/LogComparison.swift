/// Whether a log still extends what was trusted of it before: the answer to "has anyone
/// rewritten history since this checkpoint?".
///
/// A checkpoint holds only a size and a root hash, so when the first leaves no longer give that
/// root, they alone cannot say which leaf changed. Several trusted tree heads narrow it: the
/// earliest change lies after the largest one that still matches and within the smallest that
/// does not (daily checkpoints narrow it to a day).
public enum LogComparison: Sendable, Equatable, CustomStringConvertible {
    /// Every trusted tree head is the first part of the log: nothing trusted was changed.
    case extends(trustedSize: Int, currentSize: Int, currentRoot: TreeHash)
    /// The checkpoint is another log's.
    case otherLog(trusted: String, current: String)
    /// The log holds fewer leaves than a trusted head. `matchingSize` is the largest trusted head
    /// the log still holds and matches, if any was small enough to compare.
    case shrank(trustedSize: Int, currentSize: Int, matchingSize: Int?)
    /// The first `trustedSize` leaves give another root than the trusted head of that size; the
    /// earliest change is among the leaves `earliestChange` (indices from 0).
    case differs(trustedSize: Int, earliestChange: Range<Int>)

    public var extends: Bool {
        if case .extends = self { true } else { false }
    }

    /// Compares the log's leaves, read once in order, with checkpoints trusted from before (their
    /// signatures already checked by the caller): all must name `origin`, and each must describe
    /// the log's first leaves. Stops reading at the first checkpoint that no longer matches.
    public static func compare(
        origin: String, leaves: some Sequence<LogLeaf>, trusted: [Checkpoint], hasher: MerkleHasher
    ) -> LogComparison {
        if let other = trusted.first(where: { $0.origin != origin }) {
            return .otherLog(trusted: other.origin, current: origin)
        }
        return compare(leaves: leaves, heads: trusted.map(\.head), hasher: hasher)
    }

    /// The same for tree heads without an origin (such as a position printed on a receipt).
    public static func compare(leaves: some Sequence<LogLeaf>, heads: [TreeHead], hasher: MerkleHasher)
        -> LogComparison
    {
        let heads = heads.sorted { $0.size < $1.size }
        var frontier = Frontier(hasher: hasher)
        var next = 0
        var matched = 0
        var matchedAny = false
        // Compares every head of the frontier's size; the first that differs ends the comparison.
        func checkHeads() -> LogComparison? {
            while next < heads.count, heads[next].size == frontier.size {
                guard heads[next].root == frontier.root else {
                    return .differs(trustedSize: frontier.size, earliestChange: matched..<frontier.size)
                }
                matched = frontier.size
                matchedAny = true
                next += 1
            }
            return nil
        }
        if let differs = checkHeads() { return differs }
        for leaf in leaves {
            frontier.append(leaf)
            if let differs = checkHeads() { return differs }
        }
        guard let largest = heads.last, largest.size > frontier.size else {
            return .extends(trustedSize: heads.last?.size ?? 0, currentSize: frontier.size, currentRoot: frontier.root)
        }
        return .shrank(trustedSize: largest.size, currentSize: frontier.size, matchingSize: matchedAny ? matched : nil)
    }

    public var description: String {
        switch self {
        case .extends(0, let current, _):
            return "The register extends the checkpoint, which records no events: "
                + "\(DecimalText.count(current, "has", "have")) been added since."
        case .extends(let trusted, let current, _):
            let added = current - trusted
            return
                "The register extends the checkpoint: "
                + (trusted == 1
                    ? "its first event is the one the checkpoint records, and "
                    : "its first \(DecimalText.grouped(trusted)) events are the ones the checkpoint records, and ")
                + (added == 0
                    ? "none has been added since." : "\(DecimalText.count(added, "has", "have")) been added since.")
        case .otherLog(let trusted, let current):
            return "The checkpoint is for “\(trusted)”, but this register is “\(current)”: the register was "
                + "replaced by another one, or the checkpoint belongs to a different register."
        case .shrank(let trusted, let current, let matching):
            let still =
                matching.map {
                    $0 == 0
                        ? ""
                        : " Its first \(DecimalText.count($0, "event still matches", "events still match")) an earlier checkpoint."
                } ?? ""
            return "The checkpoint records \(DecimalText.count(trusted, "event", "events")), but the register holds "
                + (current == 0
                    ? "none: every event is missing"
                    : "only \(DecimalText.grouped(current)): events after \(DecimalText.grouped(current)) are missing")
                + ": a restored backup or a rollback."
                + still
        case .differs(0, _):
            return "The checkpoint records no events, yet its root hash is not an empty register's: the "
                + "checkpoint is damaged."
        case .differs(let trusted, let earliest):
            let narrowed =
                earliest.lowerBound == 0
                ? ""
                : " (the first \(DecimalText.grouped(earliest.lowerBound)) still match an earlier checkpoint)"
            return
                "The register does not extend the checkpoint: its first \(DecimalText.count(trusted, "event gives", "events give")) "
                + "another root hash than the checkpoint records, so at least one of them was changed, removed "
                + "or replaced since, even if every hash after it was worked out again. The earliest change is "
                + "among events \(DecimalText.grouped(earliest.lowerBound + 1)) to "
                + "\(DecimalText.grouped(earliest.upperBound))\(narrowed)."
        }
    }
}
