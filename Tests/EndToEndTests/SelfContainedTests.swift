import Foundation
import TestSupport
import Testing

/// The repository stands on its own: no committed file sends a reader (or a script) to a path
/// outside it, such as a sibling folder or a machine-specific absolute path.
@Suite struct SelfContainedTests {
    @Test func noCommittedFileNamesAPathOutsideTheRepository() throws {
        let listing = try Spawn.run(
            ["/usr/bin/git", "-C", Wizard.repositoryRoot.path, "ls-files", "-z"], environment: [:], in: nil, timeout: 30
        )
        try #require(listing.status == 0, "git ls-files failed: \(listing.stderr)")
        let files = listing.stdout.split(separator: "\0").map(String.init)
        #expect(files.count > 50)
        let outside: [Regex<Substring>] = [
            #/\.\./shared\b/#, #/\bshared/(?:research|docs|tools|seeds)/#, #/(?:^|[\s"'`(=:])/work/\w/#,
        ]
        for file in files {
            guard
                let text = try? String(contentsOf: Wizard.repositoryRoot.appendingPathComponent(file), encoding: .utf8)
            else { continue }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for pattern in outside where line.contains(pattern) {
                    Issue.record("\(file):\(number + 1) names a path outside the repository: \(line.prefix(120))")
                }
            }
        }
    }
}
