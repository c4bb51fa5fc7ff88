"""Copy fit, read from where each text ended in its column pages: capacity, need, overset, underset."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from volna_print.build import lay_out_issue
from volna_print.cli import main

from .conftest import MANIFEST, SAMPLE

ONE_LINE = "Строка номер {n}."  # short enough to set on one line of a 51 mm column


def article(lines: int, extra: str = "") -> str:
    """Return an article whose body is so many one-line paragraphs."""
    body = "\n\n".join(ONE_LINE.format(n=n) for n in range(1, lines + 1))
    return f"---\nheadline: Проверка\n---\n{body}\n\n{extra}"


def one_column_issue(make_issue, text: str):
    """Lay out an issue with the article in a 1 × 2 module frame (15 body lines from its top)."""
    manifest = MANIFEST.replace("frame: {col: 1, row: 1, cols: 2, rows: 3}", "frame: {col: 1, row: 1, cols: 1, rows: 2}")
    return lay_out_issue(make_issue(manifest, {"articles/a.md": text}))


def capacity(make_issue) -> int:
    """Return how many body lines the test frame holds under its head."""
    result = one_column_issue(make_issue, article(1))
    return result.fits[0].lines_capacity


def test_exact_fit_reports_zero_and_zero(make_issue):
    lines = capacity(make_issue)
    assert 8 <= lines <= 13  # 15 lines minus the head
    fit = one_column_issue(make_issue, article(lines)).fits[0]
    assert (fit.lines_needed, fit.overset_lines, fit.underset_lines) == (lines, 0, 0)


def test_three_lines_more_is_three_lines_overset(make_issue):
    lines = capacity(make_issue)
    fit = one_column_issue(make_issue, article(lines + 3)).fits[0]
    assert fit.overset_lines == 3
    assert fit.lines_needed == lines + 3
    # the lost text, word for word, is named and counted (its three lines joined by spaces)
    lost = " ".join(ONE_LINE.format(n=n) for n in range(lines + 1, lines + 4))
    assert fit.overset_chars == len(lost)
    assert lost.startswith(fit.first_overset) and fit.last_fitting.endswith(ONE_LINE.format(n=lines))


def test_underset_counts_empty_lines(make_issue):
    lines = capacity(make_issue)
    fit = one_column_issue(make_issue, article(lines - 4)).fits[0]
    assert (fit.overset_lines, fit.underset_lines) == (0, 4)


def test_check_json_reports_frames(make_issue):
    folder = make_issue()
    result = CliRunner().invoke(main, ["check", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [p["number"] for p in report["pages"]] == [1, 2, 3, 4]
    frame = report["pages"][1]["frames"][0]
    assert frame["id"] == "a" and frame["kind"] == "article" and frame["columns"] == 2
    assert frame["x_mm"] == 12.0 and frame["width_mm"] == 106.5
    assert frame["overset_lines"] == 0 and frame["underset_lines"] > 0
    assert 0 < report["pages"][1]["fill"] < 1


def test_strict_build_fails_on_overset_and_writes_nothing(make_issue, tmp_path):
    lines = capacity(make_issue)
    manifest = MANIFEST.replace("frame: {col: 1, row: 1, cols: 2, rows: 3}", "frame: {col: 1, row: 1, cols: 1, rows: 2}")
    folder = make_issue(manifest, {"articles/a.md": article(lines + 5)})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert "перебор 5 строк" in result.output
    assert not out.exists() or not any(out.iterdir())
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0 and "полоса 2, «Проверка» (" in result.output and "перебор 5 строк" in result.output


# Real copy of varied paragraphs: 1 % tighter spacing pulls some of their last lines back.
LONG = (SAMPLE / "articles" / "beach-season.md").read_text(encoding="utf-8").split("---", 2)[2]


def tracked(make_issue, mode: str | None):
    """Lay out a long text in a 2 × 4 module frame with a fit mode; return its fit and frame."""
    fit_line = f"\n    fit: {mode}" if mode else ""
    manifest = MANIFEST.replace("frame: {col: 1, row: 1, cols: 2, rows: 3}",
                                "frame: {col: 1, row: 1, cols: 2, rows: 4}" + fit_line)
    result = lay_out_issue(make_issue(manifest, {"articles/a.md": f"---\nheadline: Проверка\n---\n{LONG}\n"}))
    return result.fits[0]


def test_fit_tight_absorbs_lines_with_spacing_only(make_issue):
    normal, tight = tracked(make_issue, None), tracked(make_issue, "tight")
    assert normal.overset_lines > 0  # the text is too long: tight may act
    assert "letter-spacing: -0.01em" in tight.frame.flow.spacing
    # 1 % of spacing saves a few lines; with the paragraph composer re-breaking every paragraph, up to ~3 %
    assert 1 <= normal.lines_needed - tight.lines_needed <= 6
    assert tight.frame.flow.spacing.count("0.01em") == 2  # within ±1 %, no size change anywhere


def test_fit_loose_only_when_text_is_short(make_issue):
    assert tracked(make_issue, "loose").frame.flow.spacing == ""  # overset: loosening would only make it worse


@pytest.mark.parametrize("hang", [False, True], ids=["flush", "hanging"])
def test_composed_lines_are_justified_at_any_spacing(make_issue, tmp_path, monkeypatch, hang):
    """Every line of a composed paragraph but its last reaches the column's right edge, at normal and tight
    spacing alike (a space between two lines that kept a tight text's word spacing once stayed at the line
    end and left every line ragged); with hanging punctuation a line's last hyphen or comma hangs past the
    edge and its letters do not, without it nothing passes the edge."""
    import dataclasses
    import re
    import subprocess
    from collections import defaultdict

    import volna_print.build as build_stage

    load = build_stage.load_issue

    def with_hang(path):  # type: ignore[no-untyped-def]
        issue = load(path)
        composer = dataclasses.replace(issue.paper.composer, hang=hang)
        return dataclasses.replace(issue, paper=dataclasses.replace(issue.paper, composer=composer))

    monkeypatch.setattr(build_stage, "load_issue", with_hang)
    paragraphs = len([p for p in LONG.split("\n\n") if p.strip()])
    for mode in (None, "tight"):
        fit_line = f"\n    fit: {mode}" if mode else ""
        manifest = MANIFEST.replace("frame: {col: 1, row: 1, cols: 2, rows: 3}",
                                    "frame: {col: 1, row: 1, cols: 2, rows: 4}" + fit_line)
        result = lay_out_issue(make_issue(manifest, {"articles/a.md": f"---\nheadline: Проверка\n---\n{LONG}\n"}))
        pdf = tmp_path / f"{mode}.pdf"
        pdf.write_bytes(result.data or b"")
        frame = result.fits[0].frame
        text = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(frame.page), "-l", str(frame.page), str(pdf),
                               "-"], capture_output=True, text=True, check=True).stdout
        mm = 72 / 25.4
        rows: dict[tuple[float, int], tuple[float, str]] = defaultdict(lambda: (0.0, ""))
        words = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
        for x0, _y0, x1, y1, word in re.findall(words, text):
            for index, column in enumerate(frame.columns_list):
                r = column.rect
                if r.x * mm - 1 <= float(x0) and float(x1) <= (r.x + r.w) * mm + 6 and \
                        r.y * mm <= float(y1) <= (r.y + r.h) * mm + 1:
                    rows[(round(float(y1), 1), index)] = max(rows[(round(float(y1), 1), index)], (float(x1), word))
        right = {index: (c.rect.x + c.rect.w) * mm for index, c in enumerate(frame.columns_list)}
        # a line's edge is its letters' (the hyphen or comma after them hangs: composer.HANG)
        ragged = sum(edge < right[index] - 1.0 for (_, index), (edge, word) in rows.items() if word[-1:].isalpha())
        assert len(rows) > 40, mode
        assert ragged <= paragraphs, (mode, ragged, paragraphs)  # at most each paragraph's last line
        hung = [edge - right[index] for (_, index), (edge, word) in rows.items() if word[-1:] in "-,"]
        assert len(hung) >= 10, (mode, hung)
        if hang:
            assert all(0.5 < past < 4.0 for past in hung), (mode, hung)  # less than a hyphen's width
        else:
            assert all(past <= 0.5 for past in hung), (mode, hung)
        assert all(edge <= right[index] + 0.5 for (_, index), (edge, word) in rows.items() if word[-1:].isalpha())
        # and the page shows them: the strip just past the first column's edge has ink only where marks hang
        strip = tmp_path / f"strip-{mode}"
        column = frame.columns_list[0].rect
        dpi = 150
        subprocess.run(["pdftoppm", "-f", str(frame.page), "-l", str(frame.page), "-r", str(dpi), "-gray",
                        "-x", str(int((column.x + column.w + 0.2) / 25.4 * dpi)), "-y", str(int(column.y / 25.4 * dpi)),
                        "-W", str(int(1.2 / 25.4 * dpi)), "-H", str(int(column.h / 25.4 * dpi)), "-png", str(pdf),
                        str(strip)], check=True)
        from PIL import Image

        (image,) = [Image.open(path) for path in tmp_path.glob(f"strip-{mode}*.png")]
        inked = sum(image.convert("L").histogram()[:128])  # pixels darker than mid grey
        assert (inked > 20) if hang else (inked == 0), (mode, inked)
