import DMFRegister
import DMFRegisterStores
import Foundation
import Testing

/// A process killed while it made a SQLite register leaves the register under its temporary name
/// (`.NAME.PID.RANDOM.new`) and SQLite's files beside it. The next process that makes a register
/// in the folder, or checks one there, removes them once their writer is gone and they are a
/// minute old; nothing else is touched.
@Suite("Registers left half made")
struct AbandonedRegisterTests {
    /// A pid no process can have (above the kernel's largest).
    static let gone = "99999999"

    /// The leftovers of a killed process, an hour old, and files that must stay.
    static func leftovers(in folder: String) throws -> (removed: [String], kept: [String]) {
        let removed = [
            ".register.sqlite.\(gone).123.new", ".register.sqlite.\(gone).123.new-wal",
            ".register.sqlite.\(gone).123.new-shm", ".register.sqlite.\(gone).123.new-journal",
            ".other.sqlite.\(gone).9.new",
        ]
        let kept = [
            ".register.sqlite.\(getpid()).5.new",  // this process's: being made right now
            ".register.sqlite.\(gone).6.new.old", "register.sqlite.\(gone).7.new", ".notes.new",  // not such names
            ".draft.yaml.\(gone).8.tmp",  // a save's, not a register's
        ]
        for name in removed + kept {
            let path = folder + "/" + name
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
            var anHourAgo = [
                timeval(tv_sec: time(nil) - 3600, tv_usec: 0), timeval(tv_sec: time(nil) - 3600, tv_usec: 0),
            ]
            #expect(utimes(path, &anHourAgo) == 0)
        }
        return (removed, kept)
    }

    @Test func makingARegisterRemovesThoseOfProcessesGone() throws {
        let folder = NSTemporaryDirectory() + "dmf-abandoned-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (removed, kept) = try Self.leftovers(in: folder)
        // Just left by a process this computer cannot see (another one sharing the folder).
        let recent = ".register.sqlite.\(Self.gone).10.new"
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/" + recent))

        _ = try SQLiteRegister(path: folder + "/register.sqlite")

        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        for name in removed { #expect(!files.contains(name), "\(name) removed") }
        for name in kept + [recent, "register.sqlite"] { #expect(files.contains(name), "\(name) kept") }
    }

    @Test func checkingARegisterRemovesThemToo() throws {
        let scratch = try ScratchRegister(.sqlite)
        let (removed, kept) = try Self.leftovers(in: scratch.folder)
        #expect(try scratch.register.check().isIntact)
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.folder)
        for name in removed { #expect(!files.contains(name), "\(name) removed") }
        for name in kept { #expect(files.contains(name), "\(name) kept") }
    }
}
