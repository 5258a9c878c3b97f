import Testing
import TermUI
import TermUIGallery

/// The gallery's key table in the help overlay.
@Suite("Gallery keys")
struct GalleryKeysTests {
    let plainTheme = Theme(name: "test", styles: ["text": .plain])

    @Test func everyEntryShowsAndScrolls() {
        // The gallery's own table: every entry shows on a tall enough screen, and it has no clashes.
        var big = Buffer(width: 100, height: 60)
        HelpOverlay(GalleryApp.keys).render(into: &big, area: big.area, theme: plainTheme)
        for bnd in GalleryApp.keys.bindings { #expect(big.contains(bnd.description), "\(bnd.description)") }
        #expect(GalleryApp.keys.conflicts().isEmpty)
        // On a short screen it scrolls instead of overflowing.
        var short = Buffer(width: 100, height: 12)
        HelpOverlay(GalleryApp.keys).render(into: &short, area: short.area, theme: plainTheme)
        #expect(short.contains("↓ more"))
        var scrolled = Buffer(width: 100, height: 12)
        HelpOverlay(GalleryApp.keys, scroll: 100).render(into: &scrolled, area: scrolled.area, theme: plainTheme)
        #expect(scrolled.contains(GalleryApp.keys.bindings.last!.description))
    }
}
