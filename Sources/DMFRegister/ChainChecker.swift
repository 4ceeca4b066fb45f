import DMFPolicy
import Dispatch
import Foundation

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
    /// and hands each batch's results to `merge`, in the rows' order.
    func pipeline<Value, Output: Sendable>(
        _ scan: ((@escaping StoredRow<Value>) throws -> Void) throws -> Void,
        decode: @escaping @Sendable (StoredRow<Value>) throws -> Output,
        merge: ([Output]) throws -> Void
    ) throws {
        try withoutActuallyEscaping(merge) { merge in
            var rows: [StoredRow<Value>] = []
            var running: Decoding<Output>?
            func launch() throws {
                let next = Decoding(rows, decode)
                rows.removeAll(keepingCapacity: true)
                try running.map { try merge(try $0.results()) }
                running = next
            }
            try scan { row in
                rows.append(row)
                if rows.count == batch { try launch() }
            }
            try launch()
            try running.map { try merge(try $0.results()) }
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

        func results() throws -> [Output] {
            done.wait()
            return try decoded.map { try $0.get() }
        }
    }

    /// Entries and events are read at one moment, so a desk recording meanwhile is not taken
    /// for tampering.
    func run() throws -> ChainReport { try storage.readingOneMoment(check) }

    private func check() throws -> ChainReport {
        var problems: [ChainProblem] = []
        // The answers text is most of an entry's size: keep its digest and drop the text, so
        // checking 100,000 entries needs tens of megabytes, not hundreds. Entries stay in the
        // order they were read; `positions` finds one by reference.
        var entries: [(entry: RegisterEntry, digest: String, summary: EntrySummary)] = []
        var positions: [String: Int] = [:]
        try pipeline(storage.scanEntries) { row in
            var (entry, summary) = try row()
            let digest = entry.digest
            entry.answers = ""
            return (entry, digest, summary)
        } merge: { decoded in
            for read in decoded {
                positions[read.0.reference] = entries.count
                entries.append(read)
            }
        }

        var eventsByEntry = [[RegisterEvent]](repeating: [], count: entries.count)
        var previous: RegisterEvent?
        var count = 0
        // Signatures are checked with the hashes, on every core, while the next rows are read.
        let digests = Dictionary(
            entries.map { ($0.entry.reference, $0.digest) }, uniquingKeysWith: { first, _ in first })
        let trust = trust
        let requirement = try storage.requirement()
        var signatures = SignatureTally()
        try pipeline(storage.scanEvents) { row in
            let event = try row()
            return (event, event.expectedHash, Self.finding(event, trust: trust, entryDigest: digests[event.reference]))
        } merge: { decoded in
            for (event, expectedHash, finding) in decoded {
                count += 1
                let expectedSequence = (previous?.sequence ?? 0) + 1
                let expectedPrevious = previous?.hash ?? RegisterEvent.firstPreviousHash
                func report(_ what: String) {
                    problems.append(ChainProblem(reference: event.reference, sequence: event.sequence, what: what))
                }
                if event.sequence != expectedSequence {
                    report("expected event \(expectedSequence) here: events are missing or out of order")
                }
                if event.previousHash != expectedPrevious {
                    report("it does not link to the event before it: history before it was changed or removed")
                }
                if event.hash != expectedHash {
                    report("its content does not match its hash: the \(event.kindName) event was changed")
                }
                if let unknown = event.unknownKind {
                    // `check` refuses a register a newer dmf-wizard set up (the store says so),
                    // so a kind it does not know was written by hand.
                    report(
                        "its kind '\(Sanitizer.visible(unknown, limit: 40))' is not one dmf-wizard records: it was "
                            + "written outside dmf-wizard")
                }
                signatures.count(event, finding, requirement: requirement, report: report)
                if let position = positions[event.reference] {
                    if event.unknownKind == nil, event.kind == .created, event.entryDigest != entries[position].digest {
                        report("the entry does not match what was recorded when it was created: the entry was changed")
                    }
                    // What an entry's status and due dates follow from; its hashes are checked above.
                    var kept = event
                    (kept.hash, kept.previousHash, kept.entryDigest) = ("", "", nil)
                    eventsByEntry[position].append(kept)
                } else {
                    report("the event names an entry that is not in the register")
                }
                previous = event
            }
        }

        let summaryProblems = Self.inParallel(Array(entries.indices)) {
            [entries, eventsByEntry] position -> ChainProblem? in
            let (entry, _, summary) = entries[position]
            let events = eventsByEntry[position]
            guard events.first?.kind == .created else {
                return ChainProblem(reference: entry.reference, sequence: nil, what: "it has no \"created\" event")
            }
            guard Register.summary(of: EntryHistory(entry: entry, events: events)) == summary else {
                return ChainProblem(
                    reference: entry.reference, sequence: nil,
                    what: "its listed status or due date does not follow from its events")
            }
            return nil
        }
        problems += summaryProblems.compactMap { $0 }
        if let requirement {
            problems += Self.requirementProblems(requirement, trust: trust, eventCount: count, tally: signatures)
        }
        var report = ChainReport(
            entries: entries.count, events: count, problems: problems,
            trustedSignatures: signatures.trusted, untrustedSignatures: signatures.untrusted,
            unsignedEvents: signatures.unsigned, signaturesUnchecked: signatures.unchecked,
            requirement: requirement?.shown)
        report.hasSigned = signatures.signed > 0
        return report
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
