import Foundation
import Testing
import SitcenConsole
import SitcenDomain
import SitcenQuality
import SitcenTestSupport
import TermUI

/// The data-quality board (view 8) and the forecast band on the trends view.
@Suite(.serialized) struct QualityViewTests {
    @Test func theBoardShowsEachPostWorstFirstWithItsDays() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 160, height: 48))
        await d.press(.char("8"))
        let board = try #require(d.state.quality)
        #expect(board.posts.count == ConsoleFixture.shared.registry.posts.count)
        let text = d.frame().text
        #expect(text.contains("Quality — 28 days"))
        // Worst first: the first row on screen is the board's worst post.
        let worst = board.posts[0]
        let rows = d.frame().lines().filter { $0.contains(" ●") || $0.contains(" ○") || $0.contains(" ◐") }
        #expect(rows.contains { $0.contains(worst.post.code) })
        #expect(text.contains("FULL") && text.contains("ON TIME") && text.contains("BY DAY"))
        // The sectors' table on a tall screen.
        #expect(text.contains("SECTOR"))
        // Enter: the post's figures and its outlier seizures.
        await d.press(.enter)
        let details = d.frame().text
        #expect(details.contains("complete:") && details.contains("periods reported"))
        #expect(details.contains("outlier seizures"))
    }

    @Test func aBLOOfficerSeesTheirSectorsPostsOnly() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 120, height: 40), op: Operator(name: "b", role: .blo, sector: "TJ-SOUTH"))
        await d.press(.char("8"))
        let board = try #require(d.state.quality)
        #expect(!board.posts.isEmpty)
        #expect(board.posts.allSatisfy { $0.post.sector == "TJ-SOUTH" })
        #expect(!d.frame().text.contains("KZ-"))
    }

    @Test func theBoardGoldens() async throws {
        for (w, h) in [(80, 24), (160, 48)] {
            var d = await ConsoleFixture.driver(size: Size(width: w, height: h))
            await d.press(.char("8"))
            try ConsoleScreenTests().check("quality-board-\(w)x\(h)", d.frame())
        }
    }

    @Test func theTrendsViewShowsAForecastBandWithItsBacktest() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 160, height: 48))
        await d.press(.char("6"))
        #expect(!d.state.forecasts.isEmpty)
        let text = d.frame().text
        #expect(text.contains("next week, 80 % band"))
        #expect(text.contains("┊"))
        for f in d.state.forecasts {
            for p in f.forecast.points { #expect(p.lo80 >= 0 && p.lo80 <= p.mean && p.mean <= p.hi80) }
        }
        try ConsoleScreenTests().check("trends-band-160x48", d.frame())
        var narrow = await ConsoleFixture.driver(size: Size(width: 80, height: 24))
        await narrow.press(.char("6"))
        try ConsoleScreenTests().check("trends-band-80x24", narrow.frame())
    }
}
