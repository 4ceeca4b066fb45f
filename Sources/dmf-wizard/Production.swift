import DMFApp
import DMFRegister
import DMFRegisterStores
import Foundation
import NcursesBackend

/// What the installed program runs on, chosen here rather than in DMFApp (which is tested
/// headless): curses for the full screen, and the clock that honours `SOURCE_DATE_EPOCH`.
enum Production {
    /// A single environment lookup, not a dictionary of them (see DECISIONS.md, "Speed"), made
    /// once however many commands ask.
    static let clock: WallClock = .honouring(sourceDateEpoch: ProcessContext.variable("SOURCE_DATE_EPOCH"))

    /// The register's clock: the computer's. `SOURCE_DATE_EPOCH` never moves it. A debug build
    /// (the tests') takes a fixed time from `DMF_TEST_REGISTER_TIME` (seconds since 1970), so
    /// end-to-end tests can record on a day of their choosing; a release build has no such seam.
    static let registerClock: RegisterClock = {
        #if DEBUG
            if let value = ProcessContext.variable("DMF_TEST_REGISTER_TIME"), let seconds = Int64(value) {
                return .fixed(Date(timeIntervalSince1970: TimeInterval(seconds)))
            }
        #endif
        return .system
    }()

    /// The register `--register` (or the environment) names, on the register's clock, opened as
    /// this release (`AppInfo.version`, which a test checks is a version the register reads). A debug
    /// build takes the account from `DMF_TEST_ACCOUNT` too, so tests on a PostgreSQL server can
    /// write as the login they made; a release build always uses the process's own.
    static func registerSetting(option: String?) -> RegisterSetting {
        var setting = RegisterSetting.resolve(option: option, variable: ProcessContext.variable)
        setting.clock = registerClock
        setting.software = SoftwareVersion(AppInfo.version) ?? .newestKnownWriter
        #if DEBUG
            if let account = ProcessContext.variable("DMF_TEST_ACCOUNT"), !account.isEmpty {
                setting.account = { account }
            }
        #endif
        return setting
    }

    static func openTerminal(highContrast: Bool) throws -> OpenedTerminal {
        let backend = try NcursesBackend.open(options: NcursesOptions(highContrast: highContrast))
        return OpenedTerminal(backend: backend, restoreAndReraise: backend.restoreAndReraise)
    }

    static func launcher() -> Launcher {
        var launcher = Launcher(clock: clock, openTerminal: openTerminal(highContrast:))
        launcher.register = registerSetting(option: nil)
        launcher.signing = .resolve(option: nil, variable: ProcessContext.variable)
        return launcher
    }
}
