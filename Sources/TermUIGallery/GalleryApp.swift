import SitcenText
import TermUI

/// `sitcen ui-gallery`: every widget of the engine on one screen, with Cyrillic, Latin, braille,
/// CJK and one hostile row, for people to look at and for the end-to-end test and benchmark.
public struct GalleryApp: App {
    public typealias Msg = GalleryMessage

    public enum Pane: Int, CaseIterable, Sendable {
        case table, list, details
        var title: String { ["Reports", "Posts", "Details"][rawValue] }
    }

    public enum Action: Hashable, Sendable {
        case quit, interrupt, help, focusNext, focusPrevious, nextTab, previousTab
        case down, up, pageDown, pageUp, top, bottom
        case insertRows, toggleLive, search, command
        case promptSubmit, promptCancel, promptHistory, promptEdit
    }

    public struct Row: Sendable, Equatable {
        public var id: Int
        public var time: String
        public var post: String
        public var substance: String
        public var category: String
        public var kilograms: Double
        public var note: String
    }

    public struct State: Sendable {
        public var theme: Theme
        public var rows: [Row]
        public var table = TableState<Int>()
        public var list = ListState()
        public var focus = Pane.table
        public var tab = 0
        public var showHelp = false
        public var helpScroll = 0
        public var confirm: ConfirmDialog?
        public var search = Prompt(prefix: "/")
        public var command = Prompt(prefix: ":")
        public var activePrompt: Character?
        public var message = "Welcome. Press ? for help."
        public var nextID: Int
        public var live = false
        public var sparkline: [Double]
        public var detailsScroll = 0
        public var size = Size.zero
        public var sort = (column: "time", ascending: false)
    }

    /// Finds a theme by name for `:theme NAME` (the theme and a warning when it fell back).
    let themes: @Sendable (String) -> (Theme, String?)

    public init(themes: @escaping @Sendable (String) -> (Theme, String?) = { name in
        name == Theme.builtIn.name ? (.builtIn, nil) : (.builtIn, "theme \(name) not found; using the built-in theme")
    }) {
        self.themes = themes
    }

    // MARK: keys (the single source: actions, help overlay, Docs key reference)

    public static let keys = KeyTable<Action>([
        KeyBinding([.char("q")], .quit, "Quit", group: "General"),
        KeyBinding([.ctrl("c")], .interrupt, "Quit, after asking", group: "General"),
        KeyBinding([.char("?"), .function(1)], .help, "Show or hide this help", group: "General"),
        KeyBinding([.tab], .focusNext, "Focus the next pane", group: "General"),
        KeyBinding([.backTab], .focusPrevious, "Focus the previous pane", group: "General"),
        KeyBinding([.char("]")], .nextTab, "Next tab", group: "General"),
        KeyBinding([.char("[")], .previousTab, "Previous tab", group: "General"),
        KeyBinding([.char("j"), .down], .down, "Move down", group: "Moving"),
        KeyBinding([.char("k"), .up], .up, "Move up", group: "Moving"),
        KeyBinding([.pageDown, .ctrl("f")], .pageDown, "Page down", group: "Moving"),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp, "Page up", group: "Moving"),
        KeyBinding([.char("g"), .home], .top, "First row (clears \"new ↑\")", group: "Moving"),
        KeyBinding([.char("G"), .end], .bottom, "Last row", group: "Moving"),
        KeyBinding([.char("+")], .insertRows, "Insert rows at the top (selection stays)", group: "Gallery"),
        KeyBinding([.char("L")], .toggleLive, "Start or stop a live feed of rows", group: "Gallery"),
        KeyBinding([.char("/")], .search, "Search (Cyrillic or Latin)", group: "Gallery"),
        KeyBinding([.char(":")], .command, "Command (:theme NAME, :q)", group: "Gallery"),
        KeyBinding([.enter], .promptSubmit, "Run the search or command", group: "Prompt", context: "prompt"),
        KeyBinding([.escape, .ctrl("g")], .promptCancel, "Close the prompt", group: "Prompt", context: "prompt"),
        KeyBinding([.up, .down], .promptHistory, "Earlier entries", group: "Prompt", context: "prompt"),
        KeyBinding([.left, .right, .home, .end, .backspace, .delete, .ctrl("u"), .ctrl("k"), .ctrl("w")], .promptEdit,
                   "Edit the line", group: "Prompt", context: "prompt"),
    ])

    // MARK: data

    static let posts = ["Хоргос", "Достык", "Nizhniy Panj", "Иркештам", "Tashkent airport", "Кордай", "Dostyk rail",
                        "Ташкент-Южный", "Termez", "Бейнеу"]
    static let substances: [(String, String)] = [("героин", "opiates"), ("гашиш", "cannabis"), ("heroin", "opiates"),
                                                 ("мефедрон", "nps"), ("cocaine", "cocaine"), ("ангидрид", "precursors"),
                                                 ("tramadol", "pharmaceuticals"), ("амфетамин", "ats"), ("насвай", "other")]

    public static func sampleRows() -> [Row] {
        [
            Row(id: 1, time: "08:14", post: "Хоргос", substance: "героин", category: "opiates", kilograms: 12.5,
                note: "Road, lorry with onions. Khorgos (Latin), 霍尔果斯 (CJK)."),
            Row(id: 2, time: "08:02", post: "Достык", substance: "гашиш", category: "cannabis", kilograms: 3.2,
                note: "Rail container; сообщение передано в ДКНБ."),
            Row(id: 3, time: "07:51", post: "Nizhniy Panj", substance: "heroin", category: "opiates", kilograms: 0.8,
                note: "Pedestrian, body concealment."),
            Row(id: 4, time: "07:40", post: "⣿⡇ braille ⣀⣤⣶⣿", substance: "мефедрон", category: "nps", kilograms: 1.1,
                note: "Braille in a cell: ⣿⡇⣀⣤⣶⣿ (one column each)."),
            Row(id: 5, time: "07:33", post: "Иркештам", substance: "амфетамин", category: "ats", kilograms: 0.4,
                note: "Иркештам — Kyrgyz side."),
            Row(id: 6, time: "07:20", post: "霍尔果斯口岸 CJK 宽字符测试", substance: "ангидрид", category: "precursors", kilograms: 240,
                note: "Wide characters at the edge of a column are never cut in half."),
            Row(id: 7, time: "07:05", post: "Hostile \u{1B}[2J\u{1B}]0;pwned\u{07}", substance: "\u{202E}nioreh", category: "unknown",
                kilograms: 0, note: "lone\rCR, ESC \u{1B}[31mred\u{1B}[0m, RLO \u{202E}txet, zero\u{200B}width: all shown as pictures."),
            Row(id: 8, time: "06:58", post: "Termez", substance: "tramadol", category: "pharmaceuticals", kilograms: 5,
                note: "Air cargo."),
            Row(id: 9, time: "06:41", post: "Кордай", substance: "насвай", category: "other", kilograms: 30,
                note: "Not a controlled drug; category other."),
            Row(id: 10, time: "06:30", post: "Бейнеу", substance: "cocaine", category: "cocaine", kilograms: 2.0,
                note: "Rail, Caspian route."),
        ]
    }

    public static func initialState(theme: Theme = .builtIn) -> State {
        State(theme: theme, rows: sampleRows(), nextID: 100,
              sparkline: [1, 3, 2, 5, 4, 6, 8, 7, 5, 3, 4, 6, 9, 12, 10, 7, 5, 6, 8, 11, 13, 9, 7, 4, 3, 5, 6, 4, 2, 1,
                          2, 4, 6, 5, 3, 2, 5, 8, 10, 7])
    }

    /// Rows that "arrive": deterministic, from the sample posts and substances.
    static func newRow(_ id: Int) -> Row {
        let p = posts[id % posts.count]
        let (s, c) = substances[id % substances.count]
        let minute = 59 - id % 60
        return Row(id: id, time: "09:\(minute < 10 ? "0" : "")\(minute)", post: p, substance: s, category: c,
                   kilograms: Double(id % 17) + 0.5, note: "Arrived live (row \(id)).")
    }

    // MARK: update

    public func update(_ s: inout State, _ event: Event<Msg>) -> Command<Msg> {
        switch event {
        case .resize(let size):
            s.size = size
            relayout(&s)
            return .none
        case .tick:
            return .none
        case .message(.liveRow):
            guard s.live else { return .none }
            insertRows(&s, count: 1)
            s.sparkline.append(Double(s.nextID % 13))
            if s.sparkline.count > 300 { s.sparkline.removeFirst(s.sparkline.count - 300) }
            return GalleryApp.liveCommand
        case .message(.note(let text)):
            s.message = text
            return .none
        case .key(let key):
            return handleKey(&s, key)
        }
    }

    static let liveCommand = Command<Msg>.task {
        try? await Task.sleep(nanoseconds: 150_000_000)
        return .liveRow
    }

    func handleKey(_ s: inout State, _ key: Key) -> Command<Msg> {
        if var dialog = s.confirm {
            if key == .ctrl("c") { return .quit }
            switch dialog.handle(key) {
            case .confirmed: return .quit
            case .cancelled: s.confirm = nil; s.message = "Carry on."
            case .none: s.confirm = dialog
            }
            return .none
        }
        if let p = s.activePrompt {
            var prompt = p == "/" ? s.search : s.command
            let outcome = prompt.handle(key)
            if p == "/" { s.search = prompt } else { s.command = prompt }
            switch outcome {
            case .editing, .complete: break
            case .cancelled: s.activePrompt = nil
            case .submitted(let text):
                s.activePrompt = nil
                return p == "/" ? runSearch(&s, text) : runCommand(&s, text)
            }
            return .none
        }
        if s.showHelp {
            switch key {
            case .char("?"), .escape, .function(1), .char("q"): s.showHelp = false
            case .char("j"), .down: s.helpScroll += 1
            case .char("k"), .up: s.helpScroll = max(0, s.helpScroll - 1)
            case .ctrl("c"): s.showHelp = false; return handleKey(&s, key)
            default: break
            }
            return .none
        }
        guard let action = GalleryApp.keys.action(for: key) else { return .none }
        switch action {
        case .quit: return .quit
        case .interrupt: s.confirm = ConfirmDialog(title: "Quit", message: "Quit the gallery? (Ctrl-C again quits)")
        case .help: s.showHelp = true; s.helpScroll = 0
        case .focusNext: s.focus = Pane(rawValue: (s.focus.rawValue + 1) % Pane.allCases.count)!
        case .focusPrevious: s.focus = Pane(rawValue: (s.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
        case .nextTab: s.tab = (s.tab + 1) % 3; relayout(&s)
        case .previousTab: s.tab = (s.tab + 2) % 3; relayout(&s)
        case .down, .up, .pageDown, .pageUp, .top, .bottom: move(&s, key)
        case .insertRows:
            insertRows(&s, count: 3)
            s.message = "3 rows arrived at the top; the selection stayed."
        case .toggleLive:
            s.live.toggle()
            s.message = s.live ? "Live feed on: a row every 150 ms through the bus." : "Live feed off."
            return s.live ? GalleryApp.liveCommand : .none
        case .search: s.activePrompt = "/"; s.search.begin()
        case .command: s.activePrompt = ":"; s.command.begin()
        case .promptSubmit, .promptCancel, .promptHistory, .promptEdit: break
        }
        return .none
    }

    func move(_ s: inout State, _ key: Key) {
        switch s.focus {
        case .table: _ = s.table.handle(key)
        case .list: _ = s.list.handle(key, count: GalleryApp.posts.count)
        case .details:
            switch key {
            case .char("j"), .down: s.detailsScroll += 1
            case .char("k"), .up: s.detailsScroll = max(0, s.detailsScroll - 1)
            case .char("g"), .home: s.detailsScroll = 0
            default: break
            }
        }
    }

    func insertRows(_ s: inout State, count: Int) {
        var fresh: [Row] = []
        for _ in 0..<count { fresh.append(GalleryApp.newRow(s.nextID)); s.nextID += 1 }
        s.rows.insert(contentsOf: fresh.reversed(), at: 0)
        relayout(&s)
    }

    func runSearch(_ s: inout State, _ text: String) -> Command<Msg> {
        let needle = Fold.key(text)
        if let row = s.rows.first(where: { Fold.contains($0.post + " " + $0.substance, foldedNeedle: needle) }) {
            s.table.sync(s.rows.map(\.id))
            s.table.select(row.id)
            s.focus = .table
            s.message = "Found \(row.post) for “\(text)”."
        } else {
            s.message = "Nothing matches “\(text)”."
        }
        return .none
    }

    func runCommand(_ s: inout State, _ text: String) -> Command<Msg> {
        let words = text.split(separator: " ").map(String.init)
        switch words.first ?? "" {
        case "q", "quit": return .quit
        case "theme" where words.count == 2:
            let (t, warning) = themes(words[1])
            s.theme = t
            s.message = warning ?? "Theme \(t.name)."
        default:
            s.message = "Unknown command: \(text)"
        }
        return .none
    }

    // MARK: view

    static let columns: [TableColumn<Row>] = [
        TableColumn("time", title: "Time", width: .fixed(5)) { $0.time },
        TableColumn("post", title: "Post", width: .flex(2, min: 10)) { $0.post },
        TableColumn("substance", title: "Substance", width: .flex(1, min: 9), role: { StyleRole.category($0.category) }) { $0.substance },
        TableColumn("kg", title: "kg", width: .fixed(6), align: .right) { BarChart.format($0.kilograms) },
        TableColumn("category", title: "Category", width: .fixed(12)) { $0.category },
    ]

    /// Where everything goes for a size and tab; used by `view` to draw and by `update` to tell
    /// the table and list states their viewport heights (views are pure).
    public struct Layout: Sendable {
        public var titleRow, main, messageRow, statusRow: Rect
        public var table, list, details, sparkline, bars: Rect
        public var tableColumns: [String]

        public init(size: Size, tab: Int) {
            let root = Rect(size)
            let parts = root.splitVertically([.fixed(1), .flex(1), .fixed(1), .fixed(1)])
            titleRow = parts[0]; main = parts[1]; messageRow = parts[2]; statusRow = parts[3]
            list = Rect(x: 0, y: 0, width: 0, height: 0); details = list; sparkline = list; bars = list
            switch tab {
            case 0:
                let rows = main.splitVertically([.flex(1), .fixed(min(7, max(0, main.height - 8)))])
                let cols = rows[0].splitHorizontally([.percent(60), .flex(1)])
                table = cols[0]
                let right = cols[1].splitVertically([.percent(45), .flex(1)])
                list = right[0]; details = right[1]
                if rows[1].height >= 3 {
                    let charts = rows[1].splitHorizontally([.percent(40), .flex(1)])
                    sparkline = charts[0]; bars = charts[1]
                }
                tableColumns = ["time", "post", "substance", "kg"]
            case 1:
                table = main
                tableColumns = GalleryApp.columns.map(\.id)
            default:
                table = Rect(x: 0, y: 0, width: 0, height: 0)
                details = main
                tableColumns = []
            }
        }

        /// Table body rows (inside the border, less the header).
        public var tableBodyHeight: Int { max(0, table.height - 3) }
        public var listHeight: Int { max(0, list.height - 2) }
    }

    /// Keeps the table and list states in step with the layout.
    func relayout(_ s: inout State) {
        let l = Layout(size: s.size, tab: s.tab)
        s.table.sync(s.rows.map(\.id))
        if l.tableBodyHeight > 0 { s.table.setViewport(height: l.tableBodyHeight) }
        if l.listHeight > 0 { s.list.setViewport(height: l.listHeight, count: GalleryApp.posts.count) }
    }

    public func view(_ s: State, size: Size) -> Buffer {
        let theme = s.theme
        var buf = Buffer(size: size)
        guard size.width > 0, size.height > 0 else { return buf }
        let l = Layout(size: size, tab: s.tab)
        // Title and tabs.
        let title = buf.put(" sitcen ui-gallery ", x: 0, y: 0, style: theme[.title])
        let end = Tabs(["Widgets", "Table", "Text"], selected: s.tab)
            .render(into: &buf, area: Rect(x: title + 1, y: 0, width: size.width - title - 1, height: 1), theme: theme)
        let themeNote = "theme: \(theme.name)"
        if end + themeNote.displayWidth + 2 < size.width {
            buf.put(themeNote, in: l.titleRow, style: theme[.dim], align: .right)
        }
        if !l.table.isEmpty {
            let inner = Block(title: "Reports", note: "sorted by time ▼", focused: s.focus == .table).render(into: &buf, area: l.table, theme: theme)
            Table(columns: GalleryApp.columns.choosing(l.tableColumns), rows: s.rows, id: \.id, sort: s.sort, focused: s.focus == .table)
                .render(into: &buf, area: inner, state: s.table, theme: theme)
        }
        if !l.list.isEmpty {
            let inner = Block(title: "Posts", focused: s.focus == .list).render(into: &buf, area: l.list, theme: theme)
            ListView(items: GalleryApp.posts.enumerated().map { i, p in
                [Span(p, theme[.text]), Span(i % 3 == 0 ? "  ⣿⡇" : "", theme[.dim])]
            }, focused: s.focus == .list).render(into: &buf, area: inner, state: s.list, theme: theme)
        }
        if s.tab == 2 {
            let inner = Block(title: "Text", focused: true).render(into: &buf, area: l.details, theme: theme)
            TextPanel(GalleryApp.longText, scroll: s.detailsScroll).render(into: &buf, area: inner.inset(left: 1, right: 1), theme: theme)
        } else if !l.details.isEmpty {
            let inner = Block(title: "Details", focused: s.focus == .details).render(into: &buf, area: l.details, theme: theme)
            if let r = s.rows.first(where: { $0.id == s.table.selected }) ?? s.rows.first {
                DetailsPanel([
                    .init("Post", r.post),
                    .init("Substance", "\(r.substance) (\(r.category))", role: StyleRole.category(r.category)),
                    .init("Quantity", "\(BarChart.format(r.kilograms)) kg"),
                    .init("Note", r.note),
                ], scroll: s.detailsScroll).render(into: &buf, area: inner, theme: theme)
            }
        }
        if !l.sparkline.isEmpty {
            let inner = Block(title: "Seizures per hour").render(into: &buf, area: l.sparkline, theme: theme)
            Sparkline(s.sparkline).render(into: &buf, area: inner, theme: theme)
        }
        if !l.bars.isEmpty {
            let inner = Block(title: "kg by category").render(into: &buf, area: l.bars, theme: theme)
            var totals: [String: Double] = [:]
            for r in s.rows { totals[r.category, default: 0] += r.kilograms }
            let bars = totals.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .prefix(inner.height).map { BarChart.Bar($0.key, $0.value, role: StyleRole.category($0.key)) }
            BarChart(Array(bars)).render(into: &buf, area: inner, theme: theme)
        }
        // Prompt or message line.
        if let p = s.activePrompt {
            (p == "/" ? s.search : s.command).render(into: &buf, area: l.messageRow, theme: theme)
        } else {
            buf.put(" " + s.message, in: l.messageRow, style: theme[.dim])
        }
        // Status bar.
        var left = [Span(s.focus.title, theme[.statusKey]), Span("  \(s.rows.count) rows", theme[.status])]
        if s.live { left.append(Span("  live", theme[.statusKey])) }
        let right = StatusBar.hints([("q", "quit"), ("?", "help"), ("Tab", "focus"), ("/", "search"), ("+", "rows")], theme: theme)
        StatusBar(left: left, right: right).render(into: &buf, area: l.statusRow, theme: theme)
        // Overlays.
        if s.showHelp {
            HelpOverlay(GalleryApp.keys, title: "Keys — sitcen ui-gallery", scroll: s.helpScroll).render(into: &buf, area: Rect(size), theme: theme)
        }
        if let c = s.confirm { c.render(into: &buf, area: Rect(size), theme: theme) }
        return buf
    }

    static let longText = """
    Хоргос — сухопутный пункт пропуска на границе Казахстана и Китая. Khorgos is a land crossing on the \
    Kazakhstan–China border; 霍尔果斯 is its Chinese name. Text panels wrap at word boundaries by display \
    width, so Cyrillic (one column a letter), CJK (two columns) and braille ⣿⡇⣀⣤⣶⣿ (one column) all line up.

    Hostile text is shown, never obeyed: an escape sequence \u{1B}[2J, a right-to-left override \u{202E}abc, \
    a lone carriage return \r and a bell \u{07} all become visible pictures.
    """
}

/// Messages the gallery receives on its bus.
public enum GalleryMessage: Sendable {
    /// The live feed produced a row.
    case liveRow
    /// Show a note in the message line.
    case note(String)
}
