"""Validation: every problem reported at once, each with its file, line, column and an exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from volna_print.cli import main
from volna_print.errors import ManifestError
from volna_print.manifest.issue import load_issue

from .conftest import MANIFEST


def problems(folder: Path) -> list[str]:
    """Return the problem lines of an invalid issue, paths relative to the issue folder's parent."""
    with pytest.raises(ManifestError) as info:
        load_issue(folder)
    prefix = str(folder) + "/"
    return [p.replace(prefix, "") for p in info.value.problems]


def run_check(folder: Path) -> tuple[int, str]:
    """Run `volna-print check` and return its exit code and output."""
    result = CliRunner().invoke(main, ["check", str(folder)])
    return result.exit_code, result.output


def test_valid_issue_loads(make_issue):
    issue = load_issue(make_issue())
    assert issue.number == 31 and issue.articles[0].id == "a"
    assert [p.template for p in issue.pages] == ["front", "inner", "inner", "back"]


def test_unknown_key_with_hint(make_issue):
    folder = make_issue(MANIFEST.replace("print_run: 3500", "print_rn: 3500"))
    assert problems(folder) == [
        'issue.yaml:7:1: print_rn: неизвестный ключ; может быть, "print_run"?',  # the key as typed
        "issue.yaml:1:1: print_run: нет обязательного ключа",
    ]


def test_wrong_type_reports_line_and_column(make_issue):
    folder = make_issue(MANIFEST.replace("    frame: {col: 1, row: 1, cols: 2, rows: 3}",
                                         "    columns: три\n    frame: {col: 1, row: 1, cols: 2, rows: 3}"))
    assert problems(folder) == ['issue.yaml:17:14: статья 1 (articles/a.md), columns: нужно целое число, а указано "три"']


def test_date_that_does_not_exist(make_issue):
    folder = make_issue(MANIFEST.replace("date: 2025-07-30", "date: 2025-02-30"))
    assert problems(folder) == [
        'issue.yaml:4:7: date: "2025-02-30" — такой даты нет; пишите ГГГГ-ММ-ДД, например 2025-07-30']


def test_age_mark_and_ad_size(make_issue):
    manifest = MANIFEST.replace("age_mark: 16+", "age_mark: 15+").replace(
        "ads: []", "ads:\n  - file: ads/x.jpg\n    size: 2x0\n    page: 4\n")
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (100, 100), "white").save(buffer, "JPEG")
    folder = make_issue(manifest, {"ads/x.jpg": buffer.getvalue()})
    assert problems(folder) == [
        'issue.yaml:6:11: age_mark: "15+" — недопустимое значение; возможны: 0+, 6+, 12+, 16+, 18+',
        "issue.yaml:20:11: реклама 1 (ads/x.jpg), size: 2x0 не укладывается в сетку полосы: колонки 1–5, модули 1–12",
    ]


def test_all_problems_collected_and_yaml_syntax(make_issue):
    folder = make_issue("paper: volna\nnumber: [31\n")
    lines = problems(folder)
    assert lines == ["issue.yaml:3:1: синтаксическая ошибка YAML: [список], открытый в строке 2, столбце 9, не закрыт, "
                     "или между его элементами не хватает запятой"]


def test_frame_outside_grid_and_overlap(make_issue):
    manifest = MANIFEST.replace("ads: []", """\
  - file: articles/b.md
    page: 2
    frame: {col: 2, row: 2, cols: 2, rows: 2}
  - file: articles/c.md
    page: 2
    frame: {col: 5, row: 1, cols: 2, rows: 2}
ads: []""")
    folder = make_issue(manifest, {"articles/b.md": "---\nheadline: Б\n---\nТекст.\n",
                                   "articles/c.md": "---\nheadline: В\n---\nТекст.\n"})
    assert problems(folder) == [
        "issue.yaml:23:18: статья 3 (articles/c.md), frame.col: рамка занимает колонки 5–6, а в сетке их 5",
        'issue.yaml:18:5: статья 2 (articles/b.md), frame: статья "b" и статья "a" перекрываются на полосе 2; '
        "передвиньте одну из них",
    ]


def test_article_front_matter_line_numbers(make_issue):
    folder = make_issue(files={"articles/a.md": "---\nrubric: Город\nheadlin: Ошибка\n---\nТекст.\n"})
    assert problems(folder) == [
        'articles/a.md:3:1: headlin: неизвестный ключ; может быть, "headline"?',
        "articles/a.md:2:1: headline: нет обязательного ключа",
    ]


def test_missing_file_and_path_leaving_issue(make_issue):
    manifest = MANIFEST.replace("articles/a.md", "../secret.md")
    assert problems(make_issue(manifest)) == [
        'issue.yaml:15:11: статья 1 (../secret.md), file: "../secret.md" ведёт за пределы папки выпуска; '
        "укажите путь относительно папки выпуска"]
    manifest = MANIFEST.replace("articles/a.md", "articles/none.md")
    assert problems(make_issue(manifest)) == [
        'issue.yaml:15:11: статья 1 (articles/none.md), file: "articles/none.md": файл не найден в папке выпуска']


def test_windows_1251_article_is_named(make_issue):
    folder = make_issue(files={"articles/a.md": "---\nheadline: Заголовок\n---\nТекст.\n".encode("cp1251")})
    assert problems(folder) == [
        "articles/a.md:2:1: текст не в UTF-8: похоже на Windows-1251 (так Word сохраняет русский текст); "
        "сохраните его в UTF-8"]


def test_pages_not_multiple_of_four_is_a_warning(make_issue):
    manifest = MANIFEST.replace("  - {section: Общество}\n", "")
    issue = load_issue(make_issue(manifest))
    assert any("3 полосы — не кратно 4" in w for w in issue.warnings)


def test_missing_imprint_item_is_an_error(make_issue):
    folder = make_issue(MANIFEST.replace('signed_to_print: {scheduled: "2025-07-29 18:00", actual: "2025-07-29 17:40"}',
                                         'signed_to_print: {scheduled: "2025-07-29 18:00"}'))
    assert problems(folder) == ["issue.yaml:8:18: signed_to_print.actual: нет обязательного ключа"]


def test_check_command_exit_codes(make_issue):
    code, output = run_check(make_issue())
    assert code == 0 and "ошибок нет; 4 полосы, 1 статья, 0 рекламных модулей" in output
    code, output = run_check(make_issue(MANIFEST.replace("number: 31", "number: тридцать")))
    assert code == 2
    assert 'issue.yaml:2:9: number: нужно целое число, а указано "тридцать"' in output
    assert "Traceback" not in output
