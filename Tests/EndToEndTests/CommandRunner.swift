import Foundation
import TestSupport
import Testing

/// What one run of the command produced.
struct CommandResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `dmf-wizard` the way a person or a script would.
enum Wizard {
    /// `swift test` builds every product; the executable sits next to the test runner.
    /// `DMF_WIZARD_BINARY` points the end-to-end tests at another build, such as the
    /// release binary of `scripts/build-release.sh`.
    static let executable: URL =
        ProcessInfo.processInfo.environment["DMF_WIZARD_BINARY"]
        .map { URL(fileURLWithPath: $0).standardizedFileURL }
        ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("dmf-wizard")

    /// SOURCE_DATE_EPOCH for 2026-11-29T02:14:10Z.
    static let epoch = "1795918450"
    static let producedAt = "2026-11-29T02:14:10Z"

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the command with no terminal, a fixed production time and its output captured.
    /// - Parameters:
    ///   - folder: the working directory (default: the test runner's).
    ///   - environment: variables to add or override (an empty value unsets).
    ///   - shellPrefix: shell commands to run first (e.g. `umask 000`), through `/bin/sh`.
    /// With `shell`, `arguments` are given to `/bin/sh` instead (`-c`, a command line).
    static func run(
        _ arguments: [String], in folder: URL? = nil, environment extra: [String: String] = [:],
        shellPrefix: String? = nil, timeout: Double = 60, shell: Bool = false
    ) throws -> CommandResult {
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path),
            "\(executable.path) is missing: build the package first")
        let command =
            shell
            ? ["/bin/sh"]
            : shellPrefix.map { ["/bin/sh", "-c", "\($0); exec \"$0\" \"$@\"", executable.path] }
                ?? [executable.path]
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = nil
        environment["DMF_WIZARD_ASSETS"] = nil
        environment["SOURCE_DATE_EPOCH"] = epoch
        for (key, value) in extra { environment[key] = value.isEmpty ? nil : value }
        let output = try Spawn.run(command + arguments, environment: environment, in: folder?.path, timeout: timeout)
        return CommandResult(status: output.status, stdout: output.stdout, stderr: output.stderr)
    }
}

// MARK: - Fixtures

/// A temporary folder for answers files and outputs, removed when the test is done.
final class Workspace {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dmf-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns its full path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    func contents(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// The permission bits, e.g. 0o600.
    func mode(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path(name))
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
}

/// Small answers files, one per verdict: the same-system case changed one answer at a time.
enum AnswersFixture {
    static let proceed = """
        format: 1
        transfer:
          kind: share
          frequency: one-off
          purpose: "Team rota"
        requester:
          name: "A. Person"
        data:
          description: "Rota"
          classification: official
          personal_data: no
          bulk: no
        route:
          type: same-system
          source_system: DOM1
        recipients:
          - name: "B. Colleague"
            mailbox: personal
            authorised: yes
            clearance: bpss
        method: within-system
        retention:
          period: "until the end of the month"

        """

    static func proceedChanging(_ old: String, with new: String) -> String {
        if !proceed.contains(old) { Issue.record("the fixture has no \(old)") }
        return proceed.replacingOccurrences(of: old, with: new)
    }

    static let refer = proceedChanging("classification: official", with: "classification: not-sure")
    static let blocked = proceedChanging("authorised: yes", with: "authorised: no")
    static let conditions = proceedChanging("type: same-system", with: "type: between-moj-systems")
        .replacingOccurrences(of: "method: within-system", with: "method: secure-network")

    /// The project's example (an OGD share that ends in conditions).
    static func example() throws -> String {
        try String(contentsOf: Wizard.repositoryRoot.appendingPathComponent("examples/ogd-share.yaml"), encoding: .utf8)
    }
}
