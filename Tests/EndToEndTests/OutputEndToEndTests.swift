import Foundation
import TestSupport
import Testing

/// Where the output goes when it cannot go where it should: a full disk, a reader that stopped
/// early, a name that is not a file, and temporary files a killed run left behind.
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

    // MARK: - Names that are not files

    /// `--output /dev/full --force` as root once replaced the device with a file. Nothing that
    /// is not a regular file is ever replaced, with or without --force.
    @Test func aNamedPipeAFolderAndASocketAreNeverReplaced() throws {
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        #expect(mkfifo(workspace.path("pipe.md"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: workspace.path("folder.md"), withIntermediateDirectories: false)
        try Self.bindSocket(workspace.path("socket.md"))
        let cases = [
            ("pipe.md", "a named pipe", S_IFIFO), ("folder.md", "a folder", S_IFDIR),
            ("socket.md", "a socket", S_IFSOCK),
        ]
        for (name, kind, type) in cases {
            for force in [[], ["--force"]] {
                let result = try Wizard.run(
                    ["fill", "case.yaml", "--output", name] + force, in: workspace.url, timeout: 10)
                #expect(result.status == 1, "\(name) \(force)")
                #expect(
                    result.stderr.contains(
                        "cannot write \(name): it is \(kind), not a regular file, and is never replaced"),
                    "\(result.stderr)")
                #expect(Self.fileType(workspace.path(name)) == type, "\(name) is still what it was")
            }
        }
        // A set of files is all or nothing: a pipe where the text form goes stops every format.
        let reference = try #require(
            try Wizard.run(["fill", "case.yaml", "--format", "json"], in: workspace.url).stdout.firstMatch(
                of: /DMF-\d{8}-[0-9A-Z]{4}/
            ).map { String($0.0) })
        try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: false)
        #expect(mkfifo(workspace.path("out/\(reference).txt"), 0o600) == 0)
        let set = try Wizard.run(
            ["fill", "case.yaml", "--output-dir", "out", "--force"], in: workspace.url,
            environment: Self.withoutBrowser,
            timeout: 10)
        #expect(set.status == 1)
        #expect(set.stderr.contains("it is a named pipe"), "\(set.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("out")) == ["\(reference).txt"])
    }

    /// A device node made in a temporary folder (it needs root: CI runs as root).
    @Test func aDeviceIsNeverReplaced() throws {
        guard getuid() == 0 else {
            try Test.cancel("skipped: making a device node needs root (CI runs as root)")
        }
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        // The same device as /dev/full (character device 1, 7).
        guard mknod(workspace.path("full.md"), S_IFCHR | 0o600, dev_t(1 << 8 | 7)) == 0 else {
            try Test.cancel(
                "skipped: this system does not let root make a device node (\(String(cString: strerror(errno))))")
        }
        for force in [[], ["--force"]] {
            let result = try Wizard.run(["fill", "case.yaml", "--output", "full.md"] + force, in: workspace.url)
            #expect(result.status == 1)
            #expect(
                result.stderr.contains("cannot write full.md: it is a device, not a regular file"), "\(result.stderr)")
            #expect(Self.fileType(workspace.path("full.md")) == S_IFCHR, "still a device")
        }
    }

    // MARK: - Temporary files left behind

    /// A killed `fill --output-dir` leaves `.NAME.PID.N.tmp` files. The next write to the folder
    /// removes those whose process is gone, and nothing else: another fill may be writing.
    @Test func temporaryFilesOfAKilledRunAreTidiedByTheNextWrite() throws {
        let workspace = try Workspace()
        try workspace.write("case.yaml", try AnswersFixture.example())
        try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: false)
        let alive = getpid()  // this test runner: alive, and not the writer
        let left = [
            ".DMF-20261129-AAAA.md.99999999.123.tmp",  // a pid that cannot exist: gone
            ".DMF-20261129-AAAA.html.99999999.4294967295.tmp",
        ]
        let kept = [
            ".DMF-20261129-BBBB.md.\(alive).77.tmp",  // still being written
            ".notes.tmp", ".x.99999999.tmp", "notes.99999999.1.tmp", ".DMF.md.99999999.x.tmp",  // not our names
        ]
        for name in left + kept { try workspace.write("out/\(name)", "half") }
        // A folder with one of our names is not a file of ours either.
        try FileManager.default.createDirectory(
            atPath: workspace.path("out/.dir.md.99999999.5.tmp"), withIntermediateDirectories: false)
        let result = try Wizard.run(
            ["fill", "case.yaml", "--output-dir", "out"], in: workspace.url, environment: Self.withoutBrowser)
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.path("out"))
        for name in left { #expect(!files.contains(name), "\(name) removed") }
        for name in kept + [".dir.md.99999999.5.tmp"] { #expect(files.contains(name), "\(name) kept") }
        #expect(files.filter { $0.hasPrefix("DMF-") }.count == 4, "\(files)")
    }

    // MARK: - Helpers

    static func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    /// A listening Unix socket at `path` (closed again: the name stays until removed).
    static func bindSocket(_ path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0, "bind: \(String(cString: strerror(errno)))")
    }
}
