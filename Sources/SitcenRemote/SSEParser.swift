/// One Server-Sent Event.
public struct SSEEvent: Sendable, Equatable {
    public var event: String
    public var data: String
    /// The `id:` field, when the event had one (the stream's report events carry their seq).
    public var id: String?

    public init(event: String, data: String, id: String? = nil) { self.event = event; self.data = data; self.id = id }
}

/// An incremental parser of `text/event-stream` (the WHATWG rules): bytes go in as they
/// arrive, in chunks cut anywhere (even inside a UTF-8 sequence or a CRLF); whole events come
/// out. Comments (`:`) count as traffic but make no event; `retry:` is kept.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var sawCR = false
    private var event = ""
    private var data: [String] = []
    private var hasData = false
    private var id: String?
    /// The reconnection delay the server asked for, in milliseconds.
    public private(set) var retryMillis: Int?
    /// A line longer than this is dropped (a broken or hostile server cannot grow memory).
    public var maxLine = 4 << 20

    public init() {}

    /// Feeds bytes; returns the events they complete.
    public mutating func feed<C: Collection>(_ bytes: C) -> [SSEEvent] where C.Element == UInt8 {
        var out: [SSEEvent] = []
        for b in bytes {
            if sawCR {
                sawCR = false
                if b == 0x0A { continue }          // CRLF: the CR ended the line already
            }
            switch b {
            case 0x0D: sawCR = true; endLine(&out)
            case 0x0A: endLine(&out)
            default: if line.count < maxLine { line.append(b) }
            }
        }
        return out
    }

    private mutating func endLine(_ out: inout [SSEEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            if hasData { out.append(SSEEvent(event: event.isEmpty ? "message" : event, data: data.joined(separator: "\n"), id: id)) }
            event = ""; data = []; hasData = false; id = nil
            return
        }
        if line.first == 0x3A { return }          // a comment
        let text = String(decoding: line, as: UTF8.self)
        var field = text, value = ""
        if let colon = text.firstIndex(of: ":") {
            field = String(text[..<colon])
            value = String(text[text.index(after: colon)...])
            if value.hasPrefix(" ") { value.removeFirst() }
        }
        switch field {
        case "event": event = value
        case "data": data.append(value); hasData = true
        case "id": if !value.contains("\0") { id = value }
        case "retry": if let ms = Int(value), ms >= 0 { retryMillis = ms }
        default: break
        }
    }
}
