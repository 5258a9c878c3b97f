import Foundation

/// Ingest of N demo reports (default 1,000,000) from JSON Lines and from CSV through the real
/// `sitcen ingest`, against `sqlite3 .import` of the same CSV into a table with the feed's
/// columns and the same four indexes as the store's, all measured in the same run.
enum IngestBench {
    static func run(_ args: [String]) async throws {
        try Bench.requireSitcen()
        let count = Int(Bench.option(args, "--count") ?? "") ?? 1_000_000
        let dir = URL(fileURLWithPath: Bench.option(args, "--dir") ?? NSTemporaryDirectory())
            .appendingPathComponent("sitcen-bench-ingest-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if !args.contains("--keep") { try? FileManager.default.removeItem(at: dir) } }
        let jsonl = dir.appendingPathComponent("demo.jsonl").path
        let csv = dir.appendingPathComponent("demo.csv").path
        let end = "2026-11-20T00:00:00Z"
        print("ingest benchmark: \(Bench.withThousands(count)) demo reports (seed 1, end \(end)), release build")
        for (format, path) in [("jsonl", jsonl), ("csv", csv)] {
            let g = try Bench.run(Bench.sitcen, ["sample-feed", "--count", "\(count)", "--days", "365", "--seed", "1",
                                                 "--end", end, "--format", format], stdoutTo: path)
            guard g.status == 0 else { throw BenchError("demo-data failed") }
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print("  generated \(format): \(Bench.fmt(Double(size) / 1_048_576, 1)) MiB in \(Bench.fmt(g.seconds, 1)) s")
        }

        var results: [String: Double] = [:]
        for (format, path) in [("jsonl", jsonl), ("csv", csv)] {
            let db = dir.appendingPathComponent("store-\(format).sqlite").path
            let r = try Bench.run(Bench.sitcen, ["ingest", "--db", db, "--json", path])
            guard r.status == 0 else { throw BenchError("ingest failed: \(r.stdout)") }
            let rate = Double(count) / r.seconds
            results[format] = rate
            print("  sitcen ingest \(format.padding(5)): \(Bench.fmt(r.seconds, 2)) s, \(Bench.withThousands(Int(rate))) reports/s, peak RSS \(r.maxRSSKiB / 1024) MiB   \(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))")
        }

        // The reference: sqlite3 .import of the same CSV into a table of the CSV's columns,
        // with the store's four indexes (post/id/revision unique, time, post-as-sector, substance).
        let refDB = dir.appendingPathComponent("reference.sqlite").path
        let header = (try String(contentsOfFile: csv, encoding: .utf8).prefix(2000).split(separator: "\n").first).map(String.init) ?? ""
        let columns = header.split(separator: ",").map { "\"\($0)\"" }
        let script = dir.appendingPathComponent("import.sql").path
        try """
        PRAGMA journal_mode=WAL;
        PRAGMA synchronous=NORMAL;
        CREATE TABLE reports(\(columns.map { "\($0) TEXT" }.joined(separator: ", ")));
        CREATE UNIQUE INDEX reports_key ON reports(post, id, revision);
        CREATE INDEX reports_observed ON reports(observed_at);
        CREATE INDEX reports_sector ON reports(post);
        CREATE INDEX reports_substance ON reports(substance, observed_at) WHERE substance <> '';
        .mode csv
        .import --skip 1 \(csv) reports
        """.write(toFile: script, atomically: true, encoding: .utf8)
        // The rowid plays the part of `seq`; the sector index is on `post` (the CSV has no sector).
        let ref = try Bench.run("/usr/bin/sqlite3", [refDB], stdin: script)
        guard ref.status == 0 else { throw BenchError("sqlite3 .import failed (is sqlite3 installed?)") }
        let refRate = Double(count) / ref.seconds
        print("  sqlite3 .import csv  : \(Bench.fmt(ref.seconds, 2)) s, \(Bench.withThousands(Int(refRate))) reports/s, peak RSS \(ref.maxRSSKiB / 1024) MiB")
        for format in ["jsonl", "csv"] {
            print("  ratio sitcen \(format) / sqlite3 .import: \(Bench.fmt(results[format]! / refRate, 2)) (goal >= 0.5)")
        }
    }
}
