@testable import TermUI

/// Scalars that must never reach a cell raw: C0/C1 controls, DEL, bidi controls, zero-width.
func isDangerous(_ v: UInt32) -> Bool {
    v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x200B...0x200F).contains(v)
        || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF
}

extension Buffer {
    /// Every dangerous scalar found in any cell.
    var dangerousScalars: [UInt32] {
        cells.flatMap { $0.char.unicodeScalars.map(\.value) }.filter(isDangerous)
    }
}

