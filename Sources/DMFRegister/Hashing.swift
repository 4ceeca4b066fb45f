import SystemCrypto

/// The register's hash: SHA-256 from the system's libcrypto, written in lower-case hexadecimal
/// as `sha256sum` prints it. Files, manifests, entries and events are all hashed here.
///
/// libcrypto is loaded the first time something is hashed. Where that can fail with a message
/// (a missing libssl3), it does so before anything is hashed: `Register`'s operations that hash,
/// `Seal`, and `FileDigest.of` (which hashes through the library's own stream) all load it
/// first and report the problem in words. The values below are computed only after one of those.
enum Hashing {
    /// Loads libcrypto once, or says in plain words why it cannot be used.
    static func load() throws(LibCryptoUnavailable) { try LibCrypto.load() }

    /// The SHA-256 of `bytes` in lower-case hexadecimal: the one place the register writes one.
    static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        do {
            return try DigestAlgorithm.sha256.hash(bytes).hex
        } catch {
            // Only reachable by a caller that skipped `load()`: a programming error, not input.
            preconditionFailure("SHA-256 before libcrypto was loaded: \(error)")
        }
    }
}
