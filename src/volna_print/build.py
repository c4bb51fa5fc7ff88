"""The pipeline: load → typeset → lay out → render HTML → WeasyPrint → files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BuildError, StrictError
from .glyphs import check_glyphs
from .layout.boxes import FrameFit, read_fits
from .layout.engine import Layout, lay_out
from .manifest.issue import load_issue
from .manifest.model import Issue
from .pdf import render_pages, write_atomic
from .render import render_issue

REPLACE_ATTEMPTS = 2  # extra renders allowed to correct automatic placement


@dataclass
class Result:
    """What a build made and what the editor must know about it."""

    issue: Issue
    layout: Layout
    fits: list[FrameFit]
    warnings: list[str] = field(default_factory=list)
    pdf: Path | None = None
    document: object | None = None

    def overset(self) -> list[FrameFit]:
        """Return the frames whose text does not fit."""
        return [f for f in self.fits if f.overset_lines > 0]


def lay_out_issue(issue_dir: Path) -> Result:
    """Read, lay out and render an issue in memory; nothing is written."""
    issue = load_issue(issue_dir)
    warnings = [*issue.warnings, *check_glyphs(issue)]
    corrections: dict[str, int] = {}
    best: dict[int, tuple[tuple[int, int], dict[str, int]]] = {}  # page → its best score and corrections
    for attempt in range(1 + REPLACE_ATTEMPTS):
        layout, document, logged, fits = _attempt(issue, corrections)
        for page in layout.pages:
            on_page = [f for f in fits if f.frame.page == page.number]
            score = (sum(f.overset_lines for f in on_page), sum(f.underset_lines for f in on_page))
            if page.number not in best or score < best[page.number][0]:
                keys = {f.frame.key for f in on_page}
                best[page.number] = (score, {k: v for k, v in corrections.items() if k in keys})
        # An automatically placed article that overflows is placed again, asking for the lines it lacked.
        missed = {f.frame.key: f.overset_lines for f in fits if f.frame.auto and f.overset_lines}
        if not missed or attempt == REPLACE_ATTEMPTS:
            break
        for ident, lines in missed.items():
            corrections[ident] = corrections.get(ident, 0) + lines
    chosen = {k: v for _, page_corrections in best.values() for k, v in page_corrections.items()}
    if chosen != corrections:  # each page as in its best attempt; its pages are in the render cache
        layout, document, logged, fits = _attempt(issue, chosen)
    warnings += layout.notes + [f"WeasyPrint: {message}" for message in logged]
    return Result(issue=issue, layout=layout, fits=fits, warnings=warnings, document=document)


def _attempt(issue: Issue, corrections: dict[str, int]) -> tuple[Layout, Any, list[str], list[FrameFit]]:
    """Lay out, render and read the fit of the issue once."""
    layout = lay_out(issue, corrections)
    pages = render_issue(issue, layout.pages, layout.imprint)
    document, logged = render_pages(pages, issue.root, issue.paper)
    return layout, document, logged, read_fits(document, layout)


def build(issue_dir: Path, out_dir: Path, strict: bool = False) -> Result:
    """Build the issue PDF into out_dir; under strict, overset or warnings fail before anything is written."""
    result = lay_out_issue(issue_dir)
    if strict and (result.overset() or result.warnings):
        problems = [f"overset: {fit.describe()}" for fit in result.overset()] + result.warnings
        raise StrictError("--strict: not ready for print; nothing was written:\n" + "\n".join(problems))
    try:
        data = result.document.write_pdf()  # type: ignore[union-attr]
    except Exception as exc:  # WeasyPrint has no error hierarchy of its own
        raise BuildError(f"WeasyPrint could not write the PDF: {exc}; nothing was written") from exc
    result.pdf = out_dir / f"{result.issue.basename}.pdf"
    write_atomic(result.pdf, data)
    return result
