import Foundation
import TestSupport
import Testing

@testable import DMFSignatures

/// Where the key and the trusted keys come from, whether the trusted keys are safe from the
/// person using them, and the account's name.
@Suite struct SettingsTests {
    static func variables(_ values: [String: String]) -> (String) -> String? { { values[$0] } }

    @Test func theSigningKeyComesFromTheOptionThenTheEnvironment() {
        let environment = Self.variables(["DMF_SIGNING_KEY": "/keys/env", "HOME": "/home/jo"])
        #expect(SigningSettings.signingKey(option: "/keys/option", variable: environment) == "/keys/option")
        #expect(SigningSettings.signingKey(option: nil, variable: environment) == "/keys/env")
        #expect(SigningSettings.signingKey(option: nil, variable: Self.variables([:])) == nil)
        #expect(SigningSettings.signingKey(option: nil, variable: Self.variables(["DMF_SIGNING_KEY": ""])) == nil)
        #expect(
            SigningSettings.signingKey(option: "~/.ssh/id_ed25519", variable: environment) == "/home/jo/.ssh/id_ed25519"
        )
        #expect(SigningSettings.keyVariable == "DMF_SIGNING_KEY")
    }

    @Test func theAllowedSignersComeFromTheOptionThenTheEnvironmentThenEtc() {
        let environment = Self.variables(["DMF_ALLOWED_SIGNERS": "/srv/allowed", "HOME": "/home/jo"])
        #expect(SigningSettings.allowedSigners(variable: Self.variables([:])) == "/etc/dmf-wizard/allowed_signers")
        #expect(
            SigningSettings.allowedSigners(variable: Self.variables(["DMF_ALLOWED_SIGNERS": ""]))
                == "/etc/dmf-wizard/allowed_signers")
        #expect(SigningSettings.allowedSigners(variable: environment) == "/srv/allowed")
        #expect(SigningSettings.allowedSigners(option: "~/allowed", variable: environment) == "/home/jo/allowed")
        #expect(SigningSettings.allowedSignersVariable == "DMF_ALLOWED_SIGNERS")
    }

    /// A made-up file system, so every rule is tested without another account.
    struct Probe: Writability.Probe {
        var entries: [String: Writability.Facts]
        var sticky: Set<String> = []
        var user: uid_t = 1000

        func facts(_ path: String) -> Writability.Facts? { entries[path] }
        func isSticky(_ folder: String) -> Bool { sticky.contains(folder) }
    }

    static func facts(writable: Bool, owner: uid_t = 0) -> Writability.Facts {
        Writability.Facts(exists: true, writable: writable, owner: owner)
    }

    @Test func theFileIsProtectedOnlyWhenNeitherItNorItsFolderCanBeChanged() {
        let file = "/etc/dmf-wizard/allowed_signers"
        let folder = "/etc/dmf-wizard"
        func judge(_ entries: [String: Writability.Facts], sticky: Set<String> = []) -> Writability {
            Writability.judge(path: file, probe: Probe(entries: entries, sticky: sticky))
        }
        #expect(judge([file: Self.facts(writable: false), folder: Self.facts(writable: false)]) == .protected)
        #expect(
            judge([file: Self.facts(writable: true), folder: Self.facts(writable: false)]) == .fileWritable(path: file))
        #expect(
            judge([file: Self.facts(writable: false), folder: Self.facts(writable: true)])
                == .folderWritable(folder: folder), "the file can be replaced")
        // A sticky folder (like /tmp): only the file's or the folder's owner can replace the file.
        #expect(
            judge([file: Self.facts(writable: false), folder: Self.facts(writable: true)], sticky: [folder])
                == .protected)
        #expect(
            judge(
                [file: Self.facts(writable: false, owner: 1000), folder: Self.facts(writable: true)], sticky: [folder])
                == .folderWritable(folder: folder))
        // Missing: whoever can create it in the nearest folder that exists could write it.
        #expect(judge(["/etc": Self.facts(writable: false), "/": Self.facts(writable: false)]) == .protected)
        #expect(judge(["/etc": Self.facts(writable: true)]) == .folderWritable(folder: "/etc"))
        #expect(judge([folder: Self.facts(writable: true)]) == .folderWritable(folder: folder))
        #expect(judge([:]) == .protected)
        #expect(Writability.protected.description == "only its administrators can change it")
        #expect(
            Writability.fileWritable(path: file).description.hasPrefix(
                "you can change \(file), so you could list your own key as anyone's"))
    }

    @Test func aFileOfYourOwnIsWritable() throws {
        let folder = NSTemporaryDirectory() + "/dmf-writable-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/allowed_signers"
        #expect(SigningSettings.writability(of: file) == .folderWritable(folder: folder))
        try "".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(SigningSettings.writability(of: file) == .fileWritable(path: file))
        chmod(file, 0o444)
        // Still replaceable through the folder (and root can write anything).
        #expect(SigningSettings.writability(of: file).isWritable)
    }

    @Test func theAccountNameIsTheSystemsName() throws {
        let id = try Spawn.run(["/usr/bin/id", "-un"], environment: ProcessInfo.processInfo.environment)
        try #require(id.status == 0)
        #expect(try Account.current() == id.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let nobody: uid_t = 3_999_999_999
        #expect(throws: Account.Unnamed(uid: nobody)) { try Account.name(of: nobody) }
        #expect(
            Account.Unnamed(uid: nobody).description.hasPrefix(
                "the account running dmf-wizard (user id 3999999999) has no name"))
    }
}
