"""A tiny PNG reader and writer (8-bit RGB/RGBA, non-interlaced: what Chromium writes), to check screenshots without Pillow."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

Pixel = tuple[int, ...]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _unfilter(kind: int, line: bytes, prev: bytes, bpp: int) -> bytes:
    """Undo one row's PNG filter (a loop per filter type: several times faster than one generic loop)."""
    if kind == 0:
        return line
    if kind == 2:
        return bytes((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
    out = bytearray(line)
    if kind == 1:
        for i in range(bpp, len(out)):
            out[i] = (out[i] + out[i - bpp]) & 0xFF
    elif kind == 3:
        for i in range(len(out)):
            out[i] = (out[i] + ((out[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 0xFF
    else:
        for i in range(len(out)):
            a, c = (out[i - bpp], prev[i - bpp]) if i >= bpp else (0, 0)
            out[i] = (out[i] + _paeth(a, prev[i], c)) & 0xFF
    return bytes(out)


def read(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows (bytes of 3 or 4 channels a pixel)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, bpp = 8, bytearray(), 0, 0, 0
    while pos < len(data):
        (n,), kind = struct.unpack(">I", data[pos : pos + 4]), data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "only 8-bit RGB(A), non-interlaced"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
    raw, stride, rows, prev = zlib.decompress(bytes(idat)), width * bpp, [], bytes(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]
        prev = _unfilter(kind, line, prev, bpp)
        rows.append(prev)
    return width, height, rows


def colours(path: Path, step: int = 4) -> int:
    """How many distinct colours a grid of every ``step``-th pixel holds (1 for a blank page)."""
    width, _, rows = read(path)
    bpp = len(rows[0]) // width
    return len({row[x * bpp : x * bpp + 3] for row in rows[::step] for x in range(0, width, step)})


def write_crop(src: Path, dst: Path, top: int, bottom: int) -> None:
    """Rows ``top`` to ``bottom`` of a screenshot as a new RGB PNG."""
    width, _, rows = read(src)
    bpp = len(rows[0]) // width
    body = b"".join(b"\x00" + bytes(b for i, b in enumerate(r) if bpp == 3 or i % 4 != 3) for r in rows[top:bottom])

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, bottom - top, 8, 2, 0, 0, 0)
    dst.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(body, 9)) + chunk(b"IEND", b""))
