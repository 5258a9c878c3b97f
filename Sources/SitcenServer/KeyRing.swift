import Foundation
import Logging
import SitcenKeys

/// The keys file as the server sees it: read at start, and read again (at most once a second)
/// when its modification time, size or inode changes, so `sitcen keys add-post` takes effect
/// without a restart. A file that became unreadable or invalid keeps the last good keys.
public final class KeyRing: Sendable {
    private struct State {
        var keys: KeysFile
        var stamp: [Int64]
        var checkedAt: UInt64
    }
    public let path: String
    private let state: Locked<State>
    private let logger: Logger

    public init(path: String, logger: Logger = Logger(label: "sitcen.keys")) throws {
        self.path = path
        self.logger = logger
        let keys = try KeysFile.load(path: path)
        state = Locked(State(keys: keys, stamp: KeyRing.stamp(path), checkedAt: Clock.monotonicNanos()))
    }

    static func stamp(_ path: String) -> [Int64] {
        var st = stat()
        guard stat(path, &st) == 0 else { return [] }
        return [Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec), Int64(st.st_size), Int64(st.st_ino)]
    }

    /// The keys now in force.
    public var current: KeysFile {
        let now = Clock.monotonicNanos()
        return state.withLock { s in
            guard now &- s.checkedAt > 1_000_000_000 else { return s.keys }
            s.checkedAt = now
            let stamp = KeyRing.stamp(path)
            guard stamp != s.stamp, !stamp.isEmpty else { return s.keys }
            do {
                s.keys = try KeysFile.load(path: path)
                s.stamp = stamp
                logger.info("keys file read again: \(s.keys.posts.count) posts, \(s.keys.operators.count) operators")
            } catch {
                logger.error("keys file changed but cannot be used, keeping the previous keys: \(error)")
                s.stamp = stamp
            }
            return s.keys
        }
    }
}
