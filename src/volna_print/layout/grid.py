"""Page geometry: the module grid in millimetres, anchored on the baseline grid."""

from __future__ import annotations

from dataclasses import dataclass

from ..manifest.model import Frame, Paper
from ..units import MM_PER_PT


@dataclass(frozen=True)
class Rect:
    """A rectangle on the page in mm, from the page's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        """Return the lower edge."""
        return self.y + self.h


def line_mm(paper: Paper) -> float:
    """Return the baseline grid step (body leading) in mm."""
    return paper.grid.line_pt * MM_PER_PT


CHAR_EM = 0.47  # a character of running Russian text in the body face takes about this much of an em


def line_chars(paper: Paper) -> int:
    """Return about how many characters a body line of one column holds (32 in a 51 mm column of 9.5 pt)."""
    return round(column_width(paper) / MM_PER_PT / paper.body_pt / CHAR_EM)


def module_lines(paper: Paper, template: str) -> int:
    """Return how many body lines one module holds on this page type."""
    return paper.grid.module_lines[template]


def grid_lines(paper: Paper, template: str) -> int:
    """Return the body lines from the grid's top to its bottom (modules plus one-line row gaps)."""
    rows = paper.grid.rows
    return rows * module_lines(paper, template) + rows - 1


def left_margin(paper: Paper, page: int) -> float:
    """Return the left margin: odd pages are right-hand pages, their inside margin is on the left."""
    m = paper.margins
    return m.inside if page % 2 else m.outside


def type_width(paper: Paper) -> float:
    """Return the width of the type area."""
    return paper.width - paper.margins.inside - paper.margins.outside


def column_width(paper: Paper) -> float:
    """Return the width of one grid column."""
    g = paper.grid
    return (type_width(paper) - (g.columns - 1) * g.gutter) / g.columns


def grid_rect(paper: Paper, template: str, page: int) -> Rect:
    """Return the area the module grid covers; it sits on the bottom margin."""
    height = grid_lines(paper, template) * line_mm(paper)
    bottom = paper.height - paper.margins.bottom
    return Rect(left_margin(paper, page), bottom - height, type_width(paper), height)


def head_rect(paper: Paper, template: str, page: int) -> Rect:
    """Return the zone above the grid: masthead or running head."""
    grid = grid_rect(paper, template, page)
    top = paper.margins.top
    return Rect(grid.x, top, grid.w, grid.y - top)


def frame_rect(paper: Paper, template: str, page: int, frame: Frame) -> Rect:
    """Return a grid frame in mm: whole columns with gutters, whole modules with one-line gaps."""
    g, line = paper.grid, line_mm(paper)
    k = module_lines(paper, template)
    col_w = column_width(paper)
    area = grid_rect(paper, template, page)
    return Rect(
        x=area.x + (frame.col - 1) * (col_w + g.gutter),
        y=area.y + (frame.row - 1) * (k + 1) * line,
        w=frame.cols * col_w + (frame.cols - 1) * g.gutter,
        h=frame_lines(paper, template, frame.rows) * line,
    )


def frame_lines(paper: Paper, template: str, rows: int) -> int:
    """Return the body lines a frame of so many module rows holds from top to bottom."""
    return rows * (module_lines(paper, template) + 1) - 1


def frame_line_span(paper: Paper, template: str, frame: Frame) -> tuple[int, int]:
    """Return the first body line of a grid frame and the line after its last (0 = the grid's top)."""
    step = module_lines(paper, template) + 1
    top = (frame.row - 1) * step
    return top, top + frame_lines(paper, template, frame.rows)


def lines_rect(paper: Paper, template: str, page: int, col: int, cols: int, top: int, lines: int) -> Rect:
    """Return the rectangle of grid columns col.. (0-based) from body line top, so many lines high."""
    g, step = paper.grid, line_mm(paper)
    col_w = column_width(paper)
    area = grid_rect(paper, template, page)
    return Rect(x=area.x + col * (col_w + g.gutter), y=area.y + top * step,
                w=cols * col_w + (cols - 1) * g.gutter, h=lines * step)


def span_width(paper: Paper, cols: int) -> float:
    """Return the width of so many grid columns with the gutters between them."""
    return cols * column_width(paper) + (cols - 1) * paper.grid.gutter
