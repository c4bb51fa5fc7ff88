"""Check an article's Markdown body before it is typeset: what cannot be printed is reported at its line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it.token import Token

from ..i18n import _
from ..text import CONTAINERS, markdown_parser
from .source import Mark, Problems

# A text column is about 50 mm wide; in the table's 7.5 pt sans that is about 34 characters, less the
# padding of each cell (about two characters). Wider tables are squeezed until words stick out.
COLUMN_CHARS = 34
CELL_PADDING = 2
MAX_TABLE_COLUMNS = 4
SHOWN = 40  # characters of a found snippet echoed in a message
WEB = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:|//)", re.IGNORECASE)
TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
STRAY_CONTAINER = re.compile(r"^:{3,}\s*(\S*)")


@dataclass(frozen=True)
class Body:
    """Where an article body sits in its file, for messages."""

    path: str
    first_line: int  # 1-based line of the body's first line in the file
    lines: list[str]

    def mark(self, line: int, snippet: str = "") -> Mark:
        """Return the mark of a 0-based body line, at the column where snippet starts on it."""
        text = self.lines[line] if 0 <= line < len(self.lines) else ""
        col = text.find(snippet) + 1 if snippet and snippet in text else len(text) - len(text.lstrip()) + 1
        return Mark(self.path, self.first_line + line, col)


def check_body(markdown: str, path: str, first_line: int, problems: Problems) -> None:
    """Report raw HTML, pictures, addresses that would not print, unknown boxes and over-wide tables."""
    body = Body(path, first_line, markdown.split("\n"))
    tokens = markdown_parser(detect=True).parse(markdown)
    for index, token in enumerate(tokens):
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            _raw_html(body, line, token.content, problems)
        elif token.type == "table_open":
            _table(body, line, tokens, index, problems)
        elif token.type == "inline":
            _inline(body, line, token, problems)


def _short(text: str) -> str:
    """Shorten a found snippet for a message, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _raw_html(body: Body, line: int, found: str, problems: Problems) -> None:
    """Report a piece of raw HTML."""
    snippet = found.strip()
    name = TAG_NAME.match(snippet)
    what = f"<{name[1].lower()}>" if name else _("an HTML comment") if snippet.startswith("<!--") else "HTML"
    advice = (_("a picture goes under images: in the front matter") if what == "<img>" else
              _("write the text itself; bold is **…**, italic *…*, a table | … |"))
    shown = f" ({_short(snippet)})" if snippet.lower() != what.lower() else ""
    problems.error(body.mark(line, snippet[:20]), "", _(
        "raw HTML {what} in the text{shown}: it would be printed as literal tags; remove it ({advice})").format(
        what=what, shown=shown, advice=advice))


def _children(body: Body, line: int, token: Token) -> Iterator[tuple[int, Token]]:
    """Yield the inline children of a block with the 0-based body line each starts on."""
    for child in token.children or []:
        yield line, child
        if child.type in ("softbreak", "hardbreak"):
            line += 1


def _inline(body: Body, first: int, token: Token, problems: Problems) -> None:
    """Check the inline content of one block."""
    stray = STRAY_CONTAINER.match(token.content)
    if stray:
        block = f"::: {stray[1]}" if stray[1] else _("::: without a name")
        known = _(" or ").join(f"::: {c}" for c in CONTAINERS)
        problems.error(body.mark(first, ":::"), "", _(
            'unknown block "{name}" (or a ":::" with nothing to close); use {known} Заголовок, and close it with a '
            'line ":::"').format(name=block, known=known))
    opened: set[str] = set()
    for line, child in _children(body, first, token):
        if child.type == "html_inline":
            name = TAG_NAME.match(child.content)
            tag = name[1].lower() if name else ""
            if not (child.content.startswith("</") and tag in opened):  # <b>…</b> is one problem, not two
                _raw_html(body, line, child.content, problems)
            opened.add(tag)
        elif child.type == "image":
            _picture(body, line, child, problems)
        elif child.type == "link_open":
            _link(body, line, child, problems)


def _picture(body: Body, line: int, token: Token, problems: Problems) -> None:
    """Report a picture in the body: pictures are listed in the front matter, where they are checked."""
    src = str(token.attrGet("src") or "")
    mark = body.mark(line, src or "![")
    if src.lower().startswith("file:"):
        problems.error(mark, "", _('a picture with a "file:" address ({address}) is not printed: copy the file into '
                                   "the issue's images/ folder and list it under images: in the front matter").format(
            address=_short(src)))
    elif WEB.match(src):
        problems.error(mark, "", _("a picture from the web ({address}) is not printed: download it into the issue's "
                                   "images/ folder and list it under images: in the front matter").format(
            address=_short(src)))
    else:
        problems.error(mark, "", _("a picture in the text ({address}) is not printed: list it under images: in the "
                                   "front matter (- file: {file})").format(
            address=_short(src), file=_short(src) or "images/….jpg"))


def _link(body: Body, line: int, token: Token, problems: Problems) -> None:
    """Report a link whose address would be lost on paper, or that points at a local file."""
    href = str(token.attrGet("href") or "")
    if token.markup == "autolink" and not href.lower().startswith("file:"):
        return  # <https://volna.ru>: the address is the text, and it is printed
    mark = body.mark(line, href or "[")
    if href.lower().startswith("file:"):
        problems.error(mark, "", _('a link to a "file:" address ({address}) cannot be printed; remove it and keep '
                                   "its text").format(address=_short(href)))
    elif WEB.match(href) or href.startswith("www."):
        problems.error(mark, "", _("a link's address ({address}) is not printed on paper, only its text; write the "
                                   "address into the text if readers need it, and remove the [ ]( )").format(
            address=_short(href)))


def _table(body: Body, line: int, tokens: list[Token], start: int, problems: Problems) -> None:
    """Warn about a table too wide for a text column of about 50 mm."""
    rows: list[list[str]] = []
    for token in tokens[start:]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(token.content)
    columns = max((len(row) for row in rows), default=0)
    longest = [max((len(word) for row in rows if i < len(row) for word in row[i].split()), default=0)
               for i in range(columns)]
    need = sum(longest) + CELL_PADDING * columns
    mark = body.mark(line)
    if columns > MAX_TABLE_COLUMNS:
        problems.warn(mark, "", _("a table of {columns} columns is too wide for a text column (about 50 mm, {most} "
                                  "columns at most); split it, or drop a column").format(
            columns=columns, most=MAX_TABLE_COLUMNS))
    elif need > COLUMN_CHARS:
        widest = max(range(columns), key=lambda i: longest[i])
        problems.warn(mark, "", _("this table needs about {need} characters a row (its longest words and cell "
                                  "padding), more than the {room} a text column holds, so words will stick out; "
                                  "shorten column {column} (its longest word has {letters} letters)").format(
            need=need, room=COLUMN_CHARS, column=widest + 1, letters=longest[widest]))
