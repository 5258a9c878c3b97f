import SitcenText

/// How wide a table column is.
public enum ColumnWidth: Hashable, Sendable {
    /// Exactly `n` columns.
    case fixed(Int)
    /// A share (by `weight`) of what the fixed columns leave, at least `min`.
    case flex(Int, min: Int)

    /// Column widths for `total` cells with `spacing` between columns. Fixed columns come first;
    /// flexible ones share the rest. Columns that do not fit, from the right, get width 0
    /// (hidden), so a narrow pane shows fewer columns rather than garbled ones.
    public static func layout(_ widths: [ColumnWidth], total: Int, spacing: Int = 1) -> [Int] {
        var out = Array(repeating: 0, count: widths.count)
        var visible = widths.count
        func need(_ n: Int) -> Int {
            var sum = 0
            for w in widths.prefix(n) {
                switch w { case .fixed(let f): sum += f; case .flex(_, let m): sum += m }
            }
            return sum + max(0, n - 1) * spacing
        }
        while visible > 0 && need(visible) > total { visible -= 1 }
        if visible == 0 {
            // Not even the first column fits: give it what there is.
            if !widths.isEmpty { out[0] = max(0, total) }
            return out
        }
        var left = total - max(0, visible - 1) * spacing
        var weights = 0
        for (i, w) in widths.prefix(visible).enumerated() {
            switch w {
            case .fixed(let f): out[i] = f; left -= f
            case .flex(let wt, let m): out[i] = m; left -= m; weights += max(1, wt)
            }
        }
        if weights > 0 && left > 0 {
            var given = 0
            let flexIdx = widths.prefix(visible).indices.filter { if case .flex = widths[$0] { return true }; return false }
            for (k, i) in flexIdx.enumerated() {
                guard case .flex(let wt, _) = widths[i] else { continue }
                let share = k == flexIdx.count - 1 ? left - given : left * max(1, wt) / weights
                out[i] += share; given += share
            }
        } else if weights == 0 && left > 0 && visible > 0 {
            out[visible - 1] += left   // the last column takes the slack
        }
        return out
    }
}

/// One column of a table: its title, width, alignment, how to get a row's text and style.
public struct TableColumn<Row>: @unchecked Sendable {
    public var id: String
    public var title: String
    public var width: ColumnWidth
    public var align: Alignment
    public var value: (Row) -> String
    public var role: ((Row) -> StyleRole?)?

    public init(_ id: String, title: String? = nil, width: ColumnWidth, align: Alignment = .left,
                role: ((Row) -> StyleRole?)? = nil, value: @escaping (Row) -> String) {
        self.id = id; self.title = title ?? id; self.width = width; self.align = align
        self.value = value; self.role = role
    }
}

extension Array {
    /// The columns with these ids, in this order (a view picks its own columns).
    public func choosing<Row>(_ ids: [String]) -> [TableColumn<Row>] where Element == TableColumn<Row> {
        ids.compactMap { id in first { $0.id == id } }
    }
}

/// How a live table behaves while it follows its newest rows (which arrive at the top).
public enum FollowPolicy: Sendable, Equatable {
    /// The selection rides on the newest row (a log, like `less +F`): a new row arrives selected.
    case selection
    /// The viewport stays at the top so new rows are seen, but the selection stays on its row
    /// (a queue that is acted on: a key never lands on a row that just slid under it).
    case viewport
}

/// A table's selection and scroll position, held by row identity, with follow mode (as lnav,
/// `less +F` and k9s do it). While the table *follows* (the default, and whenever the officer is
/// back at the newest row), rows that arrive at the top come into view. Once the officer moves
/// away, the table *holds*: the selection and the visible rows stay where they are, and
/// `newAbove` counts the rows that arrived above the viewport (shown as "N new ↑").
/// `selectFirst` (g) returns to following.
public struct TableState<ID: Hashable & Sendable>: Sendable {
    public private(set) var selected: ID?
    /// Index of the first visible row.
    public private(set) var offset = 0
    /// Rows that arrived above the viewport since the user last saw the top.
    public private(set) var newAbove = 0
    /// Rows visible at the last render (for paging).
    public private(set) var viewportHeight = 10
    /// True while new rows at the top come into view (see `FollowPolicy`).
    public private(set) var following = true
    public var policy: FollowPolicy
    private var anchor: ID?
    private var ids: [ID] = []
    private var index: [ID: Int] = [:]

    public init(selected: ID? = nil, policy: FollowPolicy = .selection) { self.selected = selected; self.policy = policy }

    /// Index of the selected row in the last synced rows.
    public var selectedIndex: Int? { selected.flatMap { index[$0] } }
    public var rowCount: Int { ids.count }
    /// The rows as last synced, in display order.
    public var rowIDs: [ID] { ids }

    /// Tells the state the current rows (in display order). Call whenever rows change; `render`
    /// calls it too. While following, the newest rows come into view (and, with the `.selection`
    /// policy, the newest row is selected). While holding, the selection stays on the same row
    /// (if that row is gone, the row now at its place is selected) and the viewport on the same
    /// first row.
    public mutating func sync(_ newIDs: [ID]) {
        if newIDs == ids { return }
        let oldSelectedIndex = selectedIndex
        var newIndex: [ID: Int] = [:]
        newIndex.reserveCapacity(newIDs.count)
        for (i, id) in newIDs.enumerated() where newIndex[id] == nil { newIndex[id] = i }
        ids = newIDs
        index = newIndex
        guard !ids.isEmpty else { offset = 0; newAbove = 0; anchor = nil; return }
        if following {
            offset = 0
            newAbove = 0
            if policy == .selection || selected == nil { selected = ids[0] }
        } else if let a = anchor, let i = newIndex[a] {
            if i > offset { newAbove += i - offset }
            offset = i
        } else {
            offset = min(offset, ids.count - 1)
        }
        if let s = selected, newIndex[s] == nil {
            selected = ids[min(oldSelectedIndex ?? 0, ids.count - 1)]
        } else if selected == nil {
            selected = ids[0]
        }
        settle()
    }

    /// Forgets the rows and returns to following: for a new result set (a new filter), which
    /// opens at its newest row.
    public mutating func reset() {
        ids = []; index = [:]; selected = nil; offset = 0; newAbove = 0; anchor = nil; following = true
    }

    /// Selects the row with `id` (if present).
    public mutating func select(_ id: ID) {
        guard index[id] != nil else { return }
        selected = id
        scrollToSelection()
        updateFollowing()
    }

    /// Moves the selection by `delta` rows (negative is up), clamped.
    public mutating func move(by delta: Int) {
        guard !ids.isEmpty else { return }
        let i = selectedIndex ?? 0
        selected = ids[max(0, min(ids.count - 1, i + delta))]
        scrollToSelection()
        updateFollowing()
    }

    /// The newest row, and follow again.
    public mutating func selectFirst() {
        following = true
        guard !ids.isEmpty else { return }
        selected = ids[0]; offset = 0; newAbove = 0; settle()
    }
    public mutating func selectLast() { guard !ids.isEmpty else { return }; selected = ids[ids.count - 1]; scrollToSelection(); updateFollowing() }
    public mutating func pageDown() { move(by: max(1, viewportHeight - 1)) }
    public mutating func pageUp() { move(by: -max(1, viewportHeight - 1)) }

    /// Handles the usual navigation keys; returns true if the key was used.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up, .char("k"): move(by: -1)
        case .down, .char("j"): move(by: 1)
        case .pageUp, .ctrl("b"): pageUp()
        case .pageDown, .ctrl("f"): pageDown()
        case .home, .char("g"): selectFirst()
        case .end, .char("G"): selectLast()
        default: return false
        }
        return true
    }

    /// Tells the state how many rows the table shows (its area's height less the header).
    /// Views are pure, so call this from `update` when the layout changes; `render` only reads.
    public mutating func setViewport(height: Int) {
        viewportHeight = max(1, height)
        scrollToSelection()
    }

    /// Following is being at the newest row: the selection on it (`.selection`), or the
    /// viewport at the top (`.viewport`).
    private mutating func updateFollowing() {
        switch policy {
        case .selection: following = selectedIndex == 0
        case .viewport: following = offset == 0
        }
        if following { newAbove = 0 }
    }

    private mutating func scrollToSelection() {
        if let i = selectedIndex {
            if i < offset { offset = i } else if i >= offset + viewportHeight { offset = i - viewportHeight + 1 }
        }
        settle()
    }

    private mutating func settle() {
        // The viewport may leave room below the last row: that is how it holds still when rows
        // arrive above a short table.
        offset = max(0, min(offset, ids.count - 1))
        if let i = selectedIndex, i < offset { offset = i }
        newAbove = min(newAbove, offset)
        anchor = ids.isEmpty ? nil : ids[offset]
    }
}

/// A table: header with sort indicator, rows with per-column alignment and roles, a selected
/// row, and a "N new ↑" marker when rows arrived above the viewport.
public struct Table<Row, ID: Hashable & Sendable>: @unchecked Sendable {
    public var columns: [TableColumn<Row>]
    public var rows: [Row]
    public var id: (Row) -> ID
    /// The column the rows are sorted by, and whether ascending (shown as ▲/▼ in the header).
    public var sort: (column: String, ascending: Bool)?
    public var focused: Bool
    public var rowRole: ((Row) -> StyleRole?)?
    public var showHeader: Bool
    public var emptyText: String

    public init(columns: [TableColumn<Row>], rows: [Row], id: @escaping (Row) -> ID,
                sort: (column: String, ascending: Bool)? = nil, focused: Bool = true,
                rowRole: ((Row) -> StyleRole?)? = nil, showHeader: Bool = true, emptyText: String = "No rows") {
        self.columns = columns; self.rows = rows; self.id = id; self.sort = sort; self.focused = focused
        self.rowRole = rowRole; self.showHeader = showHeader; self.emptyText = emptyText
    }

    /// Rows of body for an area (the area less the header row).
    public func bodyHeight(for area: Rect) -> Int { max(0, area.height - (showHeader ? 1 : 0)) }

    /// Draws the table. `state` is not changed (views are pure): the rows and the viewport
    /// height are applied to a copy, so a state kept up to date by `update` (with `sync` and
    /// `setViewport`) draws exactly as stored.
    public func render(into buf: inout Buffer, area: Rect, state: TableState<ID>, theme: Theme) {
        guard !area.isEmpty else { return }
        var state = state
        state.sync(rows.map(id))
        let widths = ColumnWidth.layout(columns.map(\.width), total: area.width)
        var y = area.y
        if showHeader {
            let hs = theme[.header]
            buf.fill(area.row(0), style: hs)
            var x = area.x
            for (c, w) in zip(columns, widths) where w > 0 {
                var title = c.title
                if let sort, sort.column == c.id {
                    // The indicator always shows; the title gives way.
                    let arrow = sort.ascending ? "▲" : "▼"
                    title = w >= title.displayWidth + 2 ? title + " " + arrow : title.truncated(toWidth: w - 1, ellipsis: false) + arrow
                }
                buf.put(title, in: Rect(x: x, y: y, width: w, height: 1), style: hs, align: c.align)
                x += w + 1
            }
            y += 1
        }
        let bodyHeight = area.maxY - y
        state.setViewport(height: bodyHeight)
        if rows.isEmpty && bodyHeight > 0 {
            buf.put(emptyText, in: Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.dim], align: .center)
        }
        let selected = state.selectedIndex
        let end = min(rows.count, state.offset + bodyHeight)
        if state.offset < end {
            for i in state.offset..<end {
                let row = rows[i]
                let isSelected = i == selected
                let rowStyle: Style
                if isSelected { rowStyle = theme[focused ? .selection : .selectionUnfocused] } else {
                    rowStyle = rowRole?(row).map { theme[$0] } ?? theme[.text]
                }
                if isSelected { buf.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: rowStyle) }
                var x = area.x
                for (c, w) in zip(columns, widths) where w > 0 {
                    var st = rowStyle
                    if !isSelected, let r = c.role?(row) { st = theme[r] }
                    buf.put(c.value(row), in: Rect(x: x, y: y, width: w, height: 1), style: st, align: c.align)
                    x += w + 1
                }
                y += 1
            }
        }
        if state.newAbove > 0 {
            let marker = " \(state.newAbove) new ↑ "
            let mw = marker.displayWidth
            if mw <= area.width {
                buf.put(marker, x: area.maxX - mw, y: area.y, style: theme[.newRows], maxWidth: mw)
            }
        }
    }
}
