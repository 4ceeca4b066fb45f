import TerminalUI
import Testing

@Suite struct CanvasTests {
    @Test func newCanvasIsBlankAndEveryLineIsExactlyTheWidth() {
        let canvas = Canvas(width: 5, height: 2)
        #expect(canvas.lines == ["     ", "     "])
        #expect(canvas.text == "\n")
        #expect(canvas.cursor == nil)
    }

    @Test func putReturnsColumnsUsedAndKeepsStyle() {
        var canvas = Canvas(width: 10, height: 1)
        let used = canvas.put("abc", x: 2, y: 0, style: .accent)
        #expect(used == 3)
        #expect(canvas.lines[0] == "  abc     ")
        #expect(canvas.style(atX: 2, y: 0) == .accent)
        #expect(canvas.style(atX: 5, y: 0) == .normal)
    }

    @Test func putClipsAtTheRightEdge() {
        var canvas = Canvas(width: 5, height: 1)
        #expect(canvas.put("abcdefgh", x: 3, y: 0) == 2)
        #expect(canvas.lines[0] == "   ab")
    }

    @Test func putClipsAtMaxWidth() {
        var canvas = Canvas(width: 10, height: 1)
        #expect(canvas.put("abcdefgh", x: 1, y: 0, maxWidth: 3) == 3)
        #expect(canvas.lines[0] == " abc      ")
    }

    @Test func putOutsideTheCanvasDrawsNothing() {
        var canvas = Canvas(width: 4, height: 2)
        #expect(canvas.put("x", x: 0, y: 2) == 0)
        #expect(canvas.put("x", x: 0, y: -1) == 0)
        #expect(canvas.put("abcd", x: -2, y: 0) == 2)
        #expect(canvas.lines == ["cd  ", "    "])
    }

    @Test func wideCharactersTakeTwoColumns() {
        var canvas = Canvas(width: 6, height: 1)
        #expect(canvas.put("漢字", x: 0, y: 0) == 4)
        #expect(canvas.lines[0] == "漢字  ")
        #expect(canvas.cells[0][1].isContinuation)
    }

    @Test func wideCharacterThatDoesNotFitAtTheEdgeBecomesASpace() {
        var canvas = Canvas(width: 4, height: 1)
        #expect(canvas.put("a漢字", x: 0, y: 0) == 4)
        #expect(canvas.lines[0] == "a漢 ")
        #expect(canvas.cells[0][3].grapheme == " " && !canvas.cells[0][3].isContinuation)
        var clipped = Canvas(width: 10, height: 1)
        #expect(clipped.put("漢字", x: 0, y: 0, maxWidth: 3) == 3)
        #expect(clipped.lines[0] == "漢        ")
    }

    @Test func wideCharacterStraddlingTheLeftEdgeLeavesASpace() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("漢ab", x: -1, y: 0)
        #expect(canvas.lines[0] == " ab ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("漢字", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)
        #expect(canvas.lines[0] == " x字")
        canvas.put("y", x: 2, y: 0)
        #expect(canvas.lines[0] == " xy ")
    }

    @Test func combiningAccentsStayWithTheirLetter() {
        var canvas = Canvas(width: 6, height: 1)
        #expect(canvas.put("Sia\u{302}n", x: 0, y: 0) == 4)
        #expect(canvas.lines[0] == "Sia\u{302}n  ")
        #expect(canvas.lines[0] == "Siân  ")
    }

    @Test func textTrimsTrailingSpacesButLinesKeepThem() {
        var canvas = Canvas(width: 6, height: 2)
        canvas.put("hi", x: 0, y: 1)
        #expect(canvas.lines == ["      ", "hi    "])
        #expect(canvas.text == "\nhi")
    }

    @Test func fillBlanksARowWithAStyle() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.put("abcd", x: 0, y: 0)
        canvas.fill(row: 0, style: .banner)
        #expect(canvas.lines[0] == "    ")
        #expect((0..<4).allSatisfy { canvas.style(atX: $0, y: 0) == .banner })
        #expect(canvas.style(atX: 0, y: 1) == .normal)
    }

    @Test func canvasesCompareByContentAndCursor() {
        var a = Canvas(width: 3, height: 1)
        var b = Canvas(width: 3, height: 1)
        #expect(a == b)
        a.cursor = (1, 0)
        #expect(a != b)
        b.cursor = (1, 0)
        #expect(a == b)
        b.put("x", x: 0, y: 0)
        #expect(a != b)
    }
}

@Suite struct BoxDrawingTests {
    @Test func unicodeBoxWithTitle() {
        var canvas = Canvas(width: 16, height: 4)
        canvas.box(x: 0, y: 0, width: 16, height: 4, title: "Setup")
        #expect(
            canvas.text == """
                ┌─ Setup ──────┐
                │              │
                │              │
                └──────────────┘
                """)
        #expect(canvas.style(atX: 0, y: 0) == .border)
        #expect(canvas.style(atX: 4, y: 0) == .title)
    }

    @Test func asciiBoxWithSeparator() {
        var canvas = Canvas(width: 8, height: 4)
        canvas.box(x: 0, y: 0, width: 8, height: 4, charset: .ascii)
        canvas.hline(x: 0, y: 2, width: 8, charset: .ascii, tees: true)
        #expect(
            canvas.text == """
                +------+
                |      |
                +------+
                +------+
                """)
    }

    @Test func unicodeSeparatorJoinsTheSides() {
        var canvas = Canvas(width: 5, height: 3)
        canvas.box(x: 0, y: 0, width: 5, height: 3)
        canvas.hline(x: 0, y: 1, width: 5, tees: true)
        #expect(canvas.lines[1] == "├───┤")
    }

    @Test func longTitleIsClippedAndCornersSurvive() {
        var canvas = Canvas(width: 10, height: 2)
        canvas.box(x: 0, y: 0, width: 10, height: 2, title: "A very long title")
        #expect(canvas.lines[0] == "┌─ A ver─┐")
    }

    @Test func boxClippedByTheCanvasDoesNotCrash() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.box(x: 2, y: 1, width: 6, height: 5)
        #expect(canvas.lines == ["    ", "  ┌─"])
    }

    @Test func markersForBothCharsets() {
        #expect(BoxCharset.unicode.radioSelected == "(•)")
        #expect(BoxCharset.ascii.radioSelected == "(*)")
        #expect(BoxCharset.unicode.radioUnselected == "( )")
        #expect(BoxCharset.ascii.checkboxChecked == "[x]")
        #expect(BoxCharset.unicode.checkboxUnchecked == "[ ]")
        #expect(BoxCharset.forUnicode(false) == .ascii)
    }
}
