import Testing
import TransparencyLog

/// The tree's right edge: built a leaf at a time or in one pass, kept as one line and read back.
@Suite struct FrontierTests {
    let hasher: MerkleHasher
    let reference: Reference
    let leaves: [LogLeaf]

    init() throws {
        hasher = try MerkleHasher()
        reference = Reference(hasher: hasher)
        leaves = randomLeaves(1_100, seed: 13)
    }

    @Test func subtreesCoverTheLeavesLargestFirst() {
        let frontier = Frontier(leaves: leaves.prefix(13), hasher: hasher)
        let leafHashes = leaves.prefix(13).map(hasher.leafHash)
        #expect(frontier.subtrees.map(\.leaves) == [0..<8, 8..<12, 12..<13])
        for subtree in frontier.subtrees {
            #expect(subtree.root == reference.mth(leafHashes[subtree.leaves]))
        }
        #expect(Frontier(hasher: hasher).subtrees.isEmpty)
    }

    /// Each leaf added gives every complete subtree it completed, smallest first, with the root
    /// RFC 6962's definition gives; over all the leaves, every aligned subtree exactly once.
    @Test func aLeafGivesTheSubtreesItCompletes() {
        var frontier = Frontier(hasher: hasher)
        let leafHashes = leaves.map(hasher.leafHash)
        var seen: [Range<Int>] = []
        for (index, leaf) in leaves.enumerated() {
            let completed = frontier.appendCompleting(leaf, smallest: 4)
            #expect(completed.map(\.leaves.count) == completed.map(\.leaves.count).sorted())
            for subtree in completed {
                #expect(subtree.leaves.upperBound == index + 1)
                #expect(subtree.leaves.lowerBound.isMultiple(of: subtree.leaves.count))
                #expect(subtree.root == reference.mth(leafHashes[subtree.leaves]))
            }
            seen += completed.map(\.leaves)
        }
        let expected = (2..<11).flatMap { level in
            stride(from: 0, through: leaves.count - (1 << level), by: 1 << level).map { $0..<$0 + (1 << level) }
        }
        #expect(Set(seen) == Set(expected) && seen.count == expected.count)
        #expect(frontier == Frontier(leaves: leaves, hasher: hasher))
    }

    /// Kept and read back at every size to 300 and at larger ones: the same frontier, which then
    /// grows exactly as one that was never kept.
    @Test func savedAndRestoredIsTheSameFrontier() throws {
        var frontier = Frontier(hasher: hasher)
        for size in 0..<leaves.count {
            if size <= 300 || size.isMultiple(of: 97) || size == 1_023 || size == 1_024 {
                let restored = try Frontier(saved: frontier.saved, hasher: hasher)
                #expect(restored == frontier, "size \(size)")
                #expect(restored.root == frontier.root)
                var grown = restored
                for leaf in leaves[size..<min(size + 5, leaves.count)] { grown.append(leaf) }
                #expect(grown == Frontier(leaves: leaves.prefix(min(size + 5, leaves.count)), hasher: hasher))
            }
            frontier.append(leaves[size])
        }
    }

    @Test func savedIsOneShortLine() throws {
        #expect(Frontier(hasher: hasher).saved == "0")
        let three = Frontier(leaves: leaves.prefix(3), hasher: hasher)
        let subtrees = three.subtrees.map(\.root.base64)
        #expect(three.saved == "3 \(subtrees[0]) \(subtrees[1])")
        // A tree of 1,023 leaves keeps ten subtrees: 10 × 45 characters and the size.
        #expect(Frontier(leaves: leaves.prefix(1_023), hasher: hasher).saved.utf8.count == 4 + 10 * 45)
    }

    @Test func malformedSavedFrontiersAreRefusedWithTheReason() throws {
        let hashes = Frontier(leaves: leaves.prefix(3), hasher: hasher).subtrees.map(\.root.base64)
        let (a, b) = (hashes[0], hashes[1])
        let cases: [(String, String)] = [
            ("", "the saved tree edge is empty"),
            (" 3 \(a) \(b)", "the saved tree edge is empty"),
            ("03 \(a) \(b)", "the saved tree edge does not start with its number of leaves"),
            ("+3 \(a) \(b)", "the saved tree edge does not start with its number of leaves"),
            ("-1", "the saved tree edge does not start with its number of leaves"),
            ("three \(a) \(b)", "the saved tree edge does not start with its number of leaves"),
            ("99999999999999999999 \(a)", "the saved tree edge does not start with its number of leaves"),
            ("3 \(a)", "the saved tree edge for 3 leaves must hold 2 hashes; it holds 1"),
            (
                "\(Int.max) " + Array(repeating: a, count: 63).joined(separator: " "),
                "the saved tree edge claims more leaves than a tree can hold"
            ),
            ("3 \(a) \(b) \(a)", "the saved tree edge for 3 leaves must hold 2 hashes; it holds 3"),
            ("0 \(a)", "the saved tree edge for 0 leaves must hold 0 hashes; it holds 1"),
            ("4 \(a) \(b)", "the saved tree edge for 4 leaves must hold 1 hash; it holds 2"),
            ("3 \(a)  \(b)", "the saved tree edge for 3 leaves must hold 2 hashes; it holds 3"),
            ("3 \(a) \(b) ", "the saved tree edge for 3 leaves must hold 2 hashes; it holds 3"),
            ("3 \(a) \(b.dropLast())", "hash 2 of the saved tree edge is not 32 bytes of base64"),
            ("3 \(a.dropLast(4)) \(b)", "hash 1 of the saved tree edge is not 32 bytes of base64"),
            (
                "3 \(a) \(Frontier(leaves: leaves.prefix(3), hasher: hasher).subtrees[1].root.hex)",
                "hash 2 of the saved tree edge is not 32 bytes of base64"
            ),
        ]
        for (text, reason) in cases {
            #expect(throws: LogFormatError(reason), "\(text)") { try Frontier(saved: text, hasher: hasher) }
        }
    }
}

/// Leaves from the register's hexadecimal event hashes, and hashes from their spellings.
@Suite struct LeafAndHashTextTests {
    @Test func eventHashesAreExactlySixtyFourLowerCaseDigits() throws {
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
        let leaf = try #require(LogLeaf(eventHash: hex))
        #expect(leaf.bytes.count == 32)
        #expect(leaf.bytes.prefix(3) == [0x00, 0x11, 0x22])
        #expect(leaf.bytes.last == 0xff)
        for wrong in [
            hex.uppercased(), String(hex.dropLast()), hex + "0", hex + "00", "", String(hex.dropLast()) + "g",
            " " + String(hex.dropLast()), String(repeating: "0", count: 63) + "-",
        ] {
            #expect(LogLeaf(eventHash: wrong) == nil, "\(wrong)")
        }
    }

    @Test func hashesReadOnlyTheirOneSpelling() throws {
        let hash = try #require(TreeHash(hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        #expect(hash.base64 == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(TreeHash(base64: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=") == hash)
        #expect(TreeHash(hex: hash.hex.uppercased()) == hash)
        for wrong in [
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",  // no padding
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=",  // unused bits set
            "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=",  // URL-safe alphabet
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= ",
            " 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            "47DEQpj8HBSa+/TImW+5\nJCeuQeRkm5NMpJWZG3hSuFU=",
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuA==",  // 31 bytes
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFUA",  // 33 bytes
            "",
        ] {
            #expect(TreeHash(base64: wrong) == nil, "\(wrong)")
        }
        #expect(TreeHash(bytes: [UInt8](repeating: 0, count: 31)) == nil)
        #expect(TreeHash(bytes: [UInt8](repeating: 0, count: 33)) == nil)
        #expect(TreeHash(hex: String(hash.hex.dropLast(2))) == nil)
    }
}
