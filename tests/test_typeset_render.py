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
    # headline-sized words (over 16 pt tall in poppler's boxes) never end a line with a hyphen
    out = subprocess.run(["pdftotext", "-bbox", str(sample_build.pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out)
    big = [text for y0, y1, text in words if float(y1) - float(y0) > 16]
    assert len(big) > 50  # the sample's headlines are there
    assert not [w for w in big if w.endswith("-")]


def test_only_font_characters_in_pdf(sample_build):
    fonts = subprocess.run(["pdffonts", str(sample_build.pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu" not in fonts and "Liberation" not in fonts
    assert not sample_build.warnings or all("U+" not in w for w in sample_build.warnings)
