"""Frame geometry in mm, from the grid of paper.yaml (A3, margins 12/14/12/12, 5 × 12 modules)."""

from __future__ import annotations

import re

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


def test_the_gutter_has_one_home_paper_yaml(tmp_path, monkeypatch):
    """Changing grid.gutter in paper.yaml alone moves every column of the page: Python and CSS read it there."""
    import shutil
    import subprocess

    from volna_print.build import build

    from .conftest import ROOT, SAMPLE

    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    monkeypatch.setenv("VOLNA_LAYOUTS", str(layouts))
    paper = layouts / "volna" / "paper.yaml"

    def columns_and_words(out: str):
        result = build(SAMPLE, tmp_path / out)
        boxes = sorted((round(c.rect.x, 2), round(c.rect.w, 2)) for f in result.layout.article_frames()
                       if f.page == 2 for c in f.columns_list)
        text = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(result.pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        starts = sorted({round(float(x) * 25.4 / 72) for x in re.findall(r'<word xMin="([\d.]+)"', text)})
        return boxes, starts

    before, words_before = columns_and_words("a")
    paper.write_text(paper.read_text(encoding="utf-8").replace("gutter: 4.5", "gutter: 7.5"), encoding="utf-8")
    after, words_after = columns_and_words("b")
    assert len(before) == len(after)
    moved = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(moved) == len(before)  # every column moved or narrowed: nothing kept the old gutter
    col_w = (273 - 4 * 7.5) / 5
    assert all(abs(w - col_w) < 0.01 for _, w in after)  # one-column text boxes at the new column width
    assert {round(x) for x, _ in after} <= set(words_after) | {round(x) + 1 for x, _ in after} | \
        {round(x) - 1 for x, _ in after}  # and the PDF's words start where the columns now are
    assert words_before != words_after
