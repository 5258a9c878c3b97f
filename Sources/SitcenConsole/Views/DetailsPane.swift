import SitcenDomain
import SitcenFeed
import SitcenText
import TermUI

/// The whole selected record: every field as received, the extras, what the centre derived,
/// and where it came from.
enum DetailsPane {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect, focused: Bool) {
        let s = state.strings
        let inner = Block(title: s.details, focused: focused).render(into: &buf, area: area, theme: state.theme)
        guard let l = state.selectedReport else {
            TextPanel(s.nothingSelected, role: .dim).render(into: &buf, area: inner, theme: state.theme)
            return
        }
        DetailsPanel(fields(l, state: state), scroll: state.detailsScroll).render(into: &buf, area: inner, theme: state.theme)
    }

    static func fields(_ l: LoggedReport, state: ConsoleState) -> [DetailsPanel.Field] {
        let s = state.strings
        let r = l.report
        var out: [DetailsPanel.Field] = []
        if r.retracted { out.append(.init("", s.detailWithdrawn, role: .critical)) }
        if r.revision > 0 { out.append(.init("", s.detailCorrected.replacingOccurrences(of: "%d", with: String(r.revision)), role: .warning)) }
        if l.isLate() {
            let gap = ((r.reportedAt ?? l.receivedAt).millis - r.observedAt.millis) / 1000
            out.append(.init("", s.detailLate.replacingOccurrences(of: "%@", with: DurationText.format(seconds: gap)), role: .warning))
        }
        for (k, v) in ReportJSON.feedFields(r) {
            let text: String
            switch v {
            case .string(let str): text = str
            case .array(let items): text = items.map { if case .string(let x) = $0 { return x } else { return $0.serialized() } }.joined(separator: ", ")
            default: text = v.serialized()
            }
            let label = FeedField.known.contains(k) ? k : "+ \(k)"
            out.append(.init(label, text, role: FeedField.known.contains(k) ? .text : .accent))
        }
        if let c = l.substanceCanonical {
            let what = "\(c) (\(l.category?.rawValue ?? "unknown"))" + (l.substanceKnown ? "" : ", \(s.detailUnknown)")
            out.append(.init(s.detailSubstanceIs, what, role: l.substanceKnown ? .text : .warning))
        }
        if let kg = l.quantityKg { out.append(.init(s.detailKg, JSONText.number((kg * 1000).rounded() / 1000) + " kg")) }
        if let p = state.postName(r.post) { out.append(.init(s.detailPost, p)) }
        out.append(.init(s.detailSeq, String(l.seq), role: .dim))
        out.append(.init(s.detailReceived, l.receivedAt.rfc3339(offsetSeconds: state.offset), role: .dim))
        out.append(.init(s.detailSource, l.source, role: .dim))
        return out
    }
}

extension ConsoleState {
    /// "Khorgos (Хоргос), KZ, sector KZ-EAST"
    func postName(_ code: String) -> String? {
        guard let p = postsBoard.first(where: { $0.post.code == code })?.post else { return nil }
        let primary = strings.language == .ru ? p.nameRu : p.nameEn
        let other = strings.language == .ru ? p.nameEn : p.nameRu
        return "\(primary) (\(other)), \(p.country), \(strings.sector) \(p.sector)"
    }
}
