import DMFDocuments
import DMFFlow
import TerminalUI

/// Drawing: the frame (title, step code, key hints, resume code) around the page of the screen
/// on show. Nothing here changes the app.
extension FullScreenApp {
    /// One drawn frame: the canvas to present, and what its page showed (for tests: nothing cut
    /// off unseen).
    public struct Frame {
        public let canvas: Canvas
        public let layout: Page.Layout
    }

    /// Draws the whole screen for the current state.
    public func view(width: Int, height: Int, widthFunction: @escaping DisplayWidth = DisplayWidths.approximate)
        -> Frame
    {
        // Without UTF-8 every character is drawn as one ASCII column (see `AsciiFallback`).
        let oneColumn: DisplayWidth = { _ in 1 }
        var canvas = Canvas(width: width, height: height, widthFunction: unicode ? widthFunction : oneColumn)
        let charset = BoxCharset.forUnicode(unicode)
        guard width >= Self.minimumSize.width, height >= Self.minimumSize.height else {
            return Frame(canvas: tooSmall(canvas), layout: Page.Layout())
        }
        var (title, step) = headings()
        // The title and the step label share the top line: shorten them rather than overlap.
        if let label = step, title.count + label.count + 8 > width {
            title = title.replacingOccurrences(of: "DMF wizard · ", with: "")
            step = label.replacingOccurrences(of: "Step ", with: "").replacingOccurrences(of: " of ", with: "/")
        }
        if projector {
            _ = canvas.put(title, x: 1, y: 0, style: .title, maxWidth: width - 2)
        } else {
            canvas.box(x: 0, y: 0, width: width, height: height - 1, style: .border, title: title, charset: charset)
        }
        if let step {
            let label = " \(step) "
            _ = canvas.put(label, x: max(2, width - 2 - label.count), y: 0, style: .title)
        }
        _ = canvas.put(Self.fitted(hints(), width: width - 2), x: 1, y: height - 1, style: .hint)
        if case .wizard = screen, helpdesk || session.wizard.screen == .outcome {
            // The caller can read this back to rebuild their choices on another machine.
            let code = " Resume code \(ResumeCode.encode(session.wizard.answers)) "
            _ = canvas.put(code, x: max(2, width - 2 - code.count), y: height - 2, style: .title)
        }
        var page = Page(width: width - 6, widthFunction: canvas.widthFunction)
        if !mode.isStartMenu, session.training { page.header(FilledDMF.trainingBanner, style: .banner) }
        if case .help? = overlay {
            HelpOverlay.view(&page, question: mode == .wizard ? session.wizard.currentQuestion : nil)
        } else {
            body(&page, charset: charset)
        }
        let layout = page.draw(into: &canvas, left: 3, top: 2, bottom: height - 2, scroll: scroll)
        if case .jump(let prompt)? = overlay { prompt.view(&canvas) }
        if !unicode { canvas.mapGraphemes(AsciiFallback.character) }
        return Frame(canvas: canvas, layout: layout)
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

    private func headings() -> (String, String?) {
        let app = "DMF wizard"
        switch screen {
        case .start: return (app, nil)
        case .drafts: return ("\(app) · Saved drafts", nil)
        case .openFile: return ("\(app) · Open an answers file", nil)
        case .register: return ("\(app) · The register", nil)
        case .about: return ("\(app) · About and help", nil)
        case .save, .saved: return ("\(app) · Save the DMF and checklist", nil)
        case .traineeName, .trainingList, .story, .predict, .pickActions, .comparison, .summary:
            return ("\(app) · Training", nil)
        case .wizard:
            let (title, step) = WizardScreen.headings(session.wizard)
            return (title, step)
        }
    }

    /// The key hints, most important first, from the bindings of what takes the keys;
    /// `fitted` keeps what fits.
    private func hints() -> [String] {
        if case .help? = overlay { return HelpOverlay.bindings.hints() }
        switch screen {
        case .start: return StartScreen.bindings(helpdesk: helpdesk).hints()
        case .drafts: return DraftsScreen.bindings.hints()
        case .openFile: return OpenFileScreen.bindings.hints()
        case .register(let register): return register.bindings.hints()
        case .about: return AboutScreen.bindings.hints()
        case .wizard(let shown): return shown.hints(wizard: session.wizard, settings: wizardSettings)
        case .save: return SaveScreen.bindings.hints()
        case .saved: return SavedScreen.bindings.hints()
        case .traineeName: return TraineeNameScreen.bindings.hints()
        case .trainingList: return TrainingListScreen.bindings.hints()
        case .story: return StoryScreen.bindings.hints()
        case .predict: return PredictScreen.bindings.hints()
        case .pickActions(let pick): return pick.bindings.hints()
        case .comparison: return ComparisonScreen.bindings.hints()
        case .summary: return SummaryScreen.bindings(training).hints()
        }
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

    private func body(_ page: inout Page, charset: BoxCharset) {
        switch screen {
        case .start(let start):
            start.view(&page, helpdesk: helpdesk, newestDraft: newestDraft, due: dueLine, charset: charset)
        case .drafts(let drafts): drafts.view(&page)
        case .openFile(let openFile): openFile.view(&page)
        case .register(let register): register.view(&page)
        case .about: AboutScreen.view(&page)
        case .wizard(let shown):
            shown.view(&page, session: session, settings: wizardSettings, projector: projector, charset: charset)
        case .save(let save): save.view(&page, charset: charset)
        case .saved(let paths): SavedScreen.view(&page, paths: paths, register: registerNote)
        case .traineeName(let name): name.view(&page)
        case .trainingList(let list): list.view(&page, run: training, charset: charset)
        case .story: StoryScreen.view(&page, trainingCase: training.currentCase)
        case .predict(let predict): predict.view(&page, charset: charset)
        case .pickActions(let pick): pick.view(&page, charset: charset)
        case .comparison: ComparisonScreen.view(&page, run: training, wizard: session.wizard)
        case .summary(let summary): summary.view(&page, run: training)
        }
    }
}
