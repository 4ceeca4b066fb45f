import Foundation
import Testing

/// What `scripts/build-deb.sh` relies on: the version `--version` prints first is the package's
/// version, and packaging/changelog has an entry for it. Caught here, before a release build.
@Suite struct PackagingTests {
    @Test func theChangelogNamesTheVersionTheBinaryPrints() throws {
        let result = try Wizard.run(["--version"])
        #expect(result.status == 0)
        let words = result.stdout.split(separator: " ")
        let version = try #require(words.first.map(String.init))
        #expect(version.allSatisfy { $0.isNumber || $0 == "." }, "a Debian version number: '\(version)'")
        #expect(result.stdout.contains("(rule set "), "the rules' version is printed beside it")
        let changelog = try String(
            contentsOf: Wizard.repositoryRoot.appendingPathComponent("packaging/changelog"), encoding: .utf8)
        let newest = changelog.split(separator: "\n").first.map(String.init) ?? ""
        #expect(newest.hasPrefix("dmf-wizard (\(version)) "), "packaging/changelog's newest entry is \(version)")
    }
}
