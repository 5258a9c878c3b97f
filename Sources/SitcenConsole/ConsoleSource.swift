import Foundation
import SitcenDomain
import SitcenStore
import SitcenText

/// Where the console's data comes from. The views never know which implementation they draw
/// from: today the local store, later a centre's API for remote BLO consoles.
public protocol ConsoleSource: Sendable {
    /// Shown in the status bar: the store's path or the server's address.
    var label: String { get }
    var registry: Registry { get }
    /// Newest first: reports matching `query` (SQL-side filters) with `seq < beforeSeq`.
    func reports(_ query: ReportQuery) throws -> [LoggedReport]
    func postStatus() throws -> [PostStatus]
    func dailyCounts(by column: String, since: Timestamp, offset: Int32, sector: String?) throws -> [DailyCount]
    func countReports(since: Timestamp, sector: String?) throws -> Int
    func quarantinePending() throws -> Int
    func changeToken() throws -> ChangeToken
    func history(post: String, id: String) throws -> [LoggedReport]
    /// Seizures for the map: only where, what category and how much.
    func seizurePoints(_ query: ReportQuery) throws -> [SeizurePoint]
}

/// The console on a local SQLite store.
public struct LocalStoreSource: ConsoleSource {
    public let store: SQLiteStore
    public let registry: Registry
    public var label: String { store.path }

    public init(store: SQLiteStore, registry: Registry) { self.store = store; self.registry = registry }

    public func reports(_ query: ReportQuery) throws -> [LoggedReport] { try store.reports(query) }
    public func postStatus() throws -> [PostStatus] { try store.postStatus() }
    public func dailyCounts(by column: String, since: Timestamp, offset: Int32, sector: String?) throws -> [DailyCount] {
        try store.dailyCounts(by: column, since: since, offset: offset, sector: sector)
    }
    public func countReports(since: Timestamp, sector: String?) throws -> Int { try store.countReports(since: since, sector: sector) }
    public func quarantinePending() throws -> Int { try store.quarantinePending() }
    public func changeToken() throws -> ChangeToken { try store.changeToken() }
    public func history(post: String, id: String) throws -> [LoggedReport] { try store.history(post: post, id: id) }
    public func seizurePoints(_ query: ReportQuery) throws -> [SeizurePoint] { try store.seizurePoints(query) }
}

/// Free-text search over reports, case- and script-insensitive (`хоргос` finds Khorgos): the
/// report's text fields, its post's code and names, and the canonical substance.
public struct TextMatcher: Sendable {
    public let needle: String
    private let postKeys: [String: String]

    public init(_ text: String, registry: Registry) {
        needle = Fold.key(text.trimmingSpaces())
        var keys: [String: String] = [:]
        for p in registry.posts { keys[p.code] = Fold.key("\(p.code) \(p.nameEn) \(p.nameRu) \(p.sector)") }
        postKeys = keys
    }

    public func matches(_ l: LoggedReport) -> Bool {
        if needle.isEmpty { return true }
        let r = l.report
        if let k = postKeys[r.post], k.contains(needle) { return true }
        for field in [r.place, r.summary, r.substance, l.substanceCanonical, r.concealment, r.conveyance, r.vehicle, r.id] {
            if let f = field, Fold.key(f).contains(needle) { return true }
        }
        return false
    }
}
