import DMFDocuments
import DMFFlow
import DMFPolicy
import TerminalUI

/// The outcome: the verdict in words first, why, then the checklist; `s` saves the DMF.
enum OutcomeScreen {
    enum Action {
        case save
        case scroll
        case back
        case quit
        case jump
        case saveDraft
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.char("s")), .key(.enter)], "s save", .save),
        KeyBinding(KeyMatch.scrolling, "↑↓ scroll", .scroll),
        KeyBinding(KeyMatch.back, "Esc back", .back),
        KeyBinding([.key(.char("q"))], "q quit", .quit),
        WizardKeys.jump(.jump, typing: false, label: nil),
        WizardKeys.saveDraft(.saveDraft, label: nil),
    ]

    static func update(_ key: Key, wizard: inout Wizard) -> Effect {
        switch bindings.action(for: key) {
        case .save?: return .openSave
        case .scroll?: return .scroll(key)
        case .back?: return wizard.back() ? .none : .leaveWizard
        case .quit?: return .end(.quit)
        case .jump?: return .jump
        case .saveDraft?: return .saveDraft
        case nil: return .none
        }
    }

    /// - Parameter resumeCode: spelt out for the caller in helpdesk mode.
    static func view(_ page: inout Page, form: FilledDMF?, helpdesk: Bool, resumeCode: String) {
        guard let form else { return }
        let lines = OutcomeSummary.lines(form)
        // The verdict stays in view while the reasons and the checklist scroll under it.
        for line in lines {
            switch line {
            case .verdict(let verdict): page.header(line.text, style: bannerStyle(verdict))
            case .headline: page.header(line.text, style: .heading)
            default: break
            }
        }
        if helpdesk {
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
