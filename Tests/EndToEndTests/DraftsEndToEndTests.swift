import Foundation
import Testing

/// `resume --list` and `resume --delete`: the drafts a person has, and getting rid of one.
@Suite struct DraftsEndToEndTests {
    static func workspaceWithDrafts() throws -> Workspace {
        let workspace = try Workspace()
        let drafts = "state/dmf-wizard/drafts"
        try FileManager.default.createDirectory(atPath: workspace.path(drafts), withIntermediateDirectories: true)
        try workspace.write(
            "\(drafts)/draft-20261128-090000-AAAA.yaml",
            """
            format: 1
            requester:
              name: "A. Person"
            data:
              description: "Caseload extract"
            route:
              type: third-party
            draft:
              step: R3
            """)
        try workspace.write("\(drafts)/draft-20261129-100000-BBBB.yaml", "format: 1\ntransfer: [oops\n")
        return workspace
    }

    @Test func listShowsEachDraftWithRequesterRouteDescriptionAndStep() throws {
        let workspace = try Self.workspaceWithDrafts()
        let result = try Wizard.run(["resume", "--list"], environment: ["XDG_STATE_HOME": workspace.path("state")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.stdout)")
        #expect(
            lines[0].hasPrefix("draft-20261129-100000-BBBB.yaml") && lines[0].contains("CANNOT BE READ"),
            "newest first, even unreadable")
        #expect(lines[2].hasPrefix("draft-20261128-090000-AAAA.yaml") && lines[2].hasSuffix("step R3"))
        #expect(lines[3].contains("Requester: A. Person · Route: Third party · Caseload extract"), "\(lines[3])")
    }

    @Test func listWithNoDraftsSaysSo() throws {
        let workspace = try Workspace()
        let result = try Wizard.run(["resume", "--list"], environment: ["XDG_STATE_HOME": workspace.path("state")])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("No saved drafts in "))
    }

    @Test func deleteRemovesOnlyTheNamedDraft() throws {
        let workspace = try Self.workspaceWithDrafts()
        let environment = ["XDG_STATE_HOME": workspace.path("state")]
        let deleted = try Wizard.run(["resume", "--delete", "draft-20261128-090000-AAAA"], environment: environment)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(deleted.stdout.hasPrefix("Deleted "))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: workspace.path("state/dmf-wizard/drafts")) == [
                "draft-20261129-100000-BBBB.yaml"
            ])
        // A file outside the drafts folder is never deleted, whatever its name.
        let mine = try workspace.write("draft-20261128-090000-CCCC.yaml", "format: 1\n")
        let refused = try Wizard.run(["resume", "--delete", mine], environment: environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("there is no draft called"))
        #expect(FileManager.default.fileExists(atPath: mine))
    }
}
