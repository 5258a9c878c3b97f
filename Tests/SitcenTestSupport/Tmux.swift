import Foundation

/// A program running in a detached tmux session of a known size, for end-to-end tests of
/// full-screen screens: start it, send keys, read the screen, resize, kill.
///
/// Each test process uses its own tmux server (`-L sitcen-test-<pid>`, no config file), so tests
/// never touch a user's tmux. Session names are unique. The program runs with
/// `LANG=C.UTF-8 TERM=xterm-256color` (plus any `environment` given) and its stdout is the pane:
/// do not redirect it.
///
/// ```swift
/// let t = try Tmux(width: 100, height: 30, command: [SitcenBinary.path, "ui-gallery"])
/// defer { t.kill() }
/// try t.waitFor("Хоргос")
/// t.sendKeys("?")
/// let screen = t.capture()
/// ```
public final class Tmux: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case tmuxMissing
        case command([String], status: Int32, stderr: String)
        case timeout(waitingFor: String, screen: String)
        public var description: String {
            switch self {
            case .tmuxMissing: return "tmux is not installed"
            case .command(let args, let status, let err): return "tmux \(args.joined(separator: " ")) failed (\(status)): \(err)"
            case .timeout(let what, let screen): return "timed out waiting for \(what); the screen was:\n\(screen)"
            }
        }
    }

    /// Where tmux is, or nil.
    public static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    public static var isAvailable: Bool { executable != nil }

    /// The tmux server socket name for this test process.
    public static let socket = "sitcen-test-\(ProcessInfo.processInfo.processIdentifier)"
    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()

    public let session: String
    public private(set) var width: Int
    public private(set) var height: Int
    private var killed = false

    /// Starts `command` (argv; quoted for the shell here) in a new session `width × height`.
    public convenience init(width: Int, height: Int, command: [String], environment: [String: String] = [:]) throws {
        try self.init(width: width, height: height, shell: command.map(Tmux.quote).joined(separator: " "), environment: environment)
    }

    /// Starts a shell command line (run by `sh -c`) in a new session `width × height`, e.g.
    /// `"\(bin) ui-gallery; echo EXITED:$?; sleep 60"`. The environment is set with `env`, so the
    /// program itself sees it.
    public init(width: Int, height: Int, shell: String, environment: [String: String] = [:]) throws {
        guard Tmux.isAvailable else { throw Failure.tmuxMissing }
        Tmux.lock.lock(); Tmux.counter += 1; let n = Tmux.counter; Tmux.lock.unlock()
        session = "t\(n)-\(UUID().uuidString.prefix(6))"
        self.width = width
        self.height = height
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        for (k, v) in environment { env[k] = v }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        let line = "exec env \(assignments) sh -c \(Tmux.quote(shell))"
        // The server exits when its last session ends; a session started just then meets a dying
        // server ("server exited unexpectedly"), so try again a few times.
        var attempt = 0
        while true {
            do {
                try run(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), line])
                break
            } catch Failure.command(_, _, let stderr) where attempt < 20 && stderr.contains("server exited") {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        // Keep the server's window size as set, whatever clients come and go.
        _ = try? run(["set-option", "-t", session, "window-size", "manual"])
    }

    deinit { kill() }

    // MARK: input

    /// Sends tmux key names: `"q"`, `"?"`, `"Enter"`, `"Escape"`, `"C-c"`, `"Up"`, `"BTab"`, `"F1"`.
    public func sendKeys(_ keys: String...) { for k in keys { _ = try? run(["send-keys", "-t", session, k]) } }

    /// Types `text` literally (UTF-8, Cyrillic included).
    public func type(_ text: String) { _ = try? run(["send-keys", "-t", session, "-l", text]) }

    // MARK: output

    /// The visible screen as text (`capture-pane -p`); with `escapes`, with colours as SGR (`-e`).
    public func capture(escapes: Bool = false) -> String {
        (try? run(["capture-pane", "-p", "-t", session] + (escapes ? ["-e"] : []))) ?? ""
    }

    /// Polls the screen every 50 ms until `predicate` holds; returns that screen or throws with
    /// the last screen seen.
    @discardableResult
    public func waitUntil(_ what: String = "condition", timeout: Double = 10, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !predicate(screen) {
            if Date() >= deadline { throw Failure.timeout(waitingFor: what, screen: screen) }
            Thread.sleep(forTimeInterval: 0.05)
            screen = capture()
        }
        return screen
    }

    /// Waits until `text` is on the screen.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        try waitUntil("“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `text` is no longer on the screen.
    @discardableResult
    public func waitForAbsence(_ text: String, timeout: Double = 10) throws -> String {
        try waitUntil("“\(text)” to go", timeout: timeout) { !$0.contains(text) }
    }

    /// A tmux format for the pane, e.g. `#{pane_pid}`, `#{alternate_on}`, `#{pane_dead}`.
    public func query(_ format: String) -> String {
        ((try? run(["display-message", "-p", "-t", session, format])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of the pane's process: `sh` running the command line, or the program itself when
    /// the line is one simple command (sh then execs it). A program run by a longer line is a
    /// child of that pid (see /proc/PID/task/PID/children).
    public var pid: Int32? { Int32(query("#{pane_pid}")) }

    /// The pid of the program under test: the pane's process, or its first child when the pane
    /// runs a shell line around it (`prog; echo EXITED:$?`).
    public var programPID: Int32? {
        guard let p = pid else { return nil }
        let children = (try? String(contentsOfFile: "/proc/\(p)/task/\(p)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) } ?? p
    }

    /// True while the pane shows the alternate screen (a full-screen program is up).
    public var alternateScreen: Bool { query("#{alternate_on}") == "1" }

    // MARK: control

    /// Resizes the window (the program gets SIGWINCH).
    public func resize(width: Int, height: Int) {
        self.width = width; self.height = height
        _ = try? run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Ends the session (and the program in it). Safe to call twice.
    public func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-session", "-t", session])
    }

    /// Runs a tmux command on this test process's server; returns its stdout.
    @discardableResult
    public func run(_ args: [String]) throws -> String {
        try Tmux.run(args)
    }

    @discardableResult
    public static func run(_ args: [String]) throws -> String {
        guard let exe = executable else { throw Failure.tmuxMissing }
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"; env["LC_ALL"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        let r = try spawn(exe, ["-u", "-L", socket, "-f", "/dev/null"] + args, environment: env)
        guard r.status == 0 else { throw Failure.command(args, status: r.status, stderr: r.stderr) }
        return r.stdout
    }

    /// Runs a program to completion with posix_spawn and waitpid, its output in temporary files.
    /// (Not `Process` or pipes: the tmux server that the first command starts as a daemon keeps
    /// the command's descriptors, so a pipe never reaches end of file, and Foundation's `Process`
    /// can wait forever for such a command.)
    static func spawn(_ exe: String, _ args: [String], environment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let dir = NSTemporaryDirectory()
        let tag = UUID().uuidString
        let outPath = dir + "/tmux-\(tag).out", errPath = dir + "/tmux-\(tag).err"
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, nil, argv, envp)
        guard rc == 0 else { throw Failure.command(args, status: rc, stderr: "posix_spawn failed") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0
        let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return (code, out, err)
    }

    /// Quotes `s` for `sh`.
    public static func quote(_ s: String) -> String {
        if !s.isEmpty && s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }) && s.allSatisfy(\.isASCII) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
