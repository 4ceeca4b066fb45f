import Foundation

/// Finds the `assets/` folder at run time without SwiftPM resources (which break when the
/// binary is copied or installed, because the bundle path is fixed at build time). Looked for,
/// in order:
/// `$DMF_WIZARD_ASSETS`; `<executable dir>/assets`; `<executable dir>/../share/dmf-wizard/assets`;
/// and the source checkout this binary was built from (so `swift run` works from any folder).
public enum AssetLocator {
    public static func candidates(
        environment: [String: String] = ProcessInfo.processInfo.environment, sourceFile: String = #filePath
    ) -> [String] {
        var paths: [String] = []
        if let explicit = environment["DMF_WIZARD_ASSETS"], !explicit.isEmpty { return [explicit] }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .path
        paths.append(executable + "/assets")
        paths.append(URL(fileURLWithPath: executable + "/../share/dmf-wizard/assets").standardized.path)
        // Sources/DMFApp/Training/AssetLocator.swift → the checkout's top folder.
        let checkout = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        paths.append(checkout.appendingPathComponent("assets").path)
        return paths
    }

    /// The first candidate folder that exists.
    /// - Throws: a message listing every place looked in.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(AssetsNotFound)
        -> String
    {
        let paths = candidates(environment: environment)
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                return path
            }
        }
        throw AssetsNotFound(lookedIn: paths)
    }
}

/// The assets folder (training cases) is nowhere the tool looks for it.
public struct AssetsNotFound: Error, CustomStringConvertible, Sendable, Equatable {
    public var lookedIn: [String]

    public var description: String {
        "the assets folder was not found; looked in: \(lookedIn.joined(separator: ", ")). Set DMF_WIZARD_ASSETS to its path."
    }
}
