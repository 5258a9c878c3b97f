import Foundation
import SitcenAlerts
import SitcenDemo
import SitcenDomain
import SitcenIngest
import SitcenRules
import SitcenStore

/// `sitcen-bench rules [--reports N] [--synthetic N]`: N synthetic decoded reports (default
/// 1,000,000), generated in memory, deterministic, spread over the registry's posts, through the
/// shipped rules plus synthetic ones (50 rules in all by default). Prints events/s and peak RSS.
/// First, "end to end from the store" (`--store N`, default 200,000; 0 skips it): N demo reports
/// ingested into a temporary store, then the engine runner catching up through the same rules,
/// committing alerts and checkpoints as it goes.
enum RulesBench {
    static func run(_ args: [String]) async throws {
        let storeCount = arg(args, "--store").flatMap(Int.init) ?? 200_000
        if storeCount > 0 { try endToEnd(storeCount, args) }
        if args.contains("--store-only") { return }
        let count = arg(args, "--reports").flatMap(Int.init) ?? 1_000_000
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let registry = try loadRegistry(root)
        let shipped = try RuleLoader.load(folder: root.appendingPathComponent("SampleData/rules").path)
        let syntheticCount = arg(args, "--synthetic").flatMap(Int.init) ?? max(40, 50 - shipped.count)
        let synthetic = try RuleLoader.load(texts: [(syntheticRules(syntheticCount, registry), "synthetic.yaml")])
        let rules = shipped + synthetic
        print("rules: \(shipped.count) shipped + \(synthetic.count) synthetic = \(rules.count); registry: \(registry.posts.count) posts")

        var start = DispatchTime.now()
        let reports = generate(count, registry)
        print(String(format: "generated %d reports in %.2f s (RSS %d MiB)", reports.count, seconds(since: start), rss("VmRSS") / 1024))

        var engine = RuleEngine(rules: rules, registry: registry)
        var events: [AlertEvent] = []
        events.reserveCapacity(1 << 16)
        var total = 0
        var byKind = [Int](repeating: 0, count: AlertEvent.Kind.allCases.count)
        start = DispatchTime.now()
        for i in reports.indices {
            engine.process(reports[i], into: &events)
            // The live engine is advanced by the wall clock; here every 1,000 reports.
            if i % 1000 == 999 { events += engine.advance(to: reports[i].report.observedAt) }
            if events.count >= 1 << 16 { tally(&events, &total, &byKind) }
        }
        tally(&events, &total, &byKind)
        let secs = seconds(since: start)
        print(String(format: "processed %d reports in %.3f s: %.0f events/s", reports.count, secs, Double(reports.count) / secs))
        print("alert events: \(total) (" + AlertEvent.Kind.allCases.enumerated().compactMap { i, k in byKind[i] == 0 ? nil : "\(k.rawValue) \(byKind[i])" }.joined(separator: ", ") + "); open alerts: \(engine.alerts.open.count)")
        start = DispatchTime.now()
        let state = try JSONEncoder().encode(engine.state)
        print(String(format: "engine state: %d KiB as JSON, encoded in %.3f s", state.count / 1024, seconds(since: start)))
        print("peak RSS (VmHWM): \(rss("VmHWM") / 1024) MiB, of which the \(count) reports in memory are most")
    }

    static let kindIndex: [AlertEvent.Kind: Int] = Dictionary(uniqueKeysWithValues: AlertEvent.Kind.allCases.enumerated().map { ($1, $0) })

    static func tally(_ events: inout [AlertEvent], _ total: inout Int, _ byKind: inout [Int]) {
        total += events.count
        for e in events { byKind[e.kind == .updated ? 1 : kindIndex[e.kind]!] += 1 }
        events.removeAll(keepingCapacity: true)
    }

    static func arg(_ args: [String], _ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// A line of /proc/self/status, in KiB.
    static func rss(_ key: String) -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix(key + ":") {
            return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "0") ?? 0
        }
        return 0
    }

    static func loadRegistry(_ root: URL) throws -> Registry {
        for path in [root.appendingPathComponent("SampleData/posts.csv").path, "/work/shared/sample/border-crossings.csv"] {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { return try Registry.parseCSV(text, source: path) }
        }
        throw RulesBenchError(message: "no registry: neither SampleData/posts.csv nor /work/shared/sample/border-crossings.csv")
    }

    struct RulesBenchError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Rules like the ones a centre writes: per country, sector, post and category.
    static func syntheticRules(_ n: Int, _ registry: Registry) -> String {
        let posts = registry.posts.map(\.code), sectors = registry.sectors.map(\.code), countries = registry.countries
        let cats = ["opiates", "cannabis", "ats", "nps", "precursors", "pharmaceuticals", "cocaine"]
        var out = "rules:\n"
        for i in 0..<n {
            let p = posts[i % posts.count], s = sectors[i % sectors.count], c = countries[i % countries.count], cat = cats[i % cats.count]
            let head = "  - name: syn-\(i)\n    severity: \(["low", "medium", "high"][i % 3])\n    description: \"syn {post} {substance}\"\n"
            switch i % 10 {
            case 0: out += head + "    type: threshold\n    filter: {type: seizure, category: \(cat), country: \(c)}\n    value: quantity_kg\n    gte: \(20 + i)\n    group_by: [post]\n"
            case 1: out += head + "    type: frequency\n    filter: {type: incident, sector: \(s)}\n    query_key: post\n    num_events: 5\n    timeframe: 6h\n"
            case 2: out += head + "    type: any\n    filter: {type: tip, post: \(p), text: {regex: \".*(truck|фура).*\"}}\n"
            case 3: out += head + "    type: new_term\n    filter: {type: seizure, post: [\(p), \(posts[(i + 7) % posts.count])]}\n    field: substance\n    scope: post\n    terms_window: 2d\n"
            case 4: out += head + "    type: cardinality\n    filter: {type: seizure, country: \(c)}\n    query_key: post\n    field: substance\n    max_cardinality: 8\n    timeframe: 1d\n"
            case 5: out += head + "    type: proximity\n    filter: {type: [incident, tip], country: \(c)}\n    within_km: 5\n    not: true\n"
            case 6: out += head + "    type: spike\n    filter: {type: seizure, category: \(cat)}\n    query_key: sector\n    timeframe: 12h\n    spike_height: 4\n    spike_type: up\n    threshold_ref: 5\n"
            case 7: out += head + "    type: frequency\n    filter: {type: seizure, category: \(cat), quantity_kg: {gte: 5}}\n    query_key: [post, substance]\n    num_events: 4\n    timeframe: 1d\n"
            case 8: out += head + "    type: flatline\n    filter: {country: \(c)}\n    expect_every: 8h\n"
            default: out += head + "    type: threshold\n    filter: {type: incident, sector: {not: \(s)}}\n    value: arrested\n    gte: 5\n    group_by: [sector]\n"
            }
        }
        return out
    }

    /// Deterministic reports over ~60 days from every post: sitreps, seizures, incidents, tips.
    static func generate(_ n: Int, _ registry: Registry) -> [LoggedReport] {
        var rng = SplitMix(seed: 7)
        let catalog = SubstanceCatalog.standard
        let names = ["героин", "heroin", "hashish", "гашиш", "opium", "methamphetamine", "tramadol", "mephedrone",
                     "acetic anhydride", "cannabis", "Зомби-Х", "pregabalin", "alpha-pvp", "nasvay", "cocaine", "ephedrine"]
        let derived = names.map { name -> (String, SubstanceMatch) in (name, catalog.match(name)) }
        let plates = (0..<5000).map { "\($0 % 90 + 10)KZ\(1000 + $0)" }
        let places = ["Khorgos customs yard", "КПП Достык", "river crossing", "rail terminal", "трасса М-39", "пост 3"]
        let posts = registry.posts
        var t: Int64 = 1_795_132_800_000
        var out: [LoggedReport] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            t += Int64(rng.next() % 10_400)      // ~5.2 s apart on average: 1M reports ≈ 60 days
            let post = posts[Int(rng.next() % UInt64(posts.count))]
            let roll = rng.next() % 100
            let type: ReportType = roll < 40 ? .sitrep : roll < 70 ? .seizure : roll < 85 ? .incident : .tip
            var r = Report(id: "b\(i)", post: post.code, type: type, observedAt: Timestamp(millis: t - Int64(rng.next() % 600_000)))
            var canonical: String? = nil, category: SubstanceCategory? = nil, known = true, kg: Double? = nil
            if type == .seizure {
                let (name, m) = derived[Int(rng.next() % UInt64(derived.count))]
                let q = Double(rng.next() % 1000 + 1) / Double([1, 10, 100][Int(rng.next() % 3)])
                r.substance = name; r.quantity = q; r.unit = .kg
                canonical = m.canonical; category = m.category; known = m.known; kg = q
            }
            if rng.next() % 10 < 3 { r.vehicle = plates[Int(rng.next() % UInt64(plates.count))] }
            if type == .incident || type == .tip {
                r.lat = post.lat + Double(Int(rng.next() % 200) - 100) / 1000
                r.lon = post.lon + Double(Int(rng.next() % 200) - 100) / 1000
                r.summary = rng.next() % 4 == 0 ? "фура with hidden compartment" : "pedestrian stopped"
                r.place = places[Int(rng.next() % UInt64(places.count))]
                r.arrested = Int(rng.next() % 7)
            }
            out.append(LoggedReport(seq: Int64(i + 1), report: r, receivedAt: Timestamp(millis: t), source: "bench",
                                    substanceCanonical: canonical, category: category, substanceKnown: known,
                                    quantityKg: kg, country: post.country, sector: post.sector))
        }
        return out
    }

    typealias SplitMix = SplitMix64
}

extension RulesBench {
    /// End to end from the store: ingest, then time `EngineRunner.runOnce` over the whole log.
    static func endToEnd(_ n: Int, _ args: [String]) throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let registry = try loadRegistry(root)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitcen-rules-bench-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("rules"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let shippedDir = root.appendingPathComponent("SampleData/rules")
        for f in try FileManager.default.contentsOfDirectory(atPath: shippedDir.path) where f.hasSuffix(".yaml") {
            try FileManager.default.copyItem(at: shippedDir.appendingPathComponent(f), to: dir.appendingPathComponent("rules/\(f)"))
        }
        let syntheticCount = arg(args, "--synthetic").flatMap(Int.init) ?? 40
        try syntheticRules(syntheticCount, registry).write(to: dir.appendingPathComponent("rules/synthetic.yaml"), atomically: true, encoding: .utf8)
        let rules = try RuleLoader.load(folder: dir.appendingPathComponent("rules").path)

        var start = DispatchTime.now()
        var feed = Data()
        let end = Timestamp.parse("2026-11-20T00:00:00Z")!
        for r in DemoGenerator(registry: registry, seed: 1, count: n, days: max(30, n / 5000), end: end, faults: false, format: .jsonl) {
            feed.append(contentsOf: r); feed.append(0x0A)
        }
        let feedPath = dir.appendingPathComponent("feed.jsonl").path
        try feed.write(to: URL(fileURLWithPath: feedPath))
        feed = Data()
        let store = try SQLiteStore(path: dir.appendingPathComponent("bench.sqlite").path)
        let counts = try Ingestor(store: store, registry: registry).ingest(path: feedPath)
        print(String(format: "end to end: %d demo reports generated and ingested in %.1f s (accepted %d)", n, seconds(since: start), counts.accepted))

        _ = try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)   // resets VmHWM
        let rssBefore = rss("VmRSS")
        let alerts = try AlertStore(store: store, registry: registry)
        var options = EngineRunner.Options()
        options.followWallClock = false
        let runner = EngineRunner(alerts: alerts, rulesFolder: dir.appendingPathComponent("rules").path, options: options)
        start = DispatchTime.now()
        let s = try runner.runOnce(until: end)
        let secs = seconds(since: start)
        let (events, updates) = (s.events.count + s.updates, s.updates)
        let stateBytes = try store.read { db in try Int.fetchOne(db, sql: "SELECT length(state) FROM engine_checkpoint") ?? 0 }
        print("end to end: \(rules.count) rules (shipped + \(syntheticCount) synthetic), runner catching up from the store")
        print(String(format: "end to end: %d reports in %.2f s: %.0f reports/s, %d commits; %d alert events (%d updates), %d opened; checkpoint %d KiB",
                     s.reports, secs, Double(s.reports) / secs, s.commits, events, updates, s.opened.count, stateBytes / 1024))
        print(String(format: "end to end: time in reading the log %.2f s, the engine %.2f s, encoding the state %.2f s, commits (alerts, events, checkpoint) %.2f s",
                     s.readSeconds, s.engineSeconds, s.encodeSeconds, s.commitSeconds))
        print("end to end: RSS \(rssBefore / 1024) MiB before the run, peak (VmHWM) \(rss("VmHWM") / 1024) MiB")
        try store.close()
    }
}
