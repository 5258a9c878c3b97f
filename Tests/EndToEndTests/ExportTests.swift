import Foundation
import SitcenDomain
import Testing
import SitcenTestSupport

/// `sitcen export` and `sitcen stats` through the real binary: exports round-trip through
/// `sitcen ingest`, GeoJSON opens in shapely, a BLO officer sees only their sector, and the
/// stats equal what the report listing adds up to.
@Suite struct ExportTests {
    static let registry = SitcenBinary.packageRoot.appendingPathComponent("SampleData/posts.csv").path

    /// A Python 3 that imports shapely (the Debian package is for /usr/bin/python3), or nil.
    static let shapelyPython: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first { path in
        FileManager.default.isExecutableFile(atPath: path)
            && (try? Run.command(path, ["-c", "import shapely"]).status) == 0
    }

    @discardableResult
    static func run(_ args: [String]) throws -> CommandResult {
        let r = try Run.sitcen(args)
        #expect(r.status == 0, "sitcen \(args.joined(separator: " ")) failed: \(r.stderr)")
        return r
    }

    /// A store in `dir` holding `sitcen demo-data --count 2000 --seed 4`.
    static func demoStore(_ dir: URL) throws -> String {
        let feed = dir.appendingPathComponent("demo.jsonl")
        let demo = try run(["demo-data", "--registry", registry, "--count", "2000", "--seed", "4",
                            "--end", "2026-11-20T00:00:00Z"])
        try demo.stdoutData.write(to: feed)
        let db = dir.appendingPathComponent("a.sqlite").path
        try run(["ingest", "--db", db, "--registry", registry, feed.path])
        return db
    }

    /// Every JSON Lines object of a listing.
    static func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// Current reports of a store by `post/id`, as canonical JSON without what the centre adds
    /// on receipt (seq, received_at, source).
    static func currentReports(_ db: String) throws -> [String: String] {
        let list = try run(["reports", "list", "--db", db, "--limit", "0", "--json", "--all-revisions"])
        var out: [String: String] = [:]
        for var o in try objects(list.stdout) where o["superseded"] as? Bool != true {
            for k in ["seq", "received_at", "source"] { o.removeValue(forKey: k) }
            let key = "\(o["post"] ?? "")/\(o["id"] ?? "")"
            let data = try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
            #expect(out[key] == nil, "\(key) is current twice")
            out[key] = String(decoding: data, as: UTF8.self)
        }
        return out
    }

    @Test(arguments: ["csv", "jsonl"]) func exportRoundTripsThroughIngest(format: String) throws {
        let dir = SitcenBinary.temporaryDirectory("export-\(format)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try Self.demoStore(dir)
        let file = dir.appendingPathComponent("export.\(format)").path
        try Self.run(["export", "--db", a, "--registry", Self.registry, "--format", format, "--output", file])

        let b = dir.appendingPathComponent("b.sqlite").path
        let ingest = try Self.run(["ingest", "--db", b, "--registry", Self.registry, "--json", file])
        let counts = try #require(try JSONSerialization.jsonObject(with: ingest.stdoutData) as? [String: Any])
        #expect(counts["quarantined"] as? Int == 0)

        let inA = try Self.currentReports(a), inB = try Self.currentReports(b)
        let allRevisionsOfA = try Self.run(["reports", "list", "--db", a, "--limit", "0", "--json", "--all-revisions"])
        #expect(try Self.objects(allRevisionsOfA.stdout).count > inA.count, "the demo feed should hold corrections")
        #expect(inA.count > 1900)
        #expect(counts["accepted"] as? Int == inA.count)
        #expect(Set(inA.keys) == Set(inB.keys))
        let differing = inA.keys.filter { inA[$0] != inB[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing.count) reports differ, e.g. \(differing.first.map { "\(inA[$0]!)\n vs \(inB[$0] ?? "nothing")" } ?? "")")
    }

    @Test(.enabled(if: ExportTests.shapelyPython != nil,
                   "shapely is not installed here (apt-get install python3-shapely; CI installs it through scripts/deps.sh)"))
    func geoJSONOpensInShapely() throws {
        let python = try #require(Self.shapelyPython)
        let dir = SitcenBinary.temporaryDirectory("export-geojson")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try Self.demoStore(dir)
        let file = dir.appendingPathComponent("export.geojson").path
        try Self.run(["export", "--db", a, "--registry", Self.registry, "--format", "geojson", "--output", file])
        let script = """
            import json, sys
            from shapely.geometry import shape
            with open(sys.argv[1], encoding="utf-8") as f:
                fc = json.load(f)
            assert fc["type"] == "FeatureCollection", fc["type"]
            positions = {}
            for feat in fc["features"]:
                assert feat["type"] == "Feature"
                g = shape(feat["geometry"])
                p = feat["properties"]
                assert g.geom_type == "Point" and g.is_valid, (p.get("id"), g.wkt)
                assert 44 <= g.x <= 92 and 27 <= g.y <= 56, (p.get("id"), g.wkt)
                for k in ("id", "post", "type", "seq", "received_at", "sector", "country"):
                    assert k in p and p[k] not in (None, ""), (k, p)
                assert p["position"] in ("reported", "post"), p
                if p["position"] == "reported":
                    assert (p["lon"], p["lat"]) == (g.x, g.y), p
                positions[p["position"]] = positions.get(p["position"], 0) + 1
            print(len(fc["features"]), positions.get("reported", 0), positions.get("post", 0))
            """
        let r = try Run.command(python, ["-c", script, file])
        #expect(r.status == 0, "shapely rejected the export: \(r.stderr)")
        let numbers = r.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        let current = try Self.currentReports(a).count
        #expect(numbers.count == 3 && numbers[0] == current, "features: \(r.stdout), current reports: \(current)")
        #expect(numbers.count == 3 && numbers[1] > 0 && numbers[2] > 0, "both kinds of position: \(r.stdout)")
    }

    @Test func bloOfficerExportsOnlyTheirSector() throws {
        let dir = SitcenBinary.temporaryDirectory("export-blo")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try Self.demoStore(dir)
        let east = Set(try #require(try TestStore.sampleRegistry().sector("KZ-EAST")).posts)
        let base = ["export", "--db", a, "--registry", Self.registry, "--format", "jsonl"]

        let blo = try Self.run(base + ["--role", "blo", "--sector", "KZ-EAST", "--operator", "Officer A"])
        let exported = try Self.objects(blo.stdout)
        #expect(!exported.isEmpty)
        #expect(exported.allSatisfy { east.contains($0["post"] as? String ?? "") })
        let all = try Self.objects(try Self.run(base).stdout)
        #expect(exported.count == all.filter { east.contains($0["post"] as? String ?? "") }.count)
        #expect(all.count > exported.count)

        for refused in [["--role", "blo", "--sector", "KZ-EAST", "--sector", "TJ-GBAO"],
                        ["--role", "blo"],
                        ["--role", "blo", "--sector", "NO-SUCH"]] {
            let r = try Run.sitcen(base + refused)
            #expect(r.status != 0, "\(refused) should be refused")
            #expect(r.stdout.isEmpty, "\(refused) exported something")
        }
    }

    @Test func statsEqualTheListing() throws {
        let dir = SitcenBinary.temporaryDirectory("stats")
        defer { try? FileManager.default.removeItem(at: dir) }
        let iso = ISO8601DateFormatter()
        func daysAgo(_ d: Double) -> String { iso.string(from: Date().addingTimeInterval(-d * 86_400)) }
        func seizure(_ id: String, _ post: String, _ at: String, _ substance: String, _ qty: Double, _ unit: String,
                     extra: String = "") -> String {
            #"{"id":"\#(id)","post":"\#(post)","type":"seizure","observed_at":"\#(at)","substance":"\#(substance)","quantity":\#(qty),"unit":"\#(unit)"\#(extra)}"#
        }
        func other(_ id: String, _ post: String, _ at: String, _ type: String) -> String {
            #"{"id":"\#(id)","post":"\#(post)","type":"\#(type)","observed_at":"\#(at)"}"#
        }
        let t1 = daysAgo(2), t2 = daysAgo(10), t3 = daysAgo(40), t4 = daysAgo(75)
        let lines = [
            seizure("s1", "KZ-KHR", t1, "героин", 2, "kg"),
            seizure("s2", "KZ-KHR", t2, "гашиш", 500, "g"),
            seizure("s3", "TJ-PNP", t2, "героин", 1.5, "kg"),
            seizure("s3", "TJ-PNP", t2, "героин", 3.25, "kg", extra: #","revision":1"#),   // a correction
            seizure("s4", "KZ-DOS", t1, "гашиш", 7, "kg"),
            seizure("s4", "KZ-DOS", t1, "гашиш", 7, "kg", extra: #","revision":1,"retracted":true"#),
            other("i1", "KZ-KHR", t1, "incident"), other("r1", "TJ-PNP", t2, "sitrep"), other("t1", "KZ-DOS", t2, "tip"),
            seizure("p1", "KZ-KHR", t3, "героин", 4, "kg"), other("p2", "TJ-PNP", t3, "incident"),
            seizure("old", "KZ-KHR", t4, "героин", 100, "kg"),
        ]
        let feed = try TestStore.write(lines, to: dir, name: "small.jsonl")
        let db = dir.appendingPathComponent("s.sqlite").path
        try Self.run(["ingest", "--db", db, "--registry", Self.registry, feed])

        let stats = try #require(try JSONSerialization.jsonObject(with: try Self.run(["stats", "--db", db, "--json"]).stdoutData)
                                 as? [String: Any])
        let listed = try Self.objects(try Self.run(["reports", "list", "--db", db, "--limit", "0", "--json"]).stdout)
            .filter { $0["retracted"] as? Bool != true }
        let now = Date()
        for (name, range) in [("current", 0.0..<30.0), ("previous", 30.0..<60.0)] {
            let period = try #require(stats[name] as? [String: Any])
            let inPeriod = listed.filter { o in
                let at = iso.date(from: o["observed_at"] as? String ?? "") ?? .distantPast
                return range.contains(now.timeIntervalSince(at) / 86_400)
            }
            let seizures = inPeriod.filter { $0["type"] as? String == "seizure" }
            #expect(period["reports"] as? Int == inPeriod.count, "\(name) reports")
            #expect(period["seizures"] as? Int == seizures.count, "\(name) seizures")
            let kg = seizures.reduce(0.0) { $0 + ($1["quantity_kg"] as? Double ?? 0) }
            #expect(abs((period["kilograms"] as? Double ?? -1) - kg) < 0.001, "\(name) kilograms")

            var byCategory: [String: (Int, Double)] = [:]
            for s in seizures {
                let c = s["category"] as? String ?? ""
                byCategory[c, default: (0, 0)].0 += 1
                byCategory[c, default: (0, 0)].1 += s["quantity_kg"] as? Double ?? 0
            }
            let statCategories = try #require(period["by_category"] as? [[String: Any]])
            #expect(statCategories.count == byCategory.count, "\(name) categories")
            for c in statCategories {
                let want = byCategory[c["category"] as? String ?? ""]
                #expect(c["seizures"] as? Int == want?.0, "\(name) \(c)")
                #expect(abs((c["kilograms"] as? Double ?? -1) - (want?.1 ?? 0)) < 0.001, "\(name) \(c)")
            }
            let statPosts = try #require(period["by_post"] as? [[String: Any]])
            #expect(statPosts.count == Set(inPeriod.compactMap { $0["post"] as? String }).count)
            for p in statPosts {
                let mine = inPeriod.filter { $0["post"] as? String == p["post"] as? String }
                #expect(p["reports"] as? Int == mine.count, "\(name) \(p)")
                #expect(p["seizures"] as? Int == mine.filter { $0["type"] as? String == "seizure" }.count, "\(name) \(p)")
            }
            let statTypes = try #require(period["by_type"] as? [[String: Any]])
            for t in statTypes {
                #expect(t["reports"] as? Int == inPeriod.filter { $0["type"] as? String == t["type"] as? String }.count)
            }
            #expect(statTypes.reduce(0) { $0 + ($1["reports"] as? Int ?? 0) } == inPeriod.count)
        }
        // The fixture itself: 2 kg + 0.5 kg + 3.25 kg (corrected) this period; 4 kg before.
        let currentKg = (stats["current"] as? [String: Any])?["kilograms"] as? Double ?? 0
        #expect(abs(currentKg - 5.75) < 0.001)
        #expect((stats["previous"] as? [String: Any])?["reports"] as? Int == 2)
        let text = try Self.run(["stats", "--db", db])
        #expect(text.stdout.contains("opiates") && text.stdout.contains("cannabis") && text.stdout.contains(" kg"), "\(text.stdout)")
    }
}
