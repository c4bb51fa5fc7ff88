"""The pipeline: load → typeset → lay out (shape, place, fit) → compose the PDF → files."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n
from .blanks import layout_blanks
from .cache import BuildCache
from .compose import compose
from .errors import BuildError, StrictError
from .glyphs import check_glyphs
from .i18n import _, ngettext
from .layout.engine import Layout, lay_out
from .layout.flows import FrameFit
from .layout.furniture import LayoutError
from .layout.grid import line_chars
from .manifest.issue import load_issue
from .manifest.model import Issue
from .manifest.paper import layouts_dir
from .manifest.source import display_path
from .pdf import FONTS_DIR, write_atomic
from .setting import WeasySetter

SKIPPED = {".git", "__pycache__"}  # folders whose files no build reads


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


def lay_out_issue(issue_dir: Path, cache: BuildCache | None = None) -> Result:
    """Read, lay out and compose an issue in memory; nothing is written.

    With every input unchanged (by content: the issue's files, the paper's design, the fonts, the code), the
    whole result comes from the cache.
    """
    cache = cache or BuildCache()
    cache.begin()
    # the result holds its warnings as text: one stored result per language
    key = cache.key("issue", str(issue_dir.resolve()), inputs_hash(issue_dir, cache), i18n.language())
    stored = cache.load("result", key)
    if isinstance(stored, Result):
        return stored
    issue = load_issue(issue_dir)
    warnings = [*issue.warnings, *check_glyphs(issue)]
    setter = WeasySetter(issue, cache)
    try:
        layout = lay_out(issue, setter)
    except LayoutError as exc:  # a booking the page cannot hold: stop, as for any other bad booking
        raise BuildError(f"{display_path(issue.root / 'issue.yaml')}: {exc}") from exc
    composed = compose(issue, layout, setter)
    warnings += layout.notes + layout.unplaced + [f"WeasyPrint: {m}" for m in composed.messages]
    warnings += composer_summary(setter.composer_notes([f.spec() for f in layout.flows if f.parts]))
    result = Result(issue=issue, layout=layout, fits=layout.fits, warnings=warnings, data=composed.data)
    cache.store("result", key, result)
    return result


def inputs_hash(issue_dir: Path, cache: BuildCache) -> str:
    """Return one hash of every file a build may read: the issue's, the paper designs' and the fonts'."""
    files: list[Path] = []
    for root in (issue_dir.resolve(), layouts_dir().resolve(), FONTS_DIR):
        files += sorted(p for p in root.rglob("*") if p.is_file() and not SKIPPED.intersection(p.parts))
    # check compares the issue with its neighbours (manifest/sequence.py): their manifests count too
    files += sorted(p for p in issue_dir.resolve().parent.glob("*/issue.yaml") if p.parent != issue_dir.resolve())
    return cache.files_hash(files)


VISIBLE_SPACING = 2.0  # spaces twice the normal one: a loose line a reader sees (tests/lineshape.py)


def composer_summary(notes: list[tuple[str, int, str, float]]) -> list[str]:
    """Return a line per article with paragraphs the composer left to WeasyPrint, a line per article with a
    paragraph set loose enough to see (spaces past VISIBLE_SPACING), the loosest first, and one line for all
    the paragraphs set only slightly past the composer's limits: in narrow columns most paragraphs are, and
    a line each would hide what the editor must act on."""
    by_article: dict[str, list[tuple[int, str, float]]] = {}
    left: dict[str, list[tuple[int, str]]] = {}  # not composed at all (widest 0): WeasyPrint broke them
    for key, block, words, widest in notes:
        if widest > 0:
            by_article.setdefault(key, []).append((block, words, widest))
        else:
            left.setdefault(key, []).append((block, words))
    out = []
    for key, paragraphs in left.items():
        block, words = min(paragraphs)
        out.append(ngettext(
            "composer: {article}: {count} paragraph left to WeasyPrint's own line breaking (a word wider than "
            "the column, or markup the composer does not read), paragraph {first}: «{words}…»",
            "composer: {article}: {count} paragraphs left to WeasyPrint's own line breaking (a word wider than "
            "the column, or markup the composer does not read), the first is paragraph {first}: «{words}…»",
            len(paragraphs)).format(article=key, count=len(paragraphs), first=block + 1, words=words))
    slight = {key: found for key, found in by_article.items() if max(f[2] for f in found) < VISIBLE_SPACING}
    loose = sorted((item for item in by_article.items() if item[0] not in slight),
                   key=lambda item: -max(f[2] for f in item[1]))
    for key, found in loose:
        worst = max(found, key=lambda item: item[2])  # where the editor finds the widest spaces
        out.append(ngettext(
            "composer: {article}: {count} paragraph set past the spacing limits (spaces up to {widest:.0f}% of "
            "the normal one), paragraph {first}: «{words}…»",
            "composer: {article}: {count} paragraphs set past the spacing limits (spaces up to {widest:.0f}% "
            "of the normal one in paragraph {first}: «{words}…»)", len(found)).format(
            article=key, count=len(found), widest=100 * worst[2], first=worst[0] + 1, words=worst[1]))
    if slight:
        # a range, not a bound: some were squeezed below the limits, some stretched past them
        shares = [f[2] for found in slight.values() for f in found]
        count = len(shares)
        out.append(ngettext(
            "composer: {count} more paragraph set slightly past the limits (spaces {low:.0f}–{high:.0f}% "
            "of the normal one) in {articles}",
            "composer: {count} more paragraphs set slightly past the limits (spaces {low:.0f}–{high:.0f}% "
            "of the normal one) in {articles}", count).format(
            count=count, low=100 * min(shares), high=100 * max(shares), articles=", ".join(sorted(slight))))
    return out


def readiness(result: Result) -> list[str]:
    """Return why the issue is not ready for print: overset, unplaced items, blank areas, empty or thin pages."""
    problems = [_("overset: {message}").format(message=fit.describe()) for fit in result.overset()]
    problems += result.layout.unplaced
    blanks = layout_blanks(result.data, result.layout, result.issue.paper) if result.data else {}
    for number, found in sorted(blanks.items()):
        problems += [_("page {page}: a blank area of {width:.0f} × {height:.0f} mm at {left:.0f} mm from the "
                       "left, {top:.0f} mm from the top").format(page=number, width=b.w_mm, height=b.h_mm,
                                                                 left=b.x_mm, top=b.y_mm) for b in found]
    minimum = result.issue.paper.rules.min_fill
    for page in result.layout.pages:
        fill = result.layout.fill.get(page.number, 0.0)
        if not page.frames:
            problems.append(_("page {page}: the page is empty").format(page=page.number))
        elif fill < minimum:
            problems.append(thin_page(page.number, fill, minimum, result.layout.shortfall.get(page.number, 0),
                                      line_chars(result.issue.paper)))
    return problems + result.warnings


def thin_page(number: int, fill: float, minimum: float, short: int, per_line: int) -> str:
    """Return why a page is too thin for print: how full it is against the paper's minimum, what is missing."""
    return ngettext(
        "page {page}: filled {fill:.0f}%, below the {minimum:.0f}% the paper asks; about {lines} line "
        "(≈ {chars} characters) is missing",
        "page {page}: filled {fill:.0f}%, below the {minimum:.0f}% the paper asks; about {lines} lines "
        "(≈ {chars} characters) are missing", short).format(
        # floored: a page at 89.7 % of a 90 % minimum does not read «filled 90 %, below 90 %»
        page=number, fill=math.floor(100 * fill), minimum=100 * minimum, lines=short, chars=short * per_line)


def build(issue_dir: Path, out_dir: Path, strict: bool = False, cache: BuildCache | None = None) -> Result:
    """Build the issue PDF into out_dir; under strict, anything not ready for print fails before writing."""
    result = lay_out_issue(issue_dir, cache)
    if strict:
        problems = readiness(result)
        if problems:
            raise StrictError(_("--strict: not ready for print; nothing was written:") + "\n" + "\n".join(problems))
    assert result.data is not None
    result.pdf = out_dir / f"{result.issue.basename}.pdf"
    write_atomic(result.pdf, result.data)
    return result
