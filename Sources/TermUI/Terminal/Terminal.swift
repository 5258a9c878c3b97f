import CNcursesw
import Foundation

/// Errors starting the terminal.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

// MARK: signal state (plain globals: a signal handler can only touch these)

/// The write end of the loop's wake-up pipe, for signal handlers.
nonisolated(unsafe) private var signalWakeFD: Int32 = -1
/// Set by SIGWINCH; cleared by the loop.
nonisolated(unsafe) private var winchPending: Int32 = 0
/// The terminating signal received (SIGTERM, SIGHUP, SIGINT), or 0.
nonisolated(unsafe) private var terminatePending: Int32 = 0
/// 1 while ncurses owns the terminal.
nonisolated(unsafe) private var cursesActive: Int32 = 0
/// Actions that were installed before ours, indexed by signal number, to restore or chain to.
nonisolated(unsafe) private let savedActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
nonisolated(unsafe) private var savedValid = [Bool](repeating: false, count: 65)

private func wake() {
    var b: UInt8 = 1
    if signalWakeFD >= 0 { _ = write(signalWakeFD, &b, 1) }
}

/// Puts the terminal back (once), from anywhere: normal exit, signal handler, atexit.
private func restoreTerminal() {
    if cursesActive != 0 {
        cursesActive = 0
        endwin()
    }
}

private let winchHandler: @convention(c) (Int32) -> Void = { _ in
    winchPending = 1
    wake()
}

/// SIGTERM, SIGHUP, SIGINT: the loop ends cleanly and restores the terminal. If the loop does
/// not answer (a second signal), restore here and die by the signal.
private let terminateHandler: @convention(c) (Int32) -> Void = { sig in
    if terminatePending == 0 {
        terminatePending = sig
        wake()
        return
    }
    restoreTerminal()
    _ = sitcen_sigaction_default(sig)
    sitcen_unblock(sig)
    raise(sig)
}

/// SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT: restore the terminal, then hand the signal to
/// whatever handled it before (the Swift runtime's backtracer, or the default action).
private let crashHandler: @convention(c) (Int32) -> Void = { sig in
    restoreTerminal()
    if sig >= 0 && sig < 65 && savedValid[Int(sig)] {
        _ = sitcen_sigaction_restore(sig, savedActions + Int(sig))
    } else {
        _ = sitcen_sigaction_default(sig)
    }
    sitcen_unblock(sig)
    raise(sig)
}

/// The terminal under ncursesw: set up (locale, raw mode, no echo, keypad, Esc delay, hidden
/// cursor, colours), input, size, and restoring it on every way out.
///
/// Only one can be active at a time (ncurses is global state).
public final class Terminal {
    public private(set) var size: Size
    public let depth: ColorDepth
    public let renderer: NcursesRenderer
    private var stopped = false
    private static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT]
    private static let terminateSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT]
    private static let atexitOnce: Void = { atexit { restoreTerminal() } }()

    /// Takes over the terminal. `wakeFD` is the write end of the loop's wake-up pipe (signals
    /// write a byte there). `noColor` draws attributes only.
    public init(wakeFD: Int32, noColor: Bool = false, escDelay: Int32 = 25) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError("this screen needs a terminal (stdin and stdout must be a tty)")
        }
        guard cursesActive == 0 else { throw TerminalError("the terminal is already in use") }
        setlocale(LC_ALL, "")
        guard sitcen_newterm(nil) != nil else {
            throw TerminalError("cannot start the terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "unset"))")
        }
        cursesActive = 1
        _ = Terminal.atexitOnce
        signalWakeFD = wakeFD
        winchPending = 0
        terminatePending = 0
        raw()                  // Ctrl-C, Ctrl-Z, Ctrl-\ arrive as keys
        noecho()
        nonl()
        let scr = sitcen_stdscr()
        keypad(scr, true)
        intrflush(scr, false)
        leaveok(scr, true)
        wtimeout(scr, 0)       // get_wch never blocks: the loop waits in poll(2)
        set_escdelay(escDelay)
        curs_set(0)
        var depth = ColorDepth.none
        var defaultColors = false
        if has_colors() && !noColor {
            start_color()
            defaultColors = use_default_colors() == OK
            depth = ColorDepth(colors: Int(sitcen_colors()))
        }
        self.depth = depth
        var r: Int32 = 0, c: Int32 = 0
        sitcen_getmaxyx(scr, &r, &c)
        size = Size(width: Int(c), height: Int(r))
        renderer = NcursesRenderer(depth: depth, defaultColors: defaultColors, maxPairs: Int(sitcen_color_pairs()), size: size)
        // ncurses believes LINES/COLUMNS from the environment over the terminal; the kernel's
        // window size is the truth.
        refreshSize()
        for s in Terminal.crashSignals { install(s, crashHandler) }
        for s in Terminal.terminateSignals { install(s, terminateHandler) }
        install(SIGWINCH, winchHandler)
    }

    private func install(_ sig: Int32, _ handler: @convention(c) (Int32) -> Void) {
        if sitcen_sigaction(sig, handler, savedActions + Int(sig)) == 0 { savedValid[Int(sig)] = true }
    }

    /// Gives the terminal back: ends ncurses (leaving the alternate screen, showing the cursor,
    /// restoring the modes) and puts the signal handlers back. Safe to call twice.
    /// Rings the terminal's bell (or flashes the screen where there is no bell).
    public func bell() { _ = beep() }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        restoreTerminal()
        for s in Terminal.crashSignals + Terminal.terminateSignals + [SIGWINCH] where savedValid[Int(s)] {
            _ = sitcen_sigaction_restore(s, savedActions + Int(s))
            savedValid[Int(s)] = false
        }
        signalWakeFD = -1
    }

    deinit { stop() }

    /// The terminating signal received, if any.
    public var pendingTermination: Int32? { terminatePending == 0 ? nil : terminatePending }

    /// If the window changed size since the last call, tells ncurses and returns the new size.
    public func checkResize() -> Size? {
        guard winchPending != 0 else { return nil }
        winchPending = 0
        return refreshSize()
    }

    /// Reads the kernel's idea of the window size; if it differs, resizes ncurses. Returns the
    /// new size if it changed.
    @discardableResult
    public func refreshSize() -> Size? {
        var r: Int32 = 0, c: Int32 = 0
        if sitcen_winsize(1, &r, &c) == 0, r > 0, c > 0, Int(r) != size.height || Int(c) != size.width {
            resizeterm(r, c)
        }
        sitcen_getmaxyx(sitcen_stdscr(), &r, &c)
        let s = Size(width: Int(c), height: Int(r))
        guard s != size else { return nil }
        size = s
        renderer.resize(s)
        return s
    }

    /// One thing read from the keyboard.
    public enum Input: Equatable { case key(Key), resize }

    /// Reads everything ncurses has for us now (never blocks).
    public func readInput() -> [Input] {
        var out: [Input] = []
        let scr = sitcen_stdscr()
        while true {
            var wch: wint_t = 0
            let r = wget_wch(scr, &wch)
            if r == ERR { break }
            let isCode = r == sitcen_key_code_yes()
            if isCode && Int32(bitPattern: wch) == KEY_RESIZE { out.append(.resize); continue }
            if let k = Key.decode(isKeyCode: isCode, value: UInt32(wch)) { out.append(.key(k)) }
        }
        return out
    }

    /// Dies by `signal` with its default action (after the terminal was restored), so the
    /// exit status tells the shell what happened.
    public static func reraise(_ signal: Int32) -> Never {
        restoreTerminal()
        _ = sitcen_sigaction_default(signal)
        sitcen_unblock(signal)
        raise(signal)
        exit(128 + signal)
    }
}
