/// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF).
public enum UTF8Check {
    /// The byte offset of the first invalid sequence, or nil when `b` is valid UTF-8.
    public static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var min: UInt32 = 0
            var v: UInt32 = 0
            switch c {
            case 0xC2...0xDF: need = 1; min = 0x80; v = UInt32(c & 0x1F)
            case 0xE0...0xEF: need = 2; min = 0x800; v = UInt32(c & 0x0F)
            case 0xF0...0xF4: need = 3; min = 0x10000; v = UInt32(c & 0x07)
            default: return i
            }
            guard i + need < n else { return i }
            for k in 1...need {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                v = (v << 6) | UInt32(cc & 0x3F)
            }
            if v < min || v > 0x10FFFF || (0xD800...0xDFFF).contains(v) { return i }
            i += need + 1
        }
        return nil
    }
}

extension UTF8Check {
    /// Length of the longest valid UTF-8 prefix of `b`.
    public static func validPrefix(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        firstInvalid(b) ?? b.count
    }
}
