import Foundation

/// The few facts about the process the wizard needs at start-up, read straight from the C
/// library: `ProcessInfo.environment` and `FileManager` build far more than is used, and
/// everything done before the first screen delays it.
public enum ProcessContext {
    /// The named environment variables that are set.
    public static func environment(_ names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }

    /// The working folder, where outputs are saved by default.
    public static var currentFolder: String {
        guard let path = getcwd(nil, 0) else { return "." }
        defer { free(path) }
        return String(cString: path)
    }
}
