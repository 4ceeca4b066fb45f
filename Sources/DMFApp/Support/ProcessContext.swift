import Foundation

/// The few facts about the process the wizard needs at start-up, read straight from the C
/// library: `ProcessInfo.environment` and `FileManager` build far more than is used, and
/// everything done before the first screen delays it.
public enum ProcessContext {
    /// One environment variable, if it is set. A lookup by name rather than a dictionary of
    /// them: building a `[String: String]` before the first screen costs a scan of every
    /// protocol conformance in the binary.
    public static func variable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The working folder, where outputs are saved by default.
    public static var currentFolder: String {
        guard let path = getcwd(nil, 0) else { return "." }
        defer { free(path) }
        return String(cString: path)
    }
}
