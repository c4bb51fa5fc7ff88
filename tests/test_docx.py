"""Word articles: converted by mammoth, then read exactly like a Markdown article."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from volna_print.cli import main
from volna_print.manifest.issue import load_issue
from volna_print.typography import NBSP

from .conftest import MANIFEST, write_tree

docx = pytest.importorskip("docx")  # python-docx writes the test documents


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def word_file(path: Path, *, labels: bool = True, extra: tuple[str, ...] = ()) -> Path:
    """Write a Word article: labels, a heading, formatting, dialogue, a list, a table, a picture."""
    from docx.shared import Mm

    document = docx.Document()
    if labels:
        document.add_paragraph("Рубрика: Люди")
        document.add_paragraph("Автор: Мария ОБРАЗЦОВА")
    document.add_heading("Хранитель маяка - 22 года на посту", level=1)
    if labels:
        document.add_paragraph("Подзаголовок: Иван Петрович о море")
    paragraph = document.add_paragraph("Он встречает нас у входа. ")
    paragraph.add_run("Жирный ").bold = True
    paragraph.add_run("и курсив").italic = True
    paragraph.add_run(' в "кавычках", т.о. всё * и _ так.')
    document.add_paragraph("- Сколько лет вы здесь?")
    document.add_paragraph("- С 2003г., - отвечает он.")
    document.add_paragraph("Первый пункт", style="List Bullet")
    document.add_paragraph("Второй пункт", style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for row, (year, event) in enumerate([("Год", "Событие"), ("1905", "Постройка"), ("1945", "Ремонт")]):
        table.cell(row, 0).text, table.cell(row, 1).text = year, event
    document.add_picture(io.BytesIO(png()), width=Mm(50))
    document.add_paragraph("Подпись: Маяк на закате")
    document.add_paragraph("Фото: Ивана ИВАНОВА")
    for text in extra:
        document.add_paragraph(text)
    document.add_paragraph("# Последний абзац.")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


EXPECTED = """\
---
rubric: Люди
byline: Мария ОБРАЗЦОВА
headline: Хранитель маяка - 22 года на посту
subhead: Иван Петрович о море
images:
- file: images/x-1.png
  caption: Маяк на закате
  credit: 'Фото: Ивана ИВАНОВА'
---
Он встречает нас у входа. **Жирный** *и курсив* в "кавычках", т.о. всё \\* и \\_ так.

- Сколько лет вы здесь?

- С 2003г., - отвечает он.

* Первый пункт
* Второй пункт

| Год | Событие |
|---|---|
| 1905 | Постройка |
| 1945 | Ремонт |

\\# Последний абзац.
"""


def test_import_writes_the_markdown_article_and_extracts_the_picture(tmp_path: Path) -> None:
    source = word_file(tmp_path / "inbox" / "x.docx")
    out = tmp_path / "issue" / "articles" / "x.md"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{out}\n"
    assert out.read_text(encoding="utf-8") == EXPECTED
    with Image.open(tmp_path / "issue" / "images" / "x-1.png") as picture:
        assert picture.size == (300, 200)


def test_import_does_not_overwrite_without_force(tmp_path: Path) -> None:
    source = word_file(tmp_path / "x.docx")
    (tmp_path / "x.md").write_text("правка редактора", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source)])
    assert result.exit_code == 2
    assert f"Недопустимое значение -o: {tmp_path / 'x.md'} уже есть; чтобы перезаписать его, добавьте --force" in result.output
    assert (tmp_path / "x.md").read_text(encoding="utf-8") == "правка редактора"
    assert CliRunner().invoke(main, ["import", str(source), "--force"]).exit_code == 0


def test_without_labels_the_first_heading_is_the_headline(tmp_path: Path) -> None:
    source = word_file(tmp_path / "x.docx", labels=False)
    CliRunner().invoke(main, ["import", str(source)])
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith(
        "---\nheadline: Хранитель маяка - 22 года на посту\nimages:\n")


def issue_with_word_article(tmp_path: Path, **options: object) -> Path:
    root = write_tree(tmp_path / "issue", {"issue.yaml": MANIFEST.replace("articles/a.md", "articles/x.docx")})
    word_file(root / "articles" / "x.docx", **options)  # type: ignore[arg-type]
    return root


def test_a_word_article_builds_like_a_markdown_one(tmp_path: Path) -> None:
    issue = load_issue(issue_with_word_article(tmp_path))
    article = issue.articles[0]
    assert article.headline == f"Хранитель маяка{NBSP}— 22{NBSP}года на{NBSP}посту"
    assert (article.rubric, article.byline) == ("Люди", "Мария ОБРАЗЦОВА")
    assert article.images[0].file == tmp_path / "issue" / "images" / "x-1.png"
    assert article.images[0].caption == f"Маяк на{NBSP}закате"
    from volna_print.text import body_blocks

    body = "".join(body_blocks(article.body)).replace(NBSP, "⍽")
    assert "<strong>Жирный</strong> <em>и⍽курсив</em> в⍽«кавычках», т.⍽о. всё * и⍽_ так." in body
    assert '<p data-b="1">—⍽Сколько лет вы здесь?</p>' in body
    assert '<p data-b="2">—⍽С⍽2003⍽г.,⍽— отвечает он.</p>' in body
    assert "<li>Первый пункт</li>" in body and '<table class="table"' in body
    assert "<p data-b=\"5\"># Последний абзац.</p>" in body


def test_raw_html_typed_in_word_is_refused_like_in_markdown(tmp_path: Path) -> None:
    issue = issue_with_word_article(tmp_path, extra=("Код <script>alert(1)</script> со страницы.",))
    result = CliRunner().invoke(main, ["check", str(issue)])
    assert result.exit_code == 2
    assert result.output.startswith(f"{issue / 'articles' / 'x.docx'}:25:5: HTML <script> в тексте: теги "
                                    "напечатались бы как есть")


def test_a_damaged_word_file_is_an_error(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "issue", {"issue.yaml": MANIFEST.replace("articles/a.md", "articles/x.docx"),
                                           "articles/x.docx": b"PK\x03\x04broken"})
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code == 2
    assert "x.docx:1:1: документ Word не читается (BadZipFile: File is not a zip file); откройте его в Word и " \
           "сохраните заново как .docx" in result.output
