"""What the editor reads after a build: one line per page, and the fit report as data."""

from __future__ import annotations

from typing import Any

from .build import Result
from .i18n import N_, _, ngettext
from .layout.flows import FrameFit
from .layout.frames import AdFrame, ArticleFrame, PageView
from .layout.grid import line_chars


def fit_report(result: Result) -> dict[str, Any]:
    """Return the machine-readable fit report of `check --json`."""
    fits = {id(fit.frame): fit for fit in result.fits}
    return {"issue": result.issue.basename,
            "pages": [_page(result, page, fits) for page in result.layout.pages],
            "unplaced": result.layout.unplaced}


def _page(result: Result, page: PageView, fits: dict[int, FrameFit]) -> dict[str, Any]:
    """Return one page of the report."""
    return {"number": page.number, "template": page.template, "fill": round(page_fill(result, page), 3),
            "missing_lines": result.layout.shortfall.get(page.number, 0),
            "frames": [_frame(frame, fits.get(id(frame))) for frame in page.frames]}


def _frame(frame: ArticleFrame | AdFrame, fit: FrameFit | None) -> dict[str, Any]:
    """Return one frame of the report; ads report zeros for lines."""
    is_article = isinstance(frame, ArticleFrame)
    out: dict[str, Any] = {
        "id": frame.key, "kind": "article" if is_article else "ad", "page": frame.page,
        "x_mm": round(frame.rect.x, 2), "y_mm": round(frame.rect.y, 2),
        "width_mm": round(frame.rect.w, 2), "height_mm": round(frame.rect.h, 2),
        "columns": frame.columns if isinstance(frame, ArticleFrame) else frame.grid.cols,
        "lines_capacity": fit.lines_capacity if fit else 0, "lines_needed": fit.lines_needed if fit else 0,
        "overset_lines": fit.overset_lines if fit else 0, "overset_chars": fit.overset_chars if fit else 0,
        "underset_lines": fit.underset_lines if fit else 0,
    }
    if isinstance(frame, ArticleFrame):
        out["rank"] = frame.rank
        out["column_boxes"] = [{"x_mm": round(c.rect.x, 2), "y_mm": round(c.rect.y, 2), "width_mm": round(c.rect.w, 2),
                                "height_mm": round(c.rect.h, 2), "lines": c.lines} for c in frame.columns_list]
        if frame.photo and frame.photo_rect:
            out["photo"] = {"x_mm": round(frame.photo_rect.x, 2), "y_mm": round(frame.photo_rect.y, 2),
                            "width_mm": round(frame.photo.width_mm, 2), "height_mm": round(frame.photo.height_mm, 2),
                            "ppi": round(frame.photo.ppi), "crop": round(frame.photo.crop, 3)}
        if fit and fit.overset_lines:
            out["cut"] = {"last_fitting": fit.last_fitting, "first_overset": fit.first_overset}
    return out


def page_fill(result: Result, page: PageView) -> float:
    """Return the share of the page's type area that carries something (0–1): empty lines and underset off."""
    return result.layout.fill.get(page.number, 0.0)


# what a page without a section is called in the summary
PAGE_NAMES = {"front": N_("front page"), "back": N_("back page")}


def page_lines(result: Result) -> list[str]:
    """Return the one-line summary of every page."""
    return [page_line(result, page) for page in result.layout.pages]


def page_line(result: Result, page: PageView) -> str:
    """Return one page's summary: what it carries, how full it is, what does not fit or is missing."""
    on_page = [f for f in result.fits if f.frame.page == page.number]
    ads = sum(1 for f in page.frames if isinstance(f, AdFrame))
    articles = sum(1 for f in page.frames if isinstance(f, ArticleFrame))
    over = sum(f.overset_lines for f in on_page)
    under = sum(f.underset_lines for f in on_page)
    name = page.section or (_(PAGE_NAMES[page.template]) if page.template in PAGE_NAMES else "")
    short = result.layout.shortfall.get(page.number, 0)
    parts = [ngettext("{count} article", "{count} articles", articles).format(count=articles),
             ngettext("{count} ad", "{count} ads", ads).format(count=ads),
             _("fill {percent:.0f}%").format(percent=100 * page_fill(result, page)),
             ngettext("overset {count} line", "overset {count} lines", over).format(count=over),
             ngettext("underset {count} line", "underset {count} lines", under).format(count=under)]
    if short:
        parts.append(ngettext("{count} line empty (≈ {chars} characters missing)",
                              "{count} lines empty (≈ {chars} characters missing)", short).format(
            count=short, chars=short * line_chars(result.issue.paper)))
    head = _("page {page:>2}").format(page=page.number)
    return f"{head} {page.template:<5} {name[:24]:<24} " + ", ".join(parts)
