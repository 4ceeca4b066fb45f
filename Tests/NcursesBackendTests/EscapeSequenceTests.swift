import TerminalUI
import Testing

@testable import NcursesBackend

/// The key decoder alone, without curses: every terminal's sequences, and what happens when one
/// is cut short, interrupted or unknown.
struct EscapeSequenceTests {
    /// Feeds what follows the ESC, then silence if the decoder still wants more.
    static func decode(_ inputs: [EscapeSequence.Input]) -> EscapeSequence.Step {
        var sequence = EscapeSequence()
        for input in inputs {
            let step = sequence.feed(input)
            if step != .more { return step }
        }
        return sequence.feed(.silence)
    }

    static func characters(_ text: String) -> [EscapeSequence.Input] {
        text.unicodeScalars.map { .character($0.value) }
    }

    @Test(arguments: TerminalKeys.all)
    func everyTerminalsSequencesAreOneKeyOrNone(terminal: TerminalKeys) {
        for (bytes, key) in terminal.keys where bytes.hasPrefix("\u{1b}") {
            let step = Self.decode(Self.characters(String(bytes.dropFirst())))
            #expect(step == .finished(key), "\(terminal): \(Array(bytes.unicodeScalars))")
        }
    }

    @Test func aLoneEscIsTheEscKeyAndTwoAtOnceAreOne() {
        #expect(Self.decode([]) == .finished(.escape))
        #expect(Self.decode([.character(27)]) == .finished(.escape))
    }

    @Test func aSequenceCutShortIsSwallowedNotTyped() {
        // Nothing more came in time: what arrived is dropped, never typed as "[1".
        #expect(Self.decode(Self.characters("[1")) == .finished(nil))
        #expect(Self.decode(Self.characters("O")) == .finished(nil))
        #expect(Self.decode(Self.characters("[[")) == .finished(nil))
        // Something that cannot be part of it: the sequence so far is dropped, and the newcomer
        // is handled afresh (here the start of the next sequence, or a key curses decoded).
        #expect(Self.decode(Self.characters("[1") + [.character(27)]) == .finishedBefore(nil))
        #expect(Self.decode(Self.characters("[") + [.key(.up)]) == .finishedBefore(nil))
        #expect(Self.decode(Self.characters("[1") + [.character(13)]) == .finishedBefore(nil))
        #expect(Self.decode(Self.characters("[[") + [.character(0x7F)]) == .finishedBefore(nil))
    }

    @Test func whatFollowsAnEscAtOnceIsNeverTypedText() {
        // Alt with a letter, or a sequence nobody sends as a key: swallowed.
        for text in ["x", "c", "]", "[2J", "[31m", "[?1;2c", "[6n", "[ q", "[200~", "O5", "[[Z"] {
            #expect(Self.decode(Self.characters(text)) == .finished(nil), "\(text)")
        }
        // Alt with a key curses decoded: the plain key; a function key is swallowed.
        #expect(Self.decode([.key(.down)]) == .finished(.down))
        #expect(Self.decode([.key(.function(1))]) == .finished(nil))
        #expect(Self.decode([.key(nil)]) == .finished(nil))
        // A resize at the same instant does not eat the Esc.
        #expect(Self.decode([.key(.resize)]) == .finishedBefore(.escape))
        // Esc twice, then something else: one Esc, and the rest afresh.
        #expect(Self.decode([.character(27), .character(UInt32(UInt8(ascii: "x")))]) == .finishedBefore(.escape))
    }

    @Test func aFloodOfParameterDigitsNeitherOverflowsNorNamesAKey() {
        let digits = String(repeating: "9", count: 400)
        #expect(Self.decode(Self.characters("[" + digits + "~")) == .finished(nil))
        #expect(Self.decode(Self.characters("[1;" + digits + "C")) == .finished(.right))
    }

    @Test func theVariantsHandedToCursesAreEachAKeyCursesCanName() {
        #expect(EscapeSequence.commonVariants.count == Set(EscapeSequence.commonVariants).count, "no duplicates")
        for sequence in EscapeSequence.commonVariants {
            let key = EscapeSequence.decode(sequence)
            #expect(key != nil, "\(Array(sequence.unicodeScalars))")
            if let key { #expect(KeyMapping.code(for: key) != nil, "\(key)") }
        }
        // The ones named for Home, End, F1–F4 and Delete.
        let expected: [(String, Key)] = [
            ("\u{1b}[1~", .home), ("\u{1b}[4~", .end), ("\u{1b}[7~", .home), ("\u{1b}[8~", .end),
            ("\u{1b}[H", .home), ("\u{1b}[F", .end), ("\u{1b}OH", .home), ("\u{1b}OF", .end),
            ("\u{1b}[11~", .function(1)), ("\u{1b}[14~", .function(4)), ("\u{1b}OP", .function(1)),
            ("\u{1b}OS", .function(4)), ("\u{1b}[[A", .function(1)), ("\u{1b}[[D", .function(4)),
            ("\u{1b}[3~", .delete),
        ]
        for (sequence, key) in expected {
            #expect(EscapeSequence.commonVariants.contains(sequence))
            #expect(EscapeSequence.decode(sequence) == key)
        }
    }

    @Test func backspaceIsBothControlHAndDelete() {
        #expect(KeyMapping.key(character: 0x7F) == .backspace)
        #expect(KeyMapping.key(character: 0x08) == .backspace)
    }
}
