import TerminalUI

/// What the terminals people use send for the keys the wizard reads, with curses' keypad mode
/// on (application cursor keys and keypad), and the TERM each usually runs under. The key is
/// nil for a sequence that must be swallowed: neither Esc nor typed text.
struct TerminalKeys: Sendable, CustomStringConvertible {
    var terminal: String
    var term: String
    var keys: [(bytes: String, key: Key?)]

    var description: String { "\(terminal) (TERM=\(term))" }

    static let all: [TerminalKeys] = [putty, rxvt, xterm, linuxConsole, screen, tmux]

    static let putty = TerminalKeys(
        terminal: "PuTTY", term: "xterm",
        keys: [
            ("\u{1b}[1~", .home), ("\u{1b}[4~", .end), ("\u{1b}[11~", .function(1)), ("\u{1b}[12~", .function(2)),
            ("\u{1b}[13~", .function(3)), ("\u{1b}[14~", .function(4)), ("\u{1b}[15~", .function(5)),
            ("\u{1b}[3~", .delete), ("\u{1b}[2~", nil), ("\u{1b}[5~", .pageUp), ("\u{1b}[6~", .pageDown),
            ("\u{7f}", .backspace), ("\u{08}", .backspace), ("\u{1b}OA", .up), ("\u{1b}OD", .left),
            // Ctrl with an arrow: the other cursor-key mode.
            ("\u{1b}[A", .up), ("\u{1b}[C", .right),
            // The keypad in application mode.
            ("\u{1b}Oq", .char("1")), ("\u{1b}Ow", .char("7")), ("\u{1b}Op", .char("0")), ("\u{1b}OM", .enter),
        ])

    static let rxvt = TerminalKeys(
        terminal: "rxvt", term: "rxvt",
        keys: [
            ("\u{1b}[7~", .home), ("\u{1b}[8~", .end), ("\u{1b}[11~", .function(1)), ("\u{1b}[14~", .function(4)),
            ("\u{1b}[3~", .delete), ("\u{7f}", .backspace), ("\u{08}", .backspace),
            // Shift-↑, Ctrl-→, Ctrl-Home, Alt-↑ (ESC then ↑).
            ("\u{1b}[a", .up), ("\u{1b}Oc", .right), ("\u{1b}[7^", .home), ("\u{1b}\u{1b}[A", .up),
            // Ctrl-F1, Shift-F3 (F13): modified function keys are swallowed.
            ("\u{1b}[11^", nil), ("\u{1b}[25~", nil),
        ])

    static let xterm = TerminalKeys(
        terminal: "xterm", term: "xterm-256color",
        keys: [
            ("\u{1b}OH", .home), ("\u{1b}OF", .end), ("\u{1b}[H", .home), ("\u{1b}[F", .end),
            ("\u{1b}OP", .function(1)), ("\u{1b}OQ", .function(2)), ("\u{1b}OR", .function(3)),
            ("\u{1b}OS", .function(4)), ("\u{1b}[15~", .function(5)), ("\u{1b}[24~", .function(12)),
            ("\u{1b}[3~", .delete), ("\u{7f}", .backspace),
            // Modified: Ctrl-→, Shift-↑, Ctrl-Delete, Ctrl-Home, Alt-PgUp; Shift-F1 swallowed.
            ("\u{1b}[1;5C", .right), ("\u{1b}[1;2A", .up), ("\u{1b}[3;5~", .delete), ("\u{1b}[1;5H", .home),
            ("\u{1b}[5;3~", .pageUp), ("\u{1b}[1;2P", nil),
            // Alt-x, focus reports and bracketed-paste markers are not keys.
            ("\u{1b}x", nil), ("\u{1b}[I", nil), ("\u{1b}[200~", nil), ("\u{1b}[<0;3;4M", nil),
        ])

    static let linuxConsole = TerminalKeys(
        terminal: "the linux console", term: "linux",
        keys: [
            ("\u{1b}[1~", .home), ("\u{1b}[4~", .end), ("\u{1b}[[A", .function(1)), ("\u{1b}[[B", .function(2)),
            ("\u{1b}[[C", .function(3)), ("\u{1b}[[D", .function(4)), ("\u{1b}[[E", .function(5)),
            ("\u{1b}[3~", .delete), ("\u{7f}", .backspace), ("\u{1b}[A", .up), ("\u{1b}[B", .down),
            ("\u{1b}[5~", .pageUp),
        ])

    static let screen = TerminalKeys(
        terminal: "screen", term: "screen",
        keys: [
            ("\u{1b}[1~", .home), ("\u{1b}[4~", .end), ("\u{1b}OP", .function(1)), ("\u{1b}OS", .function(4)),
            ("\u{1b}[3~", .delete), ("\u{7f}", .backspace), ("\u{1b}OA", .up), ("\u{1b}[6~", .pageDown),
        ])

    static let tmux = TerminalKeys(
        terminal: "tmux", term: "tmux-256color",
        keys: [
            ("\u{1b}[1~", .home), ("\u{1b}[4~", .end), ("\u{1b}OP", .function(1)),
            // F1 as PuTTY and rxvt send it, passed through.
            ("\u{1b}[11~", .function(1)), ("\u{1b}[3~", .delete), ("\u{7f}", .backspace), ("\u{1b}OA", .up),
            ("\u{1b}[1;5C", .right), ("\u{1b}[1;5D", .left), ("\u{1b}[5;5~", .pageUp), ("\u{1b}[Z", .backTab),
        ])
}
