import DMFDocuments
import DMFFlow
import DMFPolicy
import TerminalUI

/// Drawing: one function per screen, all into a canvas.
extension FullScreenApp {
    /// Writes lines inside the frame, wrapping, and remembers where it got to.
    struct Page {
        var canvas: Canvas
        let left: Int
        let width: Int
        var y: Int
        let bottom: Int

        mutating func line(_ text: String, style: Style = .normal, indent: Int = 0) {
            // Leading spaces are layout (list markers), which word wrapping would drop.
            let leading = text.prefix { $0 == " " }.count
            let indent = indent + leading
            for part in wrap(String(text.dropFirst(leading)), width: width - indent, widthFunction: canvas.widthFunction) {
                guard y < bottom else { return }
                _ = canvas.put(part, x: left + indent, y: y, style: style, maxWidth: width - indent)
                y += 1
            }
        }

        /// One option of a list: its radio marker, highlighted when selected (never colour alone).
        mutating func option(_ text: String, selected: Bool, charset: BoxCharset) {
            line("\(selected ? charset.radioSelected : charset.radioUnselected) \(text)", style: selected ? .selected : .normal, indent: 1)
        }

        mutating func gap() { if y < bottom { y += 1 } }
        var remaining: Int { max(0, bottom - y) }
    }

    /// Draws the whole screen for the current state.
    public func render(width: Int, height: Int, widthFunction: @escaping DisplayWidth = DisplayWidths.approximate) -> Canvas {
        lastSize = (width, height)
        // Without UTF-8 every character is drawn as one ASCII column (see `AsciiFallback`).
        let oneColumn: DisplayWidth = { _ in 1 }
        var canvas = Canvas(width: width, height: height, widthFunction: unicode ? widthFunction : oneColumn)
        let charset = BoxCharset.forUnicode(unicode)
        guard width >= Self.minimumSize.width, height >= Self.minimumSize.height else {
            return tooSmall(canvas)
        }
        let (title, step) = headings()
        if projector {
            _ = canvas.put(title, x: 1, y: 0, style: .title, maxWidth: width - 2)
        } else {
            canvas.box(x: 0, y: 0, width: width, height: height - 1, style: .border, title: title, charset: charset)
        }
        if let step {
            let label = " \(step) "
            _ = canvas.put(label, x: max(2, width - 2 - label.count), y: 0, style: .title)
        }
        _ = canvas.put(footer(), x: 1, y: height - 1, style: .hint, maxWidth: width - 2)
        var page = Page(canvas: canvas, left: 3, width: width - 6, y: 2, bottom: height - 2)
        if mode == .wizard, helpdesk || wizard.screen == .outcome {
            // The caller can read this back to rebuild their choices on another machine.
            let code = " Resume code \(ResumeCode.encode(wizard.answers)) "
            _ = page.canvas.put(code, x: max(2, width - 2 - code.count), y: height - 2, style: .title)
        }
        if !mode.isStartMenu, session.training { page.line(FilledDMF.trainingBanner, style: .banner); page.gap() }
        if showingHelp {
            drawHelp(&page)
        } else {
            switch mode {
            case .start: drawStart(&page, charset: charset)
            case .drafts: drawDrafts(&page)
            case .openFile: drawOpenFile(&page)
            case .about: drawAbout(&page)
            case .save: drawSave(&page, charset: charset)
            case .saved(let paths): drawSaved(&page, paths: paths)
            case .trainingList, .story, .predict, .pickActions, .comparison, .summary: drawTraining(&page, charset: charset)
            case .wizard:
                switch wizard.screen {
                case .question, .recipientField: drawQuestion(&page, charset: charset)
                case .recipients: drawRecipients(&page)
                case .check: drawCheck(&page)
                case .outcome: drawOutcome(&page)
                }
            }
        }
        if let jumpInput {
            let prompt = "Go to step (a code such as R2; Enter go, Esc cancel): "
            page.canvas.fill(row: height - 1, style: .normal)
            _ = page.canvas.put(prompt + jumpInput.text, x: 1, y: height - 1, style: .selected, maxWidth: width - 2)
            page.canvas.cursor = (min(width - 2, 1 + prompt.count + jumpInput.text.count), height - 1)
        }
        if !unicode { page.canvas.mapGraphemes(AsciiFallback.character) }
        return page.canvas
    }

    private func tooSmall(_ canvas: Canvas) -> Canvas {
        var canvas = canvas
        let lines = wrap(
            "Make the window at least \(Self.minimumSize.width)×\(Self.minimumSize.height) (it is \(canvas.width)×\(canvas.height) now). Your answers are kept; the wizard continues when it is large enough.",
            width: max(1, canvas.width - 2), widthFunction: canvas.widthFunction)
        for (index, line) in lines.prefix(canvas.height).enumerated() {
            _ = canvas.put(line, x: min(1, canvas.width - 1), y: index, style: index == 0 ? .warning : .normal)
        }
        return canvas
    }

    private func headings() -> (String, String?) {
        let app = "DMF wizard"
        switch mode {
        case .start: return (app, nil)
        case .drafts: return ("\(app) · Saved drafts", nil)
        case .openFile: return ("\(app) · Open an answers file", nil)
        case .about: return ("\(app) · About and help", nil)
        case .save, .saved: return ("\(app) · Save the DMF and checklist", nil)
        case .trainingList, .story, .predict, .pickActions, .comparison, .summary: return ("\(app) · Training", nil)
        case .wizard: break
        }
        switch wizard.screen {
        case .check: return ("\(app) · Check your answers", "Code CHECK")
        case .outcome: return ("\(app) · Outcome", "Code OUTCOME")
        default:
            let section = wizard.currentQuestion?.section.title ?? ""
            let (step, total) = wizard.progress
            return ("\(app) · \(section)", "Step \(step) of \(total) · Code \(wizard.stepCode)")
        }
    }

    private func footer() -> String {
        if showingHelp { return "Any key: back to the question" }
        switch mode {
        case .start: return "↑↓ or 1-\(startItems.count) choose · Enter select · F1 help · q quit"
        case .drafts: return "↑↓ choose · Enter open · Esc back"
        case .openFile: return "Type the file's path · Enter open · Esc back"
        case .about: return "Any key: back"
        case .save: return "Enter save · ↑↓ move · Space tick a format · type the folder · Esc back"
        case .saved: return "Enter finish"
        case .trainingList: return "↑↓ choose · Enter open · q finish"
        case .story: return "Enter start the case · ↑↓ scroll · Esc back"
        case .predict: return "↑↓ or 1-4 choose · Enter next · Esc back"
        case .pickActions: return "↑↓ move · Space tick · Enter on Done (or c) to see the outcome · Esc back"
        case .comparison: return "↑↓ scroll · Enter next case"
        case .summary: return "Enter finish"
        case .wizard: break
        }
        switch wizard.screen {
        case .question, .recipientField:
            if case .choice = wizard.currentQuestion?.kind {
                return helpdesk
                    ? "Enter next · Esc back · number choose · F1/? help · g go to step · q quit"
                    : "Enter next · Esc back · ↑↓ or number choose · F1/? help · Ctrl-S save · q quit"
            }
            return helpdesk
                ? "Enter next · Esc back · F1 help · Ctrl-G go to step · Ctrl-S save"
                : "Enter next · Esc back · F1 help · Ctrl-S save · (q types a q here)"
        case .recipients: return "Enter choose · a add · d remove · c continue · Esc back · F1 help · q quit"
        case .check: return "↑↓ choose · Enter change · c confirm · Esc back · q quit"
        case .outcome: return "↑↓ scroll · s save · Esc back · q quit"
        }
    }

    private func drawNotice(_ page: inout Page) {
        if let notice = wizard.notice {
            page.line("Note: " + notice, style: .warning)
            page.gap()
        }
        if let problem = session.saveProblem { page.line(problem, style: .error) }
    }

    private func drawQuestion(_ page: inout Page, charset: BoxCharset) {
        guard let question = wizard.currentQuestion else { return }
        drawNotice(&page)
        if case .recipientField(let index, _) = wizard.screen {
            page.line("Recipient \(index + 1)", style: .heading)
        }
        page.line(question.prompt, style: .heading)
        page.line("Why we ask: \(question.why)", style: .dim)
        if helpdesk { page.line("Read to the caller: \(question.readAloud)", style: .accent) }
        page.gap()
        switch question.kind {
        case .choice(let choices):
            // On a projector, a blank line between choices when they fit, so a room can read them.
            let spaced = projector && page.remaining >= choices.count * 2 + 2
            for (index, choice) in choices.enumerated() {
                page.option("\(choice.number)  \(choice.label)", selected: index == highlight, charset: charset)
                if spaced { page.gap() }
            }
        case .text:
            drawField(&page, width: 60, focused: true)
            page.line(question.isRequired ? "Required." : "Optional: press Enter with the field empty to skip.", style: .dim, indent: 1)
        case .recipients:
            break
        }
        if let message { page.gap(); page.line("! " + message, style: .error) }
    }

    /// A one-line text field in brackets, so it shows without colour; the real cursor sits in it.
    private func drawField(_ page: inout Page, width: Int, focused: Bool) {
        let fieldWidth = min(page.width - 4, width)
        let (visible, cursorColumn) = input.visible(width: fieldWidth - 1, widthFunction: page.canvas.widthFunction)
        _ = page.canvas.put("[", x: page.left, y: page.y, style: .dim)
        page.canvas.fill(x: page.left + 1, y: page.y, width: fieldWidth, height: 1, style: .input)
        _ = page.canvas.put(visible, x: page.left + 1, y: page.y, style: .input, maxWidth: fieldWidth)
        _ = page.canvas.put("]", x: page.left + 1 + fieldWidth, y: page.y, style: .dim)
        if focused { page.canvas.cursor = (page.left + 1 + cursorColumn, page.y) }
        page.y += 1
    }

    private func drawRecipients(_ page: inout Page) {
        guard let question = wizard.currentQuestion else { return }
        drawNotice(&page)
        page.line(question.prompt, style: .heading)
        page.line("Why we ask: \(question.why)", style: .dim)
        if helpdesk { page.line("Read to the caller: \(question.readAloud)", style: .accent) }
        page.gap()
        let recipients = wizard.answers.recipients
        if recipients.isEmpty { page.line("No recipients yet. Add at least one.", indent: 1) }
        for (index, recipient) in recipients.enumerated() {
            let selected = index == highlight
            page.line("\(selected ? ">" : " ") \(index + 1). \(RecipientSummary.line(recipient))", style: selected ? .selected : .normal, indent: 1)
        }
        page.gap()
        let add = highlight == recipients.count, next = highlight == recipients.count + 1
        page.line("\(add ? ">" : " ") + Add a recipient", style: add ? .selected : .normal, indent: 1)
        page.line("\(next ? ">" : " ") Continue", style: next ? .selected : .normal, indent: 1)
        if let message { page.gap(); page.line("! " + message, style: .error) }
    }

    private func drawCheck(_ page: inout Page) {
        drawNotice(&page)
        page.line("Check your answers. Choose any answer to change it.", style: .heading)
        page.gap()
        let rows = CheckAnswers.rows(wizard)
        var lines: [(text: String, style: Style, row: Int?)] = []
        for (index, row) in rows.enumerated() {
            if let heading = row.sectionHeading { lines.append((heading, .heading, nil)) }
            let marker = index == highlight ? ">" : " "
            let labelWidth = max(12, page.width * 45 / 100)
            let label = Self.truncate(row.label, to: labelWidth).padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            let answer = Self.truncate(row.answer, to: page.width - labelWidth - 7)
            lines.append(("\(marker) \(row.code.padding(toLength: 3, withPad: " ", startingAt: 0)) \(label) \(answer)", index == highlight ? .selected : .normal, index))
        }
        lines.append(("", .normal, nil))
        let confirmSelected = highlight == rows.count
        lines.append(("\(confirmSelected ? ">" : " ") Confirm and see the outcome", confirmSelected ? .selected : .normal, rows.count))
        let available = max(1, page.remaining - (message == nil ? 0 : 2))
        let highlightedLine = lines.firstIndex { $0.row == highlight } ?? 0
        let start = max(0, min(highlightedLine - available / 2, lines.count - available))
        for line in lines.dropFirst(start).prefix(available) {
            _ = page.canvas.put(line.text, x: page.left, y: page.y, style: line.style, maxWidth: page.width)
            page.y += 1
        }
        if let message { page.gap(); page.line("! " + message, style: .error) }
    }

    /// Shortens text to `width` characters, ending in "…" when cut.
    static func truncate(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }

    private func drawOutcome(_ page: inout Page) {
        guard let form = session.filledForm() else { return }
        let bannerStyle: Style =
            switch form.verdict {
            case .blocked: .danger
            case .refer: .warning
            case .conditions: .accent
            case .proceed: .success
            }
        page.line("Outcome: \(form.verdict.label)", style: bannerStyle)
        page.line(form.verdict.headline, style: .heading)
        var body: [(String, Style)] = []
        let lines = OutcomeSummary.lines(form).dropFirst(2)
        for line in lines {
            // Section headings ("Why:"), the reasons behind a finding (indented) in a quieter style.
            let style: Style = line.hasPrefix("  ") ? .dim : line.hasSuffix(":") && !line.hasPrefix("-") ? .heading : .normal
            // List items ("- ", "[ ] ") get a hanging indent so each item reads as one block.
            let lead = line.prefix { $0 == " " }.count
            let hang = lead + (line.dropFirst(lead).hasPrefix("- ") ? 2 : line.hasPrefix("[ ] ") ? 4 : lead > 0 ? 2 : 0)
            let parts = wrap(String(line.dropFirst(lead)), width: page.width - hang, widthFunction: page.canvas.widthFunction)
            for (index, part) in parts.enumerated() {
                body.append((String(repeating: " ", count: index == 0 ? lead : hang) + part, style))
            }
        }
        let available = max(1, page.remaining - 1)
        scroll = min(scroll, max(0, body.count - available))
        for (text, style) in body.dropFirst(scroll).prefix(available) {
            _ = page.canvas.put(text, x: page.left, y: page.y, style: style, maxWidth: page.width)
            page.y += 1
        }
        let more = body.count > scroll + available ? "↓ more below · " : ""
        page.line("\(more)Press s to save the DMF and checklist.", style: .accent)
    }

    private func drawHelp(_ page: inout Page) {
        guard mode == .wizard, let question = wizard.currentQuestion else {
            page.line("Help", style: .heading)
            page.line("This wizard asks about a transfer of MOJ information, one question at a time, and decides whether and how it may go ahead. At the end it fills in the Data Movement Form and a checklist you can save, print and email.")
            page.gap()
            page.line("Your answers are saved as a draft after every step; choose 'Continue a saved draft' to pick up where you left off.")
            return
        }
        page.line("Help for \(question.code): \(question.prompt)", style: .heading)
        page.gap()
        page.line(question.help)
        if let rule = question.rule {
            page.gap()
            page.line("Rule \(rule.rawValue): \(rule.title).", style: .accent)
            page.line("From the guidance (\(rule.source.section)): \"\(rule.source.text)\"", style: .dim)
        }
    }

    private func drawStart(_ page: inout Page, charset: BoxCharset) {
        page.line("Moving or sharing MOJ information?", style: .heading)
        page.line("This wizard asks about the transfer one question at a time, tells you whether and how it may go ahead, and fills in the Data Movement Form (DMF) and a checklist.")
        page.gap()
        for (index, item) in startItems.enumerated() {
            page.option("\(index + 1)  \(item)", selected: index == highlight, charset: charset)
        }
        if let message { page.gap(); page.line("! " + message, style: .error) }
    }

    private func drawDrafts(_ page: inout Page) {
        page.line("Saved drafts", style: .heading)
        page.gap()
        if draftList.isEmpty { page.line("There are no saved drafts. Press Esc to go back.") }
        for (index, draft) in draftList.enumerated() {
            let selected = index == highlight
            let what = draft.problem == nil ? "step \(draft.step)  \(draft.description)" : "CANNOT BE READ  \(draft.description)"
            page.line("\(selected ? ">" : " ") \(draft.savedAt)  \(what)", style: selected ? .selected : .normal)
        }
        if let message { page.gap(); page.line("! " + message, style: .error) }
    }

    private func drawOpenFile(_ page: inout Page) {
        page.line("Type the path of an answers file (YAML or JSON):", style: .heading)
        page.gap()
        drawField(&page, width: 70, focused: true)
        if let message { page.gap(); page.line("! " + message, style: .error) }
    }

    private func drawAbout(_ page: inout Page) {
        page.line("About dmf-wizard", style: .heading)
        page.line("It follows the \(PolicyInfo.source) (dated \(PolicyInfo.dated)), rule set \(PolicyInfo.rulesVersion).")
        page.gap()
        page.line("Keys: Enter goes on, Esc goes back, F1 or ? shows help for the question, numbers pick a choice. Every screen shows a step code (such as R2) to read out on the phone.")
        page.gap()
        page.line("Not sure of an answer? Choose 'Not sure': the checklist will say who can confirm it.")
        page.gap()
        page.line("Answers are saved as a draft after every step. Without a full-screen terminal, run: dmf-wizard --plain")
    }

    private func drawSave(_ page: inout Page, charset: BoxCharset) {
        page.line("Save the DMF and checklist", style: .heading)
        page.line("Press Enter to save. To change the formats, move up and press Space; the folder can be edited.", style: .dim)
        page.gap()
        let names: [OutputFormat: String] = [
            .markdown: "Markdown (.md): for email and wikis", .html: "HTML (.html): for printing on A4",
            .text: "Plain text (.txt): for screen readers and email", .json: "JSON (.json): for systems",
        ]
        for (index, format) in Self.saveFormatsOrder.enumerated() {
            let box = saveFormats.contains(format) ? charset.checkboxChecked : charset.checkboxUnchecked
            page.line("\(box) \(names[format]!)", style: saveField == index ? .selected : .normal, indent: 1)
        }
        page.gap()
        page.line("Folder:", style: saveField == 4 ? .selected : .normal, indent: 1)
        drawField(&page, width: 70, focused: saveField == 4)
        if let message { page.gap(); page.line("! " + message, style: .error) }
    }

    private func drawSaved(_ page: inout Page, paths: [String]) {
        page.line("Saved. These files were written (readable only by you):", style: .success)
        page.gap()
        for path in paths { page.line(path, indent: 1) }
        page.gap()
        page.line("Print the HTML file, or email the Markdown file, to your Information Asset Owner.")
        page.line("Press Enter to finish.", style: .accent)
    }
}
