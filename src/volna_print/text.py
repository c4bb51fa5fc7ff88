"""Article text to HTML: Markdown, Russian typography, and the dates the furniture prints."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.paragraph import paragraph
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from markupsafe import Markup
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.utils import is_code_block

from .composer import balance, fill_head
from .typography import typeset, typeset_html
from .units import PT_PER_MM

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")
WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
NBSP = "\u00a0"
CAPS_RE = re.compile(r"\b[А-ЯЁA-Z]{2,}(?:-[А-ЯЁA-Z]{2,})*\b")


DIALOGUE_RE = re.compile(r"[-–—][ \t]+\S")  # «- Ответ», «– Ответ», «— Ответ»: a line of dialogue
CONTAINERS = ("pullquote", "box")  # ::: pullquote … ::: and ::: box Справка … :::


def dialogue(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Read a paragraph that opens with a dash and a space as a line of dialogue, never as a list item.

    Interviews are typed «- Вопрос» / «- Ответ»; Russian print sets these as paragraphs opened by an em dash.
    Lists are written with «* », «+ » or «1.». The rule also ends a paragraph, so consecutive lines of
    dialogue are paragraphs of their own, as `volna-print typeset` sets them line by line.
    """
    if is_code_block(state, start):
        return False
    begin = state.bMarks[start] + state.tShift[start]
    if not DIALOGUE_RE.match(state.src, begin, state.eMarks[start]):
        return False
    if silent:
        return True
    found = bool(paragraph(state, start, end, False))
    inline = state.tokens[-2]
    inline.content = "—" + inline.content[1:]  # the typographer then binds the dash to its first word
    return found


def _render_container(name: str) -> Callable[..., str]:
    """Render ::: pullquote as <blockquote class="pullquote">, ::: box Title as <aside class="box">."""
    tag = "blockquote" if name == "pullquote" else "aside"

    def render(self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: dict) -> str:
        token = tokens[idx]
        if token.nesting == -1:
            return f"</{tag}>\n"
        token.tag = tag
        token.attrJoin("class", "pullquote" if name == "pullquote" else "box")
        title = token.info.strip()[len(name):].strip()
        head = f'<p class="box-title">{html.escape(title, quote=False)}</p>\n' if title else ""
        return self.renderToken(tokens, idx, options, env) + head

    return render


@lru_cache(maxsize=2)
def markdown_parser(detect: bool = False) -> MarkdownIt:
    """Return the Markdown parser: CommonMark with tables, dialogue and boxes; no raw HTML, no pictures.

    With detect, raw HTML and pictures are parsed instead of escaped, so the loader can report them at
    their line (manifest/body.py); the rendering parser never lets them through even if a check is missed.
    """
    md = MarkdownIt("commonmark", {"html": detect, "linkify": False, "typographer": False})
    md.enable("table")
    md.block.ruler.before("list", "dialogue", dialogue, {"alt": ["paragraph", "reference", "blockquote"]})
    for name in CONTAINERS:
        container_plugin(md, name, render=_render_container(name))
    if detect:
        md.validateLink = lambda url: True  # type: ignore[method-assign]  # find file: and data: too, to report them
    else:
        # Pictures go through the front matter, where they are checked; an inline image would bypass that.
        md.disable(["image", "html_block", "html_inline"])
    # Paper has no links: their text is printed, the address is not turned into a file:// link.
    rules = md.renderer.rules  # type: ignore[attr-defined]  # markdown-it's protocol type omits the HTML renderer's rules
    rules["link_open"] = rules["link_close"] = lambda *_: ""
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
    md = markdown_parser()
    tokens = md.parse(markdown)
    blocks: list[Markup] = []
    start = 0
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            token.attrJoin("class", "table")
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


HEAD_WHITE = 0.85  # white beside a head's line stays under this share of a column: with a gutter, under a blank's width
HEAD_TIE_CHARS = 16  # the last two words of a head tied only while they fit the narrowest head's line


def head_line(text: str | None) -> Markup:
    """Typeset a headline or a subhead so that its last line is never one word alone.

    The typographer already ties a preposition to its word; here a lone last word is tied to the one
    before it, when the two are short enough for a one-column head (a longer pair would stick out).
    """
    if not text:
        return Markup("")
    words = typeset(text).split(" ")
    if len(words) > 1 and NBSP not in words[-1] and len(words[-2]) + 1 + len(words[-1]) <= HEAD_TIE_CHARS:
        words[-2:] = [f"{words[-2]}{NBSP}{words[-1]}"]
    return Markup(html.escape(" ".join(words), quote=False))


def balanced_head(text: str | None, width_mm: float, size_pt: float, column_mm: float) -> Markup:
    """Typeset a headline broken between phrases at its width and size (composer.balance), with no line
    short of the head by HEAD_WHITE of a column (column_mm) where the words allow it.

    Where balancing cannot help (one line, a word wider than the head) the headline is left to
    WeasyPrint with its lone last word tied, as head_line does.
    """
    if not text:
        return Markup("")
    em = PT_PER_MM / size_pt
    floor = max(0.0, width_mm - HEAD_WHITE * column_mm) * em
    lines = balance(tuple(typeset(text).split(" ")), width_mm * em, floor)
    if lines is None:
        return head_line(text)
    return Markup("<br>".join(html.escape(part, quote=False) for part in lines))


def fitted_head(text: str | None, width_mm: float, sizes: tuple[float, ...], column_mm: float) -> tuple[float, Markup]:
    """Return the size and lines of a headline that fills its span: the first of sizes (best first) at which
    no line is short of the head by HEAD_WHITE of a column; else the first size, balanced.

    A short head over a wide span leaves a hole beside it a column wide and as tall as the head; a
    layout editor sets it larger, or a two-line head that would leave white beside both lines smaller, in
    one line.
    """
    if not text:
        return sizes[0], Markup("")
    words = tuple(typeset(text).split(" "))
    for size in sizes:
        em = PT_PER_MM / size
        lines = fill_head(words, width_mm * em, max(0.0, width_mm - HEAD_WHITE * column_mm) * em)
        if lines is not None:
            return size, Markup("<br>".join(html.escape(part, quote=False) for part in lines))
    return sizes[0], balanced_head(text, width_mm, sizes[0], column_mm)


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
