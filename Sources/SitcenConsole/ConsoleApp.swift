import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenMap
import SitcenStore
import SitcenText
import TermUI

/// The duty console as a TermUI app: every key, store change and clock tick goes through
/// `update`; every frame is `view(state)`.
public struct ConsoleApp: App {
    public typealias State = ConsoleState
    public typealias Msg = ConsoleMsg

    let loaders: Loaders
    /// The key table in the language the console opened with (help follows `:lang`).
    public let keys: KeyTable<ConsoleAction>
    let keysByLanguage: [Strings.Language: KeyTable<ConsoleAction>]
    /// Themes by name, for `:theme NAME`.
    let themes: @Sendable (String) -> Theme?
    /// Bumped on every filter change, so that late results of an old query are dropped.
    let generation = GenerationCounter()

    public init(source: any ConsoleSource, strings: Strings, themes: @escaping @Sendable (String) -> Theme? = { _ in nil }) {
        loaders = Loaders(source: source)
        keys = ConsoleKeys.table(strings)
        keysByLanguage = Dictionary(uniqueKeysWithValues: Strings.Language.allCases.map { ($0, ConsoleKeys.table(Strings($0))) })
        self.themes = themes
    }

    /// What to load when the console opens.
    public func start(_ state: ConsoleState) -> Command<ConsoleMsg> {
        .batch([reload(state), refreshFigures(state), clockTick(state), refreshAlerts(state)])
    }

    public func update(_ state: inout ConsoleState, _ event: Event<ConsoleMsg>) -> Command<ConsoleMsg> {
        switch event {
        case .resize(let size):
            state.size = size
            layoutTables(&state)
            // The first event: load everything.
            if !state.started { state.started = true; return start(state) }
            return .none
        case .tick:
            state.now = .now()
            return .batch([clockTick(state), refreshFigures(state)])
        case .message(let msg):
            return receive(&state, msg)
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
        case .link(let link):
            let wasUp = state.link?.up ?? true
            state.link = link
            state.now = .now()
            // Back up: whatever arrived while the view was stale is loaded again.
            guard !wasUp, link?.up ?? true else { return .none }
            return .batch([refreshFigures(state), refreshAlerts(state)] + (state.reportsLoaded ? [fetchNew(state)] : []))
        case .changed(let token):
            let old = state.token
            state.token = token
            state.now = .now()
            var cmds: [Command<ConsoleMsg>] = []
            if token.lastSeq != old.lastSeq && state.reportsLoaded { cmds.append(fetchNew(state)) }
            if token != old { cmds.append(refreshFigures(state)) }
            if token.alerts != old.alerts || token.lastSeq != old.lastSeq { cmds.append(refreshAlerts(state)) }
            return .batch(cmds)
        case .reportsLoaded(let rows, let replace, let gen, _) where gen != generation.value:
            _ = (rows, replace)
            return .none
        case .reportsLoaded(let rows, let replace, _, let exhausted):
            if replace {
                state.reports = rows
                state.lastSeq = max(state.token.lastSeq, rows.first?.seq ?? 0)
            } else {
                state.reports += rows
            }
            state.reportsLoaded = true
            state.searching = false
            state.historyExhausted = exhausted
            state.reportsTable.sync(state.reports.map(\.seq))
            if replace && state.reportsTable.selected == nil { state.reportsTable.selectFirst() }
            return .none
        case .newReports(let rows, let gen):
            guard gen == generation.value, !rows.isEmpty else { return .none }
            let known = Set(state.reports.prefix(rows.count + 50).map(\.seq))
            let fresh = rows.filter { !known.contains($0.seq) }
            state.lastSeq = max(state.lastSeq, rows.map(\.seq).max() ?? 0)
            guard !fresh.isEmpty else { return .none }
            state.reports.insert(contentsOf: fresh, at: 0)
            state.arrived += fresh.count
            let seizures = fresh.filter { $0.report.type == .seizure }
            if !seizures.isEmpty {
                state.mapReports.insert(contentsOf: seizures, at: 0)
                let points = seizures.map(SeizurePoint.init)
                state.mapPoints.insert(contentsOf: points, at: 0)
                if state.geo != nil {
                    let registry = loaders.source.registry
                    state.mapData.seizures.insert(contentsOf: points.compactMap { MapPane.seizure($0, registry: registry) }, at: 0)
                    state.mapData.routes.insert(contentsOf: points.map { MapRoute(origin: $0.origin, post: $0.post, destination: $0.destination) }, at: 0)
                }
            }
            // Corrections replace the revision shown; a selected report stays selected in its new revision.
            let replaced = Dictionary(fresh.map { ($0.report.key, $0.seq) }, uniquingKeysWith: { a, _ in a })
            let selectedKey = state.selectedReport?.report.key
            state.reports = state.reports.enumerated().filter { i, r in i < fresh.count || replaced[r.report.key] == nil }.map(\.element)
            state.reportsTable.sync(state.reports.map(\.seq))
            if let key = selectedKey, let seq = replaced[key], state.reportsTable.selected != seq { state.reportsTable.select(seq) }
            if state.reportsTable.selected == nil { state.reportsTable.selectFirst() }
            return .none
        case .figures(let f, let rows):
            state.figures = f
            let healthChanged = rows.map(\.health) != state.postsBoard.map(\.health) || rows.count != state.postsBoard.count
            state.postsBoard = rows
            if healthChanged { rebuildMapPosts(&state) }
            // A BLO officer's map opens on their sector.
            if state.op.scope.sectorFilter != nil && !state.mapFitted { state.map.fitSector(state.mapData); state.mapFitted = true }
            state.postsTable.sync(rows.map(\.post.code))
            if state.postsTable.selected == nil { state.postsTable.selectFirst() }
            return .none
        case .trends(let t):
            state.trends = t
            return .none
        case .mapReports(let rows, let points, let gen):
            guard gen == generation.value else { return .none }
            state.mapReports = rows
            state.mapPoints = points
            rebuildMap(&state)
            return .none
        case .alerts(let list):
            state.alerts = list
            state.marked.formIntersection(list.map(\.id))
            state.alertsTable.sync(list.map(\.id))
            if state.alertsTable.selected == nil { state.alertsTable.selectFirst() }
            // A new critical alert: the banner shows it, and the bell rings once, whatever the view.
            let critical = list.filter { $0.severity == .critical && $0.state == .firing && !$0.isSilenced }.map(\.id)
            let fresh = critical.filter { !state.announced.contains($0) }
            state.announced.formUnion(critical)
            return .batch([loadAlertDetail(state), fresh.isEmpty ? .none : .bell])
        case .alertDetail(let d):
            state.alertDetail = d
            return .none
        case .triaged(let message, _):
            state.flash = message
            return refreshAlerts(state)
        case .handover(let text):
            state.handover = text
            state.handoverScroll = 0
            return .none
        case .failed(let message):
            state.flash = message
            state.searching = false
            return .none
        }
    }

    // MARK: keys

    func handleKey(_ state: inout ConsoleState, _ key: Key) -> Command<ConsoleMsg> {
        if var dialog = state.confirmQuit {
            switch dialog.handle(key) {
            case .confirmed: return .quit
            case .cancelled: state.confirmQuit = nil
            case .none: state.confirmQuit = dialog
            }
            return .none
        }
        if var prompt = state.prompt {
            // Resolve takes one letter: t, f, d, e or o, and is done.
            if state.pendingTriage == .resolve, prompt.value.isEmpty, case .char(let c) = key, let reason = ConsoleApp.reason(c) {
                state.prompt = nil
                state.pendingTriage = nil
                return triage(&state, .resolve(reason, note: nil))
            }
            let outcome = prompt.handle(key)
            state.prompt = prompt
            switch outcome {
            case .submitted(let text):
                state.prompt = nil
                if let pending = state.pendingTriage {
                    state.pendingTriage = nil
                    return submitTriage(&state, pending, text)
                }
                let kind = prompt.prefix
                state.promptHistory[kind, default: []].append(text)
                return kind == "/" ? applyText(&state, text) : runCommand(&state, text)
            case .cancelled:
                state.prompt = nil
                state.pendingTriage = nil
            case .editing:
                break
            }
            return .none
        }
        if state.handover != nil {
            switch key {
            case .escape, .char("q"): state.handover = nil
            case .down, .char("j"): state.handoverScroll += 1
            case .up, .char("k"): state.handoverScroll = max(0, state.handoverScroll - 1)
            case .pageDown, .char(" "): state.handoverScroll += 20
            case .pageUp: state.handoverScroll = max(0, state.handoverScroll - 20)
            case .char("g"), .home: state.handoverScroll = 0
            case .ctrl("c"): state.handover = nil; return askQuit(&state)
            default: break
            }
            return .none
        }
        if state.showHelp {
            switch key {
            case .escape, .char("?"), .char("q"), .function(1): state.showHelp = false
            case .down, .char("j"): state.helpScroll += 1
            case .up, .char("k"): state.helpScroll = max(0, state.helpScroll - 1)
            case .pageDown: state.helpScroll += 10
            case .pageUp: state.helpScroll = max(0, state.helpScroll - 10)
            case .ctrl("c"): state.showHelp = false; return askQuit(&state)
            default: break
            }
            return .none
        }
        state.flash = nil
        let context = state.focus == .map ? MapKeys.context : state.focus == .alerts ? "alerts" : (state.view == .trends ? "trends" : nil)
        guard let action = keys.action(for: key, context: context) else { return .none }
        switch action {
        case .ack: return triage(&state, .acknowledge)
        case .take: return triage(&state, .take)
        case .assign: return askTriage(&state, .assign, prefix: state.strings.t("assign to: ", "назначить: "))
        case .note: return askTriage(&state, .note, prefix: state.strings.t("note: ", "заметка: "))
        case .resolve: return askTriage(&state, .resolve, prefix: state.strings.t("resolve as [t]rue-positive [f]alse-positive [d]uplicate [e]xpected [o]ther: ", "закрыть как [t] подтв. [f] ложная [d] дубль [e] ожидаемая [o] другое: "))
        case .silence: return askTriage(&state, .silence, prefix: state.strings.t("silence alerts like this for (e.g. 2h): ", "заглушить похожие на (напр. 2h): "))
        case .mark:
            if let id = state.alertsTable.selected {
                if state.marked.contains(id) { state.marked.remove(id) } else { state.marked.insert(id) }
                state.alertsTable.move(by: 1)
            }
            return loadAlertDetail(state)
        case .map(let a):
            state.map.sector = state.filters.sector ?? state.op.scope.sectorFilter
            state.map.perform(a, data: state.mapData)
            return .none
        case .view(let v):
            state.view = v
            state.drilledIn = false
            if !state.panes.contains(state.focus) { state.focus = state.panes[0] }
            if v == .trends { return refreshTrends(state) }
            return .none
        case .nextPane, .previousPane:
            let panes = state.panes
            let i = panes.firstIndex(of: state.focus) ?? 0
            state.focus = panes[(i + (action == .nextPane ? 1 : panes.count - 1)) % panes.count]
            return .none
        case .down, .up, .pageDown, .pageUp, .top, .bottom:
            state.mapPick = nil
            return move(&state, action)
        case .drillIn:
            if state.focus == .map, let geo = state.geo {
                state.mapPick = MapRenderer(geo: geo).nearest(to: state.map.crosshair, viewport: state.map.viewport,
                                                               layers: state.map.layers, data: state.mapData)
                state.detailsScroll = 0
                return .none
            }
            if state.focus == .reports, state.selectedReport != nil { state.drilledIn = true; state.detailsScroll = 0 }
            if state.focus == .posts, let code = state.postsTable.selected {
                // Enter on a post: its reports.
                state.filters.post = code
                state.view = .reports
                state.focus = .reports
                return reload(state)
            }
            return .none
        case .back:
            if state.drilledIn { state.drilledIn = false } else if state.view != .overview { state.view = .overview; state.focus = .reports }
            return .none
        case .filter:
            var p = Prompt(prefix: "/", history: state.promptHistory["/"] ?? [])
            p.begin(state.filters.text ?? "")
            state.prompt = p
            return .none
        case .command:
            var p = Prompt(prefix: ":", history: state.promptHistory[":"] ?? [])
            p.begin()
            state.prompt = p
            return .none
        case .clearFilters:
            guard !state.filters.isEmpty else { return .none }
            state.filters = Filters()
            state.searching = true
            return reload(state)
        case .help:
            state.showHelp = true
            state.helpScroll = 0
            return .none
        case .quit:
            return .quit
        case .interrupt:
            return askQuit(&state)
        case .toggleWeekly:
            state.trendsPeriod = state.trendsPeriod.next
            return .none
        }
    }

    func askQuit(_ state: inout ConsoleState) -> Command<ConsoleMsg> {
        let s = state.strings
        state.confirmQuit = ConfirmDialog(title: s.quitTitle, message: s.quitMessage, confirmLabel: s.yes, cancelLabel: s.no, selected: 1)
        return .none
    }

    func move(_ state: inout ConsoleState, _ action: ConsoleAction) -> Command<ConsoleMsg> {
        func apply<ID>(_ t: inout TableState<ID>) {
            switch action {
            case .down: t.move(by: 1)
            case .up: t.move(by: -1)
            case .pageDown: t.pageDown()
            case .pageUp: t.pageUp()
            case .top: t.selectFirst()
            case .bottom: t.selectLast()
            default: break
            }
        }
        if state.drilledIn || state.focus == .details {
            switch action {
            case .down: state.detailsScroll += 1
            case .up: state.detailsScroll = max(0, state.detailsScroll - 1)
            case .pageDown: state.detailsScroll += 10
            case .pageUp: state.detailsScroll = max(0, state.detailsScroll - 10)
            case .top: state.detailsScroll = 0
            default: break
            }
            return .none
        }
        switch state.focus {
        case .reports:
            apply(&state.reportsTable)
            state.detailsScroll = 0
            // Near the end of what is loaded: load older reports.
            if let i = state.reportsTable.selectedIndex, i >= state.reports.count - 5, !state.historyExhausted, !state.searching {
                return loadOlder(&state)
            }
        case .posts:
            apply(&state.postsTable)
        case .alerts:
            apply(&state.alertsTable)
            state.detailsScroll = 0
            return loadAlertDetail(state)
        default:
            break
        }
        return .none
    }

    // MARK: filters and commands

    func applyText(_ state: inout ConsoleState, _ text: String) -> Command<ConsoleMsg> {
        let t = text.trimmingSpaces()
        state.filters.text = t.isEmpty ? nil : t
        state.searching = true
        return reload(state)
    }

    func runCommand(_ state: inout ConsoleState, _ line: String) -> Command<ConsoleMsg> {
        switch ConsoleCommand.parse(line, registry: loaders.source.registry) {
        case .failure(let error):
            state.flash = error.description
            return .none
        case .success(let command):
            switch command {
            case .filter(let change):
                if state.op.role == .blo, let sector = state.op.sector {
                    let registry = loaders.source.registry
                    var outside = false
                    if case .sector(let s?) = change, s != sector { outside = true }
                    if case .post(let p?) = change, registry.post(p)?.sector != sector { outside = true }
                    if outside {
                        state.flash = state.strings.bloCannotLeaveSector
                        return .none
                    }
                }
                change.apply(to: &state.filters)
                return reload(state)
            case .clear:
                state.filters = Filters()
                return reload(state)
            case .theme(let name):
                guard let theme = themes(name) else {
                    state.flash = "no theme \"\(name)\""
                    return .none
                }
                state.theme = theme
                state.themeName = name
                return .none
            case .help:
                state.showHelp = true
                return .none
            case .quit:
                return .quit
            case .view(let v):
                state.view = v
                if !state.panes.contains(state.focus) { state.focus = state.panes[0] }
                return .none
            case .handover(let seconds):
                let source = loaders.source
                let (op, now, offset) = (state.op, state.now, state.offset)
                return .task {
                    do { return .handover(try source.shiftReport(for: op, to: now, seconds: seconds, offset: offset)) } catch { return .failed("\(error)") }
                }
            case .language(let l):
                // The interface, the help and the map's post and country names.
                state.strings = Strings(l)
                state.map.layers.russian = l == .ru
                return .none
            }
        }
    }

}

/// A counter shared by copies of the app (it is a value type; the counter is not).
final class GenerationCounter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    var value: Int { lock.withLock { n } }
    func next() -> Int { lock.withLock { n += 1; return n } }
}
