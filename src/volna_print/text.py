"""Article text to HTML: Markdown, Russian typography, and the dates the furniture prints."""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from .typography import typeset, typeset_html

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")
WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
NBSP = "\u00a0"
CAPS_RE = re.compile(r"\b[А-ЯЁA-Z]{2,}(?:-[А-ЯЁA-Z]{2,})*\b")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """Return the Markdown parser: CommonMark, raw HTML escaped, no remote images."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # Pictures go through the front matter, where they are checked; an inline image would bypass that.
    md.disable(["image", "html_block", "html_inline"])
    # Paper has no links: their text is printed, the address is not turned into a file:// link.
    md.renderer.rules["link_open"] = md.renderer.rules["link_close"] = lambda *_: ""
    return md


def body_blocks(markdown: str) -> list[Markup]:
    """Return the typeset blocks of an article body (a fresh list; the work is cached)."""
    return list(_body_blocks(markdown))


@lru_cache(maxsize=1024)
def _body_blocks(markdown: str) -> tuple[Markup, ...]:
    """Render an article body to its top-level blocks (paragraphs, subheads, lists…), each typeset.

    Blocks are kept apart so that a jump can split the text between two frames at a block, and inside it
    at a word; each carries its index as data-b so the laid-out boxes can be traced back to it.
    """
    md = _markdown()
    tokens = md.parse(markdown)
    blocks: list[Markup] = []
    start = 0
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting == 1:
            token.attrSet("data-b", str(len(blocks)))
            start = index
        if token.level == 0 and token.nesting in (-1, 0):
            html_text = md.renderer.render(tokens[start if token.nesting == -1 else index:index + 1],
                                           md.options, {})
            blocks.append(Markup(keep_caps_whole(typeset_html(html_text))))
    return tuple(blocks)


def keep_caps_whole(fragment: str) -> str:
    """Wrap words in capitals (ИННОПРОМ, names set in caps) so that they are never hyphenated."""
    parts = re.split(r"(<[^>]*>)", fragment)
    for index in range(0, len(parts), 2):  # even parts are text between tags
        parts[index] = CAPS_RE.sub(r'<span class="caps">\g<0></span>', parts[index])
    return "".join(parts)


@lru_cache(maxsize=4096)
def line(text: str | None) -> Markup:
    """Typeset one line of plain text (headline, caption, byline) and escape it for HTML."""
    if not text:
        return Markup("")
    return Markup(html.escape(typeset(text), quote=False))


def date_long(day: dt.date) -> str:
    """Return «30 июля 2025 г.» with non-breaking spaces."""
    return f"{day.day}{NBSP}{MONTHS[day.month - 1]} {day.year}{NBSP}г."


def weekday(day: dt.date) -> str:
    """Return the Russian weekday: «среда»."""
    return WEEKDAYS[day.weekday()]


def moment(value: dt.datetime) -> str:
    """Return a signed-to-print time as the imprint prints it: «29.07.2025 в 18:00»."""
    return f"{value:%d.%m.%Y} в{NBSP}{value:%H:%M}"


def issue_number(number: int, total: int | None) -> str:
    """Return «№ 31 (10245)»."""
    text = f"№{NBSP}{number}"
    return f"{text} ({group_digits(total)})" if total else text


def group_digits(value: int) -> str:
    """Group digits of numbers from five digits up with non-breaking spaces, as Russian print does."""
    text = str(value)
    if len(text) < 5:
        return text
    return f"{value:,}".replace(",", NBSP)
