"""Glyph coverage: every character of the issue must be in the font that sets it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from .i18n import N_, _
from .manifest.model import Article, Issue
from .manifest.source import display_path
from .pdf import FONTS_DIR
from .typography import typeset

# Characters that never reach a font: line breaks, and the soft hyphen WeasyPrint handles itself.
IGNORED = set("\n\r\t\u00ad")
# The face files each part of an article is set in (layouts/volna/css/volna.css); a character must be
# in every face of the family, since emphasis may switch to italic or bold anywhere.
ROLES = {
    "body": ("pt/PTSerif-Regular.ttf", "pt/PTSerif-Italic.ttf", "pt/PTSerif-Bold.ttf", "pt/PTSerif-BoldItalic.ttf"),
    "headline": ("pt/PTSansNarrow-Bold.ttf",),
    "label": ("pt/PTSans-Regular.ttf", "pt/PTSans-Bold.ttf", "pt/PTSans-Italic.ttf"),
    "masthead": ("roboto-slab/RobotoSlab-Bold.otf",),
}
# How a warning names a role's font: «the masthead's font»
ROLE_NAMES = {"body": N_("the body text's"), "headline": N_("the headlines'"), "label": N_("the labels'"),
              "masthead": N_("the masthead's")}


@lru_cache(maxsize=16)
def role_chars(role: str, folder: Path = FONTS_DIR) -> frozenset[int]:
    """Return the code points that every face of a role covers."""
    covered: set[int] | None = None
    for name in ROLES[role]:
        with TTFont(folder / name, lazy=True) as font:
            cmap = set(font.getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return frozenset(covered or ())


def check_glyphs(issue: Issue) -> list[str]:
    """Return a warning for each character of the issue's text that its font lacks."""
    warnings: list[str] = []
    for article in issue.articles:
        warnings += _article_warnings(article)
    paper = issue.paper
    furniture = [("masthead", paper.name), ("label", paper.subtitle), *(("label", v) for v in paper.contacts.values()),
                 ("label", issue.weather or ""), ("label", issue.price)]
    for role, text in furniture:
        for char in _missing(typeset(text), role):
            warnings.append(_("{file}: {char} in «{text}»: {role} font has no such character; it would print "
                              "as an empty box").format(file=display_path(paper.folder / "paper.yaml"),
                                                        char=_name(char), text=text, role=_(ROLE_NAMES[role])))
    return warnings


def _article_warnings(article: Article) -> list[str]:
    """Check one article's text after typesetting, each part against its own font."""
    parts = [("label", article.rubric), ("headline", article.headline), ("label", article.subhead),
             ("body", article.source), ("label", article.byline), ("body", article.body),
             *(("label", t) for image in article.images for t in (image.caption, image.credit))]
    missing: dict[str, None] = {}
    for role, text in parts:
        for char in _missing(typeset(text or ""), role):
            missing.setdefault(char)
    if not missing:
        return []
    source = article.file.read_text(encoding="utf-8-sig")
    out = []
    for char in missing:
        line = next((n for n, row in enumerate(source.splitlines(), 1) if char in row), 1)
        out.append(_("{file}:{line}: {char} in article «{id}»: its font has no such character; it would print as "
                     "an empty box — replace it or ask for a font that has it").format(
            file=display_path(article.file), line=line, char=_name(char), id=article.id))
    return out


def _missing(text: str, role: str) -> list[str]:
    """Return the characters of text that the role's font lacks, in order of first use."""
    chars = role_chars(role)
    return list(dict.fromkeys(c for c in text if c not in IGNORED and ord(c) not in chars))


def _name(char: str) -> str:
    """Return «U+2010 HYPHEN «‐»»."""
    name = unicodedata.name(char, "") or _("unnamed")
    return f"U+{ord(char):04X} {name} «{char}»"
