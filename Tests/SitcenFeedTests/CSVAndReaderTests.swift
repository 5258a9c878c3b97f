import Foundation
import Testing
import SitcenDomain
@testable import SitcenFeed

@Suite struct CSVAndReaderTests {
    let registry = QuarantineReasonTests.registry

    /// Reads `text` with a tiny chunk size, so that records cross chunk boundaries.
    func records(_ bytes: [UInt8], format: FeedFormat, chunk: Int = 7) throws -> [(first: Int, last: Int, text: String, oversized: Bool, open: Bool)] {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writeEnd = fds[1]
        let writer = Thread {
            bytes.withUnsafeBytes { b in
                var off = 0
                while off < b.count { let n = write(writeEnd, b.baseAddress! + off, b.count - off); if n <= 0 { break }; off += n }
            }
            close(writeEnd)
        }
        writer.start()
        var out: [(Int, Int, String, Bool, Bool)] = []
        try RecordReader(fd: fds[0], format: format, chunkSize: chunk).forEach { r in
            out.append((r.firstLine, r.lastLine, String(decoding: r.bytes, as: UTF8.self), r.oversized, r.unterminatedQuote))
        }
        close(fds[0])
        return out.map { (first: $0.0, last: $0.1, text: $0.2, oversized: $0.3, open: $0.4) }
    }

    @Test func jsonLinesSkipBlankLinesAndKeepPhysicalNumbers() throws {
        let recs = try records(Array("{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}".utf8), format: .jsonl)
        #expect(recs.map(\.text) == ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
        #expect(recs.map(\.first) == [1, 4, 5])
    }

    @Test func csvRecordsSpanLinesInsideQuotes() throws {
        let text = "id,summary\nr1,\"two\nlines, and \"\"quotes\"\"\"\nr2,plain\n"
        let recs = try records(Array(text.utf8), format: .csv)
        #expect(recs.count == 3)
        #expect(recs[1].first == 2 && recs[1].last == 3)
        #expect(recs[2].first == 4)
        let fields = try Array(recs[1].text.utf8).withUnsafeBufferPointer { try CSVRecord.fields($0) }
        #expect(fields == ["r1", "two\nlines, and \"quotes\""])
    }

    @Test func unterminatedQuoteAtTheEnd() throws {
        let recs = try records(Array("id\n\"open\nstill open".utf8), format: .csv)
        #expect(recs.last?.open == true)
        #expect(recs.last?.first == 2)
    }

    @Test func overlongLinesAreCutButCounted() throws {
        var bytes = Array("{\"a\":1}\n".utf8)
        bytes += Array(repeating: UInt8(ascii: "x"), count: RecordReader.maxRecordBytes + 10)
        bytes += Array("\n{\"b\":2}\n".utf8)
        let recs = try records(bytes, format: .jsonl, chunk: 1 << 16)
        #expect(recs.count == 3)
        #expect(recs[1].oversized)
        #expect(recs[1].text.utf8.count == RecordReader.keepLimit)
        #expect(recs[2].first == 3)
    }

    func decodeCSV(_ text: String) throws -> [DecodedRecord] {
        var d = FeedDecoder(format: .csv, registry: registry)
        return try records(Array(text.utf8), format: .csv, chunk: 1 << 16).map { r in
            Array(r.text.utf8).withUnsafeBufferPointer { d.decode(RawRecord(bytes: $0, firstLine: r.first, lastLine: r.last, size: $0.count)) }
        }
    }

    @Test func csvRowsDecodeLikeJSON() throws {
        let text = """
        id,post,type,observed_at,substance,quantity,unit,transit,retracted,extra,lab_ref
        r1,KZ-KHR,seizure,2026-11-20T14:05:00+05:00,Гашиш,3.5,kg,AF;TJ,false,"{""purity_pct"":40}",L-7
        r2,KZ-KHR,seizure,2026-11-20T14:05:00+05:00,Гашиш,abc,kg,,,,
        r3,KZ-KHR,tip
        """
        let out = try decodeCSV(text)
        guard case .header = out[0], case .report(let r) = out[1] else { Issue.record("\(out)"); return }
        #expect(r.quantity == 3.5)
        #expect(r.transit == ["AF", "TJ"])
        #expect(r.extraJSON == #"{"lab_ref":"L-7","purity_pct":40}"#)
        guard case .invalid(let bad) = out[2] else { Issue.record("row 3 accepted"); return }
        #expect(bad == "line 3: `quantity` is \"abc\", must be a number")
        guard case .invalid(let short) = out[3] else { Issue.record("row 4 accepted"); return }
        #expect(short == "line 4: 3 fields, but the header has 11 columns")
    }

    @Test func aBadHeaderQuarantinesEveryRowWithTheReason() throws {
        let out = try decodeCSV("id,post,post,observed_at\nr1,KZ-KHR,KZ-KHR,2026-11-20T14:05:00Z\n")
        guard case .invalid(let r) = out[1] else { Issue.record("accepted"); return }
        #expect(r.contains("the header names the column \"post\" twice"))
    }

    @Test func jsonNumbersAndStrings() throws {
        let v = try JSONParser.parse(Array(#"{"a":-0.5e1,"b":"\u0416\ud83d\ude00\n","c":[1,2.0,30000000000000000]}"#.utf8))
        guard case .object(let m) = v else { Issue.record("not an object"); return }
        #expect(m[0].1 == .number(-5, integral: true))
        #expect(m[1].1 == .string("Ж😀\n"))
        guard case .array(let items) = m[2].1 else { Issue.record("not a list"); return }
        #expect(items[1] == .number(2, integral: true))
    }

    @Test(arguments: ["{\"a\":01}", "{\"a\":1.}", "{\"a\":tru}", "{\"a\":\"x\ty\"}", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "\"\\x\""])
    func strictJSON(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
    }
}
