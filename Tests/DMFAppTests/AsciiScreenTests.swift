import DMFApp
import DMFFlow
import TerminalUI
import Testing

/// Terminals whose locale is not UTF-8 get ASCII borders, markers and punctuation, and typed
/// accents fall back to plain letters instead of vanishing.
@Suite struct AsciiScreenTests {
    @Test func asciiTerminalShowsOnlyAsciiAndKeepsTypedNamesReadable() {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Array("Siân Ó Ceallaigh").map { Key.char($0) })
        let backend = HeadlessBackend(width: 80, height: 24, keys: [.right], unicode: false)
        _ = FullScreenLoop.run(app, on: backend)
        let screen = backend.screen
        let allASCII = screen.allSatisfy { $0.isASCII }
        #expect(allASCII)
        #expect(screen.contains("+- DMF wizard - About you"))
        #expect(screen.contains("[Sian O Ceallaigh"))
        #expect(screen.contains("Enter next - Esc back"))
    }
}

/// Projector mode: a room reads the screen from a distance.
@Suite struct ProjectorScreenTests {
    @Test func projectorDrawsNoFrameAndLeavesABlankLineBetweenChoices() throws {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        app.projector = true
        ScreenTests.fastForward(app, [.enter, .enter, .enter])  // Y1–Y3 skipped: T1 is a choice
        let screen = ScreenTests.play(app, [.down]).screen
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let framed = screen.contains("┌") || screen.contains("│")
        #expect(!framed)
        #expect(lines.first?.hasPrefix(" DMF wizard · The transfer") == true)
        let share = try #require(lines.firstIndex { $0.contains("1 Share") })
        #expect(lines[share + 1].allSatisfy { $0 == " " })
        #expect(lines[share + 2].contains("2 Move"))
    }
}
