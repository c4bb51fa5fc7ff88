"""What the editor reads after a build: one line per page, and the fit report as data."""

from __future__ import annotations

from typing import Any

from .build import Result
from .layout.boxes import FrameFit
from .layout.frames import AdFrame, ArticleFrame, PageView


def fit_report(result: Result) -> dict[str, Any]:
    """Return the machine-readable fit report of `check --json`."""
    fits = {fit.frame.key: fit for fit in result.fits}
    return {"issue": result.issue.basename,
            "pages": [_page(result, page, fits) for page in result.layout.pages]}


def _page(result: Result, page: PageView, fits: dict[str, FrameFit]) -> dict[str, Any]:
    """Return one page of the report."""
    return {"number": page.number, "template": page.template, "fill": round(page_fill(result, page, fits), 3),
            "frames": [_frame(frame, fits.get(frame.key)) for frame in page.frames]}


def _frame(frame: ArticleFrame | AdFrame, fit: FrameFit | None) -> dict[str, Any]:
    """Return one frame of the report; ads report zeros for lines."""
    is_article = isinstance(frame, ArticleFrame)
    return {
        "id": frame.key, "kind": "article" if is_article else "ad", "page": frame.page,
        "x_mm": round(frame.rect.x, 2), "y_mm": round(frame.rect.y, 2),
        "width_mm": round(frame.rect.w, 2), "height_mm": round(frame.rect.h, 2),
        "columns": frame.columns if isinstance(frame, ArticleFrame) else frame.grid.cols,
        "lines_capacity": fit.lines_capacity if fit else 0, "lines_needed": fit.lines_needed if fit else 0,
        "overset_lines": fit.overset_lines if fit else 0, "overset_chars": fit.overset_chars if fit else 0,
        "underset_lines": fit.underset_lines if fit else 0,
    }


def page_fill(result: Result, page: PageView, fits: dict[str, FrameFit]) -> float:
    """Return the share of the page's grid covered by frames and their content (0–1).

    Counted in modules, so gutters and row gaps between adjacent frames count as covered; an article's
    empty lines at the foot of its columns are taken off its share.
    """
    grid = result.issue.paper.grid
    covered = float(len(grid.reserved_rows.get(page.template, ())) * grid.columns)
    for frame in page.frames:
        cells = frame.grid.cols * frame.grid.rows
        fit = fits.get(frame.key)
        if isinstance(frame, ArticleFrame) and fit and frame.body_lines:
            total = (frame.body_lines + (frame.head_lines or 0)) * frame.columns
            cells *= 1 - fit.underset_lines / total
        covered += cells
    return max(0.0, min(1.0, covered / (grid.columns * grid.rows)))


def page_lines(result: Result) -> list[str]:
    """Return the one-line summary of every page."""
    fits = {fit.frame.key: fit for fit in result.fits}
    lines = []
    for page in result.layout.pages:
        articles = [f for f in page.frames if isinstance(f, ArticleFrame)]
        ads = [f for f in page.frames if isinstance(f, AdFrame)]
        over = sum(fits[f.key].overset_lines for f in articles if f.key in fits)
        under = sum(fits[f.key].underset_lines for f in articles if f.key in fits)
        name = page.section or {"front": "первая полоса", "back": "последняя полоса"}.get(page.template, "")
        lines.append(f"page {page.number:>2} {page.template:<5} {name[:24]:<24} {len(articles)} articles, "
                     f"{len(ads)} ads, fill {page_fill(result, page, fits):.0%}, overset {over} lines, "
                     f"underset {under} lines")
    return lines
