"""Jumps: the text flows on with the real page numbers, and nothing is lost on the way."""

from __future__ import annotations

import re

import pytest

from volna_print.build import lay_out_issue
from volna_print.layout.jumps import count_fitting_words, split_block

from .conftest import MANIFEST, have, pdf_text
from .test_build import normalise, words

pytestmark = pytest.mark.skipif(not have("pdftotext"), reason="poppler-utils is installed by make test")


def test_split_block_keeps_markup_balanced():
    first, rest = split_block('<p data-b="3">Один <em>два три</em> четыре</p>', 2)
    assert first == '<p class="split" data-b="3">Один <em>два</em></p>'
    assert rest == '<p class="cont" data-b="3"><em>три</em> четыре</p>'


def test_counting_rejoins_hyphenated_words():
    source = ["внешнеторговом", "обороте", "стран-партнёров", "рост"]
    assert count_fitting_words(["внешнетор-", "говом обороте стран-", "партнёров"], source) == 3
    assert count_fitting_words(["внешнеторговом обороте стран-"], source) == 2


def test_sample_jump_pages_and_lines(sample_build):
    frames = {f.key: f for f in sample_build.layout.article_frames()}
    first, second = frames["beach-season"], frames["beach-season-cont"]
    assert (first.page, first.continued_on) == (3, 4)
    assert (second.page, second.continued_from) == (4, 3)
    assert "Продолжение на стр. 4" in normalise(pdf_text(sample_build.pdf, 3))
    assert "Окончание. Начало на стр. 3" in normalise(pdf_text(sample_build.pdf, 4))


def test_jumped_article_is_whole_across_both_pages(sample_build):
    article = next(a for a in sample_build.issue.articles if a.id == "beach-season")
    assert all(f.overset_lines == 0 for f in sample_build.fits if f.frame.article.id == "beach-season")
    raw = pdf_text(sample_build.pdf, 3) + pdf_text(sample_build.pdf, 4)
    found = set(words(normalise(raw))) | set(words(raw))
    body = re.sub(r"[*#>_`-]", " ", article.body)
    missing = [w for w in words(body) if w not in found]
    assert not missing


def test_jump_to_a_later_page_with_frames(make_issue):
    long_body = "\n\n".join(f"Абзац {n}: " + "слово " * 40 for n in range(25))
    manifest = MANIFEST.replace("frame: {col: 1, row: 1, cols: 2, rows: 3}",
                                "frame: {col: 1, row: 1, cols: 2, rows: 3}\n"
                                "    continue: {page: 3, frame: {col: 1, row: 1, cols: 3, rows: 12}}")
    result = lay_out_issue(make_issue(manifest, {"articles/a.md": f"---\nheadline: Длинная\n---\n{long_body}\n"}))
    fits = {f.frame.key: f for f in result.fits}
    assert set(fits) == {"a", "a-cont"}
    # the first frame is full: at most a line a column left to widow and orphan control
    assert fits["a"].overset_lines == 0 and fits["a"].underset_lines <= fits["a"].frame.columns
    assert fits["a-cont"].overset_lines == 0
    assert fits["a-cont"].frame.page == 3 and fits["a"].frame.continued_on == 3


def test_jump_backwards_is_reported(make_issue):
    manifest = MANIFEST.replace("frame: {col: 1, row: 1, cols: 2, rows: 3}",
                                "frame: {col: 1, row: 1, cols: 2, rows: 3}\n    continue: {page: 1}")
    result = lay_out_issue(make_issue(manifest))
    assert any("a jump must go forward" in w for w in result.warnings)
