import SitcenMap
import TermUI

/// What a key does in the console.
public enum ConsoleAction: Hashable, Sendable {
    case view(ConsoleView)
    case nextPane, previousPane
    case down, up, pageDown, pageUp, top, bottom
    case drillIn, back
    case filter, command, clearFilters
    case help, quit, interrupt
    case toggleWeekly
    case map(MapAction)
    case ack, take, assign, note, resolve, silence, mark, showOnMap
    /// Opens the alert the critical banner shows, from any view.
    case jumpToBanner
    /// Ends the selected silence (view 7).
    case expireSilence
}

/// The console's one key table: it drives the keys, the help overlay (`?`) and Docs/keys.md.
public enum ConsoleKeys {
    public static func table(_ s: Strings) -> KeyTable<ConsoleAction> {
        let nav = s.moving
        let views = s.views
        let find = s.filterSearch
        let app = s.console
        let triage = s.triage
        return KeyTable([
            KeyBinding([.char("1")], .view(.overview), s.overviewEveryPane, group: views),
            KeyBinding([.char("2")], .view(.reports), s.reportsFullScreen, group: views),
            KeyBinding([.char("3")], .view(.alerts), s.alertQueue, group: views),
            KeyBinding([.char("4")], .view(.map), s.regionMap, group: views),
            KeyBinding([.char("5")], .view(.posts), s.postsBoardLastContact, group: views),
            KeyBinding([.char("6")], .view(.trends), s.trendsCategoryPost, group: views),
            KeyBinding([.char("7")], .view(.silences), s.silencesForceWhoWhy, group: views),
            KeyBinding([.char("8")], .view(.quality), s.dataQualityWhichPosts, group: views),
            KeyBinding([.char("!")], .jumpToBanner, s.openAlertRedBanner, group: views),
            KeyBinding([.tab], .nextPane, s.nextPane, group: nav),
            KeyBinding([.backTab], .previousPane, s.previousPane, group: nav),
            KeyBinding([.char("j"), .down], .down, s.downOneRow, group: nav),
            KeyBinding([.char("k"), .up], .up, s.upOneRow, group: nav),
            KeyBinding([.pageDown, .ctrl("f")], .pageDown, s.pageDown, group: nav),
            KeyBinding([.pageUp, .ctrl("b")], .pageUp, s.pageUp, group: nav),
            KeyBinding([.char("g"), .home], .top, s.newestTopFollowNew, group: nav),
            KeyBinding([.char("G"), .end], .bottom, s.oldestLoadedBottom, group: nav),
            KeyBinding([.enter], .drillIn, s.openSelectedItemAlert, group: nav),
            KeyBinding([.escape], .back, s.backClosePromptOverlay, group: nav),
            KeyBinding([.char("/")], .filter, s.filterTextKhorgosHelp, group: find),
            KeyBinding([.char(":")], .command, s.commandTabCompletesSince, group: find),
            KeyBinding([.char("x")], .clearFilters, s.clearEveryFilter, group: find),
            KeyBinding([.char("w")], .toggleWeekly, s.trendsDaysWeeksMonths, group: views, context: "trends"),
            KeyBinding([.char("?"), .function(1)], .help, s.sayHelp, group: app),
            KeyBinding([.char("q")], .quit, s.quit, group: app),
            KeyBinding([.ctrl("c")], .interrupt, s.quitAfterAsking, group: app),
            // Triage, in the alert queue (3, or the Alerts pane of the overview).
            KeyBinding([.char("a")], .ack, s.acknowledgeAlertMarkedOnes, group: triage, context: "alerts"),
            KeyBinding([.char("t")], .take, s.takeAssignMe, group: triage, context: "alerts"),
            KeyBinding([.char("A")], .assign, s.assignAsksName, group: triage, context: "alerts"),
            KeyBinding([.char("n")], .note, s.addNoteAsksText, group: triage, context: "alerts"),
            KeyBinding([.char("r")], .resolve, s.resolveTTruePositive, group: triage, context: "alerts"),
            KeyBinding([.char("s")], .silence, s.silenceAlertsLikeOne, group: triage, context: "alerts"),
            KeyBinding([.char(" ")], .mark, s.markBulkAction, group: triage, context: "alerts"),
            KeyBinding([.char("m")], .showOnMap, s.showAlertSReports, group: triage, context: "alerts"),
            KeyBinding([.char("e")], .expireSilence, s.endSelectedSilenceNow, group: triage, context: "silences"),
        ] + MapKeys.bindings.map { b in
            // The map's own keys, when the map has the focus.
            KeyBinding(b.keys, .map(b.action), b.description, group: b.group, context: b.context)
        }, secondLayout: true)
    }
}
