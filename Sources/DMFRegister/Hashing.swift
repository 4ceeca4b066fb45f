import Foundation
import SystemCrypto

/// The register's hash: SHA-256 from the system's libcrypto, written in lower-case hexadecimal
/// as `sha256sum` prints it. Entries, events, manifests and documents in memory are hashed here;
/// files, as a stream, in `FileDigest.of`.
///
/// libcrypto is loaded the first time something is hashed. Where that can fail with a message
/// (a missing libssl3), it does so before anything is hashed: `Register`'s operations that hash
/// (and `loadHashing()` for callers that hash documents first), `Seal`, `SealManifest.read` and
/// `FileDigest.of` (which hashes through the library's own stream) all load it first and report
/// the problem in words. The digests of entries, events and bytes in memory are worked out only
/// after one of those.
enum Hashing {
    /// Loads libcrypto once, or says in plain words why it cannot be used.
    static func load() throws(LibCryptoUnavailable) { try LibCrypto.load() }

    /// The SHA-256 of `bytes` in lower-case hexadecimal: the one place the register writes one.
    static func sha256(_ bytes: [UInt8]) -> String {
        hex { () throws(LibCryptoUnavailable) in try DigestAlgorithm.sha256.hash(bytes) }
    }

    /// The same for other bytes (a document rendered as `Data`). An array takes the one above,
    /// which is not generic, so `check` does not go through the unspecialised path per event.
    static func sha256(_ bytes: some DataProtocol) -> String {
        hex { () throws(LibCryptoUnavailable) in try DigestAlgorithm.sha256.hash(bytes) }
    }

    private static func hex(_ digest: () throws(LibCryptoUnavailable) -> Digest) -> String {
        do {
            return try digest().hex
        } catch {
            // Only reachable by a caller that skipped `load()` (or with no memory left): a
            // mistake in the code, not something a person can cause.
            preconditionFailure("SHA-256 failed: \(error)")
        }
    }
}
