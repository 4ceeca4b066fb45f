import DMFAnswers
import DMFFlow
import DMFPolicy
import Foundation

/// Starts the interactive wizard: picks the front end, loads a draft or answers file, runs it.
public struct Launcher {
    public var plain = false
    public var helpdesk = false
    /// A draft (or answers file) to continue.
    public var resumePath: String?
    public var drafts = DraftStore.standard()

    public init() {}

    /// Runs the wizard to the end; returns the exit status.
    public func run() -> Int32 {
        var wizard = Wizard(flow: Flow(helpdesk: helpdesk))
        var draftPath: String?
        if let resumePath {
            do {
                let document = try drafts.load(resumePath)
                let flow = Flow(helpdesk: helpdesk || document.answers.helpdesk != nil)
                wizard = Wizard(flow: flow, answers: document.answers, resumeAt: document.resumeStep)
                draftPath = resumePath
            } catch {
                FileHandle.standardError.write(Data("dmf-wizard: the draft cannot be resumed:\n\(error.description)\n".utf8))
                return 1
            }
        }
        let session = WizardSession(wizard: wizard, drafts: drafts, draftPath: draftPath)
        return PlainFrontEnd(session: session, io: StandardLineIO()).run()
    }
}
