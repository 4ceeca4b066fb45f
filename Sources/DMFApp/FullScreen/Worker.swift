import Foundation
import Synchronization

/// Asks work in hand to stop: set on the key path (Esc, a signal), read by the work itself at the
/// points where it can stop cleanly (the browser printing a PDF is killed).
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// One thread that runs the full-screen app's slow commands in the order they were given, so the
/// loop goes on drawing and reading keys meanwhile. It starts with the first job (never before the
/// first screen) and takes no signals: Ctrl-C, a closed terminal and a resize are the loop's,
/// which waits for them in `poll()` on the main thread.
final class Worker: Sendable {
    typealias Job = @Sendable (Cancellation) -> Void

    private struct State {
        var waiting: [(job: Job, cancellation: Cancellation)] = []
        var running: Cancellation?
        var stopping = false
    }

    private let state = Mutex(State())
    private let jobReady = DispatchSemaphore(value: 0)

    init() {
        // The thread inherits the signal mask of the one that starts it: block the loop's signals
        // while starting it, so not even its first instant can take one.
        var loopSignals = sigset_t()
        sigemptyset(&loopSignals)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT] { sigaddset(&loopSignals, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &loopSignals, &previous)
        let thread = Thread { [self] in run() }
        thread.name = "dmf-wizard worker"
        thread.start()
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// Runs `job` after those already given.
    func submit(_ job: @escaping Job) {
        state.withLock { $0.waiting.append((job, Cancellation())) }
        jobReady.signal()
    }

    /// Asks the job running now, and those waiting, to stop.
    func cancel() {
        state.withLock { state in
            state.running?.cancel()
            for waiting in state.waiting { waiting.cancellation.cancel() }
        }
    }

    /// Whether no job is running or waiting.
    var isIdle: Bool { state.withLock { $0.waiting.isEmpty && $0.running == nil } }

    /// Ends the thread once the jobs given so far are done.
    func stop() {
        state.withLock { $0.stopping = true }
        jobReady.signal()
    }

    private enum Next {
        case job(Job, Cancellation)
        case stop
        case nothing
    }

    private func run() {
        while true {
            jobReady.wait()
            let next = state.withLock { state -> Next in
                guard !state.waiting.isEmpty else { return state.stopping ? .stop : .nothing }
                let next = state.waiting.removeFirst()
                state.running = next.cancellation
                return .job(next.job, next.cancellation)
            }
            switch next {
            case .job(let job, let cancellation):
                job(cancellation)
                state.withLock { $0.running = nil }
            case .stop: return
            case .nothing: continue
            }
        }
    }
}
