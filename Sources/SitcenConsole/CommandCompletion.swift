import SitcenDomain
import SitcenText
import TermUI

/// Tab in the `:` prompt: completes the command, then its value (post codes, sectors,
/// substances, categories, types, durations). One candidate: completed. Several: completed to
/// their common start, and listed in the filter line.
enum CommandCompletion {
    /// The completed text, and a note listing the candidates (nil when there is one or none).
    static func complete(_ text: String, registry: Registry, substances: SubstanceCatalog = .standard) -> (String, String?) {
        let trimmed = text.drop { $0 == " " }
        guard let space = trimmed.firstIndex(of: " ") else {
            let word = String(trimmed)
            let typed = KeyboardLayout.looksRussianLayout(word) ? KeyboardLayout.latin(word) : word
            return finish(prefix: "", word: typed.lowercased(), among: ConsoleCommand.verbs, addSpace: true)
        }
        let verb = String(trimmed[..<space]).lowercased()
        let arg = String(trimmed[trimmed.index(after: space)...]).trimmingSpaces()
        let values = candidates(for: KeyboardLayout.looksRussianLayout(verb) ? KeyboardLayout.latin(verb) : verb,
                                registry: registry, substances: substances)
        guard !values.isEmpty else { return (text, nil) }
        return finish(prefix: verb + " ", word: arg, among: values, addSpace: false)
    }

    static func candidates(for verb: String, registry: Registry, substances: SubstanceCatalog) -> [String] {
        switch verb {
        case "post": return registry.posts.map(\.code)
        case "sector": return registry.sectors.map(\.code)
        case "substance": return substances.substances.map(\.name)
        case "category", "cat": return SubstanceCategory.allCases.map(\.rawValue)
        case "type": return ReportType.allCases.map(\.rawValue)
        case "since", "handover", "sitrep": return ["1h", "6h", "12h", "24h", "3d", "7d", "30d"]
        case "lang", "language": return ["en", "ru"]
        case "theme": return ["dark", "light", "high-contrast", "monochrome"]
        default: return []
        }
    }

    /// Completes `word` among `candidates` (folded: case and script; a post's code also by
    /// its start).
    static func finish(prefix: String, word: String, among candidates: [String], addSpace: Bool) -> (String, String?) {
        let key = Fold.key(word)
        let hits = candidates.filter { Fold.key($0).hasPrefix(key) }
        guard !hits.isEmpty else {
            let near = Suggest.closest(word, among: candidates).map { "no match; did you mean \($0)?" } ?? "no match"
            return (prefix + word, near)
        }
        if hits.count == 1 { return (prefix + hits[0] + (addSpace ? " " : ""), nil) }
        var common = Array(hits[0])
        for h in hits.dropFirst() {
            let c = Array(h)
            var n = 0
            while n < common.count, n < c.count, String(common[n]).lowercased() == String(c[n]).lowercased() { n += 1 }
            common = Array(common.prefix(n))
        }
        let completed = common.count > word.count ? String(common) : word
        let shown = hits.prefix(8).joined(separator: " ") + (hits.count > 8 ? " … (\(hits.count))" : "")
        return (prefix + completed, shown)
    }
}
