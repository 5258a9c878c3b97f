// swift-tools-version: 6.2
// sitcen: a terminal situation-centre console.
// The targets follow the data flow: feed -> ingest -> store -> bus -> rules -> alerts ->
// console state -> frame -> diff -> ncurses. Each target has one job (see Docs/architecture.md).
import PackageDescription

let package = Package(
    name: "sitcen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitcen", targets: ["sitcen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Text that came from a feed, made safe for a terminal; display widths; search folding.
        .target(name: "SitcenText"),
        // Pure value types: reports, posts, sectors, substances, validation, durations, times.
        .target(name: "SitcenDomain", dependencies: ["SitcenText"]),
        // Feed decoding: JSON Lines and CSV records -> reports or quarantine reasons.
        .target(name: "SitcenFeed", dependencies: [
            "SitcenDomain", "SitcenText",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The durable store: a log of reports with sequence numbers, quarantine (GRDB/SQLite).
        .target(name: "SitcenStore", dependencies: [
            "SitcenDomain", "SitcenFeed",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // File ingest: stream records from files into the store in batches.
        .target(name: "SitcenIngest", dependencies: ["SitcenFeed", "SitcenStore"]),
        // Deterministic, realistic demo data.
        .target(name: "SitcenDemo", dependencies: ["SitcenDomain", "SitcenFeed"]),
        // Alert rules: YAML rule files, the eight rule types, the engine.
        .target(name: "SitcenRules", dependencies: [
            "SitcenDomain", "SitcenText", "Yams",
        ]),
        // ncursesw through a system library with a thin shim.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The terminal engine: cells, buffers, widgets, diff, keys, themes, event loop.
        .target(name: "TermUI", dependencies: ["SitcenText", "CNcursesw", "Yams"]),
        // The command-line tool.
        .executableTarget(name: "sitcen", dependencies: [
            "SitcenDomain", "SitcenFeed", "SitcenStore", "SitcenIngest", "SitcenDemo", "TermUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Benchmarks, kept out of the tests: `swift run -c release sitcen-bench`.
        .executableTarget(name: "sitcen-bench", dependencies: [
            "SitcenDomain", "SitcenFeed", "SitcenStore", "SitcenIngest", "SitcenDemo",
            "SitcenRules", "TermUI",
        ]),
        // Helpers shared by the test targets: temporary stores, the built binary, tmux.
        .target(name: "SitcenTestSupport", dependencies: ["SitcenDomain", "SitcenStore"], path: "Tests/SitcenTestSupport"),
        .testTarget(name: "SitcenTextTests", dependencies: ["SitcenText"]),
        .testTarget(name: "SitcenDomainTests", dependencies: ["SitcenDomain"]),
        .testTarget(name: "SitcenFeedTests", dependencies: ["SitcenFeed", "SitcenTestSupport"]),
        .testTarget(name: "SitcenStoreTests", dependencies: ["SitcenStore", "SitcenIngest", "SitcenDemo", "SitcenTestSupport"]),
        .testTarget(name: "SitcenRulesTests", dependencies: ["SitcenRules", "SitcenTestSupport"]),
        .testTarget(name: "TermUITests", dependencies: ["TermUI"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SitcenTestSupport"]),
    ]
)
