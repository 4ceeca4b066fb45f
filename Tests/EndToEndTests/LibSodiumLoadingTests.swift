import Foundation
import TestSupport
import Testing

/// libsodium checks Ed25519 signatures when it is installed. The binary does not link it: it is
/// loaded the first time such a signature is checked, and without it libcrypto checks them, with
/// the same answers.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen"), "needs openssh-client"))
struct LibSodiumLoadingTests {
    /// Whether the loader knows libsodium.so.23 (CI installs libsodium23).
    static let installed: Bool = {
        let listed = try? Spawn.run(["/sbin/ldconfig", "-p"], environment: [:], timeout: 30)
        return listed?.stdout.contains("libsodium.so.23 (") == true
    }()

    /// Whether the loader's trace (`LD_DEBUG=libs`) shows libsodium loaded (its initialiser called).
    static func loaded(_ trace: String) -> Bool {
        trace.split(separator: "\n").contains { $0.contains("calling init: ") && $0.contains("/libsodium.so.23") }
    }

    @Test func theBinaryDoesNotLinkLibsodium() throws {
        let linked = try LinkedLibraries.ofWizard()
        #expect(!linked.contains("libsodium"), "\(linked)")
    }

    /// A register with one decision signed by an Ed25519 key: `register check` loads libsodium
    /// (the loader's trace, `LD_DEBUG=libs`, shows it) and trusts the signature; `fill` and
    /// `register list` do not load it. With libsodium hidden (bind-mounting /dev/null over it in
    /// a mount namespace of the command's own, which needs root, as in CI), the same check gives
    /// the same answer through libcrypto.
    @Test func loadedToCheckASignatureAndNotNeeded() throws {
        let desk = try ProofEndToEndTests.Desk()
        let reference = try desk.recorded()
        let authorised = try desk.run(["register", "authorise", reference, "--by", "Jo Owner"], key: "iao")
        try #require(authorised.status == 0, "\(authorised.stderr)")
        let trusted = "Signatures: 1 trusted by the allowed signers"

        let trace = ["LD_DEBUG": "libs"]
        let checked = try desk.run(["register", "check"], trace)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains(trusted), "\(checked.stdout)")
        #expect(Self.loaded(checked.stderr) == Self.installed, "LD_DEBUG shows libsodium loaded")
        let filled = try desk.run(["fill", "case.yaml", "--output", "again.md"], trace)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(!filled.stderr.contains("libsodium"), "fill loaded libsodium")
        let listed = try desk.run(["register", "list"], trace)
        #expect(listed.status == 0)
        #expect(!listed.stderr.contains("libsodium"), "register list loaded libsodium")

        guard Self.installed else { return }
        let hide = try desk.workspace.write(
            "hide-libsodium.sh",
            """
            for library in $(/sbin/ldconfig -p | sed -n 's/.*libsodium\\.so\\.23 .*=> //p'); do
                mount --bind /dev/null "$library" || exit 99
            done
            exec "$@"
            """)
        let hidden = try desk.run(
            ["-c", "exec unshare -m /bin/sh \"$@\"", "sh", hide, Wizard.executable.path, "register", "check"], trace,
            shell: true)
        if hidden.status == 99 || hidden.stderr.hasPrefix("unshare:") {
            try Test.cancel("skipped: libsodium cannot be hidden here (needs root and mount namespaces)")
        }
        #expect(hidden.status == 0, "\(hidden.stderr)")
        #expect(hidden.stdout.contains(trusted), "\(hidden.stdout)")
        // The loader looked for it and could not load it; libcrypto checked the signature instead.
        #expect(hidden.stderr.contains("find library=libsodium.so.23"), "\(hidden.stderr)")
        #expect(!Self.loaded(hidden.stderr), "libsodium was not hidden")
    }
}
