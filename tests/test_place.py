"""Automatic placement: ads in a pyramid at the foot, articles tiled in reading order, no overlaps."""

from __future__ import annotations

from itertools import pairwise

import pytest

from volna_print.build import lay_out_issue
from volna_print.layout.place import Need, place_articles, stack_ads
from volna_print.report import fit_report

from .conftest import MANIFEST

LINES_PER_MODULE = 7


def lines_of(rows: int) -> int:
    """Body lines of a frame so many module rows high on an inner page."""
    return rows * (LINES_PER_MODULE + 1) - 1


def no_overlap(frames) -> bool:
    """Return whether no two frames share a module."""
    seen: set = set()
    for frame in frames:
        if seen & frame.cells():
            return False
        seen |= frame.cells()
    return True


def test_ads_stack_at_the_foot_largest_lowest():
    frames = stack_ads([(1, 1), (2, 3), (3, 2)], set(), 5, 12)
    assert all(f is not None for f in frames)
    small, tall, wide = frames
    assert tall.row + tall.rows - 1 == 12 and wide.row + wide.rows - 1 == 12  # both sit on the foot
    assert small.row + small.rows - 1 < 12  # the smallest goes on top of the pile
    assert no_overlap(frames)


def test_ads_that_do_not_fit_are_reported_as_none():
    assert stack_ads([(5, 12), (1, 1)], set(), 5, 12)[1] is None


def test_articles_tile_the_page_in_reading_order():
    # needs that tile exactly: 3 columns × 12 rows, then two of 2 columns × 6 rows (slack: a line a column)
    needs = [Need(3 * (lines_of(12) - 8) - 3, {c: 8 for c in range(1, 6)}),
             Need(2 * (lines_of(6) - 7) - 2, {c: 7 for c in range(1, 6)}),
             Need(2 * (lines_of(6) - 6) - 2, {c: 6 for c in range(1, 6)})]
    frames, cost = place_articles(needs, set(), 5, 12, lines_of)
    assert frames is not None and cost == 0
    assert no_overlap(frames)
    assert all(1 <= f.col and f.col + f.cols - 1 <= 5 and f.row + f.rows - 1 <= 12 for f in frames)
    assert (frames[0].col, frames[0].row) == (1, 1)  # the first article is the top-left one
    for before, after in pairwise(frames):  # each next one is right of or below the one before
        assert after.col > before.col or after.row > before.row


def test_articles_avoid_occupied_modules():
    occupied = {(c, r) for c in (4, 5) for r in (10, 11, 12)}
    needs = [Need(150, {c: 8 for c in range(1, 6)}), Need(150, {c: 8 for c in range(1, 6)})]
    frames, _ = place_articles(needs, occupied, 5, 12, lines_of)
    assert frames is not None
    assert not any(f.cells() & occupied for f in frames)


def test_too_much_text_costs_overset():
    needs = [Need(2000, {c: 8 for c in range(1, 6)})]
    frames, cost = place_articles(needs, set(), 5, 12, lines_of)
    assert frames == [frames[0]] and frames[0].cols == 5 and frames[0].rows == 12
    assert cost >= (2000 + 5 - 5 * (lines_of(12) - 8)) * 12


def auto_issue(make_issue, bodies: dict[str, int], ads: str = "", extra: dict | None = None) -> dict:
    """Lay out page 2 with unframed articles of so many one-line paragraphs each; return the JSON report."""
    files = dict(extra or {})
    entries = ""
    for name, lines in bodies.items():
        body = "\n\n".join(f"Строка {n}." for n in range(lines))
        files[f"articles/{name}.md"] = f"---\nheadline: Статья {name}\n---\n{body}\n"
        entries += f"  - file: articles/{name}.md\n    page: 2\n"
    manifest = MANIFEST.replace("""  - file: articles/a.md
    page: 2
    frame: {col: 1, row: 1, cols: 2, rows: 3}
""", entries).replace("ads: []", "ads:\n" + ads if ads else "ads: []")
    return fit_report(lay_out_issue(make_issue(manifest, files)))


@pytest.mark.parametrize("bodies", [
    {"a": 150, "b": 120, "c": 100, "d": 80},
    {"a": 300, "b": 120},
    {"a": 60, "b": 60, "c": 60, "d": 60, "e": 60, "f": 60, "g": 50},
])
def test_pages_fill_without_overset(make_issue, bodies):
    # First lay the articles out as they come; then give each exactly what a frame of that shape holds
    # (less a line a column for column breaks): a tiling with no overset and a full page exists, and
    # the engine must find one like it.
    first = auto_issue(make_issue, bodies)["pages"][1]["frames"]
    exact = {f["id"]: f["lines_capacity"] - f["columns"] for f in first}
    report = auto_issue(make_issue, exact)
    page = report["pages"][1]
    frames = page["frames"]
    assert [f["id"] for f in frames] == list(bodies)  # all placed, in manifest order
    assert all(f["overset_lines"] == 0 for f in frames), frames
    assert page["fill"] >= 0.95
    for f in frames:  # inside the type area of the inner page (12 mm margins, grid from 23.9 to 406 mm)
        assert f["x_mm"] >= 12 - 1e-6 and f["x_mm"] + f["width_mm"] <= 285 + 1e-6
        assert f["y_mm"] >= 23.9 and f["y_mm"] + f["height_mm"] <= 406 + 1e-6
    for a, b in pairwise(frames):  # reading order: each next frame right of or below the one before
        assert b["x_mm"] > a["x_mm"] or b["y_mm"] > a["y_mm"]
    cells = [(f["x_mm"], f["y_mm"], f["x_mm"] + f["width_mm"], f["y_mm"] + f["height_mm"]) for f in frames]
    for i, (x0, y0, x1, y1) in enumerate(cells):  # no two frames overlap
        for u0, v0, u1, v1 in cells[i + 1:]:
            assert x1 <= u0 + 1e-6 or u1 <= x0 + 1e-6 or y1 <= v0 + 1e-6 or v1 <= y0 + 1e-6


def test_page_that_cannot_fit_reports_by_how_much(make_issue):
    report = auto_issue(make_issue, {"a": 500, "b": 400})
    frames = report["pages"][1]["frames"]
    assert sum(f["overset_lines"] for f in frames) >= 900 - 5 * 95


def test_unframed_ads_go_to_the_foot(make_issue, tmp_path):
    import io

    from PIL import Image

    art = io.BytesIO()
    Image.new("RGB", (600, 700), "white").save(art, "JPEG")
    ads = "  - file: ads/x.jpg\n    size: 2x3\n    page: 2\n"
    report = auto_issue(make_issue, {"a": 150, "b": 100}, ads, {"ads/x.jpg": art.getvalue()})
    ad = next(f for f in report["pages"][1]["frames"] if f["kind"] == "ad")
    assert ad["y_mm"] + ad["height_mm"] == pytest.approx(406, abs=0.01)


def test_an_ad_that_cannot_be_packed_stops_the_build(make_issue, tmp_path):
    import io

    from click.testing import CliRunner
    from PIL import Image

    from volna_print.cli import main

    art = io.BytesIO()
    Image.new("RGB", (900, 1800), "white").save(art, "JPEG")
    ads = "".join(f"  - id: big{n}\n    file: ads/x.jpg\n    size: 3x6\n    page: 3\n" for n in range(3))
    folder = make_issue(MANIFEST.replace("ads: []", "ads:\n" + ads), {"ads/x.jpg": art.getvalue()})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 2
    assert 'page 3: no room for ad "big2" (3x6)' in result.output
    assert not out.exists()
