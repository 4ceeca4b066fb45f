import DMFPolicy
import DMFSignatures
import Dispatch
import Foundation
import TransparencyLog

/// One thing wrong in the register, placed as exactly as it can be.
public struct ChainProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public var reference: String?
    public var sequence: Int64?
    public var what: String

    public var description: String {
        var place: [String] = []
        if let reference { place.append("entry \(reference)") }
        // The place in the whole log: `show` numbers events within their entry, 1, 2, 3…
        if let sequence { place.append("log position \(sequence)") }
        return (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + what
    }
}

public struct ChainReport: Sendable, Equatable, Codable {
    public var entries: Int
    public var events: Int
    public var problems: [ChainProblem]
    /// Damage to the storage itself (a damaged file); when any is found, nothing else is read.
    public var damage: [String]
    /// The register had been marked damaged and is sound again, so it is written to again.
    public var recovered: Bool
    /// Signed events whose signature this desk's allowed signers trust.
    public var trustedSignatures: Int
    /// Signed events whose signature is intact but not trusted here (a key no longer listed,
    /// listed for other things, or outside its dates), each saying which key and why.
    public var untrustedSignatures: [ChainProblem]
    /// Events written since accounts were kept that could be signed (decisions, sendings,
    /// receipts) and are not.
    public var unsignedEvents: Int
    /// Why signatures could not be checked at all, when they could not.
    public var signaturesUnchecked: String?
    /// The requirement that events be signed, when the register has one.
    public var requirement: String?
    public var isIntact: Bool { problems.isEmpty && damage.isEmpty }
    /// Whether anything about signatures is worth a line: a register that never signed says nothing.
    public var mentionsSignatures: Bool { hasSigned || requirement != nil }
    /// Some event is signed, whatever was found of its signature.
    public var hasSigned = false
    /// The log's tree as rebuilt from its events, and how it compares with trusted checkpoints.
    public var tree: TreeFindings?

    public init(
        entries: Int, events: Int, problems: [ChainProblem], damage: [String] = [], recovered: Bool = false,
        trustedSignatures: Int = 0, untrustedSignatures: [ChainProblem] = [], unsignedEvents: Int = 0,
        signaturesUnchecked: String? = nil, requirement: String? = nil
    ) {
        self.entries = entries
        self.events = events
        self.problems = problems
        self.damage = damage
        self.recovered = recovered
        self.trustedSignatures = trustedSignatures
        self.untrustedSignatures = untrustedSignatures
        self.unsignedEvents = unsignedEvents
        self.signaturesUnchecked = signaturesUnchecked
        self.requirement = requirement
    }
}

/// The log's tree as `check` rebuilt it from the events, and what checkpoints said of it.
public struct TreeFindings: Sendable, Equatable, Codable {
    /// `dmf-wizard register ID`.
    public var origin: String
    public var size: Int
    /// Base64.
    public var root: String
    /// What the comparison with trusted checkpoints found, in words; nil when none was given.
    public var comparison: String?
    public var extendsCheckpoints = true
    /// How many checkpoints kept in the register (signed by keys this desk trusts) were compared too.
    public var keptCheckpointsUsed = 0

    public init(origin: String, size: Int, root: String) {
        self.origin = origin
        self.size = size
        self.root = root
    }
}

/// Walks the register once: entries first (their digests and summaries), then the log in order.
struct ChainChecker {
    let storage: any RegisterStorage
    /// The allowed signers every signature is judged by.
    var trust: SignerTrust = .nobody

    /// Rows read before they are decoded and hashed, on every core at once, while the next are read.
    var batch = 2048

    /// `transform` of each item, worked out on every core; the results in the items' order.
    static func inParallel<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @escaping @Sendable (Item) -> Result
    ) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        return [Result](unsafeUninitializedCapacity: items.count) { buffer, initialised in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                (slots.base + index).initialize(to: transform(items[index]))
            }
            initialised = items.count
        }
    }

    /// The results' memory, shared by the workers: each writes only its own slot, so no lock.
    private struct Slots<Result>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Result>
    }

    /// Reads rows with `scan` while the batch read before is decoded (`decode`, on every core),
    /// and hands each result to `merge`, in the rows' order.
    func pipeline<Value, Output: Sendable>(
        _ scan: ((@escaping StoredRow<Value>) throws -> Void) throws -> Void,
        decode: @escaping @Sendable (StoredRow<Value>) throws -> Output,
        merge: (Output) throws -> Void
    ) throws {
        try withoutActuallyEscaping(merge) { merge in
            var rows: [StoredRow<Value>] = []
            var running: Decoding<Output>?
            func launch() throws {
                let next = Decoding(rows, decode)
                rows.removeAll(keepingCapacity: true)
                try running?.forEach(merge)
                running = next
            }
            try scan { row in
                rows.append(row)
                if rows.count == batch { try launch() }
            }
            try launch()
            try running?.forEach(merge)
        }
    }

    /// One batch being decoded in the background.
    private final class Decoding<Output: Sendable>: @unchecked Sendable {
        private let done = DispatchGroup()
        /// Written by the background work, read only after `done` says it has finished.
        private var decoded: [Result<Output, any Error>] = []

        init<Value>(_ rows: [StoredRow<Value>], _ decode: @escaping @Sendable (StoredRow<Value>) throws -> Output) {
            DispatchQueue.global().async(group: done) { [self] in
                decoded = ChainChecker.inParallel(rows) { row in Result { try decode(row) } }
            }
        }

        /// Each result in turn, once all are ready; the first row that could not be read throws.
        func forEach(_ body: (Output) throws -> Void) throws {
            done.wait()
            for index in decoded.indices { try body(try decoded[index].get()) }
        }
    }

    /// Checkpoints trusted from elsewhere (a file whose signature the caller checked): the log
    /// must still extend each one. Checkpoints kept in the register are added when this desk
    /// trusts their signatures, to narrow where a change lies.
    var trustedCheckpoints: [Checkpoint] = []

    /// Entries and events are read at one moment, so a desk recording meanwhile is not taken
    /// for tampering.
    func run() throws -> ChainReport { try storage.readingOneMoment(check) }

    private func check() throws -> ChainReport {
        var problems: [ChainProblem] = []
        // The answers text is most of an entry's size: keep its digest and drop the text, so
        // checking 100,000 entries needs tens of megabytes, not hundreds. Entries stay in the
        // order they were read; `positions` finds one by reference.
        var entries: [CheckedEntry] = []
        var positions: [String: Int] = [:]
        try pipeline(storage.scanEntries) { row in
            let stored = try row()
            var entry = stored.entry
            let digest = entry.digest
            let isRedacted = entry.isRedacted
            // Hashing an entry is most of reading it: only a redacted one has another digest.
            let asRecorded = isRedacted ? entry.digestAsRecorded : digest
            let searchMatches = stored.derived["search"].map { $0 == entry.searchText } ?? true
            entry.answers = ""
            return CheckedEntry(
                entry: entry, digest: digest, digestAsRecorded: asRecorded, isRedacted: isRedacted,
                summary: stored.summary, derived: stored.derived, searchMatches: searchMatches)
        } merge: { read in
            positions[read.entry.reference] = entries.count
            entries.append(read)
        }

        var eventsByEntry = [[RegisterEvent]](repeating: [], count: entries.count)
        var leaves: [LogLeaf] = []
        // The event before, as far as the next one is checked against it.
        var previous: (sequence: Int64, hash: String) = (0, RegisterEvent.firstPreviousHash)
        var count = 0
        // Signatures are checked with the hashes, on every core, while the next rows are read.
        // A decision names the entry as recorded, so a redacted entry's is the one it had.
        let digests = Dictionary(
            entries.map { ($0.entry.reference, $0.digestAsRecorded) }, uniquingKeysWith: { first, _ in first })
        let trust = trust
        let requirement = try storage.requirement()
        var signatures = SignatureTally()
        try pipeline(storage.scanEvents) { row in
            let event = try row()
            return ReadEvent(
                event: event, expectedHash: event.expectedHash, leaf: RegisterTree.leaf(event.hash),
                finding: Self.finding(event, trust: trust, entryDigest: digests[event.reference]))
        } merge: { read in
            let event = read.event
            count += 1
            leaves.append(read.leaf)
            let expectedSequence = previous.sequence + 1
            let expectedPrevious = previous.hash
            func report(_ what: String) {
                problems.append(ChainProblem(reference: event.reference, sequence: event.sequence, what: what))
            }
            if event.sequence != expectedSequence {
                report("expected event \(expectedSequence) here: events are missing or out of order")
            }
            if event.previousHash != expectedPrevious {
                report("it does not link to the event before it: history before it was changed or removed")
            }
            if event.hash != read.expectedHash {
                report("its content does not match its hash: the \(event.kindName) event was changed")
            }
            if let unknown = event.unknownKind {
                // `check` refuses a register a newer dmf-wizard set up (the store says so),
                // so a kind it does not know was written by hand.
                report(
                    "its kind '\(Sanitizer.visible(unknown, limit: 40))' is not one dmf-wizard records: it was "
                        + "written outside dmf-wizard")
            }
            signatures.count(event, read.finding, requirement: requirement, report: report)
            if let position = positions[event.reference] {
                if event.unknownKind == nil, event.kind == .created,
                    event.entryDigest != entries[position].digestAsRecorded
                {
                    report("the entry does not match what was recorded when it was created: the entry was changed")
                }
                if event.kind == .redacted, event.entryDigest != entries[position].digest {
                    report(
                        "the entry does not match what was kept when its answers and names were removed: "
                            + "the entry was changed")
                }
                // What an entry's status and due dates follow from; its hashes are checked above.
                var kept = event
                (kept.hash, kept.previousHash, kept.entryDigest) = ("", "", nil)
                eventsByEntry[position].append(kept)
            } else {
                report("the event names an entry that is not in the register")
            }
            previous = (event.sequence, event.hash)
        }

        let summaryProblems = Self.inParallel(Array(entries.indices)) {
            [entries, eventsByEntry] position -> [ChainProblem] in
            Self.summaryProblems(entries[position], events: eventsByEntry[position])
        }
        problems += summaryProblems.joined()
        if let requirement {
            problems += Self.requirementProblems(requirement, trust: trust, eventCount: count, tally: signatures)
        }
        problems += try storage.retentions().flatMap { Self.retentionProblems($0, trust: trust, leaves: leaves) }
        problems += try storage.guardProblems().map { ChainProblem(reference: nil, sequence: nil, what: $0) }
        let tree = try treeFindings(leaves: leaves)
        problems += tree.problems
        var report = ChainReport(
            entries: entries.count, events: count, problems: problems,
            trustedSignatures: signatures.trusted, untrustedSignatures: signatures.untrusted,
            unsignedEvents: signatures.unsigned, signaturesUnchecked: signatures.unchecked,
            requirement: requirement?.shown)
        report.hasSigned = signatures.signed > 0
        report.tree = tree.findings
        return report
    }

    /// An event as read, with what is worked out from it on every core.
    struct ReadEvent: Sendable {
        var event: RegisterEvent
        var expectedHash: String
        var leaf: LogLeaf
        var finding: ProofFinding
    }

    /// An entry as `check` keeps it while reading the events.
    struct CheckedEntry: Sendable {
        var entry: RegisterEntry
        /// Its digest now, and the one it had when recorded (they differ once redacted).
        var digest: String
        var digestAsRecorded: String
        /// Its answers were removed (it says so): a redaction event must say so too.
        var isRedacted: Bool
        var summary: EntrySummary
        var derived: [String: String?]
        var searchMatches: Bool
    }

    /// Whether the summary kept beside an entry follows from its events, column by column:
    /// the status, the next due date and its kind, and the search words its fields give.
    static func summaryProblems(_ checked: CheckedEntry, events: [RegisterEvent]) -> [ChainProblem] {
        let entry = checked.entry
        func problem(_ what: String) -> ChainProblem {
            ChainProblem(reference: entry.reference, sequence: nil, what: what)
        }
        guard events.first?.kind == .created else { return [problem("it has no \"created\" event")] }
        let expected = Register.summary(of: EntryHistory(entry: entry, events: events))
        var problems: [ChainProblem] = []
        let columns: [(String, String?, String)] = [
            ("status", expected.status.rawValue, "status"),
            ("next_due", expected.nextDue?.date, "next due date"),
            ("next_due_kind", expected.nextDue?.kind.rawValue, "kind of thing next due"),
        ]
        var disagreeing: [String] = []
        for (column, value, words) in columns {
            // A store that hands no column over is compared through the summary it read.
            if let stored = checked.derived[column] {
                if stored != value { disagreeing.append(words) }
            }
        }
        if checked.derived.isEmpty, expected != checked.summary { disagreeing.append("summary") }
        if !disagreeing.isEmpty {
            problems.append(
                problem(
                    "its listed status or due date does not follow from its events: the "
                        + "\(disagreeing.joined(separator: " and ")) kept for lists "
                        + "\(disagreeing.count == 1 ? "is" : "are") not what its events give"))
        }
        if !checked.searchMatches {
            problems.append(problem("its search words do not follow from the entry (they were edited to hide it)"))
        }
        if checked.isRedacted, !events.contains(where: { $0.kind == .redacted }) {
            problems.append(problem("its answers were removed, but no redaction was recorded: the entry was changed"))
        }
        return problems
    }

    /// The tree kept beside the log (its edge and large subtrees) against the tree of the events
    /// just read, and the log against every trusted checkpoint.
    private func treeFindings(leaves: [LogLeaf]) throws -> (problems: [ChainProblem], findings: TreeFindings?) {
        let hasher: MerkleHasher
        do { hasher = try MerkleHasher() } catch { return ([], nil) }
        var problems: [ChainProblem] = []
        func report(_ what: String) { problems.append(ChainProblem(reference: nil, sequence: nil, what: what)) }
        let state = try storage.treeState()
        let kept = Dictionary(
            try storage.keptSubtrees().map { (Int($0.first)..<Int($0.first + $0.leaves), $0) },
            uniquingKeysWith: { first, _ in first })
        var frontier = Frontier(hasher: hasher)
        let keptEdge = state.edge.flatMap { try? Frontier(saved: $0, hasher: hasher) }
        if state.edge != nil, keptEdge == nil { report("the tree's kept edge cannot be read: it was changed") }
        var missingKept = 0
        var wrongKept: [KeptSubtree] = []
        for leaf in leaves {
            for subtree in frontier.appendCompleting(leaf, smallest: RegisterTree.smallestKept) {
                if let kept = kept[subtree.leaves] {
                    if kept.root != subtree.root.base64 { wrongKept.append(kept) }
                } else if subtree.leaves.upperBound <= (keptEdge?.size ?? 0) {
                    // Every large subtree within the kept edge was kept when it was completed.
                    missingKept += 1
                }
            }
            if let keptEdge, frontier.size == keptEdge.size, frontier != keptEdge {
                report(
                    "the tree's kept edge does not match events 1 to \(Count.grouped(keptEdge.size)): "
                        + "history was changed after it was kept")
            }
        }
        if let keptEdge, keptEdge.size > leaves.count {
            report(
                "the tree's kept edge records \(Count.grouped(keptEdge.size)) events, but the log holds "
                    + "\(Count.grouped(leaves.count)): events were removed")
        }
        if let first = wrongKept.min(by: { $0.first < $1.first }) {
            report(
                "the tree's kept roots do not match the events (\(wrongKept.count) of them; the first covers events "
                    + "\(Count.grouped(Int(first.first) + 1)) to \(Count.grouped(Int(first.first + first.leaves)))): "
                    + "history was changed after they were kept")
        }
        if missingKept > 0 { report("\(missingKept) of the tree's kept roots are missing: they were removed") }

        // Every checkpoint the register keeps whose signature this desk trusts narrows a change.
        var heads = trustedCheckpoints
        var keptTrusted = 0
        for kept in try storage.checkpoints() {
            guard let checkpoint = kept.checkpoint, checkpoint.origin == state.origin,
                !heads.contains(checkpoint),
                trust.judge(kept.proof, namespace: .checkpoint, at: Date()).isTrusted
            else { continue }
            heads.append(checkpoint)
            keptTrusted += 1
        }
        guard !trustedCheckpoints.isEmpty else {
            return (problems, TreeFindings(origin: state.origin, size: frontier.size, root: frontier.root.base64))
        }
        let comparison = LogComparison.compare(
            origin: state.origin, leaves: leaves, trusted: heads, hasher: hasher)
        var findings = TreeFindings(origin: state.origin, size: frontier.size, root: frontier.root.base64)
        findings.comparison = comparison.description
        findings.extendsCheckpoints = comparison.extends
        findings.keptCheckpointsUsed = keptTrusted
        if !comparison.extends { report(comparison.description) }
        return (problems, findings)
    }
    /// What an event's signature shows, worked out with its hash. Only a signed event costs a check.
    static func finding(_ event: RegisterEvent, trust: SignerTrust, entryDigest: String?) -> ProofFinding {
        guard let proof = event.proof else { return .unsigned }
        if let unknown = event.unknownKind {
            return .uncheckable("a '\(Sanitizer.visible(unknown, limit: 40))' event is not one this version knows")
        }
        guard let namespace = event.kind.signatureNamespace else {
            return .broken("a \(event.kind.rawValue) event is never signed")
        }
        if let mismatch = event.statementMismatch(entryDigest: entryDigest) { return .broken(mismatch) }
        return trust.judge(proof, namespace: namespace, at: event.signedMoment)
    }

    /// The requirement itself: its hash, its place in the chain and its signature.
    static func requirementProblems(
        _ requirement: SignatureRequirement, trust: SignerTrust, eventCount: Int, tally: SignatureTally
    ) -> [ChainProblem] {
        var problems: [ChainProblem] = []
        func report(_ what: String) { problems.append(ChainProblem(reference: nil, sequence: nil, what: what)) }
        if requirement.hash != requirement.expectedHash {
            report("the requirement that events be signed does not match its hash: it was changed")
        }
        if requirement.afterSequence > Int64(eventCount)
            || (requirement.afterSequence > 0 && tally.hashes[requirement.afterSequence] != requirement.afterHash)
        {
            report("the requirement that events be signed does not follow the event it names: history was changed")
        }
        let statementMatches =
            (try? RequirementStatement(bytes: requirement.proof.statementBytes)).map {
                $0.date == requirement.date && $0.by == requirement.by && $0.account == requirement.account
            } ?? false
        if !statementMatches { report("the requirement that events be signed is not the one signed") }
        let moment = Date(timeIntervalSince1970: TimeInterval(Moments.seconds(requirement.recordedAt) ?? 0))
        switch trust.judge(requirement.proof, namespace: .decision, at: moment) {
        case .broken(let reason): report("the requirement that events be signed: signature broken: \(reason)")
        case .trusted, .untrusted, .uncheckable, .unsigned: break
        }
        return problems
    }
}

extension ChainChecker {
    /// A retention period set: its hash, its place in the chain, and its signature where it has one.
    static func retentionProblems(_ setting: RetentionSetting, trust: SignerTrust, leaves: [LogLeaf]) -> [ChainProblem]
    {
        var problems: [ChainProblem] = []
        func report(_ what: String) { problems.append(ChainProblem(reference: nil, sequence: nil, what: what)) }
        if setting.hash != setting.expectedHash {
            report("the retention period set does not match its hash: it was changed")
        }
        let after = Int(setting.afterSequence)
        if after > leaves.count || (after > 0 && RegisterTree.leaf(setting.afterHash) != leaves[after - 1]) {
            report("the retention period set does not follow the event it names: history was changed")
        }
        if setting.period == nil {
            report("the retention period '\(setting.periodText)' cannot be read: it was changed")
        }
        if let proof = setting.proof {
            let matches =
                (try? RetentionStatement(bytes: proof.statementBytes)).map {
                    $0.period == setting.periodText && $0.by == setting.by && $0.account == setting.account
                } ?? false
            if !matches { report("the retention period set is not the one signed") }
            let moment = Date(timeIntervalSince1970: TimeInterval(Moments.seconds(setting.recordedAt) ?? 0))
            if case .broken(let reason) = trust.judge(proof, namespace: .decision, at: moment) {
                report("the retention period's signature is broken: \(reason)")
            }
        }
        return problems
    }
}

/// Signatures as `check` counts them, in the log's order.
struct SignatureTally {
    var trusted = 0
    var signed = 0
    var unsigned = 0
    var untrusted: [ChainProblem] = []
    var unchecked: String?
    /// Each event's hash by sequence, up to where the requirement (if any) says it follows.
    var hashes: [Int64: String] = [:]

    mutating func count(
        _ event: RegisterEvent, _ finding: ProofFinding, requirement: SignatureRequirement?,
        report: (String) -> Void
    ) {
        if let requirement, event.sequence == requirement.afterSequence { hashes[event.sequence] = event.hash }
        let place = ChainProblem(reference: event.reference, sequence: event.sequence, what: "")
        func note(_ what: String) -> ChainProblem {
            var problem = place
            problem.what = what
            return problem
        }
        switch finding {
        case .unsigned:
            if event.account != nil, event.kind.needsSignatureWhenRequired { unsigned += 1 }
        case .trusted:
            signed += 1
            trusted += 1
        case .untrusted(let check):
            signed += 1
            untrusted.append(note("\(event.kind.label): \(check.description)"))
        case .uncheckable(let reason):
            signed += 1
            unchecked = reason
        case .broken(let reason):
            signed += 1
            report("its signature is broken (\(reason)): the \(event.kind.rawValue) event was changed")
        }
        // Every event after the requirement says so; none before it does.
        let required = requirement.map { event.sequence > $0.afterSequence } ?? false
        if required {
            if event.signaturesRequired != requirement?.hash {
                report("it was written as if the register did not require signatures, though it does")
            } else if event.kind.needsSignatureWhenRequired, event.proof == nil {
                report("it is not signed, though the register requires signatures")
            }
        } else if event.signaturesRequired != nil {
            report(
                "it says the register requires signatures, but the register holds no such requirement: it was removed")
        }
    }
}
