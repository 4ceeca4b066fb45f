import DMFSignatures
import Dispatch
import Foundation
import ProcessSupport
import SystemCrypto

// How fast signatures are checked and made (README, "Speed"; scripts/bench-signatures.sh):
//   - 100,000 Ed25519 signatures checked natively, each read from its armoured text as a
//     register check would (1,000 distinct signatures by ssh-keygen, each checked 100 times),
//     on one thread and on every core;
//   - the Ed25519 check alone (what is signed made beforehand), as many times, by libsodium and
//     by libcrypto, on one thread: the program uses libsodium when it is installed;
//   - one `ssh-keygen -Y sign` on its own, and one signature through `SSHSigner` (the same run
//     of ssh-keygen plus the private folder, reading the signature back and checking it).
// Needs ssh-keygen. Prints the figures; asserts nothing.

struct Failure: Error, CustomStringConvertible {
    var description: String
}

/// Signed statements and their signatures, checked `rounds` times over.
struct Workload: Sendable {
    let messages: [[UInt8]]
    let signatures: [[UInt8]]
    let verifier: SignatureVerifier
    let rounds = 100
    let when = Date()

    /// How many of the signatures in `indices` checked as trusted, `rounds` times over.
    func check(_ indices: Range<Int>) -> Int {
        var trusted = 0
        for _ in 0..<rounds {
            for index in indices {
                let answer = verifier.check(
                    armored: signatures[index], of: messages[index], namespace: .decision, at: when)
                if answer.isTrusted { trusted += 1 }
            }
        }
        return trusted
    }
}

/// Runs ssh-keygen (every path given whole) and waits for it, with nothing in between (posix_spawn, then a
/// blocking waitpid), its messages dropped: the floor a signature through SSHSigner is compared with.
func keygen(_ arguments: [String]) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv = ([SSHKeygen.systemPath] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    let attributes = CleanSpawnAttributes()
    var pid: pid_t = 0
    guard posix_spawn(&pid, SSHKeygen.systemPath, &actions, &attributes.raw, &argv, environ) == 0 else {
        throw Failure(description: "cannot start ssh-keygen")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    guard status == 0 else { throw Failure(description: "ssh-keygen \(arguments.first ?? "") failed") }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func measure() throws {
    guard SSHKeygen().isInstalled else {
        throw Failure(description: "ssh-keygen is not installed: apt install openssh-client")
    }
    let folder = NSTemporaryDirectory() + "/dmf-signature-speed-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: folder) }

    let key = folder + "/key"
    try keygen(["-q", "-t", "ed25519", "-N", "", "-C", "speed", "-f", key])
    let distinct = 1_000
    var messages: [[UInt8]] = []
    for index in 0..<distinct {
        let statement = Array(
            "reference DMF-20261206-\(index)\nentry sha256 \(String(repeating: "ab", count: 32))\nkind authorised\n"
                .utf8)
        messages.append(statement)
        try Data(statement).write(to: URL(fileURLWithPath: "\(folder)/m\(index)"))
    }
    let files = (0..<distinct).map { "\(folder)/m\($0)" }
    let batch = try seconds { try keygen(["-q", "-Y", "sign", "-f", key, "-n", "dmf-wizard-decision"] + files) }
    let signatures = try files.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0 + ".sig"))) }
    let publicKey = try String(contentsOfFile: folder + "/key.pub", encoding: .utf8)
    let allowed = try AllowedSigners(text: "jowner@example.org \(publicKey)", source: "speed")
    let work = Workload(
        messages: messages, signatures: signatures, verifier: try SignatureVerifier(allowedSigners: allowed))
    let total = distinct * work.rounds

    var trusted = 0
    let oneThread = seconds { trusted = work.check(0..<distinct) }
    guard trusted == total else { throw Failure(description: "only \(trusted) of \(total) signatures checked") }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let counts = Counts(cores)
    let everyCore = seconds {
        DispatchQueue.concurrentPerform(iterations: cores) { part in
            counts.set(part, work.check(part * distinct / cores..<(part + 1) * distinct / cores))
        }
    }
    guard counts.sum == total else { throw Failure(description: "the parallel run did not check every signature") }
    let (checker, bareChecks) = try checkAlone(work, publicKey: publicKey)

    // One signature made: ssh-keygen alone, then through SSHSigner (20 each, medians).
    var alone: [Double] = []
    var through: [Double] = []
    let signer = SSHSigner(keyPath: key)
    for round in 0..<20 {
        try FileManager.default.removeItem(atPath: "\(folder)/m\(round).sig")
        alone.append(
            try seconds { try keygen(["-q", "-Y", "sign", "-f", key, "-n", "dmf-wizard-manifest", files[round]]) })
        through.append(try seconds { _ = try signer.sign(messages[round], namespace: .manifest, terminal: .forbidden) })
    }

    print("checked natively: \(total) Ed25519 signatures (armoured, \(distinct) distinct, by \(checker))")
    print(String(format: "  one thread:  %.2f s (%.1f µs each)", oneThread, oneThread / Double(total) * 1e6))
    print(String(format: "  %d threads:   %.2f s", cores, everyCore))
    print("the Ed25519 check alone, \(total) times, one thread:")
    for line in bareChecks { print("  " + line) }
    print(String(format: "ssh-keygen signing %d files in one run: %.2f s", distinct, batch))
    print(String(format: "one ssh-keygen -Y sign, median of 20: %.1f ms", median(alone) * 1e3))
    print(String(format: "one signature through SSHSigner, median of 20: %.1f ms", median(through) * 1e3))
}

/// The Ed25519 check alone, `work.rounds` times over each signature, by each library that can
/// make it. Returns the library the program uses, and a line for each library.
func checkAlone(_ work: Workload, publicKey line: String) throws -> (PublicKey.Checker, [String]) {
    let key = try SSHPublicKey(line: line.trimmingCharacters(in: .whitespacesAndNewlines))
    guard case .ed25519(let point) = key.kind else { throw Failure(description: "the key is not Ed25519") }
    let checks = try work.signatures.indices.map { index in
        let signature = try SSHSignature(armored: work.signatures[index])
        guard case .native(let made) = signature.payload else { throw Failure(description: "not checked natively") }
        let signed = try SSHSignature.signedData(
            namespace: signature.namespace, hashAlgorithm: signature.hashAlgorithm, message: work.messages[index])
        return (made, signed)
    }
    var libraries: [(String, LibSodium?)] = [("libcrypto", nil)]
    var lines: [String] = []
    switch LibSodium.system() {
    case .success(let libsodium): libraries.insert(("libsodium", libsodium), at: 0)
    case .failure(let reason): lines.append("libsodium: not measured (\(reason))")
    }
    let total = checks.count * work.rounds
    for (name, libsodium) in libraries {
        let key = try PublicKey.ed25519(point, libsodium: libsodium)
        var valid = 0
        let time = seconds {
            for _ in 0..<work.rounds {
                for (signature, signed) in checks where key.isValid(signature, for: signed) { valid += 1 }
            }
        }
        guard valid == total else { throw Failure(description: "\(name) accepted \(valid) of \(total) signatures") }
        lines.append("\(name): " + String(format: "%.2f s (%.1f µs each)", time, time / Double(total) * 1e6))
    }
    return (try PublicKey.ed25519(point).checker, lines)
}

/// One count per thread, each written by its own thread only.
final class Counts: @unchecked Sendable {
    private let values: UnsafeMutableBufferPointer<Int>

    init(_ count: Int) {
        values = .allocate(capacity: count)
        values.initialize(repeating: 0)
    }

    deinit { values.deallocate() }

    func set(_ index: Int, _ value: Int) { values[index] = value }

    var sum: Int { values.reduce(0, +) }
}

do {
    try measure()
} catch {
    FileHandle.standardError.write(Data("signature-speed: \(error)\n".utf8))
    exit(1)
}
