import DMFSignatures
import Foundation
import TestSupport
import Testing

/// A scratch folder where OpenSSH's own `ssh-keygen` makes keys and certificates, signs and
/// verifies: the other side of every interop test.
final class KeygenTool {
    static let path = "/usr/bin/ssh-keygen"

    /// CI installs openssh-client; elsewhere the tests that need it say so.
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static let needed = ConditionTrait.enabled(
        if: isAvailable, "ssh-keygen is not installed (apt-get install openssh-client)")

    /// The key types checked natively, as `ssh-keygen -t` and `-b` make them.
    enum KeyType: String, CaseIterable, CustomTestStringConvertible {
        case ed25519, ecdsa256, ecdsa384, rsa3072

        var arguments: [String] {
            switch self {
            case .ed25519: ["-t", "ed25519"]
            case .ecdsa256: ["-t", "ecdsa", "-b", "256"]
            case .ecdsa384: ["-t", "ecdsa", "-b", "384"]
            case .rsa3072: ["-t", "rsa", "-b", "3072"]
            }
        }

        var testDescription: String { rawValue }
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    let folder: String
    /// The environment ssh-keygen runs with: no agent unless a test starts one.
    var environment: [String: String]

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/dmf-sshsig-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw Failed(description: "no temporary folder") }
        folder = String(cString: made)
        environment = ProcessInfo.processInfo.environment
        environment["SSH_AUTH_SOCK"] = nil
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func file(_ name: String) -> String { folder + "/" + name }

    /// Runs ssh-keygen in the folder, standard input from `input` (a file in the folder) or /dev/null.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, timeout: Double = 60) throws -> Spawn.Output {
        let command =
            input.map { ["/bin/sh", "-c", "exec \"$0\" \"$@\" < \"\(file($0))\"", Self.path] + arguments }
            ?? [Self.path] + arguments
        return try Spawn.run(command, environment: environment, in: folder, timeout: timeout)
    }

    /// Runs it and fails with its error output unless it succeeds.
    @discardableResult
    func mustRun(_ arguments: [String], input: String? = nil) throws -> Spawn.Output {
        let result = try run(arguments, input: input)
        guard result.status == 0 else {
            throw Failed(description: "ssh-keygen \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result
    }

    /// Makes a key pair without a passphrase; returns the private key's path.
    @discardableResult
    func makeKey(_ name: String, _ type: KeyType, passphrase: String = "", comment: String = "test") throws -> String {
        try mustRun(["-q"] + type.arguments + ["-N", passphrase, "-C", comment, "-f", name])
        return file(name)
    }

    func publicKey(_ name: String) throws -> SSHPublicKey {
        try SSHPublicKey(line: try text(name + ".pub").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
    }

    func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }

    /// An `ssh-keygen` in the folder that never finishes (it sleeps 30 s). Written by a child: a
    /// file this process still had open for writing could not be run ("text file busy") while
    /// other tests start programs.
    func writeHangingKeygen() throws {
        let made = try Spawn.run(
            ["/bin/sh", "-c", "printf '#!/bin/sh\\nexec sleep 30\\n' > ssh-keygen && chmod 755 ssh-keygen"],
            environment: environment, in: folder)
        try #require(made.status == 0)
    }

    func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file(name)))) }

    func text(_ name: String) throws -> String { String(decoding: try read(name), as: UTF8.self) }

    /// `ssh-keygen -Y sign` of the file `name`; returns the armoured signature it wrote.
    func sign(_ name: String, key: String, namespace: String) throws -> [UInt8] {
        try? FileManager.default.removeItem(atPath: file(name + ".sig"))
        try mustRun(["-Y", "sign", "-f", key, "-n", namespace, name])
        return try read(name + ".sig")
    }

    /// Whether `ssh-keygen -Y verify -f ALLOWED -I PRINCIPAL -n NAMESPACE -s SIG < MESSAGE`
    /// accepts, optionally at `time` (`-Overify-time=`).
    func verifies(
        allowed: String, principal: String, namespace: String, signature: String, message: String, time: String? = nil
    ) throws -> Bool {
        var arguments = ["-Y", "verify", "-f", allowed, "-I", principal, "-n", namespace, "-s", signature]
        if let time { arguments.append("-Overify-time=\(time)") }
        return try run(arguments, input: message).status == 0
    }

    /// The principals `ssh-keygen -Y find-principals` names for a signature, at `time` if given.
    func findPrincipals(allowed: String, signature: String, time: String? = nil) throws -> [String] {
        var arguments = ["-Y", "find-principals", "-f", allowed, "-s", signature]
        if let time { arguments.append("-Overify-time=\(time)") }
        let result = try run(arguments)
        return result.status == 0 ? result.stdout.split(whereSeparator: \.isNewline).map(String.init) : []
    }
}

extension Array where Element == UInt8 {
    /// The same bytes with one changed.
    func changing(at index: Int) -> [UInt8] {
        var copy = self
        copy[index] ^= 0x01
        return copy
    }
}

/// A moment given as UTC digits, `YYYYMMDD[HHMM[SS]]`.
func utc(_ digits: String) -> Date {
    var parts = DateComponents()
    let numbers = Array(digits).map { Int(String($0)) ?? 0 }
    func number(_ start: Int, _ count: Int) -> Int {
        start + count <= numbers.count ? numbers[start..<start + count].reduce(0) { $0 * 10 + $1 } : 0
    }
    parts.year = number(0, 4)
    parts.month = number(4, 2)
    parts.day = number(6, 2)
    parts.hour = number(8, 2)
    parts.minute = number(10, 2)
    parts.second = number(12, 2)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar.date(from: parts) ?? Date(timeIntervalSince1970: 0)
}
