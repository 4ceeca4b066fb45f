import Dispatch
import Foundation
import Glibc

/// The end of a child process, told the moment it happens.
///
/// A thread of its own waits for the child (`waitpid`, blocking); the caller waits on it for at
/// most as long as it chooses, so it can check in between whether to stop the child, and wakes
/// as soon as the child ends. Polling with `WNOHANG` and growing sleeps instead woke up to one
/// sleep late: `ssh-keygen -Y sign` takes about 4 ms, and `seal` waited 6 ms more for it whenever
/// it ended just after a wake-up.
///
/// Whoever makes one owns the child's exit: the thread reaps it, so nothing else may wait for
/// that process, even after killing it.
public final class ChildExit: @unchecked Sendable {
    /// How the wait ended.
    public enum Ending: Sendable, Equatable {
        /// Its exit status as `waitpid` gives it.
        case status(Int32)
        /// `waitpid` failed with this `errno`: the process is not a child of this one.
        case lost(Int32)
    }

    private let ended = DispatchSemaphore(value: 0)
    /// Written by the waiting thread before it signals `ended`, read only after.
    private var reaped: Ending?
    /// Read and written by the caller's thread only.
    private var known: Ending?

    public init(of pid: pid_t) {
        let thread = Thread { [self] in
            var status: Int32 = 0
            var child = waitpid(pid, &status, 0)
            while child < 0, errno == EINTR { child = waitpid(pid, &status, 0) }
            reaped = child == pid ? .status(status) : .lost(errno)
            ended.signal()
        }
        // The thread only waits; a small stack is plenty.
        thread.stackSize = 64 * 1024
        thread.start()
    }

    /// How the child ended, once it has, waiting at most `seconds` for it; nil while it still runs.
    public func ending(waitingAtMost seconds: Double) -> Ending? {
        if let known { return known }
        guard ended.wait(timeout: .now() + seconds) == .success else { return nil }
        known = reaped
        return known
    }

    /// How the child ended, waiting for as long as it takes (after it was killed, say).
    public func ending() -> Ending {
        if let known { return known }
        ended.wait()
        known = reaped
        return known ?? .lost(ECHILD)
    }
}
