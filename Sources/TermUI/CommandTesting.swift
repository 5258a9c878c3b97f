/// Running a command's work without a terminal: screen tests drive `update` and feed the
/// results back, exactly as `Program` does, but synchronously.
extension Command {
    /// Runs every task of the command (in order) and returns the messages they produced.
    public func performTasks() async -> [Msg] {
        var out: [Msg] = []
        for task in tasks { if let m = await task() { out.append(m) } }
        return out
    }
}

/// Drives an app like `Program` does, for tests: events in, frames out, and unlike `AppDriver`
/// the tasks that `update` asks for run to completion and their messages are fed back.
public struct TaskRunningDriver<A: App> {
    public let app: A
    public var state: A.State
    public var size: Size
    /// How often the app rang the bell.
    public private(set) var bells = 0

    public init(_ app: A, state: A.State, size: Size) {
        self.app = app; self.state = state; self.size = size
    }

    /// Sends `event`, then runs the tasks it asked for (and those their messages ask for) until
    /// nothing is left. Returns true if the app asked to quit.
    @discardableResult
    public mutating func send(_ event: Event<A.Msg>) async -> Bool {
        var pending: [Event<A.Msg>] = [event]
        var quit = false
        while !pending.isEmpty {
            let e = pending.removeFirst()
            if case .resize(let s) = e { size = s }
            let cmd = app.update(&state, e)
            quit = quit || cmd.isQuit
            if cmd.rings { bells += 1 }
            for m in await cmd.performTasks() { pending.append(.message(m)) }
        }
        return quit
    }

    /// Types each key in turn.
    public mutating func press(_ keys: Key...) async { for k in keys { await send(.key(k)) } }

    /// Types text into whatever has the focus (a prompt, say).
    public mutating func type(_ text: String) async { for c in text { await send(.key(.char(c))) } }

    /// The frame for the current state (the too-small screen below `minimum`).
    public func frame(minimum: Size? = Size(width: 80, height: 24), theme: Theme = .builtIn) -> Buffer {
        composeFrame(app, state, size: size, minimum: minimum, theme: theme)
    }
}
