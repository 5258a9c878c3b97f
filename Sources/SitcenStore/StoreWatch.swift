import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A wake-up that one thread waits on and any other rings: what a console, a stream or a
/// follower waits on instead of polling on a timer. Rings while nobody waits are kept (once).
public final class ChangeBell: @unchecked Sendable {
    private let condition = NSCondition()
    private var rung = false

    public init() {}

    public func ring() {
        condition.lock()
        rung = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until rung or `timeout` seconds pass; true if rung.
    @discardableResult
    public func wait(timeout: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !rung {
            if !condition.wait(until: deadline) { break }
        }
        let was = rung
        rung = false
        return was
    }
}

/// Wakes when another process commits to a SQLite store: inotify on the store's folder for
/// writes to the database file and its write-ahead log, so an idle console uses no CPU at all
/// between commits (a 100 ms poll cost 0.6 % of a core). Where inotify is not available (or
/// misses a change, as on some network file systems), `wait` returns at its timeout and the
/// caller looks anyway: the timeout is the fallback poll.
public final class StoreWatch: @unchecked Sendable {
    private let dir: String
    private let names: Set<String>
    private let lock = NSLock()
    /// The inotify descriptor, made at the first wait (a store that is never waited on costs
    /// no descriptor); -1 where inotify is not available.
    private var fd: Int32?

    public init(path: String) {
        let url = URL(fileURLWithPath: path)
        dir = url.deletingLastPathComponent().path
        let base = url.lastPathComponent
        names = [base, base + "-wal", base + "-journal"]
    }

    deinit { if let fd, fd >= 0 { close(fd) } }

    /// True when inotify watches the store's folder (false: only timeouts wake).
    public var watching: Bool { descriptor() >= 0 }

    private func descriptor() -> Int32 {
        lock.lock(); defer { lock.unlock() }
        if let fd { return fd }
        var made: Int32 = -1
        #if canImport(Glibc)
        made = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if made >= 0 {
            let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE)
            if inotify_add_watch(made, dir, mask) < 0 { close(made); made = -1 }
        }
        #endif
        fd = made
        return made
    }

    /// Waits until a file of the store changes or `timeout` seconds pass. True if a change woke it.
    /// Changes that arrive together are taken as one.
    @discardableResult
    public func wait(timeout: Double) -> Bool {
        let fd = descriptor()
        guard fd >= 0 else {
            Thread.sleep(forTimeInterval: timeout)
            return false
        }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ms = Int32(max(0, min(Double(Int32.max), timeout * 1000)))
        let n = poll(&pfd, 1, ms)
        guard n > 0 else { return false }
        return drain(fd)
    }

    /// Reads every pending event; true if one concerns the store's files.
    private func drain(_ fd: Int32) -> Bool {
        var hit = false
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard got > 0 else { break }
            var at = 0
            let header = MemoryLayout<inotify_event>.size
            while at + header <= got {
                // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[]; }
                let len = buffer.withUnsafeBytes { raw -> Int in
                    Int(raw.load(fromByteOffset: at + 12, as: UInt32.self))
                }
                if len > 0 {
                    let nameBytes = buffer[(at + header)..<min(got, at + header + len)]
                    let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                    if names.contains(name) { hit = true }
                }
                at += header + len
            }
        }
        return hit
    }
}
