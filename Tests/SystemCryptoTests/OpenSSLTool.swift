import Foundation
import TestSupport

/// A scratch folder where the `openssl` command-line tool makes keys and signatures for the
/// tests to check: signatures made by another program than the one that checks them.
final class OpenSSLTool {
    let folder: String

    /// Whether the tool is installed: CI installs it; elsewhere the tests that need it say so.
    static var isAvailable: Bool {
        ["/usr/bin/openssl", "/bin/openssl", "/usr/local/bin/openssl"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/dmf-crypto-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw Failed(description: "no temporary folder") }
        folder = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Runs `openssl ARGUMENTS` in the folder; fails with its error output.
    func run(_ arguments: String...) throws {
        let result = try Spawn.run(
            ["openssl"] + arguments, environment: ProcessInfo.processInfo.environment, in: folder)
        guard result.status == 0 else {
            throw Failed(description: "openssl \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
    }

    func text(_ name: String) throws -> String { String(decoding: try read(name), as: UTF8.self) }

    /// The public key in `key` as the last `count` bytes of its DER SubjectPublicKeyInfo: the
    /// point of an EC key, the 32 bytes of an Ed25519 key.
    func publicKeyTail(_ key: String, count: Int) throws -> [UInt8] {
        try run("pkey", "-in", key, "-pubout", "-outform", "DER", "-out", key + ".pub.der")
        return Array(try read(key + ".pub.der").suffix(count))
    }

    /// An RSA key's modulus, big-endian, from `openssl rsa -modulus` ("Modulus=HEX").
    func modulus(_ key: String) throws -> [UInt8] {
        try run("rsa", "-in", key, "-noout", "-modulus", "-out", key + ".modulus")
        let line = try text(key + ".modulus").trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("Modulus="), let bytes = Self.bytes(hex: String(line.dropFirst(8))) else {
            throw Failed(description: "unexpected modulus: \(line)")
        }
        return bytes
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var out: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                return nil
            }
            out.append(byte)
        }
        return out
    }

    /// r and s from a DER ECDSA signature (`SEQUENCE { INTEGER r, INTEGER s }`), as an SSH
    /// signature carries them (mpints: a leading zero byte when the top bit is set).
    static func integers(fromDER der: [UInt8]) -> (r: [UInt8], s: [UInt8])? {
        var position = 0
        func length() -> Int? {
            guard position < der.count else { return nil }
            let first = Int(der[position])
            position += 1
            if first < 0x80 { return first }
            guard first == 0x81, position < der.count else { return nil }
            position += 1
            return Int(der[position - 1])
        }
        func integer() -> [UInt8]? {
            guard position < der.count, der[position] == 0x02 else { return nil }
            position += 1
            guard let count = length(), position + count <= der.count else { return nil }
            position += count
            return Array(der[position - count..<position])
        }
        guard der.first == 0x30 else { return nil }
        position = 1
        guard length() != nil, let r = integer(), let s = integer() else { return nil }
        return (r, s)
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
