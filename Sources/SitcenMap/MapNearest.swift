import SitcenDomain

extension MapRenderer {
    /// The dot a post's symbol stands for: the dot that holds the post, or, when that dot's
    /// centre falls outside the post's own country (a post 2 km from the border, seen at a zoom
    /// where a dot is 20 km), the nearest dot within 4 whose centre lies inside it. So a symbol
    /// is never drawn on the wrong side of a border line.
    public static func postDot(_ post: MapPost, _ p: Projection, _ geo: GeoData) -> (x: Int, y: Int) {
        let d = p.dot(lon: post.lon, lat: post.lat)
        guard let country = geo.country(iso2: post.country) else { return d }
        func inside(_ x: Int, _ y: Int) -> Bool {
            let g = p.point(dotX: x, dotY: y)
            return geo.contains(country, lon: g.lon, lat: g.lat)
        }
        if inside(d.x, d.y) { return d }
        let fx = p.x(lon: post.lon), fy = p.y(lat: post.lat)
        var best: (x: Int, y: Int)? = nil, bestDist = Double.infinity
        for r in 1...4 {
            for dy in -r...r {
                for dx in -r...r where max(abs(dx), abs(dy)) == r {
                    let x = d.x + dx, y = d.y + dy
                    let ex = Double(x) + 0.5 - fx, ey = Double(y) + 0.5 - fy
                    let dist = ex * ex + ey * ey
                    if dist < bestDist, inside(x, y) { best = (x, y); bestDist = dist }
                }
            }
            if let best { return best }
        }
        return d
    }

    /// What Enter picks at `cell` (pane-relative; the console passes `MapState.crosshair`):
    /// an alert or post in that very cell first; else the nearest alert, post or seizure within
    /// `radius` columns (in dots: 2 per column, 4 per row, about square); else the nearest city
    /// shown at this zoom; else the country under the cell; else nil (open water, off the data).
    public func nearest(to cell: (x: Int, y: Int), viewport: Viewport, layers: MapLayers, data: MapData,
                        radius: Int = 3) -> MapItem? {
        let p = viewport.projection
        let cx = Double(cell.x * 2 + 1), cy = Double(cell.y * 4 + 2)
        let maxDist = Double(radius * 2)
        var best: MapItem? = nil, bestDist = Double.infinity, bestRank = -1
        // rank: 2 = alert, 1 = post, 0 = seizure; a higher rank wins within one dot of a tie.
        func offer(_ item: MapItem, _ x: Double, _ y: Double, rank: Int) {
            let d = ((x - cx) * (x - cx) + (y - cy) * (y - cy)).squareRoot()
            guard d <= maxDist else { return }
            if d < bestDist - 1 || (d <= bestDist + 1 && rank > bestRank) || (d < bestDist && rank == bestRank) {
                best = item; bestDist = d; bestRank = rank
            }
        }
        var postDots: [String: (x: Int, y: Int)] = [:]
        let alertPosts = Set(data.alerts.compactMap(\.post))
        for post in data.posts where layers.posts || (layers.alerts && alertPosts.contains(post.code)) {
            let d = MapRenderer.postDot(post, p, geo)
            postDots[post.code] = d
            // The same cell as the cursor: take it outright.
            if d.x >> 1 == cell.x && d.y >> 2 == cell.y {
                offer(.post(code: post.code), cx, cy, rank: alertPosts.contains(post.code) ? 2 : 1)
            } else {
                offer(.post(code: post.code), Double(d.x) + 0.5, Double(d.y) + 0.5, rank: 1)
            }
        }
        if layers.alerts {
            for a in data.alerts {
                if let code = a.post, let d = postDots[code] {
                    let here = d.x >> 1 == cell.x && d.y >> 2 == cell.y
                    offer(.alert(id: a.id), here ? cx : Double(d.x) + 0.5, here ? cy : Double(d.y) + 0.5, rank: here ? 3 : 2)
                } else {
                    offer(.alert(id: a.id), p.x(lon: a.lon), p.y(lat: a.lat), rank: 2)
                }
            }
        }
        if layers.seizures != .off {
            for s in data.seizures {
                offer(.seizure(seq: s.seq), p.x(lon: Double(s.lon)), p.y(lat: Double(s.lat)), rank: 0)
            }
        }
        if let best { return best }
        if layers.cities && layers.labels {
            let minPop = Overlay.cityThreshold(zoom: viewport.zoom, size: viewport.size)
            for c in geo.cities where c.population >= minPop || GeoData.capitals.contains(c.asciiName) {
                offer(.city(name: c.name), p.x(lon: c.lon), p.y(lat: c.lat), rank: 0)
            }
            if let best { return best }
        }
        let g = p.point(x: cx, y: cy)
        return geo.countryAt(lon: g.lon, lat: g.lat).map { .country(iso2: $0.iso2) }
    }
}
