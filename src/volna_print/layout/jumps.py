"""Jumps: an article's text flows from its first frame into a frame on another page.

The first frame is set at its real size in a probe document; the first line that lands beyond its columns
tells where the text breaks (the block, and the word inside it). The text is split there: the first frame
ends with «Продолжение на стр. N», the second starts with «Начало на стр. P» and the headline again.
"""

from __future__ import annotations

import copy
import html
import re
from html.parser import HTMLParser

from markupsafe import Markup

from ..manifest.model import Issue
from ..pdf import render
from ..render import get_env
from .frames import ArticleFrame

SHORT_HEADLINE = 48  # characters of the headline repeated over the continuation
VOID = {"br", "hr", "img", "wbr"}
# A word runs to the next breakable space: U+00A0 binds words (и\u00a0велосипеды), so a jump never
# splits them, just as WeasyPrint never breaks a line there.
WORD_RE = re.compile(r"[^ \t\n\r\f\v]+")


def split_point(issue: Issue, frame: ArticleFrame) -> tuple[int, int] | None:
    """Return (block, words that fit) where the frame's text breaks, or None when it all fits."""
    from .boxes import find_block  # the one module allowed to read WeasyPrint's boxes

    probe = copy.copy(frame)
    probe.key, probe.balance = "jump-probe", False
    env = get_env(issue.paper)
    page_html = env.get_template("measure.html").render(frames=[probe], line_mm=frame.line_mm)
    page_css = "@page { size: 400mm 2000mm; margin: 0; } .page { position: relative; height: 2000mm; }"
    document, _ = render(page_html, issue.root, issue.paper, page_css)
    lines = find_block(document, "columns-jump-probe", frame.columns)
    if lines is None:
        return None
    block, inside = lines
    source = block_words(frame.blocks[block])
    return block, count_fitting_words(inside, source)


def count_fitting_words(lines: list[str], source: list[str]) -> int:
    """Return how many whole words of the source the laid-out lines hold (hyphenated halves rejoined)."""
    done, carry = 0, ""
    for line in lines:
        for token in WORD_RE.findall(line):
            if carry:
                joined = [carry[:-1] + token, carry + token]
                carry = ""
                if done < len(source) and source[done] in joined:
                    done += 1
                    continue
            if done < len(source) and token == source[done]:
                done += 1
            elif token.endswith("-") and done < len(source) and source[done].startswith(token[:-1]):
                carry = token  # the word goes on at the next line: count it only when it ends
            else:
                done += 1  # an unexpected token: keep counting so the split stays close
    return min(done, len(source))


def block_words(block: str) -> list[str]:
    """Return the words of a block's text as they are set."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", block))
    return WORD_RE.findall(text)


class _Splitter(HTMLParser):
    """Split an HTML fragment after so many words, closing and reopening the open tags."""

    def __init__(self, words: int) -> None:
        super().__init__(convert_charrefs=False)
        self.limit, self.count = words, 0
        self.first: list[str] = []
        self.rest: list[str] = []
        self.stack: list[tuple[str, str]] = []
        self.split_stack: list[tuple[str, str]] | None = None

    def _out(self) -> list[str]:
        return self.first if self.split_stack is None else self.rest

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}>"
        self._out().append(raw)
        if tag not in VOID:
            self.stack.append((tag, raw))

    def handle_endtag(self, tag: str) -> None:
        self._out().append(f"</{tag}>")
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_data(self, data: str) -> None:
        if self.split_stack is not None:
            self.rest.append(data)
            return
        start = 0
        for match in WORD_RE.finditer(data):
            if self.count == self.limit:
                self.first.append(data[start:match.start()].rstrip())
                self._split()
                self.rest.append(data[match.start():])
                return
            self.count += 1
            self.first.append(data[start:match.end()])
            start = match.end()
        self.first.append(data[start:])

    def _split(self) -> None:
        """Close the open tags in the first part and reopen them in the second."""
        self.split_stack = list(self.stack)
        self.first += [f"</{tag}>" for tag, _ in reversed(self.stack)]
        self.rest += [raw for _, raw in self.stack]


def split_block(block: str, words: int) -> tuple[str, str]:
    """Split a block's HTML after so many words; the second part is marked as a continuation."""
    splitter = _Splitter(words)
    splitter.feed(block)
    splitter.close()
    first, rest = "".join(splitter.first), "".join(splitter.rest)
    first = re.sub(r"^(\s*<\w+)", r'\1 class="split"', first, count=1)
    rest = re.sub(r"^(\s*<\w+)", r'\1 class="cont"', rest, count=1) if rest.strip() else ""
    return first, rest


def short_headline(text: str) -> str:
    """Return the headline shortened at a word for the top of a continuation."""
    if len(text) <= SHORT_HEADLINE:
        return text
    cut = text[:SHORT_HEADLINE].rsplit(" ", 1)[0].rstrip(",:;—–- ")
    return cut + "…"


def apply_split(first: ArticleFrame, second: ArticleFrame, block: int, words: int) -> None:
    """Give each frame its part of the text."""
    blocks = list(first.blocks)
    head, tail = split_block(str(blocks[block]), words) if words else ("", str(blocks[block]))
    first.blocks = [*blocks[:block], Markup(head)] if head else blocks[:block]
    second.blocks = [Markup(tail), *blocks[block + 1:]] if tail else blocks[block + 1:]
    first.byline = first.source = Markup("")
    second.body_images, first.body_images = first.body_images, []
    second.lead_image = None
