"""Measure the shape of justified body lines in a built PDF: loose lines and wide gaps, from word positions.

Reads poppler's `pdftotext -bbox-layout` and regroups its words by baseline and grid column (poppler cuts a
line at a wide gap, which is exactly what we want to find). A line counts when it is body type (by the
words' height), has at least 4 words and reaches both edges of its column (the first line's indent
allowed): that excludes paragraphs' last lines, headings and ragged text. A line is loose when its mean
gap between words exceeds twice the font's normal space; a gap over one em is a hole a reader sees.

    python tests/lineshape.py out/volna-….pdf     # per page, then the issue
    python tests/lineshape.py issues/sample       # builds it: per article too, worst first
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

MM = 72 / 25.4
WORD_RE = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE_RE = re.compile(r"<page ")
SPACE_EM = 0.243  # PT Serif's space advance (fonts/pt/PTSerif-Regular.ttf, 243 of 1000 units)
HANG_PT = 6.0  # a line's last hyphen or comma may hang this far past its column (composer.HANG)


@dataclass
class Grid:
    """Where the text columns lie on a page, in pt."""

    left: float = 12 * MM
    width: float = 51 * MM
    step: float = 55.5 * MM
    columns: int = 5
    body_pt: float = 9.5

    def column_of(self, x: float) -> int:
        """Return the grid column (0-based) an x position falls in, or -1 between columns."""
        index = int((x - self.left) // self.step)
        inside = x - self.left - index * self.step
        return index if 0 <= index < self.columns and inside <= self.width + 0.5 else -1


@dataclass
class Line:
    """One justified body line: its page, its words and the gaps between them in pt."""

    page: int
    words: list[str]
    gaps: list[float]
    x: float = 0.0  # the line's middle and baseline on its page, in pt
    y: float = 0.0

    @property
    def mean_gap(self) -> float:
        return sum(self.gaps) / len(self.gaps)


@dataclass
class Shape:
    """The counts for one page or a whole issue."""

    lines: int = 0
    loose: int = 0
    holes: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, line: Line, space: float, em: float) -> None:
        self.lines += 1
        loose = line.mean_gap > 2 * space
        hole = max(line.gaps) > em
        self.loose += loose
        self.holes += hole
        if (loose or hole) and len(self.examples) < 5:
            self.examples.append(" ".join(line.words) + f"  (mean {line.mean_gap:.1f}, max {max(line.gaps):.1f} pt)")

    @property
    def loose_share(self) -> float:
        return self.loose / self.lines if self.lines else 0.0

    @property
    def hole_share(self) -> float:
        return self.holes / self.lines if self.lines else 0.0

    def __str__(self) -> str:
        return (f"{self.lines:5d} lines, loose {100 * self.loose_share:5.1f} %, "
                f"gap > 1 em {100 * self.hole_share:5.1f} %")


def body_lines(pdf: Path, grid: Grid | None = None) -> list[Line]:
    """Return every full-width body line of at least 4 words in the PDF."""
    grid = grid or Grid()
    text = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = PAGE_RE.split(text)[1:]
    height = (1.2 * grid.body_pt, 1.4 * grid.body_pt)  # PT Serif's word boxes are ~1.29 em high
    found = []
    for number, page in enumerate(pages, 1):
        rows: dict[tuple[float, int], list[tuple[float, float, str]]] = defaultdict(list)
        for x0, y0, x1, y1, word in WORD_RE.findall(page):
            left, top, right, bottom = float(x0), float(y0), float(x1), float(y1)
            if not height[0] <= bottom - top <= height[1]:
                continue
            column = grid.column_of((left + right) / 2)
            if column >= 0:
                rows[(round(bottom, 1), column)].append((left, right, word))
        for (bottom, column), words in rows.items():
            words.sort()
            start = grid.left + column * grid.step
            if len(words) < 4 or words[-1][1] < start + grid.width - 1.0:
                continue
            if words[0][0] > start + 1.3 * grid.body_pt + 1.0:
                continue
            gaps = [b[0] - a[1] for a, b in zip(words, words[1:], strict=False)]
            middle = (words[0][0] + words[-1][1]) / 2
            found.append(Line(number, [w for _, _, w in words], gaps, middle, bottom))
    return found


def measure(pdf: Path, grid: Grid | None = None) -> tuple[Shape, dict[int, Shape]]:
    """Return the issue's shape and every page's."""
    grid = grid or Grid()
    space, em = SPACE_EM * grid.body_pt, grid.body_pt
    total, pages = Shape(), defaultdict(Shape)
    for line in body_lines(pdf, grid):
        total.add(line, space, em)
        pages[line.page].add(line, space, em)
    return total, dict(sorted(pages.items()))


Frames = dict[int, list[tuple[str, tuple[float, float, float, float]]]]  # page → (article, x0, y0, x1, y1 in pt)


def frames_of(layout: object) -> Frames:
    """Return where every article's text columns lie, page by page, from a build's layout."""
    found: Frames = defaultdict(list)
    for page in layout.pages:  # type: ignore[attr-defined]
        for frame in page.frames:
            for column in getattr(frame, "columns_list", []):
                rect = column.rect
                found[page.number].append((frame.key, (rect.x * MM, rect.y * MM, (rect.x + rect.w) * MM,
                                                       (rect.y + rect.h) * MM)))
    return found


def by_article(pdf: Path, frames: Frames, grid: Grid | None = None) -> dict[str, Shape]:
    """Return the shape of every article's lines (a line belongs to the column it stands in)."""
    grid = grid or Grid()
    space, em = SPACE_EM * grid.body_pt, grid.body_pt
    shapes: dict[str, Shape] = defaultdict(Shape)
    for line in body_lines(pdf, grid):
        for key, (x0, y0, x1, y1) in frames.get(line.page, []):
            if x0 <= line.x <= x1 and y0 <= line.y <= y1 + 1:
                shapes[key].add(line, space, em)
                break
    return dict(shapes)


def hyphenated_feet(pdf: Path, frames: Frames, grid: Grid | None = None) -> list[tuple[str, int, str]]:
    """Return the text columns whose last line ends in a hyphen: (article, page, the line's last word).

    A column whose last line is its article's last (the text ends there) cannot end in one; every other
    foot sends the reader on to the next column in the middle of a word.
    """
    grid = grid or Grid()
    text = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    height = (1.2 * grid.body_pt, 1.4 * grid.body_pt)
    found = []
    for number, page in enumerate(PAGE_RE.split(text)[1:], 1):
        words = [(float(x0), float(y0), float(x1), float(y1), word) for x0, y0, x1, y1, word in WORD_RE.findall(page)
                 if height[0] <= float(y1) - float(y0) <= height[1]]
        for key, (x0, y0, x1, y1) in frames.get(number, []):
            inside = [w for w in words if x0 - 1 <= w[0] and w[2] <= x1 + HANG_PT and y0 <= w[3] <= y1 + 1]
            if inside:
                bottom = max(w[3] for w in inside)
                last = max((w for w in inside if abs(w[3] - bottom) < 1), key=lambda w: w[0])
                if last[4].endswith("-") and len(last[4]) > 1:
                    found.append((key, number, last[4]))
    return found


def _build(folder: Path, pdf: Path) -> Frames:
    """Build an issue folder into a PDF (in memory, then written); return its article frames."""
    from volna_print.build import lay_out_issue

    result = lay_out_issue(folder)
    pdf.write_bytes(result.data or b"")
    return frames_of(result.layout)


def main() -> None:
    """Print the shape of every page of the PDFs (or issue folders, built first) given, then the whole."""
    import tempfile

    for name in sys.argv[1:]:
        frames: Frames = {}
        path = Path(name)
        if path.is_dir():
            temporary = tempfile.TemporaryDirectory()
            pdf = Path(temporary.name) / "issue.pdf"
            frames = _build(path, pdf)
            path = pdf
        total, pages = measure(path)
        if frames:
            feet = hyphenated_feet(path, frames)
            print(f"  columns ending in a hyphen: {len(feet)}" + "".join(f"\n    {f}" for f in feet[:10]))
            shapes = sorted(by_article(path, frames).items(), key=lambda kv: -kv[1].loose_share)
            for key, shape in shapes:
                print(f"  {key:32.32s} {shape}")
        for number, shape in pages.items():
            print(f"  page {number:2d}: {shape}")
        print(f"{name}: {total}")
        for example in total.examples:
            print(f"    {example}")


if __name__ == "__main__":
    main()
