"""Lay out an issue: place every frame, measure it, size its text to the baseline grid."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ..errors import BuildError
from ..manifest.model import Frame, Issue
from ..manifest.source import display_path
from ..text import line
from .frames import AdFrame, ArticleFrame, PageView, ad_frame, article_frame
from .grid import Rect, frame_lines, frame_rect, head_rect, line_mm
from .jumps import apply_split, short_headline, split_point
from .measure import measure
from .place import Need, place_articles, stack_ads

TIGHT = "letter-spacing: -0.01em; word-spacing: -0.01em;"  # fit: tight — up to about two lines fewer
LOOSE = "letter-spacing: 0.01em; word-spacing: 0.01em;"  # fit: loose — up to about two lines more
NOMINAL_ROWS = 6  # frame height assumed while measuring heads for placement (caps the lead photo)


@dataclass
class Layout:
    """The issue laid out: pages with placed frames, ready for the templates."""

    pages: list[PageView]
    imprint: Rect
    notes: list[str] = field(default_factory=list)

    def article_frames(self) -> list[ArticleFrame]:
        """Return every article frame in page order."""
        return [f for p in self.pages for f in p.frames if isinstance(f, ArticleFrame)]


@dataclass
class Item:
    """An article (or a jump's continuation) waiting for automatic placement on a page."""

    ident: str
    make: Callable[[Frame], ArticleFrame]  # builds the article's view in a given grid frame
    flows: bool = False  # its text continues elsewhere: overset here is not lost


def lay_out(issue: Issue, corrections: dict[str, int] | None = None) -> Layout:
    """Place every article and ad of the issue and size their contents to the baseline grid.

    corrections adds body lines to an article's measured need: the overset the final render found when
    the article was last placed automatically (column breaks cost lines the one-column measure cannot see).
    Pages are laid out in order, so a jump's continuation is known before its page is placed.
    """
    frames: dict[int, list[ArticleFrame | AdFrame]] = {p.number: [] for p in issue.pages}
    waiting: dict[int, list[Item]] = {p.number: [] for p in issue.pages}
    notes: list[str] = []
    lead_id = next((a.id for a in issue.articles if a.page == 1), None)
    for article in issue.articles:
        make = partial(article_frame, issue, article, page=article.page, lead=article.id == lead_id)
        if article.frame is not None:
            frames[article.page].append(make(article.frame))
        else:
            waiting[article.page].append(Item(article.id, make, flows=article.jump is not None))
    for ad in issue.ads:
        if ad.frame is not None:
            frames[ad.page].append(ad_frame(issue, ad, ad.frame))
    # One measuring pass for every article waiting on any page (continuations are measured when split).
    measure(issue, item_probes(issue, [item for items in waiting.values() for item in items]))
    for page in issue.pages:
        notes += place_page(issue, page.number, frames[page.number], waiting[page.number], corrections or {})
        for first in [f for f in frames[page.number]
                      if isinstance(f, ArticleFrame) and f.article.jump and f.continued_from is None]:
            notes += continue_article(issue, first, frames, waiting)
    articles = [f for fs in frames.values() for f in fs if isinstance(f, ArticleFrame)]
    fit_to_grid(issue, [f for f in articles if f.body_lines is None])
    pages = [PageView(number=p.number, template=p.template, section=p.section,
                      head=head_rect(issue.paper, p.template, p.number), frames=frames[p.number])
             for p in issue.pages]
    return Layout(pages=pages, imprint=imprint_rect(issue), notes=notes)


def continue_article(issue: Issue, first: ArticleFrame, frames: dict[int, list[ArticleFrame | AdFrame]],
                     waiting: dict[int, list[Item]]) -> list[str]:
    """Split a jumping article after its first frame and queue the rest for the page it continues on."""
    jump = first.article.jump
    assert jump is not None
    if jump.page <= first.page:
        return [f'page {first.page}: article "{first.article.id}" continues on page {jump.page}; a jump must go '
                "forward to a later page"]
    first.continued_on = jump.page
    fit_to_grid(issue, [first], reserve=1)  # the last line carries «Продолжение на стр. N»
    point = split_point(issue, first)
    if point is None:
        first.continued_on = None
        fit_to_grid(issue, [first])
        return [f'page {first.page}: article "{first.article.id}" fits its first frame; its jump to page '
                f"{jump.page} is not needed"]
    block, words = point
    full = list(first.blocks)

    def make(frame: Frame) -> ArticleFrame:
        second = article_frame(issue, first.article, frame, jump.page, lead=False, key=f"{first.article.id}-cont")
        second.continued_from = first.page
        second.headline = line(short_headline(first.article.headline))
        scratch = copy.copy(first)
        scratch.blocks, scratch.body_images = list(full), list(second.body_images)
        apply_split(scratch, second, block, words)
        return second

    marker = copy.copy(first)
    apply_split(first, marker, block, words)
    if jump.frame is not None:
        frames[jump.page].append(make(jump.frame))
    else:
        waiting[jump.page].insert(0, Item(f"{first.article.id}-cont", make))
    return []


def place_page(issue: Issue, number: int, placed: list[ArticleFrame | AdFrame], items: list[Item],
               corrections: dict[str, int]) -> list[str]:
    """Place the page's unframed ads and articles around what the manifest placed; return notes."""
    grid = issue.paper.grid
    template = issue.pages[number - 1].template
    occupied = {cell for item in placed for cell in item.grid.cells()}
    occupied |= {(c, r) for r in grid.reserved_rows.get(template, ()) for c in range(1, grid.columns + 1)}
    notes = []
    ads = [ad for ad in issue.ads if ad.page == number and ad.frame is None]
    for ad, frame in zip(ads, stack_ads([(a.cols, a.rows) for a in ads], occupied, grid.columns, grid.rows),
                         strict=True):
        if frame is None:  # a paid ad must never be dropped: stop, as for any other bad booking
            raise BuildError(f'{display_path(issue.root / "issue.yaml")}: page {number}: no room for ad "{ad.id}" '
                             f"({ad.cols}x{ad.rows}) among the page's other ads and framed items; give it a frame, "
                             "book it on another page, or move the items that take its place")
        placed.append(ad_frame(issue, ad, frame))
        occupied |= frame.cells()
    if not items:
        return notes
    needs = [Need(n.body_lines + corrections.get(item.ident, 0), n.head_lines, item.flows)
             for item, n in zip(items, item_needs(issue, items), strict=True)]
    chosen, _ = place_articles(needs, occupied, grid.columns, grid.rows,
                               lambda rows: frame_lines(issue.paper, template, rows))
    if chosen is None:
        lines = sum(n.body_lines for n in needs)
        return [*notes, f"page {number}: {len(items)} articles ({lines} body lines) do not fit the free "
                f"modules; give them another page or fewer lines"] + [
            f'page {number}: article "{item.ident}" was not placed: all its text is overset' for item in items]
    for item, frame in zip(items, chosen, strict=True):
        view = item.make(frame)
        view.auto = True
        placed.append(view)
    return notes


def item_probes(issue: Issue, items: list[Item]) -> list[ArticleFrame]:
    """Return each item's view at every span: their heads differ, their bodies measure alike."""
    columns = issue.paper.grid.columns
    return [item.make(Frame(1, 1, cols, NOMINAL_ROWS)) for item in items for cols in range(1, columns + 1)]


def item_needs(issue: Issue, items: list[Item]) -> list[Need]:
    """Measure what each unplaced article needs: body lines once, head heights for every frame width."""
    columns = issue.paper.grid.columns
    sizes = measure(issue, item_probes(issue, items))
    step = line_mm(issue.paper)
    needs = []
    for index in range(len(items)):
        row = sizes[index * columns:(index + 1) * columns]
        needs.append(Need(body_lines=row[0].body_lines,
                          head_lines={cols: size.head_lines(step) for cols, size in enumerate(row, 1)}))
    return needs


def fit_to_grid(issue: Issue, articles: list[ArticleFrame], reserve: int = 0) -> None:
    """Measure heads and give each frame's text columns a height of whole body lines (less reserve)."""
    step = line_mm(issue.paper)
    for frame, size in zip(articles, measure(issue, articles), strict=True):
        total = frame_lines(issue.paper, frame.template, frame.grid.rows) - reserve
        frame.head_lines = min(size.head_lines(step), total)
        frame.body_lines = total - frame.head_lines
        frame.spacing = fit_spacing(frame.article.fit, size.body_lines, frame.body_lines * frame.columns,
                                    frame.columns)
        # Balance only with room to spare: widows and orphans can cost a line per column break.
        frame.balance = size.body_lines + frame.columns <= frame.body_lines * frame.columns


def fit_spacing(mode: str | None, need: int, capacity: int, columns: int) -> str:
    """Return the spacing that absorbs a small misfit: ±1 % of the em in letters and words, never the size.

    Column breaks may cost up to a line a column, so a text within that margin of its capacity is
    tightened as well, and one is loosened only when it ends that far short of it.
    """
    if mode == "tight" and need + columns > capacity:
        return TIGHT
    if mode == "loose" and need + 2 * columns < capacity:
        return LOOSE
    return ""


def imprint_rect(issue: Issue) -> Rect:
    """Return where the imprint goes: the back page's reserved rows, or nowhere."""
    back = next((p for p in issue.pages if p.template == "back"), issue.pages[-1])
    rows = issue.paper.grid.reserved_rows.get("back") or (issue.paper.grid.rows,)
    frame = Frame(1, min(rows), issue.paper.grid.columns, max(rows) - min(rows) + 1)
    return frame_rect(issue.paper, back.template, back.number, frame)
