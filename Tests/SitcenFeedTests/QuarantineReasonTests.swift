import Foundation
import Testing
import SitcenDomain
@testable import SitcenFeed

/// Every reason a record is quarantined, through the same decoder that ingest uses.
@Suite struct QuarantineReasonTests {
    static let registry = Registry(posts: [
        Post(code: "KZ-KHR", nameEn: "Khorgos", nameRu: "Хоргос", country: "KZ", neighbour: "CN", kind: .bcp, sector: "KZ-EAST", lat: 44.21, lon: 80.34),
    ])
    static let base = #""id":"r1","post":"KZ-KHR","type":"seizure","observed_at":"2026-11-20T14:05:00+05:00","substance":"героин","quantity":2,"unit":"kg""#

    func decode(_ line: String, line n: Int = 17) -> DecodedRecord {
        decode(bytes: Array(line.utf8), line: n)
    }

    func decode(bytes: [UInt8], line n: Int = 17, format: FeedFormat = .jsonl) -> DecodedRecord {
        var d = FeedDecoder(format: format, registry: Self.registry)
        return bytes.withUnsafeBufferPointer { d.decode(RawRecord(bytes: $0, firstLine: n, lastLine: n, size: $0.count)) }
    }

    func reason(_ line: String) -> String {
        if case .invalid(let r) = decode(line) { return r }
        return "ACCEPTED"
    }

    @Test func aValidRecordIsAccepted() {
        guard case .report(let r) = decode("{\(Self.base)}") else { Issue.record("not accepted"); return }
        #expect(r.substance == "героин")
        #expect(r.quantity == 2)
    }

    @Test(arguments: [
        (#"{"id":"r1","type":"seizure","observed_at":"2026-11-20T14:05:00+05:00"}"#, "line 17: `post` is missing"),
        ("{\(base),\"quantity\":-3}".replacingOccurrences(of: #""quantity":2,"#, with: ""), "line 17: `quantity` is -3, must be > 0"),
        (#"{"id":"r1","post":"KZ-XXX","type":"tip","observed_at":"2026-11-20T14:05:00+05:00"}"#, "unknown post \"KZ-XXX\""),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20 14:05"}"#, "`observed_at` is \"2026-11-20 14:05\", must be an RFC 3339 time"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00"}"#, "has no UTC offset"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-02-30T10:00:00Z"}"#, "`observed_at` is \"2026-02-30T10:00:00Z\", is not a real date"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","lat":95,"lon":80}"#, "`lat` is 95, must be between −90 and 90"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","lat":"abc","lon":80}"#, "`lat` is \"abc\", must be a number"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","lat":40}"#, "`lat` and `lon` come together"),
        (#"{"id":"r1","post":"KZ-KHR","type":"seizure","observed_at":"2026-11-20T14:05:00Z"}"#, "`substance` is missing"),
        ("{\(base.replacingOccurrences(of: #""quantity":2"#, with: #""quantity":"12kg""#))}", "`quantity` is \"12kg\", must be a number"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","arrested":1.5}"#, "`arrested` is 1.5, must be a whole number"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","arrested":-1}"#, "`arrested` is -1, must be 0 or more"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","transit":"AF"}"#, "`transit` is \"AF\", must be a list"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","transit":["AF","XX"]}"#, "`transit` holds \"XX\""),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","origin":"Afghanistan"}"#, "`origin` is \"Afghanistan\", must be an ISO 3166-1 alpha-2"),
        (#"{"id":"r1","post":"KZ-KHR","type":"seizure2","observed_at":"2026-11-20T14:05:00Z"}"#, "`type` is \"seizure2\", must be one of seizure, incident, sitrep, tip"),
        ("{\(base.replacingOccurrences(of: #""unit":"kg""#, with: #""unit":"kilo""#))}", "`unit` is \"kilo\", must be one of g, kg"),
        (#"{"id":"r 1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z"}"#, "`id` is \"r 1\", must be 1–64 characters"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","tlp":"white"}"#, "`tlp` is \"white\""),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","retracted":"yes"}"#, "`retracted` is \"yes\", must be true or false"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","revision":-1}"#, "`revision` is -1, must be 0 or more"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","vehicle":"0123456789012345678901234567890123456789X"}"#, "`vehicle` is 41 characters long, at most 40"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00Z","quantity":1,"quantity":2}"#, "the field \"quantity\" appears twice"),
        (#"{"id":"r1","post":"KZ-KHR","type":"tip""#, "line 17: not valid JSON"),
        (#"["id","r1"]"#, "a record must be a JSON object, this is a list"),
        (#"{"a":"\ud800"}"#, "lone surrogate"),
        (String(repeating: "[", count: 100) + String(repeating: "]", count: 100), "nested deeper than"),
    ])
    func reasons(_ line: String, _ expected: String) {
        let r = reason(line)
        #expect(r.contains(expected), "got: \(r)")
        #expect(r.hasPrefix("line 17: "))
    }

    @Test func everyProblemIsListed() {
        let r = reason(#"{"id":"r1","post":"XX","type":"seizure","observed_at":"bad","quantity":-3,"unit":"kilo"}"#)
        for part in ["`observed_at`", "unknown post", "`substance` is missing", "`quantity` is -3", "`unit` is \"kilo\""] {
            #expect(r.contains(part), "missing \(part) in \(r)")
        }
    }

    @Test func invalidUTF8() {
        var bytes = Array("{\(Self.base),\"summary\":\"".utf8)
        bytes += [0xC3, 0x28, 0x22, 0x7D]
        guard case .invalid(let r) = decode(bytes: bytes) else { Issue.record("accepted"); return }
        #expect(r.contains("not valid UTF-8"))
    }

    @Test func oversizedRecord() {
        var d = FeedDecoder(format: .jsonl, registry: Self.registry)
        let bytes: [UInt8] = Array(repeating: 0x20, count: 100)
        let out = bytes.withUnsafeBufferPointer {
            d.decode(RawRecord(bytes: $0, firstLine: 3, lastLine: 3, size: 2_000_000, oversized: true))
        }
        guard case .invalid(let r) = out else { Issue.record("accepted"); return }
        #expect(r == "line 3: the record is 2000000 bytes long, longer than the 1 MiB limit")
    }

    @Test func hostileTextIsStoredAsReceived() {
        let line = "{\(Self.base),\"summary\":\"\\u001b]0;pwned\\u0007 \\u202e \\u200b\\r\"}"
        guard case .report(let r) = decode(line) else { Issue.record("not accepted"); return }
        #expect(r.summary == "\u{1B}]0;pwned\u{07} \u{202E} \u{200B}\r")
    }

    @Test func unknownFieldsAreKeptAsExtras() {
        guard case .report(let r) = decode("{\(Self.base),\"purity_pct\":62.5,\"lab\":{\"z\":1,\"a\":[true,null]}}") else {
            Issue.record("not accepted"); return
        }
        #expect(r.extraJSON == #"{"lab":{"a":[true,null],"z":1},"purity_pct":62.5}"#)
    }

    @Test func nullMeansNotGiven() {
        guard case .report(let r) = decode("{\(Self.base),\"place\":null}") else { Issue.record("not accepted"); return }
        #expect(r.place == nil)
    }
}
