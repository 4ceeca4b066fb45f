import Foundation

/// PyYAML, a YAML reader written independently of ours (libyaml through Yams), to check that the
/// answers files we write are YAML for everybody, not only for our own reader.
public enum PyYAML {
    /// Whether `python3` can import PyYAML. `.ci/run` installs it; elsewhere a test without it
    /// is skipped, saying so.
    public static let isAvailable: Bool = {
        (try? Spawn.run(["/usr/bin/env", "python3", "-c", "import yaml"], environment: environment).status) == 0
    }()

    public struct Refused: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads `text` first as most Python programs do (`yaml.safe_load`, which honours tags and
    /// refuses one that does not fit its node), then returns what it holds as JSON with every
    /// value as the text the file gives (`BaseLoader`: no YAML 1.1 guesses such as `no` = false,
    /// as our reader too types values by the answers schema, never by their look).
    public static func readAsJSON(_ text: String) throws -> String {
        let file = NSTemporaryDirectory() + "dmf-pyyaml-\(UUID().uuidString).yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let script = """
            import json, sys, yaml
            text = open(sys.argv[1], encoding="utf-8").read()
            yaml.safe_load(text)
            print(json.dumps(yaml.load(text, Loader=yaml.BaseLoader), ensure_ascii=False))
            """
        let result = try Spawn.run(["/usr/bin/env", "python3", "-c", script, file], environment: environment)
        guard result.status == 0 else { throw Refused(description: result.stderr) }
        return result.stdout
    }

    private static var environment: [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"]
    }
}
