import SitcenDomain
import SitcenStore
import SitcenMap
import SitcenText
import TermUI

/// The region map pane: the basemap, posts coloured by health, seizures of the current filters,
/// routes; a crosshair in the middle for Enter.
enum MapPane {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect, focused: Bool) {
        let s = state.strings
        guard let geo = state.geo else {
            Placeholder.render(title: s.map, text: s.mapNotLoaded, state: state, into: &buf, area: area, focused: focused)
            return
        }
        let seizures = state.mapData.seizures.count
        var title = "\(s.map) — \(seizures) \(s.seizuresShown)"
        if let id = state.mapAlert { title += " · " + s.alertWord + " \(id)" }
        let inner = Block(title: title, note: focused ? "+ - hjkl 0 f  ⏎" : nil, focused: focused)
            .render(into: &buf, area: area, theme: state.theme)
        guard inner.width >= 10, inner.height >= 4 else { return }
        var renderer = MapRenderer(geo: geo)
        var map = state.map
        if map.viewport.size != inner.size { map.resize(inner.size) }
        _ = renderer.render(into: &buf, area: inner, viewport: map.viewport, layers: map.layers,
                            data: state.mapData, theme: state.theme, ascii: state.ascii)
        if focused {
            let c = map.crosshair
            buf.set(x: inner.x + c.x, y: inner.y + c.y, state.ascii ? "+" : "✛", style: state.theme[.accent].adding(.bold))
        }
        // The credit, in the pane's last line when there is room.
        if inner.height >= 12 && inner.width >= 40 {
            buf.put(MapLegend.credit.truncated(toWidth: inner.width), x: inner.x, y: inner.maxY - 1, style: state.theme[.dim])
        }
    }

    /// Map data for the state: posts (with health from the posts board; a BLO officer's own
    /// sector only), seizures and routes of the loaded window.
    static func data(_ state: ConsoleState, registry: Registry) -> MapData {
        MapData(posts: posts(state, registry: registry),
                seizures: state.mapPoints.compactMap { seizure($0, registry: registry) },
                routes: state.mapPoints.compactMap { $0.origin == nil && $0.destination == nil ? nil : MapRoute(origin: $0.origin, post: $0.post, destination: $0.destination) },
                alerts: alerts(state, registry: registry))
    }

    /// Open alerts (not muted) at their posts; the alert `m` showed at each of its reports.
    static func alerts(_ state: ConsoleState, registry: Registry) -> [MapAlert] {
        var out: [MapAlert] = []
        for a in state.alerts where !a.isInhibited && a.id != state.mapAlert {
            for p in a.posts.prefix(3) {
                guard let post = registry.post(p) else { continue }
                out.append(MapAlert(id: String(a.id), post: p, lat: post.lat, lon: post.lon))
            }
        }
        if let id = state.mapAlert {
            var seen = Set<String>()
            if let d = state.alertDetail, d.alert.id == id {
                for r in d.reports {
                    guard let lat = r.report.lat ?? registry.post(r.report.post)?.lat,
                          let lon = r.report.lon ?? registry.post(r.report.post)?.lon else { continue }
                    let key = "\(lat),\(lon)"
                    if seen.insert(key).inserted { out.append(MapAlert(id: String(id), post: r.report.post, lat: lat, lon: lon)) }
                }
            }
            let posts = (state.allAlerts.first { $0.id == id } ?? state.alertDetail?.alert)?.posts ?? []
            for p in posts {
                guard let post = registry.post(p), seen.insert("\(post.lat),\(post.lon)").inserted else { continue }
                out.append(MapAlert(id: String(id), post: p, lat: post.lat, lon: post.lon))
            }
        }
        return out
    }

    /// A map dot: where it was seized, else at its post.
    static func seizure(_ p: SeizurePoint, registry: Registry) -> MapSeizure? {
        guard let lat = p.lat ?? registry.post(p.post)?.lat, let lon = p.lon ?? registry.post(p.post)?.lon else { return nil }
        return MapSeizure(lat: lat, lon: lon, kg: p.kilograms ?? 0, category: p.category, seq: p.seq)
    }

    /// The posts to draw, with their health; a BLO officer's own sector only.
    static func posts(_ state: ConsoleState, registry: Registry) -> [MapPost] {
        var health: [String: PostHealth] = [:]
        for row in state.postsBoard {
            switch row.health {
            case .ok: health[row.post.code] = .ok
            case .late: health[row.post.code] = .late
            case .silent: health[row.post.code] = .silent
            }
        }
        let posts = registry.posts.filter { state.op.scope.sectorFilter == nil || $0.sector == state.op.scope.sectorFilter }
        return posts.map { MapPost($0, health: health[$0.code] ?? .unknown) }
    }
}
