import CNcursesw
import Foundation

/// Counts the bytes ncursesw really emits for a sequence of frames, by running a second ncurses
/// screen on a temporary file instead of a terminal (for the benchmark). Not usable while a
/// `Terminal` is active.
public enum NcursesByteCounter {
    /// Draws `frames` in turn through `NcursesRenderer` on a `term` terminal of the first frame's
    /// size, and returns the bytes written for each frame (the first includes ncurses' start-up
    /// sequences and the full paint). Nil if ncurses cannot start for `term`.
    public static func bytesPerFrame(_ frames: [Buffer], term: String = "xterm-256color") -> [Int]? {
        guard let first = frames.first else { return [] }
        setlocale(LC_ALL, "")
        // ncurses takes the size of a non-terminal from LINES and COLUMNS; put them back after,
        // so that programs this process starts do not inherit them.
        var saved: [(String, String?)] = []
        for name in ["LINES", "COLUMNS"] { saved.append((name, getenv(name).map { String(cString: $0) })) }
        defer { for (k, v) in saved { if let v { setenv(k, v, 1) } else { unsetenv(k) } } }
        setenv("LINES", String(first.height), 1)
        setenv("COLUMNS", String(first.width), 1)
        use_env(true)
        guard let out = tmpfile(), let input = fopen("/dev/null", "r") else { return nil }
        defer { fclose(out); fclose(input) }
        guard let screen = newterm(term, out, input) else { return nil }
        defer { delscreen(screen) }
        var defaultColors = false
        var depth = ColorDepth.none
        if has_colors() {
            start_color()
            defaultColors = use_default_colors() == OK
            depth = ColorDepth(colors: Int(sitcen_colors()))
        }
        leaveok(sitcen_stdscr(), true)
        let renderer = NcursesRenderer(depth: depth, defaultColors: defaultColors, maxPairs: Int(sitcen_color_pairs()), size: first.size)
        var sizes: [Int] = []
        for f in frames {
            fflush(out)
            let before = ftell(out)
            renderer.draw(f)
            fflush(out)
            sizes.append(ftell(out) - before)
        }
        endwin()
        return sizes
    }
}
