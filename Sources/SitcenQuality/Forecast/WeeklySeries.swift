import SitcenDomain

/// A weekly series and its forecast.
public struct SeriesForecast: Sendable, Equatable {
    /// The canonical English substance name, the category code or the post code.
    public var series: String
    /// The Monday (days since 1970-01-01, centre's zone) of `history[0]`.
    public var firstMonday: Int
    /// Weekly totals, oldest first, up to the last week that ended by `until`.
    public var history: [Double]
    public var forecast: Forecast

    public init(series: String, firstMonday: Int, history: [Double], forecast: Forecast) {
        self.series = series; self.firstMonday = firstMonday; self.history = history; self.forecast = forecast
    }

    /// The Monday of the `i`-th forecast week.
    public func forecastMonday(_ i: Int) -> Int { firstMonday + 7 * (history.count + i) }
    /// The Monday of the `i`-th history week.
    public func historyMonday(_ i: Int) -> Int { firstMonday + 7 * i }
}

/// What to forecast.
public struct ForecastRequest: Sendable, Equatable {
    public var by: SeriesDimension
    public var metric: SeriesMetric
    public var weeks: Int
    /// Weeks that ended by then are history; the forecast starts the Monday after.
    public var until: Timestamp
    public var offset: Int32
    public var sector: String?

    public init(by: SeriesDimension = .category, metric: SeriesMetric = .count, weeks: Int = 12,
                until: Timestamp, offset: Int32, sector: String? = nil) {
        self.by = by; self.metric = metric; self.weeks = weeks; self.until = until; self.offset = offset; self.sector = sector
    }
}

public enum WeeklySeries {
    /// The Monday of the first week of history: the week of `first` when `first` is on its
    /// Monday, else the next one (a week the store holds only from Tuesday on would look quiet).
    public static func firstMonday(after first: Timestamp, offset: Int32) -> Int {
        let day = QualityCalendar.day(of: first, offset: offset)
        let m = QualityCalendar.monday(ofDay: day)
        return day == m ? m : m + 7
    }

    /// The Monday of the last week that ended at or before `until`.
    public static func lastMonday(until: Timestamp, offset: Int32) -> Int {
        QualityCalendar.monday(of: until, offset: offset) - 7
    }

    /// Series of weekly values from `first` to `last` (Mondays) by key, each starting at its
    /// first non-zero week and running to `last` (weeks with nothing are 0); largest total first.
    public static func series(_ totals: [WeeklyTotal], metric: SeriesMetric, first: Int, last: Int) -> [(key: String, firstMonday: Int, values: [Double])] {
        guard last >= first else { return [] }
        let count = (last - first) / 7 + 1
        var byKey: [String: [Double]] = [:]
        for t in totals where t.monday >= first && t.monday <= last {
            let i = (t.monday - first) / 7
            byKey[t.key, default: Array(repeating: 0, count: count)][i] += metric == .count ? Double(t.seizures) : t.kilograms
        }
        var out: [(key: String, firstMonday: Int, values: [Double], total: Double)] = []
        for (key, values) in byKey {
            guard let start = values.firstIndex(where: { $0 > 0 }) else { continue }
            out.append((key, first + 7 * start, Array(values[start...]), values.reduce(0, +)))
        }
        out.sort { $0.total != $1.total ? $0.total > $1.total : $0.key < $1.key }
        return out.map { ($0.key, $0.firstMonday, $0.values) }
    }

    /// Every series of the request, forecast.
    public static func forecasts(queries: any QualityQueries, request: ForecastRequest,
                                 options: Forecaster.Options = Forecaster.Options()) throws -> [SeriesForecast] {
        guard let first = try queries.firstSeizureObserved(sector: request.sector) else { return [] }
        let firstMonday = firstMonday(after: first, offset: request.offset)
        let lastMonday = lastMonday(until: request.until, offset: request.offset)
        guard lastMonday >= firstMonday else { return [] }
        let before = QualityCalendar.midnight(day: lastMonday + 7, offset: request.offset)
        let totals = try queries.weeklySeizures(by: request.by, before: before, offset: request.offset, sector: request.sector)
        return series(totals, metric: request.metric, first: firstMonday, last: lastMonday).map { s in
            SeriesForecast(series: s.key, firstMonday: s.firstMonday, history: s.values,
                           forecast: Forecaster.forecast(s.values, weeks: request.weeks, options: options))
        }
    }
}
