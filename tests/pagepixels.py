"""Measure a rendered page: its pixels (blank areas in the type area) and its words.

    image = render_page_png(pdf, 2, dpi=50)
    holes = blank_areas(image, grid_area_mm("inner", 2), 50, min_w_mm=45, min_h_mm=25)
    words = page_words(pdf, 2)

Rectangles are in millimetres from the page's top-left corner. A blank area is an axis-aligned rectangle
whose pixels are all lighter than `threshold` in every channel; only rectangles at least min_w × min_h are
reported, so the white gutters (4.5 mm), module-row gaps (one line, ~4 mm) and the white between text lines
never count as blank room. A blank area beside text columns includes the gutters on its sides (it is all
white), so an empty column between two set ones measures about 60 mm, not 51.

The geometry helpers read layouts/<paper>/paper.yaml directly, so they keep working while the layout
engine changes; blank_areas itself needs only the rectangle.
"""

from __future__ import annotations

import math
import re
import subprocess
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Blank:
    """A blank rectangle on the page, in mm from the page's top-left corner."""

    x_mm: float
    y_mm: float
    w_mm: float
    h_mm: float

    @property
    def area_mm2(self) -> float:
        return self.w_mm * self.h_mm

    @property
    def right_mm(self) -> float:
        return self.x_mm + self.w_mm

    @property
    def bottom_mm(self) -> float:
        return self.y_mm + self.h_mm

    def __str__(self) -> str:
        return f"{self.w_mm:.1f} × {self.h_mm:.1f} mm at ({self.x_mm:.1f}, {self.y_mm:.1f})"


# --------------------------------------------------------------------------- rendering


def render_page_png(pdf: Path, page: int, dpi: float) -> Image.Image:
    """Render one page (1-based) of a PDF to an RGB image at `dpi` with pdfium."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        if not 1 <= page <= len(document):
            raise ValueError(f"{pdf} has {len(document)} pages, no page {page}")
        bitmap = document[page - 1].render(scale=dpi / 72, fill_color=(255, 255, 255, 255))
        return bitmap.to_pil().convert("RGB")
    finally:
        document.close()


# --------------------------------------------------------------------------- geometry


def paper_geometry(paper: str = "volna") -> dict:
    """Return the page and grid keys of layouts/<paper>/paper.yaml."""
    data = yaml.safe_load((ROOT / "layouts" / paper / "paper.yaml").read_text(encoding="utf-8"))
    return {"page": data["page"], "grid": data["grid"]}


def grid_area_mm(template: str, page: int, paper: str = "volna") -> tuple[float, float, float, float]:
    """Return the module grid's rectangle (x, y, w, h) in mm: it sits on the bottom margin.

    Odd pages are right-hand pages with the inside margin on the left.
    """
    geo = paper_geometry(paper)
    pg, grid = geo["page"], geo["grid"]
    margins = pg["margins"]
    line = float(grid["line_pt"]) * MM_PER_INCH / 72
    rows, k = int(grid["rows"]), int(grid["module_lines"][template])
    height = (rows * (k + 1) - 1) * line
    left = float(margins["inside"] if page % 2 else margins["outside"])
    width = float(pg["width"]) - float(margins["inside"]) - float(margins["outside"])
    bottom = float(pg["height"]) - float(margins["bottom"])
    return left, bottom - height, width, height


def type_area_mm(page: int, paper: str = "volna") -> tuple[float, float, float, float]:
    """Return the whole type area (head zone and grid) between the margins, in mm."""
    pg = paper_geometry(paper)["page"]
    margins = pg["margins"]
    left = float(margins["inside"] if page % 2 else margins["outside"])
    width = float(pg["width"]) - float(margins["inside"]) - float(margins["outside"])
    top = float(margins["top"])
    return left, top, width, float(pg["height"]) - float(margins["bottom"]) - top


# --------------------------------------------------------------------------- blank areas


def white_mask(image: Image.Image, area_mm: tuple[float, float, float, float], dpi: float,
               threshold: int = 245) -> tuple[np.ndarray, int, int]:
    """Return (mask, left px, top px): True where every channel is >= threshold inside the area."""
    scale = dpi / MM_PER_INCH
    x, y, w, h = area_mm
    x0, y0 = max(0, round(x * scale)), max(0, round(y * scale))
    x1, y1 = min(image.width, round((x + w) * scale)), min(image.height, round((y + h) * scale))
    pixels = np.asarray(image.convert("RGB"))[y0:y1, x0:x1]
    return pixels.min(axis=2) >= threshold, x0, y0


def maximal_rectangles(mask: np.ndarray, min_w: int = 1,
                       min_h: int = 1) -> Iterator[tuple[int, int, int, int]]:
    """Yield every maximal all-True rectangle (x, y, w, h) in pixels at least min_w × min_h.

    Row by row, the column heights of True cells ending at that row form a histogram; the stack method finds,
    for each bar, the widest rectangle of its height. It is maximal left, right and up by construction, and
    maximal down when the row below is not all True under it.
    """
    rows, cols = mask.shape
    heights = np.zeros(cols, dtype=np.int64)
    for i in range(rows):
        heights = np.where(mask[i], heights + 1, 0)
        tall = heights >= min_h
        if not tall.any():
            continue
        below = np.concatenate(([0], np.cumsum(mask[i + 1]))) if i + 1 < rows else None
        # bars shorter than min_h split the row into runs; only runs at least min_w wide can hold a rectangle
        edges = np.flatnonzero(np.diff(np.concatenate(([0], tall.astype(np.int8), [0]))))
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            if end - start < min_w:
                continue
            yield from _histogram(heights, int(start), int(end), i, min_w, min_h, below)


def _histogram(heights: np.ndarray, start: int, end: int, row: int, min_w: int, min_h: int,
               below: np.ndarray | None) -> Iterator[tuple[int, int, int, int]]:
    """Yield the maximal rectangles of one run of bars [start, end) whose bottom is `row`."""
    bars = heights[start:end].tolist()
    stack: list[tuple[int, int]] = []  # (first index, height), heights strictly increasing
    for j in range(len(bars) + 1):
        h = bars[j] if j < len(bars) else 0
        first = j
        while stack and stack[-1][1] >= h:
            first, height = stack.pop()
            if height == h:
                continue  # equal heights merge into one bar that reaches back to `first`
            left, width = start + first, j - first
            if height < min_h or width < min_w:
                continue
            if below is not None and below[left + width] - below[left] == width:
                continue  # the row below is blank all along: a taller rectangle contains this one
            yield left, row - height + 1, width, height
        if h > 0:
            stack.append((first, h))


def _holds_block(free: np.ndarray, min_w: int, min_h: int) -> bool:
    """Return whether a boolean array has an all-True min_w × min_h window."""
    rows, cols = free.shape
    if rows < min_h or cols < min_w:
        return False
    integral = np.zeros((rows + 1, cols + 1), dtype=np.int64)
    integral[1:, 1:] = free.cumsum(axis=0).cumsum(axis=1)
    window = (integral[min_h:, min_w:] - integral[:-min_h, min_w:] - integral[min_h:, :-min_w]
              + integral[:-min_h, :-min_w])
    return bool((window == min_w * min_h).any())


def blank_areas(image: Image.Image, type_area_mm: tuple[float, float, float, float], dpi: float,
                min_w_mm: float, min_h_mm: float, threshold: int = 245) -> list[Blank]:
    """Return the blank rectangles inside the type area at least min_w × min_h mm, largest first.

    Every maximal all-white rectangle of that size is a candidate; going from the largest, one is reported
    when it adds room for a min_w × min_h block that the rectangles already reported do not cover. So two
    separate holes give two rectangles, an L-shaped hole its two arms, and a hole with a ragged edge one.
    Sizes are whole pixels: at 50 dpi a length is known to about 0.5 mm.
    """
    mask, left, top = white_mask(image, type_area_mm, dpi, threshold)
    scale = dpi / MM_PER_INCH
    min_w, min_h = _px(min_w_mm, scale), _px(min_h_mm, scale)
    candidates = sorted(maximal_rectangles(mask, min_w, min_h), key=lambda r: (-r[2] * r[3], r[1], r[0]))
    covered = np.zeros(mask.shape, dtype=bool)
    kept: list[tuple[int, int, int, int]] = []
    for x, y, w, h in candidates:
        if kept and not _holds_block(~covered[y:y + h, x:x + w], min_w, min_h):
            continue
        kept.append((x, y, w, h))
        covered[y:y + h, x:x + w] = True
    return [_to_mm(r, left, top, scale) for r in kept]


def largest_blank(image: Image.Image, type_area_mm: tuple[float, float, float, float], dpi: float,
                  min_w_mm: float = 0.0, min_h_mm: float = 0.0, threshold: int = 245) -> Blank | None:
    """Return the largest all-white rectangle in the type area (at least min_w × min_h mm), or None."""
    mask, left, top = white_mask(image, type_area_mm, dpi, threshold)
    scale = dpi / MM_PER_INCH
    best = max(maximal_rectangles(mask, _px(min_w_mm, scale), _px(min_h_mm, scale)),
               key=lambda r: (r[2] * r[3], -r[1], -r[0]), default=None)
    return _to_mm(best, left, top, scale) if best else None


def _px(mm: float, scale: float) -> int:
    """Return the whole pixels a minimum length needs (half a pixel of tolerance for rounding)."""
    return max(1, math.ceil(mm * scale - 0.5))


def _to_mm(rect: tuple[int, int, int, int], left: int, top: int, scale: float) -> Blank:
    x, y, w, h = rect
    return Blank((left + x) / scale, (top + y) / scale, w / scale, h / scale)


# --------------------------------------------------------------------------- words

SPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\u200a]")  # no-break, narrow no-break, figure, thin, hair
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")  # zero-width space, word joiner, BOM
HYPHENS = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen
EDGE_PUNCTUATION = "«»\"'“”„()[]{}.,;:!?…"
REJOIN_LINES = 40  # how far to look for the rest of a word hyphenated at a line end


def page_words(pdf: Path, page: int, *, vocabulary: Collection[str] | None = None,
               bare: bool = False) -> list[str]:
    """Return the words of one page (1-based) as pdftotext reads them, normalised.

    Soft hyphens are dropped; a word hyphenated at a line end is rejoined: with the next line's first word
    when that starts in lower case («павильо-» «ны» → «павильоны»), keeping the hyphen when both halves are
    capitalised («Российско-» «Белорусского») or when `vocabulary` knows only the hyphenated form. When
    pdftotext puts another block between the halves (a heading, the imprint), the fragment waits for the
    next block that starts in lower case, up to REJOIN_LINES lines, and the joined word takes the fragment's
    place. No-break and thin spaces count as spaces. Words keep their punctuation unless bare=True.
    """
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    return text_words(text, vocabulary=vocabulary, bare=bare)


def text_words(text: str, *, vocabulary: Collection[str] | None = None, bare: bool = False) -> list[str]:
    """Normalise extracted text into words (see page_words)."""
    text = SPACES.sub(" ", INVISIBLE.sub("", text.replace("\f", "\n")))
    words: list[str] = []
    # a fragment left at a line end: (fragment, hyphen, its place in words, lines waited for its rest)
    pending: tuple[str, str, int, int] | None = None
    block_start = True
    for line in text.split("\n"):
        tokens = line.split()
        if not tokens:
            block_start = True
            continue  # a blank line (a column or block break) does not end a hyphenated word
        starts_block, block_start = block_start, False
        if pending is not None:
            fragment, hyphen, place, waited = pending
            first = tokens[0]
            head = fragment.lstrip(EDGE_PUNCTUATION)
            # once another block came between, the rest must open a block of its own
            if waited and not starts_block:
                pending = (fragment, hyphen, place, waited + 1)
            elif first[:1].islower() or hyphen == "\u00ad" or (head[:1].isupper() and first[:1].isupper()):
                words[place] = _rejoin(fragment, hyphen, first, vocabulary)
                tokens.pop(0)
                pending = None
            elif waited >= REJOIN_LINES:  # its rest never came: keep the fragment as printed
                words[place] = fragment + hyphen
                pending = None
            else:  # pdftotext put another block (a heading, the imprint) between the two halves
                pending = (fragment, hyphen, place, waited + 1)
        if tokens:
            last = tokens[-1]
            if pending is None and (last.endswith("\u00ad")
                                    or (len(last) >= 2 and last[-1] in HYPHENS and last[-2].isalpha())):
                tokens.pop()
                words += tokens
                pending = (last[:-1], last[-1], len(words), 0)
                words.append("")
                continue
        words += tokens
    if pending is not None:
        words[pending[2]] = pending[0] + ("" if pending[1] == "\u00ad" else pending[1])
    words = [w.replace("\u00ad", "") for w in words if w]
    if bare:
        words = [w.strip(EDGE_PUNCTUATION) for w in words]
        words = [w for w in words if any(ch.isalnum() for ch in w)]
    return words


def _rejoin(fragment: str, hyphen: str, rest: str, vocabulary: Collection[str] | None) -> str:
    """Join the two halves of a word broken at a line end."""
    if hyphen == "\u00ad":
        return fragment + rest
    if rest[:1].isupper() or rest[:1].isdigit():
        return fragment + hyphen + rest  # a compound broken at its own hyphen: «Российско-Белорусского»
    if vocabulary is not None:
        head, tail = fragment.lstrip(EDGE_PUNCTUATION), rest.rstrip(EDGE_PUNCTUATION)
        if head + hyphen + tail in vocabulary and head + tail not in vocabulary:
            return fragment + hyphen + rest
        if head + "-" + tail in vocabulary and head + tail not in vocabulary:
            return fragment + "-" + rest
    return fragment + rest
