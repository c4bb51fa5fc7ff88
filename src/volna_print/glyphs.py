"""Glyph coverage: every character of the issue must be in the fonts that set it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from .manifest.model import Article, Issue
from .manifest.source import display_path
from .pdf import FONTS_DIR
from .typography import typeset

# Characters that never reach a font: line breaks, the soft hyphen WeasyPrint handles itself.
IGNORED = set("\n\r\t\u00ad")


@lru_cache(maxsize=8)
def font_chars(folder: Path = FONTS_DIR) -> frozenset[int]:
    """Return the code points that every body face in fonts/ covers (the common set is what is safe)."""
    covered: set[int] | None = None
    for path in sorted([*folder.rglob("*.ttf"), *folder.rglob("*.otf")]):
        if path.parent.name != "pt":  # the display face sets only the title; the text faces must cover all
            continue
        with TTFont(path, lazy=True) as font:
            cmap = set(font.getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return frozenset(covered or ())


def check_glyphs(issue: Issue) -> list[str]:
    """Return a warning for each character of the issue's text that the project's fonts lack."""
    chars = font_chars()
    warnings: list[str] = []
    for article in issue.articles:
        warnings += _article_warnings(article, chars)
    return warnings


def _article_warnings(article: Article, chars: frozenset[int]) -> list[str]:
    """Check one article's text after typesetting, as it will be set."""
    texts = [article.rubric, article.headline, article.subhead, article.source, article.byline, article.body,
             *(t for image in article.images for t in (image.caption, image.credit))]
    missing: dict[str, None] = {}
    for text in filter(None, texts):
        for char in typeset(text):
            if char not in IGNORED and ord(char) not in chars:
                missing.setdefault(char)
    if not missing:
        return []
    source = article.file.read_text(encoding="utf-8-sig")
    out = []
    for char in missing:
        line = next((n for n, row in enumerate(source.splitlines(), 1) if char in row), 1)
        name = unicodedata.name(char, "unnamed")
        out.append(f"{display_path(article.file)}:{line}: U+{ord(char):04X} {name} «{char}» in article "
                   f'"{article.id}": no project font has this character; it would print as an empty box')
    return out
