import SitcenAlerts
import SitcenDomain
import SitcenText
import TermUI

/// The one-line prompts: `/` (a filter, or a search in the help and the handover), `:`
/// commands (Tab completes), and the triage questions. Text typed here is taken exactly as
/// typed, in any keyboard layout.
extension ConsoleApp {

    /// Opens a prompt. `/` and `:` open empty (↑ brings back earlier entries).
    func openPrompt(_ state: inout ConsoleState, _ prefix: String, initial: String) {
        var p = Prompt(prefix: prefix, history: state.promptHistory[prefix] ?? [])
        p.begin(initial)
        state.prompt = p
    }

    /// A triage question: the alerts it acts on are fixed now.
    func ask(_ state: inout ConsoleState, _ pending: PendingTriage, prefix: String, initial: String = "") {
        openPrompt(&state, prefix, initial: initial)
        state.pendingTriage = pending
    }

    func promptKey(_ state: inout ConsoleState, _ key: Key) -> Command<ConsoleMsg> {
        guard var prompt = state.prompt else { return .none }
        // Resolve takes one letter: t, f, d, e or o, and is done.
        if let pending = state.pendingTriage, pending.kind == .resolve, prompt.value.isEmpty,
           case .char(let c) = key, let reason = ConsoleApp.reason(c) {
            state.prompt = nil
            state.pendingTriage = nil
            return triage(&state, .resolve(reason, note: nil), on: pending.alerts)
        }
        let outcome = prompt.handle(key)
        state.prompt = prompt
        switch outcome {
        case .editing:
            return .none
        case .complete:
            if prompt.prefix == ":" && state.pendingTriage == nil {
                let (text, note) = CommandCompletion.complete(prompt.value, registry: registry)
                state.prompt?.replace(text)
                state.flash = note
            }
            return .none
        case .cancelled:
            state.prompt = nil
            if let pending = state.pendingTriage, pending.kind == .silenceDuration || pending.kind == .silenceReason {
                state.silenceDraft = nil
            }
            state.pendingTriage = nil
            return .none
        case .submitted(let text):
            state.prompt = nil
            if let pending = state.pendingTriage {
                state.pendingTriage = nil
                return submitTriage(&state, pending, text)
            }
            let kind = prompt.prefix
            if !text.isEmpty { state.promptHistory[kind, default: []].append(text) }
            if kind == "/" {
                if var pager = state.help ?? state.handover {
                    let (lines, height) = pagerLines(state, pager)
                    pager.find(text, lines: lines, height: height)
                    state.flash = pager.note
                    if state.help != nil { state.help = pager } else { state.handover = pager }
                    return .none
                }
                return applyText(&state, text)
            }
            return runCommand(&state, text)
        }
    }

    func applyText(_ state: inout ConsoleState, _ text: String) -> Command<ConsoleMsg> {
        let t = text.trimmingSpaces()
        state.filters.text = t.isEmpty ? nil : t
        state.searching = true
        return filtersChanged(&state)
    }

    /// Everything that follows the filters loads again.
    func filtersChanged(_ state: inout ConsoleState) -> Command<ConsoleMsg> {
        applyAlertFilters(&state)
        state.postsTable.sync(ConsoleFilter.posts(state).map(\.post.code))
        state.silencesTable.sync(ConsoleFilter.silences(state).map(\.silence.id))
        let reloads = reload(&state)
        return .batch([reloads, state.view == .trends ? .batch([refreshTrends(state), refreshForecasts(state)]) : .none,
                       state.view == .quality ? refreshQuality(state) : .none])
    }

    func runCommand(_ state: inout ConsoleState, _ line: String) -> Command<ConsoleMsg> {
        switch ConsoleCommand.parse(line, registry: registry) {
        case .failure(let error):
            state.flash = error.description
            return .none
        case .success(let command):
            switch command {
            case .filter(let change):
                if state.op.role == .blo, let sector = state.op.sector {
                    var outside = false
                    if case .sector(let s?) = change, s != sector { outside = true }
                    if case .post(let p?) = change, registry.post(p)?.sector != sector { outside = true }
                    if outside {
                        state.flash = state.strings.bloCannotLeaveSector
                        return .none
                    }
                }
                change.apply(to: &state.filters)
                return filtersChanged(&state)
            case .clear:
                state.filters = Filters()
                return filtersChanged(&state)
            case .theme(let name):
                guard let theme = themes(name) else {
                    state.flash = "no theme \"\(name)\""
                    return .none
                }
                state.theme = theme
                state.themeName = name
                return .none
            case .help:
                state.help = Pager(.help)
                return .none
            case .quit:
                return .quit
            case .view(let v):
                switchView(&state, v)
                return viewOpened(state, v)
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
