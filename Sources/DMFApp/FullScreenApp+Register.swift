import DMFRegister
import DMFRegisterStores
import Foundation

/// The register screen's effects: the register is opened when the screen needs it (never for the
/// first screen), and its answers go back to the screen.
extension FullScreenApp {
    func registerEffect(_ effect: Effect) {
        let shown: RegisterScreen
        if case .register(let current) = screen {
            shown = current
        } else {
            var fresh = RegisterScreen()
            fresh.today = String(clock.timestamp.prefix(10))
            shown = fresh
        }
        var next = shown
        switch effect {
        case .openRegister, .registerList:
            let query = next.query
            next.listed(withRegister { register throws(RegisterError) in try register.list(query) })
        case .registerEntry(let reference):
            next.opened(withRegister { register throws(RegisterError) in try register.history(reference) })
        case .registerChange(var request, let reference, let files):
            do {
                request.files = try files.map { path throws(DigestError) in
                    try FileDigest.of(file: PathInput.expand(path, home: home))
                }
                request = try request.readingDates()
            } catch {
                next.message = .problem(String(describing: error))
                return screen = .register(next)
            }
            let result = withRegister { register throws(RegisterError) in
                let event = try register.append(request, to: reference)
                return (try register.history(reference), event)
            }
            switch result {
            case .success(let (history, event)):
                next.opened(.success(history), done: "Recorded: \(event.kind.label), event \(event.sequence).")
            case .failure(let error):
                next.message = .problem(error.description)
            }
        default: return
        }
        screen = .register(next)
    }

    /// Runs `body` on the register, opening it if it is not open; every failure becomes a
    /// result. A failure of the register itself (not a refusal of the change) closes it, so the
    /// next request opens it afresh: a server back up, or a file put back, is then used.
    private func withRegister<T>(_ body: (Register) throws(RegisterError) -> T) -> Result<T, RegisterError> {
        guard let setting = register else {
            return .failure(.unavailable(location: "this computer", reason: "no register is set up"))
        }
        do throws(RegisterError) {
            if openedRegister == nil { openedRegister = try setting.open(clock) }
            guard let opened = openedRegister else { throw .failed(location: setting.description, reason: "not open") }
            return .success(try body(opened))
        } catch {
            switch error {
            case .unknownReference, .referenceTaken, .refused: break
            case .unavailable, .failed, .damaged: closeRegister()
            }
            return .failure(error)
        }
    }

    func closeRegister() {
        openedRegister?.close()
        openedRegister = nil
    }
}
