import Foundation
import TestSupport
import Testing

/// What the wizard's binary links: `ldd`'s list and `readelf -d`'s NEEDED lines together, so a
/// library named by either is found. The libraries loaded on first use must be in neither.
enum LinkedLibraries {
    static func ofWizard() throws -> String {
        let linked = try Spawn.run(["/usr/bin/ldd", Wizard.executable.path], environment: [:], timeout: 30)
        #expect(linked.status == 0 || linked.stderr.contains("not a dynamic executable"))
        let needed = try Spawn.run(
            ["/usr/bin/env", "readelf", "-d", Wizard.executable.path], environment: ProcessInfo.processInfo.environment,
            timeout: 30)
        #expect(needed.status == 0, "\(needed.stderr)")
        #expect(needed.stdout.contains("(NEEDED)"), "readelf printed no libraries: \(needed.stdout)")
        return linked.stdout + needed.stdout
    }
}
