"""Copy as journalists type it: dialogue, tables, pull quotes and boxes; what cannot print is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from volna_print import i18n
from volna_print.cli import main
from volna_print.manifest.article import load_article
from volna_print.manifest.source import Problems
from volna_print.text import body_blocks, line
from volna_print.typography import NBSP

from .conftest import MANIFEST


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check the messages' content in the English catalog (their source texts); the Russian is asserted below."""
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "en")
    i18n.use("en")


def html(markdown: str) -> str:
    """Render a body to one HTML string, U+00A0 shown as ⍽."""
    return "".join(body_blocks(markdown)).replace(NBSP, "⍽")


# --- dialogue -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_a_paragraph_opened_by_a_dash_is_a_line_of_dialogue(dash: str) -> None:
    got = html(f"{dash} Как дела?\n{dash} Хорошо, - ответил он.\n")
    assert got == ('<p data-b="0">—⍽Как⍽дела?</p>\n'
                   '<p data-b="1">—⍽Хорошо,⍽— ответил он.</p>\n')


def test_dialogue_line_ends_the_paragraph_before_it() -> None:
    assert html("Он спросил:\n- Когда?\n") == '<p data-b="0">Он спросил:</p>\n<p data-b="1">—⍽Когда?</p>\n'


@pytest.mark.parametrize(("source", "tag"), [("* раз\n* два\n", "<ul"), ("+ раз\n+ два\n", "<ul"),
                                             ("1. раз\n2. два\n", "<ol")])
def test_lists_are_star_plus_and_numbers(source: str, tag: str) -> None:
    assert html(source).startswith(tag)


def test_a_rule_and_a_code_block_are_not_dialogue() -> None:
    assert html("- - -\n") == "<hr />\n"
    assert "<pre" in html("    - код\n")


def test_typeset_command_and_build_agree_on_dialogue() -> None:
    source = "- Вы давно здесь работаете?\n- С 1990 года, - говорит он.\n"
    typed = CliRunner().invoke(main, ["typeset"], input=source).output
    built = [str(b).removeprefix(f'<p data-b="{i}">').removesuffix("</p>\n") for i, b in
             enumerate(body_blocks(source))]
    assert typed.splitlines() == built


# --- tables, pull quotes, boxes ---------------------------------------------------------------------------------------

def test_a_table_is_set_in_the_paper_table_style() -> None:
    got = html("| Хозяева | Счёт | Гости |\n|---|:-:|---|\n| \"Балтика\" | 2:1 | Факел |\n")
    assert got.startswith('<table class="table" data-b="0">\n<thead>\n<tr>\n<th>Хозяева</th>')
    assert '<td>«Балтика»</td>\n<td style="text-align:center">2:1</td>' in got


def test_pull_quote_and_box() -> None:
    got = html('::: pullquote\nМоре - это "наше всё"\n:::\n\n::: box Справка\nОснован в 1255 г.\n:::\n')
    assert got == ('<blockquote data-b="0" class="pullquote">\n<p>Море⍽— это «наше всё»</p>\n</blockquote>\n'
                   '<aside data-b="1" class="box">\n<p class="box-title">Справка</p>\n'
                   "<p>Основан в⍽1255⍽г.</p>\n</aside>\n")


def test_box_without_a_title() -> None:
    assert html("::: box\nТекст\n:::\n") == '<aside data-b="0" class="box">\n<p>Текст</p>\n</aside>\n'


# --- what the loader refuses or warns about ----------------------------------------------------------------------------

ARTICLE_HEAD = "---\nheadline: Проверка\n---\n"


def check(tmp_path: Path, body: str) -> Problems:
    """Load an article with the given body; return the problems found."""
    path = tmp_path / "a.md"
    path.write_text(ARTICLE_HEAD + body, encoding="utf-8")
    problems = Problems()
    load_article(tmp_path, path, problems)
    return problems


def where(tmp_path: Path) -> str:
    return str(tmp_path / "a.md")


@pytest.mark.parametrize(("body", "message"), [
    ("Текст <script>alert(1)</script>.\n",
     "4:7: raw HTML <script> in the text: it would be printed as literal tags; remove it (write the text itself; "
     "bold is **…**, italic *…*, a table | … |)"),
    ('Абзац.\n\n<img src="http://x.ru/a.jpg">\n',
     '6:1: raw HTML <img> in the text (<img src="http://x.ru/a.jpg">): it would be printed as literal tags; '
     "remove it (a picture goes under images: in the front matter)"),
    ("<!-- заметка -->\n",
     "4:1: raw HTML an HTML comment in the text (<!-- заметка -->): it would be printed as literal tags; remove "
     "it (write the text itself; bold is **…**, italic *…*, a table | … |)"),
    ("Вот ![фото](https://x.ru/b.jpg)\n",
     "4:13: a picture from the web (https://x.ru/b.jpg) is not printed: download it into the issue's images/ "
     "folder and list it under images: in the front matter"),
    ("![](file:///home/ivan/x.png)\n",
     '4:5: a picture with a "file:" address (file:///home/ivan/x.png) is not printed: copy the file into the '
     "issue's images/ folder and list it under images: in the front matter"),
    ("![](images/a.jpg)\n",
     "4:5: a picture in the text (images/a.jpg) is not printed: list it under images: in the front matter "
     "(- file: images/a.jpg)"),
    ("Смотрите [сайт](https://volna.ru).\n",
     "4:17: a link's address (https://volna.ru) is not printed on paper, only its text; write the address into "
     "the text if readers need it, and remove the [ ]( )"),
    ("[вложение](file:///C:/x.doc)\n",
     '4:12: a link to a "file:" address (file:///C:/x.doc) cannot be printed; remove it and keep its text'),
    ("::: врезка\nТекст\n:::\n",
     '4:1: unknown block "::: врезка" (or a ":::" with nothing to close); use ::: pullquote or ::: box '
     'Заголовок, and close it with a line ":::"'),
])
def test_unprintable_markup_is_an_error_at_its_line(tmp_path: Path, body: str, message: str, english) -> None:
    problems = check(tmp_path, body)
    assert problems.messages == [f"{where(tmp_path)}:{message}"]


def test_an_address_written_as_text_is_fine(tmp_path: Path) -> None:
    problems = check(tmp_path, "Сайт <https://volna.ru> и volna.ru, письма: a@b.ru.\n")
    assert not problems.messages and not problems.warnings


def test_wide_tables_are_warnings_at_their_line(tmp_path: Path, english) -> None:
    problems = check(tmp_path, "Текст.\n\n| 1 | 2 | 3 | 4 | 5 |\n|---|---|---|---|---|\n| a | b | c | d | e |\n\n"
                     "| Название | Описание |\n|---|---|\n| Калининградская | Достопримечательности |\n")
    assert not problems.messages
    assert problems.warnings == [
        f"{where(tmp_path)}:6:1: a table of 5 columns is too wide for a text column (about 50 mm, 4 columns at "
        "most); split it, or drop a column",
        f"{where(tmp_path)}:10:1: this table needs about 40 characters a row (its longest words and cell "
        "padding), more than the 34 a text column holds, so words will stick out; shorten column 2 (its "
        "longest word has 21 letters)",
    ]


def test_a_narrow_table_is_fine(tmp_path: Path) -> None:
    problems = check(tmp_path, "| Время | Передача |\n|---|---|\n| 6:00 | Новости |\n| 9:15 | Кино «Жара» |\n")
    assert not problems.messages and not problems.warnings


def test_build_refuses_raw_html_with_exit_2_and_writes_nothing(make_issue, tmp_path: Path) -> None:
    issue = make_issue(files={"articles/a.md": ARTICLE_HEAD + "Текст <b>жирный</b>.\n"})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(issue), "-o", str(out)])
    assert result.exit_code == 2
    assert "articles/a.md:4:7: HTML <b> в тексте: теги напечатались бы как есть" in result.output
    assert "Найдена 1 ошибка; ничего не собрано." in result.output
    assert not out.exists()


# --- everything shown is typographed -------------------------------------------------------------------------------

def test_front_matter_and_advertiser_are_typeset_when_loaded(make_issue) -> None:
    from volna_print.manifest.issue import load_issue

    manifest = MANIFEST.replace("ads: []", 'ads:\n  - {file: ads/x.png, size: 1x1, page: 3, advertiser: ООО "Балтокна"}')
    from .bad import artwork

    issue = make_issue(manifest, files={
        "articles/a.md": '---\nheadline: "\\"Прибой\\" забрал кубок - снова"\nbyline: А.А.Иванов\n---\nТекст.\n',
        "ads/x.png": artwork.png(),
    })
    loaded = load_issue(issue)
    assert loaded.articles[0].headline == f"«Прибой» забрал кубок{NBSP}— снова"
    assert loaded.articles[0].byline == f"А.{NBSP}А.{NBSP}Иванов"
    assert loaded.ads[0].advertiser == "ООО «Балтокна»"
    assert str(line(loaded.articles[0].headline)) == loaded.articles[0].headline
