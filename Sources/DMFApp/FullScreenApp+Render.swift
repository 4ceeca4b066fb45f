import DMFDocuments
import DMFFlow
import DMFPolicy
import TerminalUI

/// Drawing: one function per screen, all into a canvas.
extension FullScreenApp {
    /// Draws the whole screen for the current state.
    public func render(width: Int, height: Int, widthFunction: @escaping DisplayWidth = DisplayWidths.approximate)
        -> Canvas
    {
        lastSize = (width, height)
        // Without UTF-8 every character is drawn as one ASCII column (see `AsciiFallback`).
        let oneColumn: DisplayWidth = { _ in 1 }
        var canvas = Canvas(width: width, height: height, widthFunction: unicode ? widthFunction : oneColumn)
        let charset = BoxCharset.forUnicode(unicode)
        guard width >= Self.minimumSize.width, height >= Self.minimumSize.height else {
            return tooSmall(canvas)
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
        _ = canvas.put(Self.fitted(footerHints(), width: width - 2), x: 1, y: height - 1, style: .hint)
        if mode == .wizard, helpdesk || wizard.screen == .outcome {
            // The caller can read this back to rebuild their choices on another machine.
            let code = " Resume code \(ResumeCode.encode(wizard.answers)) "
            _ = canvas.put(code, x: max(2, width - 2 - code.count), y: height - 2, style: .title)
        }
        var page = Page(width: width - 6, widthFunction: canvas.widthFunction)
        if !mode.isStartMenu, session.training { page.header(FilledDMF.trainingBanner, style: .banner) }
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
            case .traineeName, .trainingList, .story, .predict, .pickActions, .comparison, .summary:
                drawTraining(&page, charset: charset)
            case .wizard:
                switch wizard.screen {
                case .question, .recipientField: drawQuestion(&page, charset: charset)
                case .recipients: drawRecipients(&page)
                case .check: drawCheck(&page)
                case .outcome: drawOutcome(&page)
                }
            }
        }
        lastLayout = page.draw(into: &canvas, left: 3, top: 2, bottom: height - 2, scroll: scroll)
        scroll = lastLayout.start
        if let jumpInput {
            let prompt = "Go to step (a code such as R2; Enter go, Esc cancel): "
            canvas.fill(row: height - 1, style: .normal)
            _ = canvas.put(prompt + jumpInput.text, x: 1, y: height - 1, style: .selected, maxWidth: width - 2)
            canvas.cursor = (min(width - 2, 1 + prompt.count + jumpInput.text.count), height - 1)
        }
        if !unicode { canvas.mapGraphemes(AsciiFallback.character) }
        return canvas
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
        switch mode {
        case .start: return (app, nil)
        case .drafts: return ("\(app) · Saved drafts", nil)
        case .openFile: return ("\(app) · Open an answers file", nil)
        case .about: return ("\(app) · About and help", nil)
        case .save, .saved: return ("\(app) · Save the DMF and checklist", nil)
        case .traineeName, .trainingList, .story, .predict, .pickActions, .comparison, .summary:
            return ("\(app) · Training", nil)
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

    /// The key hints for the screen, most important first; `fitted` keeps what fits.
    private func footerHints() -> [String] {
        if showingHelp { return ["↑↓ scroll", "any other key: back to the question"] }
        switch mode {
        case .start: return ["Enter select", "↑↓ or 1-\(startItems.count) move", "F1 help", "q quit"]
        case .drafts: return ["Enter open", "↑↓ choose", "d delete", "Esc back"]
        case .openFile: return ["Type the file's path", "Enter open", "Esc back"]
        case .about: return ["Any key: back"]
        case .save: return ["Enter save", "↑↓ move", "Space tick a format", "type the folder", "Esc back"]
        case .saved: return ["Enter finish"]
        case .traineeName: return ["Type your name", "Enter next", "Esc leave"]
        case .trainingList: return ["Enter open", "↑↓ choose", "q finish"]
        case .story: return ["Enter start the case", "↑↓ scroll", "Esc back"]
        case .predict: return ["Enter next", "↑↓ or 1-4 move", "Esc back"]
        case .pickActions: return ["Space tick", "↑↓ move", "Enter on Done or c: the outcome", "Esc back"]
        case .comparison: return ["Enter next case", "↑↓ scroll"]
        case .summary: return trainingResults.isEmpty ? ["Enter finish"] : ["s save the score sheet", "Enter finish"]
        case .wizard: break
        }
        // Training saves nothing, so it offers no Ctrl-S.
        let save = session.training ? [] : ["Ctrl-S save"]
        switch wizard.screen {
        case .question, .recipientField:
            if case .choice = wizard.currentQuestion?.kind {
                return ["Enter choose", "↑↓ or number move", "Esc back", "F1/? help"]
                    + (helpdesk ? ["g go to step"] : []) + save + ["q quit"]
            }
            return ["Enter next", "Esc back", "F1 help"] + (helpdesk ? ["Ctrl-G go to step"] : []) + save
        case .recipients: return ["Enter choose", "a add", "d remove", "c continue", "Esc back", "F1 help", "q quit"]
        case .check: return ["↑↓ move", "Enter change", "c confirm", "Esc back", "q quit"]
        case .outcome: return ["s save", "↑↓ scroll", "Esc back", "q quit"]
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

    private func drawNotice(_ page: inout Page) {
        if let notice = wizard.notice {
            page.line("Note: " + notice, style: .warning)
            page.gap()
        }
        if let problem = session.saveProblem { page.line(problem, style: .error) }
    }

    /// The message about the last key (an error to fix, a confirmation to give), kept in view.
    private func drawMessage(_ page: inout Page) {
        if let message { page.pinned("! " + message, style: .error) }
    }

    private func drawQuestion(_ page: inout Page, charset: BoxCharset) {
        guard let question = wizard.currentQuestion else { return }
        drawNotice(&page)
        if case .recipientField(let index, _) = wizard.screen {
            page.line("Recipient \(index + 1)", style: .heading)
        }
        page.line(question.prompt, style: .heading)
        page.line("Why we ask: \(question.why)", style: .dim)
        if helpdesk { page.line("\(question.helpdeskLine.label): \(question.helpdeskLine.text)", style: .accent) }
        page.gap()
        switch question.kind {
        case .choice(let choices):
            // On a projector, a blank line between choices, so a room can read them.
            for (index, choice) in choices.enumerated() {
                page.option(
                    choice.label, number: choice.number, selected: index == selection, charset: charset, item: index)
                if projector { page.gap() }
            }
            page.focus = selection
        case .text:
            page.item(0) { page in
                page.field(input, width: 60, focused: true)
                page.line(
                    question.isRequired ? "Required." : "Optional: press Enter with the field empty to skip.",
                    style: .dim, indent: 1)
            }
            page.focus = 0
        case .recipients:
            break
        }
        drawMessage(&page)
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
            page.item(index) {
                $0.line(
                    "\(selected ? ">" : " ") \(index + 1). "
                        + RecipientSummary.line(recipient, method: wizard.answers.method),
                    style: selected ? .selected : .normal, indent: 1, hang: 5)
            }
        }
        page.gap()
        let add = highlight == recipients.count, next = highlight == recipients.count + 1
        page.item(recipients.count) {
            $0.line("\(add ? ">" : " ") + Add a recipient", style: add ? .selected : .normal, indent: 1)
        }
        page.item(recipients.count + 1) {
            $0.line("\(next ? ">" : " ") Continue", style: next ? .selected : .normal, indent: 1)
        }
        page.focus = highlight
        drawMessage(&page)
    }

    /// Every answer, by section, each wrapped in full (recipients one per line): the page opens
    /// at the top and scrolls with the highlight, with "more" markers.
    private func drawCheck(_ page: inout Page) {
        drawNotice(&page)
        page.line("Check your answers. Choose any answer to change it, or press c to confirm them.", style: .heading)
        let rows = CheckAnswers.rows(wizard)
        for (index, row) in rows.enumerated() {
            if let heading = row.sectionHeading {
                page.gap()
                page.line(heading, style: .heading)
            }
            let selected = index == selection
            let style: Style = selected ? .selected : .normal
            page.item(index) { page in
                let lead = "\(selected ? ">" : " ") \(row.code) "
                page.line(lead + row.label, style: style, hang: lead.count)
                for answer in row.answers {
                    page.line(answer, style: selected ? .selected : .accent, indent: lead.count + 1, hang: 2)
                }
            }
        }
        page.gap()
        let confirmSelected = selection == rows.count
        page.item(rows.count) {
            $0.line(
                "\(confirmSelected ? ">" : " ") Confirm and see the outcome",
                style: confirmSelected ? .selected : .normal)
        }
        page.focus = selection
        drawMessage(&page)
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
        // The verdict stays in view while the reasons and the checklist scroll under it.
        page.header("Outcome: \(form.verdict.label)", style: bannerStyle)
        page.header(form.verdict.headline, style: .heading)
        if helpdesk {
            page.line("Read to the caller:", style: .accent)
            for line in OutcomeSummary.readAloud(form, resumeCode: ResumeCode.encode(wizard.answers)) {
                page.line(line, style: .accent, indent: 2, hang: 3)
            }
            page.gap()
        }
        for line in OutcomeSummary.lines(form).dropFirst(2) {
            // Section headings ("Why:"), the reasons behind a finding (indented) in a quieter style.
            let style: Style =
                line.hasPrefix("  ") ? .dim : line.hasSuffix(":") && !line.hasPrefix("-") ? .heading : .normal
            // List items ("- ", "[ ] ") get a hanging indent so each item reads as one block.
            let lead = line.prefix { $0 == " " }.count
            let hang = line.dropFirst(lead).hasPrefix("- ") ? 2 : line.hasPrefix("[ ] ") ? 4 : lead > 0 ? 2 : 0
            page.line(line, style: style, hang: hang)
        }
        page.pinned("Press s to save the DMF and checklist.", style: .accent)
    }

    private func drawHelp(_ page: inout Page) {
        guard mode == .wizard, let question = wizard.currentQuestion else {
            page.line("Help", style: .heading)
            page.line(
                """
                This wizard asks about a transfer of MOJ information, one question at a time, and decides whether \
                and how it may go ahead. At the end it fills in the Data Movement Form and a checklist you can \
                save, print and email.
                """
            )
            page.gap()
            page.line(
                """
                Your answers are saved as a draft after every step; choose 'Continue a saved draft' to pick up \
                where you left off.
                """
            )
            return
        }
        page.line("Help for \(question.code): \(question.prompt)", style: .heading)
        page.gap()
        page.line(question.help)
        if let rule = question.rule {
            page.gap()
            page.line("Rule \(rule.rawValue): \(rule.title).", style: .accent)
            page.line("From the guidance (\(rule.source.section)): \(rule.source.quotation)", style: .dim)
        }
    }

    private func drawStart(_ page: inout Page, charset: BoxCharset) {
        page.line("Moving or sharing MOJ information?", style: .heading)
        page.line(
            """
            This wizard asks about the transfer one question at a time, tells you whether and how it may go \
            ahead, and fills in the Data Movement Form (DMF) and a checklist.
            """
        )
        page.gap()
        if let newestDraft {
            let when = newestDraft.isEmpty ? "" : " (begun \(newestDraft))"
            page.line(
                """
                You have a saved draft\(when). To carry on with it rather than start again, choose 2 Continue a \
                saved draft.
                """,
                style: .accent)
            page.gap()
        }
        for (index, item) in startItems.enumerated() {
            page.option(item, number: index + 1, selected: index == highlight, charset: charset, item: index)
        }
        page.focus = highlight
        drawMessage(&page)
    }

    private func drawDrafts(_ page: inout Page) {
        page.line("Saved drafts", style: .heading)
        page.gap()
        if draftList.isEmpty { page.line("There are no saved drafts. Press Esc to go back.") }
        for (index, draft) in draftList.enumerated() {
            let selected = index == highlight
            let what =
                draft.problem == nil
                ? "step \(draft.step)  \(draft.description)" : "CANNOT BE READ  \(draft.description)"
            page.item(index) {
                $0.line(
                    "\(selected ? ">" : " ") \(draft.savedAt)  \(what)", style: selected ? .selected : .normal, hang: 2)
            }
        }
        page.focus = highlight
        drawMessage(&page)
    }

    private func drawOpenFile(_ page: inout Page) {
        page.line("Type the path of an answers file (YAML or JSON):", style: .heading)
        page.gap()
        page.field(input, width: 70, focused: true)
        drawMessage(&page)
    }

    private func drawAbout(_ page: inout Page) {
        page.line("About dmf-wizard", style: .heading)
        page.line(
            "It follows the \(PolicyInfo.source) (dated \(PolicyInfo.dated)), rule set \(PolicyInfo.rulesVersion).")
        page.gap()
        page.line(
            """
            Keys: Enter goes on, Esc goes back, F1 or ? shows help for the question. On a choice, ↑↓ or the \
            choice's number moves to it and Enter chooses it. Every screen shows a step code (such as R2) to read \
            out on the phone.
            """
        )
        page.gap()
        page.line("Not sure of an answer? Choose 'Not sure': the checklist will say who can confirm it.")
        page.gap()
        page.line(
            "Answers are saved as a draft after every step. Without a full-screen terminal, run: dmf-wizard --plain")
    }

    private func drawSave(_ page: inout Page, charset: BoxCharset) {
        page.line("Save the DMF and checklist", style: .heading)
        page.line(
            "Press Enter to save. To change the formats, move up and press Space; the folder can be edited.",
            style: .dim)
        page.gap()
        let names: [OutputFormat: String] = [
            .markdown: "Markdown (.md): for email and wikis", .html: "HTML (.html): for printing on A4",
            .pdf: "PDF (.pdf): to sign and file (needs Chromium)",
            .text: "Plain text (.txt): for screen readers and email", .json: "JSON (.json): for systems",
        ]
        for (index, format) in Self.saveFormatsOrder.enumerated() {
            let box = saveFormats.contains(format) ? charset.checkboxChecked : charset.checkboxUnchecked
            page.item(index) {
                $0.line("\(box) \(names[format]!)", style: saveField == index ? .selected : .normal, indent: 1, hang: 4)
            }
        }
        page.gap()
        page.item(Self.saveFolderRow) { page in
            page.line("Folder:", style: saveField == Self.saveFolderRow ? .selected : .normal, indent: 1)
            page.field(input, width: 70, focused: saveField == Self.saveFolderRow)
        }
        page.focus = saveField
        drawMessage(&page)
    }

    private func drawSaved(_ page: inout Page, paths: [String]) {
        page.line("Saved. These files were written (readable only by you):", style: .success)
        page.gap()
        for path in paths { page.line(path, indent: 1, hang: 2) }
        page.gap()
        page.line("Print the HTML file, or email the Markdown file, to your Information Asset Owner.")
        page.pinned("Press Enter to finish.", style: .accent)
    }
}
