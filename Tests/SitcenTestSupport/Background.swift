import Foundation

/// A program running in the background while a test drives something else (e.g. `sitcen serve`),
/// its standard output and error appended to a log file. It is killed (SIGKILL) and reaped when
/// the test calls `kill()` or drops it, so a failing test leaves no server behind.
///
/// ```swift
/// let server = try BackgroundProcess(SitcenBinary.path, ["serve", ...], log: dir.appendingPathComponent("serve.log").path)
/// defer { server.kill() }
/// ```
public final class BackgroundProcess: @unchecked Sendable {
    public let pid: pid_t
    public let logPath: String
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments` (stdin from /dev/null, stdout and stderr appended to
    /// `log`), with the test's environment plus `environment`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], log: String) throws {
        logPath = log
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // Its own process group: a Ctrl-C at the terminal running the tests goes to the tests.
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attr, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attr, argv, envp)
        guard rc == 0 else {
            throw BackgroundProcessError("cannot start \(executable): posix_spawn returned \(rc) (\(String(cString: strerror(rc))))")
        }
        pid = child
    }

    deinit { kill() }

    /// True until the process has exited (it is reaped here when it has).
    public var isRunning: Bool {
        lock.withLock {
            guard exitStatus == nil else { return false }
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { exitStatus = Self.decode(status); return false }
            return r == 0
        }
    }

    /// Its exit status once it has ended (128 + signal when a signal ended it), else nil.
    public var status: Int32? { _ = isRunning; return lock.withLock { exitStatus } }

    /// Sends `signal` (e.g. SIGKILL, SIGTERM) if it is still running.
    public func send(_ signal: Int32) {
        guard isRunning else { return }
        _ = sendSignal(pid, signal)
    }

    /// Waits up to `seconds` for it to end; its exit status, or nil if it is still running.
    @discardableResult
    public func wait(seconds: Double) -> Int32? {
        let end = Date().addingTimeInterval(seconds)
        while isRunning {
            if Date() >= end { return nil }
            usleep(20_000)
        }
        return status
    }

    /// SIGKILL, then reap. Safe to call twice, and after it ended on its own.
    public func kill() {
        send(SIGKILL)
        _ = wait(seconds: 10)
    }

    /// What it wrote so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    private static func decode(_ status: Int32) -> Int32 {
        status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

/// A failure to set up a background program, in words.
public struct BackgroundProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// `kill(2)`, outside the class whose `kill()` would shadow it.
private func sendSignal(_ pid: pid_t, _ signal: Int32) -> Int32 { kill(pid, signal) }
