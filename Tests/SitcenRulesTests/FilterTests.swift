import Testing
import SitcenDomain
@testable import SitcenRules

@Suite("Filters")
struct FilterTests {
    /// Does `filter` (YAML, the body of `filter:`) let the report through?
    func passes(_ filter: String, _ configure: (inout Report) -> Void = { _ in }, post: String = "KZ-KHR",
                type: ReportType = .seizure, substance: String = "героин") throws -> Bool {
        var e = try engine("name: f\ntype: any\nseverity: low\nfilter: \(filter)\n")
        var feed = Feed()
        let r = feed.report(post, type, at: t0, substance: substance, configure: configure)
        return !e.process(r).isEmpty
    }

    @Test func scalarsAreCaseInsensitive() throws {
        #expect(try passes("{post: kz-khr}"))
        #expect(try passes("{type: SEIZURE}"))
        #expect(try !passes("{post: KZ-DOS}"))
        #expect(try passes("{vehicle: 01kz123abc}") { $0.vehicle = "01KZ123ABC" })
        #expect(try passes("{place: ХОРГОС}") { $0.place = "хоргос" })
    }

    @Test func substanceIsTheCanonicalName() throws {
        #expect(try passes("{substance: heroin}"))
        #expect(try passes("{category: opiates}"))
        #expect(try !passes("{substance: героин}"))
    }

    @Test func listsMeanAny() throws {
        #expect(try passes("{post: [KZ-DOS, KZ-KHR]}"))
        #expect(try !passes("{post: [KZ-DOS, TJ-PNP]}"))
        #expect(try passes("{sector: [TJ-SOUTH, KZ-EAST], country: KZ}"))
    }

    @Test func mapsCompare() throws {
        #expect(try passes("{quantity_kg: {gte: 1, lte: 1}}"))
        #expect(try !passes("{quantity_kg: {gte: 1.5}}"))
        #expect(try passes("{observed_at: {gte: \"2026-11-20T04:00:00+05:00\"}}"))
        #expect(try !passes("{observed_at: {gte: \"2026-11-20T00:00:01Z\"}}"))
        #expect(try passes("{severity: {gte: medium}}", { $0.severity = .high }, type: .incident))
        #expect(try !passes("{severity: {gte: medium}}", { $0.severity = .low }, type: .incident))
        #expect(try passes("{arrested: {gte: 2}}") { $0.arrested = 3 })
        #expect(try !passes("{arrested: {gte: 2}}"))   // missing never matches
    }

    @Test func regexMatchesTheWholeValue() throws {
        #expect(try passes("{post: {regex: \"KZ-.*\"}}"))
        #expect(try !passes("{post: {regex: \"KZ\"}}"))
        #expect(try !passes("{post: {regex: \"KH\"}}"))
        #expect(try passes("{vehicle: {regex: \"[0-9]{2}KZ.*\"}}") { $0.vehicle = "01KZ123" })
        #expect(try !passes("{vehicle: {regex: \"01KZ\"}}") { $0.vehicle = "01KZ\n" })
    }

    @Test func notInverts() throws {
        #expect(try !passes("{post: {not: KZ-KHR}}"))
        #expect(try passes("{post: {not: [KZ-DOS, TJ-PNP]}}"))
        #expect(try !passes("{post: {not: {regex: \"KZ-.*\"}}}"))
        #expect(try passes("{vehicle: {not: X}}"))       // a missing value is "not X"
        #expect(try passes("{quantity: {not: {gte: 5}}}"))
    }

    @Test func listFieldsMatchIfAnyElementMatches() throws {
        let route: (inout Report) -> Void = { $0.transit = ["AF", "TJ"]; $0.nationalities = ["UZ"] }
        #expect(try passes("{transit: tj}", route))
        #expect(try passes("{transit: [IR, AF]}", route))
        #expect(try !passes("{transit: IR}", route))
        #expect(try !passes("{transit: {not: AF}}", route))
        #expect(try passes("{nationalities: {regex: \"U.\"}}", route))
    }

    @Test func textFoldsCaseAndScript() throws {
        let place: (inout Report) -> Void = { $0.place = "Khorgos, customs yard" }
        #expect(try passes("{text: хоргос}", place))
        #expect(try passes("{text: KHORGOS}", place))
        #expect(try passes("{text: Хоргос}") { $0.summary = "Задержан грузовик у КПП Khorgos" })
        #expect(try passes("{text: тайник}") { $0.concealment = "в тайнике под полом" })
        #expect(try !passes("{text: dostyk}", place))
        #expect(try passes("{text: {regex: \"Khorgos.*\"}}", place))
    }

    @Test func extraFields() throws {
        let extra: (inout Report) -> Void = { $0.extraJSON = #"{"dog":"Rex","score":7,"tags":["k9","night"]}"# }
        #expect(try passes("{extra.dog: rex}", extra))
        #expect(try passes("{extra.score: {gte: 5}}", extra))
        #expect(try !passes("{extra.score: {lte: 5}}", extra))
        #expect(try passes("{extra.tags: night}", extra))
        #expect(try !passes("{extra.missing: x}", extra))
    }

    @Test func retractedReportsAreSkippedUnlessAskedFor() throws {
        #expect(try !passes("{type: seizure}") { $0.retracted = true })
        #expect(try passes("{retracted: true}") { $0.retracted = true })
    }

    @Test func indexOrdinalsFollowTheEnums() {
        for (i, t) in ReportType.allCases.enumerated() { #expect(RuleIndex.ordinal(t) == i) }
        for (i, c) in SubstanceCategory.allCases.enumerated() { #expect(RuleIndex.ordinal(c) == i) }
    }

    @Test func indexAgreesWithTheFullFilter() throws {
        // A report whose sector disagrees with the registry goes the slow way and still matches.
        var e = try engine("name: f\ntype: any\nseverity: low\nfilter: {sector: ELSEWHERE, type: seizure}\n")
        var feed = Feed()
        var r = feed.report(at: t0)
        r.sector = "ELSEWHERE"
        #expect(e.process(r).count == 1)
        #expect(e.process(feed.report(at: t0)).isEmpty)
    }
}
