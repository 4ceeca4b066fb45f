import TerminalUI

/// The screen on show in the full-screen app, with the state it keeps while it is up.
enum AppScreen {
    case start(StartScreen)
    case drafts(DraftsScreen)
    case openFile(OpenFileScreen)
    case register(RegisterScreen)
    /// About, then back to the menu as it was.
    case about(returnTo: StartScreen)
    case wizard(WizardScreen)
    case save(SaveScreen)
    case saved([String])
    // Training: the trainee's name, then choose a case, read its story, work it, predict,
    // compare; then a summary that can be saved as a score sheet.
    case traineeName(TraineeNameScreen)
    case trainingList(TrainingListScreen)
    case story(StoryScreen)
    case predict(PredictScreen)
    case pickActions(PickActionsScreen)
    case comparison
    case summary(SummaryScreen)

    var mode: FullScreenApp.Mode {
        switch self {
        case .start: .start
        case .drafts: .drafts
        case .openFile: .openFile
        case .register: .register
        case .about: .about
        case .wizard: .wizard
        case .save: .save
        case .saved(let paths): .saved(paths)
        case .traineeName: .traineeName
        case .trainingList: .trainingList
        case .story: .story
        case .predict: .predict
        case .pickActions: .pickActions
        case .comparison: .comparison
        case .summary: .summary
        }
    }

    /// Puts `message` on the screen, if it shows messages.
    mutating func say(_ message: Message) {
        switch self {
        case .drafts(var screen):
            screen.message = message
            self = .drafts(screen)
        case .openFile(var screen):
            screen.message = message
            self = .openFile(screen)
        case .register(var screen):
            screen.message = message
            self = .register(screen)
        case .wizard(var screen):
            screen.say(message)
            self = .wizard(screen)
        case .save(var screen):
            screen.message = message
            self = .save(screen)
        case .traineeName(var screen):
            screen.message = message
            self = .traineeName(screen)
        case .predict(var screen):
            screen.message = message
            self = .predict(screen)
        case .summary(var screen):
            screen.message = message
            self = .summary(screen)
        case .start, .about, .saved, .trainingList, .story, .pickActions, .comparison:
            break
        }
    }
}
