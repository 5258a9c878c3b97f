import Foundation

/// What reaches `update`: a key, a new screen size, a tick the app asked for, or a message
/// posted on the bus from another thread or task.
public enum Event<Msg: Sendable>: Sendable {
    case key(Key)
    case resize(Size)
    /// The tick the app asked for, with the wall-clock time it fired at: `update` takes the time
    /// from its events, never from the clock, so frames are a function of what happened.
    case tick(Date)
    case message(Msg)
}

/// What `update` asks the loop to do next.
public struct Command<Msg: Sendable>: Sendable {
    enum Op: Sendable {
        case quit
        case tick(after: Double)
        case task(@Sendable () async -> Msg?)
        case bell
    }
    var ops: [Op]

    /// Nothing.
    public static var none: Command { Command(ops: []) }
    /// End the loop (the terminal is restored, `run` returns).
    public static var quit: Command { Command(ops: [.quit]) }
    /// Send one `.tick` after `seconds`. The loop sleeps without a timeout unless a tick is asked for.
    public static func tick(after seconds: Double) -> Command { Command(ops: [.tick(after: seconds)]) }
    /// Run `work` off the loop; its result (if any) comes back as a `.message`.
    public static func task(_ work: @escaping @Sendable () async -> Msg?) -> Command { Command(ops: [.task(work)]) }
    /// Ring the terminal's bell (a new critical alert, say).
    public static var bell: Command { Command(ops: [.bell]) }
    /// Several commands at once.
    public static func batch(_ cs: [Command]) -> Command { Command(ops: cs.flatMap(\.ops)) }

    public var isQuit: Bool { ops.contains { if case .quit = $0 { return true }; return false } }
    /// True if the command rings the bell.
    public var rings: Bool { ops.contains { if case .bell = $0 { return true }; return false } }
    /// The earliest tick asked for, in seconds from now.
    public var tickAfter: Double? {
        ops.compactMap { if case .tick(let s) = $0 { return s }; return nil }.min()
    }
    var tasks: [@Sendable () async -> Msg?] { ops.compactMap { if case .task(let t) = $0 { return t }; return nil } }
}

/// An app in the style of Bubble Tea / the Elm architecture: all events go through one `update`,
/// and each frame is `view(state)`, a pure function of the state.
public protocol App {
    associatedtype State
    associatedtype Msg: Sendable
    func update(_ state: inout State, _ event: Event<Msg>) -> Command<Msg>
    func view(_ state: State, size: Size) -> Buffer
}

/// A thread-safe mailbox: `post` from any thread or task wakes the loop (through a pipe that
/// the loop polls alongside the keyboard).
public final class MessageBus<Msg: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Msg] = []
    /// The pipe: the loop polls `readFD`; posting writes a byte to `writeFD`.
    public let readFD: Int32
    public let writeFD: Int32
    private var wakePending = false

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        readFD = fds[0]; writeFD = fds[1]
    }

    deinit {
        if readFD >= 0 { close(readFD) }
        if writeFD >= 0 { close(writeFD) }
    }

    /// Queues `msg` for `update` and wakes the loop. Never blocks.
    public func post(_ msg: Msg) {
        lock.lock()
        queue.append(msg)
        let needWake = !wakePending
        wakePending = true
        lock.unlock()
        if needWake { poke() }
    }

    /// Wakes the loop without a message.
    public func poke() {
        var b: UInt8 = 1
        _ = write(writeFD, &b, 1)
    }

    /// Everything queued so far (and clears the wake-up pipe).
    public func drain() -> [Msg] {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(readFD, &sink, sink.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        wakePending = false
        let out = queue
        queue.removeAll(keepingCapacity: true)
        return out
    }
}

/// How a program's loop ended.
public enum ExitReason: Equatable, Sendable {
    /// `update` returned `.quit`.
    case quit
    /// SIGTERM, SIGHUP or SIGINT arrived; the terminal was restored.
    case signal(Int32)
    /// The keyboard went away (the terminal closed).
    case inputClosed
}

public struct ProgramOptions: Sendable {
    /// Below this size the too-small screen is shown instead of the app's view (nil: never).
    public var minimumSize: Size?
    /// Shortest time between two frames while events stream in (1/30 s).
    public var frameInterval: Double
    /// Theme for the too-small screen.
    public var theme: Theme
    /// Draw without colours (NO_COLOR).
    public var noColor: Bool

    public init(minimumSize: Size? = Size(width: 80, height: 24), frameInterval: Double = 1.0 / 30,
                theme: Theme = .builtIn, noColor: Bool = false) {
        self.minimumSize = minimumSize; self.frameInterval = frameInterval; self.theme = theme; self.noColor = noColor
    }
}

/// The frame for `size`: the app's view, or the too-small screen below `minimum`. The view's
/// buffer is fitted to `size` if the app returned another size.
public func composeFrame<A: App>(_ app: A, _ state: A.State, size: Size, minimum: Size?, theme: Theme) -> Buffer {
    if let minimum, !size.fits(minimum) { return TooSmallScreen.render(size: size, minimum: minimum, theme: theme) }
    let b = app.view(state, size: size)
    if b.size == size { return b }
    var fitted = Buffer(size: size)
    fitted.blit(b, x: 0, y: 0)
    return fitted
}

/// Runs an app on the terminal: one loop that waits in poll(2) on the keyboard and the bus,
/// feeds every event to `update`, and draws `view` at most `1/frameInterval` times a second
/// (only when something changed). While idle it blocks with no timeout: no CPU is used.
public final class Program<A: App> {
    public let app: A
    public private(set) var state: A.State
    public let options: ProgramOptions
    public let bus = MessageBus<A.Msg>()

    public init(_ app: A, state: A.State, options: ProgramOptions = ProgramOptions()) {
        self.app = app; self.state = state; self.options = options
    }

    /// Runs until `update` quits, a terminating signal arrives, or the terminal closes; the
    /// terminal is restored in every case. Throws if there is no terminal to run on.
    public func run() throws -> ExitReason {
        let term = try Terminal(wakeFD: bus.writeFD, noColor: options.noColor)
        defer { term.stop() }
        var dirty = true
        var lastDraw = -Double.infinity
        var tickAt: Double?
        var reason: ExitReason?

        func apply(_ event: Event<A.Msg>) {
            let cmd = app.update(&state, event)
            dirty = true
            if cmd.isQuit { reason = .quit }
            if cmd.rings { term.bell() }
            if let t = cmd.tickAfter {
                let at = now() + max(0, t)
                tickAt = min(tickAt ?? at, at)
            }
            for work in cmd.tasks {
                let bus = self.bus
                Task.detached { if let m = await work() { bus.post(m) } }
            }
        }

        apply(.resize(term.size))
        while reason == nil {
            // Draw if due; otherwise work out how long we may sleep.
            let t = now()
            if dirty && t - lastDraw >= options.frameInterval {
                term.renderer.draw(composeFrame(app, state, size: term.size, minimum: options.minimumSize, theme: options.theme))
                dirty = false
                lastDraw = t
            }
            var deadline: Double? = tickAt
            if dirty { deadline = min(deadline ?? .infinity, lastDraw + options.frameInterval) }
            let timeoutMs: Int32 = deadline.map { Int32(max(0, min(60_000, ($0 - now()) * 1000).rounded(.up))) } ?? -1

            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: bus.readFD, events: Int16(POLLIN), revents: 0)]
            let n = poll(&fds, 2, timeoutMs)
            if n < 0 && errno != EINTR { break }

            if let sig = term.pendingTermination { reason = .signal(sig); break }
            if let s = term.checkResize() { apply(.resize(s)) }
            for m in bus.drain() { apply(.message(m)); if reason != nil { break } }
            if n > 0 && fds[0].revents != 0 {
                let inputs = term.readInput()
                // The terminal went away (hang-up with nothing left to read): do not spin.
                if inputs.isEmpty && fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                    reason = .inputClosed; break
                }
                for input in inputs {
                    switch input {
                    case .key(let k): apply(.key(k))
                    case .resize: if let s = term.refreshSize() { apply(.resize(s)) }
                    }
                    if reason != nil { break }
                }
            }
            if let at = tickAt, now() >= at { tickAt = nil; apply(.tick(Date())) }
        }
        return reason ?? .inputClosed
    }

    /// Posts a message to the running loop (thread-safe).
    public func post(_ msg: A.Msg) { bus.post(msg) }
}

/// Monotonic seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Drives an app without a terminal, for tests: send events, look at frames.
public struct AppDriver<A: App> {
    public let app: A
    public var state: A.State
    public var size: Size
    public var minimumSize: Size?
    public var theme: Theme
    /// True once `update` returned `.quit`.
    public private(set) var quit = false
    /// The last tick asked for (seconds), and tasks started, for assertions.
    public private(set) var requestedTick: Double?
    public private(set) var tasksStarted = 0

    public init(_ app: A, state: A.State, size: Size, minimumSize: Size? = Size(width: 80, height: 24), theme: Theme = .builtIn) {
        self.app = app; self.state = state; self.size = size; self.minimumSize = minimumSize; self.theme = theme
        send(.resize(size))
    }

    public mutating func send(_ event: Event<A.Msg>) {
        if case .resize(let s) = event { size = s }
        let cmd = app.update(&state, event)
        if cmd.isQuit { quit = true }
        if let t = cmd.tickAfter { requestedTick = t }
        tasksStarted += cmd.tasks.count
    }

    public mutating func press(_ keys: Key...) { for k in keys { send(.key(k)) } }
    /// Types `text` character by character.
    public mutating func type(_ text: String) { for c in text { send(.key(.char(c))) } }
    public mutating func resize(_ s: Size) { send(.resize(s)) }

    /// The frame the program would draw now.
    public var frame: Buffer { composeFrame(app, state, size: size, minimum: minimumSize, theme: theme) }
}
