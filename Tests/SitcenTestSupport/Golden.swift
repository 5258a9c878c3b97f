import Foundation

/// The one golden-file check of the test suite: a screen, a map or a SITREP compared with the
/// text kept in the repository. A missing golden fails (it is never written silently); after a
/// deliberate change, `SITCEN_UPDATE_GOLDEN=1 swift test --filter NAME` rewrites the goldens,
/// and the diff is reviewed by eye before it is committed.
public enum Golden {
    /// Nil when `text` equals the golden at `url` (or it was rewritten on request); else what
    /// differs: the first differing line, and where this run's text was written.
    public static func mismatch(_ text: String, golden url: URL) -> String? {
        if ProcessInfo.processInfo.environment["SITCEN_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        let name = url.lastPathComponent
        let actual = FileManager.default.temporaryDirectory.appendingPathComponent("sitcen-golden-" + name)
        guard let want = try? String(contentsOf: url, encoding: .utf8) else {
            try? text.write(to: actual, atomically: true, encoding: .utf8)
            return "no golden \(name) (this run's text is in \(actual.path)): write it with SITCEN_UPDATE_GOLDEN=1, then review it by eye"
        }
        if want == text { return nil }
        try? text.write(to: actual, atomically: true, encoding: .utf8)
        let a = want.components(separatedBy: "\n"), b = text.components(separatedBy: "\n")
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : "∅") != (i < b.count ? b[i] : "∅") {
            return "\(name): line \(i + 1) differs (this run's text is in \(actual.path)):\n want: \(i < a.count ? a[i] : "∅")\n  got: \(i < b.count ? b[i] : "∅")"
        }
        return "\(name) differs"
    }
}
