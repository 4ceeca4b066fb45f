import TerminalUI
import Testing

@Suite struct HeadlessBackendTests {
    @Test func returnsScriptedKeysThenEndOfInput() {
        let backend = HeadlessBackend(keys: [.down, .char("é"), .enter])
        #expect(backend.readKey() == .down)
        #expect(backend.readKey() == .char("é"))
        #expect(backend.readKey() == .enter)
        #expect(backend.readKey() == .endOfInput)
        #expect(backend.readKey() == .endOfInput)
    }

    @Test func recordsFramesAndShowsTheLastAsScreen() {
        let backend = HeadlessBackend(width: 10, height: 2, keys: [])
        #expect(backend.screen == "")
        var canvas = backend.makeCanvas()
        canvas.put("one", x: 0, y: 0)
        backend.present(canvas)
        canvas.put("two", x: 0, y: 1)
        backend.present(canvas)
        #expect(backend.frames.count == 2)
        #expect(backend.screen == "one\ntwo")
    }

    @Test func scriptedResizeChangesSizeAndReportsResize() {
        let backend = HeadlessBackend(
            width: 80, height: 24, steps: [.key(.tab), .resize(width: 40, height: 10), .key(.enter)])
        #expect(backend.readKey() == .tab)
        #expect(backend.size == (80, 24))
        #expect(backend.readKey() == .resize)
        #expect(backend.size == (40, 10))
        #expect(backend.readKey() == .enter)
    }

    @Test func resizeFromATestIsReportedBeforeTheNextScriptedKey() {
        let backend = HeadlessBackend(keys: [.escape])
        backend.resize(width: 30, height: 8)
        #expect(backend.size == (30, 8))
        #expect(backend.readKey() == .resize)
        #expect(backend.readKey() == .escape)
    }

    @Test func reportsCapabilitiesAndCloses() {
        let backend = HeadlessBackend(keys: [], unicode: false, colour: true)
        #expect(!backend.supportsUnicode)
        #expect(backend.supportsColour)
        backend.close()
        backend.close()
        #expect(backend.closeCount == 2)
    }
}
