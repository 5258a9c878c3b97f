import Foundation

/// A longitude/latitude pair in degrees.
public struct GeoPoint: Hashable, Sendable {
    public var lon: Double
    public var lat: Double
    public init(lon: Double, lat: Double) { self.lon = lon; self.lat = lat }
}

/// A longitude/latitude box.
public struct GeoBox: Hashable, Sendable {
    public var minLon: Double, minLat: Double, maxLon: Double, maxLat: Double
    public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        self.minLon = minLon; self.minLat = minLat; self.maxLon = maxLon; self.maxLat = maxLat
    }
    public static let empty = GeoBox(minLon: .infinity, minLat: .infinity, maxLon: -.infinity, maxLat: -.infinity)
    /// The region every basemap file covers: lon 44..92 E, lat 27..56 N.
    public static let region = GeoBox(minLon: 44, minLat: 27, maxLon: 92, maxLat: 56)

    public var isEmpty: Bool { minLon > maxLon || minLat > maxLat }
    public var center: GeoPoint { GeoPoint(lon: (minLon + maxLon) / 2, lat: (minLat + maxLat) / 2) }
    @inline(__always) public func contains(lon: Double, lat: Double) -> Bool {
        lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat
    }
    public func intersects(_ o: GeoBox) -> Bool {
        !(o.minLon > maxLon || o.maxLon < minLon || o.minLat > maxLat || o.maxLat < minLat)
    }
    mutating func add(lon: Double, lat: Double) {
        minLon = min(minLon, lon); maxLon = max(maxLon, lon); minLat = min(minLat, lat); maxLat = max(maxLat, lat)
    }
}

/// One country or lake: a range of rings in `GeoData.rings` (outer rings and holes alike;
/// point-in-polygon uses the even-odd rule over all of them, which is exact for holes).
public struct GeoFeature: Sendable {
    public enum Kind: Sendable { case country, water }
    public var kind: Kind
    /// English name as Natural Earth spells it.
    public var name: String
    /// ISO 3166-1 alpha-2 (empty for lakes and for Siachen Glacier).
    public var iso2: String
    /// Natural Earth's ADM0_A3 (empty for lakes).
    public var a3: String
    public var rings: Range<Int>
    public var box: GeoBox
    /// A representative point inside the feature (area centroid of its largest polygon when
    /// that lies inside, else the middle of the widest span through it): where its label and
    /// the ends of route lines go.
    public var anchor: GeoPoint
    /// One of four fill colours; neighbours never share one.
    public var colorIndex: Int
}

/// A populated place from GeoNames.
public struct GeoCity: Sendable {
    public var name: String
    public var asciiName: String
    public var country: String
    public var lat: Double
    public var lon: Double
    public var population: Int
}

/// Rings of every feature in flat arrays: ring `r` is points `start[r]..<start[r + 1]`.
public struct GeoRings: Sendable {
    public internal(set) var lon: [Double] = []
    public internal(set) var lat: [Double] = []
    public internal(set) var start: [Int] = [0]
    public internal(set) var box: [GeoBox] = []
    /// True where the segment ending at a point runs along the edge of the region box: an
    /// edge the clipping made, not a border, so it is never drawn.
    public internal(set) var clipEdge: [Bool] = []
    public var count: Int { box.count }
    public func points(_ r: Int) -> Range<Int> { start[r]..<start[r + 1] }
}

/// A loader error: which file, what is wrong, what to do.
public struct GeoDataError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var problem: String
    public var description: String {
        "map data: \(file): \(problem). The map needs the three basemap files of SampleData/geo " +
        "(\(GeoData.files.joined(separator: ", "))); reinstall them or point SITCEN_DATA_DIR at a folder holding geo/."
    }
}

/// The basemap: countries, lakes and the Caspian, and cities, in a compact form.
public struct GeoData: Sendable {
    public static let countriesFile = "central-asia-countries-50m.geojson"
    public static let lakesFile = "central-asia-lakes-50m.geojson"
    public static let citiesFile = "central-asia-cities.csv"
    public static let files = [countriesFile, lakesFile, citiesFile]

    public internal(set) var rings = GeoRings()
    public internal(set) var countries: [GeoFeature] = []
    public internal(set) var waters: [GeoFeature] = []
    /// Sorted by population, largest first.
    public internal(set) var cities: [GeoCity] = []
    /// Indices into `cities` in label order: the capitals of the region first, then by population.
    public internal(set) var cityPriority: [Int] = []
    /// How many of `cityPriority` are capitals (shown at every zoom).
    public internal(set) var capitalCount = 0
    static let capitals: Set<String> = ["Astana", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat", "Kabul"]
    var countryIndex: [String: Int] = [:]

    /// Loads the three files from `directory` (e.g. `SampleData/geo`).
    public static func load(directory: String) throws -> GeoData {
        func read(_ name: String) throws -> [UInt8] {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let d = FileManager.default.contents(atPath: path) else {
                let exists = FileManager.default.fileExists(atPath: path)
                throw GeoDataError(file: path, problem: exists ? "cannot be read (check its permissions)" : "is missing")
            }
            return [UInt8](d)
        }
        let c = try read(countriesFile), l = try read(lakesFile), t = try read(citiesFile)
        return try GeoData(countries: c, lakes: l, cities: t, source: directory)
    }

    /// Builds the basemap from the files' bytes.
    public init(countries: [UInt8], lakes: [UInt8], cities: [UInt8], source: String = "geo") throws {
        try add(geojson: countries, kind: .country, file: source + "/" + Self.countriesFile)
        try add(geojson: lakes, kind: .water, file: source + "/" + Self.lakesFile)
        self.cities = try CityCSV.parse(cities, file: source + "/" + Self.citiesFile)
        let capitals = self.cities.indices.filter { Self.capitals.contains(self.cities[$0].asciiName) }
        cityPriority = capitals + self.cities.indices.filter { !Self.capitals.contains(self.cities[$0].asciiName) }
        capitalCount = capitals.count
        for (i, f) in self.countries.enumerated() where !f.iso2.isEmpty { countryIndex[f.iso2] = i }
        assignColors()
    }

    private mutating func add(geojson bytes: [UInt8], kind: GeoFeature.Kind, file: String) throws {
        var reader = GeoJSONReader(bytes: bytes)
        do { try reader.parse() } catch let e as GeoJSONReader.Failure {
            throw GeoDataError(file: file, problem: "is not valid GeoJSON (\(e.message) at byte \(e.offset))")
        }
        guard !reader.features.isEmpty else { throw GeoDataError(file: file, problem: "holds no features") }
        let ringBase = rings.count
        var pointStart = 0
        for end in reader.ringEnds {
            var box = GeoBox.empty
            let region = GeoBox.region
            for p in pointStart..<end {
                let x = reader.lon[p], y = reader.lat[p]
                let q = p == pointStart ? end - 1 : p - 1
                let px = reader.lon[q], py = reader.lat[q]
                rings.clipEdge.append((x == px && (x == region.minLon || x == region.maxLon))
                                      || (y == py && (y == region.minLat || y == region.maxLat)))
                rings.lon.append(x); rings.lat.append(y)
                box.add(lon: x, lat: y)
            }
            rings.start.append(rings.lon.count)
            rings.box.append(box)
            pointStart = end
        }
        for f in reader.features {
            let range = (ringBase + f.rings.lowerBound)..<(ringBase + f.rings.upperBound)
            guard !range.isEmpty else { continue }
            var box = GeoBox.empty
            for r in range { let b = rings.box[r]; box.add(lon: b.minLon, lat: b.minLat); box.add(lon: b.maxLon, lat: b.maxLat) }
            let a3 = f.properties["ADM0_A3"] ?? ""
            var feature = GeoFeature(kind: kind, name: f.properties["NAME"] ?? a3, iso2: CountryNames.iso2(a3: a3),
                                     a3: a3, rings: range, box: box, anchor: box.center, colorIndex: kind == .country ? -1 : 0)
            feature.anchor = representativePoint(feature, polygonRingCounts: f.polygonRingCounts)
            if kind == .country { countries.append(feature) } else { waters.append(feature) }
        }
    }

    // MARK: queries

    /// The country with ISO-2 `code`, if the basemap has it.
    public func country(iso2 code: String) -> GeoFeature? { countryIndex[code.uppercased()].map { countries[$0] } }

    /// Even-odd point-in-polygon over every ring of `feature` (holes included).
    public func contains(_ feature: GeoFeature, lon x: Double, lat y: Double) -> Bool {
        guard feature.box.contains(lon: x, lat: y) else { return false }
        var inside = false
        for r in feature.rings where rings.box[r].contains(lon: x, lat: y) {
            let pts = rings.points(r)
            var j = pts.upperBound - 1
            for k in pts {
                let yk = rings.lat[k], yj = rings.lat[j]
                if (yk > y) != (yj > y) {
                    let xk = rings.lon[k], xj = rings.lon[j]
                    if x < (xj - xk) * (y - yk) / (yj - yk) + xk { inside.toggle() }
                }
                j = k
            }
        }
        return inside
    }

    /// The country at a point (nil over water or outside the data).
    public func countryAt(lon: Double, lat: Double) -> GeoFeature? {
        countries.first { !$0.iso2.isEmpty && contains($0, lon: lon, lat: lat) }
    }

    /// Where route lines start or end for a country: its anchor, or a fixed point for countries
    /// beyond the basemap (so a route to Belarus still leaves the map towards the north-west).
    public func routePoint(iso2 code: String) -> GeoPoint? {
        if let f = country(iso2: code) { return f.anchor }
        return CountryNames.farAnchors[code.uppercased()]
    }

    // MARK: building

    private func representativePoint(_ f: GeoFeature, polygonRingCounts counts: [Int]) -> GeoPoint {
        // The outer ring with the largest area.
        var best = f.rings.lowerBound, bestArea = -1.0, r = f.rings.lowerBound
        for n in counts.isEmpty ? [f.rings.count] : counts {
            let a = abs(signedArea(r).area)
            if a > bestArea { bestArea = a; best = r }
            r += n
        }
        let (area, cx, cy) = signedArea(best)
        if area != 0, contains(f, lon: cx, lat: cy) { return GeoPoint(lon: cx, lat: cy) }
        // The middle of the widest interior span along the ring box's middle latitude.
        let box = rings.box[best]
        let y = (box.minLat + box.maxLat) / 2 + 1e-7
        var xs: [Double] = []
        for rr in f.rings {
            let pts = rings.points(rr)
            var j = pts.upperBound - 1
            for k in pts {
                let yk = rings.lat[k], yj = rings.lat[j]
                if (yk > y) != (yj > y) { xs.append((rings.lon[j] - rings.lon[k]) * (y - yk) / (yj - yk) + rings.lon[k]) }
                j = k
            }
        }
        xs.sort()
        var mid = box.center.lon, width = -1.0
        var k = 0
        while k + 1 < xs.count { if xs[k + 1] - xs[k] > width { width = xs[k + 1] - xs[k]; mid = (xs[k] + xs[k + 1]) / 2 }; k += 2 }
        return GeoPoint(lon: mid, lat: y)
    }

    private func signedArea(_ r: Int) -> (area: Double, cx: Double, cy: Double) {
        let pts = rings.points(r)
        var a = 0.0, cx = 0.0, cy = 0.0
        var j = pts.upperBound - 1
        for k in pts {
            let cross = rings.lon[j] * rings.lat[k] - rings.lon[k] * rings.lat[j]
            a += cross; cx += (rings.lon[j] + rings.lon[k]) * cross; cy += (rings.lat[j] + rings.lat[k]) * cross
            j = k
        }
        guard a != 0 else { return (0, 0, 0) }
        return (a / 2, cx / (3 * a), cy / (3 * a))
    }

    /// Greedy colouring: countries that share a border vertex get different fill colours.
    private mutating func assignColors() {
        var owners: [Int64: [Int]] = [:]
        for (i, f) in countries.enumerated() {
            for r in f.rings {
                for k in rings.points(r) {
                    let key = Int64((rings.lon[k] * 1000).rounded()) << 32 | Int64((rings.lat[k] * 1000).rounded() + 1_000_000)
                    if owners[key]?.last != i { owners[key, default: []].append(i) }
                }
            }
        }
        var neighbours = Array(repeating: Set<Int>(), count: countries.count)
        for list in owners.values where list.count > 1 {
            for a in list { for b in list where a != b { neighbours[a].insert(b) } }
        }
        let order = countries.indices.sorted { neighbours[$0].count > neighbours[$1].count }
        for i in order {
            let used = Set(neighbours[i].map { countries[$0].colorIndex }.filter { $0 >= 0 })
            countries[i].colorIndex = (0..<4).first { !used.contains($0) } ?? i % 4
        }
    }
}
