import Foundation
import SitcenTestSupport
import Testing

/// The real binary in a real (tmux) terminal: `sitcen ui-gallery`.
@Suite("Gallery end to end", .enabled(if: Tmux.isAvailable, "needs tmux"), .serialized)
struct GalleryE2ETests {
    func start(_ extra: String = "", environment: [String: String] = [:]) throws -> Tmux {
        let bin = SitcenBinary.path
        try #require(FileManager.default.isExecutableFile(atPath: bin), "build sitcen first: \(bin)")
        return try Tmux(width: 100, height: 30,
                        shell: "\(Tmux.quote(bin)) ui-gallery \(extra); echo EXITED:$?; sleep 60", environment: environment)
    }

    @Test func drawsHelpsShrinksAndQuitsCleanly() throws {
        let t = try start()
        defer { t.kill() }
        // It draws, with Cyrillic, braille and the hostile row shown safely.
        let screen = try t.waitFor("Хоргос")
        for text in ["sitcen ui-gallery", "героин", "⣿⡇", "Reports", "Posts", "Details", "q quit", "Hostile ␛[2J", "⟨U+202E⟩"] {
            #expect(screen.contains(text), "missing \(text)")
        }
        #expect(t.alternateScreen)
        // ? shows the help overlay; Esc closes it.
        t.sendKeys("?")
        let help = try t.waitFor("Keys — sitcen ui-gallery")
        #expect(help.contains("Show or hide this help"))
        t.sendKeys("Escape")
        try t.waitForAbsence("Keys — sitcen ui-gallery")
        // Smaller than 80×24: the too-small screen, and back.
        t.resize(width: 60, height: 20)
        let small = try t.waitFor("Terminal too small")
        #expect(small.contains("now 60×20, needs at least 80×24"))
        t.resize(width: 100, height: 30)
        try t.waitFor("Хоргос")
        // Ctrl-C asks; n says no.
        t.sendKeys("C-c")
        try t.waitFor("Quit the gallery?")
        t.sendKeys("n")
        try t.waitForAbsence("Quit the gallery?")
        // q quits and leaves the terminal as it was.
        t.sendKeys("q")
        let after = try t.waitFor("EXITED:0")
        #expect(!after.contains("Хоргос"))
        #expect(!after.contains("sitcen ui-gallery"))
        #expect(!t.alternateScreen)
    }

    @Test func cyrillicTypingInThePrompt() throws {
        let t = try start()
        defer { t.kill() }
        try t.waitFor("Хоргос")
        t.sendKeys("/")
        t.type("ирке")
        try t.waitFor("/ирке")
        t.sendKeys("Enter")
        try t.waitFor("Found Иркештам")
        t.sendKeys("C-c")
        try t.waitFor("Quit the gallery?")
        t.sendKeys("y")
        try t.waitFor("EXITED:0")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let t = try start()
        defer { t.kill() }
        try t.waitFor("Хоргос")
        // The pane runs sh; the gallery is its child.
        let gallery = try #require(t.programPID)
        #expect(gallery != t.pid)
        kill(gallery, SIGTERM)
        let after = try t.waitFor("EXITED:")
        #expect(after.contains("EXITED:143"))
        #expect(!after.contains("Хоргос"))
        #expect(!t.alternateScreen)
    }

    @Test func crashSignalRestoresTheTerminal() throws {
        // No interactive Swift backtracer in the pane: the signal goes on to its default action.
        let t = try start(environment: ["SWIFT_BACKTRACE": "enable=no"])
        defer { t.kill() }
        try t.waitFor("Хоргос")
        let gallery = try #require(t.programPID)
        kill(gallery, SIGSEGV)
        let after = try t.waitFor("EXITED:")
        #expect(after.contains("EXITED:139"))
        #expect(!after.contains("Хоргос"))
        #expect(!t.alternateScreen)
    }
}
