"""What a layout editor checks on a built page, measured on the page itself: blanks, fill, overset.

Shared by the generated-issue tests and `make bench`. Blank areas are found on the rendered page's pixels
(volna_print.blanks, the same measure --strict applies), not in the layout's own report: a column width by a
module height of white paper inside the module grid is a hole a reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from volna_print.blanks import Blank, layout_blanks
from volna_print.build import Result
from volna_print.report import page_fill


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


def page_stats(result: Result, pdf: Path) -> list[PageStats]:
    """Return every page's stats, blanks measured on the rendered pages."""
    blanks = layout_blanks(pdf.read_bytes(), result.layout, result.issue.paper)
    out = []
    for view in result.layout.pages:
        fits = [f for f in result.fits if f.frame.page == view.number]
        lost = sum(f.overset_lines for f in fits if f.frame.continued_on is None and f.frame.auto)
        framed = sum(f.overset_lines for f in fits if f.frame.continued_on is None and not f.frame.auto)
        out.append(PageStats(view.number, page_fill(result, view), lost, framed, sum(f.underset_lines for f in fits),
                             blanks.get(view.number, []), result.layout.shortfall.get(view.number, 0)))
    return out
