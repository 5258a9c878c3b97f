import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenMap
import SitcenStore
import SitcenText
import TermUI

/// Triage from the console: the actions, their prompts, and the alert queue's loads.
extension ConsoleApp {

    static func reason(_ c: Character) -> ResolveReason? {
        switch c {
        case "t": return .truePositive
        case "f": return .falsePositive
        case "d": return .duplicate
        case "e": return .expected
        case "o": return .other
        default: return nil
        }
    }

    /// The alerts an action applies to: the marked ones, else the selected one.
    func targets(_ state: ConsoleState) -> [Int64] {
        if !state.marked.isEmpty { return state.alerts.map(\.id).filter { state.marked.contains($0) } }
        return state.alertsTable.selected.map { [$0] } ?? []
    }

    func askTriage(_ state: inout ConsoleState, _ pending: PendingTriage, prefix: String) -> Command<ConsoleMsg> {
        guard state.followsAlerts, !targets(state).isEmpty else { state.flash = state.strings.t("no alert selected", "тревога не выбрана"); return .none }
        var p = Prompt(prefix: prefix, history: state.promptHistory[prefix] ?? [])
        p.begin()
        state.prompt = p
        state.pendingTriage = pending
        return .none
    }

    func submitTriage(_ state: inout ConsoleState, _ pending: PendingTriage, _ text: String) -> Command<ConsoleMsg> {
        let t = text.trimmingSpaces()
        switch pending {
        case .assign:
            guard !t.isEmpty else { return .none }
            return triage(&state, .assign(t))
        case .note:
            guard !t.isEmpty else { return .none }
            return triage(&state, .note(t))
        case .resolve:
            guard let c = t.first, let reason = ConsoleApp.reason(c) else {
                state.flash = state.strings.t("a resolve needs a reason: t, f, d, e or o", "нужна причина: t, f, d, e или o")
                return .none
            }
            return triage(&state, .resolve(reason, note: nil))
        case .silence:
            guard let seconds = DurationText.seconds(t), seconds > 0 else {
                state.flash = state.strings.t("a silence needs a duration such as 2h", "нужен срок, например 2h")
                return .none
            }
            return triage(&state, .silence(seconds: seconds, comment: "from the console"))
        }
    }

    func triage(_ state: inout ConsoleState, _ action: TriageAction) -> Command<ConsoleMsg> {
        let ids = targets(state)
        guard state.followsAlerts, !ids.isEmpty else { state.flash = state.strings.t("no alert selected", "тревога не выбрана"); return .none }
        state.marked = []
        let source = loaders.source
        let op = state.op
        return .task {
            var lines: [String] = []
            var ok = true
            for id in ids {
                do { lines.append(try source.triage(action, alert: id, by: op)) } catch {
                    ok = false
                    lines.append("alert \(id): \(error)")
                }
            }
            return .triaged(lines.count == 1 ? lines[0] : "\(lines.count) alerts: " + lines.joined(separator: "; "), ok: ok)
        }
    }

    func refreshAlerts(_ state: ConsoleState) -> Command<ConsoleMsg> {
        guard state.followsAlerts else { return .none }
        let source = loaders.source
        let op = state.op
        return .task {
            do { return .alerts(try source.alerts(for: op)) } catch { return .failed("\(error)") }
        }
    }

    func loadAlertDetail(_ state: ConsoleState) -> Command<ConsoleMsg> {
        guard state.followsAlerts, let id = state.alertsTable.selected else { return .none }
        let source = loaders.source
        let op = state.op
        return .task { .alertDetail(try? source.alertDetail(id, for: op)) }
    }

}
