import DMFPolicy

/// The application's identity. `version` is the one place the release number is written: the
/// command line's `--version` prints it, and `scripts/build-deb.sh` reads it from there for the
/// Debian package's version. The rules keep their own version (`PolicyInfo.rulesVersion`).
public enum AppInfo {
    public static let version = "0.4.0"

    /// What `--version` prints: the release, then the rule set it decides by.
    public static var versionLine: String { "\(version) (rule set \(PolicyInfo.rulesVersion))" }
}
