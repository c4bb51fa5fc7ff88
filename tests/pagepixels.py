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

import re
import subprocess
from collections.abc import Collection
from pathlib import Path

import yaml
from PIL import Image

from volna_print.blanks import (  # noqa: F401 - the tests' pixel measures are the build's own
    Blank,
    blank_areas,
    largest_blank,
    maximal_rectangles,
    white_mask,
)

ROOT = Path(__file__).resolve().parents[1]
MM_PER_INCH = 25.4


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
