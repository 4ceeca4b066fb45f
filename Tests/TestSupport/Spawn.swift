import Foundation
import Glibc
import ProcessSupport

/// Runs a program and waits for it with posix_spawn and waitpid.
///
/// Foundation's `Process` sometimes never noticed a child's exit when many tests ran at once:
/// the child stayed a zombie and `waitUntilExit` hung the whole test run (seen with the tmux
/// client, which forks its server and exits at once, and with `dmf-wizard` itself).
public enum Spawn {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `arguments[0]` with the rest as its arguments, standard input from /dev/null, in
    /// `folder` if given. Output goes to temporary files (nothing can block on a full pipe), or to
    /// /dev/null when `capture` is false (for programs that leave a daemon holding it open).
    /// A program still running after `timeout` seconds is killed (SIGKILL, its status 137), so a
    /// hang fails its test instead of holding up the whole run.
    /// - Returns: the exit status (128 + n if killed by signal n) and the output.
    public static func run(
        _ arguments: [String], environment: [String: String], in folder: String? = nil, capture: Bool = true,
        timeout: Double = 60
    ) throws -> Output {
        let stdoutPath = capture ? temporaryPath("out") : "/dev/null"
        let stderrPath = capture ? temporaryPath("err") : "/dev/null"
        defer {
            if capture {
                unlink(stdoutPath)
                unlink(stderrPath)
            }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // posix_spawn cannot change folder portably from Swift: a shell does it, then execs.
        let command = folder.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0] + arguments } ?? arguments
        var argv = command.map { strdup($0) } + [nil]
        var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let attributes = CleanSpawnAttributes()
        let spawned = posix_spawnp(&pid, command[0], &actions, &attributes.raw, &argv, &envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        let exit = ChildExit(of: pid)
        var ending = exit.ending(waitingAtMost: timeout)
        if ending == nil {
            kill(pid, SIGKILL)
            ending = exit.ending()
        }
        guard case .status(let status)? = ending else { throw POSIXError(.ECHILD) }
        let signal = status & 0x7f
        return Output(
            status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
            stdout: capture ? ((try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "") : "",
            stderr: capture ? ((try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "") : "")
    }

    private static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dmf-e2e-\(UUID().uuidString).\(suffix)").path
    }
}
