import Testing
import TransparencyLog

/// Published answers for RFC 6962 trees, so the tree is the one other implementations build.
///
/// The leaves, node hashes and roots are the Certificate Transparency reference's test data, as
/// kept in transparency-dev/merkle (`testonly/constants.go`: `LeafInputs`, `NodeHashes`,
/// `RootHashes`; the proofs from `proof/verify_test.go`).
@Suite struct VectorTests {
    static let inputs = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ]

    /// Roots of the trees of the first 0 to 8 inputs.
    static let roots = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    /// The complete subtrees' roots, by level (0: the leaves' hashes) and position.
    static let nodes = [
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
        ],
        [
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        ],
        [
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
        ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
    ]

    /// Inclusion proofs: (leaf index from 0, tree size, hashes).
    static let inclusion: [(Int, Int, [String])] = [
        (0, 1, []),
        (
            0, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        (
            5, 8,
            [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (
            1, 5,
            [
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
    ]

    /// Consistency proofs: (old size, new size, hashes).
    static let consistency: [(Int, Int, [String])] = [
        (1, 1, []),
        (
            1, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        (
            6, 8,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        (
            2, 5,
            [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
        (
            6, 7,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
    ]

    let hasher: MerkleHasher
    let leaves: [LogLeaf]

    init() throws {
        hasher = try MerkleHasher()
        leaves = try Self.inputs.map(leaf)
    }

    @Test func emptyTreeRootIsTheHashOfNothing() throws {
        #expect(hasher.emptyRoot == (try hash(Self.roots[0])))
        #expect(Frontier(hasher: hasher).root == hasher.emptyRoot)
        #expect(try LogProver(source: leaves, hasher: hasher).root(size: 0) == hasher.emptyRoot)
    }

    @Test func leafAndNodeHashes() throws {
        for (index, leaf) in leaves.enumerated() {
            #expect(hasher.leafHash(leaf) == (try hash(Self.nodes[0][index])), "leaf \(index)")
        }
        for level in 1..<Self.nodes.count {
            for (position, node) in Self.nodes[level].enumerated() {
                let left = try hash(Self.nodes[level - 1][2 * position])
                let right = try hash(Self.nodes[level - 1][2 * position + 1])
                #expect(hasher.nodeHash(left, right) == (try hash(node)), "level \(level) node \(position)")
            }
        }
    }

    @Test func rootsForEverySize() throws {
        let prover = LogProver(source: leaves, hasher: hasher)
        var frontier = Frontier(hasher: hasher)
        for size in 0...8 {
            let expected = try hash(Self.roots[size])
            #expect(frontier.root == expected, "frontier, size \(size)")
            #expect(try prover.root(size: size) == expected, "prover, size \(size)")
            #expect(Frontier(leaves: leaves.prefix(size), hasher: hasher).root == expected, "in one pass, size \(size)")
            if size < 8 { frontier.append(leaves[size]) }
        }
    }

    /// The frontier keeps exactly the complete subtrees the reference lists for each size.
    @Test func frontierHoldsTheCompleteSubtrees() throws {
        // transparency-dev/merkle's `CompactTrees`, as (level, position) of `nodes`.
        let expected: [[(Int, Int)]] = [
            [], [(0, 0)], [(1, 0)], [(1, 0), (0, 2)], [(2, 0)], [(2, 0), (0, 4)], [(2, 0), (1, 2)],
            [(2, 0), (1, 2), (0, 6)], [(3, 0)],
        ]
        for size in 0...8 {
            let subtrees = Frontier(leaves: leaves.prefix(size), hasher: hasher).subtrees
            #expect(try subtrees.map(\.root) == expected[size].map { try hash(Self.nodes[$0.0][$0.1]) }, "size \(size)")
            #expect(subtrees.map(\.leaves.count) == expected[size].map { 1 << $0.0 })
        }
    }

    @Test func inclusionProofs() throws {
        for (index, size, expected) in Self.inclusion {
            let proof = try LogProver(source: leaves, hasher: hasher).inclusionProof(index: index, treeSize: size)
            #expect(proof.hashes == (try hashes(expected)), "event \(index) of \(size)")
            try proof.verify(leaf: leaves[index], root: try hash(Self.roots[size]), hasher: hasher)
        }
    }

    @Test func consistencyProofs() throws {
        for (old, new, expected) in Self.consistency {
            let proof = try LogProver(source: leaves, hasher: hasher).consistencyProof(from: old, to: new)
            #expect(proof.hashes == (try hashes(expected)), "\(old) to \(new)")
            try proof.verify(oldRoot: try hash(Self.roots[old]), newRoot: try hash(Self.roots[new]), hasher: hasher)
        }
    }
}

/// C2SP merkle-tree's worked example ("Example"): a tree of seven entries, its node labels and the
/// inclusion and consistency proofs the specification lists. The specification names no entry
/// values; the first seven inputs above are used, so every label has a published hash except `l`,
/// which the specification defines as the node over `j` and `g` and whose value the published
/// root of seven pins down.
@Suite struct WorkedExampleTests {
    let hasher: MerkleHasher
    let leaves: [LogLeaf]
    let labels: [Character: TreeHash]
    let root: TreeHash

    init() throws {
        hasher = try MerkleHasher()
        leaves = try VectorTests.inputs.prefix(7).map(leaf)
        let nodes = VectorTests.nodes
        var labels: [Character: TreeHash] = [:]
        for (label, hex) in zip("abcdefg", nodes[0]) { labels[label] = try hash(hex) }
        for (label, hex) in zip("hij", nodes[1]) { labels[label] = try hash(hex) }
        labels["k"] = try hash(nodes[2][0])
        labels["l"] = try hasher.nodeHash(#require(labels["j"]), #require(labels["g"]))
        self.labels = labels
        root = try hash(VectorTests.roots[7])
    }

    func named(_ names: String) throws -> [TreeHash] { try names.map { try #require(labels[$0]) } }

    @Test func theTreeIsTheOneDrawn() throws {
        #expect(try hasher.nodeHash(#require(labels["k"]), #require(labels["l"])) == root)
        #expect(Frontier(leaves: leaves, hasher: hasher).root == root)
        #expect(Frontier(leaves: leaves, hasher: hasher).subtrees.map(\.root) == (try named("kjg")))
    }

    @Test(arguments: [(0, "bil"), (3, "chl"), (4, "fgk"), (6, "jk")])
    func inclusion(index: Int, path: String) throws {
        let proof = try LogProver(source: leaves, hasher: hasher).inclusionProof(index: index, treeSize: 7)
        #expect(proof.hashes == (try named(path)))
        try proof.verify(leaf: leaves[index], root: root, hasher: hasher)
    }

    /// Every single bit of every hash in these proofs, and of the roots, matters.
    @Test func everyBitOfEveryHashIsChecked() throws {
        let prover = LogProver(source: leaves, hasher: hasher)
        let inclusion = try prover.inclusionProof(index: 3, treeSize: 7)
        let consistency = try prover.consistencyProof(from: 3, to: 7)
        let oldRoot = try prover.root(size: 3)
        for bit in 0..<256 {
            for position in inclusion.hashes.indices {
                var hashes = inclusion.hashes
                hashes[position] = flipped(hashes[position], bit: bit)
                #expect(throws: ProofFailure.rootMismatch) {
                    try InclusionProof(index: 3, treeSize: 7, hashes: hashes).verify(
                        leaf: leaves[3], root: root, hasher: hasher)
                }
            }
            #expect(throws: ProofFailure.rootMismatch) {
                try inclusion.verify(leaf: leaves[3], root: flipped(root, bit: bit), hasher: hasher)
            }
            for position in consistency.hashes.indices {
                var hashes = consistency.hashes
                hashes[position] = flipped(hashes[position], bit: bit)
                #expect(throws: ProofFailure.self) {
                    try ConsistencyProof(oldSize: 3, newSize: 7, hashes: hashes).verify(
                        oldRoot: oldRoot, newRoot: root, hasher: hasher)
                }
            }
            #expect(throws: ProofFailure.oldRootMismatch) {
                try consistency.verify(oldRoot: flipped(oldRoot, bit: bit), newRoot: root, hasher: hasher)
            }
            #expect(throws: ProofFailure.newRootMismatch) {
                try consistency.verify(oldRoot: oldRoot, newRoot: flipped(root, bit: bit), hasher: hasher)
            }
        }
    }

    @Test(arguments: [(3, "cdhl"), (4, "l"), (6, "jgk")])
    func consistency(old: Int, path: String) throws {
        let prover = LogProver(source: leaves, hasher: hasher)
        let proof = try prover.consistencyProof(from: old, to: 7)
        #expect(proof.hashes == (try named(path)))
        try proof.verify(oldRoot: try prover.root(size: old), newRoot: root, hasher: hasher)
    }
}
