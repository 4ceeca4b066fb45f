import CTermSupport
import Glibc
import TestSupport

/// A pseudo-terminal for input tests. The master is non-blocking so that draining curses'
/// output never hangs; undrained output would eventually block curses' writes.
final class Pty {
    struct OpenFailed: Error {}

    let master: Int32
    let slave: Int32

    init(columns: Int32 = 80, rows: Int32 = 24) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard dmf_open_pty(&master, &slave, columns, rows) == 0 else { throw OpenFailed() }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        self.master = master
        self.slave = slave
    }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
    }

    /// Everything curses has written so far, decoded leniently.
    func drain() -> String {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            collected += buffer.prefix(count)
        }
        return String(decoding: collected, as: UTF8.self)
    }

    func close() {
        Glibc.close(slave)
        Glibc.close(master)
    }
}

/// Sends a signal to this process after a delay, from a child shell, so a test can be woken (or
/// rescued from a hang) without threads.
final class SignalSender {
    private var child: pid_t = 0

    init(signal: Int32, afterMilliseconds delay: Int) {
        let script = "sleep \(Double(delay) / 1000); kill -\(signal) \(getpid())"
        let arguments = ["/bin/sh", "-c", script]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // Its own process group, so cancel() also stops the `sleep` (which would otherwise hold
        // the test runner's output pipe open until it ends).
        let attributes = CleanSpawnAttributes(extraFlags: POSIX_SPAWN_SETPGROUP)
        posix_spawnattr_setpgroup(&attributes.raw, 0)
        var pid: pid_t = 0
        if posix_spawn(&pid, "/bin/sh", nil, &attributes.raw, &argv, nil) == 0 { child = pid }
    }

    /// Stops the sender if it has not fired yet and reaps it.
    func cancel() {
        guard child > 0 else { return }
        kill(-child, SIGKILL)
        var status: Int32 = 0
        waitpid(child, &status, 0)
        child = 0
    }
}
