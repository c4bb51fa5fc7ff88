"""The sample issue builds, and its PDF says what it must, in the fonts it must (checked with poppler)."""

from __future__ import annotations

import re
import subprocess

import pytest
from markdown_it import MarkdownIt

from volna_print.typography import typeset

from .conftest import SAMPLE, have, pdf_text

pytestmark = pytest.mark.skipif(not have("pdftotext"), reason="poppler-utils is installed by make test")
FONT_FILES = {p.stem.replace("-", "") for p in (SAMPLE.parents[1] / "fonts").rglob("*.[ot]tf")}


def words(text: str) -> list[str]:
    """Return the words of a text, as a reader would find them in the PDF."""
    return re.findall(r"[0-9A-Za-zА-Яа-яЁё]+", text)


def normalise(text: str) -> str:
    """Join words hyphenated at line ends and collapse spaces, so words can be looked up."""
    text = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def test_sample_builds_one_pdf(sample_build):
    assert sample_build.pdf is not None and sample_build.pdf.name == "volna-2025-07-30-n31.pdf"
    assert sample_build.pdf.read_bytes().startswith(b"%PDF-")
    info = subprocess.run(["pdfinfo", str(sample_build.pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+4", info)
    assert "841.89 x 1190.55 pts" in info  # A3


def test_every_word_of_every_fitting_article_is_in_the_pdf(sample_build):
    raw = pdf_text(sample_build.pdf) if sample_build.pdf else ""
    # A hyphen at a line end is either WeasyPrint's hyphenation or a compound word's own hyphen: try both.
    found = set(words(normalise(raw))) | set(words(raw))
    md = MarkdownIt("commonmark")
    for fit in sample_build.fits:
        article = fit.frame.article
        if fit.overset_lines:
            continue  # overset text is reported, and checked by the fit tests
        plain = re.sub(r"<[^>]+>", " ", md.render(article.body))
        expected = words(f"{article.headline} {plain} {article.byline or ''} {article.source or ''}")
        missing = [w for w in expected if w not in found]
        assert not missing, f"{article.id}: missing {missing[:10]}"


def font_names() -> set[str]:
    """Return every name a font of fonts/ can appear under in a PDF, normalised."""
    from fontTools.ttLib import TTFont

    names = set()
    for path in (SAMPLE.parents[1] / "fonts").rglob("*.[ot]tf"):
        with TTFont(path, lazy=True) as font:
            for ident in (1, 16):
                if font["name"].getDebugName(ident):
                    names.add(key(font["name"].getDebugName(ident)))
    return names


def key(name: str) -> str:
    """Normalise a font name: letters and digits only, lower case."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


def test_only_project_fonts_all_embedded(sample_build):
    out = subprocess.run(["pdffonts", str(sample_build.pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    allowed = font_names()
    assert len(rows) >= 5
    for row in rows:
        name = row.split()[0].split("+")[-1]
        # WeasyPrint names a face family-style, e.g. PT-Sans-Narrow-Bold-Condensed
        assert any(key(name).startswith(family) for family in allowed), f"font not from fonts/: {name}"
        flags = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
        assert flags and flags[1] == "yes", f"not embedded: {row}"


def test_masthead_on_page_one(sample_build):
    text = normalise(pdf_text(sample_build.pdf, 1))
    assert "Волна" in text
    assert "№ 31 (10 245)" in text
    assert "среда, 30 июля 2025 г." in text
    assert "+11 °C" in text and "Бесплатно" in text and "16+" in text
    assert "Общественно-политическая газета" in text


@pytest.mark.parametrize("page,section", [(2, "ВЛАСТЬ И ЭКОНОМИКА"), (3, "ОБЩЕСТВО"), (4, "ГОРОД")])
def test_running_heads(sample_build, page, section):
    text = normalise(pdf_text(sample_build.pdf, page))
    head = text[:200]
    assert "«Волна»" in head and "№ 31 (10 245)" in head and "30 июля 2025 г." in head
    assert section in head
    assert re.search(rf"(^|\s){page}(\s|$)", head)


def test_imprint_on_last_page_only(sample_build):
    last = normalise(pdf_text(sample_build.pdf, 4))
    for item in ("Главный редактор:", "Учредитель:", "Издатель:", "Адрес редакции:", "Отпечатано:", "Тираж: 3500",
                 "Подписано в печать: по графику 29.07.2025 в 18:00, фактически 29.07.2025 в 17:40",
                 *(normalise(typeset(v)) for v in sample_build.issue.paper.contacts.values()),
                 "8 (40150) 3-21-95", "8 (40150) 3-27-60", "volnanet@mail.ru", "Бесплатно", "16+",
                 "Свидетельство о регистрации", "Заказ № 1234", "Дата выхода в свет: 30.07.2025"):
        assert item in last, item
    assert "Главный редактор:" not in normalise(pdf_text(sample_build.pdf, 2))


def test_build_cli_prints_page_summary_and_path(tmp_path):
    from click.testing import CliRunner

    from volna_print.cli import main

    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == str(tmp_path / "volna-2025-07-30-n31.pdf")
    assert sum(line.startswith("полоса ") for line in lines) == 4
    assert lines[0].startswith("полоса  1 front первая полоса") and "заполнение" in lines[0]
