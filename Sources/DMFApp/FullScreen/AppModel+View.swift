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
        var title = screen.title(state)
        // The title and the step label share the top line: shorten them rather than overlap.
        if let label = title.step, title.text.count + label.count + 8 > width {
            title.text = title.text.replacingOccurrences(of: "\(ScreenTitle.app) · ", with: "")
            title.step = label.replacingOccurrences(of: "Step ", with: "").replacingOccurrences(of: " of ", with: "/")
        }
        if state.projector {
            _ = canvas.put(title.text, x: 1, y: 0, style: .title, maxWidth: width - 2)
        } else {
            canvas.box(
                x: 0, y: 0, width: width, height: height - 1, style: .border, title: title.text,
                charset: state.charset)
        }
        if let step = title.step {
            let label = " \(step) "
            _ = canvas.put(label, x: max(2, width - 2 - label.count), y: 0, style: .title)
        }
        var hints = screen.hints(state)
        if case .help? = overlay { hints = HelpOverlay.bindings.hints() }
        _ = canvas.put(Self.fitted(hints, width: width - 2), x: 1, y: height - 1, style: .hint)
        if screen.step != nil, let wizard = state.session?.wizard, state.helpdesk || wizard.screen == .outcome {
            // The caller can read this back to rebuild their choices on another machine.
            let code = " Resume code \(ResumeCode.encode(wizard.answers)) "
            _ = canvas.put(code, x: max(2, width - 2 - code.count), y: height - 2, style: .title)
        }
        var page = Page(width: width - 6, widthFunction: canvas.widthFunction)
        if state.training != nil { page.header(FilledDMF.trainingBanner, style: .banner) }
        if case .help? = overlay {
            HelpOverlay.view(&page, question: screen.step == nil ? nil : state.session?.wizard.currentQuestion)
        } else {
            screen.view(&page, state)
        }
        let layout = page.draw(into: &canvas, left: 3, top: 2, bottom: height - 2, scroll: scroll)
        if case .jump(let prompt)? = overlay { prompt.view(&canvas) }
        if !state.unicode { canvas.mapGraphemes(AsciiFallback.character) }
        return FullScreenApp.Frame(canvas: canvas, layout: layout)
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

    /// The hints, in order, that fit in `width` columns; the rest are in the F1 help and README.
    static func fitted(_ hints: [String], width: Int) -> String {
        var line = ""
        for hint in hints {
            let candidate = line.isEmpty ? hint : line + " · " + hint
            guard candidate.count <= width else { break }
            line = candidate
        }
        return line
    }
}
