import DMFPolicy
import Foundation
import Testing

@testable import DMFFlow

/// The flow map as `dmf-wizard flow` prints it (both flows), kept in the repository like the
/// decision table: every step code, question and condition, so a new or changed question shows
/// as a diff. After an intended change: `RECORD_GOLDEN=1 swift test --filter FlowMapGoldenTests`,
/// review `git diff Tests/DMFFlowTests/Golden`, then run again without the variable.
@Suite struct FlowMapGoldenTests {
    @Test func theFlowMapMatchesTheGoldenFile() throws {
        try Golden.check(FlowMap().render(.text), "flow-map.txt")
    }

    /// Every transfer the decision table tries is complete, so no row is left out unseen.
    @Test(arguments: RouteType.allCases)
    func everyVariantOfTheTableIsDecided(_ route: RouteType) {
        let variants = DecisionTable.variants(of: DecisionTable.baseline(route))
        #expect(variants.count > 50)
        let undecided = variants.filter { DecisionTable.outcome($0.answers) == nil }.map(\.changes)
        #expect(undecided.isEmpty, "\(undecided.prefix(3))")
    }
}

/// Golden files of this target: `check` compares, or records with RECORD_GOLDEN=1 (and fails, so
/// a recording run never passes silently).
enum Golden {
    static func check(_ actual: String, _ name: String, filePath: String = #filePath) throws {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            Issue.record("Recorded Golden/\(name) because RECORD_GOLDEN=1; review it, then run again.")
            return
        }
        let expected = try #require(
            try? String(contentsOf: url, encoding: .utf8), "Golden/\(name) is missing; record it with RECORD_GOLDEN=1")
        guard actual != expected else { return }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ lines: [Substring], _ index: Int) -> Substring { index < lines.count ? lines[index] : "" }
        let differing = (0..<max(old.count, new.count)).filter { line(old, $0) != line(new, $0) }
        let shown = differing.prefix(6).map { "- \($0 + 1)  \(line(old, $0))\n+ \($0 + 1)  \(line(new, $0))" }
        Issue.record(
            """
            Golden/\(name) differs in \(differing.count) line(s); if intended, re-record with RECORD_GOLDEN=1.
            \(shown.joined(separator: "\n"))
            """)
    }
}
