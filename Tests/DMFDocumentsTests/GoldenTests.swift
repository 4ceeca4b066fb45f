import DMFDocuments
import DMFPolicy
import Foundation
import Testing

/// The rich case rendered in every format must match its golden file exactly.
///
/// To re-record after an intended change: `RECORD_GOLDEN=1 swift test --filter GoldenTests`,
/// review the diff with git, then run again without the variable. A recording run always fails,
/// so it can never pass silently; CI never sets the variable.
@Suite struct GoldenTests {
    static let isRecording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"

    /// The golden folder in the source tree, where recording writes.
    static func sourceFolder(_ filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func fileName(_ format: OutputFormat) -> String { "rich.\(format.fileExtension)" }

    @Test(arguments: OutputFormat.allCases)
    func richCaseMatchesItsGoldenFile(format: OutputFormat) throws {
        let actual = format.render(try Fixtures.rich())
        let name = Self.fileName(format)
        if Self.isRecording {
            try Data(actual.utf8).write(to: Self.sourceFolder().appendingPathComponent(name))
            Issue.record("Recorded Golden/\(name) because RECORD_GOLDEN=1; review it, then run again without it.")
            return
        }
        let url = try #require(
            Bundle.module.url(forResource: "rich", withExtension: format.fileExtension, subdirectory: "Golden"),
            "Golden/\(name) is missing; record it with RECORD_GOLDEN=1")
        let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        // Not #expect(actual == expected): that would print both documents whole.
        if actual != expected {
            Issue.record("Golden/\(name) differs; if intended, re-record with RECORD_GOLDEN=1. \(lineDiff(expected: expected, actual: actual))")
        }
    }

    @Test func goldenFolderTellsEditorsToKeepWhitespace() throws {
        let config = try String(contentsOf: Self.sourceFolder().appendingPathComponent(".editorconfig"), encoding: .utf8)
        #expect(config.contains("trim_trailing_whitespace = false"))
        #expect(config.contains("end_of_line = lf"))
    }
}

@Suite struct TrainingModeTests {
    @Test(arguments: [OutputFormat.markdown, .text, .html])
    func trainingBannerIsAtTopAndBottom(format: OutputFormat) throws {
        let lines = visibleLines(format.render(try Fixtures.rich(training: true)), format: format)
        let banner = FilledDMF.trainingBanner
        #expect(banner == "TRAINING — not a real transfer")
        // The marking comes first and last; the banner right inside it.
        #expect(lines.prefix(2).last?.contains(banner) == true, "top: \(lines.prefix(3))")
        #expect(lines.suffix(2).first?.contains(banner) == true, "bottom: \(lines.suffix(3))")
        #expect(lines.filter { $0.contains(banner) }.count == 2)
    }

    @Test func jsonFlagsTrainingAndCarriesTheBanner() throws {
        let object = try jsonObject(OutputFormat.json.render(try Fixtures.rich(training: true)))
        #expect(object["training"] as? Bool == true)
        #expect(object["notice"] as? String == FilledDMF.trainingBanner)
    }

    @Test(arguments: OutputFormat.allCases)
    func realTransfersCarryNoTrainingBanner(format: OutputFormat) throws {
        #expect(!format.render(try Fixtures.rich()).contains("TRAINING"))
    }
}
