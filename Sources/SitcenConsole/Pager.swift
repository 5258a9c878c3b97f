import SitcenText
import TermUI

/// A full-screen text over the console (the handover SITREP, the key help): a sub-state that
/// handles its own keys. It scrolls, and `/` searches it: matching lines are highlighted and
/// `n`/`N` jump to the next and previous match (here `/` is a search, not a filter).
public struct Pager: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case help
        case text(String)
    }
    public enum Outcome: Sendable, Equatable {
        case none, close, askSearch, askQuit
    }

    public var content: Content
    public var scroll = 0
    /// The text searched for (nil: no search).
    public var search: String?
    /// Said in the filter line after a search: "3 matches", "no match".
    public var note: String?

    public init(_ content: Content) { self.content = content }

    /// Handles a key. `lines` are the lines as shown (for search), `height` the rows shown.
    public mutating func handle(_ key: Key, lines: [String], height: Int) -> Outcome {
        let page = max(1, height - 1)
        let bottom = max(0, lines.count - height)
        note = nil
        switch key.latinLayout ?? key {
        case .escape, .char("q"), .char("?"), .function(1): return .close
        case .ctrl("c"): return .askQuit
        case .down, .char("j"): scroll = min(bottom, scroll + 1)
        case .up, .char("k"): scroll = max(0, scroll - 1)
        case .pageDown, .char(" "), .ctrl("f"): scroll = min(bottom, scroll + page)
        case .pageUp, .ctrl("b"): scroll = max(0, scroll - page)
        case .home, .char("g"): scroll = 0
        case .end, .char("G"): scroll = bottom
        case .char("/"): return .askSearch
        case .char("n"): jump(lines: lines, forward: true, bottom: bottom)
        case .char("N"): jump(lines: lines, forward: false, bottom: bottom)
        default: break
        }
        return .none
    }

    /// Starts a search: the first match at or after the top line.
    public mutating func find(_ text: String, lines: [String], height: Int) {
        let t = text.trimmingSpaces()
        search = t.isEmpty ? nil : t
        guard let needle = search.map(Fold.key) else { note = nil; return }
        let hits = lines.indices.filter { Fold.key(lines[$0]).contains(needle) }
        guard !hits.isEmpty else { note = "no match for \"\(t)\""; return }
        let bottom = max(0, lines.count - height)
        if let first = hits.first(where: { $0 >= scroll }) ?? hits.first { scroll = min(bottom, first) }
        note = "\(hits.count) match\(hits.count == 1 ? "" : "es"): n next, N previous"
    }

    private mutating func jump(lines: [String], forward: Bool, bottom: Int) {
        guard let needle = search.map(Fold.key) else { note = "/ to search first"; return }
        let hits = lines.indices.filter { Fold.key(lines[$0]).contains(needle) }
        guard !hits.isEmpty else { note = "no match"; return }
        let next = forward ? (hits.first { $0 > scroll } ?? hits[0]) : (hits.last { $0 < scroll } ?? hits[hits.count - 1])
        scroll = min(bottom, next)
        if let i = hits.firstIndex(of: next) { note = "match \(i + 1) of \(hits.count)" }
    }
}
