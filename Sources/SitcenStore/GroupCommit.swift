import GRDB
import SitcenDomain

/// The items of one source (one HTTP request, one file batch) within a group commit.
public struct CommitGroup: Sendable {
    public var items: [IngestItem]
    public var source: SourceRef
    public init(items: [IngestItem], source: SourceRef) { self.items = items; self.source = source }
}

extension SQLiteStore {
    /// Commits several sources' batches in ONE transaction (one disk sync for all of them): the
    /// HTTP server's group commit. The outcomes come back in the order of `groups`; either every
    /// group is stored or none is. Later groups see what earlier ones stored (a report sent in two
    /// concurrent requests is accepted once and counted as a duplicate once).
    public func commit(groups: [CommitGroup], at now: Timestamp = .now()) throws -> [[ItemOutcome]] {
        try pool.write { db in
            try groups.map { g in try Appender(db: db, source: g.source, now: now).run(g.items) }
        }
    }
}
