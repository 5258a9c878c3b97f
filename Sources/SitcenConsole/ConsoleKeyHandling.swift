import SitcenAlerts
import SitcenDomain
import SitcenMap
import SitcenText
import TermUI

/// Keys: whatever is on top takes them first (the too-small screen, a question, the silence
/// being drawn up, a prompt, the handover, the help); then the view's key table.
extension ConsoleApp {

    func handleKey(_ state: inout ConsoleState, _ key: Key) -> Command<ConsoleMsg> {
        // Nothing acts on what the officer cannot see: only quit works on the too-small screen.
        if state.tooSmall {
            switch key.latinLayout ?? key {
            case .char("q"), .ctrl("c"): return .quit
            default: return .none
            }
        }
        if var pending = state.confirm {
            switch pending.dialog.handle(key) {
            case .confirmed:
                state.confirm = nil
                return confirmed(&state, pending.action)
            case .cancelled: state.confirm = nil
            case .none: state.confirm = pending
            }
            return .none
        }
        if state.prompt != nil { return promptKey(&state, key) }
        if var draft = state.silenceDraft {
            switch draft.handle(key) {
            case .cancel: state.silenceDraft = nil
            case .none: state.silenceDraft = draft
            case .askDuration:
                state.silenceDraft = draft
                ask(&state, PendingTriage(kind: .silenceDuration, alerts: [draft.alert]),
                    prefix: state.strings.silenceHowLong2h, initial: "2h")
            }
            return .none
        }
        if state.handover != nil { return pagerKey(&state, key, help: false) }
        if state.help != nil { return pagerKey(&state, key, help: true) }
        state.flash = nil
        guard let action = keys.action(for: key, context: context(state)) else { return .none }
        return perform(&state, action)
    }

    /// The key-table context: the focused pane's (alerts, the map, trends, silences).
    func context(_ state: ConsoleState) -> String? {
        if state.openAlert != nil { return "alerts" }
        if state.drilledIn { return nil }
        switch state.focus {
        case .map: return MapKeys.context
        case .alerts: return "alerts"
        case .silences: return "silences"
        default: return state.view == .trends ? "trends" : nil
        }
    }

    func perform(_ state: inout ConsoleState, _ action: ConsoleAction) -> Command<ConsoleMsg> {
        switch action {
        case .ack: return triage(&state, .acknowledge)
        case .take: return triage(&state, .take)
        case .assign: return askTriage(&state, .assign, prefix: state.strings.assign)
        case .note: return askTriage(&state, .note, prefix: state.strings.note)
        case .resolve:
            return askTriage(&state, .resolve, prefix: state.strings.resolveTRuePositive)
        case .silence: return draftSilence(&state)
        case .mark:
            if state.openAlert == nil, let id = state.alertsTable.selected {
                if state.marked.contains(id) { state.marked.remove(id) } else { state.marked.insert(id) }
                state.alertsTable.move(by: 1)
                markSeen(&state)
            }
            return loadAlertDetail(state)
        case .showOnMap: return showOnMap(&state)
        case .jumpToBanner:
            guard let banner = state.criticalBanner else {
                state.flash = state.strings.noCriticalAlertWaiting
                return .none
            }
            return openAlert(&state, banner.id)
        case .expireSilence: return askExpireSilence(&state)
        case .map(let a):
            if a == .fitSector { return fitMap(&state) }
            state.map.perform(a, data: state.mapData)
            return .none
        case .view(let v):
            switchView(&state, v)
            return viewOpened(state, v)
        case .nextPane, .previousPane:
            let panes = state.panes
            let i = panes.firstIndex(of: state.focus) ?? 0
            state.focus = panes[(i + (action == .nextPane ? 1 : panes.count - 1)) % panes.count]
            state.detailsScroll = 0
            if state.focus == .alerts { markSeen(&state); return loadAlertDetail(state) }
            return .none
        case .down, .up, .pageDown, .pageUp, .top, .bottom:
            return move(&state, action)
        case .drillIn:
            return drillIn(&state)
        case .back:
            if state.openAlert != nil { state.openAlert = nil; return loadAlertDetail(state) }
            if state.drilledIn { state.drilledIn = false; state.mapPick = nil } else if state.view != .overview { switchView(&state, .overview) }
            return .none
        case .filter:
            openPrompt(&state, "/", initial: "")
            return .none
        case .command:
            openPrompt(&state, ":", initial: "")
            return .none
        case .clearFilters:
            guard !state.filters.isEmpty else { return .none }
            state.filters = Filters()
            state.searching = true
            applyAlertFilters(&state)
            return .batch([reload(&state), state.view == .trends ? refreshTrends(state) : .none])
        case .help:
            state.help = Pager(.help)
            return .none
        case .quit:
            return .quit
        case .interrupt:
            askQuit(&state)
            return .none
        case .toggleWeekly:
            state.trendsPeriod = state.trendsPeriod.next
            return .none
        }
    }

    /// What a view loads when it opens.
    func viewOpened(_ state: ConsoleState, _ v: ConsoleView) -> Command<ConsoleMsg> {
        switch v {
        case .trends: return .batch([refreshTrends(state), refreshForecasts(state)])
        case .silences: return refreshSilences(state)
        case .quality: return refreshQuality(state)
        default: return .none
        }
    }

    func switchView(_ state: inout ConsoleState, _ v: ConsoleView) {
        if v != .map && v != .overview && state.mapAlert != nil { state.mapAlert = nil; rebuildMapAlerts(&state) }
        state.view = v
        state.drilledIn = false
        state.openAlert = nil
        state.mapPick = nil
        if !state.panes.contains(state.focus) { state.focus = state.panes[0] }
    }

    func drillIn(_ state: inout ConsoleState) -> Command<ConsoleMsg> {
        if state.openAlert != nil { return .none }
        switch state.focus {
        case .map:
            guard let geo = state.geo else { return .none }
            state.mapPick = MapRenderer(geo: geo).nearest(to: state.map.crosshair, viewport: state.map.viewport,
                                                           layers: state.map.layers, data: state.mapData)
            state.detailsScroll = 0
            // An alert on the map opens as alerts do; anything else in the details, full screen
            // where the view has no details pane.
            if case .alert(let id)? = state.mapPick, let n = Int64(id) { state.mapPick = nil; return openAlert(&state, n) }
            if state.mapPick != nil { state.detailsFor = .map }
            if state.mapPick != nil && !state.panes.contains(.details) { state.drilledIn = true }
            return .none
        case .reports, .details:
            if state.selectedReport != nil { state.drilledIn = true; state.detailsScroll = 0 }
            return .none
        case .alerts:
            guard let id = state.alertsTable.selected else { return .none }
            return openAlert(&state, id)
        case .posts:
            // Enter on a post: its reports.
            guard let code = state.postsTable.selected else { return .none }
            state.filters.post = code
            switchView(&state, .reports)
            state.focus = .reports
            applyAlertFilters(&state)
            return reload(&state)
        case .quality:
            // A post's figures and its outlier seizures, full screen.
            if state.qualityTable.selected != nil { state.drilledIn = true; state.detailsScroll = 0 }
            return .none
        case .trends, .silences:
            return .none
        }
    }

    /// The alert full screen: its reports, history, notes and rule; the triage keys act on it.
    func openAlert(_ state: inout ConsoleState, _ id: Int64) -> Command<ConsoleMsg> {
        state.openAlert = id
        state.drilledIn = false
        state.detailsScroll = 0
        if let a = state.allAlerts.first(where: { $0.id == id }) { state.seenAlerts[id] = a.lastEvent }
        if state.alerts.contains(where: { $0.id == id }) { state.alertsTable.select(id) }
        return loadAlertDetail(state)
    }

    /// The selected alert counts as seen (its "new" or "changed" mark goes).
    func markSeen(_ state: inout ConsoleState) {
        guard let a = state.selectedAlert else { return }
        state.seenAlerts[a.id] = a.lastEvent
    }

    func askQuit(_ state: inout ConsoleState) {
        let s = state.strings
        state.confirm = PendingConfirm(dialog: ConfirmDialog(title: s.quitTitle, message: s.quitMessage, confirmLabel: s.yes, cancelLabel: s.no, selected: 1),
                                       action: .quit)
    }

    func confirmed(_ state: inout ConsoleState, _ action: PendingConfirm.Action) -> Command<ConsoleMsg> {
        switch action {
        case .quit: return .quit
        case .expireSilence(let id): return expireSilence(&state, id)
        }
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
        if state.drilledIn || state.openAlert != nil || state.focus == .details {
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
            markSeen(&state)
            return loadAlertDetail(state)
        case .silences:
            apply(&state.silencesTable)
        case .quality:
            apply(&state.qualityTable)
        default:
            break
        }
        return .none
    }

    // MARK: the help and the handover

    func pagerKey(_ state: inout ConsoleState, _ key: Key, help: Bool) -> Command<ConsoleMsg> {
        guard var pager = help ? state.help : state.handover else { return .none }
        let (lines, height) = pagerLines(state, pager)
        let outcome = pager.handle(key, lines: lines, height: height)
        if help { state.help = pager } else { state.handover = pager }
        switch outcome {
        case .none: break
        case .close: if help { state.help = nil } else { state.handover = nil }
        case .askSearch: openPrompt(&state, "/", initial: "")
        case .askQuit:
            if help { state.help = nil } else { state.handover = nil }
            askQuit(&state)
        }
        return .none
    }

    /// The pager's lines as drawn, and the rows it shows.
    func pagerLines(_ state: ConsoleState, _ pager: Pager) -> ([String], Int) {
        switch pager.content {
        case .help:
            let table = keysByLanguage[state.strings.language] ?? keys
            let overlay = HelpOverlay(table)
            return (overlay.plainLines(), max(1, state.size.height - 6))
        case .text(let text):
            return (Wrap.lines(text, width: max(1, state.size.width - 2)), max(1, state.size.height - 5))
        }
    }
}
