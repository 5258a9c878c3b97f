import Foundation
import SitcenDomain
import SitcenStore

/// A store in a fresh temporary folder, and the sample registry.
public enum TestStore {
    public static func make(_ label: String = "store", durability: Durability = .normal) throws -> (SQLiteStore, URL) {
        let dir = SitcenBinary.temporaryDirectory(label)
        let store = try SQLiteStore(path: dir.appendingPathComponent("sitcen.sqlite").path, durability: durability)
        return (store, dir)
    }

    /// The bundled sample registry (SampleData/posts.csv).
    public static func sampleRegistry() throws -> Registry {
        let path = SitcenBinary.packageRoot.appendingPathComponent("SampleData/posts.csv").path
        return try Registry.parseCSV(try String(contentsOfFile: path, encoding: .utf8), source: path)
    }

    /// Writes `lines` to a file in `dir` and returns its path.
    public static func write(_ lines: [String], to dir: URL, name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A simple valid report line for `post`.
    public static func line(id: String, post: String = "KZ-KHR", revision: Int? = nil, quantity: Double = 2,
                            summary: String? = nil, reportedAt: String? = nil) -> String {
        var s = #"{"id":"\#(id)","post":"\#(post)","type":"seizure","observed_at":"2026-11-20T14:05:00+05:00","substance":"героин","quantity":\#(quantity),"unit":"kg""#
        if let revision { s += #","revision":\#(revision)"# }
        if let summary { s += #","summary":"\#(summary)""# }
        if let reportedAt { s += #","reported_at":"\#(reportedAt)""# }
        return s + "}"
    }
}
