import DMFDocuments
import DMFPolicy
import DMFRegister
import TerminalUI

/// What a key asks of the app beyond the screen's own state: another screen, files read or
/// written, the end of the run. Screens return one from `update`; `FullScreenApp` carries it out.
enum Effect {
    /// Nothing more.
    case none
    /// Show this screen next.
    case show(AppScreen)
    /// Put this message on the screen that is up once the key is done (the wizard may have moved
    /// on to another question, which is the one the message is about).
    case say(Message)
    /// Stop the run.
    case end(FullScreenApp.Ending)
    /// Open help for what is on screen.
    case help
    /// Scroll the page by this key (↑ ↓ PgUp PgDn).
    case scroll(Key)

    // The start menu.
    case backToStart
    case newTransfer
    case listDrafts
    case toggleHelpdesk
    /// Open a draft from the drafts list, or an answers file by its path as typed.
    case openDraft(path: String)
    case openFile(typed: String)
    case deleteDraft(path: String)
    /// The register screen: open it, list with these filters, open one entry, record a change.
    case openRegister
    case registerList(ListQuery)
    case registerEntry(reference: String)
    case registerChange(EventRequest, reference: String, files: [String])

    // The wizard.
    /// Back from the first question: to the start menu, or in training to the case's story.
    case leaveWizard
    /// Open the go-to-step prompt.
    case jump
    /// Ctrl-S: save the draft now and say where.
    case saveDraft
    /// From the outcome to the save dialog, and back.
    case openSave
    case closeSave(formats: [OutputFormat])
    case saveOutcome(formats: [OutputFormat], typedFolder: String)

    // Training.
    case startCase
    case predict
    /// From the prediction back to Check your answers.
    case backToQuestions
    case recordPrediction(Verdict, picked: Set<RuleID>)
    case saveScoreSheet
}
