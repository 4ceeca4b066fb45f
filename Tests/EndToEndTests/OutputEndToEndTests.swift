import Foundation
import TestSupport
import Testing

/// Where the output goes when it cannot go where it should: a full disk, a reader that stopped
/// early.
@Suite struct OutputEndToEndTests {
    static let withoutBrowser = ["DMF_CHROMIUM": "/nonexistent/chromium"]

    /// Runs `command` (a shell line in which `"$0"` is the binary) with bash, in `workspace`.
    static func shell(_ command: String, in workspace: Workspace, environment extra: [String: String] = [:]) throws
        -> Spawn.Output
    {
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = nil
        environment["SOURCE_DATE_EPOCH"] = Wizard.epoch
        environment["XDG_DATA_HOME"] = workspace.path("data")
        environment["XDG_STATE_HOME"] = workspace.path("state")
        environment["DMF_REGISTER_URL"] = nil
        for (key, value) in extra { environment[key] = value }
        return try Spawn.run(
            ["/bin/bash", "-c", command, Wizard.executable.path], environment: environment, in: workspace.url.path)
    }

    /// A workspace with the example answers and one entry in its register.
    static func recordedWorkspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        let recorded = try shell(
            #""$0" fill case.yaml --output-dir out --record"#, in: workspace, environment: withoutBrowser)
        try #require(recorded.status == 0, "\(recorded.stderr)")
        return workspace
    }

    // MARK: - Standard output and error

    /// A full disk used to be ignored: exit 0 and nothing said.
    @Test(arguments: [
        "fill case.yaml", "fill case.yaml --format json", "fill case.yaml --format text",
        "register export --format json",
        "register list", "flow", "rules",
    ])
    func aFullDiskOnStandardOutputSaysSoAndExits1(command: String) throws {
        let workspace = try Self.recordedWorkspace()
        let result = try Self.shell(#""$0" \#(command) > /dev/full"#, in: workspace)
        #expect(result.status == 1, "\(command): \(result.stderr)")
        #expect(
            result.stderr.contains("dmf-wizard: cannot write to standard output: No space left on device"),
            "\(command): \(result.stderr)")
        #expect(result.stderr.components(separatedBy: "cannot write").count == 2, "said once")
    }

    @Test func withStandardErrorFullTooItStillExits1() throws {
        let workspace = try Self.recordedWorkspace()
        let result = try Self.shell(#""$0" fill case.yaml > /dev/full 2> /dev/full"#, in: workspace)
        #expect(result.status == 1)
        // An answers file with problems, its report going to a full disk, still fails as before.
        try workspace.write("bad.yaml", "format: 1\n")
        let bad = try Self.shell(#""$0" fill bad.yaml 2> /dev/full"#, in: workspace)
        #expect(bad.status == 1)
    }

    /// A reader that stops early (`head`) is no failure: no message, no death by SIGPIPE, and
    /// the command's own status.
    @Test func aReaderThatStopsEarlyEndsItQuietly() throws {
        let workspace = try Self.recordedWorkspace()
        let big = try Self.shell(
            #""$0" table --format csv | head -c 100 > /dev/null; echo "status=${PIPESTATUS[0]}""#, in: workspace)
        #expect(big.stdout == "status=0\n", "\(big.stdout)")
        #expect(big.stderr.isEmpty, "\(big.stderr)")
        // The reader has gone before the first write: that write and every later one fail.
        for command in ["fill case.yaml --verdict-exit", "register export --format json", "flow"] {
            let result = try Self.shell(
                #"{ sleep 0.3; "$0" \#(command); echo "status=$?" >&2; } | (exec 0<&-; sleep 1)"#, in: workspace)
            #expect(
                result.stderr == "status=\(command.contains("verdict-exit") ? 3 : 0)\n", "\(command): \(result.stderr)")
        }
    }

}
