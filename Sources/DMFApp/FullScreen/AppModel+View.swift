import DMFDocuments
import DMFFlow
import TerminalUI

/// Drawing: the frame (title, step label, key hints, resume code) around the page of the screen
/// on show. Nothing here changes the model, reads a clock or runs the engine.
extension AppModel {
    /// Draws the whole screen.
    func view(width: Int, height: Int, widthFunction: @escaping DisplayWidth) -> FullScreenApp.Frame {
        // Without UTF-8 every character is drawn as one ASCII column (see `AsciiFallback`).
        let oneColumn: DisplayWidth = { _ in 1 }
        var canvas = Canvas(width: width, height: height, widthFunction: state.unicode ? widthFunction : oneColumn)
        guard width >= Self.minimumSize.width, height >= Self.minimumSize.height else {
            return FullScreenApp.Frame(canvas: tooSmall(canvas), layout: Page.Layout())
        }
        let title = Self.fitted(screen.title(state), width: width)
        // The footer takes the rows its hints need (every hint whole), the frame the rest.
        let footer = Footer.lines(hints, width: width - 2, widthFunction: canvas.widthFunction)
        let footerTop = height - footer.count
        if state.projector {
            _ = canvas.put(title.text, x: 1, y: 0, style: .title, maxWidth: width - 2)
        } else {
            canvas.box(
                x: 0, y: 0, width: width, height: footerTop, style: .border, title: title.text,
                charset: state.charset)
        }
        if let step = title.step {
            let label = " \(step) "
            _ = canvas.put(label, x: max(2, width - 2 - label.count), y: 0, style: .title)
        }
        for (index, line) in footer.enumerated() {
            _ = canvas.put(line, x: 1, y: footerTop + index, style: .hint, maxWidth: width - 2)
        }
        if screen.step != nil, let wizard = state.session?.wizard, state.helpdesk || wizard.screen == .outcome {
            // The caller can read this back to rebuild their choices on another machine.
            let code = " Resume code \(ResumeCode.encode(wizard.answers)) "
            _ = canvas.put(code, x: max(2, width - 2 - code.count), y: footerTop - 1, style: .title)
        }
        var page = Page(width: width - 6, widthFunction: canvas.widthFunction)
        if state.training != nil { page.header(FilledDMF.trainingBanner, style: .banner) }
        switch overlay {
        case .help?:
            HelpOverlay.view(&page, question: screen.step == nil ? nil : state.session?.wizard.currentQuestion)
        case .story?:
            StoryOverlay.view(&page, state.training?.currentCase)
        case .jump?, nil:
            screen.view(&page, state)
        }
        let layout = page.draw(into: &canvas, left: 3, top: 2, bottom: footerTop - 1, scroll: scroll)
        if case .jump(let prompt)? = overlay { prompt.view(&canvas, rows: footerTop..<height) }
        if !state.unicode { canvas.mapGraphemes(AsciiFallback.character) }
        return FullScreenApp.Frame(canvas: canvas, layout: layout)
    }

    /// The footer's hints: those of the overlay taking the keys, else of the screen on show.
    var hints: [String] {
        switch overlay {
        case .help?: HelpOverlay.bindings.hints()
        case .story?: StoryOverlay.bindings.hints()
        case .jump?, nil: screen.hints(state)
        }
    }

    private func tooSmall(_ canvas: Canvas) -> Canvas {
        var canvas = canvas
        let lines = wrap(
            """
            Make the window at least \(Self.minimumSize.width)×\(Self.minimumSize.height) (it is \
            \(canvas.width)×\(canvas.height) now). Your answers are kept; the wizard continues when it is large \
            enough.
            """,
            width: max(1, canvas.width - 2), widthFunction: canvas.widthFunction)
        for (index, line) in lines.prefix(canvas.height).enumerated() {
            _ = canvas.put(line, x: min(1, canvas.width - 1), y: index, style: index == 0 ? .warning : .normal)
        }
        return canvas
    }

    /// The title and step label shortened until they fit side by side on the top line: first
    /// without the app's name, then "13 of 26 · Code X1", then "13/26 · Code X1".
    static func fitted(_ title: ScreenTitle, width: Int) -> ScreenTitle {
        guard let label = title.step else { return title }
        let short = title.text.replacingOccurrences(of: "\(ScreenTitle.app) · ", with: "")
        let withoutStep = label.replacingOccurrences(of: "Step ", with: "")
        let candidates = [
            title, ScreenTitle(text: short, step: label), ScreenTitle(text: short, step: withoutStep),
            ScreenTitle(
                text: short,
                step: withoutStep.replacingOccurrences(of: " of about ", with: "/~").replacingOccurrences(
                    of: " of ", with: "/")),
        ]
        return candidates.first { $0.text.count + ($0.step?.count ?? 0) + 8 <= width } ?? candidates[3]
    }
}
