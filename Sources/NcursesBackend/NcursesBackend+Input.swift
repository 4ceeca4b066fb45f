import CNcursesw
import CTermSupport
import Glibc
import TerminalUI

extension NcursesBackend {
    /// Blocks until a key, a resize, a terminating signal, or the end of input.
    ///
    /// Waiting happens in `poll()` on the terminal and the signal self-pipe with no timeout:
    /// zero CPU and no wake-ups while idle. A signal that arrives just before the wait still
    /// wakes it through the pipe; a bare blocking `wget_wch` would sleep through it until the
    /// next key (the flag is checked before read() starts). Keys curses already holds are
    /// drained first with a zero timeout, since poll cannot see curses' own queue.
    /// Drops what curses and the terminal hold of keys not yet read.
    public func discardTypeahead() {
        guard window != nil else { return }
        flushinp()
    }

    public func readKey() -> Key {
        guard let window else { return .endOfInput }
        var failures = 0
        while true {
            if let key = takePendingSignal() { return key }
            var character: wint_t = 0
            wtimeout(window, 0)
            var status = wget_wch(window, &character)
            if status == ERR {
                switch waitForInput() {
                case .signalOrInterrupt:
                    // SIGWINCH lands here too; the zero-timeout read above reports KEY_RESIZE.
                    continue
                case .closed:
                    return .endOfInput
                case .readable:
                    wtimeout(window, -1)
                    status = wget_wch(window, &character)
                }
            }
            if status == ERR {
                if dmf_pending_signal() != 0 { continue }
                // Readable but nothing decoded: end of file, or an input error. Give up after a
                // few in a row instead of spinning.
                failures += 1
                if failures >= 3 { return .endOfInput }
                continue
            }
            failures = 0
            if let key = KeyMapping.key(status: status, value: character) { return key }
        }
    }

    private func takePendingSignal() -> Key? {
        let sig = dmf_pending_signal()
        guard sig != 0 else { return nil }
        dmf_clear_pending_signal()
        return .signal(Int32(sig))
    }

    private enum Wait { case readable, signalOrInterrupt, closed }

    private func waitForInput() -> Wait {
        var fds = [
            pollfd(fd: fileno(input), events: Int16(POLLIN), revents: 0),
            pollfd(fd: dmf_signal_fd(), events: Int16(POLLIN), revents: 0),
        ]
        let result = poll(&fds, fds[1].fd >= 0 ? 2 : 1, -1)
        if result < 0 { return errno == EINTR ? .signalOrInterrupt : .closed }
        if fds.count > 1, fds[1].revents != 0 { return .signalOrInterrupt }
        if fds[0].revents & Int16(POLLNVAL) != 0 { return .closed }
        // POLLHUP/POLLERR: let wget_wch report ERR so the failure count decides.
        return .readable
    }
}

/// Translates `wget_wch` results into `Key`s.
enum KeyMapping {
    /// The key for one `wget_wch` result, or nil for input the app has no use for.
    static func key(status: Int32, value: wint_t) -> Key? {
        if status == KEY_CODE_YES { return functionKey(Int32(bitPattern: value)) }
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
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
        default:
            let f1 = nc_KEY_F(1)
            if code >= f1, code < f1 + 12 { return .function(Int(code - f1) + 1) }
            return nil
        }
    }
}
