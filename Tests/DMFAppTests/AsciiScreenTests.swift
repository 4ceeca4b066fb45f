import DMFApp
import DMFFlow
import TerminalUI
import Testing

/// Terminals whose locale is not UTF-8 get ASCII borders, markers and punctuation, and typed
/// accents fall back to plain letters instead of vanishing.
@Suite struct AsciiScreenTests {
    init() { FixedClock.install() }

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
