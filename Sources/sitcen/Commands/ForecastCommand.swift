import ArgumentParser
import Foundation
import SitcenDomain
import SitcenQuality
import SitcenReports
import SitcenStore
import SitcenText

/// `sitcen forecast`: weekly series of seizures and where they are heading (Docs/quality.md).
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Weekly seizures by category, substance or post, forecast with 80 % and 95 % bands.",
        discussion: """
        Totals current seizures (corrections replace what they correct; withdrawn ones are left \
        out) by the week they were observed, Monday 00:00 to Sunday 23:59:59 in the centre's \
        zone (--tz), as counts or kilogram-equivalents. A week is history once --until (default \
        now) is at or after its end; the forecast starts the Monday after the last one.

        Each series gets a method by its shape: mostly-zero series (a rare substance) get \
        Croston's method with the Syntetos–Boylan correction, or TSB; others exponential \
        smoothing (level, trend, damped trend; with two years of history also a yearly season). \
        Among those, the one with the smallest error over rolling origins in the series' own \
        last year wins. The bands come from that method's backtest errors and never go below 0. \
        Beside each series: its backtest MASE (below 1: better than the naive forecast) and how \
        often the bands held what came.

        --json writes one JSON object a line, per series. --format csv writes one row a week \
        (history and forecast), md and txt a summary and a table per series, in English or \
        Russian (--lang).
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @Option(help: "category, substance or post.") var by: SeriesDimension = .category
    @Option(help: "count (seizures) or kg (kilogram-equivalents).") var metric: SeriesMetric = .count
    @Option(help: ArgumentHelp("Weeks to forecast (1–104).", valueName: "H")) var weeks = 12
    @Option(help: ArgumentHelp("Weeks that ended by then are history (RFC 3339; default: now).", valueName: "TIME"))
    var until: String?
    @Option(help: "Only this sector's seizures (a BLO officer's forecast).") var sector: String?
    @OptionGroup var output: TableOutputOptions

    func validate() throws {
        guard (1...104).contains(weeks) else { throw ValidationError("--weeks takes 1 to 104") }
        if let until, Timestamp.parse(until) == nil {
            throw ValidationError("--until takes an RFC 3339 time with an offset, such as 2026-11-23T00:00:00+05:00")
        }
    }

    func run() throws {
        let db = try store.openExisting()
        let request = ForecastRequest(by: by, metric: metric, weeks: weeks, until: until.flatMap(Timestamp.parse) ?? .now(),
                                      offset: try time.offset(), sector: sector)
        let list = try WeeklySeries.forecasts(queries: db, request: request)
        if output.json {
            for s in list { Out.json(ForecastCommand.json(s, metric: metric)) }
        } else {
            print(ForecastTables.forecasts(list, request: request, format: output.format, language: output.lang), terminator: "")
        }
    }

    static func json(_ s: SeriesForecast, metric: SeriesMetric) -> JSONValue {
        func v(_ x: Double) -> JSONValue { metric == .count && x == x.rounded() ? .int(Int64(x)) : .double((x * 1000).rounded() / 1000) }
        func r(_ x: Double?) -> JSONValue { x.map { .double(($0 * 10_000).rounded() / 10_000) } ?? .null }
        let b = s.forecast.backtest
        return .object([
            ("series", .string(s.series)),
            ("method", .string(s.forecast.method.rawValue)),
            ("history", .array(s.history.map(v))),
            ("forecast", .array(s.forecast.points.enumerated().map { i, p in
                .object([("week", .string(QualityCalendar.date(day: s.forecastMonday(i)))),
                         ("mean", .double((p.mean * 1000).rounded() / 1000)),
                         ("lo80", .double((p.lo80 * 1000).rounded() / 1000)), ("hi80", .double((p.hi80 * 1000).rounded() / 1000)),
                         ("lo95", .double((p.lo95 * 1000).rounded() / 1000)), ("hi95", .double((p.hi95 * 1000).rounded() / 1000))])
            })),
            ("backtest", .object([("mase", r(b?.mase)), ("coverage80", r(b?.coverage80)), ("coverage95", r(b?.coverage95))])),
        ])
    }
}
