"""Baseline grid: body lines of adjacent columns sit at the same heights, checked on the PDF (poppler)."""

from __future__ import annotations

import re
import subprocess

import pytest

from .conftest import have

pytestmark = pytest.mark.skipif(not have("pdftotext"), reason="poppler-utils is installed by make test")
PT_PER_MM = 72 / 25.4
LINE_PT = 11.4


def body_lines(pdf, page: int) -> list[tuple[float, float, float]]:
    """Return (x, bottom y, height) of every word on a page, from pdftotext -bbox (poppler).

    Words, not lines: poppler may join the lines of two columns that share a baseline into one.
    """
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = []
    for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', out):
        x, y0, y1 = map(float, match.groups())
        found.append((x, y1, y1 - y0))
    return found


@pytest.mark.parametrize("page", [2, 3, 4])
def test_every_column_sits_on_the_page_baseline_grid(sample_build, page):
    """Body lines of all text columns of a page are a whole number of lines apart: one grid for the page."""
    frames = [f for f in sample_build.layout.article_frames() if f.page == page]
    assert frames
    words = body_lines(sample_build.pdf, page)
    phases = []
    columns_seen = 0
    for frame in frames:
        for column in frame.columns_list:
            rect = column.rect
            ys = [y for x, y, height in words if height < 14
                  and rect.x * PT_PER_MM - 1 <= x <= (rect.x + rect.w) * PT_PER_MM
                  and rect.y * PT_PER_MM < y <= rect.bottom * PT_PER_MM + 0.5]
            if len(ys) >= 3:
                columns_seen += 1
            phases += [(y / LINE_PT) % 1.0 for y in ys]
    assert columns_seen >= 3
    # one phase for every line: measured around the circle so that 0.99 and 0.01 count as neighbours
    ref = phases[0]
    spread = max(min(abs(p - ref), 1 - abs(p - ref)) for p in phases)
    assert spread < 0.05, spread
