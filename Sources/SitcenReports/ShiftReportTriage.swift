import SitcenAlerts
import SitcenDomain
import SitcenText

/// The shift's silences and notes: what the next shift must know was muted, by whom and why,
/// and what officers wrote on alerts.
extension ShiftReport {
    /// Silences that were in force during the shift, and notes written in it on alerts the
    /// officer may see (a `blo` gets neither notes on alerts that hold other sectors' reports nor
    /// silences: they are the centre's, and may name other sectors).
    mutating func addTriage(_ service: AlertService, officer: Operator) throws {
        let visible = try service.list(for: officer, state: .all, includeSilenced: true, limit: 100_000)
        let byID = Dictionary(visible.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        notes = try service.notes(from: from, to: to).compactMap { n in
            guard let a = byID[n.alert], !a.redacted else { return nil }
            return (a, n.note)
        }
        guard officer.scope.isEverything else { silences = []; return }
        silences = try service.silences(includeExpired: true).filter { rec in
            rec.silence.startsAt < to && rec.silence.endsAt > from
        }
    }

    /// The silences and notes sections, as text or Markdown.
    func triageSections(markdown: Bool, heading h: (String) -> String) -> String {
        var out = ""
        if !silences.isEmpty || followsAlerts {
            out += h("Silences")
            out += silences.isEmpty ? "None.\n" : ShiftReport.table(["matches", "from", "until", "by", "why", "ended"],
                silences.map { rec in
                    [TextSafety.terminal(rec.silence.matchers.map(\.description).joined(separator: ", ")), time(rec.silence.startsAt),
                     time(rec.silence.endsAt), TextSafety.terminal(rec.silence.author), TextSafety.terminal(rec.silence.comment).truncated(toWidth: 60),
                     rec.expiredBy.map { "by \(TextSafety.terminal($0))" } ?? (rec.silence.endsAt <= to ? "expired" : "")]
                }, right: [], markdown: markdown)
        }
        if !notes.isEmpty || followsAlerts {
            out += h("Notes on alerts")
            out += notes.isEmpty ? "None.\n" : ShiftReport.table(["at", "alert", "by", "note"],
                notes.map { a, n in
                    [time(n.at), "\(a.id) \(a.rule)", TextSafety.terminal(n.author), TextSafety.terminal(n.text).truncated(toWidth: 70)]
                }, right: [], markdown: markdown)
        }
        return out
    }
}
