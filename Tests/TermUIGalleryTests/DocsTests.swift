import Foundation
import Testing
import TermUI
@testable import TermUIGallery

@Suite("Docs")
struct DocsTests {
    /// Docs/terminal-engine.md carries the gallery's key reference, generated from its KeyTable.
    @Test func keyReferenceIsGeneratedFromTheKeyTable() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/terminal-engine.md")
        let doc = try String(contentsOf: url, encoding: .utf8)
        let expected = GalleryApp.keys.markdown(title: "Gallery keys", level: 3)
        let begin = try #require(doc.range(of: "<!-- keys:begin -->\n"))
        let end = try #require(doc.range(of: "<!-- keys:end -->"))
        let current = String(doc[begin.upperBound..<end.lowerBound])
        if current != expected {
            // Write the expected text where it can be pasted from.
            try? expected.write(toFile: NSTemporaryDirectory() + "/sitcen-gallery-keys.md", atomically: true, encoding: .utf8)
        }
        #expect(current == expected, "regenerate the key reference: see \(NSTemporaryDirectory())sitcen-gallery-keys.md")
    }
}
