import Testing
import SitcenDomain
@testable import SitcenRules

@Suite("Rule types")
struct TypeTests {
    @Test func anyFiresOnEveryMatchAndGroups() throws {
        var e = try engine("name: a\ntype: any\nseverity: low\nfilter: {type: tip}\ndescription: \"tip at {post}: {summary}\"\n")
        var f = Feed()
        let ev = e.run([f.report("KZ-KHR", .tip, at: t0) { $0.summary = "bad\u{1B}[2Jtext" },
                        f.report("KZ-DOS", .tip, at: t0 + minute), f.report(at: t0 + 2 * minute)])
        #expect(ev.kinds == [.opened, .updated])
        #expect(ev[1].count == 2 && ev[1].report?.id == "r2" && ev[1].alert == nil)
        #expect(e.alerts.alert(id: ev[1].alertID)?.reports.map(\.id) == ["r1", "r2"])
        #expect(ev[0].alert!.description == "tip at KZ-KHR: bad␛[2Jtext")
        #expect(ev[0].fingerprint == "a{}")
    }

    @Test func frequencyFiresAtExactlyNumEvents() throws {
        var e = try engine("name: f\ntype: frequency\nseverity: low\nquery_key: post\nnum_events: 3\ntimeframe: 1h\n")
        var f = Feed()
        #expect(e.run([f.report(at: t0), f.report(at: t0 + 10 * minute)]).isEmpty)
        #expect(e.run([f.report("KZ-DOS", at: t0 + 11 * minute)]).isEmpty)    // other key
        let third = e.run([f.report(at: t0 + 20 * minute)])
        #expect(third.kinds == [.opened])
        #expect(third[0].fingerprint == "f{post=\"KZ-KHR\"}")
        #expect(e.run([f.report(at: t0 + 30 * minute)]).kinds == [.updated])
    }

    @Test func frequencyWindowExcludesItsStart() throws {
        // Events at 0 and exactly one timeframe later are not "within" it.
        var e = try engine("name: f\ntype: frequency\nseverity: low\nnum_events: 2\ntimeframe: 1h\n")
        var f = Feed()
        #expect(e.run([f.report(at: t0), f.report(at: t0 + hour)]).isEmpty)
        #expect(e.run([f.report(at: t0 + 2 * hour - 1)]).kinds == [.opened])
    }

    @Test func frequencySkipsMissingKeysAndCorrections() throws {
        var e = try engine("name: f\ntype: frequency\nseverity: low\nquery_key: vehicle\nnum_events: 2\ntimeframe: 1h\n")
        var f = Feed()
        #expect(e.run([f.report(at: t0), f.report(at: t0 + 1)]).isEmpty)   // no vehicle
        let a = f.report(at: t0 + 2) { $0.vehicle = "V1" }
        let b = f.report(at: t0 + 3) { $0.vehicle = "V1"; $0.revision = 1 }
        #expect(e.run([a, b]).isEmpty)
    }

    @Test func thresholdBounds() throws {
        var e = try engine("name: t\ntype: threshold\nseverity: high\nvalue: quantity_kg\ngte: 50\nlte: 0.001\ngroup_by: [post]\n")
        var f = Feed()
        #expect(e.run([f.report(at: t0, quantity: 49.999)]).isEmpty)
        #expect(e.run([f.report(at: t0, quantity: 50)]).kinds == [.opened])
        #expect(e.run([f.report(at: t0, quantity: 1, unit: .g)]).kinds == [.updated])   // 0.001 kg
        #expect(e.run([f.report(at: t0, quantity: 2, unit: .units)]).isEmpty)            // no kg-equivalent
        #expect(e.run([f.report("KZ-DOS", at: t0, quantity: 0.05, unit: .t)]).kinds == [.opened])
    }

    @Test func proximityAndItsInverse() throws {
        let near = try rules("name: p\ntype: proximity\nseverity: low\nwithin_km: 10\nfilter: {type: tip}\n")
        let far = try rules("name: q\ntype: proximity\nseverity: low\nwithin_km: 10\nnot: true\nof: [[44.21, 80.34]]\nfilter: {type: tip}\n")
        var e = RuleEngine(rules: near + far, registry: testRegistry)
        var f = Feed()
        // 0.05° of latitude is about 5.6 km from Khorgos; 0.1° is about 11 km.
        let a = e.run([f.report("KZ-KHR", .tip, at: t0) { $0.lat = 44.26; $0.lon = 80.34 }])
        #expect(a.map(\.rule) == ["p"])
        let b = e.run([f.report("KZ-KHR", .tip, at: t0) { $0.lat = 44.31; $0.lon = 80.34 }])
        #expect(b.map(\.rule) == ["q"])
        let c = e.run([f.report("TJ-PNP", .tip, at: t0)])       // no position of its own: the post's
        #expect(c.map(\.rule) == ["p", "q"])
        #expect(abs(Geo.haversineKm(GeoPoint(lat: 44.21, lon: 80.34), GeoPoint(lat: 43.25, lon: 76.95)) - 290) < 5)
    }

    @Test func cardinalityCountsDistinctValues() throws {
        var e = try engine("name: c\ntype: cardinality\nseverity: low\nquery_key: vehicle\nfield: post\nmax_cardinality: 3\ntimeframe: 1d\n")
        var f = Feed()
        let car: (inout Report) -> Void = { $0.vehicle = "777ABC" }
        #expect(e.run([f.report("KZ-KHR", at: t0, configure: car), f.report("KZ-KHR", at: t0 + hour, configure: car),
                       f.report("KZ-DOS", at: t0 + 2 * hour, configure: car)]).isEmpty)
        #expect(e.run([f.report("TJ-PNP", at: t0 + 3 * hour) { $0.vehicle = "other" }]).isEmpty)
        let ev = e.run([f.report("TJ-PNP", at: t0 + 4 * hour, configure: car)])
        #expect(ev.kinds == [.opened])
        #expect(ev[0].alert!.group == [Label("vehicle", "777ABC")])
        // A day after the first sighting, KZ-KHR has left the window (the 1 h one is still in).
        #expect(e.run([f.report("TJ-PNP", at: t0 + 25 * hour + 1, configure: car)]).isEmpty)
    }

    @Test func newTermFirstAndSecondSighting() throws {
        var e = try engine("""
        name: n
        type: new_term
        severity: high
        field: substance
        scope: country
        terms_window: 30d
        description: "first {substance} in {country}"
        """)
        var f = Feed()
        let first = e.run([f.report("KZ-KHR", at: t0, substance: "мефедрон")])
        #expect(first.kinds == [.opened])
        #expect(first[0].alert!.description == "first mephedrone in KZ")
        #expect(first[0].fingerprint == "n{substance=\"mephedrone\",country=\"KZ\"}")
        #expect(e.run([f.report("KZ-DOS", at: t0 + hour, substance: "Mephedrone")]).isEmpty)   // same country
        #expect(e.run([f.report("TJ-PNP", at: t0 + hour, substance: "mephedrone")]).kinds == [.opened])
        // Unknown names fold across scripts: «Зомби-Х» and "Zombi-H" are one term.
        #expect(e.run([f.report("KZ-KHR", at: t0 + 2 * hour, substance: "Зомби-Х")]).kinds == [.opened])
        #expect(e.run([f.report("KZ-KHR", at: t0 + 3 * hour, substance: "zombi-h")]).isEmpty)
        // Not seen for exactly the window: new again (the open alert gets it).
        let again = e.run([f.report("KZ-KHR", at: t0 + 3 * hour + 30 * 24 * hour, substance: "Зомби-Х")])
        #expect(again.kinds == [.updated])
    }

    @Test func newTermOnAListField() throws {
        var e = try engine("name: n\ntype: new_term\nseverity: low\nfield: transit\n")
        var f = Feed()
        let ev = e.run([f.report(at: t0) { $0.transit = ["AF", "TJ"] }, f.report(at: t0 + 1) { $0.transit = ["TJ", "UZ"] }])
        #expect(ev.map(\.fingerprint) == ["n{transit=\"AF\"}", "n{transit=\"TJ\"}", "n{transit=\"UZ\"}"])
    }
}
