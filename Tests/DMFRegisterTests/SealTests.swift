import DMFApp
import DMFPolicy
import DMFRegister
import Foundation
import Testing

/// A folder of its own for each test, removed at the end.
private struct Folder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("dmf-seal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    func at(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func file(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: at(name)))
        return at(name)
    }

    func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: at(name)))) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A file of `size` bytes with no data blocks (reads as zeros), made without writing them.
private func sparseFile(_ path: String, size: Int64) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    #expect(descriptor >= 0)
    defer { close(descriptor) }
    #expect(ftruncate(descriptor, off_t(size)) == 0)
}

/// Writes `bytes` at `offset` in an existing file.
private func poke(_ path: String, at offset: Int64, _ bytes: [UInt8]) {
    let descriptor = open(path, O_WRONLY | O_CLOEXEC)
    defer { close(descriptor) }
    let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
    #expect(written == bytes.count)
}

private func mode(_ path: String) -> mode_t {
    var status = stat()
    _ = stat(path, &status)
    return status.st_mode & 0o777
}

/// `sha256sum`'s own digest of a file, or nil when it is not installed.
private func sha256sum(_ path: String) throws -> String? {
    guard let tool = sha256sumPath else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
}

private let sha256sumPath: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    .split(separator: ":")
    .map { $0 + "/sha256sum" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }

private let sealTime = Date(timeIntervalSince1970: 1_795_947_300)  // 2026-11-29T10:15:00Z
private let reference = "DMF-20261129-7K3Q"

/// Seals `names` in `folder` and writes the manifest beside them, as the command does.
@discardableResult
private func sealed(_ folder: Folder, _ names: [String], marking: String = "OFFICIAL-SENSITIVE") throws
    -> SealedManifest
{
    let result = try Seal.seal(
        reference: reference, marking: marking, by: "Sam Sender", files: names.map(folder.at), now: sealTime)
    try SafeFile.writeAll([(result.path, result.bytes)], overwrite: true)
    return result
}

private func entry(
    _ reference: String = reference, route: RouteType = .betweenMOJSystems, marking: String = "OFFICIAL-SENSITIVE",
    verdict: Verdict = .proceed
) -> RegisterEntry {
    RegisterEntry(
        reference: reference, recordedAt: "2026-11-29T09:00:00Z", requester: "Sam Sender", team: "Data",
        route: route, sourceSystem: "Casework", destinationOrganisation: "MOJ", destinationSystem: "Analytics",
        recipientOrganisations: ["MOJ"], classification: .officialSensitive, marking: marking, verdict: verdict,
        rulesVersion: "2026.11-2", transferKind: .share, frequency: .oneOff, deleteBy: nil, fingerprint: "answers-1",
        answers: "", documents: [])
}

/// A register holding the test entry, authorised when asked; `after` other entries are recorded
/// first, so the entry's events have other places in the log than their numbers in the entry.
private func register(
    authorised: Bool, marking: String = "OFFICIAL-SENSITIVE", verdict: Verdict = .proceed, after others: Int = 0
) throws -> Register {
    let register = Register(storage: MemoryRegisterStorage(), now: { "2026-11-29T10:15:00Z" })
    for number in 0..<others { _ = try register.record(entry("DMF-20261129-000\(number)"), by: "Someone Else") }
    _ = try register.record(entry(marking: marking, verdict: verdict), by: "Sam Sender")
    if authorised { _ = try register.append(EventRequest(kind: .authorised, by: "Ida IAO"), to: reference) }
    return register
}

/// Runs a command with stand-in streams.
private func run(_ body: ((String) -> Void, (String) -> Void) -> Int32) -> (status: Int32, out: String, err: String) {
    var out = ""
    var err = ""
    let status = body({ out += $0 }, { err += $0 })
    return (status, out, err)
}

@Suite struct SealTests {
    // MARK: Sealing and verifying

    @Test func sealThenVerifyMatchesEveryFile() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("report.csv", "id,name\n1,Ann\n")
        try folder.file("notes.txt", "")
        let seal = try sealed(folder, ["report.csv", "notes.txt"])
        #expect(seal.path == folder.at("\(reference).manifest.json"))
        #expect(seal.manifest.files.map(\.name) == ["report.csv", "notes.txt"])
        #expect(seal.manifest.files[1] == FileDigest(name: "notes.txt", bytes: [UInt8]()))
        #expect(seal.manifest.sealedAt == "2026-11-29T10:15:00Z")

        let receipt = try Seal.verify(manifestPath: seal.path, by: "Riley Recipient", now: sealTime)
        #expect(receipt.allMatched)
        #expect(receipt.files.map(\.status) == [.matched, .matched])
        #expect(receipt.notInManifest.isEmpty)
        #expect(receipt.manifestSHA256 == seal.sha256)
        #expect(receipt.receivedFiles == seal.manifest.files)
        #expect(receipt.textLines.last == "All 2 files matched the manifest.")
        #expect(receipt.textLines.contains("  matched          report.csv (14 bytes)"))
    }

    @Test func oneByteChangedIsReportedAsChanged() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "hello world\n")
        try folder.file("b.txt", "second file\n")
        let seal = try sealed(folder, ["a.txt", "b.txt"])
        try folder.file("a.txt", "hello World\n")  // same size
        try folder.file("b.txt", "second file!\n")  // one byte longer

        let receipt = try Seal.verify(manifestPath: seal.path)
        #expect(!receipt.allMatched)
        #expect(receipt.files.map(\.status) == [.changed, .changed])
        #expect(receipt.files[0].problem?.hasPrefix("same size, different SHA-256") == true)
        #expect(receipt.files[1].problem == "13 bytes, sealed as 12 bytes")
        #expect(receipt.files[0].found?.sha256 != seal.manifest.files[0].sha256)
        #expect(receipt.textLines.contains { $0.hasPrefix("  CHANGED          a.txt: same size") })
        #expect(receipt.summary == "Not everything matched: 0 of 2 matched; 2 changed.")
    }

    @Test func aMissingFileIsReportedAsMissing() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "a")
        try folder.file("b.txt", "b")
        let seal = try sealed(folder, ["a.txt", "b.txt"])
        try FileManager.default.removeItem(atPath: folder.at("b.txt"))

        let receipt = try Seal.verify(manifestPath: seal.path)
        #expect(receipt.files.map(\.status) == [.matched, .missing])
        #expect(receipt.files[1].found == nil)
        #expect(receipt.receivedFiles.map(\.name) == ["a.txt"])
        #expect(receipt.textLines.contains("  MISSING          b.txt"))
        #expect(receipt.summary == "Not everything matched: 1 of 2 matched; 1 missing.")
    }

    @Test func extraFilesAreListedButOtherManifestsAreNot() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "a")
        let seal = try sealed(folder, ["a.txt"])
        try folder.file("extra.txt", "not sealed")
        try folder.file("DMF-20261128-AAAA.manifest.json", "{}")
        try FileManager.default.createDirectory(atPath: folder.at("sub"), withIntermediateDirectories: false)
        try folder.file("line\nbreak", "a name that could forge a line")

        let receipt = try Seal.verify(manifestPath: seal.path)
        #expect(receipt.files.map(\.status) == [.matched])
        #expect(receipt.notInManifest == ["extra.txt", "line\nbreak", "sub/"])
        #expect(!receipt.allMatched)
        #expect(receipt.textLines.contains("  NOT IN MANIFEST  extra.txt"))
        // Quoted, so the name cannot start a line of its own.
        #expect(receipt.textLines.contains("  NOT IN MANIFEST  line\\nbreak"))
        #expect(receipt.summary == "Not everything matched: 1 of 1 matched; 3 not in the manifest.")
    }

    @Test func aSymbolicLinkIsNotFollowed() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "a")
        let seal = try sealed(folder, ["a.txt"])
        try FileManager.default.removeItem(atPath: folder.at("a.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder.at("a.txt"), withDestinationPath: "/dev/null")

        let receipt = try Seal.verify(manifestPath: seal.path)
        #expect(receipt.files[0].status == .unreadable)
        #expect(receipt.files[0].problem?.contains("symbolic link") == true)
        #expect(!receipt.allMatched)
    }

    @Test func sealingRefusesWhatCannotBeSealed() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "a")
        try FileManager.default.createDirectory(atPath: folder.at("other"), withIntermediateDirectories: false)
        try folder.file("other/a.txt", "a")
        try folder.file("other/b.txt", "b")
        func attempt(_ files: [String], ref: String = reference, marking: String = "OFFICIAL") -> SealError? {
            do {
                _ = try Seal.seal(reference: ref, marking: marking, by: "Sam", files: files, now: sealTime)
                return nil
            } catch {
                return error
            }
        }
        #expect(attempt([])?.description == "name at least one file to seal")
        #expect(attempt([folder.at("a.txt")], ref: "../evil")?.description.contains("is not a reference like") == true)
        #expect(attempt([folder.at("a.txt")], ref: "") != nil)
        #expect(attempt([folder.at("a.txt")], marking: " ")?.description.contains("marking") == true)
        #expect(attempt([folder.at("a.txt"), folder.at("a.txt")])?.description.contains("named twice") == true)
        #expect(attempt([folder.at("a.txt"), folder.at("other/b.txt")])?.description.contains("one folder") == true)
        #expect(
            attempt([folder.at("missing.txt")])
                == .cannotRead(.cannotRead(path: folder.at("missing.txt"), reason: "No such file or directory")))
        #expect(attempt([folder.at("other")])?.description.contains("not a regular file") == true)
        try folder.file("\(reference).manifest.json", "{}")
        #expect(attempt([folder.at("\(reference).manifest.json")])?.description.contains("manifest's own name") == true)
        // Two spellings of one folder are one folder.
        #expect(attempt([folder.at("other/a.txt"), folder.at("./other/../other/b.txt")]) == nil)
    }

    // MARK: Manifests that were edited

    /// The problem `Seal.verify` finds in a manifest with these bytes.
    private func problem(_ text: String) throws -> ManifestError.Problem? {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.file("DMF-1.manifest.json", text)
        do {
            _ = try Seal.verify(manifestPath: path)
            return nil
        } catch {
            guard case .manifest(let manifestError) = error else { return nil }
            #expect(manifestError.path == path)
            #expect(manifestError.description.hasPrefix("the manifest \(path) cannot be used: "))
            return manifestError.problem
        }
    }

    private func manifestText(editing edit: (inout SealManifest) -> Void = { _ in }) -> String {
        var manifest = SealManifest(
            reference: reference, marking: "OFFICIAL", sealedAt: "2026-11-29T10:15:00Z", sealedBy: "Sam",
            files: [FileDigest(name: "a.txt", bytes: Array("a".utf8))])
        edit(&manifest)
        return String(decoding: manifest.bytes, as: UTF8.self)
    }

    @Test func editedManifestsGiveClearErrors() throws {
        #expect(try problem(manifestText()) == nil)
        if case .notJSON = try problem("{ \"format_version\": 1, ") {} else { Issue.record("bad JSON not reported") }
        #expect(try problem("[1, 2]") == .notJSON("it is not a JSON object"))
        #expect(try problem(manifestText { $0.version = 2 }) == .unsupportedVersion(2))
        #expect(
            try problem(manifestText { $0.version = 2 }).map(\.description)
                == "its format_version is 2, and this tool reads version 1 only (a newer tool may read it)")
        #expect(
            try problem(manifestText().replacingOccurrences(of: "\"format_version\"", with: "\"v\""))
                == .missingKey("format_version"))
        #expect(
            try problem(manifestText().replacingOccurrences(of: "\"sha256\"", with: "\"sha\""))
                == .missingKey("files[0].sha256"))
        #expect(
            try problem(manifestText().replacingOccurrences(of: "\"size\" : 1", with: "\"size\" : \"1\""))
                == .wrongType(key: "files[0].size", expected: "a whole number"))
        #expect(try problem(manifestText { $0.files = [] }) == .invalidValue(key: "files", reason: "it lists no files"))
        #expect(
            try problem(manifestText { $0.files[0].sha256 = "ABC" }).map(\.description)?.hasPrefix(
                "files[0].sha256 is wrong") == true)
        #expect(
            try problem(manifestText { $0.files[0].size = -1 })
                == .invalidValue(key: "files[0].size", reason: "a size cannot be negative"))
        #expect(
            try problem(manifestText { $0.sealedAt = "yesterday" }).map(\.description)?.hasPrefix("sealed_at is wrong")
                == true)
        #expect(
            try problem(manifestText { $0.reference = "../../etc" }).map(\.description)?.hasPrefix("reference is wrong")
                == true)
        #expect(try problem(manifestText { $0.files.append($0.files[0]) }) == .duplicateName("a.txt"))
    }

    @Test(arguments: ["../secret.txt", "..", ".", "sub/a.txt", "/etc/passwd", "a\\b", "", "a\nb", "a\u{202E}txt.exe"])
    func namesThatLeaveTheFolderAreRefused(_ name: String) throws {
        let found = try problem(manifestText { $0.files[0].name = name })
        guard case .unsafeName(let key, let quoted, let reason) = found else {
            Issue.record("\(name) was not refused: \(String(describing: found))")
            return
        }
        #expect(key == "files[0].name")
        #expect(quoted == name)
        #expect(!reason.isEmpty)
        #expect(found?.description.contains("\n") == false)
    }

    @Test func aManifestCannotNameItself() throws {
        let found = try problem(manifestText { $0.files[0].name = "DMF-1.manifest.json" })
        #expect(
            found
                == .unsafeName(
                    key: "files[0].name", name: "DMF-1.manifest.json", reason: "it names the manifest itself"))
    }

    @Test func whatIsNotAManifestFileIsRefused() throws {
        let folder = try Folder()
        defer { folder.remove() }
        func readProblem(_ path: String) -> ManifestError.Problem? {
            do {
                _ = try SealManifest.read(path: path)
                return nil
            } catch {
                return error.problem
            }
        }
        if case .cannotRead = readProblem(folder.at("none.json")) {} else { Issue.record("missing file not reported") }
        #expect(readProblem(folder.path) == .cannotRead("it is not a regular file"))
        try sparseFile(folder.at("huge.manifest.json"), size: Int64(SealManifest.maximumBytes) + 1)
        #expect(readProblem(folder.at("huge.manifest.json")) == .tooLarge(Int64(SealManifest.maximumBytes) + 1))
        #expect(mkfifo(folder.at("pipe.json"), 0o600) == 0)
        // A named pipe is refused at once rather than waited on.
        #expect(readProblem(folder.at("pipe.json")) == .cannotRead("it is not a regular file"))
    }

    // MARK: The manifest's own hash

    @Test func theManifestsOwnHashIsStable() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "alpha")
        try folder.file("b.txt", "beta")
        let first = try sealed(folder, ["a.txt", "b.txt"])
        let second = try Seal.seal(
            reference: reference, marking: "OFFICIAL-SENSITIVE", by: "Sam Sender",
            files: [folder.at("a.txt"), folder.at("b.txt")], now: sealTime)
        #expect(first == second)
        #expect(try folder.read("\(reference).manifest.json") == first.bytes)
        #expect(first.sha256 == FileDigest(name: "m", bytes: first.bytes).sha256)
        #expect(try SealManifest.read(path: first.path).sha256 == first.sha256)
        // The layout is part of the contract: sorted keys, two-space JSON, a final newline.
        let text = String(decoding: first.bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"files\" : [\n    {\n      \"name\" : \"a.txt\",\n"))
        #expect(text.hasSuffix("  \"sealed_by\" : \"Sam Sender\"\n}\n"))
        #expect(text.contains("\"format_version\" : 1,"))
        // Another second, another manifest.
        let later = try Seal.seal(
            reference: reference, marking: "OFFICIAL-SENSITIVE", by: "Sam Sender",
            files: [folder.at("a.txt"), folder.at("b.txt")], now: sealTime + 1)
        #expect(later.sha256 != first.sha256)
    }

    // MARK: Streaming and progress

    /// 2 GiB, past every 32-bit size, hashed a mebibyte at a time. The file is sparse, so making it
    /// costs nothing; `sha256sum` prints the expected digest for 2 GiB of zeros (it is not run on
    /// this file: it hashes several times slower than libcrypto here, over ten seconds on its own).
    @Test func aTwoGigabyteFileIsHashedAsAStream() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let size: Int64 = 2 << 30
        try sparseFile(folder.at("big.bin"), size: size)
        var calls = 0
        var last: Int64 = 0
        var increasing = true
        let digest = try FileDigest.of(file: folder.at("big.bin")) { done, total in
            calls += 1
            increasing = increasing && done > last && total == size
            last = done
        }
        #expect(
            digest
                == FileDigest(
                    name: "big.bin", size: size,
                    sha256: "a7c744c13cc101ed66c29f672f92455547889cc586ce6d44fe76ae824958ea51"))
        #expect(increasing)
        #expect(last == size)
        #expect(calls == 2048)
    }

    /// The same reader against `sha256sum`, on a sparse file with data across the reader's 1 MiB
    /// chunk boundaries and an odd size.
    @Test(
        .enabled(if: sha256sumPath != nil, "sha256sum is not installed, so there is nothing to compare the digest with")
    )
    func digestsAgreeWithSha256sum() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = folder.at("holes.bin")
        try sparseFile(path, size: (5 << 20) + 3)
        poke(path, at: 0, Array("start".utf8))
        poke(path, at: (1 << 20) - 2, Array("across a boundary".utf8))
        poke(path, at: (4 << 20) + 1, [0xFF, 0x00, 0x7F])
        poke(path, at: (5 << 20), Array("end".utf8))
        let expected = try sha256sum(path)
        #expect(try FileDigest.of(file: path).sha256 == expected)
        try folder.file("small.txt", "The quick brown fox\n")
        #expect(try FileDigest.of(file: folder.at("small.txt")).sha256 == (try sha256sum(folder.at("small.txt"))))
    }

    @Test func progressCountsOnlyGoUp() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try sparseFile(folder.at("a.bin"), size: (3 << 20) + 10)
        try sparseFile(folder.at("b.bin"), size: 2 << 20)
        try folder.file("c.txt", "")
        var seen: [HashProgress] = []
        let seal = try Seal.seal(
            reference: reference, marking: "OFFICIAL", by: "Sam",
            files: ["a.bin", "b.bin", "c.txt"].map(folder.at), now: sealTime
        ) { seen.append($0) }
        try SafeFile.writeAll([(seal.path, seal.bytes)], overwrite: false)
        let total: Int64 = (5 << 20) + 10
        #expect(seen.map(\.index) == [1, 1, 1, 1, 2, 2])
        #expect(seen.allSatisfy { $0.count == 3 && $0.allTotal == total })
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.allDone < $1.allDone })
        #expect(seen.last?.allDone == total)
        #expect(
            seen.first
                == HashProgress(
                    name: "a.bin", index: 1, count: 3, done: 1 << 20, total: (3 << 20) + 10, allDone: 1 << 20,
                    allTotal: total))

        seen = []
        _ = try Seal.verify(manifestPath: seal.path) { seen.append($0) }
        #expect(seen.map(\.index) == [1, 1, 1, 1, 2, 2])
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.allDone < $1.allDone })
        #expect(seen.last?.allDone == total)
    }

    // MARK: The commands

    private func sealCommand(_ folder: Folder, _ names: [String], register: Register? = nil) -> SealCommand {
        var command = SealCommand(
            reference: reference, files: names.map(folder.at), by: "Sam Sender", register: register)
        command.clock = .fixed(sealTime)
        command.progress.isTerminal = { false }
        return command
    }

    private func verifyCommand(_ path: String, by: String? = nil, register: Register? = nil) -> VerifyCommand {
        var command = VerifyCommand(manifestPath: path, by: by, register: register)
        command.clock = .fixed(sealTime)
        command.progress.isTerminal = { false }
        return command
    }

    @Test func sealCommandWritesTheManifestOnceUnlessForced() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "alpha")
        var command = sealCommand(folder, ["a.txt"])
        command.marking = "OFFICIAL"
        let first = run(command.run)
        let path = folder.at("\(reference).manifest.json")
        let sha = FileDigest(name: "", bytes: try folder.read("\(reference).manifest.json")).sha256
        #expect(first.status == 0)
        #expect(first.err == "")
        #expect(
            first.out == "Sealed 1 file for \(reference) (OFFICIAL).\nManifest: \(path)\nManifest SHA-256: \(sha)\n"
                + "Not signed: no signing key is set up (see `dmf-wizard keys`).\n")
        #expect(mode(path) == 0o600)

        let again = run(command.run)
        #expect(again.status == 1)
        #expect(again.err == "dmf-wizard: \(path) already exists; use --force to replace it\n")
        command.force = true
        #expect(run(command.run).status == 0)
        #expect(try !FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.hasSuffix(".tmp") })
    }

    @Test func sealCommandWithoutAMarkingOrRegisterSaysWhatItChose() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "alpha")
        var command = sealCommand(folder, ["a.txt"])
        command.by = nil
        command.loginName = { "sams" }
        let result = run(command.run)
        #expect(result.status == 0)
        #expect(result.out.contains("(OFFICIAL-SENSITIVE)"))
        #expect(
            result.out.hasSuffix("No marking given and no register: marked OFFICIAL-SENSITIVE, the cautious choice.\n"))
        #expect(try SealManifest.read(path: folder.at("\(reference).manifest.json")).manifest.sealedBy == "sams")
    }

    @Test func sealCommandBadUsageAndProblems() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "alpha")
        try FileManager.default.createDirectory(atPath: folder.at("sub"), withIntermediateDirectories: false)
        try folder.file("sub/b.txt", "beta")

        var none = sealCommand(folder, [])
        #expect(run(none.run) == (2, "", "dmf-wizard: name at least one file to seal\n"))
        none.files = ["a.txt"].map(folder.at)
        none.by = "  "
        #expect(run(none.run) == (2, "", "dmf-wizard: say who is sealing the files: --by NAME\n"))

        var escape = sealCommand(folder, ["a.txt"])
        escape.reference = "../../escape"
        let escaped = run(escape.run)
        #expect(escaped.status == 2)
        #expect(
            escaped.err.hasPrefix("dmf-wizard: the reference '../../escape' is not a reference like DMF-20261129-7K3Q"))

        let split = run(sealCommand(folder, ["a.txt", "sub/b.txt"]).run)
        #expect(split.status == 2)
        #expect(split.err.contains("every file sealed together must be in one folder"))

        let missing = run(sealCommand(folder, ["a.txt", "gone.txt"]).run)
        #expect(missing.status == 1)
        #expect(
            missing.err
                == "dmf-wizard: cannot read \(folder.at("gone.txt")): No such file or directory; nothing was sealed\n")

        var badMarking = sealCommand(folder, ["a.txt"])
        badMarking.marking = "OFFICIAL\u{1B}[2J"
        #expect(run(badMarking.run).status == 2)

        var badClock = sealCommand(folder, ["a.txt"])
        badClock.clock = .honouring(sourceDateEpoch: "soon")
        #expect(run(badClock.run).status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "sub"])
    }

    @Test func verifyCommandPrintsTheReceiptAndWritesItAsJSON() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "alpha")
        let seal = try sealed(folder, ["a.txt"])
        let receiptFolder = try Folder()
        defer { receiptFolder.remove() }
        var command = verifyCommand(seal.path, by: "Riley Recipient")
        command.receiptPath = receiptFolder.at("receipt.json")

        let result = run(command.run)
        #expect(result.status == 0)
        #expect(result.err == "")
        #expect(
            result.out == """
                Seal: not signed: there is no signature (\(reference).manifest.json.sig) beside it.
                Manifest \(reference).manifest.json, SHA-256 \(seal.sha256)
                \(reference), OFFICIAL-SENSITIVE, sealed 2026-11-29T10:15:00Z by Sam Sender
                  matched          a.txt (5 bytes)
                All 1 file matched the manifest.
                Receipt: \(receiptFolder.at("receipt.json")) (not signed: no signing key is set up)

                """)
        #expect(mode(receiptFolder.at("receipt.json")) == 0o600)
        let json = try receiptFolder.read("receipt.json")
        let receipt = try JSONDecoder().decode(Receipt.self, from: Data(json))
        #expect(receipt.checkedBy == "Riley Recipient")
        #expect(receipt.manifestSHA256 == seal.sha256)
        #expect(receipt.allMatched)
        #expect(String(decoding: json, as: UTF8.self).contains("\"all_matched\" : true"))

        // Never over an existing receipt, and the check is made before any hashing.
        let again = run(command.run)
        #expect(
            again == (
                1, "", "dmf-wizard: \(receiptFolder.at("receipt.json")) already exists; choose another --receipt file\n"
            ))
        command.receiptPath = seal.path
        #expect(run(command.run).status == 2)
        #expect(run(verifyCommand(seal.path, by: " ").run).status == 2)
    }

    @Test func verifyCommandFailsOnAnyDifference() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "alpha")
        try folder.file("b.txt", "beta")
        let seal = try sealed(folder, ["a.txt", "b.txt"])
        try folder.file("a.txt", "alphA")
        try FileManager.default.removeItem(atPath: folder.at("b.txt"))
        try folder.file("c.txt", "gamma")

        let result = run(verifyCommand(seal.path).run)
        #expect(result.status == 1)
        #expect(result.err == "")
        #expect(result.out.contains("  CHANGED          a.txt: same size, different SHA-256"))
        #expect(result.out.contains("  MISSING          b.txt\n"))
        #expect(result.out.contains("  NOT IN MANIFEST  c.txt\n"))
        #expect(
            result.out.hasSuffix(
                "Not everything matched: 0 of 2 matched; 1 changed, 1 missing, 1 not in the manifest.\n"))

        try folder.file("broken.manifest.json", "not json")
        let broken = run(verifyCommand(folder.at("broken.manifest.json")).run)
        #expect(broken.status == 1)
        #expect(broken.out == "")
        #expect(
            broken.err.hasPrefix(
                "dmf-wizard: the manifest \(folder.at("broken.manifest.json")) cannot be used: "
                    + "it is not a manifest (not JSON"
            ))
    }

    @Test func progressBarOnlyOnATerminalAtMostTenTimesASecond() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try sparseFile(folder.at("big.bin"), size: 40 << 20)
        var drawn: [String] = []
        var now: UInt64 = 0
        var command = sealCommand(folder, ["big.bin"])
        command.marking = "OFFICIAL"
        command.progress.isTerminal = { true }
        command.progress.write = { drawn.append($0) }
        // Each look at the clock is 30 ms later: a chunk every 30 ms, 1.2 s in all.
        command.progress.clock = {
            now += 30_000_000
            return now
        }
        let result = run(command.run)
        #expect(result.status == 0)
        #expect(result.err == "")
        let draws = drawn.dropLast()
        #expect(draws.count >= 5)
        #expect(draws.count <= 10)  // 40 chunks over 1.2 s: never more than one draw per 100 ms
        #expect(draws.allSatisfy { $0.hasPrefix("\rHashing 1 of 1 big.bin [") && $0.count < 80 })
        #expect(draws.first == "\rHashing 1 of 1 big.bin [###-------------]  22% 9.4 MB of 41.9 MB")
        // Cleared when done: spaces over the bar, and the cursor back at the start of the line.
        #expect(drawn.last?.allSatisfy { $0 == "\r" || $0 == " " } == true)
        #expect(drawn.last?.count == (draws.map(\.count).max() ?? 0) + 1)

        // On a pipe, nothing at all.
        drawn = []
        command.progress.isTerminal = { false }
        command.force = true
        #expect(run(command.run).status == 0)
        #expect(drawn.isEmpty)
    }

    // MARK: Recording in the register

    /// What the register would refuse is refused before any file is hashed or written: a
    /// transfer not yet authorised, or BLOCKED, leaves no manifest behind.
    @Test(arguments: [
        (Verdict.proceed, "this route needs the IAO's authorisation on the DMF before anything is sent."),
        (Verdict.blocked, "the assessment is BLOCKED: it must not be sent."),
    ])
    func aSendingTheRegisterWouldRefuseIsNotSealed(verdict: Verdict, reason: String) throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "alpha")
        let register = try register(authorised: false, verdict: verdict)
        let result = run(sealCommand(folder, ["a.txt"], register: register).run)
        #expect(result.status == 1)
        #expect(result.out == "", "nothing hashed, nothing sealed")
        #expect(result.err.hasPrefix("dmf-wizard: \(reference): \(reason)"), "\(result.err)")
        #expect(result.err.hasSuffix(" Nothing was sealed.\n"), "\(result.err)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.txt"], "no manifest, no signature")
        #expect(try register.history(reference).events.count == 1)
    }

    @Test func sentThenReceivedAreRecorded() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "alpha")
        try folder.file("b.txt", "beta")
        let register = try register(authorised: true, marking: "OFFICIAL", after: 1)
        let sent = run(sealCommand(folder, ["a.txt", "b.txt"], register: register).run)
        #expect(sent.status == 0)
        #expect(sent.err == "")
        #expect(sent.out.contains("(OFFICIAL)"))  // the register's marking
        #expect(sent.out.hasSuffix("Recorded as sent in the register (memory), event 3 (log position 4).\n"))
        let manifest = try SealManifest.read(path: folder.at("\(reference).manifest.json"))
        let sentEvent = try register.history(reference).events.last
        #expect(sentEvent?.kind == .sent)
        #expect(sentEvent?.by == "Sam Sender")
        #expect(sentEvent?.files == manifest.manifest.files)
        #expect(sentEvent?.reason == "sealed in \(reference).manifest.json, SHA-256 \(manifest.sha256)")

        // Checking without --by records nothing.
        #expect(run(verifyCommand(folder.at("\(reference).manifest.json"), register: register).run).status == 0)
        #expect(try register.history(reference).status == .sent)

        let received = run(verifyCommand(folder.at("\(reference).manifest.json"), by: "Riley", register: register).run)
        #expect(received.status == 0)
        #expect(received.err == "")
        #expect(received.out.hasSuffix("Recorded as received in the register (memory), event 4 (log position 5).\n"))
        let history = try register.history(reference)
        #expect(history.status == .received)
        #expect(history.events.last?.by == "Riley")
        #expect(history.events.last?.files == manifest.manifest.files)
        #expect(try register.check().isIntact)
    }

    @Test func theRegisterRefusesAReceiptOfChangedFilesEvenWithANewManifest() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "alpha")
        let register = try register(authorised: true)
        #expect(run(sealCommand(folder, ["a.txt"], register: register).run).status == 0)

        // Changed on the way, with a manifest re-made to match: the folder agrees with itself...
        try folder.file("a.txt", "tampered")
        try sealed(folder, ["a.txt"])
        let path = folder.at("\(reference).manifest.json")
        #expect(run(verifyCommand(path).run).status == 0)
        // ...but not with what the register recorded as sent.
        let result = run(verifyCommand(path, by: "Riley", register: register).run)
        #expect(result.status == 1)
        #expect(result.out.contains("All 1 file matched the manifest."))
        #expect(
            result.err
                == "dmf-wizard: the register did not record the receipt: \(reference): "
                + "the files received do not match the files sent: a.txt differs from the file sent.\n"
        )
        #expect(try register.history(reference).status == .sent)
    }

    @Test func anUnknownReferenceOrAContradictedMarkingSealsNothing() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.file("a.txt", "alpha")
        let register = try register(authorised: true)
        var unknown = sealCommand(folder, ["a.txt"], register: register)
        unknown.reference = "DMF-20261129-ZZZZ"
        #expect(
            run(unknown.run) == (
                1, "", "dmf-wizard: no entry in the register has the reference DMF-20261129-ZZZZ; nothing was sealed\n"
            ))

        var contradicted = sealCommand(folder, ["a.txt"], register: register)
        contradicted.marking = "OFFICIAL"
        let result = run(contradicted.run)
        #expect(result.status == 2)
        #expect(result.err.contains("the register records \(reference) as OFFICIAL-SENSITIVE, not OFFICIAL"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.txt"])
    }
}
