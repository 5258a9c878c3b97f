import Foundation
import Logging
import SitcenAlerts
import SitcenDomain
import SitcenStore

/// The alert store on a store, and an engine runner in this process when rules are given.
/// The runner takes the store's engine lease; if `sitcen serve` holds it, this one waits as a
/// standby and the console still follows the alerts that the server's engine writes.
struct LocalAlerts {
    let store: AlertStore
    let runner: EngineRunner?
    /// Wakes the runner when another process commits (inotify on the store).
    let waker: StoreWaker?

    init(store db: SQLiteStore, registry: Registry, rulesFolder: String?) throws {
        do { store = try AlertStore(store: db, registry: registry) } catch {
            throw CLIError("cannot open the alert tables in \(db.path): \(error)")
        }
        if let rulesFolder {
            // The runner wakes when the store changes (a report committed by any process shows
            // as an alert within a fraction of a second) and every 10 s for the clock's
            // deadlines (escalations, silent posts). Its lease is renewed once a minute (a write,
            // which wakes every console on the store): idle, it costs next to nothing. A console
            // that dies hands the engine to another within two minutes.
            var options = EngineRunner.Options()
            options.pollInterval = 10
            options.leaseTTL = 120
            let r = EngineRunner(alerts: store, rulesFolder: rulesFolder, options: options)
            // The console owns the terminal: the runner must not write log lines to it.
            r.logger = Logger(label: "sitcen.engine", factory: { _ in SwiftLogNoOpLogHandler() })
            runner = r
            waker = StoreWaker(path: db.path) { [weak r] in r?.wake() }
        } else {
            runner = nil
            waker = nil
        }
    }

    func start() { runner?.start(); waker?.start() }
    func stop() { waker?.stop(); runner?.stop() }
}

/// A thread that waits for the store's files to change and calls `wake`.
final class StoreWaker: @unchecked Sendable {
    private let watch: StoreWatch
    private let wake: @Sendable () -> Void
    private let lock = NSLock()
    private var stopped = false

    init(path: String, wake: @escaping @Sendable () -> Void) {
        watch = StoreWatch(path: path)
        self.wake = wake
    }

    func start() {
        let t = Thread { [self] in
            while !lock.withLock({ stopped }) {
                if watch.wait(timeout: 30) { wake() }
            }
        }
        t.name = "sitcen-store-waker"
        t.start()
    }

    func stop() { lock.withLock { stopped = true } }
}

extension LocalAlerts {
    /// `--rules DIR`, else `$XDG_CONFIG_HOME/sitcen/rules` when it exists.
    static func rulesFolder(explicit: String?) -> String? {
        if let explicit { return explicit }
        let env = ProcessInfo.processInfo.environment
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? (env["HOME"] ?? NSHomeDirectory()) + "/.config"
        let dir = config + "/sitcen/rules"
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue ? dir : nil
    }
}
