import SitcenConsoleData
import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenMap
import SitcenRules
import SitcenStore
import SitcenText
import TermUI

/// Triage from the console: the actions, their questions, silences, and the alert loads. An
/// action the officer may not take is refused at the key, before any question is asked.
extension ConsoleApp {

    static func reason(_ c: Character) -> ResolveReason? {
        switch KeyboardLayout.latin(c) ?? c {
        case "t": return .truePositive
        case "f": return .falsePositive
        case "d": return .duplicate
        case "e": return .expected
        case "o": return .other
        default: return nil
        }
    }

    /// The alerts an action applies to: the open alert (full screen), else the marked ones,
    /// else the selected one.
    func targets(_ state: ConsoleState) -> [Int64] {
        if let id = state.openAlert { return [id] }
        if !state.marked.isEmpty { return state.alerts.map(\.id).filter { state.marked.contains($0) } }
        return state.alertsTable.selected.map { [$0] } ?? []
    }

    /// Why the officer may not take `permission` on these alerts (nil: they may). A `blo`
    /// officer acts only on alerts whose reports are all in their sector.
    func refusal(_ state: ConsoleState, _ permission: Permission, _ ids: [Int64]) -> String? {
        let s = state.strings
        guard state.op.may(permission) else {
            return s.mayNot(role: state.op.role.rawValue, permission.rawValue)
        }
        if !state.op.scope.isEverything {
            // The same rule as the service's (`Operator.may(_:on:)`), asked before any input.
            let outside = ids.filter { id in
                guard let a = state.allAlerts.first(where: { $0.id == id }) ?? (state.alertDetail?.alert.id == id ? state.alertDetail?.alert : nil) else { return false }
                return !state.op.may(permission, on: a)
            }
            if !outside.isEmpty {
                return s.otherSectors(outside.map(String.init).joined(separator: ", "))
            }
        }
        return nil
    }

    static func permission(_ kind: PendingTriage.Kind) -> Permission {
        switch kind {
        case .assign: return .assign
        case .note: return .note
        case .resolve: return .resolve
        case .silenceDuration, .silenceReason: return .silence
        }
    }

    func askTriage(_ state: inout ConsoleState, _ kind: PendingTriage.Kind, prefix: String) -> Command<ConsoleMsg> {
        let ids = targets(state)
        guard state.followsAlerts, !ids.isEmpty else { state.flash = state.strings.noAlertSelected; return .none }
        if let why = refusal(state, ConsoleApp.permission(kind), ids) { state.flash = why; return .none }
        ask(&state, PendingTriage(kind: kind, alerts: ids), prefix: prefix)
        return .none
    }

    func submitTriage(_ state: inout ConsoleState, _ pending: PendingTriage, _ text: String) -> Command<ConsoleMsg> {
        let t = text.trimmingSpaces()
        let s = state.strings
        switch pending.kind {
        case .assign:
            guard !t.isEmpty else { return .none }
            return triage(&state, .assign(t), on: pending.alerts)
        case .note:
            guard !t.isEmpty else { return .none }
            return triage(&state, .note(t), on: pending.alerts)
        case .resolve:
            guard let c = t.first, let reason = ConsoleApp.reason(c) else {
                state.flash = s.resolveNeedsReasonT
                return .none
            }
            return triage(&state, .resolve(reason, note: nil), on: pending.alerts)
        case .silenceDuration:
            guard let seconds = DurationText.seconds(t), seconds > 0, seconds <= 90 * 86_400 else {
                // Asked again, saying what was wrong (the prompt is where the officer looks).
                ask(&state, pending, prefix: s.durationSuch2hMost, initial: t)
                return .none
            }
            state.silenceDraft?.seconds = seconds
            state.silenceDraft?.stage = .reason
            ask(&state, PendingTriage(kind: .silenceReason, alerts: pending.alerts),
                prefix: s.whyRequiredGoesAudit)
            return .none
        case .silenceReason:
            guard !t.isEmpty else {
                ask(&state, pending, prefix: s.silenceNeedsReasonWhy)
                return .none
            }
            guard let draft = state.silenceDraft, let seconds = draft.seconds else { return .none }
            state.silenceDraft = nil
            return triage(&state, .silence(matchers: draft.matchers, seconds: seconds, comment: t), on: [draft.alert])
        }
    }

    /// An action now, on the alerts it targets now.
    func triage(_ state: inout ConsoleState, _ action: TriageAction) -> Command<ConsoleMsg> {
        let ids = targets(state)
        guard state.followsAlerts, !ids.isEmpty else { state.flash = state.strings.noAlertSelected; return .none }
        let permission: Permission = action == .acknowledge ? .acknowledge : .take
        if let why = refusal(state, permission, ids) { state.flash = why; return .none }
        return triage(&state, action, on: ids)
    }

    func triage(_ state: inout ConsoleState, _ action: TriageAction, on ids: [Int64]) -> Command<ConsoleMsg> {
        state.marked = []
        let source = loaders.source
        let op = state.op
        let offset = state.offset
        return .task {
            var lines: [String] = []
            var ok = true
            for id in ids {
                do { lines.append(try source.triage(action, alert: id, by: op)) } catch let e as AlreadyHandled {
                    ok = false
                    lines.append(e.text(offset: offset))
                } catch {
                    ok = false
                    lines.append("alert \(id): \(error)")
                }
            }
            return .triaged(lines.count == 1 ? lines[0] : "\(lines.count) alerts: " + lines.joined(separator: "; "), ok: ok)
        }
    }

    // MARK: silences

    /// `s`: the silence is drawn up from the alert, its matchers shown before anything is asked.
    func draftSilence(_ state: inout ConsoleState) -> Command<ConsoleMsg> {
        let ids = targets(state)
        guard state.followsAlerts, let id = ids.first else { state.flash = state.strings.noAlertSelected; return .none }
        if let why = refusal(state, .silence, [id]) { state.flash = why; return .none }
        guard let a = state.allAlerts.first(where: { $0.id == id }) ?? (state.alertDetail?.alert.id == id ? state.alertDetail?.alert : nil) else {
            return .none
        }
        state.silenceDraft = SilenceDraft(a)
        return .none
    }

    func askExpireSilence(_ state: inout ConsoleState) -> Command<ConsoleMsg> {
        guard state.focus == .silences, let id = state.silencesTable.selected,
              let rec = state.silences.first(where: { $0.silence.id == id }) else { return .none }
        let officer = state.op
        guard officer.may(Permission.manageSilences) || (officer.may(Permission.silence) && rec.silence.author == officer.name) else {
            state.flash = state.strings.onlySupervisorEndsAnother
            return .none
        }
        let s = state.strings
        let what = rec.silence.matchers.map(\.description).joined(separator: ", ")
        state.confirm = PendingConfirm(dialog: ConfirmDialog(title: s.endSilence,
                                                             message: TextSafety.terminal(what), confirmLabel: s.yes, cancelLabel: s.no, selected: 1),
                                       action: .expireSilence(id))
        return .none
    }

    func expireSilence(_ state: inout ConsoleState, _ id: String) -> Command<ConsoleMsg> {
        let source = loaders.source
        let op = state.op
        return .task {
            do { return .triaged(try source.expireSilence(id, by: op), ok: true) } catch { return .triaged("\(error)", ok: false) }
        }
    }

    // MARK: the map

    /// `m`: the alert's reports on the map, fitted, highlighted.
    func showOnMap(_ state: inout ConsoleState) -> Command<ConsoleMsg> {
        guard let id = state.openAlert ?? state.alertsTable.selected else { return .none }
        guard state.geo != nil else { state.flash = state.strings.mapNotLoaded; return .none }
        state.mapAlert = id
        switchView(&state, .map)
        state.focus = .map
        rebuildMapAlerts(&state)
        fitAlert(&state)
        return loadAlertDetail(state)
    }

    /// `f`: the alert shown on the map, else the filtered sector (or post's sector), else the
    /// officer's, else the sector of the post nearest the crosshair.
    func fitMap(_ state: inout ConsoleState) -> Command<ConsoleMsg> {
        if state.mapAlert != nil, fitAlert(&state) { return .none }
        state.map.sector = state.filters.sector ?? state.filters.post.flatMap { registry.post($0)?.sector } ?? state.op.scope.sector
        state.map.perform(.fitSector, data: state.mapData)
        return .none
    }

    @discardableResult
    func fitAlert(_ state: inout ConsoleState) -> Bool {
        let points = state.mapData.alerts.filter { $0.id == state.mapAlert.map(String.init) }.map { GeoPoint(lon: $0.lon, lat: $0.lat) }
        guard !points.isEmpty else { return false }
        state.map.viewport = .fit(points, size: state.map.viewport.size)
        return true
    }

    // MARK: loads

    func refreshAlerts(_ state: ConsoleState) -> Command<ConsoleMsg> {
        guard state.followsAlerts else { return .none }
        let source = loaders.source
        let op = state.op
        return .task {
            do { return .alerts(try source.alerts(for: op)) } catch { return .failed("\(error)") }
        }
    }

    func refreshSilences(_ state: ConsoleState) -> Command<ConsoleMsg> {
        guard state.followsAlerts else { return .none }
        let source = loaders.source
        let op = state.op
        return .task {
            do { return .silences(try source.silences(for: op)) } catch { return nil }
        }
    }

    /// The details of the open alert, else of the selected one.
    func loadAlertDetail(_ state: ConsoleState) -> Command<ConsoleMsg> {
        let onMap = state.view == .map ? state.mapAlert : nil
        guard state.followsAlerts, let id = state.openAlert ?? onMap ?? state.alertsTable.selected else { return .none }
        let source = loaders.source
        let op = state.op
        return .task { .alertDetail(try? source.alertDetail(id, for: op)) }
    }
}
