import Foundation
import TestSupport
import Testing

/// Plain mode with its answers piped in, as a script would run it.
@Suite struct PlainModeEndToEndTests {
    /// Runs `dmf-wizard --plain` in `workspace` with `lines` on standard input, from a file.
    static func run(_ lines: [String], in workspace: Workspace) throws -> CommandResult {
        try workspace.write("answers.txt", lines.map { $0 + "\n" }.joined())
        return try Wizard.run(
            ["-c", "exec \"$0\" --plain < answers.txt", Wizard.executable.path], in: workspace.url,
            environment: ["XDG_STATE_HOME": workspace.path("state"), "DMF_REGISTER_URL": ""], shell: true)
    }

    /// A line that cannot be used stops the run at its number (exit 1), keeping the answers
    /// before it in a draft, instead of asking again and giving each later line to the wrong
    /// question.
    @Test func aBadLineStopsAtItsNumber() throws {
        let workspace = try Workspace()
        let result = try Self.run(["Kim", "", "", "keep", "1", "", "", "", "1"], in: workspace)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "Line 4 (\"keep\") cannot be used: Please type one of the numbers 1 to 3, or the start of an "
                    + "option's word."), "\(result.stdout.suffix(800))")
        #expect(result.stdout.contains("Stopped at line 4:"))
        #expect(result.stdout.components(separatedBy: "code T1\n").count == 2, "T1 is not asked again")
        let folder = workspace.path("state/dmf-wizard/drafts")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        #expect(result.stdout.contains("Continue later with: dmf-wizard resume \(folder)/\(name)"))
        let draft = try workspace.contents("state/dmf-wizard/drafts/" + name)
        #expect(draft.contains("name: \"Kim\"") && !draft.contains("kind:"))
    }

    /// Words instead of numbers, and `q` to stop with the draft kept (exit 0).
    @Test func wordsChooseAndQStops() throws {
        let workspace = try Workspace()
        let result = try Self.run(["Kim", "", "", "shar", "one", "q", "never read"], in: workspace)
        #expect(result.status == 0, "\(result.stdout.suffix(500))")
        #expect(result.stdout.contains("Taken as 1. Share (I will keep a copy)"))
        #expect(result.stdout.contains("Taken as 1. One-off"), "\(result.stdout.suffix(800))")
        #expect(result.stdout.contains("Stopped. Your answers are saved in "))
        let folder = workspace.path("state/dmf-wizard/drafts")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        let draft = try workspace.contents("state/dmf-wizard/drafts/" + name)
        #expect(draft.contains("kind: share") && draft.contains("frequency: one-off") && draft.contains("step: \"T3\""))
    }
}
