// swift-tools-version:6.0
import PackageDescription

// Layers (dependencies point one way; see DECISIONS.md):
//   DMFPolicy (pure rules) ← DMFAnswers (file parsing) / DMFDocuments (renderers) / DMFFlow (questions)
//   TerminalUI (canvas, keys, headless backend) ← NcursesBackend (the only curses importer)
//   DMFApp (screens, plain mode, drafts, commands) ← dmf-wizard (argument parsing only)
let package = Package(
    name: "dmf-wizard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dmf-wizard", targets: ["dmf-wizard"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // Yams 6.x exactly: 5.0.1 overflows the stack on deeply nested input.
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // The register (DECISIONS.md, "The register"): SQLite by default, PostgreSQL for a team
        // through the system's libpq (CLibPQ below), SHA-256 from the system's libcrypto (CLibCrypto).
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "CTermSupport", path: "Sources/CTermSupport"),
        // libpq's header (Debian's libpq-dev) and a table of its functions filled by dlopen on
        // first use: the binary does not link libpq (DECISIONS.md, "PostgreSQL through libpq").
        .target(name: "CLibPQ", path: "Sources/CLibPQ"),
        // OpenSSL's headers (Debian's libssl-dev) and a table of libcrypto's functions filled the
        // same way (DECISIONS.md, "SHA-256 and signatures from the system's libcrypto").
        .target(name: "CLibCrypto", path: "Sources/CLibCrypto"),
        // libsodium's Ed25519 check, loaded the same way when it is installed; no header needed
        // (DECISIONS.md, "Ed25519 signatures checked with libsodium").
        .target(name: "CLibSodium", path: "Sources/CLibSodium"),
        // Digests and signature checks over those tables, for the register and its signatures.
        .target(name: "SystemCrypto", dependencies: ["CLibCrypto", "CLibSodium"]),
        // OpenSSH signatures (SSHSIG): read, check natively, sign through ssh-keygen; the
        // allowed-signers file (DECISIONS.md, "Signatures: OpenSSH's SSHSIG").
        .target(name: "DMFSignatures", dependencies: ["SystemCrypto", "ProcessSupport", "DMFPolicy"]),
        // The register's history as an RFC 6962 Merkle tree: its frontier, inclusion and consistency
        // proofs, C2SP checkpoints and proof files (DECISIONS.md, "A history nobody can quietly rewrite").
        .target(name: "TransparencyLog", dependencies: ["SystemCrypto"]),
        .target(name: "DMFPolicy"),
        .target(name: "DMFAnswers", dependencies: ["DMFPolicy", .product(name: "Yams", package: "Yams")]),
        .target(name: "DMFDocuments", dependencies: ["DMFPolicy", "DMFFlow"]),
        .target(name: "DMFFlow", dependencies: ["DMFPolicy"]),
        .target(name: "TerminalUI"),
        .target(name: "DMFRegister", dependencies: ["DMFPolicy", "SystemCrypto", "DMFSignatures", "TransparencyLog"]),
        .target(
            name: "DMFRegisterStores",
            dependencies: [
                "DMFRegister", "DMFSignatures", "CLibPQ", "ProcessSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .target(name: "NcursesBackend", dependencies: ["TerminalUI", "CNcursesw", "CTermSupport"]),
        .target(
            name: "DMFApp",
            dependencies: [
                "DMFPolicy", "DMFAnswers", "DMFDocuments", "DMFFlow", "TerminalUI", "ProcessSupport", "DMFRegister",
                "DMFRegisterStores", "DMFSignatures", "TransparencyLog",
            ]),
        .executableTarget(
            name: "dmf-wizard",
            dependencies: [
                "DMFApp", "NcursesBackend", "TerminalUI", "DMFPolicy", "DMFRegister", "DMFRegisterStores",
                "DMFSignatures", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Fuzz target for the answers reader. A plain build makes a corpus replayer; built by
        // scripts/fuzz-answers.sh with -DFUZZING and -sanitize=fuzzer it is the libFuzzer binary.
        .executableTarget(name: "AnswersFuzz", dependencies: ["DMFAnswers", "DMFPolicy"]),
        // Records made-up assessments as fast as it can: the register's concurrency and kill
        // tests run many at once, and scripts/bench-register.sh fills a large register with it.
        .executableTarget(
            name: "RegisterLoad", dependencies: ["DMFRegister", "DMFRegisterStores", "DMFPolicy", "DMFSignatures"]),
        // How fast signatures are checked (by libsodium and by libcrypto) and made
        // (scripts/bench-signatures.sh).
        .executableTarget(name: "SignatureSpeed", dependencies: ["DMFSignatures", "SystemCrypto", "ProcessSupport"]),
        // How fast the register's tree makes checkpoints and proofs (scripts/bench-tree.sh).
        .executableTarget(name: "TreeSpeed", dependencies: ["TransparencyLog"]),
        .testTarget(
            name: "DMFPolicyTests", dependencies: ["DMFPolicy", "DMFAnswers"],
            resources: [.copy("Scenarios"), .copy("Guidance")]),
        .testTarget(name: "DMFAnswersTests", dependencies: ["DMFAnswers", "DMFPolicy"], exclude: ["JSONFromTools"]),
        .testTarget(
            name: "DMFDocumentsTests",
            dependencies: ["DMFDocuments", "DMFAnswers", "DMFFlow", "DMFPolicy", "TestSupport"],
            resources: [.copy("Golden")]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "SystemCryptoTests", dependencies: ["SystemCrypto", "TestSupport"]),
        .testTarget(name: "TransparencyLogTests", dependencies: ["TransparencyLog", "SystemCrypto", "TestSupport"]),
        .testTarget(name: "DMFSignaturesTests", dependencies: ["DMFSignatures", "SystemCrypto", "TestSupport"]),
        .target(name: "ProcessSupport"),
        .target(
            name: "TestSupport", dependencies: ["ProcessSupport", "DMFFlow", "DMFPolicy"], path: "Tests/TestSupport"),
        .testTarget(
            name: "NcursesBackendTests", dependencies: ["NcursesBackend", "TerminalUI", "CTermSupport", "TestSupport"]),
        .testTarget(
            name: "DMFAppTests",
            dependencies: ["DMFApp", "DMFFlow", "DMFPolicy", "DMFAnswers", "TerminalUI", "TestSupport"],
            exclude: ["Screens"]),
        .testTarget(
            name: "DMFFlowTests", dependencies: ["DMFFlow", "DMFPolicy", "DMFAnswers", "TestSupport"],
            exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "DMFFlow", "DMFPolicy"]),
        .testTarget(
            name: "DMFRegisterTests",
            dependencies: [
                "DMFRegister", "DMFRegisterStores", "DMFPolicy", "DMFAnswers", "DMFApp", "DMFDocuments", "DMFFlow",
                "TerminalUI", "TestSupport", "DMFSignatures", "TransparencyLog",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]),
    ]
)
