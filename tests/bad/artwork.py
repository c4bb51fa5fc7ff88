"""Artwork files for the corpus, made in memory: good ones, and each way a file arrives broken."""

from __future__ import annotations

import io
import struct
import zlib
from functools import cache

from PIL import Image

PDF_PAGE = """%PDF-1.4
1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj
3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}]>> endobj
trailer <</Root 1 0 R>>
%%EOF
"""


@cache
def jpeg(width: int = 120, height: int = 80) -> bytes:
    """Return a small valid JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 60, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@cache
def png(width: int = 120, height: int = 80, mode: str = "RGB") -> bytes:
    """Return a valid PNG (a 1-bit one compresses a huge canvas to a few kilobytes)."""
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    """Return a JPEG cut off halfway, as an interrupted copy leaves it."""
    data = jpeg(400, 300)
    return data[: len(data) // 2]


def png_header(width: int, height: int) -> bytes:
    """Return a PNG that claims a size in its header, with almost no pixel data: the shape of a bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def bomb_png() -> bytes:
    """Return a decompression bomb: 50000 × 50000 pixels claimed by a file of a hundred bytes."""
    return png_header(50000, 50000)


def over_limit_png() -> bytes:
    """Return a PNG just over the 80-megapixel limit but under Pillow's own bomb check."""
    return png_header(9000, 9000)


def eps_named_jpg() -> bytes:
    """Return PostScript: Pillow would run Ghostscript on it if it were allowed to guess the format."""
    return b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"


def pdf(width_pt: float = 283, height_pt: float = 170) -> bytes:
    """Return a one-page PDF of the given size in points (pdfium rebuilds the missing xref)."""
    return PDF_PAGE.format(w=width_pt, h=height_pt).encode("ascii")


def truncated_pdf() -> bytes:
    """Return a PDF cut off before its end."""
    return pdf()[:-40]
