import Foundation
import SitcenFeed
import SitcenText

/// How a table for people is written: aligned plain text, CSV, or Markdown.
public enum TableFormat: String, Sendable, CaseIterable {
    case txt, csv, md
}

/// The language of headers and labels.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, ru

    /// The English or the Russian text.
    func t(_ en: String, _ ru: String) -> String { self == .ru ? ru : en }
}

/// Tables as text. Every cell goes through `TextSafety` first: cells may hold feed text.
public enum TableText {
    public static func render(_ headers: [String], _ rows: [[String]], right: Set<Int> = [], format: TableFormat) -> String {
        let safe = rows.map { $0.map { TextSafety.terminal($0) } }
        switch format {
        case .csv:
            return ([headers] + safe).map { FeedEncoder.csvRow(fields: $0) }.joined(separator: "\n") + "\n"
        case .md:
            var out = "| " + headers.joined(separator: " | ") + " |\n"
            out += "| " + headers.indices.map { right.contains($0) ? "---:" : "---" }.joined(separator: " | ") + " |\n"
            for r in safe { out += "| " + r.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
            return out
        case .txt:
            var widths = headers.map(\.displayWidth)
            for r in safe { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], min(c.displayWidth, 60)) } }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, c in c.padded(toWidth: widths[i], alignRight: right.contains(i)) }.joined(separator: "  ")
            }
            return ([line(headers)] + safe.map(line)).joined(separator: "\n") + "\n"
        }
    }

    /// A heading: `# text` / `## text` in Markdown, underlined in text, nothing in CSV.
    static func heading(_ s: String, level: Int, format: TableFormat) -> String {
        switch format {
        case .csv: return ""
        case .md: return String(repeating: "#", count: level) + " " + TextSafety.terminal(s) + "\n\n"
        case .txt: return TextSafety.terminal(s) + "\n" + String(repeating: level == 1 ? "═" : "─", count: s.displayWidth) + "\n"
        }
    }
}
