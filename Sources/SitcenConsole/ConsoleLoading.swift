import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenMap
import SitcenQuality
import SitcenStore
import SitcenText
import TermUI

/// Queries the console runs off the event loop; their results come back as messages.
extension ConsoleApp {

    /// Loads the reports and the map for new filters; results of older loads are dropped.
    func reload(_ state: inout ConsoleState) -> Command<ConsoleMsg> {
        state.generation += 1
        let gen = state.generation
        // (`searching` is shown while a text filter scans history.)
        let q = state.query(limit: Loaders.page)
        let text = state.filters.text
        let loaders = self.loaders
        var mq = state.query(limit: Loaders.mapLimit)
        mq.types = [.seizure]
        if state.filters.sinceSeconds == nil { mq.observedSince = state.now.adding(seconds: -Loaders.mapWindow) }
        let mapQuery = mq
        let withMap: Command<ConsoleMsg> = state.geo == nil ? .none : .task {
            do {
                // Points for the map (light); the newest seizures in full, for Enter's details.
                var recent = mapQuery
                recent.limit = Loaders.mapDetails
                let rows = try loaders.reports(recent, text: text).rows
                let points: [SeizurePoint]
                if let text, !text.isEmpty {
                    points = try loaders.reports(mapQuery, text: text).rows.map(SeizurePoint.init)
                } else {
                    points = try loaders.source.seizurePoints(mapQuery)
                }
                return .mapReports(rows, points: points, generation: gen)
            } catch { return .failed("\(error)") }
        }
        return .batch([.task {
            do {
                let (rows, exhausted) = try loaders.reports(q, text: text)
                return .reportsLoaded(rows, replace: true, generation: gen, exhausted: exhausted)
            } catch { return .failed("\(error)") }
        }, withMap])
    }

    func rebuildMap(_ state: inout ConsoleState) {
        guard state.geo != nil else { return }
        state.mapData = MapPane.data(state, registry: loaders.source.registry)
    }

    /// Only the posts (their health) changed: keep the converted seizures.
    func rebuildMapPosts(_ state: inout ConsoleState) {
        guard state.geo != nil else { return }
        state.mapData.posts = MapPane.posts(state, registry: loaders.source.registry)
    }

    /// Open alerts on the map; the one `m` showed, at every report it holds.
    func rebuildMapAlerts(_ state: inout ConsoleState) {
        guard state.geo != nil else { return }
        state.mapData.alerts = MapPane.alerts(state, registry: loaders.source.registry)
    }

    func loadOlder(_ state: inout ConsoleState) -> Command<ConsoleMsg> {
        guard let oldest = state.reports.last?.seq else { return .none }
        state.searching = true
        let gen = state.generation
        let q = state.query(limit: Loaders.page, beforeSeq: oldest)
        let text = state.filters.text
        let loaders = self.loaders
        return .task {
            do {
                let (rows, exhausted) = try loaders.reports(q, text: text)
                return .reportsLoaded(rows, replace: false, generation: gen, exhausted: exhausted)
            } catch { return .failed("\(error)") }
        }
    }

    func fetchNew(_ state: ConsoleState) -> Command<ConsoleMsg> {
        let gen = state.generation
        let q = state.query(limit: 5000, afterSeq: state.lastSeq)
        let text = state.filters.text
        let loaders = self.loaders
        return .task {
            do { return .newReports(try loaders.newer(q, text: text), generation: gen) } catch { return .failed("\(error)") }
        }
    }

    func refreshFigures(_ state: ConsoleState) -> Command<ConsoleMsg> {
        let (now, offset, scope, silent) = (state.now, state.offset, state.op.scope.sectorFilter, state.silentAfter)
        let loaders = self.loaders
        return .task {
            do {
                let (f, rows) = try loaders.figures(now: now, offset: offset, scope: scope, silentAfter: silent)
                return .figures(f, rows)
            } catch { return .failed("\(error)") }
        }
    }

    /// The data-quality board over the last `qualityDays`, for the operator's sector (or the
    /// filtered one).
    func refreshQuality(_ state: ConsoleState) -> Command<ConsoleMsg> {
        let window = QualityWindow(from: state.now.adding(seconds: -state.qualityDays * 86_400), to: state.now, offset: state.offset)
        let sector = state.op.scope.sectorFilter ?? state.filters.sector
        let (gen, source) = (state.generation, loaders.source)
        return .task {
            do {
                return .quality(try QualityBoard.build(queries: source.qualityQueries, registry: source.registry, window: window, sector: sector),
                                generation: gen)
            } catch { return .failed("\(error)") }
        }
    }

    /// Weekly forecasts of seizures by category, for the operator's sector (or the filtered one).
    func refreshForecasts(_ state: ConsoleState) -> Command<ConsoleMsg> {
        let request = ForecastRequest(by: .category, metric: .count, weeks: 4, until: state.now, offset: state.offset,
                                      sector: state.op.scope.sectorFilter ?? state.filters.sector)
        let (gen, source) = (state.generation, loaders.source)
        return .task {
            do { return .forecasts(try WeeklySeries.forecasts(queries: source.qualityQueries, request: request), generation: gen) }
            catch { return .failed("\(error)") }
        }
    }

    /// The trends, for the filters that apply to them (post, sector, substance, category, type).
    func refreshTrends(_ state: ConsoleState) -> Command<ConsoleMsg> {
        let (now, offset, gen) = (state.now, state.offset, state.generation)
        var filter = state.query(limit: 0)
        filter.observedSince = nil
        let f = filter
        let loaders = self.loaders
        return .task {
            do { return .trends(try loaders.trends(now: now, offset: offset, filter: f), generation: gen) } catch { return .failed("\(error)") }
        }
    }

    /// The clock in the status bar shows minutes: wake at the next minute.
    func clockTick(_ state: ConsoleState) -> Command<ConsoleMsg> {
        let ms = state.now.millis % 60_000
        return .tick(after: Double(60_000 - ms) / 1000 + 0.05)
    }

    /// Tells the tables how many rows they show, from the layout of the current view.
    func layoutTables(_ state: inout ConsoleState) {
        let layout = Layout(state: state, size: state.size)
        if let r = layout.reports { state.reportsTable.setViewport(height: max(1, r.height - 3)) }
        if let p = layout.posts { state.postsTable.setViewport(height: max(1, p.height - 3)) }
        if let a = layout.alerts { state.alertsTable.setViewport(height: max(1, a.height - 3)) }
        if let a = layout.silences { state.silencesTable.setViewport(height: max(1, a.height - 3)) }
        if let q = layout.quality { state.qualityTable.setViewport(height: max(1, q.height - QualityPane.headerRows(q.height) - 3)) }
        if let m = layout.map, m.width > 2, m.height > 2 {
            let inner = Size(width: m.width - 2, height: m.height - 2)
            if state.map.viewport.size != inner { state.map.resize(inner) }
        }
    }
}
