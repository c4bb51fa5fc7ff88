"""Glyph coverage: a character the fonts lack is a warning naming it, the article and the line."""

from __future__ import annotations

from volna_print.build import lay_out_issue
from volna_print.glyphs import role_chars

ARTICLE = "---\nheadline: Заголовок\n---\nПервая строка.\n\nВторая строка со знаком \u2603 внутри.\n"


def test_missing_glyph_is_named_with_article_and_line(make_issue):
    result = lay_out_issue(make_issue(files={"articles/a.md": ARTICLE}))
    messages = [w for w in result.warnings if "U+2603" in w]
    assert len(messages) == 1
    assert messages[0].endswith("articles/a.md:6: U+2603 SNOWMAN «\u2603» в статье «a»: в её шрифте нет такого знака; "
                                "он напечатается пустым прямоугольником — замените его или попросите шрифт, в котором он есть")


def test_fonts_cover_russian_print_characters():
    for role in ("body", "headline", "label"):
        chars = role_chars(role)
        for char in "АБВабвЁё«»„“—–…№\u00a0":
            assert ord(char) in chars, (role, char)


def test_typographer_emits_only_covered_characters(make_issue):
    text = '---\nheadline: \'"Кавычки" - и тире\'\n---\nТекст "в кавычках" - 1941-1945, №5, 10000 руб...\n'
    result = lay_out_issue(make_issue(files={"articles/a.md": text}))
    assert not [w for w in result.warnings if "U+" in w]
