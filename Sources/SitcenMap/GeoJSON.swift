/// A small GeoJSON reader for the basemap files: a byte-level parser that reads a
/// FeatureCollection of Polygon / MultiPolygon features straight into flat coordinate arrays
/// (no tree of JSON values, no per-point allocation). Properties are kept as strings.
struct GeoJSONReader {
    struct Feature {
        var properties: [String: String]
        /// Rings of this feature, as indices into the reader's `ringEnds`.
        var rings: Range<Int>
        /// Per polygon, how many rings it has (the first is the outer ring, the rest are holes).
        var polygonRingCounts: [Int]
    }

    struct Failure: Error { var message: String; var offset: Int }

    private let bytes: [UInt8]
    private var i = 0
    /// Longitudes and latitudes of every ring point, one after the other.
    private(set) var lon: [Double] = []
    private(set) var lat: [Double] = []
    /// End (exclusive) of each ring in `lon`/`lat`.
    private(set) var ringEnds: [Int] = []
    private(set) var features: [Feature] = []
    private var polygonRings: [Int] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        lon.reserveCapacity(bytes.count / 14); lat.reserveCapacity(bytes.count / 14)
    }

    /// Parses the whole document; throws with a byte offset on malformed input.
    mutating func parse() throws {
        skipSpace()
        try objectMembers { r, key in
            if key == "features" {
                try r.array { r in try r.feature() }
            } else {
                try r.skipValue()
            }
        }
    }

    // MARK: features

    private mutating func feature() throws {
        var props: [String: String] = [:]
        let firstRing = ringEnds.count
        polygonRings = []
        try objectMembers { r, key in
            switch key {
            case "properties":
                if r.peek() == UInt8(ascii: "n") { try r.skipValue(); return }
                try r.objectMembers { r, k in
                    if let v = try r.scalarText() { props[k] = v }
                }
            case "geometry":
                try r.objectMembers { r, k in
                    if k == "coordinates" { _ = try r.coordinates() } else { try r.skipValue() }
                }
            default: try r.skipValue()
            }
        }
        features.append(Feature(properties: props, rings: firstRing..<ringEnds.count, polygonRingCounts: polygonRings))
    }

    /// Reads nested coordinate arrays; returns the nesting height (1 = a position, 2 = a ring,
    /// 3 = a polygon, 4 = a multipolygon). Rings and polygons are recorded as they close.
    private mutating func coordinates() throws -> Int {
        try expect(UInt8(ascii: "["))
        skipSpace()
        if peek() != UInt8(ascii: "[") {
            // A position: [lon, lat, (alt)].
            var values: (Double, Double) = (0, 0)
            var n = 0
            while true {
                skipSpace()
                if peek() == UInt8(ascii: "]") { i += 1; break }
                let v = try number()
                if n == 0 { values.0 = v } else if n == 1 { values.1 = v }
                n += 1
                skipSpace()
                if peek() == UInt8(ascii: ",") { i += 1 }
            }
            guard n >= 2 else { throw Failure(message: "a position needs two numbers", offset: i) }
            lon.append(values.0); lat.append(values.1)
            return 1
        }
        var height = 0
        let ringsBefore = ringEnds.count
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "]") { i += 1; break }
            height = try coordinates() + 1
            skipSpace()
            if peek() == UInt8(ascii: ",") { i += 1 }
        }
        if height == 2 { ringEnds.append(lon.count) }
        if height == 3 { polygonRings.append(ringEnds.count - ringsBefore) }
        return height
    }

    // MARK: JSON primitives

    @inline(__always) private func peek() -> UInt8 { i < bytes.count ? bytes[i] : 0 }

    private mutating func skipSpace() {
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { break }
        }
    }

    private mutating func expect(_ b: UInt8) throws {
        skipSpace()
        guard peek() == b else {
            throw Failure(message: "expected '\(Character(Unicode.Scalar(b)))'", offset: i)
        }
        i += 1
    }

    /// Calls `body` for each member of an object, with the reader positioned at the value.
    private mutating func objectMembers(_ body: (inout GeoJSONReader, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "}") { i += 1; return }
            let key = try string()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            try body(&self, key)
            skipSpace()
            if peek() == UInt8(ascii: ",") { i += 1 } else if peek() != UInt8(ascii: "}") {
                throw Failure(message: "expected ',' or '}'", offset: i)
            }
        }
    }

    private mutating func array(_ body: (inout GeoJSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "]") { i += 1; return }
            try body(&self)
            skipSpace()
            if peek() == UInt8(ascii: ",") { i += 1 } else if peek() != UInt8(ascii: "]") {
                throw Failure(message: "expected ',' or ']'", offset: i)
            }
        }
    }

    /// A string, number or literal as text (nil for null); objects and arrays are skipped.
    private mutating func scalarText() throws -> String? {
        switch peek() {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipValue(); return nil
        default:
            let start = i
            try skipValue()
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            return text == "null" ? nil : text
        }
    }

    private mutating func skipValue() throws {
        skipSpace()
        switch peek() {
        case UInt8(ascii: "{"): try objectMembers { r, _ in try r.skipValue() }
        case UInt8(ascii: "["): try array { r in try r.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case 0: throw Failure(message: "unexpected end of file", offset: i)
        default:
            let start = i
            while i < bytes.count, !(bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "}")
                  || bytes[i] == UInt8(ascii: "]") || bytes[i] <= 0x20) { i += 1 }
            if i == start { throw Failure(message: "unexpected character", offset: i) }
        }
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        var plain = true
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") { plain = false; i += 1 }
            i += 1
        }
        guard i < bytes.count else { throw Failure(message: "unterminated string", offset: start) }
        let end = i
        i += 1
        if plain { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var out = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var j = start
        func flush() { if !utf8.isEmpty { out.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars); utf8 = [] } }
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= end else { return nil }
            return UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16)
        }
        while j < end {
            let b = bytes[j]
            if b != UInt8(ascii: "\\") { utf8.append(b); j += 1; continue }
            flush()
            let e = j + 1 < end ? bytes[j + 1] : 0
            j += 2
            switch e {
            case UInt8(ascii: "n"): out.append("\n")
            case UInt8(ascii: "t"): out.append("\t")
            case UInt8(ascii: "r"): out.append("\r")
            case UInt8(ascii: "b"): out.append("\u{08}")
            case UInt8(ascii: "f"): out.append("\u{0C}")
            case UInt8(ascii: "u"):
                guard var v = hex4(j) else { throw Failure(message: "bad \\u escape", offset: j) }
                j += 4
                if (0xD800..<0xDC00).contains(v), j + 6 <= end, bytes[j] == UInt8(ascii: "\\"),
                   let lo = hex4(j + 2), (0xDC00..<0xE000).contains(lo) {
                    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00); j += 6
                }
                out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            default: out.append(Unicode.Scalar(e))
            }
        }
        flush()
        return String(out)
    }

    /// A JSON number, read without going through String (exact for the files' 3 decimals).
    private mutating func number() throws -> Double {
        skipSpace()
        let start = i
        var negative = false
        if peek() == UInt8(ascii: "-") { negative = true; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            if digits < 18 { mantissa = mantissa * 10 + UInt64(bytes[i] - 0x30); digits += 1 } else { fraction -= 1 }
            i += 1
        }
        if peek() == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                if digits < 18 { mantissa = mantissa * 10 + UInt64(bytes[i] - 0x30); digits += 1; fraction += 1 }
                i += 1
            }
        }
        var exponent = 0
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if peek() == UInt8(ascii: "-") { expNegative = true; i += 1 } else if peek() == UInt8(ascii: "+") { i += 1 }
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { exponent = min(400, exponent * 10 + Int(bytes[i] - 0x30)); i += 1 }
            if expNegative { exponent = -exponent }
        }
        guard i > start + (negative ? 1 : 0) else { throw Failure(message: "expected a number", offset: start) }
        let p = exponent - fraction
        var v = Double(mantissa)
        if p < 0 { v /= pow10(-p) } else if p > 0 { v *= pow10(p) }
        return negative ? -v : v
    }

    private func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<min(n, 400) { r *= 10 }
        return r
    }
}
