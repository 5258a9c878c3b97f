import Foundation
import SitcenDemo
import SitcenDomain
import SitcenQuality

/// `sitcen-bench forecast-data DIR`: weekly series of known shape (SyntheticSeries) as a posts
/// registry and a feed of seizures, for `scripts/forecast-accuracy`, which ingests them, runs
/// `sitcen forecast` on the first three years and compares with the held-out weeks and with
/// statsforecast.
enum ForecastBench {
    static let training = 156, held = 13
    /// Monday 2 January 2023.
    static let firstMonday = Timestamp.daysFromCivil(2023, 1, 2)

    static func run(_ args: [String]) async throws {
        guard let dir = args.first else { throw BenchError("usage: sitcen-bench forecast-data DIR [SEED] [PER-SHAPE]") }
        let seed = args.count > 1 ? UInt64(args[1]) ?? 42 : 42
        let perShape = args.count > 2 ? Int(args[2]) ?? 6 : 6
        let series = SyntheticSeries.generate(seed: seed, weeks: training + held, perShape: perShape)
        let (registry, lines) = SyntheticSeries.feed(series, firstMonday: firstMonday)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try registry.write(toFile: dir + "/posts.csv", atomically: true, encoding: .utf8)
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/feed.jsonl", atomically: true, encoding: .utf8)
        var shapes = "series,shape\n"
        for s in series { shapes += "\(s.name),\(s.shape.rawValue)\n" }
        try shapes.write(toFile: dir + "/shapes.csv", atomically: true, encoding: .utf8)
        let offset: Int32 = 18_000
        let trainEnd = QualityCalendar.midnight(day: firstMonday + 7 * training, offset: offset)
        let fullEnd = QualityCalendar.midnight(day: firstMonday + 7 * (training + held), offset: offset)
        print("series \(series.count), seizures \(lines.count)")
        print("train-until \(trainEnd.rfc3339())")
        print("full-until \(fullEnd.rfc3339())")
    }
}
