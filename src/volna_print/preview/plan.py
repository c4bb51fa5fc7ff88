"""What the preview shows of a build: plain, immutable data made once per build, read by every request."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..build import Result
from ..layout.flows import FrameFit
from ..layout.frames import AdFrame, ArticleFrame, PageView
from ..manifest.source import display_path
from ..report import page_fill
from ..text import date_long
from .raster import PageImage

TEMPLATE_NAMES = {"front": "первая полоса", "inner": "внутренняя полоса", "back": "последняя полоса"}


@dataclass(frozen=True)
class FrameInfo:
    """One frame as the large view labels it; position in % of the page."""

    key: str
    kind: str  # "article" or "ad"
    name: str
    source: str
    fit: str
    state: str  # "over", "under", "ok" or "ad": the colour of its outline
    overset_lines: int
    underset_lines: int
    columns: int
    capacity: int  # body lines the frame holds
    needed: int  # body lines its text takes
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class PageInfo:
    """One page of the plan: its image, frames and badges."""

    number: int
    template: str
    title: str
    image: PageImage
    frames: tuple[FrameInfo, ...]
    fill: float

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
    pdf: str  # paths relative to the output folder
    fit_json: str
    pages: tuple[PageInfo, ...]
    warnings: tuple[str, ...]
    overset: tuple[str, ...]

    @property
    def spreads(self) -> tuple[tuple[PageInfo | None, PageInfo | None], ...]:
        """Return the pages as a reader sees them: 1 | 2–3 | 4–5 … (None: no page on that side)."""
        return reader_spreads(self.pages)


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


def make_plan(result: Result, images: list[PageImage], fit_json: str) -> Plan:
    """Return the preview's view of a finished build."""
    issue = result.issue
    fits = {fit.frame.key: fit for fit in result.fits}
    paper = issue.paper
    by_number = {image.number: image for image in images}
    pages = tuple(_page(result, page, fits, by_number[page.number], paper.width, paper.height)
                  for page in result.layout.pages if page.number in by_number)
    number = f"№ {issue.number}" + (f" ({issue.total})" if issue.total else "")
    assert result.pdf is not None
    return Plan(
        title=f"«{paper.name}» {number} от {date_long(issue.date)}", basename=issue.basename,
        pdf=result.pdf.name, fit_json=fit_json, pages=pages, warnings=tuple(result.warnings),
        overset=tuple(f"полоса {page.number}, «{frame.name}» ({frame.source}): {frame.fit}"
                      for page in pages for frame in page.overset),
    )


def _page(result: Result, page: PageView, fits: dict[str, FrameFit], image: PageImage, width_mm: float,
          height_mm: float) -> PageInfo:
    """Return one page of the plan."""
    root = result.issue.root
    ordered = sorted(page.frames, key=lambda f: (isinstance(f, AdFrame), f.rect.y, f.rect.x))
    frames = tuple(_frame(frame, fits.get(frame.key), root, width_mm, height_mm) for frame in ordered)
    name = page.section or TEMPLATE_NAMES.get(page.template, page.template)
    return PageInfo(number=page.number, template=page.template, title=name, image=image, frames=frames,
                    fill=page_fill(result, page))


def _frame(frame: ArticleFrame | AdFrame, fit: FrameFit | None, root: Path, width_mm: float,
           height_mm: float) -> FrameInfo:
    """Return the label and position of one frame."""
    place = {"left": 100 * frame.rect.x / width_mm, "top": 100 * frame.rect.y / height_mm,
             "width": 100 * frame.rect.w / width_mm, "height": 100 * frame.rect.h / height_mm}
    if isinstance(frame, AdFrame):
        ad = frame.ad
        return FrameInfo(key=frame.key, kind="ad", name=ad.advertiser or ad.id, source=issue_path(ad.file, root),
                         fit=f"реклама {ad.cols}×{ad.rows} мод.", state="ad", overset_lines=0,
                         underset_lines=0, columns=ad.cols, capacity=0, needed=0, **place)
    over = fit.overset_lines if fit else 0
    under = fit.underset_lines if fit else 0
    state = "over" if over else "under" if under else "ok"
    return FrameInfo(key=frame.key, kind="article", name=frame.article.headline,
                     source=issue_path(frame.article.file, root),
                     fit=fit_text(fit), state=state, overset_lines=over, underset_lines=under, columns=frame.columns,
                     capacity=fit.lines_capacity if fit else 0, needed=fit.lines_needed if fit else 0, **place)


def issue_path(path: Path, root: Path) -> str:
    """Return a file's path as the editor wrote it in the manifest: relative to the issue folder."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return display_path(path)


def fit_text(fit: FrameFit | None) -> str:
    """Return the fit in the editor's words: «перебор 7 строк (≈ 310 знаков)», «недобор 3 строки», «в размер»."""
    if fit is None:
        return "нет данных о заполнении"
    if fit.overset_lines:
        cut = f"; обрыв после «…{fit.last_fitting}», не вошло «{fit.first_overset}…»" if fit.first_overset else ""
        return (f"перебор {fit.overset_lines} {plural(fit.overset_lines, 'строка', 'строки', 'строк')} "
                f"(≈ {fit.overset_chars} {plural(fit.overset_chars, 'знак', 'знака', 'знаков')}){cut}")
    if fit.underset_lines:
        return f"недобор {fit.underset_lines} {plural(fit.underset_lines, 'строка', 'строки', 'строк')}"
    return "в размер"


def plural(count: int, one: str, few: str, many: str) -> str:
    """Return the Russian word form for a count: 1 строка, 2 строки, 5 строк, 21 строка."""
    tens, units = count % 100, count % 10
    if units == 1 and tens != 11:
        return one
    if 2 <= units <= 4 and not 12 <= tens <= 14:
        return few
    return many
