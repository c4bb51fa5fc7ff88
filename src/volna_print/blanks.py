"""Blank areas measured on a rendered page's pixels: what a reader sees as a hole, whatever the layout says.

A blank area is an axis-aligned rectangle whose pixels are all lighter than `threshold` in every channel;
only rectangles at least min_w × min_h are reported, so gutters, row gaps and the white between lines never
count. The build's --strict and the tests measure pages this way (ads greyed out: white in an advertiser's
artwork is not a hole in the layout).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from .layout.engine import Layout
from .layout.frames import AdFrame
from .layout.grid import column_width, grid_rect, line_mm, module_lines
from .manifest.model import Paper
from .units import MM_PER_INCH

DPI = 50  # a page at 50 dpi: lengths known to about half a millimetre


@dataclass(frozen=True)
class Blank:
    """A blank rectangle on the page, in mm from the page's top-left corner."""

    x_mm: float
    y_mm: float
    w_mm: float
    h_mm: float

    @property
    def area_mm2(self) -> float:
        """Return the area in mm²."""
        return self.w_mm * self.h_mm

    @property
    def right_mm(self) -> float:
        """Return the right edge."""
        return self.x_mm + self.w_mm

    @property
    def bottom_mm(self) -> float:
        """Return the lower edge."""
        return self.y_mm + self.h_mm

    def __str__(self) -> str:
        return f"{self.w_mm:.1f} × {self.h_mm:.1f} mm at ({self.x_mm:.1f}, {self.y_mm:.1f})"


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
    """Return a pixel rectangle of the cropped mask in page millimetres."""
    x, y, w, h = rect
    return Blank((left + x) / scale, (top + y) / scale, w / scale, h / scale)


def render_pages(data: bytes, dpi: float = DPI) -> list[Image.Image]:
    """Render every page of a PDF to an RGB image with pdfium."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return [document[i].render(scale=dpi / 72, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
                for i in range(len(document))]
    finally:
        document.close()


def grey_out(image: Image.Image, rects: list[tuple[float, float, float, float]], dpi: float = DPI) -> Image.Image:
    """Paint rectangles (mm) grey, so that what they hold never counts as blank."""
    draw = ImageDraw.Draw(image)
    scale = dpi / MM_PER_INCH
    for x, y, w, h in rects:
        draw.rectangle([x * scale, y * scale, (x + w) * scale, (y + h) * scale], fill=(128, 128, 128))
    return image


def layout_blanks(data: bytes, layout: Layout, paper: Paper) -> dict[int, list[Blank]]:
    """Return, per page, the blank areas of a column by a module inside the module grid, ads greyed out."""
    out: dict[int, list[Blank]] = {}
    for view, image in zip(layout.pages, render_pages(data), strict=True):
        ads = [(f.rect.x, f.rect.y, f.rect.w, f.rect.h) for f in view.frames if isinstance(f, AdFrame)]
        area = grid_rect(paper, view.template, view.number)
        module = module_lines(paper, view.template) * line_mm(paper)
        found = blank_areas(grey_out(image, ads), (area.x, area.y, area.w, area.h), DPI,
                            column_width(paper) - 1, module - 1)
        if found:
            out[view.number] = found
    return out
