"""The page's fixed furniture for placement: the imprint, placed as a block, and the unframed ads."""

from __future__ import annotations

import math

from ..i18n import _
from ..manifest.model import Ad, Frame, Issue
from .frames import AdFrame, ImprintView, PageView, art_uri
from .grid import frame_line_span, frame_rect, line_mm, lines_rect, module_lines, span_width
from .place import Page, stack_ads
from .setter import Piece, Setter


class LayoutError(Exception):
    """A booking the page cannot hold: the build stops (the caller adds the file)."""


def place_ads_and_imprint(issue: Issue, setter: Setter, view: PageView, page: Page,
                          occupied: set[tuple[int, int]]) -> None:
    """Place the imprint (back page) and the unframed ads; a booking that finds no room stops the build."""
    paper = issue.paper
    template = view.template
    ads = [a for a in issue.ads if a.page == view.number and a.frame is None]
    wants_imprint = view.number == len(issue.pages)
    for imprint_first in (True, False):
        trial = Page(page.columns, page.lines, list(page.free), set(page.cuts))
        taken = set(occupied)
        imprint = place_imprint(issue, setter, trial, taken, template) if wants_imprint and imprint_first else None
        frames = stack_ads([(a.cols, a.rows) for a in ads], taken, paper.grid.columns, paper.grid.rows)
        if any(f is None for f in frames):
            if imprint_first and wants_imprint:
                continue
            missing = [a for a, f in zip(ads, frames, strict=True) if f is None][0]
            raise LayoutError(_('page {page}: no room for ad "{id}" ({cols}x{rows}) among the page\'s other ads and '
                                "framed items; give it a frame, book it on another page, or move the items that "
                                "take its place").format(page=view.number, id=missing.id, cols=missing.cols,
                                                         rows=missing.rows))
        for ad, frame in zip(ads, frames, strict=True):
            assert frame is not None
            top, bottom = frame_line_span(paper, template, frame)
            trial.take(frame.col - 1, frame.cols, top, bottom)
            taken |= frame.cells()
            view.frames.append(ad_view(issue, ad, frame, template))
        if wants_imprint and imprint is None:
            imprint = place_imprint(issue, setter, trial, taken, template)
            if imprint is None:
                raise LayoutError(_("page {page}: no room for the imprint (выходные данные) at any width; the "
                                    "page's ads and frames leave no free band for it; move an ad to another "
                                    "page").format(page=view.number))
        view.imprint = imprint
        page.free, page.cuts = trial.free, trial.cuts
        return


IMPRINT_SPANS = (5, 4, 3)


def place_imprint(issue: Issue, setter: Setter, page: Page, taken: set[tuple[int, int]],
                  template: str) -> ImprintView | None:
    """Place the imprint as low as it goes, full width if it can, sized by its content."""
    paper = issue.paper
    step = line_mm(paper)
    heights = setter.heights([Piece("imprint.html", (("cols", cols),), span_width(paper, cols))
                              for cols in IMPRINT_SPANS])
    per_row = module_lines(paper, template) + 1
    for cols, height in zip(IMPRINT_SPANS, heights, strict=True):
        need = math.ceil(height / step - 1e-6)
        for top in range(page.lines - need, -1, -1):
            for col in range(paper.grid.columns - cols, -1, -1):
                window = ((1 << need) - 1) << top
                if all(page.free[c] & window == window for c in range(col, col + cols)):
                    page.take(col, cols, top, top + need)
                    first_row, last_row = top // per_row + 1, (top + need - 1) // per_row + 1
                    taken |= {(c + 1, r) for c in range(col, col + cols) for r in range(first_row, last_row + 1)}
                    return ImprintView(lines_rect(paper, template, len(issue.pages), col, cols, top, need), cols)
    return None


def ad_view(issue: Issue, ad: Ad, frame: Frame, template: str) -> AdFrame:
    """Build the view of an ad in its modules."""
    rect = frame_rect(issue.paper, template, ad.page, frame)
    return AdFrame(key=ad.id, ad=ad, page=ad.page, grid=frame, rect=rect, uri=art_uri(ad.file), label=ad.label)
