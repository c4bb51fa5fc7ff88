"""What the preview shows of a build: plain, immutable data made once per build, read by every request."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..build import Result
from ..i18n import N_, _, ngettext
from ..layout.flows import FrameFit
from ..layout.frames import AdFrame, ArticleFrame, PageView
from ..layout.grid import Rect
from ..manifest.model import Issue
from ..manifest.source import display_path
from ..printing.checks import PLACES, ad_name, article_name
from ..printing.findings import Finding, Report
from ..report import page_fill
from ..text import date_long, group_digits
from .raster import PageImage

NBSP = "\u00a0"
TEMPLATE_NAMES = {"front": N_("front page"), "inner": N_("inside page"), "back": N_("back page")}
# The preflight names the furniture it finds things in; the preview outlines the same areas.
AREA_NAMES = {"masthead": N_("issue masthead"), "running head": N_("running head"), "imprint": N_("imprint")}
# The preview's own words for levels and checks (lower case, fuller than the text report's ERROR, ink)
LEVEL_NAMES = {"error": N_("error"), "warning": N_("warning"), "info": N_("for information")}
CHECK_NAMES = {
    "overset": N_("overset"), "build": N_("build"), "imprint": N_("imprint"), "placeholder": N_("sample instead of data"),
    "ad share": N_("share of ads"), "ad size": N_("ad size"), "ink": N_("total ink"), "edge": N_("page edge"),
    "pdfx": "PDF/X", "pdf": "PDF", "pages": N_("the issue's pages"), "colour": N_("colour"), "transparency": N_("transparency"),
    "content": N_("content"), "fonts": N_("fonts"), "resolution": N_("resolution"), "small type": N_("small print"),
    "rich black": N_("rich black"), "rules": N_("lines"), "overprint": N_("black overprint"),
}
ANCHOR_RE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class FrameInfo:
    """One frame as the large view labels it; position in % of the page."""

    key: str
    page: int
    kind: str  # "article", "ad" or "area" (furniture the preflight may name: masthead, running head, imprint)
    subject: str  # as the preflight names it (printing.checks), in the run's language: «статья beach»…
    name: str
    source: str
    fit: str
    state: str  # "over", "under", "ok", "ad" or "area": the colour of its outline
    overset_lines: int
    underset_lines: int
    columns: int
    capacity: int  # body lines the frame holds
    needed: int  # body lines its text takes
    left: float
    top: float
    width: float
    height: float
    overset_chars: int = 0
    last_fitting: str = ""  # where an overset text is cut: the last words set …
    first_overset: str = ""  # … and the first that did not fit
    cut_left: float = 0.0  # the cut's place on the page, in %: the foot of the last column
    cut_top: float = 0.0

    @property
    def anchor(self) -> str:
        """Return the element id of the frame, unique in the issue: f-3-beach."""
        return f"f-{self.page}-{ANCHOR_RE.sub('_', self.key)}"

    @property
    def fit_short(self) -> str:
        """Return the fit without where the text is cut (the label shows that apart)."""
        return overset_amount(self.overset_lines, self.overset_chars) if self.overset_lines else self.fit

    @property
    def badge(self) -> str:
        """Return the plan's badge: «overset 60 lines», «underset 3 lines» (empty when it fits)."""
        if self.overset_lines:
            return _("overset {lines}").format(lines=lines(self.overset_lines))
        if self.underset_lines:
            return _("underset {lines}").format(lines=lines(self.underset_lines))
        return ""


@dataclass(frozen=True)
class PageInfo:
    """One page of the plan: its image, frames and badges."""

    number: int
    template: str
    title: str
    image: PageImage | None  # None while the first build is still drawing it
    frames: tuple[FrameInfo, ...]
    fill: float
    areas: tuple[FrameInfo, ...] = ()  # furniture outlined only when a finding names it

    @property
    def overset(self) -> tuple[FrameInfo, ...]:
        """Return the frames whose text does not fit."""
        return tuple(f for f in self.frames if f.state == "over")

    @property
    def underset(self) -> tuple[FrameInfo, ...]:
        """Return the frames whose text leaves lines empty."""
        return tuple(f for f in self.frames if f.state == "under")


@dataclass(frozen=True)
class Plan:
    """A successful build as the preview shows it."""

    title: str
    basename: str
    pdf: str  # paths relative to the output folder ("" while the first build runs)
    fit_json: str
    pages: tuple[PageInfo, ...]
    warnings: tuple[str, ...]
    overset: tuple[str, ...]
    width_mm: float = 297.0  # the trimmed page, as the images show it
    height_mm: float = 420.0

    @property
    def spreads(self) -> tuple[tuple[PageInfo | None, PageInfo | None], ...]:
        """Return the pages as a reader sees them: 1 | 2–3 | 4–5 … (None: no page on that side)."""
        return reader_spreads(self.pages)

    def spread_of(self, number: int) -> tuple[PageInfo | None, PageInfo | None] | None:
        """Return the spread that holds page number, or None when the issue has no such page."""
        return next((pair for pair in self.spreads if any(p and p.number == number for p in pair)), None)

    @property
    def drawn(self) -> int:
        """Return how many pages have their image."""
        return sum(1 for page in self.pages if page.image is not None)


def reader_spreads(pages: tuple[PageInfo, ...]) -> tuple[tuple[PageInfo | None, PageInfo | None], ...]:
    """Pair pages into spreads: the front page alone on the right, then left–right pairs."""
    if not pages:
        return ()
    spreads: list[tuple[PageInfo | None, PageInfo | None]] = [(None, pages[0])]
    rest = pages[1:]
    for index in range(0, len(rest), 2):
        pair = rest[index:index + 2]
        spreads.append((pair[0], pair[1] if len(pair) > 1 else None))
    return tuple(spreads)


def issue_title(issue: Issue) -> str:
    """Return the issue as the pages head it: «Волна» № 31 (10245) от 30 июля 2025 г."""
    number = _("No.{nbsp}{number}").format(nbsp=NBSP, number=issue.number) + (f" ({issue.total})" if issue.total else "")
    return _("“{paper}” {number} of {date}").format(paper=issue.paper.name, number=number, date=date_long(issue.date))


def skeleton_plan(issue: Issue) -> Plan:
    """Return the plan of an issue not built yet: its pages as the manifest lists them, without images."""
    pages = tuple(PageInfo(number=page.number, template=page.template, title=page_title(page.section, page.template),
                           image=None, frames=(), fill=0.0) for page in issue.pages)
    return Plan(title=issue_title(issue), basename=issue.basename, pdf="", fit_json="", pages=pages, warnings=(),
                overset=(), width_mm=issue.paper.width, height_mm=issue.paper.height)


def make_plan(result: Result, images: Iterable[PageImage], fit_json: str) -> Plan:
    """Return the preview's view of a build; pages not drawn yet (the first build, under way) have no image."""
    issue = result.issue
    fits = {fit.frame.key: fit for fit in result.fits}
    paper = issue.paper
    by_number = {image.number: image for image in images}
    pages = tuple(_page(result, page, fits, by_number.get(page.number), paper.width, paper.height)
                  for page in result.layout.pages)
    assert result.pdf is not None
    return Plan(
        title=issue_title(issue), basename=issue.basename,
        pdf=result.pdf.name, fit_json=fit_json, pages=pages, warnings=tuple(result.warnings),
        overset=tuple(_("page {page}, “{name}” ({source}): {fit}").format(page=page.number, name=frame.name,
                                                                            source=frame.source, fit=frame.fit)
                      for page in pages for frame in page.overset),
        width_mm=paper.width, height_mm=paper.height,
    )


def page_title(section: str | None, template: str) -> str:
    """Return what a page is called: its section, or what kind of page it is."""
    return section or (_(TEMPLATE_NAMES[template]) if template in TEMPLATE_NAMES else template)


def _page(result: Result, page: PageView, fits: dict[str, FrameFit], image: PageImage | None, width_mm: float,
          height_mm: float) -> PageInfo:
    """Return one page of the plan."""
    root = result.issue.root
    ordered = sorted(page.frames, key=lambda f: (isinstance(f, AdFrame), f.rect.y, f.rect.x))
    frames = tuple(_frame(frame, fits.get(frame.key), root, width_mm, height_mm) for frame in ordered)
    head = "masthead" if page.template == "front" else "running head"
    areas = [(head, page.head)] + ([("imprint", page.imprint.rect)] if page.imprint and page.template == "back"
                                   else [])
    return PageInfo(number=page.number, template=page.template, title=page_title(page.section, page.template),
                    image=image, frames=frames, fill=page_fill(result, page),
                    areas=tuple(_area(page.number, subject, rect, width_mm, height_mm) for subject, rect in areas))


def _percent(rect: Rect, width_mm: float, height_mm: float) -> tuple[float, float, float, float]:
    """Return a rectangle in mm as its place on the page in %: left, top, width, height."""
    return 100 * rect.x / width_mm, 100 * rect.y / height_mm, 100 * rect.w / width_mm, 100 * rect.h / height_mm


def _area(number: int, code: str, rect: Rect, width_mm: float, height_mm: float) -> FrameInfo:
    """Return a furniture area the preflight may name (as it names it, in the run's language)."""
    left, top, width, height = _percent(rect, width_mm, height_mm)
    subject = _("running head") if code == "running head" else _(PLACES[code])
    return FrameInfo(key=code.replace(" ", "-"), page=number, kind="area", subject=subject,
                     name=_(AREA_NAMES[code]), source="", fit="", state="area", overset_lines=0, underset_lines=0,
                     columns=0, capacity=0, needed=0, left=left, top=top, width=width, height=height)


def _frame(frame: ArticleFrame | AdFrame, fit: FrameFit | None, root: Path, width_mm: float,
           height_mm: float) -> FrameInfo:
    """Return the label and position of one frame."""
    left, top, width, height = _percent(frame.rect, width_mm, height_mm)
    if isinstance(frame, AdFrame):
        ad = frame.ad
        return FrameInfo(key=frame.key, page=frame.page, kind="ad", subject=ad_name(ad.id), name=ad.advertiser or ad.id,
                         source=issue_path(ad.file, root), fit=_("ad {cols}×{rows}{nbsp}mod.").format(cols=ad.cols, rows=ad.rows, nbsp=NBSP), state="ad",
                         overset_lines=0, underset_lines=0, columns=ad.cols, capacity=0, needed=0,
                         left=left, top=top, width=width, height=height)
    over = fit.overset_lines if fit else 0
    under = fit.underset_lines if fit else 0
    state = "over" if over else "under" if under else "ok"
    last = frame.columns_list[-1].rect if frame.columns_list else frame.rect
    return FrameInfo(key=frame.key, page=frame.page, kind="article", subject=article_name(frame.article.id),
                     name=frame.article.headline, source=issue_path(frame.article.file, root),
                     fit=fit_text(fit), state=state, overset_lines=over, underset_lines=under, columns=frame.columns,
                     capacity=fit.lines_capacity if fit else 0, needed=fit.lines_needed if fit else 0,
                     overset_chars=fit.overset_chars if fit and over else 0,
                     last_fitting=fit.last_fitting if fit and over else "",
                     first_overset=fit.first_overset if fit and over else "",
                     cut_left=100 * (last.x + last.w) / width_mm, cut_top=100 * (last.y + last.h) / height_mm,
                     left=left, top=top, width=width, height=height)


def issue_path(path: Path, root: Path) -> str:
    """Return a file's path as the editor wrote it in the manifest: relative to the issue folder."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return display_path(path)


def fit_text(fit: FrameFit | None) -> str:
    """Return the fit in the editor's words: «overset 7 lines (≈ 310 characters)», «underset 3 lines», «fits»."""
    if fit is None:
        return _("no data on the fill")
    if fit.overset_lines:
        cut = _("; cut after “…{last}”, left out “{first}…”").format(last=fit.last_fitting, first=fit.first_overset) \
            if fit.first_overset else ""
        return overset_amount(fit.overset_lines, fit.overset_chars) + cut
    if fit.underset_lines:
        return _("underset {lines}").format(lines=lines(fit.underset_lines))
    return _("fits")


def overset_amount(count: int, characters: int) -> str:
    """Return «overset 7 lines (≈ 310 characters)»."""
    return _("overset {lines} (≈{nbsp}{chars})").format(lines=lines(count), nbsp=NBSP, chars=chars(characters))


def lines(count: int) -> str:
    """Return «60 lines» in the active language, the number and its word joined by a no-break space."""
    return ngettext("{count}{nbsp}line", "{count}{nbsp}lines", count).format(count=group_digits(count), nbsp=NBSP)


def chars(count: int) -> str:
    """Return «310 characters» in the active language."""
    return ngettext("{count}{nbsp}character", "{count}{nbsp}characters", count).format(
        count=group_digits(count), nbsp=NBSP)


def errors(count: int) -> str:
    """Return «1 error» in the active language."""
    return ngettext("{count}{nbsp}error", "{count}{nbsp}errors", count).format(count=group_digits(count), nbsp=NBSP)


def warnings(count: int) -> str:
    """Return «8 warnings» in the active language."""
    return ngettext("{count}{nbsp}warning", "{count}{nbsp}warnings", count).format(
        count=group_digits(count), nbsp=NBSP)


def findings(count: int) -> str:
    """Return «2 findings» in the active language."""
    return ngettext("{count}{nbsp}finding", "{count}{nbsp}findings", count).format(
        count=group_digits(count), nbsp=NBSP)


def pages(count: int) -> str:
    """Return «4 pages» in the active language."""
    return ngettext("{count}{nbsp}page", "{count}{nbsp}pages", count).format(count=group_digits(count), nbsp=NBSP)


def count_words(count: int, one: str, few: str, many: str) -> str:
    """Return a count with its word, joined by a no-break space: «60 строк», «2 строки»."""
    return f"{group_digits(count)}{NBSP}{plural(count, one, few, many)}"


def plural(count: int, one: str, few: str, many: str) -> str:
    """Return the Russian word form for a count: 1 строка, 2 строки, 5 строк, 21 строка."""
    tens, units = count % 100, count % 10
    if units == 1 and tens != 11:
        return one
    if 2 <= units <= 4 and not 12 <= tens <= 14:
        return few
    return many


@dataclass(frozen=True)
class FindingInfo:
    """One preflight finding as the preview shows it: where on which page, and the frame it names."""

    level: str
    check: str
    message: str
    page: int | None
    subject: str
    anchor: str = ""  # element id of the frame or area it names on its page, "" when it names none
    name: str = ""  # what it names, in the editor's words: the headline, the advertiser, «выходные данные»

    @property
    def level_name(self) -> str:
        """Return «error», «warning» or «for information» in the active language."""
        return _(LEVEL_NAMES[self.level]) if self.level in LEVEL_NAMES else self.level

    @property
    def check_name(self) -> str:
        """Return the check in the active language («overset», «resolution»), or as the preflight calls it."""
        return _(CHECK_NAMES[self.check]) if self.check in CHECK_NAMES else self.check

    @property
    def href(self) -> str:
        """Return the link that opens its page with its frame highlighted ("" for the issue as a whole)."""
        if self.page is None:
            return ""
        return f"/page/{self.page}" + (f"#{self.anchor}" if self.anchor else "")

    @property
    def where(self) -> str:
        """Return «page 3, «Beach season…»», «page 2» or «the whole issue»."""
        parts = ([_("page{nbsp}{number}").format(nbsp=NBSP, number=self.page)] if self.page else []) + ([self.name] if self.name else
                                                                          [self.subject] if self.subject else [])
        return ", ".join(parts) or _("the whole issue")

    def as_finding(self) -> Finding:
        """Return the preflight's own finding."""
        return Finding(self.level, self.check, self.message, self.page, self.subject)


@dataclass(frozen=True)
class Checked:
    """The preflight of one build, as `volna-print preflight` reports it (or why it could not run)."""

    findings: tuple[FindingInfo, ...] = ()
    failure: str = ""
    off: bool = False  # `serve --no-preflight`: nothing was checked

    @property
    def errors(self) -> tuple[FindingInfo, ...]:
        """Return the findings that stop the issue from going to print."""
        return tuple(f for f in self.findings if f.level == "error")

    @property
    def warnings(self) -> tuple[FindingInfo, ...]:
        """Return the findings an editor should look at."""
        return tuple(f for f in self.findings if f.level == "warning")

    def on_page(self, number: int) -> tuple[FindingInfo, ...]:
        """Return the findings of one page."""
        return tuple(f for f in self.findings if f.page == number)

    def by_anchor(self) -> Mapping[str, tuple[FindingInfo, ...]]:
        """Return the findings per frame or area they name."""
        found: dict[str, list[FindingInfo]] = {}
        for finding in self.findings:
            if finding.anchor:
                found.setdefault(finding.anchor, []).append(finding)
        return {key: tuple(value) for key, value in found.items()}


def checked(plan: Plan, report: Report) -> Checked:
    """Return a preflight report placed on the plan: every finding with the frame or area it names."""
    where = {(page.number, frame.subject): frame for page in plan.pages for frame in (*page.frames, *page.areas)}
    findings = []
    for finding in report.sorted_findings():
        frame = where.get((finding.page, finding.subject)) if finding.page else None
        findings.append(FindingInfo(finding.level, finding.check, finding.message, finding.page, finding.subject,
                                    anchor=frame.anchor if frame else "", name=_named(frame)))
    return Checked(findings=tuple(findings))


def _named(frame: FrameInfo | None) -> str:
    """Return what a finding names: «the headline» or «the advertiser», a furniture area as it is called."""
    if frame is None:
        return ""
    return frame.name if frame.kind == "area" else f"«{frame.name}»"

