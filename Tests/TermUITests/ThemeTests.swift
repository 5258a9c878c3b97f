import Foundation
import Testing
@testable import TermUI

@Suite("Themes")
struct ThemeTests {
    @Test func roleFallbackAndParsing() throws {
        #expect(StyleRole("cat.opiates").parent == StyleRole("cat"))
        #expect(StyleRole.text.parent == nil)
        #expect(Color(parsing: "bright-red") == .brightRed)
        #expect(Color(parsing: "brightRed") == .brightRed)
        #expect(Color(parsing: "245") == .indexed(245))
        #expect(Color(parsing: "#5fd7ff") == .rgb(0x5F, 0xD7, 0xFF))
        #expect(Color(parsing: "300") == nil)
        #expect(throws: Theme.ParseError.self) { try Theme.parse(yaml: "roles: {}") }
        #expect(throws: Theme.ParseError.self) { try Theme.parse(yaml: "name: x\nroles:\n  text: { shade: 3 }") }
        // A theme written out reads back the same.
        let again = try Theme.parse(yaml: Theme.builtIn.yaml())
        #expect(again.styles == Theme.builtIn.styles)
    }
}
