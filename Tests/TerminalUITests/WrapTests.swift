import TerminalUI
import Testing

@Suite struct WrapTests {
    @Test func wrapsAtWordBoundaries() {
        #expect(wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
    }

    @Test func keepsExplicitNewlinesAndEmptyLines() {
        #expect(wrap("one\n\ntwo three", width: 20) == ["one", "", "two three"])
    }

    @Test func hardBreaksWordsLongerThanTheWidth() {
        #expect(wrap("abcdefghij xy", width: 4) == ["abcd", "efgh", "ij", "xy"])
    }

    @Test func countsWideCharactersAsTwoColumns() {
        #expect(wrap("漢字漢字 ab", width: 5) == ["漢字", "漢字", "ab"])
    }

    @Test func accentedTextWrapsByColumnsNotBytes() {
        #expect(wrap("Siân Ó Ceallaigh", width: 6) == ["Siân Ó", "Ceallaigh".prefix(6).description, "igh"])
    }

    @Test func emptyTextIsOneEmptyLine() {
        #expect(wrap("", width: 10) == [""])
    }
}

@Suite struct DisplayWidthTests {
    @Test func approximateWidths() {
        let width = DisplayWidths.approximate
        #expect(width("a") == 1)
        #expect(width("é") == 1)
        #expect(width("e\u{301}") == 1)
        #expect(width("\u{301}") == 0)
        #expect(width("漢") == 2)
        #expect(width("Ａ") == 2)
        #expect(width("한") == 2)
        #expect(width("£") == 1)
        #expect(width("—") == 1)
        #expect(width("✓") == 1)
        #expect(width("─") == 1)
        #expect(displayColumns(of: "Siân Ó Ceallaigh") == 16)
    }
}

@Suite struct ThemeTests {
    @Test func selectionNeverDependsOnColourAlone() {
        for theme in [Theme.colour, .monochrome, .highContrast] {
            #expect(theme[.selected].hasNonColourCue, "\(theme.name)")
            #expect(theme[.error].hasNonColourCue, "\(theme.name)")
            #expect(theme[.danger].hasNonColourCue, "\(theme.name)")
        }
    }

    @Test func highContrastAndMonochromeUseNoColour() {
        for theme in [Theme.monochrome, .highContrast] {
            #expect(!theme.usesColour)
            for style in Style.allCases {
                #expect(theme[style].foreground == nil && theme[style].background == nil)
            }
        }
        #expect(Style.allCases.allSatisfy { !Theme.highContrast[$0].dim })
    }

    @Test func styleTablesAreIndexedByRawValue() {
        // Themes and the curses attribute table are arrays indexed by `rawValue`, in `allCases`
        // order; explicit raw values would break that.
        #expect(Style.allCases.map(\.rawValue) == Array(0..<Style.allCases.count))
        #expect(Theme.monochrome[.normal] == .plain, "a style a theme leaves out is plain")
        #expect(Theme.colour[.banner] == Theme.Presentation(bold: true, reverse: true, foreground: .blue))
    }
}
