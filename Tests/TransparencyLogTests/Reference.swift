import TestSupport
import Testing
import TransparencyLog

/// RFC 6962 section 2.1's recursive definitions, written as the text states them and nothing
/// cleverer: MTH, PATH and PROOF/SUBPROOF over the leaves' hashes. The module's iterative code is
/// checked against these.
struct Reference {
    let hasher: MerkleHasher

    /// The largest power of two smaller than `n` (n > 1), found by doubling.
    static func k(_ n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }

    /// MTH(D[n]) from the leaves' hashes.
    func mth(_ leaves: ArraySlice<TreeHash>) -> TreeHash {
        switch leaves.count {
        case 0: return hasher.emptyRoot
        case 1: return leaves[leaves.startIndex]
        default:
            let split = leaves.startIndex + Self.k(leaves.count)
            return hasher.nodeHash(mth(leaves[..<split]), mth(leaves[split...]))
        }
    }

    /// PATH(m, D[n]).
    func path(_ m: Int, _ leaves: ArraySlice<TreeHash>) -> [TreeHash] {
        guard leaves.count > 1 else { return [] }
        let k = Self.k(leaves.count)
        let split = leaves.startIndex + k
        return m < k
            ? path(m, leaves[..<split]) + [mth(leaves[split...])]
            : path(m - k, leaves[split...]) + [mth(leaves[..<split])]
    }

    /// PROOF(m, D[n]): empty when m is 0 or n.
    func proof(_ m: Int, _ leaves: ArraySlice<TreeHash>) -> [TreeHash] {
        guard m > 0, m < leaves.count else { return [] }
        return subproof(m, leaves, true)
    }

    private func subproof(_ m: Int, _ leaves: ArraySlice<TreeHash>, _ b: Bool) -> [TreeHash] {
        if m == leaves.count { return b ? [] : [mth(leaves)] }
        let k = Self.k(leaves.count)
        let split = leaves.startIndex + k
        return m <= k
            ? subproof(m, leaves[..<split], b) + [mth(leaves[split...])]
            : subproof(m - k, leaves[split...], false) + [mth(leaves[..<split])]
    }
}

/// Seeded random leaves: each an event hash's 32 bytes.
func randomLeaves(_ count: Int, seed: UInt64) -> [LogLeaf] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in LogLeaf(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
}

/// Test data written as hexadecimal.
func hashes(_ hexes: [String]) throws -> [TreeHash] { try hexes.map { try hash($0) } }

func hash(_ hex: String) throws -> TreeHash { try #require(TreeHash(hex: hex), "\(hex) is not 32 bytes of hex") }

func leaf(_ hex: String) throws -> LogLeaf {
    let digits = Array(hex.utf8)
    var bytes: [UInt8] = []
    for offset in stride(from: 0, to: digits.count, by: 2) {
        bytes.append(try #require(UInt8(String(decoding: digits[offset..<offset + 2], as: UTF8.self), radix: 16)))
    }
    return LogLeaf(bytes: bytes)
}

/// The same hash with one bit changed.
func flipped(_ hash: TreeHash, bit: Int) -> TreeHash {
    var bytes = hash.bytes
    bytes[bit / 8] ^= 1 << (bit % 8)
    return TreeHash(bytes: bytes)!
}
