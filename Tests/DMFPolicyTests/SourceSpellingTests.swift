import DMFPolicy
import Foundation
import Testing

/// Each answer is described once: its key is spelt in the schema and, where a question is bound
/// to it, in the question's wording (DMFFlow's Flow.swift), and nowhere else in the sources. Rules
/// cite answers by where they are kept (typed facts), and every other place reads the schema.
/// The policy module also keeps clear of `try!` and force unwraps.
@Suite struct SourceSpellingTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    static let files: [(name: String, text: String)] = {
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else {
                continue
            }
            files.append((url.path.replacingOccurrences(of: sources.path + "/", with: ""), text))
        }
        return files.sorted { $0.0 < $1.0 }
    }()

    static var paths: [String] { AnswerSchema.fields.map(\.path) + AnswerSchema.recipient.map(\.path) }

    @Test(arguments: paths)
    func anAnswerKeyIsSpeltInTheSchemaAndItsQuestionOnly(path: String) throws {
        let quoted = try Regex("\"" + NSRegularExpression.escapedPattern(for: path) + "(?![A-Za-z0-9_])")
        let spelling = Self.files.filter { $0.text.contains(quoted) }.map(\.name)
        #expect(spelling.count <= 2, "\(path) is spelt in \(spelling)")
        #expect(
            Set(spelling).isSubset(of: ["DMFPolicy/AnswerSchema.swift", "DMFFlow/Flow.swift"]),
            "\(path) is spelt in \(spelling)")
    }

    @Test func noSourceUsesTryBang() {
        let offenders = Self.files.filter { $0.text.contains("try!") }.map(\.name)
        #expect(offenders.isEmpty, "\(offenders)")
    }

    /// A `!` right after a name, a call or a subscript, outside comments and string literals, is a
    /// force unwrap (or a forced cast): none in the policy module.
    @Test func thePolicyModuleForceUnwrapsNothing() throws {
        let forced = try Regex(#"[A-Za-z0-9_\)\]]!(?!=)"#)
        for file in Self.files where file.name.hasPrefix("DMFPolicy/") {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = Self.withoutCommentsAndStrings(String(line))
                #expect(!code.contains(forced), "\(file.name):\(number + 1): \(line)")
            }
        }
    }

    /// One line with its comment and the insides of its string literals removed (good enough for
    /// the code in this repository, where a literal never spans a `//`).
    static func withoutCommentsAndStrings(_ line: String) -> String {
        var out = ""
        var inString = false
        var previous: Character = " "
        for character in line {
            if !inString, character == "/", previous == "/" {
                out.removeLast()
                break
            }
            if character == "\"", previous != "\\" { inString.toggle() } else if !inString { out.append(character) }
            previous = character
        }
        return out
    }
}
