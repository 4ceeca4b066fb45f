import DMFDocuments
import DMFPolicy
import Foundation

/// A training session's scores as a sheet a trainer can keep: Markdown to read and print, CSV
/// for a spreadsheet. Both carry the TRAINING banner's meaning: nothing in them is a real
/// transfer.
public struct ScoreSheet: Sendable {
    public var trainee: String
    /// When the session ended, UTC, ISO 8601.
    public var date: String
    public var results: [TrainingResult]

    public init(trainee: String, date: String, results: [TrainingResult]) {
        self.trainee = trainee
        self.date = date
        self.results = results
    }

    public var total: Int { results.map(\.score).reduce(0, +) }

    public var markdown: String {
        var lines = [
            "# Training score sheet", "",
            "**TRAINING — not a real transfer.**", "",
            "Trainee: \(MarkdownRenderer.inline(Sanitizer.clean(trainee)))  ", "Date: \(date)", "",
            "| Case | Predicted | The wizard said | Verdict right | Score |", "|---|---|---|---|---|",
        ]
        for result in results {
            let cells = [
                MarkdownRenderer.inline(Sanitizer.clean(result.title)), result.predictedVerdict.label,
                result.actualVerdict.label, result.verdictCorrect ? "Yes" : "No", "\(result.score)/10",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "**Total: \(total) out of \(results.count * 10).**", ""]
        // Every point gained or lost, case by case.
        if !results.isEmpty { lines += ["## How each score was worked out", ""] }
        for result in results {
            lines += ["### " + MarkdownRenderer.inline(Sanitizer.clean(result.title)), ""]
            lines += result.scoreLines.map { line in line.hasPrefix("Score") ? line + "\n" : line } + [""]
        }
        return lines.joined(separator: "\n")
    }

    /// RFC 4180 CSV; a cell that a spreadsheet would read as a formula is prefixed with `'`.
    public var csv: String {
        var rows = [
            [
                "trainee", "date", "case", "predicted", "actual", "verdict_right", "score", "verdict_points",
                "actions_points", "missed", "ticked_not_listed",
            ]
        ]
        for result in results {
            rows.append([
                trainee, date, result.caseID, result.predictedVerdict.rawValue, result.actualVerdict.rawValue,
                result.verdictCorrect ? "yes" : "no", String(result.score), String(result.verdictScore),
                String(result.actionsScore), result.missed.map(\.rawValue).joined(separator: " "),
                result.unnecessary.map(\.rawValue).joined(separator: " "),
            ])
        }
        return rows.map { $0.map(Self.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ text: String) -> String {
        var text = Sanitizer.clean(text)
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes both files into `folder` (never over an existing file) and returns their paths.
    public func save(in folder: String) throws(WriteError) -> [String] {
        let safeName = trainee.filter { $0.isLetter || $0.isNumber }.prefix(40)
        let stamp = date.filter(\.isNumber).prefix(12)
        let base = (folder as NSString).appendingPathComponent(
            "training-scores-\(safeName.isEmpty ? "trainee" : String(safeName))-\(stamp)")
        let files = [(base + ".md", markdown), (base + ".csv", csv)]
        try SafeFile.writeAll(files, overwrite: false)
        return files.map(\.0)
    }
}
