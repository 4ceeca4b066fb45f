import Foundation
import Glibc
import TestSupport
import Testing

/// How `ssh-keygen` (and the browser that prints PDFs) is waited for: told the moment it ends.
@Suite("A child process's end")
struct ChildExitTests {
    /// Starts `arguments` with the product's clean spawn attributes.
    private func started(_ arguments: [String]) throws -> pid_t {
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let attributes = CleanSpawnAttributes()
        let failure = posix_spawn(&pid, arguments[0], nil, &attributes.raw, &argv, environ)
        try #require(failure == 0, "could not start \(arguments[0])")
        return pid
    }

    @Test func itsExitStatusIsTold() throws {
        let exit = ChildExit(of: try started(["/bin/sh", "-c", "exit 3"]))
        #expect(exit.ending(waitingAtMost: 30) == .status(3 << 8))
        // Asked again, the same answer: the process was reaped once.
        #expect(exit.ending() == .status(3 << 8))
    }

    @Test func nothingIsToldWhileItRunsAndAKilledOneIsReaped() throws {
        let pid = try started(["/bin/sleep", "30"])
        let exit = ChildExit(of: pid)
        #expect(exit.ending(waitingAtMost: 0.05) == nil)
        kill(pid, SIGKILL)
        #expect(exit.ending() == .status(SIGKILL))
        // Nothing is left of it to wait for.
        var status: Int32 = 0
        #expect(waitpid(pid, &status, WNOHANG) == -1)
    }

    @Test func aProcessThatIsNotAChildIsLost() {
        #expect(ChildExit(of: getppid()).ending(waitingAtMost: 30) == .lost(ECHILD))
    }
}
