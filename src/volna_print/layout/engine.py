"""Lay out an issue: shape, place and fit every article, ad and the imprint, page by page.

Pages are laid out in order, so a jump's continuation is known before its page is placed. On each page:
hand frames and booked ads become obstacles, the imprint is placed at the back page's foot (above any ad
booked there), unframed ads stack from the foot, and the articles are tiled over what is left
(place.py). The texts are then set in the columns they were given; where the real setting differs from
the estimate (widows, orphans, photos moving to the next column), the page is placed again with the
measured difference, and the better attempt is kept.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from ..i18n import gettext, ngettext  # not _: the engine's code uses _ for values it drops
from ..manifest.model import Article, Frame, Issue
from ..text import balanced_head, body_blocks, fitted_head, head_line, line
from .flows import FrameFit, part_fit
from .frames import (
    ArticleFrame,
    Column,
    Flow,
    PageView,
    headline_sizes,
    image_view,
)
from .furniture import ad_view, place_ads_and_imprint
from .grid import (
    Rect,
    column_width,
    frame_line_span,
    grid_lines,
    head_rect,
    line_chars,
    line_mm,
    lines_rect,
    module_lines,
    span_width,
)
from .photos import body_figure, body_figure_lines, caption_lines, caption_piece, photo_need, photo_notes
from .place import (
    MIN_TEXT_LINES,
    OVERSET_COST,
    Need,
    Page,
    Placement,
    SearchMemo,
    Tree,
    fixed_choice,
    new_page,
    place_articles,
)
from .setter import MARK_PREFIX, Piece, Setter

RANK_SPANS = {"lead": (3, 5), "main": (2, 4), "secondary": (2, 3), "brief": (1, 2)}
RANK_WEIGHT = {"lead": 3, "main": 2, "secondary": 1, "brief": 0}
HEAD_GAP_MM = 1.0  # at least this much air between the head and the first body line
CORRECTION_ROUNDS = 2  # a third (moving the second search's cuts) bettered none of 80 generated pages in 12 tries
SHORT_HEADLINE = 48  # characters of the headline repeated over a continuation
SHORT_HEADLINE_PT = 14.0  # the continuation's short headline (head.html sets it inline, over volna.css)
FUNCTION_WORDS = frozenset(
    "в во на над о об от до за из к ко с со у по при про для без и а но или да не ни что как "
    "чем где же ли бы то это его её их".split())


@dataclass
class Layout:
    """The issue laid out: pages with placed frames, every text's flow and fit."""

    pages: list[PageView]
    flows: list[Flow]
    fits: list[FrameFit]
    notes: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    shortfall: dict[int, int] = field(default_factory=dict)  # page → empty lines where content is short
    fill: dict[int, float] = field(default_factory=dict)  # page → share of its grid that carries something

    @property
    def imprint(self) -> Rect:
        """Return where the imprint was placed (an empty rectangle when nowhere)."""
        found = next((p.imprint for p in self.pages if p.imprint), None)
        return found.rect if found else Rect(0, 0, 0, 0)

    def article_frames(self) -> list[ArticleFrame]:
        """Return every article frame in page order."""
        return [f for p in self.pages for f in p.frames if isinstance(f, ArticleFrame)]


@dataclass
class Item:
    """An article part waiting for a page: a first part or a jump's continuation."""

    flow: Flow
    rank: str
    frame: Frame | None = None  # a hand frame
    continued_from: int | None = None
    body_lines: int = 0  # what the part must hold (the whole text, or the rest of a jumped one)
    reserve: int = 0  # a line for «Продолжение на стр. N»
    jump_to: int | None = None


def lay_out(issue: Issue, setter: Setter) -> Layout:
    """Place every article, ad and the imprint of the issue and set the texts in their columns."""
    lead_id = next((a.id for a in issue.articles if a.page == 1 and a.rank in (None, "lead")), None)
    flows = {a.id: new_flow(issue, setter, a) for a in issue.articles}
    measured = setter.flows([f.spec([]) for f in flows.values()])
    queue: dict[int, list[Item]] = {p.number: [] for p in issue.pages}
    for article, fit in zip(issue.articles, measured, strict=True):
        jump = article.jump if article.jump and not article.jump.auto else None  # auto: decided after placing
        item = Item(flows[article.id], rank_of(article, lead_id), article.frame, body_lines=fit.end_line,
                    reserve=1 if jump else 0, jump_to=jump.page if jump else None)
        queue[article.page].append(item)
    layout = Layout(pages=[], flows=list(flows.values()), fits=[])
    setups = prefetch_searches(issue, setter, queue)
    for article in issue.articles:
        layout.notes += photo_notes(issue, article)
    for plan in issue.pages:
        view, fits = lay_out_page(issue, setter, plan.number, queue[plan.number], setups.pop(plan.number))
        layout.pages.append(view)
        layout.fits += fits
        layout.notes += continue_flows(issue, setter, view, fits, queue, layout)
    layout.fits = refit(setter, layout)
    layout.notes += [short_frame_note(issue, fit) for fit in layout.fits if frame_too_tall(issue, fit)]
    for view in layout.pages:
        layout.unplaced += view.notes
        short = page_shortfall(issue, view, layout.fits)
        if short:
            layout.shortfall[view.number] = short
        total = grid_lines(issue.paper, view.template) * issue.paper.grid.columns
        layout.fill[view.number] = max(0.0, min(1.0, 1 - short / total))
    return layout


def new_flow(issue: Issue, setter: Setter, article: Article, figures: tuple[int | None, ...] = (),
             before: int | tuple[int, ...] | None = None) -> Flow:
    """Return an article's text flow: its blocks, the photos after the first, byline and source.

    figures: the image lines of each photo after the first (None: as its aspect gives, 0: left out);
    before: the block they stand before (None: after the last, at the text's end), or each its own.
    """
    width = text_width(issue, article)
    parts = text_blocks(setter, article)
    # each photo named, and a mark before it: where the words before it end (FrameFit.marks)
    photos = [(index, f'<span class="marker" id="{MARK_PREFIX}before-{index}"></span>'
               + body_figure(issue, image, width, lines, f"{MARK_PREFIX}figure-{index}")) for index, (image, lines)
              in enumerate(itertools.zip_longest(article.images[1:], figures[:len(article.images) - 1])) if lines != 0]
    places = before if isinstance(before, tuple) else \
        (len(parts) if before is None else before,) * (len(article.images) - 1)
    for index, photo in reversed(photos):  # from the last, so that each block keeps its place
        parts.insert(places[index] if index < len(places) else len(parts), photo)
    if article.byline:
        parts.append(f'<p class="byline">{line(article.byline)}</p>')
    if article.source:
        parts.append(f'<p class="source">{line(article.source)}</p>')
    spacing = TIGHT if article.fit == "tight" else ""  # loose only where the text ends short (finish)
    return Flow(article=article, body="\n".join(parts), tail_width_mm=width, spacing=spacing)


def text_blocks(setter: Setter, article: Article) -> list[str]:
    """Return the typeset blocks of an article's body (a new list)."""
    # the typographer's pass costs more than the rest of an unchanged page's build: kept with the build
    # (a tuple, copied into a new list: a kept value is shared by every later build of the process)
    return list(setter.remember("blocks", (article.body,),
                                lambda: tuple(str(block) for block in body_blocks(article.body))))


def text_width(issue: Issue, article: Article) -> float:
    """Return the width of an article's text columns: one grid column, or a hand frame's own columns."""
    paper = issue.paper
    if not article.columns or not article.frame:
        return column_width(paper)
    return (span_width(paper, article.frame.cols) - (article.columns - 1) * paper.grid.gutter) / article.columns


def rank_of(article: Article, lead_id: str | None) -> str:
    """Return an article's rank: the manifest's, else the front page's first story leads, else by length."""
    if article.rank:
        return article.rank
    if article.id == lead_id:
        return "lead"
    length = len(article.body)
    return "brief" if length < 900 else "secondary" if length < 2800 else "main"


def page_setup(issue: Issue, setter: Setter, number: int,
               items: list[Item]) -> tuple[PageView, Page, dict[int, Need]]:
    """Return a page's view with its booked and stacked ads and the imprint, its free lines, and the needs."""
    paper = issue.paper
    template = issue.pages[number - 1].template
    lines = grid_lines(paper, template)
    page = new_page(paper.grid.columns, lines)
    step = module_lines(paper, template) + 1
    page.cuts |= {r * step - 1 for r in range(1, paper.grid.rows)}
    view = PageView(number=number, template=template, section=issue.pages[number - 1].section,
                    head=head_rect(paper, template, number), frames=[])
    occupied: set[tuple[int, int]] = set()
    for item in items:
        if item.frame is not None:
            top, bottom = frame_line_span(paper, template, item.frame)
            page.take(item.frame.col - 1, item.frame.cols, top, bottom)
            occupied |= item.frame.cells()
    for ad in issue.ads:
        if ad.page != number or ad.frame is None:
            continue
        top, bottom = frame_line_span(paper, template, ad.frame)
        page.take(ad.frame.col - 1, ad.frame.cols, top, bottom)
        occupied |= ad.frame.cells()
        view.frames.append(ad_view(issue, ad, ad.frame, template))
    place_ads_and_imprint(issue, setter, view, page, occupied)
    return view, page, {id(i): need_of(issue, setter, i, template) for i in items}


Setup = tuple[PageView, Page, dict[int, Need]]


def prefetch_searches(issue: Issue, setter: Setter, queue: dict[int, list[Item]]) -> dict[int, Setup]:
    """Run every page's first placement search side by side before the pages are laid out one by one.

    Pages depend on each other only through jumps (a continuation joins a later page's items), so the
    first search of most pages can run in a worker; a page whose items change meanwhile searches again.
    Returns each page's setup, for lay_out_page to use while its items are still the same.
    """
    jobs = []
    setups = {}
    for number, items in queue.items():
        setups[number] = setup = page_setup(issue, setter, number, items)
        _, page, needs = setup
        auto = auto_items(items)
        if auto:
            wanted = [needs[id(i)] for i in auto]
            jobs.append((search_parts(wanted, page, None), place_articles, (wanted, page, None)))
    setter.prefetch("place", jobs)
    return setups


def auto_items(items: list[Item]) -> list[Item]:
    """Return a page's automatic parts in the order the search places them: the weightiest first, then as listed.

    The search sets earlier texts above and left of later ones and lets a text wrap a corner only the later
    ones take: the page's lead first can take its L around the shorter stories wherever they stand in the
    manifest, as a lead does.
    """
    return sorted((i for i in items if i.frame is None), key=lambda i: -RANK_WEIGHT.get(i.rank, 1))


def lay_out_page(issue: Issue, setter: Setter, number: int, items: list[Item],
                 setup: Setup | None = None) -> tuple[PageView, list[FrameFit]]:
    """Place one page and set its texts; return its view (unplaced items in its notes) and its parts' fits.

    A setup made for these very items (prefetch_searches) is used as it is; a jump that added a
    continuation since then makes the page set up again.
    """
    template = issue.pages[number - 1].template
    if setup is None or set(setup[2]) != {id(i) for i in items}:
        setup = page_setup(issue, setter, number, items)
    view, page, needs = setup
    fixed = [i for i in items if i.frame is not None]
    auto = auto_items(items)
    best: tuple[float, list[ArticleFrame], list[FrameFit], list[str]] | None = None
    corrections: dict[int, int] = {}
    tree: Tree | None = None
    for round_ in range(1 + CORRECTION_ROUNDS):
        parts = [fixed_part(issue, setter, i, needs[id(i)], template, number) for i in fixed]
        # odd rounds keep the last cuts and move them for the corrected needs; even rounds search afresh
        keep = tree if round_ % 2 == 1 else None
        placed, placements, dropped, tree = place_auto(setter, auto, needs, corrections, page, number, keep)
        parts += [part_view(issue, setter, i, p, template, number, auto=True)
                  for i, p in zip(placed, placements, strict=True)]
        fits = set_parts(setter, parts)
        score = sum(f.overset_lines * OVERSET_COST + f.underset_lines for f in fits if not _flows_on(f))
        score += 1000 * len(dropped)  # an unplaced item is worse than any fit
        if best is None or score < best[0]:
            best = (score, parts, fits, dropped)
        again = False
        for item, fit in zip(placed, fits[len(fixed):], strict=True):
            choice = fit.frame.choice
            if choice is None or _flows_on(fit) or not (fit.overset_lines or fit.underset_lines):
                continue
            # the lines the text really took here, against what the search expected it to take
            delta = fit.lines_needed - (choice.capacity - choice.underset + choice.overset)
            if delta:
                corrections[id(item)] = corrections.get(id(item), 0) + delta
                again = True
        if not again:
            break
    assert best is not None
    _, parts, fits, dropped = best
    fits = finish(issue, setter, parts, fits, dropped)
    for part in parts:
        assert part.flow is not None
        part.flow.parts.append(part)
    view.frames = [*view.frames, *parts]
    view.notes = dropped
    return view, fits


TIGHT = "letter-spacing: -0.01em; word-spacing: -0.01em;"  # ±1 %: never the type size
LOOSE = "letter-spacing: 0.01em; word-spacing: 0.01em;"


def finish(issue: Issue, setter: Setter, parts: list[ArticleFrame], fits: list[FrameFit],
           notes: list[str]) -> list[FrameFit]:
    """Absorb what the placement left: photos at a text's end sized for the room, a small overset by spacing
    within 1 %, an underset by balancing.

    A text a line or two too long is set 1 % tighter; a text that ends short has its columns evened out
    (balance), as a layout editor balances a short story, so the spare lines lie as a band under the
    article, not as a hole in one column. What is released still counts as underset. A photo left out is
    named in notes.
    """
    step = line_mm(issue.paper)
    out = []
    for part, fit in zip(parts, fits, strict=True):
        flow = part.flow
        if flow is None or _flows_on(fit) or part.continued_on is not None:
            out.append(fit)
            continue
        if fit.overset_lines and len(flow.article.images) > 1:
            fit = fit_figures(issue, setter, part, fit, notes)
        elif fit.underset_lines >= 2 and len(flow.article.images) > 1:
            fit = grow_figures(issue, setter, part, fit)
        if 0 < fit.overset_lines <= max(2, part.columns) and not flow.spacing:
            flow.spacing = TIGHT
            tight = set_parts(setter, [part])[0]
            if tight.overset_lines < fit.overset_lines:
                fit = tight
            else:
                flow.spacing = ""
        if flow.article.fit == "loose" and fit.underset_lines >= part.columns and not flow.spacing:
            flow.spacing = LOOSE
            loose = set_parts(setter, [part])[0]
            if loose.overset_lines:
                flow.spacing = ""
            else:
                fit = loose
        if fit.underset_lines >= part.columns and not fit.overset_lines:
            fit = balance(setter, part, fit, step)
        out.append(fit)
    return out


def fit_figures(issue: Issue, setter: Setter, part: ArticleFrame, fit: FrameFit, notes: list[str]) -> FrameFit:
    """Size the photos at a text's end for the room its words leave; leave out, by name, those that do not fit.

    Photos after the first stand at the end of the text. Where they, not its words, overset, the one that
    does not fit would move to a column that is not there and leave a hole where it stood: they are set as
    short as their crop limits allow (not at all shorter if they may not shrink), moved up into the text
    if even that oversets, else left out from the last; those kept then grow back toward their natural
    height, the first first, as far as the words allow.
    """
    article = part.article
    ranges = _figure_ranges(issue, article)
    lines = [natural for _, natural, _ in ranges]
    if _set_with_figures(issue, setter, part, [0] * len(lines)).overset_lines:
        _set_with_figures(issue, setter, part, lines)  # the words alone do not fit: the photos are not the cause
        return fit
    fewest = [low for low, _, _ in ranges]

    def fits(sizes: list[int]) -> bool:
        return not _set_with_figures(issue, setter, part, sizes).overset_lines

    lines = list(fewest)
    if not fits(lines):
        inside = figures_inside(issue, setter, part, fewest)
        if inside is not None:
            return inside
        for index in reversed(range(len(lines))):  # the others at their fewest, the last left out first
            lines[index] = 0
            notes.append(ngettext(
                "page {page}, «{headline}»: photo {file} was left out: the text leaves no room for it at its end "
                "(it needs {lines} line); give the article more room or fewer words",
                "page {page}, «{headline}»: photo {file} was left out: the text leaves no room for it at its end "
                "(it needs {lines} lines); give the article more room or fewer words", fewest[index]).format(
                page=part.page, headline=article.headline, file=article.images[index + 1].file.name,
                lines=fewest[index]))
            if fits(lines):
                break
    for index, (low, natural, _) in enumerate(ranges):  # then each kept photo as near its natural size as fits
        if lines[index]:

            def grown(count: int, index: int = index) -> bool:
                return fits([count if i == index else n for i, n in enumerate(lines)])

            lines[index] = _tallest(low, natural, grown)
    return _set_with_figures(issue, setter, part, lines)


def figures_inside(issue: Issue, setter: Setter, part: ArticleFrame, lines: list[int]) -> FrameFit | None:
    """Move the photos at a text's end, at their fewest lines, up into the text: before the latest block
    where each then stands whole in a column of the part, the words after them overset; None if nowhere.

    A layout editor keeps the pictures and cuts the words: an overset is reported with the words it cuts,
    a photo left out would be a gap in the story.
    """
    blocks = len(text_blocks(setter, part.article))
    for before in range(blocks - 1, 0, -1):
        # together before one block, else a block or two apart: two photos in a row cannot stand both in a
        # column with too little left for the second, and the words between them may fill its foot
        for apart in range(3 if len(lines) > 1 else 1):
            places = tuple(before + apart * index for index in range(len(lines)))
            if places[-1] > blocks:  # the last may stand at the end, after the words
                break
            fit = _set_with_figures(issue, setter, part, lines, places)
            if all(_figure_stands(part, fit, index) for index in range(len(lines))):
                return fit
    return None


def _figure_stands(part: ArticleFrame, fit: FrameFit, index: int) -> bool:
    """Return whether a photo inside a part's text stands in one of its columns, right after the words
    before it: not on in the overset, not at the top of a column whose foot it left empty."""
    top, before = fit.marks.get(f"figure-{index}"), fit.marks.get(f"before-{index}")
    if top is None or before is None or not 0 <= top[0] < part.columns:
        return False
    return before[0] == top[0] or (before[0] == top[0] - 1 and before[1] >= part.columns_list[before[0]].lines)


def grow_figures(issue: Issue, setter: Setter, part: ArticleFrame, fit: FrameFit) -> FrameFit:
    """Let the last photo at a short text's end take up its spare lines, up to its crop limit: the picture,
    not a hole, fills the column (a layout editor's first means for an underset)."""
    ranges = _figure_ranges(issue, part.article)
    _, natural, most = ranges[-1]
    if most <= natural:
        return fit
    lines = [n for _, n, _ in ranges]

    def fits(count: int) -> bool:
        lines[-1] = count
        return not _set_with_figures(issue, setter, part, lines).overset_lines

    lines[-1] = _tallest(natural, min(most, natural + fit.underset_lines), fits)
    return _set_with_figures(issue, setter, part, lines)


def _figure_ranges(issue: Issue, article: Article) -> list[tuple[int, int, int]]:
    """Return the fewest, natural and most image lines of each photo after an article's first."""
    width = text_width(issue, article)
    return [body_figure_lines(issue, image, width) for image in article.images[1:]]


def _set_with_figures(issue: Issue, setter: Setter, part: ArticleFrame, lines: list[int],
                      before: int | tuple[int, ...] | None = None) -> FrameFit:
    """Set a part's text with the photos after its first at these image lines (0: left out), at its end or
    before a block."""
    assert part.flow is not None
    part.flow.body = new_flow(issue, setter, part.article, tuple(lines), before).body
    return set_parts(setter, [part])[0]


def _tallest(low: int, high: int, fits: Callable[[int], bool]) -> int:
    """Return the most lines in low…high at which fits holds, given that it holds at low."""
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return low


def balance(setter: Setter, part: ArticleFrame, fit: FrameFit, step: float) -> FrameFit:
    """Even out a short text's columns, a line off each in turn from the last; keep the result only if all
    still fits.

    A line off each in turn, not all off the longest: in an L or a Γ the first column is the tallest, and
    every spare line taken off it would leave a hole at its foot instead of a band under the article.
    """
    original = [(c.rect, c.lines) for c in part.columns_list]
    lines = [c.lines for c in part.columns_list]
    for slack in (part.columns // 2, part.columns):
        target = fit.lines_needed + slack
        trial = list(lines)
        while sum(trial) > target:
            able = [k for k in range(len(trial)) if trial[k] > MIN_BALANCED_LINES]
            if not able:
                break
            trial[max(able, key=lambda k: (trial[k] - lines[k], k))] -= 1
        for column, count in zip(part.columns_list, trial, strict=True):
            column.resize(count, step)
        result = set_parts(setter, [part])[0]
        if not result.overset_lines:
            released = sum(lines) - sum(trial)
            part.released = released
            result.lines_capacity += released
            result.underset_lines += released
            return result
    for column, (rect, count) in zip(part.columns_list, original, strict=True):
        column.rect, column.lines = rect, count
    return fit


MIN_BALANCED_LINES = 4


def _flows_on(fit: FrameFit) -> bool:
    """Return whether a part's overset continues in another part (a jump)."""
    frame = fit.frame
    return frame.continued_on is not None


def place_auto(setter: Setter, items: list[Item], needs: dict[int, Need], corrections: dict[int, int], page: Page,
               number: int, tree: Tree | None = None) -> tuple[list[Item], list[Placement], list[str], Tree | None]:
    """Place the automatic parts; when they cannot all be placed, leave out the last ones and name them.

    Given the cut tree of an earlier round (for the same parts), only its cuts move.
    """
    chosen = list(items)
    notes: list[str] = []
    if tree is not None:
        wanted = [_corrected(needs[id(i)], corrections.get(id(i), 0)) for i in chosen]
        placements, _, tree = search(setter, wanted, page, tree)
        if placements is not None:
            return chosen, placements, notes, tree
    while chosen:
        wanted = [_corrected(needs[id(i)], corrections.get(id(i), 0)) for i in chosen]
        placements, _, tree = search(setter, wanted, page)
        if placements is not None:
            return chosen, placements, notes, tree
        left = chosen.pop()
        need = needs[id(left)]
        notes.append(ngettext(
            "page {page}: «{headline}» ({file}) was not placed: it needs about {need} lines and the page has {free} "
            "free line for all its articles; give it a frame, another page, or fewer lines",
            "page {page}: «{headline}» ({file}) was not placed: it needs about {need} lines and the page has {free} "
            "free lines for all its articles; give it a frame, another page, or fewer lines",
            page.free_lines()).format(page=number, headline=left.flow.article.headline,
                                      file=left.flow.article.source_name,
                                      need=need.body_lines + min(need.head_lines.values()), free=page.free_lines()))
    return [], [], notes, None


def search(setter: Setter, needs: list[Need], page: Page,
           tree: Tree | None = None) -> tuple[list[Placement] | None, float, Tree | None]:
    """Run the placement search, or take its result from an earlier build with the very same inputs."""
    def searched() -> tuple[list[Placement] | None, float, Tree | None]:
        # what a search of this page works out carries over to its next rounds and builds (the preview's)
        key = (page.columns, page.lines, tuple(page.free), tuple(sorted(page.cuts)))
        return place_articles(needs, page, tree, setter.memo("search", key, SearchMemo))

    return setter.remember("place", search_parts(needs, page, tree), searched)


def search_parts(needs: list[Need], page: Page, tree: Tree | None) -> tuple[object, ...]:
    """Return everything a placement search depends on: its key in the build's cache."""
    return (needs, page.columns, page.lines, tuple(page.free), tuple(sorted(page.cuts)), tree)


def _corrected(need: Need, delta: int) -> Need:
    """Return a need with the body lines the real setting showed."""
    if not delta:
        return need
    return dataclasses.replace(need, body_lines=max(1, need.body_lines + delta))


def need_of(issue: Issue, setter: Setter, item: Item, template: str) -> Need:
    """Measure what a part needs: head lines for every span, its photo's options, its body lines."""
    paper = issue.paper
    step = line_mm(paper)
    spans = range(1, paper.grid.columns + 1)
    pieces = [head_piece(issue, item, cols) for cols in spans]
    heights = setter.heights(pieces)
    head_lines = {cols: math.ceil((h + HEAD_GAP_MM) / step - 1e-6) if h > 0.05 else 0
                  for cols, h in zip(spans, heights, strict=True)}
    photo = None
    images = item.flow.article.images
    if images and item.continued_from is None:
        photo = photo_need(issue, setter, images[0], template, item.rank, item.body_lines)
    # continue: auto is placed as a text that must fit: whether a later page has room is known only after
    flows = item.jump_to is not None
    return Need(item.body_lines, head_lines, RANK_SPANS.get(item.rank, (1, 5)), photo, flows, item.reserve,
                RANK_WEIGHT.get(item.rank, 1))


def head_piece(issue: Issue, item: Item, cols: int) -> Piece:
    """Return the head of a part at a span, as the templates draw it."""
    article = item.flow.article
    width = span_width(issue.paper, cols)
    column = column_width(issue.paper)
    context: tuple[tuple[str, object], ...]
    if item.continued_from is not None:
        short = balanced_head(short_headline(article.headline), width, SHORT_HEADLINE_PT, column)
        context = (("continued_from", item.continued_from), ("rubric", ""), ("subhead", ""),
                   ("headline", short), ("headline_pt", SHORT_HEADLINE_PT))
    else:
        size, headline = fitted_head(article.headline, width, headline_sizes(item.rank, cols, article.headline),
                                     column)
        context = (("continued_from", None), ("rubric", line(article.rubric)),
                   ("subhead", head_line(article.subhead)), ("headline", headline), ("headline_pt", size))
    return Piece("head.html", context, width)


def fixed_part(issue: Issue, setter: Setter, item: Item, need: Need, template: str, number: int) -> ArticleFrame:
    """Return a hand-framed part: its frame's columns, the head across them, the photo sized for the fit."""
    paper = issue.paper
    frame = item.frame
    assert frame is not None
    top, bottom = frame_line_span(paper, template, frame)
    choice = fixed_choice(need, tuple([bottom - top] * frame.cols))
    placement = Placement(frame.col - 1, tuple([top] * frame.cols), tuple([bottom] * frame.cols), choice)
    return part_view(issue, setter, item, placement, template, number)


def part_view(issue: Issue, setter: Setter, item: Item, place: Placement, template: str, number: int,
              auto: bool = False) -> ArticleFrame:
    """Build the view of a part in its place: head across, photo under it, then the text columns."""
    paper = issue.paper
    step = line_mm(paper)
    article = item.flow.article
    span = len(place.bottoms)
    head_cols = place.head_cols
    piece = head_piece(issue, item, head_cols)
    context = dict(piece.context)
    head_h = math.ceil((setter.heights([piece])[0] + HEAD_GAP_MM) / step - 1e-6) if _has_head(context) else 0
    height = max([*place.bottoms, *(b for _, _, b in place.wraps)]) - place.top
    bounds = lines_rect(paper, template, number, place.col, span, place.top, height)
    head = lines_rect(paper, template, number, place.col, head_cols, place.top, head_h)
    choice = place.choice
    photo, photo_rect = None, None
    if choice.photo_span and article.images:
        image = article.images[0]
        width = span_width(paper, choice.photo_span)
        caption_h = setter.heights([caption_piece(issue, image, width)])[0]
        extra = caption_lines(caption_h, step)
        photo = image_view(paper, image, width, choice.photo_lines - extra, extra, line(image.caption),
                           line(image.credit))
        photo_rect = lines_rect(paper, template, number, place.col, choice.photo_span, place.top + head_h,
                                choice.photo_lines)
    def run(index: int, top: int, bottom: int) -> Column:
        """Return the text column of the shape's column index from line top to bottom."""
        return Column(lines_rect(paper, template, number, place.col + index, 1, top, bottom - top), bottom - top)

    columns = []
    insets, decks = place.wraps_read()
    text_span = article.columns if (article.columns and item.frame is not None) else span
    for index in range(text_span):
        if text_span != span:  # fewer, wider text columns in a hand frame
            width = (bounds.w - (text_span - 1) * paper.grid.gutter) / text_span
            x = bounds.x + index * (width + paper.grid.gutter)
            first = place.top + head_h
            rows = place.bottoms[0] - first
            rect = lines_rect(paper, template, number, place.col, 1, first, rows)
            columns.append(Column(Rect(x, rect.y, width, rect.h), rows))
            continue
        first = place.tops[index] + (head_h if index < head_cols else 0) + \
            (choice.photo_lines if index < choice.photo_span else 0)
        rows = place.bottoms[index] - first
        if auto and rows < MIN_TEXT_LINES:  # the head spans this column over a box: no text under it
            rows = 0
        if rows or not auto:
            columns.append(run(index, first, first + rows))
        columns += [run(index, top, bottom) for k, top, bottom in insets if k == index]  # on below a box here
    columns += [run(k, top, bottom) for k, top, bottom in decks]  # under an ad across: after every column above
    part = ArticleFrame(
        key=article.id if item.continued_from is None else f"{article.id}-cont", article=article, page=number,
        template=template, rect=bounds, head=head, columns_list=columns, rank=item.rank,
        headline_pt=context["headline_pt"], rubric=context["rubric"] or Markup(""),
        headline=context["headline"], subhead=context["subhead"] or Markup(""), photo=photo,
        photo_rect=photo_rect, continued_from=item.continued_from, auto=auto)
    if item.jump_to is not None and columns:
        shorten_for_jump(part, item.jump_to, step)
    part.flow, part.choice = item.flow, choice
    return part


def _has_head(context: dict) -> bool:
    """Return whether a head shows anything."""
    return bool(context.get("headline") or context.get("rubric") or context.get("continued_from"))


def set_parts(setter: Setter, parts: list[ArticleFrame]) -> list[FrameFit]:
    """Set every part's text in its columns (with the parts before it on earlier pages); return their fits."""
    specs = []
    for part in parts:
        assert part.flow is not None
        specs.append(part.flow.spec([*part.flow.parts, part]))
    results = setter.flows(specs)
    fits = []
    for part, result in zip(parts, results, strict=True):
        flow = part.flow
        assert flow is not None
        scratch = Flow(flow.article, flow.body, flow.tail_width_mm, [*flow.parts, part], flow.spacing)
        fits.append(part_fit(scratch, len(scratch.parts) - 1, result))
    return fits


def continue_flows(issue: Issue, setter: Setter, view: PageView, fits: list[FrameFit],
                   queue: dict[int, list[Item]], layout: Layout) -> list[str]:
    """Queue the continuation of every part on the page whose text goes on to a later page."""
    notes = []
    for fit in fits:
        part = fit.frame
        flow = part.flow
        if flow is None:
            continue
        article = flow.article
        jump = article.jump
        if jump is None or part.continued_from is not None:
            continue
        rest = fit.overset_lines
        if jump.auto:
            if rest <= 0:
                continue
            target = page_with_room(issue, queue, view.number, rest)
            if target is None:
                notes.append(ngettext(
                    "page {page}: «{headline}» does not fit and no later page has room for its {lines} remaining line",
                    "page {page}: «{headline}» does not fit and no later page has room for its {lines} remaining lines",
                    rest).format(page=view.number, headline=article.headline, lines=rest))
                continue
            shorten_for_jump(part, target, line_mm(issue.paper))
            rest = set_parts_rest(setter, flow)
        else:
            target = jump.page
            if target <= view.number:
                notes.append(gettext('page {page}: article "{id}" continues on page {target}; a jump must go forward to '
                               "a later page").format(page=view.number, id=article.id, target=target))
                continue
            if rest <= 0:
                notes.append(gettext('page {page}: article "{id}" fits its first frame; its jump to page {target} is not '
                               "needed").format(page=view.number, id=article.id, target=target))
                part.continued_on = None
                continue
        queue[target].insert(0, Item(flow, "secondary", jump.frame if not jump.auto else None,
                                     continued_from=view.number, body_lines=rest))
    return notes


def shorten_for_jump(part: ArticleFrame, target: int, step: float) -> None:
    """Keep the last line of a part's last column for «Продолжение на стр. N»."""
    last = part.columns_list[-1]
    last.resize(last.lines - 1, step)
    part.continued_on = target
    part.jump_rect = Rect(last.rect.x, last.rect.bottom, last.rect.w, step)


def set_parts_rest(setter: Setter, flow: Flow) -> int:
    """Return the lines of a flow that its placed parts do not hold."""
    result = setter.flows([flow.spec()])[0]
    return part_fit(flow, len(flow.parts) - 1, result).overset_lines if flow.parts else result.end_line


def page_with_room(issue: Issue, queue: dict[int, list[Item]], after: int, lines: int) -> int | None:
    """Return the first later page whose own content leaves room for so many lines and a head."""
    paper = issue.paper
    for plan in issue.pages[after:]:
        capacity = grid_lines(paper, plan.template) * paper.grid.columns
        ads = sum(a.cols * a.rows for a in issue.ads if a.page == plan.number)
        capacity -= ads * (module_lines(paper, plan.template) + 1)
        if plan.number == len(issue.pages):
            capacity -= 10 * paper.grid.columns  # the imprint
        used = sum(i.body_lines + 6 * RANK_SPANS.get(i.rank, (2, 2))[0] for i in queue[plan.number])
        if capacity - used >= lines + 12:
            return plan.number
    return None


def refit(setter: Setter, layout: Layout) -> list[FrameFit]:
    """Return every part's fit with the whole issue placed (a continuation changes nothing before it)."""
    fits = []
    for flow in layout.flows:
        if not flow.parts:
            continue
        result = setter.flows([flow.spec()])[0]
        fits += [part_fit(flow, index, result) for index in range(len(flow.parts))]
    order = {id(f): n for n, f in enumerate(layout.article_frames())}
    return sorted(fits, key=lambda fit: order.get(id(fit.frame), 0))


def frame_too_tall(issue: Issue, fit: FrameFit) -> bool:
    """Return whether a hand frame's whole text ends a module or more short of it: a row the frame could lose."""
    frame = fit.frame
    return (not frame.auto and frame.continued_from is None and frame.continued_on is None
            and fit.underset_lines >= module_lines(issue.paper, frame.template))


def short_frame_note(issue: Issue, fit: FrameFit) -> str:
    """Return the editor's line for a hand frame taller than its text: by how many lines and characters."""
    article = fit.frame.article
    return ngettext(
        "page {page}, «{headline}» ({file}): the text ends {lines} line (≈ {chars} characters) short of its hand "
        "frame; make the frame smaller or the text longer",
        "page {page}, «{headline}» ({file}): the text ends {lines} lines (≈ {chars} characters) short of its hand "
        "frame; make the frame smaller or the text longer", fit.underset_lines).format(
        page=fit.frame.page, headline=article.headline, file=article.source_name, lines=fit.underset_lines,
        chars=fit.underset_lines * line_chars(issue.paper))


def page_shortfall(issue: Issue, view: PageView, fits: list[FrameFit]) -> int:
    """Return the lines of the page left empty: free lines no item took, and underset."""
    paper = issue.paper
    template = view.template
    total = grid_lines(paper, template) * paper.grid.columns
    step = line_mm(paper)
    covered = 0.0
    for frame in view.frames:
        covered += (frame.rect.w + paper.grid.gutter) / (column_width(paper) + paper.grid.gutter) * \
            (frame.rect.h / step + 1)
    if view.imprint:
        covered += (view.imprint.rect.w + paper.grid.gutter) / (column_width(paper) + paper.grid.gutter) * \
            (view.imprint.rect.h / step + 1)
    under = sum(f.underset_lines for f in fits if f.frame.page == view.number)
    return max(0, round(total - min(covered, total) + under))


def short_headline(text: str) -> str:
    """Return the headline shortened for a continuation: at a phrase boundary, never after a preposition."""
    if len(text) <= SHORT_HEADLINE:
        return text
    phrases = [m.start() for m in re.finditer(r"[,:;.!?]|\s[—–]\s", text) if 12 <= m.start() <= SHORT_HEADLINE]
    if phrases:
        return text[:phrases[-1]].rstrip(" ,:;—–")
    words = text[:SHORT_HEADLINE + 1].split()
    if len(text) > SHORT_HEADLINE and not text[SHORT_HEADLINE].isspace():
        words = words[:-1]  # the last word was cut
    while len(words) > 1 and words[-1].lower().strip("«»\"") in FUNCTION_WORDS:
        words.pop()
    return " ".join(words).rstrip(",:;—–-") + "…"
