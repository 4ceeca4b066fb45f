import TerminalUI
import Testing

@Suite struct TextInputTests {
    @Test func typingInsertsAtTheCursor() {
        var input = TextInput()
        for key: Key in [.char("a"), .char("c"), .left, .char("b")] {
            let consumed = input.handle(key)
            #expect(consumed)
        }
        #expect(input.text == "abc")
        #expect(input.cursor == 2)
    }

    @Test func utf8NameIsEditedByGrapheme() {
        var input = TextInput("Siân Ó Ceallaigh")
        #expect(input.cursor == 16)
        input.handle(.home)
        input.handle(.right); input.handle(.right); input.handle(.right)
        input.handle(.backspace)  // removes "â" whole
        #expect(input.text == "Sin Ó Ceallaigh")
        input.insert("â")
        #expect(input.text == "Siân Ó Ceallaigh")
        #expect(input.cursor == 3)
    }

    @Test func combiningAccentJoinsThePreviousLetter() {
        var input = TextInput("Sia")
        input.insert("\u{302}")
        #expect(input.text == "Siâ")
        #expect(input.text.count == 3)
        #expect(input.cursor == 3)
        input.handle(.backspace)
        #expect(input.text == "Si")
    }

    @Test func deleteAndBackspaceAtTheEnds() {
        var input = TextInput("ab")
        input.handle(.delete)
        #expect(input.text == "ab")
        input.handle(.home)
        input.handle(.backspace)
        #expect(input.text == "ab")
        input.handle(.delete)
        #expect(input.text == "b")
        #expect(input.cursor == 0)
    }

    @Test func readlineChords() {
        var input = TextInput("hello world")
        input.handle(.ctrl("a"))
        #expect(input.cursor == 0)
        input.handle(.ctrl("e"))
        #expect(input.cursor == 11)
        for _ in 0..<5 { input.handle(.left) }
        input.handle(.ctrl("k"))
        #expect(input.text == "hello ")
        input.handle(.left)
        input.handle(.ctrl("u"))
        #expect(input.text == " ")
        #expect(input.cursor == 0)
    }

    @Test func cursorStaysInRange() {
        var input = TextInput("ab")
        input.handle(.right)
        #expect(input.cursor == 2)
        input.handle(.home)
        input.handle(.left)
        #expect(input.cursor == 0)
        input.cursor = 99
        #expect(input.cursor == 2)
    }

    @Test func unrelatedKeysAreNotConsumed() {
        var input = TextInput("x")
        for key: Key in [.enter, .escape, .tab, .up, .down, .function(1), .ctrl("s"), .resize] {
            let consumed = input.handle(key)
            #expect(!consumed)
        }
        #expect(input.text == "x")
    }

    @Test func shortTextIsShownWholeWithTheCursorAtItsColumn() {
        let input = TextInput("Siân")
        let shown = input.visible(width: 10)
        #expect(shown.text == "Siân")
        #expect(shown.cursorColumn == 4)
    }

    @Test func longTextScrollsSoTheCursorStaysVisible() {
        var input = TextInput("Siân Ó Ceallaigh")
        var shown = input.visible(width: 8)
        #expect(shown.cursorColumn == 7)
        #expect(shown.text == "eallaigh".suffix(7).description)
        input.handle(.home)
        shown = input.visible(width: 8)
        #expect(shown.text == "Siân Ó C")
        #expect(shown.cursorColumn == 0)
    }

    @Test func scrollingCountsWideCharacters() {
        let input = TextInput("漢字漢字")
        let shown = input.visible(width: 5)
        #expect(shown.text == "漢字")
        #expect(shown.cursorColumn == 4)
    }
}
