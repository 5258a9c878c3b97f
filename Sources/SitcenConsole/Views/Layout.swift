import TermUI

/// Where each pane goes for a view and a screen size. Row 0 is the tab bar, the last two rows
/// the filter line and the status bar; panes share the rest. From 80×24 up: narrow screens
/// stack the overview's panes, wide ones put the map and details in a column of their own.
struct Layout {
    var tabs: Rect
    /// The critical-alert banner's row, when one shows.
    var banner: Rect?
    /// A remote console's "link down" banner, when the link is not up.
    var linkBanner: Rect?
    var filterLine: Rect
    var status: Rect
    var reports: Rect?
    var alerts: Rect?
    var map: Rect?
    var details: Rect?
    var posts: Rect?
    var trends: Rect?
    var silences: Rect?
    var quality: Rect?
    /// An alert full screen (Enter on an alert, or `!`).
    var alertView: Rect?

    /// From this width the views put the details beside the list.
    static let wideWidth = 120

    init(state: ConsoleState, size: Size) {
        let w = size.width, h = size.height
        tabs = Rect(x: 0, y: 0, width: w, height: 1)
        filterLine = Rect(x: 0, y: max(0, h - 2), width: w, height: 1)
        status = Rect(x: 0, y: max(0, h - 1), width: w, height: 1)
        var top = 1
        if let link = state.link, !link.up { linkBanner = Rect(x: 0, y: top, width: w, height: 1); top += 1 }
        if state.criticalBanner != nil { banner = Rect(x: 0, y: top, width: w, height: 1); top += 1 }
        let body = Rect(x: 0, y: top, width: w, height: max(0, h - 2 - top))
        if state.openAlert != nil {
            alertView = body
            return
        }
        if state.drilledIn {
            details = body
            return
        }
        let wide = w >= Layout.wideWidth
        switch state.view {
        case .overview:
            if wide {
                let leftW = w * 58 / 100
                let reportsH = body.height * 60 / 100
                reports = Rect(x: 0, y: body.y, width: leftW, height: reportsH)
                alerts = Rect(x: 0, y: body.y + reportsH, width: leftW, height: body.height - reportsH)
                let mapH = body.height * 55 / 100
                map = Rect(x: leftW, y: body.y, width: w - leftW, height: mapH)
                details = Rect(x: leftW, y: body.y + mapH, width: w - leftW, height: body.height - mapH)
            } else {
                let reportsH = max(5, body.height / 2)
                reports = Rect(x: 0, y: body.y, width: w, height: reportsH)
                let third = w / 3
                let y = body.y + reportsH, hh = body.height - reportsH
                alerts = Rect(x: 0, y: y, width: third, height: hh)
                map = Rect(x: third, y: y, width: third, height: hh)
                details = Rect(x: 2 * third, y: y, width: w - 2 * third, height: hh)
            }
        case .reports:
            if wide {
                let leftW = w * 62 / 100
                reports = Rect(x: 0, y: body.y, width: leftW, height: body.height)
                details = Rect(x: leftW, y: body.y, width: w - leftW, height: body.height)
            } else {
                reports = body
            }
        case .alerts:
            if wide {
                let leftW = w * 60 / 100
                alerts = Rect(x: 0, y: body.y, width: leftW, height: body.height)
                details = Rect(x: leftW, y: body.y, width: w - leftW, height: body.height)
            } else {
                alerts = body
            }
        case .map:
            if wide {
                let mapW = w * 72 / 100
                map = Rect(x: 0, y: body.y, width: mapW, height: body.height)
                details = Rect(x: mapW, y: body.y, width: w - mapW, height: body.height)
            } else {
                map = body
            }
        case .posts:
            posts = body
        case .trends:
            trends = body
        case .silences:
            silences = body
        case .quality:
            quality = body
        }
    }
}
