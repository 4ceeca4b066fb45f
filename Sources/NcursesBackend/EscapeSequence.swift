import TerminalUI

/// Reads what follows an ESC from the keyboard, by the grammar terminals use for keys (ECMA-48):
/// CSI (`ESC [`) then parameter bytes, intermediate bytes and one final byte; SS3 (`ESC O`) then
/// one final byte; the linux console's `ESC [ [` then one letter.
///
/// curses knows only the sequences the terminal description lists. Anything else it hands over
/// as the byte ESC followed by the rest as characters, so PuTTY's Home (`ESC [ 1 ~` under
/// TERM=xterm) used to arrive as Esc (back) and the typed text `[1~`. Reading by the grammar
/// instead, a sequence is one key however it is split in time, and one nobody uses is
/// swallowed whole: never Esc, never typed text. A lone ESC (nothing follows within the Esc
/// delay) is the Esc key. Modifiers are dropped from cursor and editing keys (`ESC [ 1 ; 5 C`,
/// Ctrl-→, is →).
///
/// A value type with no storage beyond a few integers, fed one input at a time, so decoding
/// costs no allocation.
struct EscapeSequence {
    /// What the backend read after the ESC.
    enum Input: Equatable {
        /// A character (its code point).
        case character(UInt32)
        /// A key curses decoded itself; nil for one the app has no use for.
        case key(Key?)
        /// Nothing arrived in time.
        case silence
    }

    enum Step: Equatable {
        /// The sequence goes on: feed the next input.
        case more
        /// The sequence is complete: the key it names, or nil when it names none (swallowed).
        case finished(Key?)
        /// The input just fed does not belong to the sequence: it ends with `key` (nil:
        /// swallowed), and that input must be handled afresh.
        case finishedBefore(Key?)
    }

    private enum State {
        /// Just after the ESC.
        case escape
        /// After ESC ESC: an Alt-modified sequence may follow (rxvt sends Alt-↑ as ESC ESC [ A).
        case doubleEscape
        /// After `ESC [`.
        case csi
        /// After `ESC [ [` (the linux console's F1–F5).
        case linuxFunction
        /// After `ESC O`.
        case ss3
    }

    private var state = State.escape
    /// The first numeric parameter (`11` in `ESC [ 11 ~`); -1 until a digit is seen.
    private var firstParameter = -1
    /// Whether the first parameter is over (a `;` was seen): later ones are modifiers.
    private var pastFirstParameter = false
    /// A private marker (`<`, `=`, `>`, `?`) or an intermediate byte: a report or mouse event,
    /// never a key.
    private var notAKey = false
    /// Bytes read after the introducer.
    private var length = 0

    /// Feeds the next input after the ESC.
    mutating func feed(_ input: Input) -> Step {
        switch state {
        case .escape:
            switch input {
            case .silence: return .finished(.escape)
            case .character(0x5B): state = .csi
            case .character(0x4F): state = .ss3
            case .character(0x1B): state = .doubleEscape
            // A resize that came in the same instant: the Esc stands, then the resize.
            case .key(.resize?): return .finishedBefore(.escape)
            // Alt with a key curses decoded (ESC then `ESC O A`): as with modifiers inside a
            // sequence, the plain cursor or editing key, and a function key swallowed.
            case .key(.function?): return .finished(nil)
            case .key(let key): return .finished(key)
            // Alt with a character (ESC x): typing the letter would be a surprise, Esc a worse
            // one. Swallowed.
            case .character: return .finished(nil)
            }
            return .more
        case .doubleEscape:
            switch input {
            case .silence: return .finished(.escape)  // Esc twice within the Esc delay: once
            case .character(0x5B): state = .csi
            case .character(0x4F): state = .ss3
            case .key(.resize?): return .finishedBefore(.escape)
            case .key(.function?): return .finished(nil)
            case .key(let key): return .finished(key)
            case .character: return .finishedBefore(.escape)
            }
            return .more
        case .csi, .ss3, .linuxFunction:
            guard case .character(let value) = input else {
                // Cut short: nothing came in time, or something that cannot be part of it.
                return input == .silence ? .finished(nil) : .finishedBefore(nil)
            }
            return body(value)
        }
    }

    private mutating func body(_ value: UInt32) -> Step {
        defer { length += 1 }
        if state == .linuxFunction {
            guard (0x40...0x7E).contains(value) else { return .finishedBefore(nil) }
            return .finished(Self.linuxFunctionKey(final: UInt8(value)))
        }
        switch value {
        case 0x5B where state == .csi && length == 0:
            state = .linuxFunction
            return .more
        case 0x30...0x39:
            if !pastFirstParameter, !notAKey {
                // Capped: a flood of digits must not overflow.
                firstParameter = min(max(firstParameter, 0) * 10 + Int(value - 0x30), 10_000)
            }
            return .more
        case 0x3A, 0x3B:  // `:` and `;` separate parameters
            pastFirstParameter = true
            return .more
        case 0x3C...0x3F, 0x20...0x2F:
            notAKey = true
            return .more
        case 0x40...0x7E:
            guard !notAKey else { return .finished(nil) }
            let final = UInt8(value)
            return .finished(
                state == .csi
                    ? Self.csiKey(final: final, parameter: firstParameter, modified: pastFirstParameter)
                    : Self.ss3Key(final: final, modified: pastFirstParameter || firstParameter >= 0))
        default:
            // A control character, ESC or anything outside the grammar: the sequence was cut
            // short, and this starts whatever comes next.
            return .finishedBefore(nil)
        }
    }

    /// `ESC [ … final`. A modifier (a second parameter) is dropped from cursor and editing keys;
    /// a modified function key (Shift-F1) is swallowed, since terminals number them differently.
    static func csiKey(final: UInt8, parameter: Int, modified: Bool) -> Key? {
        switch final {
        case UInt8(ascii: "A"), UInt8(ascii: "a"): .up  // a–d: rxvt's Shift-arrows
        case UInt8(ascii: "B"), UInt8(ascii: "b"): .down
        case UInt8(ascii: "C"), UInt8(ascii: "c"): .right
        case UInt8(ascii: "D"), UInt8(ascii: "d"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "Z"): .backTab
        case UInt8(ascii: "~"): tildeKey(parameter, modified: modified)
        // rxvt's modified forms of `~`: `^` Ctrl, `$` Shift, `@` both.
        case UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "@"): tildeKey(parameter, modified: true)
        default: nil
        }
    }

    /// The VT220 numbering of `ESC [ n ~`.
    static func tildeKey(_ number: Int, modified: Bool) -> Key? {
        switch number {
        case 1, 7: .home  // 1: PuTTY, linux, screen, tmux; 7: rxvt
        case 4, 8: .end
        case 3: .delete
        case 5: .pageUp
        case 6: .pageDown
        case 11...15 where !modified: .function(number - 10)
        case 17...21 where !modified: .function(number - 11)
        case 23, 24: modified ? nil : .function(number - 12)
        default: nil  // 2 Insert, modified or Shift-F keys, bracketed-paste markers
        }
    }

    /// `ESC O final`: cursor and function keys, and the keypad in application mode (curses
    /// switches it on with the cursor keys), whose digits are typed as digits.
    static func ss3Key(final: UInt8, modified: Bool) -> Key? {
        switch final {
        case UInt8(ascii: "A"), UInt8(ascii: "a"): .up  // a–d: rxvt's Ctrl-arrows
        case UInt8(ascii: "B"), UInt8(ascii: "b"): .down
        case UInt8(ascii: "C"), UInt8(ascii: "c"): .right
        case UInt8(ascii: "D"), UInt8(ascii: "d"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "P")...UInt8(ascii: "S"):
            modified ? nil : .function(Int(final - UInt8(ascii: "P")) + 1)
        case UInt8(ascii: "M"): .enter
        case UInt8(ascii: "p")...UInt8(ascii: "y"): .char(Character(Unicode.Scalar(final - 0x40)))  // "0"…"9"
        case UInt8(ascii: "j")...UInt8(ascii: "o"): .char(Character(Unicode.Scalar(final - 0x40)))  // * + , - . /
        case UInt8(ascii: "X"): .char("=")
        default: nil
        }
    }

    /// `ESC [ [ A`…`E`: F1–F5 on the linux console.
    static func linuxFunctionKey(final: UInt8) -> Key? {
        switch final {
        case UInt8(ascii: "A")...UInt8(ascii: "E"): .function(Int(final - UInt8(ascii: "A")) + 1)
        default: nil
        }
    }

    /// The sequences common terminals send for keys the app uses, whatever TERM says: PuTTY
    /// (TERM=xterm by default), rxvt, xterm, the linux console, screen and tmux.
    static let commonVariants: [String] = [
        // Home and End.
        "\u{1b}[1~", "\u{1b}[4~", "\u{1b}[7~", "\u{1b}[8~", "\u{1b}[H", "\u{1b}[F", "\u{1b}OH", "\u{1b}OF",
        // F1–F4 (F5 too on the linux console).
        "\u{1b}[11~", "\u{1b}[12~", "\u{1b}[13~", "\u{1b}[14~", "\u{1b}OP", "\u{1b}OQ", "\u{1b}OR", "\u{1b}OS",
        "\u{1b}[[A", "\u{1b}[[B", "\u{1b}[[C", "\u{1b}[[D", "\u{1b}[[E",
        // Delete, Page Up and Page Down.
        "\u{1b}[3~", "\u{1b}[5~", "\u{1b}[6~",
        // The arrows in both cursor-key modes: not every terminal honours the switch.
        "\u{1b}[A", "\u{1b}[B", "\u{1b}[C", "\u{1b}[D", "\u{1b}OA", "\u{1b}OB", "\u{1b}OC", "\u{1b}OD",
        // The keypad in application mode: 0–9 and * + , - . / =.
        "\u{1b}Op", "\u{1b}Oq", "\u{1b}Or", "\u{1b}Os", "\u{1b}Ot", "\u{1b}Ou", "\u{1b}Ov", "\u{1b}Ow", "\u{1b}Ox",
        "\u{1b}Oy", "\u{1b}Oj", "\u{1b}Ok", "\u{1b}Ol", "\u{1b}Om", "\u{1b}On", "\u{1b}Oo", "\u{1b}OX",
    ]

    /// Decodes a whole sequence given as text starting with ESC, as if it arrived at once:
    /// nil when it names no key or is not one sequence. For tests and for the table of
    /// variants handed to curses.
    static func decode(_ sequence: String) -> Key? {
        var scalars = sequence.unicodeScalars.makeIterator()
        guard scalars.next() == "\u{1b}" else { return nil }
        var decoder = EscapeSequence()
        while let scalar = scalars.next() {
            switch decoder.feed(.character(scalar.value)) {
            case .more: continue
            case .finished(let key): return scalars.next() == nil ? key : nil
            case .finishedBefore: return nil
            }
        }
        if case .finished(let key) = decoder.feed(.silence) { return key }
        return nil
    }
}
