"""Frame geometry in mm, from the grid of paper.yaml (A3, margins 12/14/12/12, 5 × 12 modules)."""

from __future__ import annotations

import pytest

from volna_print.layout.grid import column_width, frame_rect, grid_rect, line_mm
from volna_print.manifest.model import Frame
from volna_print.manifest.paper import load_paper
from volna_print.manifest.source import Problems

LINE = 11.4 * 25.4 / 72  # 4.0217 mm


@pytest.fixture(scope="module")
def paper():
    problems = Problems()
    loaded = load_paper("volna", problems)
    assert loaded is not None, problems.messages
    return loaded


def test_columns_fill_the_type_area(paper):
    assert column_width(paper) == pytest.approx((297 - 24 - 4 * 4.5) / 5)  # 51 mm
    assert line_mm(paper) == pytest.approx(LINE)


def test_grid_sits_on_the_bottom_margin(paper):
    inner = grid_rect(paper, "inner", 2)
    assert inner.bottom == pytest.approx(420 - 14)
    assert inner.h == pytest.approx((12 * 7 + 11) * LINE)  # 95 lines
    front = grid_rect(paper, "front", 1)
    assert front.h == pytest.approx((12 * 6 + 11) * LINE)  # shorter modules under the masthead


def test_frame_positions_in_mm(paper):
    rect = frame_rect(paper, "inner", 2, Frame(col=2, row=3, cols=2, rows=2))
    top = 420 - 14 - 95 * LINE
    assert rect.x == pytest.approx(12 + 51 + 4.5)
    assert rect.y == pytest.approx(top + 2 * 8 * LINE)  # two modules of 7 lines plus a one-line gap each
    assert rect.w == pytest.approx(2 * 51 + 4.5)
    assert rect.h == pytest.approx(15 * LINE)  # 7 + 1 + 7 lines


def test_last_module_touches_grid_bottom(paper):
    rect = frame_rect(paper, "inner", 3, Frame(col=1, row=12, cols=5, rows=1))
    assert rect.bottom == pytest.approx(406)
    assert rect.w == pytest.approx(273)


def test_module_heights_are_whole_lines(paper):
    for template in ("front", "inner", "back"):
        rect = frame_rect(paper, template, 1, Frame(1, 1, 1, 1))
        assert (rect.h / LINE) == pytest.approx(round(rect.h / LINE))
