import SitcenAlerts
import SitcenDomain
import SitcenText

/// How the active filters apply to each pane. Reports and the map follow all of them; the
/// alert queue, the posts board and the trends follow those that mean something for what they
/// show, and say plainly which ones they do not follow.
enum ConsoleFilter {
    /// The filters a pane does not follow (their names: `since`, `substance`…).
    static func ignored(by pane: Pane, _ f: Filters) -> [String] {
        let follows: Set<String>
        switch pane {
        case .reports, .map, .details: return []
        case .alerts: follows = ["since", "post", "sector", "/"]
        case .posts: follows = ["post", "sector", "/"]
        case .trends: follows = ["post", "sector", "substance", "category", "type"]
        case .silences: follows = ["post", "sector", "/"]
        case .quality: follows = ["post", "sector", "/"]
        }
        return f.active.filter { !follows.contains($0) }
    }

    /// "not filtered by substance, category", or nil when the pane follows every active filter.
    static func note(_ pane: Pane, _ state: ConsoleState) -> String? {
        let ignored = ignored(by: pane, state.filters)
        guard !ignored.isEmpty else { return nil }
        return state.strings.notFiltered + ignored.joined(separator: ", ")
    }

    /// The alert queue as shown: post and sector (an alert holding a report of them), since (its
    /// last report), and text (rule, description, labels, posts).
    static func alerts(_ state: ConsoleState) -> [AlertSummary] {
        let f = state.filters
        guard f.post != nil || f.sector != nil || f.sinceSeconds != nil || f.text != nil else { return state.allAlerts }
        let registry = state.registryPosts
        let needle = f.text.map { Fold.key($0) }
        let since = f.sinceSeconds.map { state.now.adding(seconds: -$0).millis }
        return state.allAlerts.filter { a in
            if let p = f.post, !a.posts.contains(p) { return false }
            if let s = f.sector, a.sector != s, !a.posts.contains(where: { registry[$0] == s }) { return false }
            if let since, a.lastAt.millis < since { return false }
            if let needle {
                let hay = ([a.rule, a.description] + a.labels.map(\.value) + a.posts).map(Fold.key)
                if !hay.contains(where: { $0.contains(needle) }) { return false }
            }
            return true
        }
    }

    /// The posts board as shown: post, sector and text (code, names).
    static func posts(_ state: ConsoleState) -> [PostRow] {
        let f = state.filters
        let needle = f.text.map { Fold.key($0) }
        return state.postsBoard.filter { row in
            if let p = f.post, row.post.code != p { return false }
            if let s = f.sector, row.post.sector != s { return false }
            if let needle, !Fold.key("\(row.post.code) \(row.post.nameEn) \(row.post.nameRu) \(row.post.sector)").contains(needle) { return false }
            return true
        }
    }

    /// Silences that could match alerts of the filtered post or sector, or hold the text.
    static func silences(_ state: ConsoleState) -> [SilenceRecord] {
        let f = state.filters
        guard f.post != nil || f.sector != nil || f.text != nil else { return state.silences }
        let needle = f.text.map { Fold.key($0) }
        return state.silences.filter { rec in
            let m = rec.silence.matchers
            func allows(_ label: String, _ value: String) -> Bool {
                m.filter { $0.label == label }.allSatisfy { $0.matches([label: value]) }
            }
            if let p = f.post, !allows("post", p) { return false }
            if let s = f.sector, !allows("sector", s) { return false }
            if let needle {
                let hay = Fold.key(m.map(\.description).joined(separator: " ") + " " + rec.silence.comment + " " + rec.silence.author)
                if !hay.contains(needle) { return false }
            }
            return true
        }
    }
}

extension ConsoleState {
    /// Post code → sector, from the posts board (every post the operator may see).
    var registryPosts: [String: String] {
        var m: [String: String] = [:]
        for row in postsBoard { m[row.post.code] = row.post.sector }
        return m
    }
}
