import Foundation

/// Loopback ports for a server started by a test (named so as not to clash with
/// `SitcenSender.Loopback` in targets that import both).
public enum TestPorts {
    /// A TCP port on 127.0.0.1 that is free now (the kernel's pick).
    public static func free() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = address(port: 0)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// A free port outside Linux's ephemeral range (32768–60999), for a server that a test stops
    /// and starts again on the same port: a port from the ephemeral range may be handed to
    /// another test's listener or connection while this server is down.
    public static func freeForRestart() -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20_000..<32_000)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = address(port: port)
            let ok = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            } == 0
            close(fd)
            if ok { return port }
        }
        return free()
    }

    /// Waits until 127.0.0.1:`port` accepts connections; false after `seconds`, or at once when
    /// `while` says the server is gone (e.g. its process has exited).
    public static func waitListening(port: Int, seconds: Double = 30, while alive: () -> Bool = { true }) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = address(port: port)
            let rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if rc == 0 { return true }
            if !alive() { return false }
            usleep(50_000)
        }
        return false
    }

    static func address(port: Int) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return addr
    }
}

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
