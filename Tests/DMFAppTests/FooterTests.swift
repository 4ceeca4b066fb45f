import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import DMFApp

/// Every screen's footer, at 80×24 and at 60×20: it shows the words of every key the screen
/// takes, each hint whole, wrapping onto a second line when one is not enough, under the frame.
@Suite struct FooterTests {
    static let sizes = ScreenFitTests.sizes

    /// The rows under the frame's bottom border.
    static func footerRows(_ canvas: Canvas) -> [String] {
        let lines = canvas.lines
        guard let border = lines.lastIndex(where: { $0.hasPrefix("└") }) else { return [] }
        return lines[(border + 1)...].map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Draws the screen on show and checks its footer: every hint is on one footer row, whole,
    /// in order, and the rows hold nothing else.
    static func check(_ app: FullScreenApp, _ size: ScreenFitTests.Size, _ context: String) {
        let canvas = app.render(width: size.width, height: size.height).canvas
        let hints = app.model.hints
        let rows = footerRows(canvas)
        let where_ = "\(context) at \(size.testDescription)"
        #expect(!hints.isEmpty, "\(where_): a footer with no keys")
        #expect(!rows.isEmpty && rows.count <= 3, "\(where_): footer rows \(rows)\n\(canvas.text)")
        for hint in hints {
            #expect(rows.contains { $0.contains(hint) }, "\(where_): \"\(hint)\" is not whole in \(rows)")
        }
        #expect(rows.joined(separator: " · ") == hints.joined(separator: " · "), "\(where_): \(rows)")
        for row in rows { #expect(row.count <= size.width - 2, "\(where_): \(row)") }
    }

    /// Plays `keys`, checking the footer before each and at the end.
    static func walk(_ app: FullScreenApp, _ keys: [Key], _ size: ScreenFitTests.Size, _ context: String) {
        for key in keys {
            check(app, size, "\(context) on \(app.screenIdentity)")
            app.handle(key)
            app.settle()
        }
        check(app, size, "\(context) at the end")
    }

    @Test(arguments: sizes)
    func theStartMenuAndItsScreens(size: ScreenFitTests.Size) throws {
        let folder = TemporaryFolder()
        let store = folder.drafts
        try FileManager.default.createDirectory(atPath: store.folder, withIntermediateDirectories: true)
        try "format: 1\ndata:\n  description: \"A draft\"\n".write(
            toFile: store.folder + "/draft-20261110-120010-AAAA.yaml", atomically: true, encoding: .utf8)
        let app = ScreenTests.app(folder, drafts: true)
        // The menu; its quit question; about; help; open a file; the drafts; helpdesk mode on.
        Self.walk(
            app,
            [
                .escape, .char("n"), .char("4"), .enter, .enter, .function(1), .char("x"), .char("3"), .enter,
                .escape, .char("2"), .enter, .char("d"), .char("n"), .escape, .char("5"), .enter, .char("1"),
                .enter,
            ], size, "start")
        #expect(app.helpdesk)
    }

    @Test(arguments: sizes)
    func everyWizardScreenOfEveryJourney(size: ScreenFitTests.Size) {
        for journey in Journey.all {
            let folder = TemporaryFolder()
            let app = ScreenTests.app(folder)
            Self.walk(app, Drive.keys(journey, to: .outcome), size, journey.name)
            // Help over a screen, the save screen, saving, and the saved files.
            Self.walk(app, [.char("s"), .escape, .char("s")], size, "\(journey.name) save")
            app.handle(.enter)
            Self.check(app, size, "\(journey.name) saving")
            app.settle()
            #expect(app.isShowing(SavedScreen.self))
            Self.check(app, size, "\(journey.name) saved")
        }
    }

    @Test(arguments: sizes)
    func everyHelpdeskScreen(size: ScreenFitTests.Size) {
        let folder = TemporaryFolder()
        let app = HelpdeskScreenTests.app(folder)
        Self.walk(app, HelpdeskScreenTests.keys(.thirdPartyBlocked, to: .outcome), size, "helpdesk")
        app.handle(.char("?"))
        Self.check(app, size, "help over the outcome")
    }

    @Test(arguments: sizes)
    func everyTrainingScreen(size: ScreenFitTests.Size) throws {
        let folder = TemporaryFolder()
        let app = FullScreenApp(
            session: WizardSession(wizard: Wizard(), drafts: nil, training: true, clock: FixedClock.clock),
            drafts: folder.drafts, clock: FixedClock.clock, outputFolder: folder.makeOutputFolder())
        let cases = TrainingTests.cases
        app.startTraining(cases: cases)
        let item = try #require(cases.first)
        Self.walk(app, TrainingTests.nameKeys + [.char("2"), .up, .enter], size, "training to the story")
        #expect(app.isShowing(StoryScreen.self))
        // The case's questions, with its story read again on the way; the prediction and ticks.
        Self.walk(app, [.enter, .ctrl("r"), .char("x")], size, "the first question and the story")
        Self.walk(app, Drive.keys(TrainingTests.journey(item), to: .outcome), size, "the case")
        #expect(app.isShowing(PredictScreen.self))
        Self.walk(app, [.char("r"), .char("x"), .char("1"), .enter], size, "the prediction")
        Self.walk(
            app, Array(repeating: .down, count: TrainingResult.pickableRules.count) + [.up, .down, .char("c")], size,
            "the ticks")
        #expect(app.isShowing(ComparisonScreen.self))
        Self.walk(app, [.enter, .char("q"), .char("s")], size, "the summary")
        let nothingDone = ScreenStateTests.trainingApp(folder)
        Self.walk(nothingDone, TrainingTests.nameKeys + [.char("q")], size, "a summary of nothing")
    }

    @Test func aFooterTooLongForOneLineWrapsBetweenHintsAndTheFrameMakesRoom() {
        let folder = TemporaryFolder()
        let app = ScreenTests.app(folder)
        ScreenTests.fastForward(app, Drive.keys(.thirdPartyBlocked, to: .check))
        let canvas = app.render(width: 60, height: 20).canvas
        let lines = canvas.lines
        #expect(lines[16].hasPrefix("└") || lines[17].hasPrefix("└"), "\(canvas.text)")
        let rows = Self.footerRows(canvas)
        #expect(rows.count == 2, "\(rows)")
        #expect(rows.allSatisfy { !$0.hasPrefix("·") && !$0.hasSuffix("·") }, "broken between hints: \(rows)")
        #expect(Footer.lines(["ab", "cd", "ef"], width: 7, widthFunction: { _ in 1 }) == ["ab · cd", "ef"])
        #expect(Footer.lines(["ab"], width: 7, widthFunction: { _ in 1 }) == ["ab"])
        #expect(Footer.lines([], width: 7, widthFunction: { _ in 1 }) == [""])
        // A hint wider than the line (none is, at 60 columns) wraps at its spaces.
        #expect(Footer.lines(["one two three"], width: 7, widthFunction: { _ in 1 }) == ["one two", "three"])
    }

    /// The go-to-step prompt is drawn over the footer's first row; the rest of the footer is
    /// cleared, so no hint is left beside a prompt that takes other keys.
    @Test func theGoToStepPromptTakesTheWholeFooter() {
        let folder = TemporaryFolder()
        let app = HelpdeskScreenTests.app(folder)
        ScreenTests.fastForward(app, HelpdeskScreenTests.keys(.sameSystemProceed, until: "T1") + [.char("g")])
        let rows = Self.footerRows(app.render(width: 60, height: 20).canvas)
        #expect(rows.first?.hasPrefix("Go to step") == true, "\(rows)")
        #expect(rows.dropFirst().allSatisfy { $0.isEmpty }, "\(rows)")
    }
}
