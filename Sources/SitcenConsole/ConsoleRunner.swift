import SitcenConsoleData
import Foundation
import SitcenDomain
import SitcenMap
import SitcenStore
import TermUI

/// Runs the console on the terminal: the program loop, and a watcher that follows the store.
public enum ConsoleRunner {
    public struct Options: Sendable {
        public var op: Operator
        public var strings: Strings
        public var themeName: String?
        public var offset: Int32
        public var silentAfter: Int64
        /// The longest the watcher waits for a wake-up (inotify on the store, the stream)
        /// before it looks anyway: the fallback poll where wake-ups are missed.
        public var watchInterval: Double
        /// Where the basemap is (SampleData/geo); nil: the map pane says it is missing.
        public var geoDirectory: String?
        /// Draw the map in ASCII.
        public var ascii = false

        public init(op: Operator, strings: Strings, themeName: String?, offset: Int32,
                    silentAfter: Int64 = 6 * 3600, watchInterval: Double = 30) {
            self.op = op; self.strings = strings; self.themeName = themeName; self.offset = offset
            self.silentAfter = silentAfter; self.watchInterval = watchInterval
        }
    }

    public static func initialState(source: any ConsoleSource, options: Options, theme: Theme, themeName: String) -> ConsoleState {
        ConsoleState(strings: options.strings, theme: theme, themeName: themeName, op: options.op,
                     sourceLabel: source.label, offset: options.offset, silentAfter: options.silentAfter, now: .now())
    }

    /// Runs until the operator quits; returns how it ended.
    public static func run(source: any ConsoleSource, options: Options) throws -> ExitReason {
        let loader = ThemeLoader()
        let (loaded, warning) = loader.load(options.themeName)
        if let warning { FileHandle.standardError.write(Data(("sitcen: " + warning + "\n").utf8)) }
        let theme = loader.noColor ? loaded.monochrome : loaded
        let noColor = loader.noColor
        let app = ConsoleApp(source: source, strings: options.strings, themes: { name in
            let (t, w) = ThemeLoader().load(name)
            guard w == nil else { return nil }
            return noColor ? t.monochrome : t
        })
        var state = initialState(source: source, options: options, theme: theme, themeName: loaded.name)
        if let dir = options.geoDirectory { state.geo = try? GeoData.load(directory: dir) }
        state.ascii = options.ascii
        state.followsAlerts = source.followsAlerts
        state.map.layers.russian = options.strings.language == .ru
        state.storeVersion = (try? source.storeVersion()) ?? StoreVersion()
        state.link = source.link
        let program = Program(app, state: state, options: ProgramOptions(minimumSize: state.minimumSize, theme: theme, noColor: noColor))
        let bus = program.bus
        let watcher = Watcher(source: source, interval: options.watchInterval, initial: state.storeVersion, link: state.link) { version in
            bus.post(.changed(version, now: .now()))
        } onLink: { link in
            bus.post(.link(link, now: .now()))
        }
        watcher.start()
        defer { watcher.stop() }
        return try program.run()
    }
}

/// Follows the store from a thread of its own. It sleeps until the source says something may
/// have changed (inotify on a local store's files, the stream for a remote console), then runs
/// a cheap query (the newest sequence number and quarantine entry); a change is posted to the
/// console's bus with the time. This sees commits by any process (another `sitcen ingest`,
/// `sitcen serve`, the demo feed) and costs nothing while nothing arrives.
final class Watcher: @unchecked Sendable {
    private let source: any ConsoleSource
    private let interval: Double
    private let onChange: @Sendable (StoreVersion) -> Void
    private let onLink: @Sendable (LinkStatus?) -> Void
    private var last: StoreVersion
    private var lastLink: LinkStatus?
    private let lock = NSLock()
    private var stopped = false

    init(source: any ConsoleSource, interval: Double, initial: StoreVersion, link: LinkStatus? = nil,
         onChange: @escaping @Sendable (StoreVersion) -> Void, onLink: @escaping @Sendable (LinkStatus?) -> Void = { _ in }) {
        self.source = source; self.interval = interval; self.last = initial; self.onChange = onChange
        self.lastLink = link; self.onLink = onLink
    }

    func start() {
        let t = Thread { [self] in loop() }
        t.name = "sitcen-watcher"
        t.start()
    }

    func stop() { lock.withLock { stopped = true } }

    private func loop() {
        while !lock.withLock({ stopped }) {
            if let version = try? source.storeVersion(), version != last {
                last = version
                onChange(version)
            }
            let link = source.link
            if link != lastLink {
                lastLink = link
                onLink(link)
            }
            source.waitForChange(timeout: interval)
        }
    }
}
