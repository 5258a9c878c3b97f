#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Feed formats.
public enum FeedFormat: String, Sendable, CaseIterable {
    case jsonl, csv

    /// From a file name: `.jsonl`, `.ndjson`, `.json` are JSON Lines; `.csv` is CSV.
    public static func from(path: String) -> FeedFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return .jsonl }
        if lower.hasSuffix(".csv") { return .csv }
        return nil
    }
}

/// One record as read, before it is decoded. `bytes` is valid only inside the callback.
public struct RawRecord {
    /// The record's bytes (without its line ending); at most `RecordReader.keepLimit` bytes
    /// of an oversized record are kept.
    public var bytes: UnsafeBufferPointer<UInt8>
    /// Physical line numbers (1-based) where the record starts and ends.
    public var firstLine: Int
    public var lastLine: Int
    /// The record's whole size in bytes, even when only a part is kept.
    public var size: Int
    /// Longer than `RecordReader.maxRecordBytes`.
    public var oversized: Bool
    /// CSV: the file ended inside a quoted field.
    public var unterminatedQuote: Bool

    public init(bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, lastLine: Int, size: Int,
                oversized: Bool = false, unterminatedQuote: Bool = false) {
        self.bytes = bytes; self.firstLine = firstLine; self.lastLine = lastLine; self.size = size
        self.oversized = oversized; self.unterminatedQuote = unterminatedQuote
    }
}

/// Reads records from a file descriptor in fixed-size chunks, so memory does not grow with
/// the file: JSON Lines splits on LF, CSV on LF outside quoted fields (a record may span lines).
/// CR before LF is dropped. Blank lines (only spaces and tabs) are skipped and not counted.
public final class RecordReader {
    public static let maxRecordBytes = 1 << 20          // 1 MiB: longer records are quarantined
    public static let keepLimit = 64 << 10               // bytes of an oversized record kept as evidence

    let fd: Int32
    let format: FeedFormat
    let chunkSize: Int
    private var chunk: [UInt8]
    private var carry: [UInt8] = []                      // the record so far, when it spans chunks
    private var line = 1                                 // physical line of the next byte
    private var recordFirstLine = 1
    private var carrySize = 0                            // full size of the record in carry (may exceed kept bytes)
    private var inQuotes = false
    private var atRecordStart = true
    public private(set) var bytesRead: Int64 = 0

    private let prefix: [UInt8]

    /// `prefix` holds bytes already taken from `fd` (while sniffing the format); they come first.
    public init(fd: Int32, format: FeedFormat, prefix: [UInt8] = [], chunkSize: Int = 1 << 20) {
        self.fd = fd
        self.prefix = prefix
        self.format = format
        self.chunkSize = chunkSize
        self.chunk = [UInt8](repeating: 0, count: chunkSize)
    }

    public enum ReadError: Error, CustomStringConvertible {
        case io(errno: Int32)
        public var description: String {
            switch self {
            case .io(let e): return "read failed: \(String(cString: strerror(e)))"
            }
        }
    }

    /// Calls `body` for each record, in order, until the end of the input.
    public func forEach(_ body: (RawRecord) throws -> Void) throws {
        if !prefix.isEmpty {
            bytesRead += Int64(prefix.count)
            try prefix.withUnsafeBufferPointer { try scan($0, body) }
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError.io(errno: errno)
            }
            if n == 0 { break }
            bytesRead += Int64(n)
            try chunk.withUnsafeBufferPointer { buf in
                try scan(UnsafeBufferPointer(rebasing: buf[0..<n]), body)
            }
        }
        // The last record may have no line ending.
        if carrySize > 0 || inQuotes {
            let unterminated = inQuotes
            inQuotes = false
            try emitCarry(lastLine: line, unterminated: unterminated, body)
        }
    }

    private func scan(_ buf: UnsafeBufferPointer<UInt8>, _ body: (RawRecord) throws -> Void) throws {
        var start = 0
        var i = 0
        let n = buf.count
        while i < n {
            if atRecordStart { recordFirstLine = line; atRecordStart = false }
            // Find the end of the record.
            var end = -1
            if format == .jsonl && !inQuotes {
                if let p = memchr(buf.baseAddress! + i, 0x0A, n - i) {
                    end = buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                }
                i = end >= 0 ? end : n
            } else {
                while i < n {
                    let c = buf[i]
                    if c == 0x22 { inQuotes.toggle() } else if c == 0x0A {
                        if inQuotes { line += 1 } else { end = i; break }
                    }
                    i += 1
                }
            }
            if end < 0 {
                // The record continues in the next chunk.
                append(UnsafeBufferPointer(rebasing: buf[start..<n]))
                return
            }
            let recordLine = line
            line += 1
            if carrySize > 0 {
                append(UnsafeBufferPointer(rebasing: buf[start..<end]))
                try emitCarry(lastLine: recordLine, unterminated: false, body)
            } else {
                try emit(UnsafeBufferPointer(rebasing: buf[start..<end]), size: end - start,
                         firstLine: recordFirstLine, lastLine: recordLine, unterminated: false, body)
            }
            atRecordStart = true
            i = end + 1
            start = i
        }
    }

    private func append(_ part: UnsafeBufferPointer<UInt8>) {
        let room = RecordReader.maxRecordBytes + 1 - carry.count
        if room > 0 { carry.append(contentsOf: UnsafeBufferPointer(rebasing: part[0..<min(room, part.count)])) }
        carrySize += part.count
    }

    private func emitCarry(lastLine: Int, unterminated: Bool, _ body: (RawRecord) throws -> Void) throws {
        let size = carrySize
        try carry.withUnsafeBufferPointer { b in
            try emit(b, size: size, firstLine: recordFirstLine, lastLine: lastLine, unterminated: unterminated, body)
        }
        carry.removeAll(keepingCapacity: carry.capacity <= 4 << 20)
        carrySize = 0
        atRecordStart = true
    }

    private func emit(_ b0: UnsafeBufferPointer<UInt8>, size: Int, firstLine: Int, lastLine: Int,
                      unterminated: Bool, _ body: (RawRecord) throws -> Void) throws {
        var b = b0
        var size = size
        // Drop the CR of a CRLF ending.
        if size == b.count, let last = b.last, last == 0x0D {
            b = UnsafeBufferPointer(rebasing: b[0..<(b.count - 1)])
            size -= 1
        }
        // Blank lines are not records.
        if size < 4096 && b.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) && !unterminated { return }
        let oversized = size > RecordReader.maxRecordBytes
        if oversized { b = UnsafeBufferPointer(rebasing: b[0..<min(b.count, RecordReader.keepLimit)]) }
        try body(RawRecord(bytes: b, firstLine: firstLine, lastLine: lastLine, size: size,
                           oversized: oversized, unterminatedQuote: unterminated))
    }
}
