import SystemCrypto

/// RFC 6962's hashes over SHA-256: a leaf is hashed after a 0x00 byte, a pair of subtrees after a
/// 0x01 byte, so a leaf can never pass for an inner node; an empty tree's root is the hash of no
/// bytes.
///
/// One can be made only once OpenSSL's libcrypto has loaded, and everything that hashes asks for
/// one: once a caller holds it, no hash in the tree can fail (short of memory running out), so
/// proofs, checkpoints and their checks have no error path for a library that is missing.
public struct MerkleHasher: Sendable, Equatable {
    /// Loads libcrypto, or says in plain words why it cannot be used.
    public init() throws(LibCryptoUnavailable) { try LibCrypto.load() }

    /// The hash of one leaf.
    public func leafHash(_ leaf: LogLeaf) -> TreeHash {
        withUnsafeTemporaryAllocation(byteCount: 1 + leaf.bytes.count, alignment: 1) { buffer in
            buffer[0] = 0x00
            leaf.bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1...]).copyMemory(from: $0) }
            return sha256(UnsafeRawBufferPointer(buffer))
        }
    }

    /// The hash of two adjacent subtrees, `left` the earlier.
    public func nodeHash(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        withUnsafeTemporaryAllocation(byteCount: 1 + 2 * TreeHash.size, alignment: 1) { buffer in
            buffer[0] = 0x01
            left.bytes.withUnsafeBytes {
                UnsafeMutableRawBufferPointer(rebasing: buffer[1...TreeHash.size]).copyMemory(from: $0)
            }
            right.bytes.withUnsafeBytes {
                UnsafeMutableRawBufferPointer(rebasing: buffer[(1 + TreeHash.size)...]).copyMemory(from: $0)
            }
            return sha256(UnsafeRawBufferPointer(buffer))
        }
    }

    /// The root of a tree with no leaves.
    public var emptyRoot: TreeHash { sha256(UnsafeRawBufferPointer(start: nil, count: 0)) }

    private func sha256(_ bytes: UnsafeRawBufferPointer) -> TreeHash {
        do {
            return TreeHash(digest: try DigestAlgorithm.sha256.hash(bytes).bytes)
        } catch {
            // The library loaded before this hasher was made, and a loaded library fails to hash
            // only when it cannot allocate memory.
            preconditionFailure("SHA-256 failed: \(error)")
        }
    }
}

extension Int {
    /// For a tree of `self` ≥ 2 leaves, the size of its left subtree: the largest power of two
    /// smaller than `self`.
    var splitPoint: Int { 1 << (Int.bitWidth - 1 - (self - 1).leadingZeroBitCount) }

    var isPowerOfTwo: Bool { self > 0 && self & (self - 1) == 0 }
}
