import DMFPolicy
import TerminalUI

/// The start menu: a new transfer, a saved draft, an answers file, about, helpdesk mode, the
/// register, quit.
struct StartScreen: Screen {
    var cursor = ListCursor(at: 0)
    /// Esc was pressed: the next key answers "Quit?". Esc goes back everywhere else, so one
    /// press too many (or a key a terminal sends that begins with ESC) must not end the program.
    var confirmingQuit = false

    enum Action {
        case select
        case move
        case help
        case quit
        case askToQuit
    }

    static func items(helpdesk: Bool) -> [String] {
        [
            "Start a new transfer", "Continue a saved draft", "Open an answers file", "About this tool and help",
            helpdesk ? "Helpdesk mode is ON (switch off)" : "Helpdesk mode is off (switch on)",
            "The register of recorded transfers", "Quit",
        ]
    }

    static func bindings(helpdesk: Bool) -> [KeyBinding<Action>] {
        [
            KeyBinding([.key(.enter)], "Enter select", .select),
            KeyBinding(KeyMatch.arrows + [.digit], "↑↓ or 1-\(items(helpdesk: helpdesk).count) move", .move),
            KeyBinding(KeyMatch.help, "F1 help", .help),
            // Esc asks first: it goes back everywhere else, so one press too many must not quit.
            KeyBinding([.key(.char("q"))], "q or Esc quit", .quit),
            KeyBinding([.key(.escape)], nil, .askToQuit),
        ]
    }

    func title(_ app: AppState) -> ScreenTitle { .named(nil) }
    func hints(_ app: AppState) -> [String] { Self.bindings(helpdesk: app.helpdesk).hints() }

    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        if confirmingQuit {
            confirmingQuit = false
            return YesOrNo.answer(key) == .yes ? .end(.quit) : .none
        }
        cursor.saw(key)
        switch Self.bindings(helpdesk: app.helpdesk).action(for: key) {
        case .move?:
            cursor.move(key, count: Self.items(helpdesk: app.helpdesk).count)
            return .none
        case .select?: return choose(&app)
        case .help?: return .help
        case .quit?: return .end(.quit)
        case .askToQuit?:
            confirmingQuit = true
            return .none
        case nil: return .none
        }
    }

    /// What the highlighted item does.
    private func choose(_ app: inout AppState) -> Effect {
        switch cursor.position ?? 0 {
        case 0: return app.newTransfer()
        case 1: return .run(.listDrafts(app.drafts))
        case 2: return .show(OpenFileScreen())
        case 3: return .show(AboutScreen(returnTo: self))
        case 4:
            app.helpdesk.toggle()
            return .none
        case 5: return RegisterScreen.open(app)
        default: return .end(.quit)
        }
    }

    /// The drafts, listed when asked for.
    mutating func receive(_ reply: Reply, _ app: inout AppState) -> Effect {
        guard case .draftsListed(let drafts) = reply else { return .none }
        return .show(DraftsScreen(drafts: drafts))
    }

    func view(_ page: inout Page, _ app: AppState) {
        view(&page, helpdesk: app.helpdesk, newestDraft: app.newestDraft, due: app.due, charset: app.charset)
    }

    /// - Parameters:
    ///   - newestDraft: when the newest saved draft was begun, to offer to continue it.
    ///   - due: what the register has due or overdue ("2 deletions overdue").
    private func view(_ page: inout Page, helpdesk: Bool, newestDraft: String?, due: String?, charset: BoxCharset) {
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
        if let due {
            page.line("The register: \(due). Choose 6 to see them.", style: .warning)
            page.gap()
        }
        for (index, item) in Self.items(helpdesk: helpdesk).enumerated() {
            page.option(item, number: index + 1, selected: index == cursor.position, charset: charset, item: index)
        }
        page.focus = cursor.position
        if confirmingQuit {
            page.message(.problem("Quit dmf-wizard? Press y to quit, any other key to stay."))
        }
    }
}

/// About this tool: what it follows and how its keys work. Any key goes back to the menu, where
/// the person was.
struct AboutScreen: Screen {
    /// The menu as it was.
    var returnTo: StartScreen

    enum Action {
        case back
    }

    static let bindings = [KeyBinding([.any], "Any key: back", Action.back)]

    func title(_ app: AppState) -> ScreenTitle { .named("About and help") }
    func hints(_ app: AppState) -> [String] { Self.bindings.hints() }

    func update(_ key: Key, _ app: inout AppState) -> Effect {
        Self.bindings.action(for: key) == .back ? .show(returnTo) : .none
    }

    func view(_ page: inout Page, _ app: AppState) {
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
}
