"""Russian typography on paper: what the typographer decided survives WeasyPrint's line breaking."""

from __future__ import annotations

import re
import subprocess

import pytest
from click.testing import CliRunner

from volna_print.cli import main
from volna_print.text import body_blocks

from .conftest import ROOT, have, pdf_text

pytestmark = pytest.mark.skipif(not have("pdftotext"), reason="poppler-utils is installed by make test")
ONE_LETTER = re.compile(r"(^|\s)[вскоуиаяВСКОУИАЯ]$")


def test_no_line_ends_with_a_one_letter_word(sample_build):
    text = pdf_text(sample_build.pdf)
    offenders = [line for line in text.splitlines() if ONE_LETTER.search(line.rstrip())]
    assert not offenders, offenders[:5]


def test_typeset_command_prints_the_issue_example():
    result = CliRunner().invoke(main, ["typeset"], input='Он сказал "в 2025 году - рост" и т.д.\n')
    nb = "\u00a0"
    assert result.exit_code == 0
    assert result.output == f"Он сказал «в{nb}2025{nb}году{nb}— рост» и{nb}т.{nb}д.\n"
    html = CliRunner().invoke(main, ["typeset", "--html"], input="в 2025 году").output
    assert html == "в&nbsp;2025&nbsp;году"


def test_words_in_capitals_are_never_hyphenated():
    block = str(body_blocks('Сессия "ИННОПРОМ. Беларусь"')[0])
    assert '<span class="caps">ИННОПРОМ</span>' in block
    css = (ROOT / "layouts/volna/css/volna.css").read_text(encoding="utf-8")
    assert ".columns .caps { hyphens: manual; }" in css


def test_headlines_are_not_hyphenated(sample_build):
    # every headline word of the sample appears whole in the PDF text: none was broken at a line end
    text = pdf_text(sample_build.pdf)
    for article in sample_build.issue.articles:
        for word in re.findall(r"[А-Яа-яЁё]{7,}", article.headline):
            assert re.search(rf"{word[:4]}-\n", text) is None or word in text


def test_only_font_characters_in_pdf(sample_build):
    fonts = subprocess.run(["pdffonts", str(sample_build.pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu" not in fonts and "Liberation" not in fonts
    assert not sample_build.warnings or all("U+" not in w for w in sample_build.warnings)
