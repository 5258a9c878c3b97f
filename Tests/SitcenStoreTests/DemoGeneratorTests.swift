import Foundation
import SitcenDemo
import SitcenDomain
import SitcenFeed
import Testing

private let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let registry: Registry = {
    let text = try! String(contentsOf: repoRoot.appendingPathComponent("SampleData/posts.csv"), encoding: .utf8)
    return try! Registry.parseCSV(text, source: "posts.csv")
}()
private let end = Timestamp.parse("2026-03-15T18:00:00+05:00")!

private func records(_ g: DemoGenerator) -> [DemoRecord] {
    var it = g.makeIterator()
    var out: [DemoRecord] = []
    while let r = it.nextRecord() { out.append(r) }
    return out
}

private func json(_ bytes: [UInt8]) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
}

/// The same RFC 4180 reading as the feed tests, inlined: this target does not see them.
private func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field: [UInt8] = []
    var quoted = false, fieldStart = true
    for c in Array(text.utf8) {
        if quoted {
            if c == 0x22 { quoted = false } else { field.append(c) }
        } else if c == 0x22 {
            if !fieldStart { field.append(0x22) }   // the second quote of a doubled pair
            quoted = true; fieldStart = false
        } else if c == 0x2C || c == 0x0A {
            row.append(String(decoding: field, as: UTF8.self)); field = []; fieldStart = true
            if c == 0x0A { rows.append(row); row = [] }
        } else { field.append(c); fieldStart = false }
    }
    return rows
}

@Suite struct DemoGeneratorTests {
    @Test func deterministicForSeedAndEnd() {
        let a = Array(DemoGenerator(registry: registry, seed: 7, count: 800, days: 10, end: end, faults: true))
        let b = Array(DemoGenerator(registry: registry, seed: 7, count: 800, days: 10, end: end, faults: true))
        let c = Array(DemoGenerator(registry: registry, seed: 8, count: 800, days: 10, end: end, faults: true))
        #expect(a == b)
        #expect(a != c)
        let csv1 = Array(DemoGenerator(registry: registry, seed: 7, count: 300, end: end, format: .csv))
        let csv2 = Array(DemoGenerator(registry: registry, seed: 7, count: 300, end: end, format: .csv))
        #expect(csv1 == csv2)
    }

    @Test(arguments: [(0, false), (1, true), (7, false), (199, true), (1_000, true), (2_500, false)])
    func exactCount(count: Int, faults: Bool) {
        for format in DemoGenerator.Format.allCases {
            for days in [1, 30] {
                let recs = records(DemoGenerator(registry: registry, seed: 3, count: count, days: days, end: end, faults: faults, format: format))
                let headers = recs.filter { $0.kind == .header }.count
                #expect(headers == (format == .csv ? 1 : 0))
                #expect(recs.count - headers == count, "\(format) days \(days)")
            }
        }
    }

    @Test func validJSONLinesFollowTheSpec() throws {
        let recs = records(DemoGenerator(registry: registry, seed: 11, count: 5_000, days: 14, end: end))
        var keys: Set<String> = []
        var unknownNames = 0
        for rec in recs {
            #expect(rec.kind == .report || rec.kind == .correction)
            #expect(!rec.bytes.contains { $0 < 0x20 }, "raw control byte in a JSON line")
            let o = try #require(json(rec.bytes), "not a JSON object: \(String(decoding: rec.bytes, as: UTF8.self))")
            let id = try #require(o["id"] as? String), post = try #require(o["post"] as? String)
            #expect(ReportValidation.isValidID(id))
            #expect(registry.contains(post))
            let type = try #require(ReportType(rawValue: o["type"] as? String ?? ""))
            let observed = try #require(Timestamp.parse(o["observed_at"] as? String ?? ""))
            let reported = try #require(Timestamp.parse(o["reported_at"] as? String ?? ""))
            #expect(observed <= reported && reported <= end)
            if type == .seizure {
                let name = try #require(o["substance"] as? String)
                if !SubstanceCatalog.standard.match(name).known { unknownNames += 1 }
                #expect((o["quantity"] as? Double ?? 0) > 0)
                #expect(QuantityUnit(rawValue: o["unit"] as? String ?? "") != nil)
            }
            if let lat = o["lat"] as? Double { #expect((-90...90).contains(lat) && o["lon"] is Double) }
            for k in ["origin", "destination"] { if let c = o[k] as? String { #expect(Countries.isAlpha2(c)) } }
            for k in ["transit", "nationalities"] { for c in o[k] as? [String] ?? [] { #expect(Countries.isAlpha2(c)) } }
            if let t = o["transport"] as? String { #expect(Transport(rawValue: t) != nil) }
            if let s = o["severity"] as? String { #expect(Severity(rawValue: s) != nil) }
            if let a = o["arrested"] { #expect(a as? Int != nil) }
            for k in ["place", "summary", "vehicle", "conveyance", "concealment"] {
                if let s = o[k] as? String { #expect(!s.isEmpty && s.count <= (k == "summary" ? 2000 : 200)) }
            }
            let rev = o["revision"] as? Int ?? 0
            #expect(keys.insert("\(post)/\(id)/\(rev)").inserted, "duplicate \(post)/\(id)/\(rev) without faults")
        }
        #expect(unknownNames > 0, "no early-warning names")
        #expect(recs.contains { $0.kind == .correction })
        #expect(recs.contains { String(decoding: $0.bytes, as: UTF8.self).contains(#""retracted":true"#) })
        #expect(recs.contains { String(decoding: $0.bytes, as: UTF8.self).contains(#""purity_pct""#) })
    }

    @Test(arguments: [(200, DemoGenerator.Format.jsonl), (1_000, .jsonl), (200, .csv), (1_500, .csv)])
    func everyFaultKindTurnsUp(count: Int, format: DemoGenerator.Format) throws {
        let recs = records(DemoGenerator(registry: registry, seed: 5, count: count, days: 7, end: end, faults: true, format: format))
        var seen: [DemoFault: Int] = [:]
        var header: [String] = []
        var stored: [String: NSDictionary] = [:]   // (post, id, revision) → content without reported_at
        for rec in recs {
            if rec.kind == .header { header = String(decoding: rec.bytes, as: UTF8.self).components(separatedBy: ",") }
            if format == .jsonl, var o = json(rec.bytes), let post = o["post"] as? String, let id = o["id"] as? String {
                o["reported_at"] = nil
                let key = "\(post)/\(id)/\(o["revision"] as? Int ?? 0)"
                let content = o as NSDictionary
                switch rec.kind {
                case .fault(.exactDuplicate): #expect(stored[key] == content, "duplicate differs: \(key)")
                case .fault(.conflict): #expect(stored[key] != nil && stored[key] != content, "conflict: \(key)")
                case .report, .correction, .fault(.hostileText): #expect(stored[key] == nil); stored[key] = content
                default: break
                }
            }
            guard case .fault(let kind) = rec.kind else { continue }
            seen[kind, default: 0] += 1
            let text = String(decoding: rec.bytes, as: UTF8.self)
            switch kind {
            case .invalidUTF8: #expect(String(validating: rec.bytes, as: UTF8.self) == nil)
            case .overlongLine: #expect(rec.bytes.count > 1 << 20)
            case .malformedJSON: #expect(json(rec.bytes) == nil)
            case .hostileText where format == .jsonl:
                #expect(json(rec.bytes) != nil && !rec.bytes.contains(0x1B))
                #expect(["\\u001b", "\\u202e", "\\u200b", "\\u009b", "\\r"].contains { text.contains($0) })
            case .wrongColumnCount: #expect(csvRows(text + "\n").first?.count != header.count)
            case .unterminatedQuote: #expect(rec.bytes == recs.last?.bytes)
            case .unknownPost where format == .jsonl: #expect(!registry.contains(json(rec.bytes)?["post"] as? String ?? "KZ-KHR"))
            case .quantityNegative where format == .jsonl: #expect(json(rec.bytes)?["quantity"] as? Double == -3)
            case .transitNotList where format == .jsonl: #expect(json(rec.bytes)?["transit"] as? String == "AF")
            case .arrestedFraction where format == .jsonl: #expect(json(rec.bytes)?["arrested"] as? Double == 1.5)
            case .impossibleDate, .timeWithoutOffset:
                if format == .jsonl { #expect(Timestamp.parse(json(rec.bytes)?["observed_at"] as? String ?? "") == nil) }
            default: break
            }
        }
        let expected = DemoFault.kinds(for: format).filter { count >= 1_000 || $0 != .overlongLine }
        for kind in expected { #expect(seen[kind] != nil, "\(kind) missing at \(count) \(format)") }
        #expect((seen[.overlongLine] ?? 0) == (count >= 1_000 ? 1 : 0))
    }

    @Test func faultShareIsSmall() {
        let recs = records(DemoGenerator(registry: registry, seed: 9, count: 10_000, days: 30, end: end, faults: true))
        let faults = recs.filter { if case .fault = $0.kind { return true } else { return false } }.count
        #expect((200...300).contains(faults))
    }

    @Test func csvMatchesJSONLinesField() throws {
        // Without faults the two formats hold the same records, in the same order.
        let lines = records(DemoGenerator(registry: registry, seed: 21, count: 3_000, days: 5, end: end))
        let csv = records(DemoGenerator(registry: registry, seed: 21, count: 3_000, days: 5, end: end, format: .csv))
        let text = csv.map { String(decoding: $0.bytes, as: UTF8.self) + "\n" }.joined()
        let rows = csvRows(text)
        try #require(rows.count == 3_001)
        #expect(rows[0] == FeedField.csvColumns)
        #expect(csv.contains { $0.bytes.contains(0x0A) }, "no quoted line break in any CSV record")
        for (row, line) in zip(rows.dropFirst(), lines) {
            #expect(row.count == FeedField.csvColumns.count)
            let o = try #require(json(line.bytes))
            for (name, cell) in zip(FeedField.csvColumns, row) {
                guard let value = o[name] else { #expect(cell.isEmpty || name == "extra", "\(name)"); continue }
                switch value {
                case let list as [String]: #expect(cell == list.joined(separator: ";"))
                case let s as String: #expect(cell == s, "\(name)")
                case let n as NSNumber: #expect(Double(cell) == n.doubleValue || cell == "true", "\(name)")
                default: Issue.record("unexpected \(name)")
                }
            }
            if !row[row.count - 1].isEmpty {
                let extra = try #require(json(Array(row[row.count - 1].utf8)))
                for k in extra.keys { #expect(o[k] != nil) }
            }
        }
    }

    @Test func plausibleRoutesAndRhythm() throws {
        let recs = records(DemoGenerator(registry: registry, seed: 2, count: 20_000, days: 7, end: end))
        var opiates = 0, opiatesSouth = 0, precursors = 0, precursorsToAF = 0, nps = 0, npsPostal = 0
        var sitreps: [String: [Int64]] = [:]
        for rec in recs {
            let o = try #require(json(rec.bytes))
            let post = registry.post(o["post"] as! String)!
            if o["type"] as? String == "sitrep" {
                sitreps[post.code, default: []].append(Timestamp.parse(o["reported_at"] as! String)!.seconds)
            }
            guard let name = o["substance"] as? String, o["type"] as? String == "seizure" else { continue }
            let m = SubstanceCatalog.standard.match(name)
            switch m.category {
            case .opiates:
                opiates += 1
                if ["TJ", "UZ", "TM"].contains(post.country) { opiatesSouth += 1 }
                #expect(o["origin"] == nil || o["origin"] as? String == "AF")
            case .precursors:
                precursors += 1
                if let d = o["destination"] as? String { #expect(d == "AF"); precursorsToAF += 1 }
            case .nps:
                nps += 1
                if o["transport"] as? String == "postal" { npsPostal += 1; #expect(o["vehicle"] == nil) }
            default: break
            }
        }
        #expect(Double(opiatesSouth) / Double(opiates) > 0.7)
        #expect(precursorsToAF > precursors / 2)
        #expect(Double(npsPostal) / Double(nps) > 0.3)
        // A heartbeat from every post every few hours; exactly one post silent at the end.
        var silent = 0
        for post in registry.posts {
            let times = (sitreps[post.code] ?? []).sorted()
            try #require(times.count > 20, "\(post.code)")
            let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
            #expect(gaps.max()! < 6 * 3_600, "\(post.code)")
            if end.seconds - times.last! > 6 * 3_600 { silent += 1 }
        }
        #expect(silent == 1)
    }

    @Test func streamsInConstantMemory() {
        func rssKB() -> Int {
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        var it = DemoGenerator(registry: registry, seed: 4, count: 200_000, days: 2, end: end, faults: true).makeIterator()
        var n = 0, bytes = 0
        let before = rssKB()
        while let r = it.next() { n += 1; bytes += r.count }
        #expect(n == 200_000)
        #expect(bytes > 40_000_000)
        #if os(Linux)
        #expect(rssKB() - before < 150_000, "RSS grew by \(rssKB() - before) kB")
        #endif
    }
}
