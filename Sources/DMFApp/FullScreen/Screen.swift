import DMFFlow
import TerminalUI

/// One screen of the full-screen app, as a value: its own state (the highlight, the text being
/// typed, a pending yes/no question, its message), its keys declared once as bindings, an
/// `update` that acts on a key only through them, and a `view` that writes the screen into a
/// `Page` and changes nothing. What screens share (the wizard session, helpdesk mode, a training
/// run) is the `AppState` they are handed; what they ask of the app beyond that (another screen,
/// a command for the runner) is the `Effect` they return.
protocol Screen {
    /// The words on the top line, and on the wizard's steps the step label beside them.
    func title(_ app: AppState) -> ScreenTitle
    /// The footer: the labels of the bindings that take keys now, most important first.
    func hints(_ app: AppState) -> [String]
    /// Acts on one key, through the screen's bindings.
    mutating func update(_ key: Key, _ app: inout AppState) -> Effect
    /// Acts on what a command reported back while this screen was up.
    mutating func receive(_ reply: Reply, _ app: inout AppState) -> Effect
    /// Writes the screen into `page`; changes nothing.
    func view(_ page: inout Page, _ app: AppState)
    /// The line about the last key, on screens that show one (see `Message`).
    var message: Message? { get set }
    /// Which part of the screen is up, where one screen shows different things (the register's
    /// list, an entry, a change being filled in), so keys typed for one part are dropped before
    /// the next (see `ScreenIdentity`).
    var part: String? { get }
    /// The wizard's position (DMFFlow) this screen shows; nil off the wizard's steps. When the
    /// wizard moves, the app shows the next step's screen afresh (`WizardStep.screen(for:)`).
    var step: DMFFlow.Screen? { get }
    /// Text typed into the step's field and not yet given as its answer, which an interrupted
    /// run keeps in the draft (`draft.pending`) and a resumed one puts back in the field.
    func typedText(_ app: AppState) -> String?
}

extension Screen {
    mutating func receive(_ reply: Reply, _ app: inout AppState) -> Effect { .none }

    /// Screens that show no message line ignore one handed to them.
    var message: Message? {
        get { nil }
        set {}
    }

    var part: String? { nil }
    var step: DMFFlow.Screen? { nil }
    func typedText(_ app: AppState) -> String? { nil }
}

/// The top line of a screen.
struct ScreenTitle: Equatable {
    var text: String
    /// "Step 3 of 21 · Code R2" on the wizard's steps.
    var step: String?

    static let app = "DMF wizard"

    /// "DMF wizard · Saved drafts", or "DMF wizard" alone.
    static func named(_ name: String?, step: String? = nil) -> ScreenTitle {
        ScreenTitle(text: name.map { "\(app) · \($0)" } ?? app, step: step)
    }
}

/// What is on screen, to tell when a key (or a command's reply) moved to another screen: keys
/// typed ahead are then dropped (see `FullScreenLoop`), so none lands on a screen the person has
/// not seen.
public struct ScreenIdentity: Equatable {
    /// The screen's type.
    var screen: ObjectIdentifier
    var step: DMFFlow.Screen?
    var part: String?

    init(_ screen: any Screen) {
        self.screen = ObjectIdentifier(type(of: screen))
        step = screen.step
        part = screen.part
    }
}
