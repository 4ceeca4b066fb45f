import Glibc

/// Spawn attributes for every child process: an empty signal mask and default handlers.
///
/// A child inherits its parent's signal mask and ignored signals through posix_spawn. The test
/// runner blocks almost every signal in its threads, so tmux servers started from a test
/// ignored SIGTERM and outlived the run; the wizard blocks signals around its own handling too,
/// and a browser started to print a PDF must still stop when it is told to.
public final class CleanSpawnAttributes {
    public var raw = posix_spawnattr_t()

    /// - Parameter extraFlags: more `POSIX_SPAWN_*` flags, such as `POSIX_SPAWN_SETPGROUP`.
    public init(extraFlags: Int32 = 0) {
        posix_spawnattr_init(&raw)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&raw, &empty)
        var every = sigset_t()
        sigfillset(&every)
        posix_spawnattr_setsigdefault(&raw, &every)
        posix_spawnattr_setflags(&raw, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | extraFlags))
    }

    deinit { posix_spawnattr_destroy(&raw) }
}
