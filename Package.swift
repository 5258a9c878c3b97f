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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
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
        // Data quality and forecasts: reporting periods, completeness and timeliness, outliers,
        // weekly series and their forecasts with backtests (pure; reads through QualityQueries).
        .target(name: "SitcenQuality", dependencies: ["SitcenDomain"]),
        // The durable store: a log of reports with sequence numbers, quarantine (GRDB/SQLite).
        .target(name: "SitcenStore", dependencies: [
            "SitcenDomain", "SitcenFeed", "SitcenQuality",
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
        // Live feeds: the keys file (post keys, operator tokens) and request signing (HMAC-SHA256).
        .target(name: "SitcenKeys", dependencies: [
            "SitcenDomain", "Yams", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The centre's HTTP server: signed report batches with group commit, the operators' API,
        // the drop folder, health and metrics (Hummingbird).
        .target(name: "SitcenServer", dependencies: [
            "SitcenAlerts", "SitcenRules", "SitcenReports",
            "SitcenDomain", "SitcenText", "SitcenFeed", "SitcenStore", "SitcenIngest", "SitcenKeys",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The post side: a durable outbox and a sender of signed batches (async-http-client).
        .target(name: "SitcenSender", dependencies: [
            "SitcenKeys",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Alerts over the store: persistence and checkpoint, the live engine runner, triage with
        // roles, the audit trail, notifications (issue 7).
        .target(name: "SitcenAlerts", dependencies: [
            "SitcenDomain", "SitcenText", "SitcenStore", "SitcenRules", "Yams",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // `sitcen rules test`: rules over a feed file without a store, decoded as ingest decodes it.
        .target(name: "SitcenDryRun", dependencies: ["SitcenDomain", "SitcenFeed", "SitcenIngest", "SitcenRules", "SitcenStore", "SitcenText"]),
        // ncursesw through a system library with a thin shim.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The terminal engine: cells, buffers, widgets, diff, keys, themes, event loop.
        .target(name: "TermUI", dependencies: ["SitcenText", "CNcursesw", "Yams"]),
        // Every widget of the engine on one screen (`sitcen ui-gallery`, its benchmark).
        .target(name: "TermUIGallery", dependencies: ["TermUI", "SitcenText"]),
        // The region map: geo data, projection, braille/ASCII rasteriser, layers, labels (issue 6).
        .target(name: "SitcenMap", dependencies: ["SitcenDomain", "SitcenText", "TermUI"]),
        // Reports for people: the shift SITREP; the data-quality board and forecasts as tables.
        .target(name: "SitcenReports", dependencies: ["SitcenDomain", "SitcenStore", "SitcenAlerts", "SitcenFeed", "SitcenText", "SitcenQuality"]),
        // What the console reads and does, as one interface (queries and actions), and the link of
        // a remote console: the seam between the console and where its data comes from.
        .target(name: "SitcenConsoleData", dependencies: ["SitcenDomain", "SitcenStore", "SitcenText", "SitcenAlerts", "SitcenRules", "SitcenQuality"]),
        // The console's data from a local store (GRDB/SQLite): the adapter between the console and the store.
        .target(name: "SitcenLocalSource", dependencies: ["SitcenConsoleData", "SitcenDomain", "SitcenStore", "SitcenAlerts", "SitcenReports", "SitcenQuality"]),
        // The duty console: state, update, views over a data source (local store or remote).
        .target(name: "SitcenConsole", dependencies: ["SitcenConsoleData", "SitcenDomain", "SitcenStore", "SitcenFeed", "SitcenText", "TermUI", "SitcenMap", "SitcenAlerts", "SitcenRules", "SitcenQuality"]),
        // The remote console: the console's data from a centre's API (SSE stream, local cache,
        // link state, TLS with a centre's own CA) instead of a local store (issue 10).
        .target(name: "SitcenRemote", dependencies: [
            "SitcenConsoleData", "SitcenLocalSource", "SitcenStore", "SitcenDomain", "SitcenFeed", "SitcenText", "SitcenAlerts", "SitcenRules", "SitcenQuality",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The command-line tool.
        .executableTarget(name: "sitcen", dependencies: [
            "SitcenDomain", "SitcenFeed", "SitcenStore", "SitcenIngest", "SitcenDemo", "TermUI", "TermUIGallery", "SitcenConsoleData", "SitcenLocalSource", "SitcenConsole", "SitcenReports",
            "SitcenKeys", "SitcenServer", "SitcenSender", "SitcenAlerts", "SitcenRemote", "SitcenQuality", "SitcenDryRun",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Benchmarks, kept out of the tests: `swift run -c release sitcen-bench`.
        .executableTarget(name: "sitcen-bench", dependencies: [
            "SitcenDomain", "SitcenFeed", "SitcenStore", "SitcenIngest", "SitcenDemo",
            "SitcenRules", "TermUI", "TermUIGallery", "SitcenConsoleData", "SitcenLocalSource", "SitcenConsole", "SitcenKeys", "SitcenSender", "SitcenMap", "SitcenAlerts", "SitcenQuality",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        // Helpers shared by the test targets: temporary stores, the built binary, tmux.
        .target(name: "SitcenTestSupport", dependencies: ["SitcenDomain", "SitcenStore"], path: "Tests/SitcenTestSupport"),
        .testTarget(name: "SitcenTextTests", dependencies: ["SitcenText"]),
        .testTarget(name: "SitcenDomainTests", dependencies: ["SitcenDomain"]),
        .testTarget(name: "SitcenQualityTests", dependencies: ["SitcenQuality", "SitcenDomain", "SitcenDemo"]),
        .testTarget(name: "SitcenReportsTests", dependencies: ["SitcenReports", "SitcenQuality", "SitcenDomain"]),
        .testTarget(name: "SitcenFeedTests", dependencies: ["SitcenFeed", "SitcenTestSupport"]),
        .testTarget(name: "SitcenStoreTests", dependencies: ["SitcenStore", "SitcenIngest", "SitcenDemo", "SitcenTestSupport", "SitcenQuality"]),
        .testTarget(name: "SitcenRulesTests", dependencies: ["SitcenRules", "SitcenTestSupport"]),
        .testTarget(name: "TermUITests", dependencies: ["TermUI"]),
        .testTarget(name: "TermUIGalleryTests", dependencies: ["TermUIGallery", "TermUI"]),
        .testTarget(name: "SitcenConsoleTests", dependencies: [
            "SitcenConsoleData", "SitcenLocalSource", "SitcenConsole", "SitcenIngest", "SitcenMap", "SitcenAlerts", "SitcenReports", "SitcenRules", "SitcenTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SitcenMapTests", dependencies: ["SitcenMap", "SitcenDomain", "TermUI", "SitcenTestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "SitcenKeysTests", dependencies: ["SitcenKeys"]),
        .testTarget(name: "SitcenServerTests", dependencies: [
            "SitcenServer", "SitcenSender", "SitcenKeys", "SitcenStore", "SitcenTestSupport", "SitcenRemote",
            "SitcenAlerts", "SitcenConsole", "SitcenIngest",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "SitcenAlertsTests", dependencies: [
            "SitcenAlerts", "SitcenRules", "SitcenDryRun", "SitcenStore", "SitcenIngest", "SitcenDemo", "SitcenTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "SitcenRemoteTests", dependencies: [
            "SitcenRemote", "SitcenServer", "SitcenConsole", "SitcenAlerts", "SitcenKeys", "SitcenStore", "SitcenSender",
            "SitcenDemo", "SitcenIngest", "SitcenTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "ArchitectureTests", dependencies: ["SitcenTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SitcenTestSupport", "SitcenDomain", "SitcenSender"]),
    ]
)
