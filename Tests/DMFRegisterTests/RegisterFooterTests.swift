import DMFFlow
import Foundation
import TerminalUI
import Testing

@testable import DMFApp

/// The register's screens at 80×24 and 60×20 show every key's words in their footer, wrapping
/// onto a second line: the entry's footer used to end at "o sender copy deleted", losing
/// "d all deleted · v reviewed · Esc back".
@Suite("Register screen footers") struct RegisterFooterTests {
    static func check(_ app: FullScreenApp, width: Int, height: Int, _ context: String) {
        let canvas = app.view(width: width, height: height).canvas
        let lines = canvas.lines
        let border = lines.lastIndex { $0.hasPrefix("└") } ?? lines.count
        let rows = lines[min(lines.count, border + 1)...].map { $0.trimmingCharacters(in: .whitespaces) }
        let hints = app.model.hints
        for hint in hints {
            #expect(rows.contains { $0.contains(hint) }, "\(context) \(width)x\(height): \(hint) in \(rows)")
        }
        #expect(rows.joined(separator: " · ") == hints.joined(separator: " · "), "\(context): \(canvas.text)")
    }

    @Test(arguments: [(80, 24), (60, 20)])
    func everyRegisterScreenNamesEveryKey(width: Int, height: Int) throws {
        let scratch = RegisterScreenTests.Scratch()
        _ = try scratch.filled()
        let app = scratch.app()
        RegisterScreenTests.press(app, [.char("6"), .enter])
        #expect(app.isShowing(RegisterScreen.self))
        Self.check(app, width: width, height: height, "the list")
        RegisterScreenTests.press(app, [.char("/")])
        Self.check(app, width: width, height: height, "search")
        RegisterScreenTests.press(app, "ash".map(Key.char) + [.enter, .enter])
        #expect(RegisterScreenTests.text(app).contains("What has happened"))
        Self.check(app, width: width, height: height, "the entry")
        let entry = app.view(width: width, height: height).canvas.text
        #expect(entry.contains("d all deleted") && entry.contains("v reviewed") && entry.contains("Esc back"))
        RegisterScreenTests.press(app, [.char("d")])
        Self.check(app, width: width, height: height, "a change")
    }
}
