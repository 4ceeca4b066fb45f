import DMFDocuments
import TerminalUI

/// The save dialog: a row per format (Space ticks it), then the folder. Enter saves from any
/// row, so the formats ticked (Markdown and HTML at first) are one key away.
struct SaveScreen: Screen {
    static let formatsOrder: [OutputFormat] = [.markdown, .html, .pdf, .text, .json]
    static let defaultFormats: [OutputFormat] = [.markdown, .html]
    /// The folder's row, after one row per format.
    static let folderRow = formatsOrder.count

    /// The outcome as it was shown, to go back to.
    let outcome: OutcomeScreen
    /// The form shown on it, which is the form saved.
    let form: FilledDMF
    /// The formats ticked. A list, not a set: a set built before the first screen costs a scan of
    /// every protocol conformance in the binary (see DECISIONS.md).
    var formats: [OutputFormat]
    var folder: TextInput
    /// Starts on the folder.
    var row = folderRow
    var message: Message?
    /// The save with the worker, while it runs: only Esc is taken then, and it stops the save.
    var saving: Saving?

    struct Saving {
        var started: ContinuousClock.Instant
        var stage: SavingStage
        /// Esc was pressed: the save stops at the next point it can (it may be done by then).
        var stopping = false
    }

    /// - Parameter formats: those chosen last time, if any.
    init(outcome: OutcomeScreen, form: FilledDMF, formats: [OutputFormat]?, folder: String) {
        self.outcome = outcome
        self.form = form
        self.formats = formats ?? Self.defaultFormats
        self.folder = TextInput(folder)
    }

    enum Action {
        case save
        case move
        case tick
        case type
        case back
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.enter), .key(.ctrl("s"))], "Enter save", .save),
        KeyBinding(KeyMatch.arrows + [.key(.tab)], "↑↓ move", .move),
        KeyBinding([.key(.char(" "))], "Space tick a format", .tick),
        KeyBinding([.editing], "type the folder", .type),
        KeyBinding([.key(.escape)], "Esc back", .back),
    ]

    /// While saving.
    static let savingBindings = [KeyBinding([.key(.escape)], "Esc stop saving", Action.back)]

    func title(_ app: AppState) -> ScreenTitle { .named("Save the DMF and checklist") }

    func hints(_ app: AppState) -> [String] { (saving == nil ? Self.bindings : Self.savingBindings).hints() }

    /// Keys typed while saving, before the saving screen was seen, are dropped.
    var part: String? { saving == nil ? nil : "saving" }

    /// The message stays until the next save or Esc.
    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        if saving != nil {
            guard Self.savingBindings.action(for: key) == .back else { return .none }
            saving?.stopping = true
            return .run(.cancel)
        }
        switch Self.bindings.action(for: key) {
        case .save?:
            let chosen = Self.formatsOrder.filter(formats.contains)
            guard !chosen.isEmpty else {
                message = .problem("Choose at least one format.")
                return .none
            }
            app.session?.saveFormats = chosen
            let typed = PathInput.expand(folder.text, home: app.home)
            guard
                var job = app.session?.outcomeSave(
                    form, formats: chosen, folder: typed.isEmpty ? app.outputFolder : typed, register: app.register)
            else { return .none }
            job.signing = app.signing
            // A new attempt: the last one's problem no longer applies.
            message = nil
            saving = Saving(started: app.now, stage: job.firstStage)
            return .run(.saveOutcome(job))
        case .move?: row = key == .up ? max(0, row - 1) : min(Self.folderRow, row + 1)
        case .tick?:
            // On the folder's row a space is part of the folder's name.
            guard row < Self.folderRow else {
                folder.handle(key)
                return .none
            }
            let format = Self.formatsOrder[row]
            if let ticked = formats.firstIndex(of: format) {
                formats.remove(at: ticked)
            } else {
                formats.append(format)
            }
        case .type?: if row == Self.folderRow { folder.handle(key) }
        case .back?:
            app.session?.saveFormats = Self.formatsOrder.filter(formats.contains)
            return .show(outcome)
        case nil: break
        }
        return .none
    }

    mutating func receive(_ reply: Reply, _ app: inout AppState) -> Effect {
        if case .saving(let stage) = reply { saving?.stage = stage }
        guard case .outcomeSaved(let result) = reply else { return .none }
        saving = nil
        switch result {
        case .success(let saved):
            var effects: [Effect] = [.show(SavedScreen(saved, form: form, helpdesk: app.helpdesk))]
            // The draft is no longer needed.
            if let draft = app.session?.outcomeSaved() {
                effects.append(.run(.removeDraft(draft.store, path: draft.path)))
            }
            return .all(effects)
        case .failure(.cancelled):
            message = .done("Saving stopped: nothing was written.")
            return .none
        case .failure(let error):
            message = .problem("Could not save: \(error.description)")
            return .none
        }
    }

    func view(_ page: inout Page, _ app: AppState) {
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
        for (index, format) in Self.formatsOrder.enumerated() {
            let box = formats.contains(format) ? app.charset.checkboxChecked : app.charset.checkboxUnchecked
            page.item(index) {
                $0.line("\(box) \(names[format]!)", style: row == index ? .selected : .normal, indent: 1, hang: 4)
            }
        }
        page.gap()
        page.item(Self.folderRow) { page in
            page.line("Folder:", style: row == Self.folderRow ? .selected : .normal, indent: 1)
            page.field(folder, width: 70, focused: row == Self.folderRow)
        }
        page.focus = row
        if let saving {
            let seconds = max(0, (app.now - saving.started).components.seconds)
            page.pinned(
                saving.stopping
                    ? "Stopping… (nothing is written once it stops)"
                    : "\(saving.stage.words) (\(seconds) s so far). Press Esc to stop.",
                style: .accent)
        }
        page.message(message)
    }
}

/// The files just saved, and what to do with them; any of its keys finishes the run.
struct SavedScreen: Screen {
    var paths: [String]
    /// What the register said, when the outcome was to be recorded.
    var register: Message?
    /// Whether the record is signed, and which key signs what comes next.
    var signing: String?
    /// What to do next, fitted to the outcome (`AfterSaving`).
    var next: [String]

    init(_ saved: SavedOutcome, form: FilledDMF, helpdesk: Bool) {
        paths = saved.paths
        register = saved.registerNote.map { saved.recorded ? .done($0) : .problem($0) }
        signing = saved.signingNote
        next = AfterSaving.lines(form, reference: saved.reference, paths: saved.paths, helpdesk: helpdesk)
    }

    enum Action {
        case finish
        case scroll
    }

    /// The paths and what to do can be longer than a small window: they scroll, like the outcome.
    static let bindings = [
        KeyBinding([.key(.enter), .key(.char("q")), .key(.escape)], "Enter finish", Action.finish),
        KeyBinding(KeyMatch.scrolling, "↑↓ scroll", Action.scroll),
    ]

    func title(_ app: AppState) -> ScreenTitle { .named("Save the DMF and checklist") }
    func hints(_ app: AppState) -> [String] { Self.bindings.hints() }

    func update(_ key: Key, _ app: inout AppState) -> Effect {
        switch Self.bindings.action(for: key) {
        case .finish?: .end(.finished)
        case .scroll?: .scroll(key)
        case nil: .none
        }
    }

    func view(_ page: inout Page, _ app: AppState) {
        // What to do next comes first: the paths below can fill the window.
        page.line("Saved.", style: .success)
        page.gap()
        for line in next { page.line(line, hang: line.hasPrefix("- ") ? 2 : 0) }
        page.gap()
        if let register {
            page.line(register.text, style: register.kind == .problem ? .error : .success, hang: 2)
            if let signing { page.line(signing, hang: 2) }
            page.gap()
        }
        page.line("These files were written (readable only by you):")
        for path in paths { page.line(path, indent: 1, hang: 2) }
        page.pinned("Press Enter to finish.", style: .accent)
    }
}
