import DMFDocuments
import DMFFlow
import DMFPolicy
import TerminalUI

/// The outcome: the verdict in words first, why, then the checklist; `s` saves the DMF. The
/// filled form is built once, when the screen opens (running the engine and the builder, and
/// stamping the time), and saved as it was shown.
struct OutcomeScreen: Screen {
    let step: DMFFlow.Screen? = .outcome
    /// Nil only if the answers could not be decided (the wizard never opens the outcome then).
    let form: FilledDMF?
    let lines: [OutcomeLine]
    /// Spelt out for the caller in helpdesk mode.
    let resumeCode: String

    init(session: WizardSession) {
        form = session.filledForm()
        lines = form.map(OutcomeSummary.lines) ?? []
        resumeCode = ResumeCode.encode(session.wizard.answers)
    }

    enum Action {
        case save
        case scroll
        case back
        case quit
        case jump
        case saveDraft
    }

    static func bindings(_ settings: WizardSettings) -> [KeyBinding<Action>] {
        [
            KeyBinding([.key(.char("s")), .key(.enter)], "s save", .save),
            KeyBinding(KeyMatch.scrolling, "↑↓ scroll", .scroll),
            KeyBinding(KeyMatch.back, "Esc back", .back),
            WizardKeys.jump(.jump, typing: false, label: "g go to step"),
            WizardKeys.saveDraft(.saveDraft, label: settings.saveLabel),
            KeyBinding([.key(.char("q"))], "q quit", .quit),
        ]
    }

    func title(_ app: AppState) -> ScreenTitle { .named("Outcome", step: "Code OUTCOME") }
    func hints(_ app: AppState) -> [String] { Self.bindings(app.wizardSettings).hints() }

    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        switch Self.bindings(app.wizardSettings).action(for: key) {
        case .save?:
            guard let form, let session = app.session else { return .none }
            return .show(SaveScreen(outcome: self, form: form, formats: session.saveFormats, folder: app.outputFolder))
        case .scroll?: return .scroll(key)
        case .back?: return app.session?.wizard.back() == true ? .none : app.leaveWizard()
        case .quit?: return .end(.quit)
        case .jump?: return .jump
        case .saveDraft?: return app.saveDraftNow()
        case nil: return .none
        }
    }

    func view(_ page: inout Page, _ app: AppState) {
        guard let form else { return }
        // The verdict stays in view while the reasons and the checklist scroll under it.
        for line in lines {
            switch line {
            case .verdict(let verdict): page.header(line.text, style: Self.bannerStyle(verdict))
            case .headline: page.header(line.text, style: .heading)
            default: break
            }
        }
        if app.helpdesk {
            page.line("Read to the caller:", style: .accent)
            for line in OutcomeSummary.readAloud(form, resumeCode: resumeCode) {
                page.line(line, style: .accent, indent: 2, hang: 3)
            }
            page.gap()
        }
        for line in lines {
            switch line {
            case .verdict, .headline: break
            // The reasons behind a finding in a quieter style, under it.
            case .because, .guidance: page.line(line.text, style: .dim, hang: 2)
            case .heading: page.line(line.text, style: .heading)
            // List items get a hanging indent so each reads as one block.
            case .reason: page.line(line.text, hang: 2)
            case .checklistItem: page.line(line.text, hang: 4)
            case .formNeeded, .gap: page.line(line.text)
            }
        }
        page.pinned("Press s to save the DMF and checklist.", style: .accent)
    }

    static func bannerStyle(_ verdict: Verdict) -> Style {
        switch verdict {
        case .blocked: .danger
        case .refer: .warning
        case .conditions: .accent
        case .proceed: .success
        }
    }
}
