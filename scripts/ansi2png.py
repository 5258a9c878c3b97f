#!/usr/bin/env python3
"""ansi2png: draw ANSI text (256-colour SGR, as sitcen writes it) into a PNG, cell by cell.

    python3 scripts/ansi2png.py map.ans Docs/map.png [--cell 9x18] [--font PATH]

Braille cells (U+2800..U+28FF) are drawn as round dots and the shade blocks ░▒▓█ as filled
rectangles, so the picture does not depend on the font's coverage; everything else is drawn with
DejaVu Sans Mono (apt package fonts-dejavu-core). Needs Pillow (pip install pillow).

Make the input with:
    SITCEN_MAP_SCREENSHOT=/tmp/map.ans swift test --filter SitcenMapTests.ScreenshotExport
"""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

BG = (16, 16, 20)
FG = (220, 220, 220)
ANSI16 = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
          (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
LEVELS = [0, 95, 135, 175, 215, 255]
# Braille dot bits by (column, row).
DOTS = [(0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (1, 0, 0x08), (1, 1, 0x10), (1, 2, 0x20), (0, 3, 0x40), (1, 3, 0x80)]
SHADES = {"░": 0.25, "▒": 0.5, "▓": 0.75, "█": 1.0}


def color256(i):
    if i < 16:
        return ANSI16[i]
    if i < 232:
        i -= 16
        return (LEVELS[i // 36], LEVELS[i // 6 % 6], LEVELS[i % 6])
    v = 8 + (i - 232) * 10
    return (v, v, v)


def parse(text):
    """Yields rows of (char, fg, bg, bold, reverse)."""
    rows = []
    sgr = re.compile(r"\x1b\[([0-9;]*)m")
    for line in text.split("\n"):
        if not line and rows and line == "":
            continue
        fg, bg, bold, dim, rev = None, None, False, False, False
        row = []
        pos = 0
        for m in sgr.finditer(line):
            for ch in line[pos:m.start()]:
                row.append((ch, fg, bg, bold, dim, rev))
            pos = m.end()
            codes = [int(c) if c else 0 for c in m.group(1).split(";")]
            k = 0
            while k < len(codes):
                c = codes[k]
                if c == 0:
                    fg, bg, bold, dim, rev = None, None, False, False, False
                elif c == 1:
                    bold = True
                elif c == 2:
                    dim = True
                elif c == 7:
                    rev = True
                elif c == 39:
                    fg = None
                elif c == 49:
                    bg = None
                elif c in (38, 48) and k + 2 < len(codes) and codes[k + 1] == 5:
                    if c == 38:
                        fg = color256(codes[k + 2])
                    else:
                        bg = color256(codes[k + 2])
                    k += 2
                elif 30 <= c <= 37:
                    fg = ANSI16[c - 30]
                elif 90 <= c <= 97:
                    fg = ANSI16[c - 90 + 8]
                k += 1
        for ch in line[pos:]:
            row.append((ch, fg, bg, bold, dim, rev))
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__)
        sys.exit(2)
    src, dst = args[0], args[1]
    cw, ch = 9, 18
    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
    if "--cell" in args:
        cw, ch = (int(v) for v in args[args.index("--cell") + 1].split("x"))
    if "--font" in args:
        font_path = args[args.index("--font") + 1]
    font = ImageFont.truetype(font_path, int(ch * 0.8))
    bold_font = font
    try:
        bold_font = ImageFont.truetype(font_path.replace("Mono.ttf", "Mono-Bold.ttf"), int(ch * 0.8))
    except OSError:
        pass
    rows = parse(open(src, encoding="utf-8").read())
    width = max(len(r) for r in rows)
    img = Image.new("RGB", (width * cw + 2 * cw, len(rows) * ch + 2 * cw), BG)
    draw = ImageDraw.Draw(img)
    r = max(1.0, cw * 0.16)
    for y, row in enumerate(rows):
        for x, (c, fg, bg, bold, dim, rev) in enumerate(row):
            fgc, bgc = fg or FG, bg or BG
            if rev:
                fgc, bgc = bgc, fgc
            if dim:
                fgc = tuple((a + b) // 2 for a, b in zip(fgc, BG))
            px, py = cw + x * cw, cw + y * ch
            if bgc != BG:
                draw.rectangle([px, py, px + cw - 1, py + ch - 1], fill=bgc)
            o = ord(c)
            if 0x2800 < o <= 0x28FF:
                bits = o - 0x2800
                for col, rw, bit in DOTS:
                    if bits & bit:
                        cx = px + cw * (0.27 + 0.46 * col)
                        cy = py + ch * (0.14 + 0.24 * rw)
                        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fgc)
            elif c in SHADES:
                a = SHADES[c]
                mix = tuple(int(f * a + b * (1 - a)) for f, b in zip(fgc, bgc))
                draw.rectangle([px, py, px + cw - 1, py + ch - 1], fill=mix)
            elif c != " ":
                draw.text((px, py + ch * 0.05), c, font=bold_font if bold else font, fill=fgc)
    img.save(dst)
    print(f"{dst}: {img.size[0]}x{img.size[1]} from {len(rows)} rows of up to {width} cells")


if __name__ == "__main__":
    main()
