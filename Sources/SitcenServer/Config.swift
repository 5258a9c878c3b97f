import Foundation

/// How the centre's server runs: where it listens, its limits, where the drop folder is.
public struct ServerConfig: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests); the port in use is passed to `onRunning`.
    public var port = 8470
    /// The keys file: post keys and operator token hashes. Read again when it changes.
    public var keysPath: String
    /// The drop folder (`inbox/`, `archive/`), if any.
    public var spoolDirectory: String?
    public var spoolPollMilliseconds = 500
    /// HTTPS: the server's certificate (PEM; the chain in order, the server's own first) and its
    /// private key (PEM, unencrypted). Both or neither: without them the server speaks plain HTTP,
    /// which is meant for loopback or behind a reverse proxy that terminates TLS.
    public var tlsCertPath: String?
    public var tlsKeyPath: String?

    public var maxLines = 10_000
    public var maxBodyBytes = 16 << 20
    /// A signed timestamp further than this from the server's clock is refused (401).
    public var maxSkewSeconds: Int64 = 300
    /// A signature seen within this window is a replay (409).
    public var replayWindowSeconds: Int64 = 600
    /// Signatures kept for replay detection at most (the oldest go first).
    public var replayCacheCapacity = 200_000
    /// Each post's token bucket: requests a second, and the burst it may send at once.
    public var ratePerSecond = 20.0
    public var rateBurst = 40.0
    /// Items in one group commit at most; more wait for the next one.
    public var maxItemsPerCommit = 50_000
    /// `/v1/reports` pages for operators: the default and largest `limit`.
    public var defaultPageSize = 100
    public var maxPageSize = 1000

    public init(keysPath: String) { self.keysPath = keysPath }
}

/// A value behind a lock, for state shared by request handlers.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Seconds on the wall clock (Unix time) and a monotonic clock for durations.
enum Clock {
    static func unixSeconds() -> Int64 { Int64(Date().timeIntervalSince1970) }
    static func monotonicNanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
