import Foundation
import Testing

@testable import DMFSignatures

/// The allowed-signers file read as ssh-keygen(1) describes it ("ALLOWED SIGNERS"): principals,
/// options, comments; every line that cannot be read is named with its number.
@Suite struct AllowedSignersTests {
    static let key = (try? SSHPublicKey(wire: SignatureFormatTests.keyWire))?.line ?? "?"

    static func refusal(_ text: String) -> String? {
        do {
            _ = try AllowedSigners(text: text, source: "allowed")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func linesWithPrincipalsOptionsAndCommentsAreRead() throws {
        let text = """
            # Administrators keep this file.

              \t
            jowner@moj.example \(Self.key) Jo's key
            "Jo Owner" NAMESPACES="dmf-wizard-decision,dmf-wizard-receipt",Valid-After="20260101Z",valid-before="20261231235959Z" \(Self.key)
            *@moj.example,!mallory@moj.example cert-authority,namespaces="dmf-wizard-*" \(Self.key)
            jo namespaces="a \\"quoted\\" b" \(Self.key)\r
            """
        let signers = try AllowedSigners(text: text, source: "allowed")
        #expect(signers.lines.map(\.number) == [4, 5, 6, 7])
        let plain = signers.lines[0]
        #expect(plain.principals == "jowner@moj.example")
        #expect(plain.namespaces == nil && plain.validAfter == nil && plain.validBefore == nil)
        #expect(!plain.isCertificateAuthority)
        #expect(plain.allows(namespace: "anything"))
        let dated = signers.lines[1]
        #expect(dated.principals == "Jo Owner")
        #expect(dated.namespaces == "dmf-wizard-decision,dmf-wizard-receipt")
        #expect(dated.validAfter == Int64(utc("20260101").timeIntervalSince1970))
        #expect(dated.validBefore == Int64(utc("20261231235959").timeIntervalSince1970))
        #expect(dated.allows(namespace: "dmf-wizard-decision"))
        #expect(!dated.allows(namespace: "dmf-wizard-manifest"))
        #expect(dated.window == "from 2026-01-01 00:00:00 UTC until 2026-12-31 23:59:59 UTC")
        let authority = signers.lines[2]
        #expect(authority.isCertificateAuthority)
        #expect(authority.shownPrincipals == ["*@moj.example"])
        #expect(authority.names(principal: "jo@moj.example"))
        #expect(!authority.names(principal: "mallory@moj.example"))
        #expect(!authority.names(principal: "jo@elsewhere.example"))
        #expect(authority.allows(namespace: "dmf-wizard-checkpoint"))
        #expect(signers.lines[3].namespaces == "a \"quoted\" b")

        let parsed = try SSHPublicKey(line: Self.key)
        #expect(signers.lines(listing: parsed).map(\.number) == [4, 5, 7])
        #expect(signers.authorityLines(for: parsed).map(\.number) == [6])
    }

    @Test func validityIsJudgedToTheSecondBothEndsIncluded() throws {
        let line = try #require(
            try AllowedSigners(
                text: "jo valid-after=\"202601010930Z\",valid-before=\"20261130UTC\" \(Self.key)\n", source: "allowed"
            ).lines.first)
        #expect(!line.isValid(at: utc("20260101092959")))
        #expect(line.isValid(at: utc("20260101093000")))
        #expect(line.isValid(at: utc("20260101093000").addingTimeInterval(0.9)))
        #expect(line.isValid(at: utc("20261130")))
        #expect(!line.isValid(at: utc("20261130000001")))
        #expect(!line.isValid(at: utc("20261130").addingTimeInterval(1.5)))
    }

    /// Times without Z are local, converted as OpenSSH converts them.
    @Test func localTimesAreReadAsOpenSSHReadsThem() throws {
        var parts = tm()
        parts.tm_year = 2026 - 1900
        parts.tm_mon = 6
        parts.tm_mday = 1
        parts.tm_hour = 12
        parts.tm_isdst = 0
        let expected = Int64(mktime(&parts))
        #expect(try Moment.parse("202607011200", option: "valid-after") == expected)
        #expect(try Moment.parse("20260701120000", option: "valid-after") == expected)
        #expect(
            try Moment.parse("20260701120000z", option: "valid-after")
                == Int64(utc("20260701120000").timeIntervalSince1970))
    }

    @Test func everyLineThatCannotBeReadIsNamedWithItsNumber() throws {
        let lines = [
            "jo",
            "jo ssh-ed25519",
            "jo ssh-ed25519 AAAA$$",
            "jo nope=\"1\" \(Self.key)",
            "jo namespaces=dmf-wizard-receipt \(Self.key)",
            "jo namespaces=\"a\",namespaces=\"b\" \(Self.key)",
            "jo valid-after=\"20260230\" \(Self.key)",
            "jo valid-after=\"2026\" \(Self.key)",
            "jo valid-after=\"20260101Z\",valid-before=\"20260101Z\" \(Self.key)",
            "jo namespaces=\"a \(Self.key)",
            "jo cert-authority, \(Self.key)",
            "jo cert-authorityx \(Self.key)",
            "jo ssh-dss AAAAB3NzaC1kc3M=",
            "\"jo \(Self.key)",
            "jo valid-after=\"19700101000000Z\" \(Self.key)",
        ]
        let text = (["# every line below is wrong"] + lines).joined(separator: "\n")
        let error = try #require(throws: AllowedSignersError.self) { try AllowedSigners(text: text, source: "allowed") }
        guard case .badLines(let source, let problems) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(source == "allowed")
        #expect(problems.map(\.line) == Array(2...lines.count + 1))
        let reasons = problems.map(\.reason)
        #expect(
            reasons == [
                "there is no key after the principals",
                "the ssh-ed25519 key has no base64",
                "the ssh-ed25519 key's base64 is damaged",
                "nope is not an option (the options are cert-authority, namespaces=\"…\", valid-after=\"…\" and valid-before=\"…\")",
                "namespaces= needs its value in double quotes",
                "namespaces= is given twice",
                "valid-after=\"20260230\" is a date or time that does not exist",
                "valid-after=\"2026\" is not a time (write YYYYMMDD or YYYYMMDDHHMM[SS], with Z for UTC)",
                "valid-before is not after valid-after",
                "a double quote in the options is not closed",
                "the options end with a comma",
                "x is not an option",
                "ssh-dss is not a key type that is accepted",
                "the principals' quote is not closed",
                "valid-after=\"19700101000000Z\" is before 1970",
            ])
        #expect(
            error.description.hasPrefix(
                "the allowed signers file allowed has lines that cannot be read, so it is not used: line 2: there is no key"
            ))
    }

    @Test func aFileThatIsMissingOrNotAFileIsNamed() throws {
        let folder = NSTemporaryDirectory() + "/dmf-allowed-\(UUID().uuidString)"
        #expect(throws: AllowedSignersError.missing(path: folder)) { try AllowedSigners.load(path: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: AllowedSignersError.unreadable(path: folder, reason: "it is not a regular file")) {
            try AllowedSigners.load(path: folder)
        }
        let file = folder + "/allowed_signers"
        try "jo \(Self.key)\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(try AllowedSigners.load(path: file).lines.count == 1)
        #expect(
            AllowedSignersError.missing(path: "/etc/dmf-wizard/allowed_signers").description
                == "the allowed signers file /etc/dmf-wizard/allowed_signers does not exist (set DMF_ALLOWED_SIGNERS to "
                + "the file your administrators keep)")
    }

    @Test func patternsMatchAsOpenSSHsDo() {
        #expect(OpenSSHPattern.matches("jo@moj.example", "*@moj.example"))
        #expect(OpenSSHPattern.matches("jo@moj.example", "j?@moj.*"))
        #expect(!OpenSSHPattern.matches("joe@moj.example", "j?@moj.*"))
        #expect(OpenSSHPattern.matches("", "*"))
        #expect(OpenSSHPattern.matches("", ""))
        #expect(!OpenSSHPattern.matches("a", ""))
        #expect(OpenSSHPattern.matches("a*b", "a*b"))
        #expect(OpenSSHPattern.matches("abcabd", "*abd"))
        #expect(OpenSSHPattern.matches("aXbXc", "a*b*c"))
        #expect(!OpenSSHPattern.matches("aXbXcX", "a*b*c"))
        #expect(!OpenSSHPattern.matches("Jo", "jo"), "case counts")
        // A long run of stars does not take exponential time.
        #expect(
            !OpenSSHPattern.matches(String(repeating: "a", count: 5_000), String(repeating: "*a", count: 200) + "b"))

        #expect(OpenSSHPattern.match("jo", list: "ann,jo") == .matched)
        #expect(OpenSSHPattern.match("jo", list: "ann,bob") == .none)
        #expect(OpenSSHPattern.match("jo", list: "*,!jo") == .excluded)
        #expect(OpenSSHPattern.match("jo", list: "!jo,*") == .excluded)
        #expect(OpenSSHPattern.match("ann", list: "*,!jo") == .matched)
        #expect(OpenSSHPattern.match("ann", list: "!jo") == .none, "a negation alone matches nothing")
    }
}
