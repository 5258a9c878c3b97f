import SitcenDomain
import Testing
@testable import SitcenQuality

@Suite struct OutlierTests {
    @Test func modifiedZScoreByHand() throws {
        // median (1.0 + 1.1)/2 = 1.05; |deviations| 0.05 0.15 0.15 0.05 0.05 48.95, their median
        // (0.05 + 0.15)/2 = 0.1; M(50) = 0.6745 · 48.95 / 0.1 = 330.17; M(1.2) = 1.01.
        let values = [1, 1.2, 0.9, 1.1, 1.0, 50]
        let z = try #require(Outliers.modifiedZScores(values))
        #expect(close(z[5], 330.16775, 1e-6))
        #expect(close(z[1], 1.01175, 1e-6))
        #expect(Outliers.indices(values) == [5])
    }

    @Test func whenMoreThanHalfAreEqualTheMeanDeviationStandsIn() throws {
        // MAD is 0; MeanAD = 8/7; M(10) = 8 / (1.253314 · 8/7) = 5.5852.
        let values: [Double] = [2, 2, 2, 2, 2, 2, 10]
        let z = try #require(Outliers.modifiedZScores(values))
        #expect(close(z[6], 5.585193, 1e-5))
        #expect(Outliers.indices(values) == [6])
        #expect(Outliers.indices([3, 3, 3, 3, 3]) == [])
    }

    @Test func tooFewOrBadValuesSayNothing() {
        #expect(Outliers.modifiedZScores([1, 2, 300, 4]) == nil)
        #expect(Outliers.modifiedZScores([1, 2, 3, .nan, 5, 6]) == nil)
        #expect(Outliers.indices([]) == [])
    }

    @Test func judgedAgainstTheSameSubstanceOnly() {
        let window = QualityWindow(from: at("2026-11-16T00:00:00+05:00"), to: at("2026-11-20T00:00:00+05:00"), offset: centre)
        var facts: [ReportFact] = []
        // Five heroin seizures of about a kilo, and one of 40 kg; cannabis around 40 kg.
        for (i, kg) in [1, 1.1, 0.9, 1.2, 1.0, 40].enumerated() {
            facts.append(fact(i == 5 ? "B" : "A", "h\(i)", observed: "2026-11-16T1\(i):00:00+05:00", sent: "2026-11-16T1\(i):00:00+05:00",
                              type: .seizure, substance: "heroin", kg: kg))
        }
        for (i, kg) in [38, 41, 40, 39, 42.0].enumerated() {
            facts.append(fact("A", "c\(i)", observed: "2026-11-17T1\(i):00:00+05:00", sent: "2026-11-17T1\(i):00:00+05:00",
                              type: .seizure, substance: "cannabis", kg: kg))
        }
        // A withdrawn outlier is not one.
        var withdrawn = fact("A", "w", observed: "2026-11-17T09:00:00+05:00", sent: "2026-11-17T09:00:00+05:00",
                             type: .seizure, substance: "cannabis", kg: 5000)
        withdrawn.retracted = true
        facts.append(withdrawn)
        let board = QualityBoard.compute(posts: [post("A"), post("B")], facts: facts, contacts: [:], window: window)
        let b = board.posts.first { $0.post.code == "B" }!
        let a = board.posts.first { $0.post.code == "A" }!
        #expect(b.outliers.map(\.id) == ["h5"])
        #expect(b.outliers.first?.substance == "heroin")
        #expect(a.outliers.isEmpty)
    }
}
