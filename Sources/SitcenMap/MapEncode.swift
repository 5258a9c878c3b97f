import SitcenText
import TermUI

/// Raster → buffer cells. Backgrounds go in as runs of blank cells (`Buffer.fill`, no text work),
/// glyphs as runs of one style built straight as UTF-8 bytes (`Buffer.put`).
extension MapRenderer {
    /// UTF-8 of the four heat shades, ░ ▒ ▓ █, and their ASCII stand-ins.
    static let heatUTF8: [(UInt8, UInt8, UInt8)] = [(0xE2, 0x96, 0x91), (0xE2, 0x96, 0x92), (0xE2, 0x96, 0x93), (0xE2, 0x96, 0x88)]
    static let heatASCII: [UInt8] = [UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "%"), UInt8(ascii: "@")]
    static let asciiDotBytes: [UInt8] = AsciiDots.table.map { $0.asciiValue ?? UInt8(ascii: "#") }

    mutating func encode(into buffer: inout Buffer, area: Rect, palette: [Style], ascii: Bool, waterFill: Bool) {
        let w = canvas.width
        var bytes = glyphBytes
        glyphBytes = []
        bytes.reserveCapacity(w * 3)
        let hasHeat = !heatLevel.isEmpty
        let asciiDots = MapRenderer.asciiDotBytes, heatUTF8 = MapRenderer.heatUTF8, heatASCII = MapRenderer.heatASCII
        for row in 0..<canvas.height {
            let base = row * w
            // Backgrounds: land by country, water.
            var x = 0
            while x < w {
                let f = canvas.fill[base + x]
                if f == 0 { x += 1; continue }
                let start = x
                while x < w && canvas.fill[base + x] == f { x += 1 }
                buffer.fill(Rect(x: area.x + start, y: area.y + row, width: x - start, height: 1), style: palette[Int(f)])
            }
            // Glyphs: runs of cells with the same ink and fill.
            x = 0
            while x < w {
                guard let key = glyphKey(base + x, hasHeat, waterFill) else { x += 1; continue }
                let start = x
                bytes.removeAll(keepingCapacity: true)
                while x < w, let k = glyphKey(base + x, hasHeat, waterFill), k == key {
                    let i = base + x
                    if hasHeat && heatLevel[i] > 0 {
                        let l = Int(heatLevel[i]) - 1
                        if ascii { bytes.append(heatASCII[l]) } else { let h = heatUTF8[l]; bytes.append(h.0); bytes.append(h.1); bytes.append(h.2) }
                    } else {
                        var m = canvas.mask[i]
                        if m == 0 {
                            // Water with nothing on it: `~`, or a faint one-dot texture.
                            if ascii { bytes.append(UInt8(ascii: "~")); x += 1; continue }
                            m = (x + row) & 1 == 0 ? 0x02 : 0x20
                        }
                        if ascii { bytes.append(asciiDots[Int(m)]) } else { bytes.append(0xE2); bytes.append(0xA0 | m >> 6); bytes.append(0x80 | m & 0x3F) }
                    }
                    x += 1
                }
                let style = palette[Int(key.fill)].patched(with: palette[Int(key.ink)])
                buffer.put(String(decoding: bytes, as: UTF8.self), x: area.x + start, y: area.y + row, style: style, maxWidth: x - start)
            }
        }
        glyphBytes = bytes
    }

    /// Writes a symbol or label over the raster, keeping the land or water background of the
    /// cells under it (a label across a border takes each side's background).
    func putOverlay(_ item: Overlay.Item, into buffer: inout Buffer, area: Rect, palette: [Style]) {
        let w = canvas.width, y = item.y
        guard y >= 0, y < canvas.height else { return }
        func fill(_ x: Int) -> UInt8 { x >= 0 && x < w ? canvas.fill[y * w + x] : 0 }
        var x = item.x, runStart = item.x, run = ""
        var runFill = fill(x)
        for c in item.text {
            let f = fill(x)
            if f != runFill && !run.isEmpty {
                buffer.put(run, x: area.x + runStart, y: area.y + y, style: palette[Int(runFill)].patched(with: item.style), maxWidth: w - runStart)
                run = ""; runStart = x
            }
            runFill = f
            run.append(c)
            x += max(1, DisplayWidth.of(c))
        }
        if !run.isEmpty {
            buffer.put(run, x: area.x + runStart, y: area.y + y, style: palette[Int(runFill)].patched(with: item.style), maxWidth: w - runStart)
        }
    }

    /// The ink and fill of a cell that shows a glyph (heat, dots or water), or nil for a blank.
    @inline(__always) private func glyphKey(_ i: Int, _ hasHeat: Bool, _ waterFill: Bool) -> GlyphKey? {
        if hasHeat, heatLevel[i] > 0 { return GlyphKey(ink: Ink.heat + heatLevel[i] - 1, fill: canvas.fill[i]) }
        if canvas.mask[i] != 0 { return GlyphKey(ink: canvas.ink[i], fill: canvas.fill[i]) }
        if waterFill && canvas.water[i] != 0 { return GlyphKey(ink: Ink.waterFill, fill: canvas.fill[i]) }
        return nil
    }
}

struct GlyphKey: Equatable { var ink: UInt8; var fill: UInt8 }
