import Foundation
import Testing
import SitcenConsole
import SitcenTestSupport

/// The console's text comes from one catalogue (`Strings.swift`) with English and Russian for
/// every entry; the views write no text of their own.
@Suite struct CatalogueTests {
    static let sources = SitcenBinary.packageRoot.appendingPathComponent("Sources/SitcenConsole")

    @Test func everyEntryHasEnglishAndRussian() throws {
        let text = try String(contentsOf: Self.sources.appendingPathComponent("Strings.swift"), encoding: .utf8)
        let pair = try Regex(#"t\("((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)"#)
        var count = 0
        for m in text.matches(of: pair) {
            let en = String(m.output[1].substring ?? ""), ru = String(m.output[2].substring ?? "")
            count += 1
            #expect(!en.trimmingCharacters(in: .whitespaces).isEmpty, "an entry without English: \(ru)")
            #expect(!ru.trimmingCharacters(in: .whitespaces).isEmpty, "an entry without Russian: \(en)")
            // Russian in Russian: Cyrillic, unless the entry is only signs and codes (P50, MASE, —).
            let letters = en.unicodeScalars.filter { CharacterSet.letters.contains($0) }.count
            if letters > 3 { #expect(ru.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "not translated: \(en) → \(ru)") }
        }
        #expect(count > 200)
    }

    @Test func viewsWriteNoTextOfTheirOwn() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.sources.path).filter { $0.hasSuffix(".swift") && $0 != "Strings.swift" }
        let label = try Regex(#"\.init\("[A-Za-z]"#)
        for f in files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(f), encoding: .utf8)
            #expect(!text.contains(".t(\""), "\(f) writes a translation of its own")
            #expect(text.firstMatch(of: label) == nil, "\(f) labels a detail in English only")
        }
    }
}
