import Foundation
import TermUI
import TermUIGallery
import SitcenConsole

/// `sitcen-bench term [--iterations N] [--width W] [--height H] [--idle-seconds S] [--stream-seconds S]
///  [--no-idle] [--binary PATH]`
///
/// 1. Compose (the gallery's view) and diff a full W×H frame (200×60), median over N iterations.
/// 2. Bytes that reach the terminal when one row of the frame changes vs a full redraw, both from
///    the ANSI serializer and from ncursesw itself (written to a file).
/// 3. CPU time the gallery uses while idle for S seconds (30), in tmux, from /proc/PID/stat;
///    and while a live feed streams rows through the bus.
///
/// `sitcen-bench term gallery` runs the gallery itself (used when no `sitcen` binary is at hand).
enum TermBench {
    static func run(_ args: [String]) async throws {
        if args.first == "gallery" { try runGallery(); return }
        var iterations = 200, width = 200, height = 60
        var idleSeconds = 30.0, streamSeconds = 5.0
        var idle = true
        var binary: String?
        var i = 0
        func value() -> String { i += 1; return i < args.count ? args[i] : "" }
        while i < args.count {
            switch args[i] {
            case "--iterations": iterations = Int(value()) ?? iterations
            case "--width": width = Int(value()) ?? width
            case "--height": height = Int(value()) ?? height
            case "--idle-seconds": idleSeconds = Double(value()) ?? idleSeconds
            case "--stream-seconds": streamSeconds = Double(value()) ?? streamSeconds
            case "--no-idle": idle = false
            case "--binary": binary = value()
            case "--quick": iterations = 50; idleSeconds = 3; streamSeconds = 2
            default:
                print("usage: sitcen-bench term [--iterations N] [--width W] [--height H] [--idle-seconds S] [--stream-seconds S] [--no-idle] [--binary PATH] [--quick]")
                return
            }
            i += 1
        }
        composeAndDiff(width: width, height: height, iterations: iterations)
        bytes(width: width, height: height)
        if idle { try idleCPU(seconds: idleSeconds, streamSeconds: streamSeconds, binary: binary) }
    }

    // MARK: 1. compose + diff

    static func composeAndDiff(width: Int, height: Int, iterations: Int) {
        let app = GalleryApp()
        var state = GalleryApp.initialState()
        let size = Size(width: width, height: height)
        _ = app.update(&state, .resize(size))
        // Enough rows to fill the table.
        for _ in 0..<8 { _ = app.update(&state, .key(.char("+"))) }
        var previous = app.view(state, size: size)
        var total: [Double] = [], compose: [Double] = [], diff: [Double] = []
        var changes = 0
        let keys: [Key] = [.char("j"), .char("j"), .char("k"), .char("+"), .tab, .backTab]
        for n in 0..<iterations {
            _ = app.update(&state, .key(keys[n % keys.count]))
            let t0 = DispatchTime.now().uptimeNanoseconds
            let frame = app.view(state, size: size)
            let t1 = DispatchTime.now().uptimeNanoseconds
            let d = Buffer.diff(previous, frame)
            let t2 = DispatchTime.now().uptimeNanoseconds
            changes += d.count
            compose.append(Double(t1 - t0) / 1000); diff.append(Double(t2 - t1) / 1000); total.append(Double(t2 - t0) / 1000)
            previous = frame
        }
        // A diff of two identical full frames (the idle case).
        var same: [Double] = []
        for _ in 0..<iterations {
            let copy = previous
            let t0 = DispatchTime.now().uptimeNanoseconds
            let d = Buffer.diff(previous, copy)
            same.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
            precondition(d.isEmpty)
        }
        print("frame \(width)x\(height) compose+diff: median \(fmt(median(total))) µs (p90 \(fmt(p90(total))) µs) over \(iterations) frames of the gallery")
        print("  compose (view): median \(fmt(median(compose))) µs; diff: median \(fmt(median(diff))) µs; \(changes / max(1, iterations)) changed runs a frame on average")
        print("  diff of identical frames: median \(fmt(median(same))) µs (nothing to write)")
    }

    // MARK: 2. bytes

    static func bytes(width: Int, height: Int) {
        let app = GalleryApp()
        var state = GalleryApp.initialState()
        let size = Size(width: width, height: height)
        _ = app.update(&state, .resize(size))
        for _ in 0..<8 { _ = app.update(&state, .key(.char("+"))) }
        let full = app.view(state, size: size)
        // One row changes: a new message-line text across the whole row.
        var oneRow = full
        let y = height / 2
        oneRow.put(String(repeating: "Хоргос героин 12.5 kg ⣿⡇ ", count: width / 20 + 1), x: 0, y: y, style: Style(fg: .indexed(203)), maxWidth: width)
        // A realistic change: the selection moves one row down (two rows and the details change).
        _ = app.update(&state, .key(.char("j")))
        let moved = app.view(state, size: size)

        let ansi = AnsiRenderer(size: size)
        ansi.draw(full); let fullBytes = ansi.bytesWritten
        ansi.draw(oneRow); let oneBytes = ansi.bytesWritten - fullBytes
        ansi.draw(oneRow); let noneBytes = ansi.bytesWritten - fullBytes - oneBytes
        let ansi2 = AnsiRenderer(size: size)
        ansi2.draw(full); ansi2.draw(moved); let movedBytes = ansi2.bytesWritten - fullBytes
        print("bytes \(width)x\(height) (ANSI serializer): full redraw \(fullBytes) B; one changed row \(oneBytes) B (\(pct(oneBytes, fullBytes)) of full); selection move \(movedBytes) B; unchanged frame \(noneBytes) B")
        if let n = NcursesByteCounter.bytesPerFrame([full, oneRow, oneRow, moved]) {
            print("bytes \(width)x\(height) (ncursesw, xterm-256color): first paint \(n[0]) B (with start-up); one changed row \(n[1]) B (\(pct(n[1], n[0]))); unchanged frame \(n[2]) B; selection move \(n[3]) B")
        } else {
            print("bytes via ncursesw: could not start ncurses for xterm-256color")
        }
    }

    // MARK: 3. idle CPU

    static func idleCPU(seconds: Double, streamSeconds: Double, binary: String?) throws {
        guard let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("idle CPU: skipped (no tmux)"); return
        }
        let me = Bundle.main.executableURL?.resolvingSymlinksInPath() ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let sibling = me.deletingLastPathComponent().appendingPathComponent("sitcen").path
        let command: String
        let label: String
        if let binary {
            command = "\(quote(binary)) ui-gallery"; label = binary
        } else if FileManager.default.isExecutableFile(atPath: sibling) {
            command = "\(quote(sibling)) ui-gallery"; label = "sitcen ui-gallery"
        } else {
            command = "\(quote(me.path)) term gallery"; label = "the gallery in sitcen-bench"
        }
        let socket = "sitcen-bench-\(ProcessInfo.processInfo.processIdentifier)"
        @discardableResult
        func t(_ args: [String]) -> String {
            var env = ProcessInfo.processInfo.environment
            env["LANG"] = "C.UTF-8"
            env.removeValue(forKey: "TMUX")
            return spawn(tmux, ["-u", "-L", socket, "-f", "/dev/null"] + args, environment: env)
        }
        t(["new-session", "-d", "-s", "idle", "-x", "100", "-y", "30", "exec env LANG=C.UTF-8 TERM=xterm-256color \(command)"])
        defer { t(["kill-server"]) }
        let deadline = Date().addingTimeInterval(20)
        while !t(["capture-pane", "-p", "-t", "idle"]).contains("Хоргос") {
            if Date() > deadline { print("idle CPU: the gallery did not start; the screen was:\n" + t(["capture-pane", "-p", "-t", "idle"]) + t(["list-sessions"])); return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let pid = Int32(t(["display-message", "-p", "-t", "idle", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            print("idle CPU: no pid"); return
        }
        Thread.sleep(forTimeInterval: 0.5)   // let start-up settle
        guard let a = cpuTicks(pid) else { print("idle CPU: cannot read /proc/\(pid)/stat"); return }
        let t0 = Date()
        Thread.sleep(forTimeInterval: seconds)
        guard let b = cpuTicks(pid) else { print("idle CPU: the gallery ended"); return }
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        let wall = Date().timeIntervalSince(t0)
        let used = Double(b - a) / hz
        print("idle CPU of \(label) over \(fmt(wall)) s: \(fmt(used * 1000)) ms (\(String(format: "%.3f", used / wall * 100)) % of one core; /proc/\(pid)/stat utime+stime)")
        if streamSeconds > 0 {
            t(["send-keys", "-t", "idle", "L"])
            let c = cpuTicks(pid) ?? b
            let t1 = Date()
            Thread.sleep(forTimeInterval: streamSeconds)
            let d = cpuTicks(pid) ?? c
            let w = Date().timeIntervalSince(t1)
            let rows = t(["capture-pane", "-p", "-t", "idle"]).split(separator: "\n").last.map(String.init) ?? ""
            t(["send-keys", "-t", "idle", "L"])
            print("streaming CPU (live feed, a row every 150 ms) over \(fmt(w)) s: \(fmt(Double(d - c) / hz * 1000)) ms (\(String(format: "%.2f", Double(d - c) / hz / w * 100)) %); status: \(rows.trimmingCharacters(in: .whitespaces).prefix(30))")
        }
        t(["send-keys", "-t", "idle", "q"])
    }

    static func cpuTicks(_ pid: Int32) -> Int? {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = s.lastIndex(of: ")") else { return nil }
        let fields = s[s.index(after: close)...].split(separator: " ")
        // After the command: state is field 3; utime and stime are fields 14 and 15.
        guard fields.count > 13, let u = Int(fields[11]), let st = Int(fields[12]) else { return nil }
        return u + st
    }

    // MARK: the gallery, in process

    static func runGallery() throws {
        let loader = ThemeLoader()
        let theme = loader.load().theme
        let program = Program(GalleryApp(), state: GalleryApp.initialState(theme: theme),
                              options: ProgramOptions(theme: theme, noColor: loader.noColor))
        if case .signal(let s) = try program.run() { Terminal.reraise(s) }
    }

    // MARK: helpers

    /// Runs a program to completion (posix_spawn + waitpid) and returns its stdout. Not
    /// `Process` or a pipe: the tmux server started by the first command keeps the command's
    /// descriptors, and Foundation's `Process` can then wait forever.
    static func spawn(_ exe: String, _ args: [String], environment: [String: String]) -> String {
        let outPath = NSTemporaryDirectory() + "/sitcen-bench-\(UUID().uuidString).out"
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, exe, &actions, nil, argv, envp) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2]
    }
    static func p90(_ xs: [Double]) -> Double {
        let s = xs.sorted(); return s.isEmpty ? 0 : s[min(s.count - 1, s.count * 9 / 10)]
    }
    static func fmt(_ v: Double) -> String { v >= 100 ? String(Int(v.rounded())) : String(format: "%.1f", v) }
    static func pct(_ a: Int, _ b: Int) -> String { b == 0 ? "-" : String(format: "%.1f %%", Double(a) / Double(b) * 100) }
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
