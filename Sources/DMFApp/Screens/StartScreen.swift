import DMFPolicy
import TerminalUI

/// The start menu: a new transfer, a saved draft, an answers file, about, helpdesk mode, the
/// register, quit.
struct StartScreen {
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
            KeyBinding([.key(.char("q"))], "q quit", .quit),
            KeyBinding([.key(.escape)], nil, .askToQuit),
        ]
    }

    mutating func update(_ key: Key, helpdesk: Bool) -> Effect {
        if confirmingQuit {
            confirmingQuit = false
            return YesOrNo.answer(key) == .yes ? .end(.quit) : .none
        }
        cursor.saw(key)
        switch Self.bindings(helpdesk: helpdesk).action(for: key) {
        case .move?:
            cursor.move(key, count: Self.items(helpdesk: helpdesk).count)
            return .none
        case .select?: return chosen
        case .help?: return .help
        case .quit?: return .end(.quit)
        case .askToQuit?:
            confirmingQuit = true
            return .none
        case nil: return .none
        }
    }

    /// What the highlighted item does.
    private var chosen: Effect {
        switch cursor.position ?? 0 {
        case 0: .newTransfer
        case 1: .listDrafts
        case 2: .show(.openFile(OpenFileScreen()))
        case 3: .show(.about(returnTo: self))
        case 4: .toggleHelpdesk
        case 5: .openRegister
        default: .end(.quit)
        }
    }

    /// - Parameters:
    ///   - newestDraft: when the newest saved draft was begun, to offer to continue it.
    ///   - due: what the register has due or overdue ("2 deletions overdue").
    func view(_ page: inout Page, helpdesk: Bool, newestDraft: String?, due: String? = nil, charset: BoxCharset) {
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
enum AboutScreen {
    enum Action {
        case back
    }

    static let bindings = [KeyBinding([.any], "Any key: back", Action.back)]

    static func view(_ page: inout Page) {
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
