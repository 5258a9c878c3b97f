import SitcenConsoleData
import Foundation
import Testing
import SitcenConsole
import SitcenDomain
import TermUI

/// A remote console whose link is down says so in every view, with since when, and says it
/// differently when the centre refused the token; the banner goes when the link is back.
@Suite(.serialized) struct LinkBannerTests {
    @Test func linkDownShowsInEveryViewAndGoesWhenTheLinkIsBack() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 80, height: 24))
        // 23:12Z is 04:12 at the fixture's UTC+5.
        let since = Timestamp.parse("2026-11-19T23:12:00Z")!
        await d.send(.message(.link(LinkStatus(up: false, downSince: since, reason: "connection refused"), now: ConsoleFixture.end)))
        for view in ConsoleView.allCases {
            await d.press(.char(Character(String(view.rawValue))))
            let lines = d.frame().lines()
            #expect(lines[1].contains("⚠ LINK DOWN since 04:12 — showing cached data"), "view \(view): \(lines[1])")
            #expect(lines.count == 24)
        }
        await d.press(.char("1"))
        try ConsoleScreenTests().check("link-down-80x24", d.frame())

        await d.send(.message(.link(LinkStatus(up: false, downSince: since, tokenRefused: "the token was revoked"), now: ConsoleFixture.end)))
        #expect(d.frame().lines()[1].contains("⛔ TOKEN REFUSED by the centre: the token was revoked"))

        await d.send(.message(.link(.connected, now: ConsoleFixture.end)))
        #expect(!d.frame().text.contains("LINK DOWN") && !d.frame().text.contains("TOKEN REFUSED"))
    }

    @Test func theBannerInRussian() async {
        var d = await ConsoleFixture.driver(size: Size(width: 100, height: 30), language: .ru)
        await d.send(.message(.link(LinkStatus(up: false, downSince: Timestamp.parse("2026-11-19T23:12:00Z")!), now: ConsoleFixture.end)))
        #expect(d.frame().lines()[1].contains("НЕТ СВЯЗИ с 04:12"))
    }
}
