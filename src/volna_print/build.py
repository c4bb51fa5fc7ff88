"""The pipeline: load → typeset → lay out (shape, place, fit) → compose the PDF → files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .compose import compose
from .errors import BuildError, StrictError
from .glyphs import check_glyphs
from .layout.engine import Layout, lay_out
from .layout.flows import FrameFit
from .layout.furniture import LayoutError
from .manifest.issue import load_issue
from .manifest.model import Issue
from .manifest.source import display_path
from .pdf import write_atomic
from .setting import WeasySetter


@dataclass
class Result:
    """What a build made and what the editor must know about it."""

    issue: Issue
    layout: Layout
    fits: list[FrameFit]
    warnings: list[str] = field(default_factory=list)
    pdf: Path | None = None
    data: bytes | None = None  # the composed PDF, before it is written

    def overset(self) -> list[FrameFit]:
        """Return the frames whose text does not fit."""
        return [f for f in self.fits if f.overset_lines > 0]


def lay_out_issue(issue_dir: Path) -> Result:
    """Read, lay out and compose an issue in memory; nothing is written."""
    issue = load_issue(issue_dir)
    warnings = [*issue.warnings, *check_glyphs(issue)]
    setter = WeasySetter(issue)
    try:
        layout = lay_out(issue, setter)
    except LayoutError as exc:  # a booking the page cannot hold: stop, as for any other bad booking
        raise BuildError(f"{display_path(issue.root / 'issue.yaml')}: {exc}") from exc
    composed = compose(issue, layout, setter)
    warnings += layout.notes + layout.unplaced + [f"WeasyPrint: {m}" for m in composed.messages]
    warnings += [f"composer: {note}" for note in setter.composer_notes]
    return Result(issue=issue, layout=layout, fits=layout.fits, warnings=warnings, data=composed.data)


def readiness(result: Result) -> list[str]:
    """Return why the issue is not ready for print: overset, unplaced items, empty or thin pages, blanks."""
    problems = [f"overset: {fit.describe()}" for fit in result.overset()]
    problems += result.layout.unplaced
    minimum = result.issue.paper.rules.min_fill
    for page in result.layout.pages:
        fill = result.layout.fill.get(page.number, 0.0)
        if not page.frames:
            problems.append(f"page {page.number}: the page is empty")
        elif fill < minimum:
            short = result.layout.shortfall.get(page.number, 0)
            problems.append(f"page {page.number}: filled {fill:.0%}, below the {minimum:.0%} the paper asks; "
                            f"about {short} lines (≈ {short * 32} characters) are missing")
    return problems + result.warnings


def build(issue_dir: Path, out_dir: Path, strict: bool = False) -> Result:
    """Build the issue PDF into out_dir; under strict, anything not ready for print fails before writing."""
    result = lay_out_issue(issue_dir)
    if strict:
        problems = readiness(result)
        if problems:
            raise StrictError("--strict: not ready for print; nothing was written:\n" + "\n".join(problems))
    assert result.data is not None
    result.pdf = out_dir / f"{result.issue.basename}.pdf"
    write_atomic(result.pdf, result.data)
    return result
