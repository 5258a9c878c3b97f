import SitcenConsoleData
import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenMap
import SitcenStore
import SitcenText
import TermUI

/// The duty console as a TermUI app: every key, store change and clock tick goes through
/// `update`; every frame is `view(state)`. `update` is pure: the time comes with the events,
/// work that touches the store is returned as commands, and its results come back as messages.
public struct ConsoleApp: App {
    public typealias State = ConsoleState
    public typealias Msg = ConsoleMsg

    let loaders: Loaders
    /// The key table in the language the console opened with (help follows `:lang`).
    public let keys: KeyTable<ConsoleAction>
    let keysByLanguage: [Strings.Language: KeyTable<ConsoleAction>]
    /// Themes by name, for `:theme NAME`.
    let themes: @Sendable (String) -> Theme?

    public init(source: any ConsoleSource, strings: Strings, themes: @escaping @Sendable (String) -> Theme? = { _ in nil }) {
        loaders = Loaders(source: source)
        keys = ConsoleKeys.table(strings)
        keysByLanguage = Dictionary(uniqueKeysWithValues: Strings.Language.allCases.map { ($0, ConsoleKeys.table(Strings($0))) })
        self.themes = themes
    }

    var registry: Registry { loaders.source.registry }

    /// What to load when the console opens.
    public func start(_ state: inout ConsoleState) -> Command<ConsoleMsg> {
        .batch([reload(&state), refreshFigures(state), clockTick(state), refreshAlerts(state), refreshSilences(state)])
    }

    public func update(_ state: inout ConsoleState, _ event: Event<ConsoleMsg>) -> Command<ConsoleMsg> {
        switch event {
        case .resize(let size):
            state.size = size
            if !state.panes.contains(state.focus) { state.focus = state.panes[0] }
            layoutTables(&state)
            // The first event: load everything.
            if !state.started { state.started = true; return start(&state) }
            return .none
        case .tick(let date):
            state.now = Timestamp(millis: Int64((date.timeIntervalSince1970 * 1000).rounded()))
            return .batch([clockTick(state), refreshFigures(state), refreshSilences(state)])
        case .message(let msg):
            let cmd = receive(&state, msg)
            layoutTables(&state)
            return cmd
        case .key(let key):
            let cmd = handleKey(&state, key)
            layoutTables(&state)
            return cmd
        }
    }

    public func view(_ state: ConsoleState, size: Size) -> Buffer {
        ConsoleScreen.render(state, size: size, keys: keysByLanguage[state.strings.language] ?? keys)
    }

    // MARK: messages

    func receive(_ state: inout ConsoleState, _ msg: ConsoleMsg) -> Command<ConsoleMsg> {
        switch msg {
        case .link(let link, let now):
            let wasUp = state.link?.up ?? true
            state.link = link
            state.now = now
            // Back up: whatever arrived while the view was stale is loaded again.
            guard !wasUp, link?.up ?? true else { return .none }
            return .batch([refreshFigures(state), refreshAlerts(state), refreshSilences(state)] + (state.reportsLoaded ? [fetchNew(state)] : []))
        case .changed(let version, let now):
            let old = state.storeVersion
            state.storeVersion = version
            state.now = now
            var cmds: [Command<ConsoleMsg>] = []
            if version.lastSeq != old.lastSeq && state.reportsLoaded { cmds.append(fetchNew(state)) }
            if version != old { cmds.append(refreshFigures(state)) }
            if version.alerts != old.alerts || version.lastSeq != old.lastSeq {
                cmds.append(refreshAlerts(state))
                cmds.append(refreshSilences(state))
            }
            if state.view == .trends && version.lastSeq != old.lastSeq { cmds.append(refreshTrends(state)) }
            if state.view == .quality && version.lastSeq != old.lastSeq { cmds.append(refreshQuality(state)) }
            return .batch(cmds)
        case .reportsLoaded(_, _, let gen, _) where gen != state.generation:
            return .none
        case .reportsLoaded(let rows, let replace, _, let exhausted):
            if replace {
                state.reports = rows
                state.lastSeq = max(state.storeVersion.lastSeq, rows.first?.seq ?? 0)
                // A new result set opens at its newest row, following.
                state.reportsTable.reset()
            } else {
                state.reports += rows
            }
            state.reportsLoaded = true
            state.searching = false
            state.historyExhausted = exhausted
            state.reportsTable.sync(state.reports.map(\.seq))
            return .none
        case .newReports(let rows, let gen):
            guard gen == state.generation, !rows.isEmpty else { return .none }
            arrive(&state, rows)
            return .none
        case .figures(let f, let rows):
            state.figures = f
            let healthChanged = rows.map(\.health) != state.postsBoard.map(\.health) || rows.count != state.postsBoard.count
            state.postsBoard = rows
            if healthChanged { rebuildMapPosts(&state) }
            // A BLO officer's map opens on their sector.
            if state.op.scope.sectorFilter != nil && !state.mapFitted { state.map.fitSector(state.mapData); state.mapFitted = true }
            state.postsTable.sync(ConsoleFilter.posts(state).map(\.post.code))
            return .none
        case .trends(let t, let gen):
            guard gen == state.generation else { return .none }
            state.trends = t
            return .none
        case .forecasts(let f, let gen):
            guard gen == state.generation else { return .none }
            state.forecasts = f
            return .none
        case .quality(let board, let gen):
            guard gen == state.generation else { return .none }
            state.quality = board
            state.qualityTable.sync(board.posts.map(\.post.code))
            return .none
        case .mapReports(let rows, let points, let gen):
            guard gen == state.generation else { return .none }
            state.mapReports = rows
            state.mapPoints = points
            rebuildMap(&state)
            return .none
        case .alerts(let list):
            return alertsArrived(&state, list)
        case .alertDetail(let d):
            state.alertDetail = d
            return .none
        case .silences(let list):
            state.silences = list
            state.silencesTable.sync(list.map(\.silence.id))
            return .none
        case .triaged(let message, _):
            state.flash = message
            return .batch([refreshAlerts(state), refreshSilences(state), loadAlertDetail(state)])
        case .handover(let text):
            state.handover = Pager(.text(text))
            return .none
        case .failed(let message):
            state.flash = message
            state.searching = false
            return .none
        }
    }

    /// Live reports: in at the top; a table that follows shows them, one that holds counts them.
    func arrive(_ state: inout ConsoleState, _ rows: [LoggedReport]) {
        let known = Set(state.reports.prefix(rows.count + 50).map(\.seq))
        let fresh = rows.filter { !known.contains($0.seq) }
        state.lastSeq = max(state.lastSeq, rows.map(\.seq).max() ?? 0)
        guard !fresh.isEmpty else { return }
        state.reports.insert(contentsOf: fresh, at: 0)
        state.arrived += fresh.count
        let seizures = fresh.filter { $0.report.type == .seizure }
        if !seizures.isEmpty {
            state.mapReports.insert(contentsOf: seizures, at: 0)
            let points = seizures.map(SeizurePoint.init)
            state.mapPoints.insert(contentsOf: points, at: 0)
            if state.geo != nil {
                state.mapData.seizures.insert(contentsOf: points.compactMap { MapPane.seizure($0, registry: registry) }, at: 0)
                state.mapData.routes.insert(contentsOf: points.map { MapRoute(origin: $0.origin, post: $0.post, destination: $0.destination) }, at: 0)
            }
        }
        // Corrections replace the revision shown; a selected report stays selected in its new revision.
        let replaced = Dictionary(fresh.map { ($0.report.key, $0.seq) }, uniquingKeysWith: { a, _ in a })
        let selectedKey = state.selectedReport?.report.key
        let following = state.reportsTable.following
        state.reports = state.reports.enumerated().filter { i, r in i < fresh.count || replaced[r.report.key] == nil }.map(\.element)
        state.reportsTable.sync(state.reports.map(\.seq))
        if !following, let key = selectedKey, let seq = replaced[key], state.reportsTable.selected != seq { state.reportsTable.select(seq) }
    }

    /// A new alert queue: the table follows the filters; the banner and the bell follow the
    /// whole queue, whatever the filters.
    func alertsArrived(_ state: inout ConsoleState, _ list: [AlertSummary]) -> Command<ConsoleMsg> {
        state.allAlerts = list
        if !state.alertsLoaded {
            // What was open when the console opened counts as seen, and does not ring.
            state.alertsLoaded = true
            for a in list { state.seenAlerts[a.id] = a.lastEvent }
            state.announced.formUnion(list.filter { $0.severity == .critical }.map(\.id))
        }
        applyAlertFilters(&state)
        if let id = state.alertsTable.selected { state.seenAlerts[id] = state.allAlerts.first { $0.id == id }?.lastEvent ?? state.seenAlerts[id] }
        if let id = state.openAlert, let a = list.first(where: { $0.id == id }) { state.seenAlerts[id] = a.lastEvent }
        rebuildMapAlerts(&state)
        // A critical alert that arrived (even one observed hours ago and escalated already):
        // the banner shows it, and the bell rings once, whatever the view.
        let critical = list.filter { $0.severity == .critical && $0.state == .firing && !$0.isSilenced && !$0.isInhibited }.map(\.id)
        let fresh = critical.filter { !state.announced.contains($0) }
        state.announced.formUnion(critical)
        return .batch([loadAlertDetail(state), fresh.isEmpty ? .none : .bell])
    }

    func applyAlertFilters(_ state: inout ConsoleState) {
        state.alerts = ConsoleFilter.alerts(state)
        state.marked.formIntersection(state.alerts.map(\.id))
        state.alertsTable.sync(state.alerts.map(\.id))
    }
}
