import CNcursesw
import CTermSupport
import Glibc
import TerminalUI

extension NcursesBackend {
    /// How long to wait for the next byte of an escape sequence already begun (`ESC [` seen):
    /// long enough for a slow link to deliver the rest, short enough that a terminal that never
    /// finishes one does not hold the keyboard up noticeably. The wait for the byte right after
    /// a lone ESC is curses' Esc delay (25 ms), so the Esc key stays prompt.
    static let sequenceByteWaitMilliseconds: Int32 = 500

    /// Drops what curses and the terminal hold of keys not yet read.
    public func discardTypeahead() {
        guard window != nil else { return }
        flushinp()
        replayedInput = nil
    }

    /// Blocks until a key, a resize, a terminating signal, or the end of input.
    ///
    /// Waiting happens in `poll()` on the terminal and the signal self-pipe with no timeout:
    /// zero CPU and no wake-ups while idle. A signal that arrives just before the wait still
    /// wakes it through the pipe; a bare blocking `wget_wch` would sleep through it until the
    /// next key (the flag is checked before read() starts). Keys curses already holds are
    /// drained first with a zero timeout, since poll cannot see curses' own queue.
    ///
    /// An ESC that curses could not match to a key begins a sequence read by its grammar
    /// (`EscapeSequence`): the whole sequence is one key, or is swallowed.
    public func readKey() -> Key { readKey(waitingUpTo: -1) ?? .endOfInput }

    /// The next key, as `readKey`, or nil when none came within `milliseconds` (-1: no limit).
    /// The app waits this way while work runs on another thread, to show its progress.
    public func readKey(waitingUpTo milliseconds: Int) -> Key? {
        guard window != nil else { return .endOfInput }
        var failures = 0
        while true {
            if let key = takePendingSignal() { return key }
            let input: EscapeSequence.Input
            if let replayed = replayedInput {
                replayedInput = nil
                input = replayed
            } else {
                switch waitForKey(milliseconds: Int32(clamping: milliseconds)) {
                case .input(let read): input = read
                case .interrupted: continue
                case .timedOut: return nil
                case .closed: return .endOfInput
                case .failed:
                    // Readable but nothing decoded: end of file, or an input error. Give up after
                    // a few in a row instead of spinning.
                    failures += 1
                    if failures >= 3 { return .endOfInput }
                    continue
                }
            }
            failures = 0
            switch input {
            case .character(27): if let key = readEscapeSequence() { return key }
            case .character(let value): if let key = KeyMapping.key(character: value) { return key }
            case .key(let key?): return key
            case .key(nil), .silence: continue
            }
        }
    }

    private enum Read {
        case input(EscapeSequence.Input)
        /// A signal or a resize interrupted the wait (a resize is read next, as a key).
        case interrupted
        /// Nothing came within the time given.
        case timedOut
        case closed
        case failed
    }

    /// The next key or character, waiting for it up to `milliseconds` (-1: as long as it takes).
    private func waitForKey(milliseconds: Int32) -> Read {
        guard let window else { return .closed }
        var character: wint_t = 0
        wtimeout(window, 0)
        var status = wget_wch(window, &character)
        if status == ERR {
            switch waitForInput(milliseconds: milliseconds) {
            case .signalOrInterrupt:
                // SIGWINCH lands here too; the zero-timeout read reports KEY_RESIZE next time.
                return .interrupted
            case .closed:
                return .closed
            case .timedOut where milliseconds >= 0:
                return .timedOut
            case .timedOut, .readable:
                wtimeout(window, -1)
                status = wget_wch(window, &character)
            }
        }
        if status == ERR { return dmf_pending_signal() != 0 ? .interrupted : .failed }
        return .input(Self.input(status: status, value: character))
    }

    /// The rest of a sequence after an ESC curses handed over as a character. The first input
    /// is only what is already there: curses has just waited its Esc delay for it.
    private func readEscapeSequence() -> Key? {
        var sequence = EscapeSequence()
        var wait: Int32 = 0
        while true {
            let input = nextInput(waitingUpTo: wait)
            wait = Self.sequenceByteWaitMilliseconds
            switch sequence.feed(input) {
            case .more: continue
            case .finished(let key): return key
            case .finishedBefore(let key):
                replayedInput = input
                return key
            }
        }
    }

    /// What arrives within `milliseconds` (0: only what is already there). A signal ends the
    /// wait as silence; the main loop then reports it.
    private func nextInput(waitingUpTo milliseconds: Int32) -> EscapeSequence.Input {
        guard let window else { return .silence }
        var character: wint_t = 0
        wtimeout(window, 0)
        var status = wget_wch(window, &character)
        if status == ERR, milliseconds > 0, waitForInput(milliseconds: milliseconds) == .readable {
            status = wget_wch(window, &character)
        }
        return status == ERR ? .silence : Self.input(status: status, value: character)
    }

    private static func input(status: Int32, value: wint_t) -> EscapeSequence.Input {
        status == KEY_CODE_YES ? .key(KeyMapping.functionKey(Int32(bitPattern: value))) : .character(value)
    }

    private func takePendingSignal() -> Key? {
        let sig = dmf_pending_signal()
        guard sig != 0 else { return nil }
        dmf_clear_pending_signal()
        return .signal(Int32(sig))
    }

    private enum Wait { case readable, timedOut, signalOrInterrupt, closed }

    /// Sleeps in poll() on the terminal and the signal pipe; -1 waits for ever.
    private func waitForInput(milliseconds: Int32) -> Wait {
        var fds = (
            pollfd(fd: fileno(input), events: Int16(POLLIN), revents: 0),
            pollfd(fd: dmf_signal_fd(), events: Int16(POLLIN), revents: 0)
        )
        let result = withUnsafeMutableBytes(of: &fds) { raw in
            let pointer = raw.baseAddress!.assumingMemoryBound(to: pollfd.self)
            return poll(pointer, pointer[1].fd >= 0 ? 2 : 1, milliseconds)
        }
        if result < 0 { return errno == EINTR ? .signalOrInterrupt : .closed }
        if result == 0 { return .timedOut }
        if fds.1.fd >= 0, fds.1.revents != 0 { return .signalOrInterrupt }
        if fds.0.revents & Int16(POLLNVAL) != 0 { return .closed }
        // POLLHUP/POLLERR: let wget_wch report ERR so the failure count decides.
        return .readable
    }
}

/// Translates `wget_wch` results into `Key`s.
enum KeyMapping {
    /// The key for a character `wget_wch` read, or nil for one the app has no use for.
    static func key(character value: wint_t) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace  // terminals send either for Backspace: ^? or ^H
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(value) + 96)))
        case 0, 28...31, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        // Shift with a cursor or editing key, which terminfo names apart (xterm's `kri` is
        // `ESC [ 1 ; 2 A`): the plain key, as for every other modifier.
        case KEY_SR: return .up
        case KEY_SF: return .down
        case KEY_SLEFT: return .left
        case KEY_SRIGHT: return .right
        case KEY_SHOME: return .home
        case KEY_SEND: return .end
        case KEY_SDC: return .delete
        case KEY_SPREVIOUS: return .pageUp
        case KEY_SNEXT: return .pageDown
        default:
            let f1 = nc_KEY_F(1)
            if code >= f1, code < f1 + 12 { return .function(Int(code - f1) + 1) }
            return code > KEY_MAX ? modifiedKey(code) : nil
        }
    }

    /// A key the terminal description lists with a modifier (xterm's `kRIT5` for Ctrl-→),
    /// which curses numbers above KEY_MAX: the plain cursor or editing key, as `EscapeSequence`
    /// does for the ones it reads itself.
    static func modifiedKey(_ code: Int32) -> Key? {
        guard let name = keyname(code) else { return nil }
        /// Whether the name is `k`, then `base`, then a modifier's number (2–8) or nothing (rxvt's
        /// `kUP` is Shift-↑).
        func named(_ base: StaticString) -> Bool {
            guard name[0] == CChar(UInt8(ascii: "k")) else { return false }
            let count = base.utf8CodeUnitCount
            // A shorter name stops at its NUL, which matches no letter.
            for index in 0..<count where UInt8(bitPattern: name[index + 1]) != base.utf8Start[index] { return false }
            let next = UInt8(bitPattern: name[count + 1])
            return next == 0 || (0x32...0x38).contains(next)
        }
        if named("UP") { return .up }
        if named("DN") { return .down }
        if named("LFT") { return .left }
        if named("RIT") { return .right }
        if named("HOM") { return .home }
        if named("END") { return .end }
        if named("DC") { return .delete }
        if named("PRV") { return .pageUp }
        if named("NXT") { return .pageDown }
        return nil
    }

    /// The curses key code for `key`, for `define_key`; 0 for a character (the sequence is
    /// then taken out of curses' table, so `EscapeSequence` types it).
    static func code(for key: Key) -> Int32? {
        switch key {
        case .up: KEY_UP
        case .down: KEY_DOWN
        case .left: KEY_LEFT
        case .right: KEY_RIGHT
        case .home: KEY_HOME
        case .end: KEY_END
        case .pageUp: KEY_PPAGE
        case .pageDown: KEY_NPAGE
        case .delete: KEY_DC
        case .enter: KEY_ENTER
        case .backTab: KEY_BTAB
        case .function(let number): nc_KEY_F(Int32(number))
        case .char: 0
        default: nil
        }
    }
}
