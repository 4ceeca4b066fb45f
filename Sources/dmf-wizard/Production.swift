import DMFApp
import DMFRegisterStores
import NcursesBackend

/// What the installed program runs on, chosen here rather than in DMFApp (which is tested
/// headless): curses for the full screen, and the clock that honours `SOURCE_DATE_EPOCH`.
enum Production {
    /// A single environment lookup, not a dictionary of them (see DECISIONS.md, "Speed"), made
    /// once however many commands ask.
    static let clock: WallClock = .honouring(sourceDateEpoch: ProcessContext.variable("SOURCE_DATE_EPOCH"))

    static func openTerminal(highContrast: Bool) throws -> OpenedTerminal {
        let backend = try NcursesBackend.open(options: NcursesOptions(highContrast: highContrast))
        return OpenedTerminal(backend: backend, restoreAndReraise: backend.restoreAndReraise)
    }

    static func launcher() -> Launcher {
        var launcher = Launcher(clock: clock, openTerminal: openTerminal(highContrast:))
        launcher.register = RegisterSetting.resolve(option: nil, variable: ProcessContext.variable)
        return launcher
    }
}
