import Foundation
import SitcenDomain
import SitcenFeed
import Testing

/// A plain RFC 4180 reader for the tests: rows of fields, quotes doubled inside quoted fields.
func parseCSVForTest(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var atFieldStart = true
    let b = Array(text.utf8)
    var i = 0
    func endField() { row.append(String(decoding: field, as: UTF8.self)); field = []; atFieldStart = true }
    while i < b.count {
        let c = b[i]
        if quoted {
            if c == 0x22 {
                if i + 1 < b.count, b[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                quoted = false
            } else { field.append(c) }
        } else if c == 0x22, atFieldStart {
            quoted = true; atFieldStart = false
        } else if c == 0x2C {
            endField()
        } else if c == 0x0A {
            endField(); rows.append(row); row = []
        } else {
            field.append(c); atFieldStart = false
        }
        i += 1
    }
    if !field.isEmpty || !row.isEmpty { endField(); rows.append(row) }
    return rows
}

func jsonObject(_ line: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
}

@Suite struct FeedEncoderTests {
    let observed = Timestamp.parse("2026-03-01T10:05:00+05:00")!
    let reported = Timestamp.parse("2026-03-01T11:00:30.250+06:00")!

    var full: Report {
        Report(id: "KZ-KHR-2026-000123", post: "KZ-KHR", type: .seizure, observedAt: observed,
               reportedAt: reported, lat: 44.21, lon: 80.34, place: "Қорғас, \"терминал\"",
               substance: "героин", quantity: 12.5, unit: .kg, origin: "AF", destination: "RU",
               transit: ["TJ", "KG", "KZ"], transport: .road, conveyance: "truck",
               concealment: "в запасном колесе", vehicle: "123ABC02", arrested: 2,
               nationalities: ["TJ", "AF"], severity: .high, summary: "line one,\nline two",
               tlp: .red, revision: 1, retracted: true, extraJSON: #"{"lab_ref":"ЭКЦ-1","purity_pct":61.5}"#)
    }

    @Test func minimalReportHasOnlyRequiredFields() {
        let r = Report(id: "a1", post: "TJ-PNP", type: .sitrep, observedAt: observed, place: "", tlp: nil)
        #expect(FeedEncoder.jsonLine(r) == #"{"id":"a1","post":"TJ-PNP","type":"sitrep","observed_at":"2026-03-01T10:05:00+05:00"}"#)
    }

    @Test func fieldsInSpecOrderThenExtras() throws {
        let line = FeedEncoder.jsonLine(full)
        let keys = ["id", "post", "type", "observed_at", "reported_at", "lat", "lon", "place", "substance",
                    "quantity", "unit", "origin", "destination", "transit", "transport", "conveyance",
                    "concealment", "vehicle", "arrested", "nationalities", "severity", "summary", "tlp",
                    "revision", "retracted", "lab_ref", "purity_pct"]
        var last = line.startIndex
        for k in keys {
            let range = try #require(line.range(of: "\"\(k)\":"), "missing \(k)")
            #expect(range.lowerBound > last || k == "id", "\(k) out of order")
            last = range.lowerBound
        }
        #expect(line.hasSuffix(#","retracted":true,"lab_ref":"ЭКЦ-1","purity_pct":61.5}"#))
        let obj = try #require(jsonObject(line))
        #expect(obj["quantity"] as? Double == 12.5)
        #expect(obj["transit"] as? [String] == ["TJ", "KG", "KZ"])
        #expect(obj["summary"] as? String == "line one,\nline two")
        #expect(obj["reported_at"] as? String == "2026-03-01T11:00:30.250+06:00")
        #expect(obj["revision"] as? Int == 1)
        #expect(obj["purity_pct"] as? Double == 61.5)
    }

    @Test func defaultsAreLeftOut() {
        var r = full
        r.revision = 0; r.retracted = false; r.tlp = nil; r.extraJSON = "{}"; r.transit = []
        let line = FeedEncoder.jsonLine(r)
        for k in ["revision", "retracted", "tlp", "transit"] { #expect(!line.contains("\"\(k)\"")) }
        #expect(line.hasSuffix("\"}"))
    }

    @Test func numbersAreShortest() {
        var r = full
        r.quantity = 12; r.lat = 0.1; r.lon = -70.25
        let line = FeedEncoder.jsonLine(r)
        #expect(line.contains(#""quantity":12,"#))
        #expect(line.contains(#""lat":0.1,"lon":-70.25,"#))
    }

    @Test func hostileTextIsEscapedAndRoundTrips() throws {
        var r = full
        let hostile = "a\u{1B}]0;pwned\u{7}b\u{1B}[2J\u{202E}c\u{200B}\u{9B}d\re\"\\"
        r.summary = hostile
        let line = FeedEncoder.jsonLine(r)
        #expect(line.contains("\\u001b]0;pwned\\u0007"))
        #expect(line.contains("\\u202e") && line.contains("\\u200b") && line.contains("\\u009b"))
        #expect(line.contains("\\r"))
        #expect(!line.utf8.contains { $0 < 0x20 || $0 == 0x7F })
        let obj = try #require(jsonObject(line))
        #expect(obj["summary"] as? String == hostile)
    }

    @Test func csvHeaderIsTheColumns() {
        #expect(FeedEncoder.csvHeader == FeedField.csvColumns.joined(separator: ","))
        #expect(FeedEncoder.csvFields(full).count == FeedField.csvColumns.count)
    }

    @Test func csvRowRoundTrips() throws {
        let text = FeedEncoder.csvHeader + "\n" + FeedEncoder.csvRow(full) + "\n"
        let rows = parseCSVForTest(text)
        try #require(rows.count == 2)
        let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(rows[1].count == FeedField.csvColumns.count)
        #expect(row["place"] == "Қорғас, \"терминал\"")
        #expect(row["summary"] == "line one,\nline two")
        #expect(row["transit"] == "TJ;KG;KZ")
        #expect(row["nationalities"] == "TJ;AF")
        #expect(row["quantity"] == "12.5")
        #expect(row["observed_at"] == "2026-03-01T10:05:00+05:00")
        #expect(row["revision"] == "1")
        #expect(row["retracted"] == "true")
        #expect(row["extra"] == #"{"lab_ref":"ЭКЦ-1","purity_pct":61.5}"#)
        #expect(Timestamp.parse(row["reported_at"]!) == reported)
    }

    @Test func csvQuotesOnlyWhenNeeded() {
        #expect(FeedEncoder.csvCell("plain text") == "plain text")
        #expect(FeedEncoder.csvCell("a,b") == "\"a,b\"")
        #expect(FeedEncoder.csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(FeedEncoder.csvCell("cr\ronly") == "\"cr\ronly\"")
        #expect(FeedEncoder.csvCell("") == "")
        var r = full
        r.revision = 0; r.retracted = false; r.extraJSON = nil; r.tlp = nil
        let fields = FeedEncoder.csvFields(r)
        #expect(fields.suffix(4) == ["", "", "", ""])
    }
}
