import DMFAnswers
import TerminalUI

/// The saved drafts, newest first, to open or delete (after a yes).
struct DraftsScreen: Screen {
    var drafts: [DraftSummary]
    var cursor = ListCursor(at: 0)
    /// The draft the person asked to delete, until the next key answers the question.
    var pendingDeletion: Int?
    var message: Message?

    init(drafts: [DraftSummary]) { self.drafts = drafts }

    enum Action {
        case open
        case move
        case delete
        case back
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.enter)], "Enter open", .open),
        KeyBinding(KeyMatch.arrows, "↑↓ choose", .move),
        KeyBinding([.key(.delete), .key(.char("d"))], "d delete", .delete),
        KeyBinding(KeyMatch.back, "Esc back", .back),
    ]

    private var highlight: Int { cursor.position ?? 0 }

    func title(_ app: AppState) -> ScreenTitle { .named("Saved drafts") }
    func hints(_ app: AppState) -> [String] { Self.bindings.hints() }

    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        if let pending = pendingDeletion {
            pendingDeletion = nil
            guard YesOrNo.answer(key) == .yes else {
                message = .done("Kept.")
                return .none
            }
            return drafts.indices.contains(pending) ? .run(.deleteDraft(app.drafts, path: drafts[pending].path)) : .none
        }
        // Every key here ends the message about the last one.
        message = nil
        switch Self.bindings.action(for: key) {
        case .move?: cursor.move(key, count: max(1, drafts.count))
        case .delete?:
            guard drafts.indices.contains(highlight) else { return .none }
            pendingDeletion = highlight
            let draft = drafts[highlight]
            message = .problem(
                """
                Delete the draft \(draft.description) (saved \(draft.savedAt))? Press y to delete it, any other \
                key to keep it.
                """)
        case .back?: return .show(StartScreen())
        case .open?:
            guard drafts.indices.contains(highlight) else { return .show(StartScreen()) }
            return .run(OpenFileScreen.open(drafts[highlight].path, asDraft: true, app))
        case nil: break
        }
        return .none
    }

    mutating func receive(_ reply: Reply, _ app: inout AppState) -> Effect {
        switch reply {
        case .draftDeleted(let result): deleted(result)
        case .opened(let result): return OpenFileScreen.opened(result, &app, message: &message)
        default: break
        }
        return .none
    }

    /// After a deletion: the list as it is now, or why the draft is still there.
    private mutating func deleted(_ result: Result<[DraftSummary], DraftError>) {
        switch result {
        case .success(let drafts):
            self.drafts = drafts
            cursor.position = min(highlight, max(0, drafts.count - 1))
            message = .done("Draft deleted.")
        case .failure(let error):
            message = .problem("Could not delete it: \(error.description)")
        }
    }

    func view(_ page: inout Page, _ app: AppState) {
        page.line("Saved drafts", style: .heading)
        page.gap()
        if drafts.isEmpty { page.line("There are no saved drafts. Press Esc to go back.") }
        for (index, draft) in drafts.enumerated() {
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
        page.message(message)
    }
}

/// An answers file to open, by its path as typed (or dragged in).
struct OpenFileScreen: Screen {
    var input = TextInput()
    var message: Message?

    enum Action {
        case type
        case open
        case back
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding([.editing], "Type the file's path", .type),
        KeyBinding([.key(.enter)], "Enter open", .open),
        KeyBinding([.key(.escape)], "Esc back", .back),
    ]

    func title(_ app: AppState) -> ScreenTitle { .named("Open an answers file") }
    func hints(_ app: AppState) -> [String] { Self.bindings.hints() }

    /// Typing keeps the message: it says what was wrong with the path being corrected.
    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        switch Self.bindings.action(for: key) {
        case .type?: input.handle(key)
        case .open?: return .run(Self.open(PathInput.expand(input.text, home: app.home), asDraft: false, app))
        case .back?: return .show(StartScreen())
        case nil: break
        }
        return .none
    }

    mutating func receive(_ reply: Reply, _ app: inout AppState) -> Effect {
        guard case .opened(let result) = reply else { return .none }
        return Self.opened(result, &app, message: &message)
    }

    /// Loading a draft or answers file into a new session. A draft goes on being saved to its own
    /// file; an answers file is left as it is and a new draft starts from it.
    static func open(_ path: String, asDraft: Bool, _ app: AppState) -> Command {
        .open(path: path, asDraft: asDraft, drafts: app.drafts, helpdesk: app.helpdesk, clock: app.clock)
    }

    /// The session opened, at its step; or why the file cannot be used.
    static func opened(
        _ result: Result<WizardSession, AnswersFileError>, _ app: inout AppState, message: inout Message?
    ) -> Effect {
        switch result {
        case .success(let session):
            app.session = session
            return app.showWizard()
        case .failure(let error):
            message = .problem(
                error.problems.first.map { $0.formatted(file: error.file) } ?? "That file cannot be opened.")
            return .none
        }
    }

    func view(_ page: inout Page, _ app: AppState) {
        page.line("Type the path of an answers file (YAML or JSON):", style: .heading)
        page.gap()
        page.field(input, width: 70, focused: true)
        page.message(message)
    }
}
