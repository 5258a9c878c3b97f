import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenMap
import SitcenFeed
import SitcenText
import TermUI

/// The whole selected record: every field as received, the extras, what the centre derived,
/// and where it came from.
enum DetailsPane {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect, focused: Bool) {
        let s = state.strings
        let inner = Block(title: s.details, focused: focused).render(into: &buf, area: area, theme: state.theme)
        // The details follow the pane the officer works in: the alert queue (view 3, or the
        // overview's queue once focused), the map, else the reports.
        let shows: Pane = state.view == .alerts ? .alerts : state.view == .map ? .map : state.view == .quality ? .quality : state.detailsFor
        if shows == .quality {
            DetailsPanel(QualityPane.fields(state), scroll: state.detailsScroll).render(into: &buf, area: inner, theme: state.theme)
            return
        }
        if shows == .alerts {
            if let d = state.alertDetail, d.alert.id == state.alertsTable.selected {
                DetailsPanel(AlertView.fields(d, state: state), scroll: state.detailsScroll).render(into: &buf, area: inner, theme: state.theme)
            } else {
                TextPanel(s.nothingSelected, role: .dim).render(into: &buf, area: inner, theme: state.theme)
            }
            return
        }
        // What Enter picked on the map, while the map (or its details) has the focus.
        if shows == .map {
            guard let pick = state.mapPick else {
                TextPanel(state.strings.centreCrosshairSomethingPress, role: .dim)
                    .render(into: &buf, area: inner, theme: state.theme)
                return
            }
            DetailsPanel(mapFields(pick, state: state), scroll: state.detailsScroll).render(into: &buf, area: inner, theme: state.theme)
            return
        }
        guard let l = state.selectedReport else {
            TextPanel(s.nothingSelected, role: .dim).render(into: &buf, area: inner, theme: state.theme)
            return
        }
        DetailsPanel(fields(l, state: state), scroll: state.detailsScroll).render(into: &buf, area: inner, theme: state.theme)
    }

    static func mapFields(_ pick: MapItem, state: ConsoleState) -> [DetailsPanel.Field] {
        switch pick {
        case .seizure(let seq):
            if let l = state.mapReports.first(where: { $0.seq == seq }) { return fields(l, state: state) }
            // Older than the seizures kept in full: what the map knows of it.
            guard let p = state.mapPoints.first(where: { $0.seq == seq }) else { return [.init("", state.strings.nothingSelected, role: .dim)] }
            var out: [DetailsPanel.Field] = [
                .init(state.strings.colPost.lowercased(), state.postName(p.post) ?? p.post),
                .init(state.strings.detailCategory, p.category.rawValue, role: StyleRole("cat." + p.category.rawValue)),
                .init(state.strings.detailSeq, String(p.seq)),
            ]
            if let kg = p.kilograms { out.append(.init(state.strings.detailKg, JSONText.number((kg * 1000).rounded() / 1000) + " kg")) }
            if p.origin != nil || p.destination != nil { out.append(.init(state.strings.detailRoute, "\(p.origin ?? "?") → \(p.post) → \(p.destination ?? "?")")) }
            out.append(.init("", "sitcen reports show \(p.seq)", role: .dim))
            return out
        case .post(let code):
            guard let row = state.postsBoard.first(where: { $0.post.code == code }) else { return [.init(state.strings.postDetails, code)] }
            let p = row.post
            var out: [DetailsPanel.Field] = [
                .init(state.strings.postDetails, "\(p.code) — \(p.nameEn) (\(p.nameRu))"),
                .init(state.strings.detailCountry, "\(p.country) → \(p.neighbour.isEmpty ? "—" : p.neighbour)"),
                .init(state.strings.detailKind, p.kind.rawValue), .init(state.strings.sector, p.sector),
                .init(state.strings.detailPosition, String(format: "%.2f, %.2f", p.lat, p.lon)),
                .init(state.strings.colLastContact.lowercased(), row.lastContact.map { $0.rfc3339(offsetSeconds: state.offset) } ?? state.strings.never,
                      role: row.health == .silent ? .critical : .text),
                .init(state.strings.colReports24h, String(row.reports24h)),
            ]
            let seizures = state.mapReports.filter { $0.report.post == code }.prefix(5)
            for l in seizures {
                out.append(.init("", "\(ReportsPane.shortTime(l.report.observedAt, offset: state.offset)) \(l.report.substance ?? "") \(ReportsPane.quantity(l.report))"))
            }
            return out
        case .alert(let id): return [.init(state.strings.alertWord, id)]
        case .city(let name): return [.init(state.strings.detailCity, name)]
        case .country(let iso): return [.init(state.strings.detailCountry, iso)]
        }
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
