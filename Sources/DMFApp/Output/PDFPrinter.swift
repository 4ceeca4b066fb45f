import DMFPolicy
import Foundation
import ProcessSupport

/// Why a PDF could not be made, in words for the person running the tool.
public enum PrintError: Error, CustomStringConvertible, Sendable {
    /// No browser to print with.
    case noBrowser
    /// The browser ran but gave no PDF (its own last words, if any).
    case failed(String)
    case timedOut(seconds: Int)
    /// Stopped on request (Esc while saving): the browser was killed.
    case cancelled

    public var description: String {
        switch self {
        case .noBrowser:
            "PDF needs Chromium, which was not found (install the chromium package, or set DMF_CHROMIUM to "
                + "the browser's path). HTML prints the same way from any browser: use the html format instead."
        case .failed(let detail): "Chromium could not print the form to PDF" + (detail.isEmpty ? "." : ": \(detail)")
        case .timedOut(let seconds): "Chromium did not finish printing the form within \(seconds) seconds."
        case .cancelled: "Printing the PDF was stopped."
        }
    }
}

/// What prints the HTML form as a PDF: Chromium (`PDFPrinter`), or a stand-in in tests.
public protocol FormPrinter: Sendable {
    /// The PDF's bytes; stops (`PrintError.cancelled`) once `cancellation` is set.
    func pdf(fromHTML html: String, cancellation: Cancellation) throws(PrintError) -> [UInt8]
}

/// Prints the HTML form to PDF with a headless Chromium, the way a person would print it from
/// the browser: the HTML's print stylesheet (A4, marking, reference and page numbers on every
/// page) decides the layout, so the PDF and a paper copy printed by hand are the same.
public struct PDFPrinter: FormPrinter {
    /// The browser's path.
    public var browser: String
    public var timeoutSeconds = 60
    /// Where the private print folder is made (and removed again).
    public var temporaryRoot = NSTemporaryDirectory()

    /// The browser named by `DMF_CHROMIUM`, else the first Chromium or Chrome on `PATH`.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFPrinter? {
        if let named = environment["DMF_CHROMIUM"], !named.isEmpty {
            return access(named, X_OK) == 0 ? PDFPrinter(browser: named) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"] {
            for folder in folders where access("\(folder)/\(name)", X_OK) == 0 {
                return PDFPrinter(browser: "\(folder)/\(name)")
            }
        }
        return nil
    }

    /// The PDF's bytes. The HTML goes into a private temporary folder (mode 0700) with the
    /// browser's throwaway profile, and the folder is removed afterwards whatever happens.
    /// Setting `cancellation` kills the browser and every helper it started.
    public func pdf(fromHTML html: String, cancellation: Cancellation = Cancellation()) throws(PrintError) -> [UInt8] {
        guard !cancellation.isCancelled else { throw .cancelled }
        // mkdtemp's template: it replaces the trailing Xs with random characters.
        var template = Array((temporaryRoot + "/dmf-wizard-print.XXXXXX").utf8CString)
        guard let folderPointer = mkdtemp(&template) else { throw .failed("no temporary folder: \(Self.lastError())") }
        let folder = String(cString: folderPointer)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = "\(folder)/form.html"
        let output = "\(folder)/form.pdf"
        let log = "\(folder)/browser.log"
        do {
            try SafeFile.write(html, to: page, overwrite: false)
        } catch {
            throw .failed(error.description)
        }
        var arguments = [
            browser, "--headless", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--user-data-dir=\(folder)/profile", "--print-to-pdf=\(output)",
        ]
        // Chromium refuses to start its sandbox as root; as anyone else the sandbox stays on.
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        arguments.append(URL(fileURLWithPath: page).absoluteString)
        let status = try run(arguments, log: log, cancellation: cancellation)
        let bytes = FileManager.default.contents(atPath: output).map { [UInt8]($0) } ?? []
        guard status == 0, bytes.starts(with: Array("%PDF-".utf8)) else {
            let words = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let lastLine = words.split(separator: "\n").last { !$0.contains("dbus") && !$0.contains("D-Bus") } ?? ""
            throw .failed(
                status == 0 ? "it wrote no PDF" : "exit status \(status). \(Sanitizer.line(String(lastLine)))")
        }
        return bytes
    }

    /// Runs the browser in its own process group with a clean signal mask, so a timeout or a
    /// cancellation can stop it and every helper process it started; returns its exit status.
    private func run(_ arguments: [String], log: String, cancellation: Cancellation) throws(PrintError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let attributes = CleanSpawnAttributes(extraFlags: Int32(POSIX_SPAWN_SETPGROUP))
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let failure = posix_spawn(&pid, browser, &actions, &attributes.raw, &argv, environ)
        guard failure == 0 else { throw .failed("cannot start \(browser): \(String(cString: strerror(failure)))") }
        // The browser leaves helper processes behind in its group: stop them all once it is done.
        defer { kill(-pid, SIGKILL) }
        let deadline = Date().addingTimeInterval(Double(timeoutSeconds))
        let exit = ChildExit(of: pid)
        // Woken the moment it ends; in between, often enough to answer a cancellation at once.
        var ending = exit.ending(waitingAtMost: 0.02)
        while ending == nil {
            if cancellation.isCancelled || Date() > deadline {
                kill(-pid, SIGKILL)
                _ = exit.ending()
                throw cancellation.isCancelled ? .cancelled : .timedOut(seconds: timeoutSeconds)
            }
            ending = exit.ending(waitingAtMost: 0.02)
        }
        switch ending ?? .lost(ECHILD) {
        case .status(let status): return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        case .lost(let code): throw .failed("lost track of the browser: \(String(cString: strerror(code)))")
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
