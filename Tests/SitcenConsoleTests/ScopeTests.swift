import SitcenLocalSource
import SitcenAlerts
import SitcenConsole
import SitcenDomain
import SitcenStore
import TermUI
import Testing

/// What the console's queries see, by operator (the one model of roles and scopes).
@Suite struct ConsoleScopeTests {
    func state(_ op: Operator) -> ConsoleState {
        ConsoleState(strings: Strings(.en), theme: .builtIn, themeName: "builtin", op: op,
                     sourceLabel: "test", offset: 0, now: ConsoleFixture.end)
    }

    /// Finding 12: the console took a BLO officer without a sector for one who sees everything.
    @Test func aBLOWithoutASectorSeesNoReportsAndNoAlerts() throws {
        let f = ConsoleFixture.shared
        let source = LocalStoreSource(store: f.store, registry: f.registry, alerts: f.alerts)
        let nobody = Operator(name: "aliya", role: .blo, sector: nil)
        #expect(try f.store.reports(state(nobody).query(limit: 50)).isEmpty)
        #expect(try source.alerts(for: nobody).isEmpty)
        let duty = Operator(name: "dana", role: .duty)
        #expect(try f.store.reports(state(duty).query(limit: 50)).count == 50)
        #expect(try !source.alerts(for: duty).isEmpty)
    }

    @Test func aBLOSeesItsSectorOnly() throws {
        let f = ConsoleFixture.shared
        let blo = Operator(name: "aliya", role: .blo, sector: "KZ-EAST")
        let rows = try f.store.reports(state(blo).query(limit: 200))
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.sector == "KZ-EAST" })
    }
}
