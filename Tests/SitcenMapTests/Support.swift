import Foundation
import SitcenTestSupport
import SitcenDomain
import TermUI
@testable import SitcenMap

/// The repository root, found from this file.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let geoDirectory = repoRoot.appendingPathComponent("SampleData/geo").path
let goldenDirectory = repoRoot.appendingPathComponent("Tests/SitcenMapTests/Golden").path

/// The basemap, loaded once for all tests.
let sharedGeo: GeoData = { try! GeoData.load(directory: geoDirectory) }()

let sharedRegistry: Registry = {
    let text = try! String(contentsOfFile: repoRoot.appendingPathComponent("SampleData/posts.csv").path, encoding: .utf8)
    return try! Registry.parseCSV(text, source: "posts.csv")
}()

/// A small deterministic generator (SplitMix64), so property tests are seeded.
typealias SeededRandom = SplitMix64

/// The posts with a fixed, varied health.
func samplePosts() -> [MapPost] {
    let healths: [PostHealth] = [.ok, .ok, .late, .ok, .silent, .ok, .ok]
    return sharedRegistry.posts.enumerated().map { i, p in MapPost(p, health: healths[i % healths.count]) }
}

/// Seizures near posts (seeded), kilograms log-uniform from 10 g to 1 t.
func sampleSeizures(count: Int, seed: UInt64 = 42, spread: Double = 0.6) -> [MapSeizure] {
    var r = SeededRandom(seed: seed)
    let posts = sharedRegistry.posts
    let cats = SubstanceCategory.allCases
    var out: [MapSeizure] = []
    out.reserveCapacity(count)
    for i in 0..<count {
        let p = posts[Int(r.next() % UInt64(posts.count))]
        let dl = Double.random(in: -spread...spread, using: &r), dm = Double.random(in: -spread...spread, using: &r)
        let kg = pow(10, Double.random(in: -2...3, using: &r))
        out.append(MapSeizure(lat: p.lat + dm * 0.7, lon: p.lon + dl, kg: kg, category: cats[Int(r.next() % 4)], seq: Int64(i + 1)))
    }
    return out
}

/// The sample data the goldens use: posts, 300 seizures, three routes, two alerts.
func sampleData(seizures: Int = 300) -> MapData {
    MapData(posts: samplePosts(), seizures: sampleSeizures(count: seizures),
            routes: [MapRoute(origin: "AF", post: "TJ-PNP", destination: "RU"),
                     MapRoute(origin: "AF", post: "TM-IMN", destination: "TR"),
                     MapRoute(origin: "CN", post: "KZ-KHR", destination: "UZ")],
            alerts: [MapAlert(id: "A1", post: "KG-TOR", lat: 40.58, lon: 75.39),
                     MapAlert(id: "A2", post: nil, lat: 42.9, lon: 71.4)])
}

/// Renders into a fresh buffer of `w` × `h`.
func renderMap(_ w: Int, _ h: Int, viewport: Viewport? = nil, layers: MapLayers = MapLayers(), data: MapData = sampleData(),
               ascii: Bool = false, theme: Theme = .builtIn) -> (Buffer, MapFrame) {
    var r = MapRenderer(geo: sharedGeo)
    var b = Buffer(width: w, height: h)
    let v = viewport ?? .region(size: Size(width: w, height: h))
    let f = r.render(into: &b, area: b.area, viewport: v, layers: layers, data: data, theme: theme, ascii: ascii)
    return (b, f)
}

/// Compares `text` with the golden file `name` (`Golden.mismatch`).
func checkGolden(_ name: String, _ text: String) -> String? {
    Golden.mismatch(text, golden: URL(fileURLWithPath: goldenDirectory + "/" + name))
}

/// Point-in-polygon on the shared basemap (a free function, so a failing `#expect` prints the
/// feature and the point, not the whole basemap).
func inside(_ f: GeoFeature, lon: Double, lat: Double) -> Bool { sharedGeo.contains(f, lon: lon, lat: lat) }
