"""Automatic placement: ads stacked at the foot, articles tiled over what is left in stepped shapes.

The page is a grid of columns × body lines; whatever is already there (hand frames, ads, the imprint) is
an obstacle. Articles are tiled by a guillotine search over rectangles of that grid: a rectangle is split
across (at a line) or down (between columns) and the articles, in manifest order so that reading order is
kept, are divided between the parts. A leaf holds one article in the *free* cells of its rectangle: every
column from a common top down to the first obstacle, so an article steps down beside a staircase of ads
or wraps a hand-framed box, and its photo may span only some of its columns. The first article of a
rectangle may also wrap a corner that the later ones take: an L (its head left of the corner, its columns
right of the head starting below it) or a Γ (its head across, the columns over the corner ending on it),
the shapes no guillotine cut gives. The search runs over module lines first; the cuts it chose are then moved line by line, which is how the columns end where the text
does. Costs are in body lines: an overset line costs a dozen empty ones, a blank module region more.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any, TypeVar

from ..manifest.model import Frame

T = TypeVar("T")
MEMO_ENTRIES = 150_000  # a page's search memo keeps at most about this many tilings
Cell = tuple[int, int]  # (col, row), 1-based
OVERSET_COST = 12.0  # an overset line costs as much as a dozen empty ones: text must never vanish
OVERSET_ARTICLE_COST = 24.0  # each text that does not fit, besides its lines
FLOW_OVERSET_COST = 0.6  # a jumping text continues elsewhere, but a first part should still get room
EMPTY_COST = 2.0  # an empty line of page is a hole: worse than the same line left under a text
SPAN_COST = 10.0  # per column outside the span a rank prefers
PHOTO_SPAN_COST = 3.0  # per column a photo is narrower than the article above it
L_COST = 6.0  # per column of an article that starts below its head's span (an L shape)
OUT_OF_ORDER_COST = 4.0  # a later article set left of an earlier one: allowed, a little worse
SCRAP_LINES = 8  # free lines shorter than this above or left of an article may stay empty: no text fits
HEAD_ONLY_COST = 4.0  # per column the head spans with no text under it (the head stands over a box)
CORNER_COST = 2.0  # a text wrapped around a corner of later texts (an L or a Γ): a little harder to follow
WRAP_COST = 3.0  # per column run below an obstacle inside the shape (text that wraps a box or an ad)
MIN_TEXT_LINES = 4  # a text column shorter than this reads as a scrap
UNDER_PHOTO_LINES = 6  # nor may a photo leave fewer lines than this under it
INFEASIBLE = math.inf


@dataclass(frozen=True)
class PhotoNeed:
    """What a lead photo may take per span: (span, lowest lines, highest lines), caption included."""

    options: tuple[tuple[int, int, int], ...]


@dataclass(frozen=True)
class Need:
    """What an unplaced article needs: body lines in one column, head lines by span, its photo."""

    body_lines: int
    head_lines: dict[int, int]  # span → head height in body lines
    spans: tuple[int, int] = (1, 5)  # the span its rank prefers (lowest, highest)
    photo: PhotoNeed | None = None
    flows: bool = False  # the text continues elsewhere: overset here is not lost
    reserve: int = 0  # lines kept for «Продолжение на стр. N»
    weight: int = 1  # importance (lead 3 … brief 0): a later article may stand above an earlier one of no more


@dataclass(frozen=True)
class Choice:
    """How a leaf sets its article: the photo's span and lines (0 when none), the predicted fit."""

    photo_span: int
    photo_lines: int
    capacity: int
    overset: int
    underset: int


@dataclass(frozen=True)
class Placement:
    """An article's place: columns (0-based), each column's top and bottom line, and its choice."""

    col: int
    tops: tuple[int, ...]
    bottoms: tuple[int, ...]
    choice: Choice
    wraps: tuple[tuple[int, int, int], ...] = ()  # (column, top, bottom): runs below an obstacle (wraps_read)

    @property
    def top(self) -> int:
        """Return the line the head stands on."""
        return self.tops[0]

    @property
    def head_cols(self) -> int:
        """Return how many columns the head spans: those that start at the top."""
        return next((k for k, t in enumerate(self.tops) if t != self.tops[0]), len(self.tops))

    def wraps_read(self) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
        """Return the runs below obstacles as the reader takes them: (insets, decks).

        A run below a box the text goes on beside (another column passes it) is read on in its own column,
        after the run above it, as around an inset. A run below an obstacle no column passes (an ad booked
        across the whole text) is a lower deck: the reader finishes the columns above it, left to right,
        then reads those below it, left to right.
        """
        insets: list[tuple[int, int, int]] = []
        decks: list[tuple[int, int, int]] = []
        above = dict(enumerate(self.bottoms))  # where the obstacle over a column's next run starts
        for column, top, bottom in sorted(self.wraps):
            beside = any(j != column and self.tops[j] <= above[column] and self.bottoms[j] >= top
                         for j in range(len(self.tops)))
            (insets if beside else decks).append((column, top, bottom))
            above[column] = bottom
        return insets, sorted(decks, key=lambda run: (run[1], run[0]))


@dataclass(frozen=True)
class Shape:
    """The free cells of a rectangle as an article takes them: first runs per column, then the wraps."""

    col: int
    tops: tuple[int, ...]
    bottoms: tuple[int, ...]
    wraps: tuple[tuple[int, int, int], ...]  # (column index in the shape, top, bottom)
    dropped: int  # free lines too short for text left inside the shape


def _runs(bits: int) -> list[tuple[int, int]]:
    """Return the runs of set bits of a column mask as (first line, line after the last), top first."""
    runs = []
    while bits:
        low = bits & -bits
        first = low.bit_length() - 1
        above = (bits + low) & ~bits  # the bit just above this run
        end = above.bit_length() - 1
        runs.append((first, end))
        bits &= ~(above - low)
    return runs


# A corner of a rectangle that the later articles take while the first one wraps around it:
# (kind, column, line) — "tr" top right (the first text's head stands left of it, its columns to the right
# start below it: an L), "br" bottom right and "bl" bottom left (its head spans the whole rectangle and the
# columns above the corner end on it: a Γ). The line is the line of air between the corner and the text.
Corner = tuple[str, int, int]
CORNERS = ("tr", "br", "bl")
Form = tuple[tuple[int, ...], int, tuple[int, ...], int]  # column heights, head columns, wrap heights, empty lines


def _column_span(col: int, c0: int, c1: int, y0: int, y1: int, corner: Corner | None) -> tuple[int, int]:
    """Return the lines of a column of a rectangle that the wrapping text may take: all but the corner's."""
    if corner is None:
        return y0, y1
    kind, c, y = corner
    inside = col >= c if kind in ("tr", "br") else col < c
    if not inside:
        return y0, y1
    return (y + 1, y1) if kind == "tr" else (y0, y)


def corner_rect(corner: Corner, c0: int, c1: int, y0: int, y1: int) -> tuple[int, int, int, int]:
    """Return the rectangle of a corner: (c0, c1, y0, y1)."""
    kind, c, y = corner
    if kind == "tr":
        return c, c1, y0, y
    if kind == "br":
        return c, c1, y + 1, y1
    return c0, c, y + 1, y1


def _window(y0: int, y1: int) -> int:
    """Return the bit mask of lines y0..y1-1."""
    return ((1 << max(0, y1 - y0)) - 1) << y0


@dataclass
class Page:
    """The free body lines of a page, one bit mask per column (bit y: line y is free)."""

    columns: int
    lines: int
    free: list[int] = field(default_factory=list)
    cuts: set[int] = field(default_factory=set)  # lines where obstacles end or start: good places to cut

    def take(self, col: int, cols: int, top: int, bottom: int, margin: int = 1) -> None:
        """Mark columns col.. busy from line top to bottom, with a line of air above and below."""
        low, high = max(0, top - margin), min(self.lines, bottom + margin)
        mask = ((1 << (high - low)) - 1) << low
        for c in range(col, col + cols):
            self.free[c] &= ~mask
        self.cuts |= {top - 1, bottom}

    def free_lines(self) -> int:
        """Return the free lines of all columns."""
        return sum(bin(mask).count("1") for mask in self.free)


def new_page(columns: int, lines: int) -> Page:
    """Return an empty page of the grid."""
    full = (1 << lines) - 1
    return Page(columns, lines, [full] * columns)


def stack_ads(sizes: list[tuple[int, int]], occupied: set[Cell], columns: int, rows: int) -> list[Frame | None]:
    """Place ads at the foot of the page, largest first, as a pyramid the articles can sit on.

    Each ad takes a spot that traps no free module under it, as low as it goes, then the one that leaves
    the free space above the ads most even (fewest steps in its skyline), then the rightmost: a staircase
    of ads from the foot leaves shapes an article can fill; an ad lifted to the top of the page would not.
    """
    order = sorted(range(len(sizes)), key=lambda i: -(sizes[i][0] * sizes[i][1]))
    placed: list[Frame | None] = [None] * len(sizes)
    taken = set(occupied)
    for index in order:
        cols, height = sizes[index]
        spots = [Frame(c, r, cols, height) for r in range(rows - height + 1, 0, -1)
                 for c in range(columns - cols + 1, 0, -1)]
        free = [f for f in spots if not f.cells() & taken]
        if free:
            frame = min(free, key=lambda f: _spot_score(f, taken, columns, rows))
            taken |= frame.cells()
            placed[index] = frame
    return placed


def _spot_score(frame: Frame, taken: set[Cell], columns: int, rows: int) -> tuple[int, int, int, int, int]:
    """Rank a spot for an ad: a one-row strip left above it (no text fits), trapped modules, height from the foot, skyline
    steps, distance from the right."""
    cells = taken | frame.cells()
    trapped = sum((c, r) not in cells for c in range(frame.col, frame.col + frame.cols)
                  for r in range(frame.row + frame.rows, rows + 1))
    strips = 0  # a single free row between the ad and what is above it holds no article
    for c in range(frame.col, frame.col + frame.cols):
        gap = 0
        while frame.row - gap - 1 >= 1 and (c, frame.row - gap - 1) not in cells:
            gap += 1
        strips += gap == 1
    tops = [next((r for r in range(1, rows + 1) if (c, r) in cells), rows + 1) for c in range(1, columns + 1)]
    steps = sum(a != b for a, b in pairwise(tops))
    return strips, trapped, rows - (frame.row + frame.rows - 1), steps, columns - (frame.col + frame.cols - 1)


def leaf_choice(need: Need, heights: tuple[int, ...], head_cols: int | None = None,
                wraps: tuple[int, ...] = ()) -> tuple[float, Choice | None]:
    """Return the cost of an article in columns of these heights, and how it is set.

    The head spans the first head_cols columns (all by default) and takes lines off them only; the
    columns beyond it start lower (an L shape beside a hand frame or an ad) and have their full height.
    Wraps are the heights of runs below an obstacle inside the shape: more room, each one more break.
    """
    span = len(heights)
    head_cols = head_cols or span
    head = need.head_lines.get(head_cols, max(need.head_lines.values()))
    body = [h - head if k < head_cols else h for k, h in enumerate(heights)]
    # a column under the head too short for text holds the head only (a headline across a box below it)
    over = [b for b in body[:head_cols] if b < MIN_TEXT_LINES]
    texts = [b for b in body if b >= MIN_TEXT_LINES]
    if not texts or min(body) < 0 or min(body[head_cols:], default=MIN_TEXT_LINES) < MIN_TEXT_LINES:
        return INFEASIBLE, None
    capacity0 = sum(texts) + sum(wraps) - need.reserve
    wanted = need.body_lines + (len(texts) + len(wraps) - 1) // 2  # widows and orphans: a line every other break
    low, high = need.spans
    # a lead or a main text narrower than its rank wants costs more the more it matters: a lead in one column
    # reads as a brief (a secondary text in one column is common and cheap)
    narrow = max(0, low - span) * max(1, need.weight)
    cost0 = SPAN_COST * (narrow + max(0, span - high)) + L_COST * (span - head_cols) + WRAP_COST * len(wraps)
    cost0 += HEAD_ONLY_COST * len(over) + EMPTY_COST * sum(over)
    options = [(0, 0, 0)] if need.photo is None else [o for o in need.photo.options if o[0] <= head_cols]
    best: tuple[float, Choice | None] = (INFEASIBLE, None)
    for photo_span, lowest, highest in options:
        lines = 0
        if photo_span:
            top = min(highest, min(body[:photo_span]) - UNDER_PHOTO_LINES)
            if top < lowest:
                continue
            ideal = (capacity0 - wanted) / photo_span  # the photo takes up what the text leaves
            lines = int(min(max(round(ideal), lowest), top))
        capacity = capacity0 - photo_span * lines
        overset, underset = max(0, wanted - capacity), max(0, capacity - wanted)
        weight = FLOW_OVERSET_COST if need.flows else OVERSET_COST
        cost = cost0 + overset * weight + underset + PHOTO_SPAN_COST * (span - photo_span if photo_span else 0)
        if overset and not need.flows:
            cost += OVERSET_ARTICLE_COST  # one text cut short is better than the same lines cut from three
        if cost < best[0]:
            best = (cost, Choice(photo_span, lines, capacity, overset, underset))
    return best


# ("leaf", index) | ("empty",) | ("h", line, top, bottom) | ("v", col, left, right), and "s" / "w": an "h" / "v"
# whose top / left part holds the later articles; ("c", corner, index, rest): article index wraps a corner
# whose tree is rest.
Tree = tuple


class SearchMemo:
    """What the placement searches over one page's free lines share, round after round and build after
    build: the shapes of its rectangles (they depend on its free lines and cuts alone), a leaf's choice by what
    its article needs, and a rectangle's best tiling by what its articles need. A pure memo: a search finds
    the same with it or without (the key of a page's memo holds its free lines and cuts)."""

    def __init__(self) -> None:
        self.shapes: dict[tuple[Any, ...], Shape | None] = {}
        self.forms: dict[tuple[Any, ...], Form | None] = {}
        self.choices: dict[tuple[Any, ...], tuple[float, Choice | None]] = {}
        self.solved: dict[tuple[Any, ...], tuple[float, Tree]] = {}  # a rectangle's tiling by its articles


def need_key(need: Need) -> tuple[Any, ...]:
    """Return everything of a need a leaf's choice depends on, hashable."""
    return (need.body_lines, tuple(sorted(need.head_lines.items())), need.spans, need.photo, need.flows,
            need.reserve, need.weight)


def _memoised(store: dict[tuple[Any, ...], T], make: Callable[..., T]) -> Callable[..., T]:
    """Return make memoised in store, by its arguments."""
    def made(*args: Any) -> T:
        if args in store:
            return store[args]
        value = store[args] = make(*args)
        return value
    return made


def place_articles(needs: list[Need], page: Page, tree: Tree | None = None,
                   memo: SearchMemo | None = None) -> tuple[list[Placement] | None, float, Tree | None]:
    """Tile the page's free lines with the articles in order; return their placements, cost and cut tree.

    Given the tree of an earlier search, keep its cuts and only move its horizontal cuts for the new needs:
    after a real setting corrected the estimates, that converges where a new search may jump elsewhere.
    """
    if not needs:
        return [], 0.0, None
    memo = memo or SearchMemo()
    if len(memo.solved) > MEMO_ENTRIES:  # a page edited again and again: its older tilings go
        memo.solved.clear()
        memo.choices.clear()
    search = _Search(needs, page, memo)
    if tree is not None and _leaves(tree) != set(range(len(needs))):
        tree = None  # an earlier round's tree for other articles (one was left out then): search afresh
    if tree is None:
        cost, tree = search.solve(0, page.columns, 0, page.lines, 0, len(needs))
        if cost == INFEASIBLE:
            return None, INFEASIBLE, None
    tree, cost = search.refine(tree)
    if cost == INFEASIBLE:
        return None, INFEASIBLE, None
    return search.placements(tree), cost, tree


class _Search:
    """The memoised guillotine search over one page's free lines."""

    def __init__(self, needs: list[Need], page: Page, memo: SearchMemo) -> None:
        self.needs, self.page = needs, page
        self.weights = [n.weight for n in needs]
        module_cuts = {y for y in page.cuts if 0 < y < page.lines - 1}
        self.cuts = sorted(module_cuts)
        self.solve = cache(self._solve)
        self.scrap = cache(self._scrap)  # asked for the same strip by every split of every rectangle below it
        self.shape = _memoised(memo.shapes, self._shape)  # the page's, whatever the articles
        self.form = _memoised(memo.forms, self._form)
        self.leaf = cache(self._leaf)
        self.keys = [need_key(n) for n in needs]
        self.choices = memo.choices
        # what articles i..j need, as one key (with where they stand in the order: a tree names leaves by it)
        self.ranges = [[tuple(self.keys[i:j]) for j in range(len(needs) + 1)] for i in range(len(needs) + 1)]
        self.solved = memo.solved

    def _shape(self, c0: int, c1: int, y0: int, y1: int, corner: Corner | None = None) -> Shape | None:
        """Return the article shape of a rectangle's free cells (less a corner the later articles take), else None.

        Columns with no free cell at either side of the rectangle are left out (a hand frame or an ad fills
        them). In each column the text takes its first long run of free lines and then, as around an inset
        box, every further run below an obstacle long enough to hold text (a wrap); shorter runs stay empty
        and are counted. The first columns share the highest top (the head goes there); columns after them
        may start lower, beside an obstacle: an L shape.
        """
        bits = [self.page.free[c] & _window(*_column_span(c, c0, c1, y0, y1, corner)) for c in range(c0, c1)]
        while bits and not bits[-1]:
            bits.pop()
        first_col = c0
        while bits and not bits[0]:
            bits.pop(0)
            first_col += 1
        tops: list[int] = []
        bottoms: list[int] = []
        wraps: list[tuple[int, int, int]] = []
        dropped = 0
        for k, column in enumerate(bits):
            runs = _runs(column)
            if not runs:
                return None
            if len(runs) > 1:  # a short run above or between obstacles holds no text: it stays empty
                dropped += sum(b - t for t, b in runs if b - t < MIN_TEXT_LINES)
                runs = [r for r in runs if r[1] - r[0] >= MIN_TEXT_LINES] or runs[:1]
            first, end = runs[0]
            if tops and (first < tops[0] or (first != tops[0] and first < tops[-1])):
                return None  # the first column must be highest, and the lower columns come after the head
            tops.append(first)
            bottoms.append(end)
            wraps += [(k, t, b) for t, b in runs[1:]]
        if not bottoms:
            return None
        return Shape(first_col, tuple(tops), tuple(bottoms), tuple(wraps), dropped)

    def _scrap(self, c0: int, c1: int, y0: int, y1: int) -> bool:
        """Return whether a rectangle's free lines are too short for any text: each run under SCRAP_LINES."""
        window = ((1 << (y1 - y0)) - 1) << y0
        for c in range(c0, c1):
            bits = self.page.free[c] & window
            while bits:
                low = bits & -bits
                run = (bits + low) & ~bits  # the bit just above this run of free lines
                if (run.bit_length() - low.bit_length()) >= SCRAP_LINES:
                    return False
                bits &= ~(run - low)
        return True

    def free_in(self, c0: int, c1: int, y0: int, y1: int) -> int:
        """Return the free lines inside a rectangle."""
        window = ((1 << (y1 - y0)) - 1) << y0
        return sum(bin(self.page.free[c] & window).count("1") for c in range(c0, c1))

    def _form(self, c0: int, c1: int, y0: int, y1: int, corner: Corner | None = None) -> Form | None:
        """Return what a choice in a rectangle depends on: its shape's column heights, head columns, wraps."""
        shape = self.shape(c0, c1, y0, y1, corner)
        if shape is None:
            return None
        tops, bottoms = shape.tops, shape.bottoms
        head_cols = next((k for k, t in enumerate(tops) if t != tops[0]), len(tops))
        heights = tuple(b - t for t, b in zip(tops, bottoms, strict=True))
        return heights, head_cols, tuple(b - t for _, t, b in shape.wraps), shape.dropped

    def _leaf(self, c0: int, c1: int, y0: int, y1: int, index: int,
              corner: Corner | None = None) -> tuple[float, Choice | None]:
        form = self.form(c0, c1, y0, y1, corner)  # one per rectangle, whichever article is tried in it
        if form is None:
            return INFEASIBLE, None
        heights, head_cols, wraps, dropped = form
        cost, choice = self.choice(index, heights, head_cols, wraps)
        return cost + EMPTY_COST * dropped, choice

    def choice(self, index: int, heights: tuple[int, ...], head_cols: int,
               wraps: tuple[int, ...]) -> tuple[float, Choice | None]:
        """Return leaf_choice for an article in columns of these heights (many rectangles give one shape, and
        an article that needs the same in a later round or build the same choice)."""
        key = (self.keys[index], heights, head_cols, wraps)
        found = self.choices.get(key)
        if found is None:
            found = self.choices[key] = leaf_choice(self.needs[index], heights, head_cols, wraps)
        return found

    def _solve(self, c0: int, c1: int, y0: int, y1: int, i: int, j: int) -> tuple[float, Tree]:
        if i == j:  # no article here: every free line is empty space
            return self.free_in(c0, c1, y0, y1) * EMPTY_COST, ("empty",)
        if y1 - y0 < MIN_TEXT_LINES:
            return INFEASIBLE, ("empty",)
        # the same articles in the same rectangle were solved by an earlier search of this page: the same
        key = (c0, c1, y0, y1, i, j, self.ranges[i][j])
        known = self.solved.get(key)
        if known is not None:
            return known
        self.solved[key] = best = self._solved(c0, c1, y0, y1, i, j)
        return best

    def _solved(self, c0: int, c1: int, y0: int, y1: int, i: int, j: int) -> tuple[float, Tree]:
        """Return the cheapest tiling of a rectangle with articles i..j (see _solve)."""
        best: tuple[float, Tree] = (INFEASIBLE, ("empty",))
        if j - i == 1:
            cost, _ = self.leaf(c0, c1, y0, y1, i)
            if cost < best[0]:
                best = (cost, ("leaf", i))
        # articles i..k go first (top or left), k..j second. A first part left empty (k == i) is a hole above
        # or left of an article: allowed only for a scrap no text fits (a strip above a hand frame), at the
        # cost of its empty lines; what is left over otherwise stays at the foot or the right.
        cuts = [y for y in self.cuts if y0 < y < y1 - 1]
        solve, scrap = self.solve, self.scrap
        # each cut: the cheaper of the best so far and its two parts. Costs are never negative, so a first
        # part already dearer than the best needs no second (the memo stays exact: no bound is passed down);
        # written out, not a call per cut: this loop is most of the search's time
        for k in range(i, j + 1):
            # the later articles may go on top when none of them matters less than the earlier ones
            swap = i < k < j and min(self.weights[k:j]) >= max(self.weights[i:k])
            for y in cuts:
                if k > i or scrap(c0, c1, y0, y):
                    one = solve(c0, c1, y0, y, i, k)
                    if one[0] < best[0]:
                        two = solve(c0, c1, y + 1, y1, k, j)
                        if one[0] + two[0] < best[0]:
                            best = (one[0] + two[0], ("h", y, one[1], two[1]))
                    if swap:
                        one = solve(c0, c1, y0, y, k, j)
                        if one[0] + OUT_OF_ORDER_COST < best[0]:
                            two = solve(c0, c1, y + 1, y1, i, k)
                            if one[0] + two[0] + OUT_OF_ORDER_COST < best[0]:
                                best = (one[0] + two[0] + OUT_OF_ORDER_COST, ("s", y, one[1], two[1]))
            for c in range(c0 + 1, c1):
                if k == i and not scrap(c0, c, y0, y1):
                    continue
                one = solve(c0, c, y0, y1, i, k)
                if one[0] < best[0]:
                    two = solve(c, c1, y0, y1, k, j)
                    if one[0] + two[0] < best[0]:
                        best = (one[0] + two[0], ("v", c, one[1], two[1]))
                if k < j:  # side by side, the later articles may stand left: both columns start at one top
                    one = solve(c0, c, y0, y1, k, j)
                    if one[0] + OUT_OF_ORDER_COST < best[0]:
                        two = solve(c, c1, y0, y1, i, k)
                        if one[0] + two[0] + OUT_OF_ORDER_COST < best[0]:
                            best = (one[0] + two[0] + OUT_OF_ORDER_COST, ("w", c, one[1], two[1]))
        # the first text wraps a corner that the later ones take (an L or a Γ): tried in rectangles from the
        # top of the page or across it, where such shapes stand; everywhere, the search costs twice as much
        # for about the same pages
        if j - i >= 2 and (y0 == 0 or c1 - c0 == self.page.columns):
            # a top-right corner stands above some of the first text's columns: unless the text's head is at
            # the top beside it, the later texts there must matter as much (the reading order of an "s")
            above_ok = min(self.weights[i + 1:j]) >= self.weights[i]
            for c in range(c0 + 1, c1):
                for y in self.cuts:
                    # both the corner and the text beside or under it need room for a head and a text
                    if not y0 + 2 * MIN_TEXT_LINES <= y < y1 - 2 * MIN_TEXT_LINES:
                        continue
                    for kind in CORNERS:
                        corner = (kind, c, y)
                        if kind == "tr" and not above_ok and not self.head_at_top(c0, c1, y0, y1, corner):
                            continue
                        leaf = self.leaf(c0, c1, y0, y1, i, corner)
                        if leaf[0] + CORNER_COST >= best[0]:
                            continue
                        rest = self.solve(*corner_rect(corner, c0, c1, y0, y1), i + 1, j)
                        cost = leaf[0] + rest[0] + CORNER_COST
                        if cost < best[0]:
                            best = (cost, ("c", corner, i, rest[1]))
        return best

    def head_at_top(self, c0: int, c1: int, y0: int, y1: int, corner: Corner) -> bool:
        """Return whether the text wrapping a corner has its head on the rectangle's top line."""
        shape = self.shape(c0, c1, y0, y1, corner)
        return shape is not None and shape.tops[0] == y0

    def evaluate(self, tree: Tree, c0: int, c1: int, y0: int, y1: int) -> float:
        """Return the cost of a fixed tree in a rectangle (cuts outside it make it infeasible)."""
        kind = tree[0]
        if kind == "empty":
            return self.free_in(c0, c1, y0, y1) * EMPTY_COST
        if kind == "leaf":
            return self.leaf(c0, c1, y0, y1, tree[1])[0]
        if kind == "c":
            _, corner, index, rest = tree
            if not (c0 < corner[1] < c1 and y0 < corner[2] < y1 - 1):
                return INFEASIBLE
            return self.leaf(c0, c1, y0, y1, index, corner)[0] + CORNER_COST + \
                self.evaluate(rest, *corner_rect(corner, c0, c1, y0, y1))
        _, at, first, second = tree
        if kind in ("h", "s"):
            if not y0 < at < y1 - 1:
                return INFEASIBLE
            extra = OUT_OF_ORDER_COST if kind == "s" else 0.0
            return self.evaluate(first, c0, c1, y0, at) + self.evaluate(second, c0, c1, at + 1, y1) + extra
        if not c0 < at < c1:
            return INFEASIBLE
        extra = OUT_OF_ORDER_COST if kind == "w" else 0.0
        return self.evaluate(first, c0, at, y0, y1) + self.evaluate(second, at, c1, y0, y1) + extra

    def refine(self, tree: Tree) -> tuple[Tree, float]:
        """Move every horizontal cut line by line while the whole page gets cheaper."""
        page = self.page
        cost = self.evaluate(tree, 0, page.columns, 0, page.lines)
        for _ in range(3):
            improved = False
            for path in _cut_paths(tree):
                node = _at(tree, path)
                for y in range(1, page.lines - 1):
                    if y == _cut_line(node):
                        continue
                    moved = _moved(node, y)
                    trial = _replace(tree, path, moved)
                    trial_cost = self.evaluate(trial, 0, page.columns, 0, page.lines)
                    if trial_cost < cost - 1e-9:
                        tree, cost, node, improved = trial, trial_cost, moved, True
            if not improved:
                break
        return tree, cost

    def placements(self, tree: Tree) -> list[Placement]:
        """Return the leaves' placements in article order."""
        out: dict[int, Placement] = {}

        def walk(node: Tree, c0: int, c1: int, y0: int, y1: int) -> None:
            if node[0] == "leaf":
                shape = self.shape(c0, c1, y0, y1)
                _, choice = self.leaf(c0, c1, y0, y1, node[1])
                assert shape is not None and choice is not None
                out[node[1]] = Placement(shape.col, shape.tops, shape.bottoms, choice, shape.wraps)
            elif node[0] == "c":
                _, corner, index, rest = node
                shape = self.shape(c0, c1, y0, y1, corner)
                _, choice = self.leaf(c0, c1, y0, y1, index, corner)
                assert shape is not None and choice is not None
                out[index] = Placement(shape.col, shape.tops, shape.bottoms, choice, shape.wraps)
                walk(rest, *corner_rect(corner, c0, c1, y0, y1))
            elif node[0] in ("h", "s"):
                walk(node[2], c0, c1, y0, node[1])
                walk(node[3], c0, c1, node[1] + 1, y1)
            elif node[0] in ("v", "w"):
                walk(node[2], c0, node[1], y0, y1)
                walk(node[3], node[1], c1, y0, y1)

        walk(tree, 0, self.page.columns, 0, self.page.lines)
        return [out[i] for i in range(len(self.needs))]


def _better(best: tuple[float, Tree], kind: str, at: int, first: tuple[float, Tree],
            second: tuple[float, Tree], extra: float = 0.0) -> tuple[float, Tree]:
    """Return the cheaper of the best so far and the combination of two parts."""
    cost = first[0] + second[0] + extra
    return (cost, (kind, at, first[1], second[1])) if cost < best[0] else best


def _cut_paths(tree: Tree, path: tuple[int, ...] = ()) -> list[tuple[int, ...]]:
    """Return the paths (child indices) of every horizontal cut and corner, outermost first."""
    if tree[0] == "c":
        return [path, *_cut_paths(tree[3], (*path, 3))]
    if tree[0] not in ("h", "s", "v", "w"):
        return []
    own = [path] if tree[0] in ("h", "s") else []
    return own + _cut_paths(tree[2], (*path, 2)) + _cut_paths(tree[3], (*path, 3))


def _leaves(tree: Tree) -> set[int]:
    """Return the articles a tree places."""
    if tree[0] == "leaf":
        return {tree[1]}
    if tree[0] == "c":
        return {tree[2]} | _leaves(tree[3])
    if tree[0] in ("h", "s", "v", "w"):
        return _leaves(tree[2]) | _leaves(tree[3])
    return set()


def _cut_line(node: Tree) -> int:
    """Return the line of a horizontal cut or a corner."""
    return node[1][2] if node[0] == "c" else node[1]


def _moved(node: Tree, y: int) -> Tree:
    """Return a horizontal cut or a corner moved to another line."""
    if node[0] == "c":
        kind, c, _ = node[1]
        return ("c", (kind, c, y), node[2], node[3])
    return (node[0], y, node[2], node[3])


def _at(tree: Tree, path: tuple[int, ...]) -> Tree:
    """Return the node at a path."""
    for step in path:
        tree = tree[step]
    return tree


def _replace(tree: Tree, path: tuple[int, ...], node: Tree) -> Tree:
    """Return the tree with the node at a path replaced."""
    if not path:
        return node
    parts = list(tree)
    parts[path[0]] = _replace(tree[path[0]], path[1:], node)
    return tuple(parts)


def fixed_choice(need: Need, heights: tuple[int, ...]) -> Choice:
    """Return how a hand-framed article is set in its frame (the photo sized for the fit)."""
    _, choice = leaf_choice(need, heights)
    if choice is None:  # too small a frame for a head and three lines: set it anyway, the fit will say
        return Choice(0, 0, max(0, sum(heights) - need.reserve), need.body_lines, 0)
    return choice

