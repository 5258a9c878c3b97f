import Foundation
import SitcenText

/// Every line a command prints goes through here: text from feeds is made safe first.
enum Out {
    /// Prints one line of text that may hold feed text.
    static func line(_ s: String) {
        print(TextSafety.terminal(s))
    }

    /// Prints a JSON value as one line (JSON Lines); `JSONText` escapes controls and bidi characters.
    static func json(_ v: JSONValue) {
        print(v.serialized())
    }

    /// A message for people on stderr.
    static func note(_ s: String) {
        FileHandle.standardError.write(Data((TextSafety.terminal(s) + "\n").utf8))
    }
}

/// A plain-text table with columns sized by display width (Cyrillic is one column a letter).
struct TextTable {
    var headers: [String]
    var rightAligned: Set<Int> = []
    /// Columns that may be cut to fit (the last one by default), with their widest width.
    var maxWidths: [Int: Int] = [:]
    var rows: [[String]] = []

    mutating func add(_ row: [String]) { rows.append(row.map { TextSafety.terminal($0) }) }

    func render() -> String {
        var widths = headers.map(\.displayWidth)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], min(cell.displayWidth, maxWidths[i] ?? Int.max))
            }
        }
        func format(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() where i < widths.count {
                let last = i == widths.count - 1
                if last && !rightAligned.contains(i) {
                    parts.append(cell.truncated(toWidth: widths[i]))
                } else {
                    parts.append(cell.padded(toWidth: widths[i], alignRight: rightAligned.contains(i)))
                }
            }
            return parts.joined(separator: "  ")
        }
        var lines = [format(headers)]
        for row in rows { lines.append(format(row)) }
        return lines.joined(separator: "\n")
    }
}
