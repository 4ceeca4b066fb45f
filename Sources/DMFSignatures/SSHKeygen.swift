import DMFPolicy
import Foundation
import ProcessSupport

/// Why `ssh-keygen` could not be run, in plain words.
public enum SSHKeygenError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case couldNotStart(String)
    case timedOut(seconds: Int)
    /// It was told to end before it finished (Ctrl-C while it asked for a passphrase).
    case stopped
    /// The private folder for its files could not be made or written.
    case scratch(String)

    public var description: String {
        switch self {
        case .missing(let path):
            "OpenSSH's ssh-keygen is not installed (\(Sanitizer.visible(path)) is missing): apt install openssh-client"
        case .couldNotStart(let reason): "ssh-keygen could not be started: \(reason)"
        case .timedOut(let seconds): "ssh-keygen did not finish within \(seconds) seconds, so it was stopped"
        case .stopped: "ssh-keygen was stopped before it finished"
        case .scratch(let reason): "no private temporary folder for ssh-keygen's files: \(reason)"
        }
    }
}

/// OpenSSH's `ssh-keygen`, which signs (so keys in ssh-agent, on smart cards and on FIDO
/// security keys all work, and no private key is ever read here) and checks what is not checked
/// natively. Always the system's own program, never one found on `PATH`: a program that says
/// "Good signature" is trusted with the answer.
public struct SSHKeygen: Sendable {
    /// Where Debian's openssh-client puts it.
    public static let systemPath = "/usr/bin/ssh-keygen"

    public var path: String
    /// The environment it runs with: `SSH_AUTH_SOCK` names the agent that holds keys. Unless
    /// one is given, this process's own, read when it is needed: copying it costs more than a
    /// million instructions, and every start makes an `SSHKeygen` that may never run. (A flag
    /// rather than an optional dictionary: the optional's type is made at run time, at a cost of
    /// half a million instructions before the first screen.)
    public var environment: [String: String] {
        get { inheritsEnvironment ? ProcessInfo.processInfo.environment : givenEnvironment }
        set { (givenEnvironment, inheritsEnvironment) = (newValue, false) }
    }
    private var givenEnvironment: [String: String] = [:]
    private var inheritsEnvironment = true

    public init(path: String = systemPath) {
        self.path = path
    }

    public init(path: String = systemPath, environment: [String: String]) {
        self.path = path
        self.environment = environment
    }

    public var isInstalled: Bool { access(path, X_OK) == 0 }

    /// What a finished run left.
    struct Outcome {
        var status: Int32
        /// Its error output, when it was captured (empty otherwise).
        var errors: String
    }

    /// Runs it with `arguments`, waiting at most `timeout` seconds.
    /// - Parameters:
    ///   - input: the file its standard input reads, or nil for /dev/null (or the terminal).
    ///   - terminal: whether it may talk to the person: standard input and error are then the
    ///     caller's, so it can ask for a passphrase or a touch of a security key. Otherwise it
    ///     runs in a session of its own with no terminal, standard input from `input` or
    ///     /dev/null, its error output kept in `scratch`, and never a graphical passphrase box.
    ///   - stop: asked while it runs; once true, it is told to end (SIGTERM, which lets it put
    ///     back the terminal modes it changed), and `stopped` is thrown unless it had signed.
    func run(
        _ arguments: [String], input: String?, terminal: Bool, timeout: Double, scratch: ScratchFolder,
        stop: () -> Bool = { false }
    ) throws(SSHKeygenError) -> Outcome {
        guard isInstalled else { throw .missing(path: path) }
        let errorsPath = scratch.path + "/errors"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if !terminal || input != nil {
            posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        if !terminal {
            posix_spawn_file_actions_addopen(&actions, 2, errorsPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        }
        // glibc's POSIX_SPAWN_SETSID (spawn.h, not visible to Swift): a new session has no
        // controlling terminal, so ssh-keygen cannot open /dev/tty to ask for anything.
        let newSession: Int32 = 0x80
        let attributes = CleanSpawnAttributes(extraFlags: terminal ? 0 : newSession)
        var variables = environment
        if !terminal { variables["SSH_ASKPASS_REQUIRE"] = "never" }
        var argv = ([path] + arguments).map { strdup($0) } + [nil]
        var envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let failure = posix_spawn(&pid, path, &actions, &attributes.raw, &argv, &envp)
        guard failure == 0 else { throw .couldNotStart(String(cString: strerror(failure))) }
        let status = try wait(for: pid, timeout: timeout, group: !terminal, stop: stop)
        let errors =
            terminal
            ? "" : String(decoding: (try? RegularFile.read(errorsPath, largest: 64 * 1024)) ?? [], as: UTF8.self)
        return Outcome(status: status, errors: errors)
    }

    /// Waits for the child; past the deadline it is killed (with its whole session when it has
    /// one) and `timedOut` thrown. Once `stop` says so it is asked to end, and given two seconds.
    private func wait(for pid: pid_t, timeout: Double, group: Bool, stop: () -> Bool) throws(SSHKeygenError)
        -> Int32
    {
        var deadline = Date().addingTimeInterval(timeout)
        var stopped = false
        let exit = ChildExit(of: pid)
        // Woken the moment it ends; in between, often enough to answer Ctrl-C at once.
        var ending = exit.ending(waitingAtMost: 0.02)
        while ending == nil {
            if !stopped, stop() {
                kill(group ? -pid : pid, SIGTERM)
                stopped = true
                deadline = min(deadline, Date().addingTimeInterval(2))
            }
            if Date() > deadline {
                kill(group ? -pid : pid, SIGKILL)
                _ = exit.ending()
                throw stopped ? .stopped : .timedOut(seconds: Int(timeout.rounded(.up)))
            }
            ending = exit.ending(waitingAtMost: 0.02)
        }
        let status: Int32
        switch ending ?? .lost(ECHILD) {
        case .status(let ended): status = ended
        case .lost(let code): throw .couldNotStart("lost track of it: \(String(cString: strerror(code)))")
        }
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        // Ctrl-C reaches ssh-keygen too (it shares the terminal): either way it did not sign.
        if code != 0, stopped || stop() { throw .stopped }
        return code
    }
}

/// A private folder (mode 0700) for the files ssh-keygen reads and writes, removed with
/// everything in it when the value goes away.
final class ScratchFolder {
    let path: String

    init() throws(SSHKeygenError) {
        let root = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        var template = Array((root + "/dmf-wizard-ssh.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw .scratch(RegularFile.lastError()) }
        path = String(cString: made)
    }

    /// Writes a new file (mode 0600) and returns its path.
    func write(_ name: String, _ bytes: some Sequence<UInt8>) throws(SSHKeygenError) -> String {
        let file = path + "/" + name
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .scratch(RegularFile.lastError()) }
        defer { close(descriptor) }
        let content = Array(bytes)
        var written = 0
        while written < content.count {
            let count = content.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw .scratch(RegularFile.lastError()) }
            written += count
        }
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
