"""Automatic placement: ads stacked at the foot of the page, articles tiled over what is left.

Articles are tiled by a guillotine search: a free rectangle of the grid is split across or down, and the
articles (in manifest order, so reading order is kept: the first article is top-left) are divided between
the two parts. Each leaf holds one article; its cost is the overset (heavily weighted) and the empty lines
it would leave, estimated from the measured body lines and head heights. The search is memoised on
(rectangle, run of articles), so a page of eight articles takes milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from ..manifest.model import Frame

Cell = tuple[int, int]  # (col, row), 1-based
OVERSET_COST = 12.0  # an overset line costs as much as a dozen empty ones: text must never vanish
NARROW_COST = 6.0  # a one-column frame of a long article reads badly; prefer wider ones
EMPTY_COST = 2.0  # an empty module is a hole in the page: worse than the same lines left under a text
INFEASIBLE = math.inf


@dataclass(frozen=True)
class Need:
    """What an unplaced article needs: body lines in one column, head lines by frame width."""

    body_lines: int
    head_lines: dict[int, int]  # frame columns → head height in body lines
    flows: bool = False  # the text jumps to another page: what does not fit here is not lost


def stack_ads(sizes: list[tuple[int, int]], occupied: set[Cell], columns: int, rows: int) -> list[Frame | None]:
    """Place ads at the foot of the page, largest first, as a pyramid the articles can sit on.

    Each ad takes the spot that leaves the free space above the ads as even as possible (fewest steps in
    its skyline, no free module trapped under an ad), then the lowest, then the rightmost: a staircase of
    ads leaves rectangles an article can fill, where a lone ad in the middle would leave holes.
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


def _spot_score(frame: Frame, taken: set[Cell], columns: int, rows: int) -> tuple[int, int, int, int]:
    """Rank a spot for an ad: trapped modules, skyline steps, height from the foot, distance from the right."""
    cells = taken | frame.cells()
    trapped = sum((c, r) not in cells for c in range(frame.col, frame.col + frame.cols)
                  for r in range(frame.row + frame.rows, rows + 1))
    tops = [next((r for r in range(1, rows + 1) if (c, r) in cells), rows + 1) for c in range(1, columns + 1)]
    steps = sum(a != b for a, b in pairwise(tops))
    return trapped, steps, rows - (frame.row + frame.rows - 1), columns - (frame.col + frame.cols - 1)


def place_articles(needs: list[Need], occupied: set[Cell], columns: int, rows: int,
                   lines_of: Callable[[int], int]) -> tuple[list[Frame] | None, float]:
    """Tile the free cells with the articles in order; return their frames and the cost (inf: cannot)."""
    count = len(needs)

    @cache
    def free(c0: int, r0: int, c1: int, r1: int) -> int:
        return sum((c, r) not in occupied for c in range(c0, c1 + 1) for r in range(r0, r1 + 1))

    @cache
    def leaf(c0: int, r0: int, c1: int, r1: int, index: int) -> float:
        area = (c1 - c0 + 1) * (r1 - r0 + 1)
        if free(c0, r0, c1, r1) != area:
            return INFEASIBLE
        return article_cost(needs[index], c1 - c0 + 1, lines_of(r1 - r0 + 1))

    @cache
    def solve(c0: int, r0: int, c1: int, r1: int, i: int, j: int) -> tuple[float, tuple[Frame, ...]]:
        cells = free(c0, r0, c1, r1)
        if i == j:  # no article here: every free module is empty space
            return cells * lines_of(1) * EMPTY_COST, ()
        if cells < j - i:
            return INFEASIBLE, ()
        best: tuple[float, tuple[Frame, ...]] = (INFEASIBLE, ())
        if j - i == 1:
            cost = leaf(c0, r0, c1, r1, i)
            if cost < INFEASIBLE:
                best = (cost, (Frame(c0, r0, c1 - c0 + 1, r1 - r0 + 1),))
        # articles i..k go first (top or left), k..j second; the first part is never empty, so no article
        # sits under or beside a hole: what is left over stays at the foot or the right
        for k in range(i + 1, j + 1):
            for r in range(r0, r1):
                best = _better(best, solve(c0, r0, c1, r, i, k), solve(c0, r + 1, c1, r1, k, j))
            for c in range(c0, c1):
                best = _better(best, solve(c0, r0, c, r1, i, k), solve(c + 1, r0, c1, r1, k, j))
        return best

    cost, frames = solve(1, 1, columns, rows, 0, count)
    if cost == INFEASIBLE or len(frames) != count:
        return None, INFEASIBLE
    return list(frames), cost


def _better(best: tuple[float, tuple[Frame, ...]], first: tuple[float, tuple[Frame, ...]],
            second: tuple[float, tuple[Frame, ...]]) -> tuple[float, tuple[Frame, ...]]:
    """Return the cheaper of the best so far and the combination of two parts."""
    cost = first[0] + second[0]
    return (cost, first[1] + second[1]) if cost < best[0] else best


def article_cost(need: Need, cols: int, frame_lines: int) -> float:
    """Return the cost of an article in a frame: overset lines weigh most, then empty lines."""
    head = need.head_lines.get(cols, max(need.head_lines.values()))
    per_column = frame_lines - head
    if per_column < 3:
        return INFEASIBLE
    capacity = per_column * cols
    # A column break can cost a line to widow and orphan control.
    needed = need.body_lines + cols
    overset = 0 if need.flows else max(0, needed - capacity)
    underset = max(0, capacity - needed)
    narrow = NARROW_COST * need.body_lines / 40 if cols == 1 and need.body_lines > 60 else 0.0
    return overset * OVERSET_COST + underset + narrow
