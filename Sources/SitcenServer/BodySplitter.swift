import Foundation
import SitcenFeed

/// The records of a JSON Lines body, as `RecordReader` reads a file: split on LF, a CR before LF
/// dropped, blank lines skipped (not counted as records, but counted as physical lines).
enum BodySplitter {
    struct Line { var start: Int; var end: Int; var number: Int }

    /// The non-blank lines of `b`.
    static func lines(_ b: UnsafeRawBufferPointer) -> [Line] {
        var out: [Line] = []
        let n = b.count
        guard n > 0, let base = b.baseAddress else { return out }
        var start = 0, number = 1
        while start < n {
            var end = n
            if let p = memchr(base + start, 0x0A, n - start) { end = base.distance(to: UnsafeRawPointer(p)) }
            var e = end
            if e > start && b[e - 1] == 0x0D { e -= 1 }
            var blank = true
            var i = start
            while i < e { let c = b[i]; if c != 0x20 && c != 0x09 && c != 0x0D { blank = false; break }; i += 1 }
            if !blank { out.append(Line(start: start, end: e, number: number)) }
            number += 1
            start = end + 1
        }
        return out
    }

    /// Calls `body` with the raw record of `line` (an oversized one keeps its first 64 KiB).
    static func withRecord<T>(_ b: UnsafeRawBufferPointer, _ line: Line, lastLine: Int? = nil,
                              _ body: (RawRecord) throws -> T) rethrows -> T {
        let size = line.end - line.start
        let oversized = size > RecordReader.maxRecordBytes
        let kept = oversized ? RecordReader.keepLimit : size
        let bytes = UnsafeBufferPointer(start: b.baseAddress?.assumingMemoryBound(to: UInt8.self), count: b.count)
        let slice = UnsafeBufferPointer(rebasing: bytes[line.start..<(line.start + kept)])
        return try body(RawRecord(bytes: slice, firstLine: line.number, lastLine: lastLine ?? line.number,
                                  size: size, oversized: oversized))
    }
}
