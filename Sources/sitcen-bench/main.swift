import Foundation
// sitcen-bench: the benchmarks, one command each, kept out of the default test run.
//   swift run -c release sitcen-bench <name> [options]
// Each prints its figures as plain lines that the closing notes quote.

let benchmarks: [(name: String, summary: String, run: ([String]) async throws -> Void)] = [
    ("ingest", "ingest 1,000,000 demo reports from JSONL and CSV, against sqlite3 .import", IngestBench.run),
    ("console", "first frame with 1,000,000 reports and RSS; commit in another process to the row on screen", ConsoleBench.run),
    ("alert-latency", "signed POST to sitcen serve → the alert on a console in tmux (median, p99)", AlertLatencyBench.run),
    ("term", "compose and diff 200x60 frames; bytes per one-row change; idle CPU of the gallery", TermBench.run),
    ("rules", "1,000,000 reports through the shipped rules plus synthetic ones", RulesBench.run),
    ("map", "rasterise the region at 200x60 with every layer and 100,000 seizures; one pan step", MapBench.run),
    ("remote", "signed POST to sitcen serve → the row on a remote console (--server) in tmux; link bytes per report", RemoteBench.run),
    ("load", "signed batches on loopback for 60 s: reports/s and p50/p99", LoadBench.run),
    ("forecast-data", "weekly series of known shape as a registry and a feed (scripts/forecast-accuracy)", ForecastBench.run),
]

let argv = Array(CommandLine.arguments.dropFirst())
guard let name = argv.first, let bench = benchmarks.first(where: { $0.name == name }) else {
    print("usage: sitcen-bench <benchmark> [options]\n")
    for b in benchmarks { print("  \(b.name.padding(12))\(b.summary)") }
    exit(argv.isEmpty ? 0 : 2)
}
try await bench.run(Array(argv.dropFirst()))

extension String {
    func padding(_ n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
}
