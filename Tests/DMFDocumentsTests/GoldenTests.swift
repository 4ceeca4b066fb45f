import DMFDocuments
import DMFPolicy
import Foundation
import Testing

/// Each case rendered in every format must match its golden file exactly: the rich case (REFER),
/// a bulk transfer for the IAO to authorise, and a BLOCKED one, so every kind of sign-off is seen.
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

    static let cases = ["rich": Fixtures.richYAML, "bulk": Fixtures.bulkYAML, "blocked": Fixtures.blockedYAML]

    static var arguments: [(String, OutputFormat)] {
        cases.keys.sorted().flatMap { name in OutputFormat.textFormats.map { (name, $0) } }
    }

    @Test(arguments: arguments)
    func caseMatchesItsGoldenFile(name: String, format: OutputFormat) throws {
        let actual = format.render(try Fixtures.dmf(try Fixtures.answers(Self.cases[name]!)))
        let file = "\(name).\(format.fileExtension)"
        if Self.isRecording {
            try Data(actual.utf8).write(to: Self.sourceFolder().appendingPathComponent(file))
            Issue.record("Recorded Golden/\(file) because RECORD_GOLDEN=1; review it, then run again without it.")
            return
        }
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: format.fileExtension, subdirectory: "Golden"),
            "Golden/\(file) is missing; record it with RECORD_GOLDEN=1")
        let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        // Not #expect(actual == expected): that would print both documents whole.
        if actual != expected {
            Issue.record(
                """
                Golden/\(file) differs; if intended, re-record with RECORD_GOLDEN=1. \
                \(lineDiff(expected: expected, actual: actual))
                """
            )
        }
    }

    @Test func goldenFolderTellsEditorsToKeepWhitespace() throws {
        let config = try String(
            contentsOf: Self.sourceFolder().appendingPathComponent(".editorconfig"), encoding: .utf8)
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

    @Test(arguments: OutputFormat.textFormats)
    func realTransfersCarryNoTrainingBanner(format: OutputFormat) throws {
        #expect(!format.render(try Fixtures.rich()).contains("TRAINING"))
    }
}
