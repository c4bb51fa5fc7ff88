"""Baseline grid: body lines of adjacent columns sit at the same heights, checked on the PDF (poppler)."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict

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


@pytest.mark.parametrize("page", [2, 3])
def test_adjacent_columns_share_baselines(sample_build, page):
    frames = [f for f in sample_build.layout.article_frames() if f.page == page and f.columns > 1]
    assert frames
    lines = body_lines(sample_build.pdf, page)
    for frame in frames:
        top = (frame.rect.y + (frame.head_lines or 0) * frame.line_mm) * PT_PER_MM
        bottom = frame.rect.bottom * PT_PER_MM
        by_column: dict[int, set[float]] = defaultdict(set)
        for x, y, height in lines:
            inside = frame.rect.x * PT_PER_MM - 1 <= x <= (frame.rect.x + frame.rect.w) * PT_PER_MM
            if inside and top < y <= bottom + 0.5 and height < 14:  # body-sized lines in the text columns
                column = int((x / PT_PER_MM - frame.rect.x) // (frame.column_width + 4.5))
                by_column[column].add(round(y, 1))
        assert len(by_column) >= 2, frame.key
        grid = set.union(*by_column.values())
        for column, ys in by_column.items():
            # every line bottom sits a whole number of body lines below the first one of the frame
            base = min(grid)
            off = [((y - base) / LINE_PT) - round((y - base) / LINE_PT) for y in ys]
            assert max(abs(o) for o in off) < 0.05, (frame.key, column, sorted(ys))
        first, second = sorted(by_column)[:2]
        shared = by_column[first] & by_column[second]
        assert len(shared) >= 3, (frame.key, sorted(by_column[first])[:5], sorted(by_column[second])[:5])
