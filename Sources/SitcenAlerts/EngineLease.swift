import Foundation
import GRDB
import SitcenDomain

/// Which process runs the engine: one row, `engine_lease(holder, expires)`. The holder renews
/// it; another runner takes it over only once it expired, or when its holder is a process of
/// this machine that is gone (killed). Everyone else only reads the alerts (and acts on them:
/// actions are serialised through the checkpoint's generation, not the lease).
enum EngineLease {
    /// `host:pid:random`, unique per runner.
    static func newHolder() -> String {
        "\(hostName()):\(getpid()):\(UInt32.random(in: 0...UInt32.max))"
    }

    static func hostName() -> String {
        var buf = [CChar](repeating: 0, count: 256)
        gethostname(&buf, 255)
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The current holder, if the lease is in force at `now`.
    static func holder(_ db: Database, now: Timestamp) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: "SELECT holder, expires_ms FROM engine_lease WHERE id = 1") else { return nil }
        let holder: String = row["holder"]
        let expires: Int64 = row["expires_ms"]
        if expires <= now.millis || isDeadLocal(holder) { return nil }
        return holder
    }

    /// Takes or renews the lease for `holder` until `now + ttl`. Returns the other holder when
    /// someone else has it.
    static func acquire(_ db: Database, holder: String, now: Timestamp, ttl: Int64) throws -> String? {
        if let other = try self.holder(db, now: now), other != holder { return other }
        try db.execute(sql: """
            INSERT INTO engine_lease(id, holder, acquired_ms, expires_ms) VALUES (1, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET holder = excluded.holder, expires_ms = excluded.expires_ms,
                acquired_ms = CASE WHEN engine_lease.holder = excluded.holder THEN engine_lease.acquired_ms ELSE excluded.acquired_ms END
            """, arguments: [holder, now.millis, now.millis + ttl * 1000])
        return nil
    }

    static func release(_ db: Database, holder: String) throws {
        try db.execute(sql: "DELETE FROM engine_lease WHERE id = 1 AND holder = ?", arguments: [holder])
    }

    /// A holder of this machine whose process no longer exists.
    static func isDeadLocal(_ holder: String) -> Bool {
        let parts = holder.split(separator: ":")
        guard parts.count == 3, String(parts[0]) == hostName(), let pid = Int32(parts[1]) else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
