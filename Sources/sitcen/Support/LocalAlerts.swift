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

    init(store db: SQLiteStore, registry: Registry, rulesFolder: String?) throws {
        do { store = try AlertStore(store: db, registry: registry) } catch {
            throw CLIError("cannot open the alert tables in \(db.path): \(error)")
        }
        if let rulesFolder {
            // Look at the log every 100 ms when idle (one index lookup): a report POSTed to the
            // server shows as an alert on the consoles within a fraction of a second.
            var options = EngineRunner.Options()
            options.pollInterval = 0.1
            let r = EngineRunner(alerts: store, rulesFolder: rulesFolder, options: options)
            // The console owns the terminal: the runner must not write log lines to it.
            r.logger = Logger(label: "sitcen.engine", factory: { _ in SwiftLogNoOpLogHandler() })
            runner = r
        } else {
            runner = nil
        }
    }

    func start() { runner?.start() }
    func stop() { runner?.stop() }

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
