"""What a layout editor checks on a built page, measured on the page itself: blanks, fill, overset.

Shared by the generated-issue tests and `make bench`. Blank areas are found on the rendered page's pixels
(pagepixels.blank_areas), not in the layout's own report: a column width by a module height of white paper
inside the module grid is a hole a reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from volna_print.build import Result
from volna_print.layout.frames import AdFrame
from volna_print.layout.grid import column_width, grid_rect, line_mm, module_lines
from volna_print.report import page_fill

from .pagepixels import Blank, blank_areas, render_page_png

DPI = 50


@dataclass
class PageStats:
    """One built page as the editor sees it."""

    number: int
    fill: float
    overset: int  # lines lost in automatic shapes (jumps excluded: their rest is on another page)
    framed_overset: int  # lines lost in frames the editor drew: the engine may not change those
    underset: int
    blanks: list[Blank]
    missing: int  # lines the layout says are empty

    @property
    def suffices(self) -> bool:
        """Return whether the page had content to fill it: something did not fit."""
        return self.overset > 0


def mask_ads(image, view):  # type: ignore[no-untyped-def]
    """Grey out the ads: white in an advertiser's artwork is not a hole in the layout."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    scale = DPI / 25.4
    for frame in view.frames:
        if isinstance(frame, AdFrame):
            r = frame.rect
            draw.rectangle([r.x * scale, r.y * scale, (r.x + r.w) * scale, (r.y + r.h) * scale], fill=(128, 128, 128))
    return image


def page_stats(result: Result, pdf: Path) -> list[PageStats]:
    """Return every page's stats, blanks measured on the page rendered at DPI."""
    paper = result.issue.paper
    out = []
    for view in result.layout.pages:
        fits = [f for f in result.fits if f.frame.page == view.number]
        lost = sum(f.overset_lines for f in fits if f.frame.continued_on is None and f.frame.auto)
        framed = sum(f.overset_lines for f in fits if f.frame.continued_on is None and not f.frame.auto)
        area = grid_rect(paper, view.template, view.number)
        image = mask_ads(render_page_png(pdf, view.number, DPI), view)
        module = module_lines(paper, view.template) * line_mm(paper)
        blanks = blank_areas(image, (area.x, area.y, area.w, area.h), DPI, column_width(paper) - 1, module - 1)
        out.append(PageStats(view.number, page_fill(result, view), lost, framed, sum(f.underset_lines for f in fits),
                             blanks, result.layout.shortfall.get(view.number, 0)))
    return out
