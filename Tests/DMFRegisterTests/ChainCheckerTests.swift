import Foundation
import Testing

@testable import DMFRegister

/// `register check` reads rows in batches and decodes each batch on every core while the next
/// is read. With batches of three, seven entries and fourteen events cross several batches, so
/// a problem must still be named at its own entry and event, and in order.
@Suite struct ChainCheckerTests {
    let storage = MemoryRegisterStorage()
    let references = (1...7).map { "DMF-20261129-000\($0)" }

    init() throws {
        let register = Register(storage: storage, now: { "2026-11-29T10:15:00Z" })
        for reference in references {
            _ = try register.record(Sample.entry(reference), by: "Sam")
        }
        for reference in references {
            _ = try register.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: reference)
        }
    }

    func check() throws -> ChainReport { try ChainChecker(storage: storage, batch: 3).run() }

    @Test func anIntactRegisterAcrossBatches() throws {
        #expect(try check().chainOnly == ChainReport(entries: 7, events: 14, problems: []))
    }

    @Test func problemsInLaterBatchesAreNamedInOrder() throws {
        storage.tamper { rows in
            rows.events[9].reason = "backdated"  // event 10: entry 3's authorisation
            rows.entries[references[5]]?.answers = "purpose: changed\n"  // entry 6, created by event 6
        }
        let problems = try check().problems.map(\.description)
        #expect(
            problems == [
                "entry DMF-20261129-0006, log position 6: the entry does not match what was recorded when it was created: "
                    + "the entry was changed",
                "entry DMF-20261129-0003, log position 10: its content does not match its hash: the authorised event was changed",
            ])
    }

    @Test func aMissingEventIsFoundWhereTheGapIs() throws {
        storage.tamper { rows in rows.events.remove(at: 7) }  // event 8
        let problems = try check().problems
        #expect(problems.first?.sequence == 9)
        #expect(problems.first?.what.contains("missing or out of order") == true)
        #expect(problems.contains { $0.reference == references[0] && $0.what.contains("does not follow") })
    }

    /// The register reads typed dates itself, so the log keeps ISO dates whoever the caller is.
    @Test func datesAreReadByTheRegisterItself() throws {
        let register = Register(storage: storage, now: { "2026-11-30T10:15:00Z" })
        let sent = try register.append(
            EventRequest(kind: .sent, by: "Taylor", date: "30/11/2026", files: [Sample.file]), to: references[0])
        #expect(sent.date == "2026-11-30")
        let refused = #expect(throws: RegisterError.self) {
            try register.append(
                EventRequest(kind: .received, by: "R", date: "31/02/2027", files: [Sample.file]), to: references[0])
        }
        #expect(refused?.description.contains("31 February 2027 does not exist") == true)
    }

    @Test func aRowThatCannotBeReadStopsTheCheck() throws {
        storage.unreadableEvent = 11
        #expect(throws: MemoryRegisterStorage.UnreadableRow(sequence: 11)) { try check() }
    }
}

/// Lists and file lines are read back byte by byte (the check reads hundreds of thousands):
/// every name a person can give survives the round trip, and a damaged line is refused.
@Suite struct StoredTextTests {
    static let names = [
        "cases.csv", "two words.csv", "back\\slash", "new\nline", "carriage\rreturn", "é and 日本.txt",
        "trailing space ", "\\n not a line feed", "",
    ]

    @Test(arguments: names) func aFileLineReadsBack(name: String) {
        let file = FileDigest(name: name, size: 1234, sha256: String(repeating: "ab", count: 32))
        #expect(FileDigest(line: file.line) == file)
    }

    @Test func listsReadBack() {
        let values = Array(Self.names.dropLast())
        #expect(ListText.split(ListText.join(values)) == values)
        #expect(ListText.split(ListText.join(["", "a", ""])) == ["", "a", ""])
        #expect(ListText.split("") == [])
    }

    /// A named pipe is refused at once, not waited on for a writer that never comes.
    @Test func aNamedPipeIsRefusedWithoutWaiting() throws {
        let path = NSTemporaryDirectory() + "dmf-fifo-" + UUID().uuidString
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        #expect(throws: DigestError.cannotRead(path: path, reason: "not a regular file")) {
            try FileDigest.of(file: path)
        }
    }

    @Test func aLinkIsRefusedWhenLinksAreNotFollowed() throws {
        let folder = NSTemporaryDirectory() + "dmf-link-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("a,b\n".utf8).write(to: URL(fileURLWithPath: folder + "/real.csv"))
        #expect(symlink(folder + "/real.csv", folder + "/link.csv") == 0)
        #expect(try FileDigest.of(file: folder + "/link.csv").size == 4)
        #expect(throws: DigestError.self) { try FileDigest.of(file: folder + "/link.csv", followingLinks: false) }
    }

    @Test(arguments: ["", "abc", "abc 12", "abc twelve name", "abc  name"]) func aDamagedLineIsRefused(line: String) {
        #expect(FileDigest(line: line) == nil)
    }
}
