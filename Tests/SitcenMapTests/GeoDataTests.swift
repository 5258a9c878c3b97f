import Foundation
import Testing
@testable import SitcenMap

@Suite struct GeoDataTests {
    @Test func loadsEveryFeatureAndCity() throws {
        let g = sharedGeo
        #expect(g.countries.count == 22)
        #expect(g.waters.map(\.name).sorted() == ["Aral Sea", "Caspian Sea", "Lake Balkhash", "Ysyk Kol"])
        #expect(g.cities.count == 496)
        #expect(g.cities.first?.population ?? 0 >= g.cities.last?.population ?? 0)
        for code in ["KZ", "KG", "TJ", "UZ", "TM", "AF", "CN", "IR", "PK", "RU"] {
            #expect(g.country(iso2: code) != nil, "no country \(code)")
        }
        #expect(g.rings.start.count == g.rings.count + 1)
        #expect(g.rings.lon.count == g.rings.lat.count)
    }

    @Test func ringBoxesHoldTheirPoints() {
        let g = sharedGeo
        for r in 0..<g.rings.count {
            let b = g.rings.box[r]
            for k in g.rings.points(r) { #expect(b.contains(lon: g.rings.lon[k], lat: g.rings.lat[k])) }
        }
    }

    /// Enclaves are holes: Sokh (an Uzbek enclave) is not in Kyrgyzstan, but in Uzbekistan.
    @Test func holesAreRespected() {
        let g = sharedGeo
        let kg = g.country(iso2: "KG")!, uz = g.country(iso2: "UZ")!
        #expect(inside(kg, lon: 74.6, lat: 42.87))     // Bishkek
        #expect(!inside(kg, lon: 71.08, lat: 40.0))    // Sokh
        #expect(inside(uz, lon: 71.08, lat: 40.0))
        // An island in the Caspian is a hole in the sea: the sea does not contain it.
        let caspian = g.waters.first { $0.name == "Caspian Sea" }!
        #expect(inside(caspian, lon: 51.0, lat: 42.0))
        #expect(g.countryAt(lon: 51.0, lat: 42.0) == nil)
        let onIsland = g.contains(caspian, lon: 50.03, lat: 44.99)   // Kulaly, an island
        #expect(!onIsland)
        #expect(g.countryAt(lon: 69.24, lat: 41.31)?.iso2 == "UZ")   // Tashkent
    }

    @Test func anchorsLieInsideTheirCountries() {
        let g = sharedGeo
        for f in g.countries where !f.iso2.isEmpty {
            #expect(inside(f, lon: f.anchor.lon, lat: f.anchor.lat), "\(f.name) anchor \(f.anchor)")
        }
        #expect(g.routePoint(iso2: "BY") != nil)   // beyond the basemap
        #expect(g.routePoint(iso2: "ZZ") == nil)
    }

    @Test func neighboursGetDifferentFills() {
        let g = sharedGeo
        let kz = g.country(iso2: "KZ")!, kg = g.country(iso2: "KG")!, uz = g.country(iso2: "UZ")!
        #expect(kz.colorIndex != kg.colorIndex && kz.colorIndex != uz.colorIndex && kg.colorIndex != uz.colorIndex)
        #expect(g.countries.allSatisfy { (0..<4).contains($0.colorIndex) })
    }

    @Test func clipEdgesAreMarked() {
        let g = sharedGeo
        // Russia and China are clipped by the box: some of their segments run along it.
        #expect(g.rings.clipEdge.contains(true))
        let kg = g.country(iso2: "KG")!
        #expect(!kg.rings.contains { r in g.rings.points(r).contains { g.rings.clipEdge[$0] } })
    }

    @Test func missingFileSaysWhichAndWhatToDo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitcen-geo-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try GeoData.load(directory: dir)
            Issue.record("loaded from an empty folder")
        } catch let e as GeoDataError {
            #expect(e.description.contains(GeoData.countriesFile))
            #expect(e.description.contains("is missing"))
            #expect(e.description.contains("SampleData/geo"))
        }
    }

    @Test func malformedGeoJSONIsReported() {
        let good = [UInt8](#"{"type":"FeatureCollection","features":[]}"#.utf8)
        let bad = [UInt8](#"{"features":[{"geometry":{"coordinates":[[[1,2],[3,"#.utf8)
        let csv = [UInt8]("name,asciiname,countrycode,lat,lon,population\nA,A,KZ,40,70,100\n".utf8)
        #expect(throws: GeoDataError.self) { _ = try GeoData(countries: bad, lakes: good, cities: csv) }
        #expect(throws: GeoDataError.self) { _ = try GeoData(countries: good, lakes: good, cities: csv) }   // no features
    }

    @Test func parsesMultiPolygonsWithHolesAndEscapes() throws {
        let json = #"""
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"ADM0_A3":"KAZ","NAME":"K\u0061z \"x\""},"geometry":{"type":"MultiPolygon",
          "coordinates":[[[[60,40],[70,40],[70,50],[60,50],[60,40]],[[62,42],[64,42],[64,44],[62,44],[62,42]]],
                         [[[80,40],[81,40],[81,41],[80,40]]]]}},
         {"type":"Feature","properties":{"NAME":"Lake","X":null,"N":1.5e1},"geometry":{"type":"Polygon","coordinates":[[[65,45],[66,45],[66,46],[65,45]]]}}
        ]}
        """#
        let csv = [UInt8]("name,asciiname,countrycode,lat,lon,population\n\"Big, City\",Big,KZ,45,65,2000\nSmall,Small,KZ,41,61,10\n".utf8)
        let g = try GeoData(countries: [UInt8](json.utf8), lakes: [UInt8](json.utf8), cities: csv)
        let k = g.countries[0]
        #expect(k.name == "Kaz \"x\"")
        #expect(k.iso2 == "KZ")
        #expect(k.rings.count == 3)
        let a = g.contains(k, lon: 61, lat: 41), hole = g.contains(k, lon: 63, lat: 43), second = g.contains(k, lon: 80.8, lat: 40.5)
        #expect(a && !hole && second)
        #expect(g.cities.map(\.name) == ["Big, City", "Small"])
    }

    /// Loading must be fast (well under 50 ms in release; debug builds get a looser bound).
    @Test func loadsQuickly() throws {
        let start = Date()
        _ = try GeoData.load(directory: geoDirectory)
        let ms = Date().timeIntervalSince(start) * 1000
        #expect(ms < 1000, "load took \(ms) ms")
    }
}
