import Testing
import SitcenDomain
import SitcenText
@testable import SitcenFeed

/// Hostile and broken bytes never crash the decoder, and whatever it says stays safe to show.
@Suite struct FuzzTests {
    static let seeds: [String] = [
        QuarantineReasonTests.base,
        #""id":"f1","post":"KZ-KHR","type":"tip","observed_at":"2026-11-20T14:05:00+05:00","summary":"Хоргос \u001b[2J ⟨x⟩","transit":["AF","TJ"],"extra":{"a":[1,2.5e3,null]}"#,
    ].map { "{\($0)}" }
    static let inserts: [[UInt8]] = [Array("[[[[[[[[".utf8), Array("{\"a\":".utf8), Array("\\u".utf8), [0x22], [0xF0, 0x9F],
                                     Array("1e999".utf8), Array("-0".utf8), [0x1B, 0x5B, 0x32, 0x4A], [0xC0, 0x80], [0xED, 0xA0, 0x80]]

    @Test func mutatedRecordsNeverCrashAndReasonsAreSafe() {
        var rng = SplitMix64(seed: 2026)
        var decoder = FeedDecoder(format: .jsonl, registry: QuarantineReasonTests.registry)
        var outcomes = [0, 0]
        for i in 0..<20_000 {
            var bytes = Array(Self.seeds[Int(rng.next() % UInt64(Self.seeds.count))].utf8)
            for _ in 0..<Int(rng.next() % 7) where !bytes.isEmpty {
                let p = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: bytes[p] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.removeSubrange(p..<min(bytes.count, p + 1 + Int(rng.next() % 20)))
                case 2: bytes.insert(contentsOf: (0..<(1 + Int(rng.next() % 8))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: p)
                default: bytes.insert(contentsOf: Self.inserts[Int(rng.next() % UInt64(Self.inserts.count))], at: p)
                }
            }
            let out = bytes.withUnsafeBufferPointer { decoder.decode(RawRecord(bytes: $0, firstLine: i + 1, lastLine: i + 1, size: $0.count)) }
            switch out {
            case .report(let r):
                outcomes[0] += 1
                #expect(!TextSafety.needsEscaping(TextSafety.terminal(r.summary ?? "")))
            case .invalid(let reason):
                outcomes[1] += 1
                #expect(reason.hasPrefix("line \(i + 1): "))
                #expect(!TextSafety.needsEscaping(reason), "a reason holds raw control characters: \(reason)")
            case .header:
                Issue.record("a JSON Lines feed has no header")
            }
        }
        #expect(outcomes[0] > 0 && outcomes[1] > 0)
    }
}
