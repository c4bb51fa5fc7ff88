"""Word articles: a .docx is converted by mammoth to HTML, and that HTML to our Markdown article.

Why through HTML and our own small block model rather than mammoth's Markdown output: mammoth's Markdown
writer drops tables and escapes differently from CommonMark, and its HTML is the well-kept output. Only the
elements listed here are read (paragraphs, headings, bold, italic, lists, tables, footnotes, pictures, links);
anything else keeps its text and loses its markup. The Markdown produced then goes through exactly the
pipeline a typed article does — the loader's checks and the typographer — so a «<script>» typed in Word is
refused like one typed in Markdown, and `volna-print import` shows the editor the very text that is built.

Front matter comes from the first paragraphs when they read «Рубрика: …», «Заголовок: …», «Подзаголовок: …»
(or «Лид: …»), «Автор: …», «Источник: …»; without «Заголовок:» a heading before any text is the headline
(the labels may come before or after it). Embedded
pictures are written to the issue's images/ folder as <article>-<n>.<ext> and listed under images:, in order;
a paragraph right after a picture that starts «Подпись:» is its caption and one that starts «Фото:» its credit.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from ..i18n import _

FRONT_LABELS = {"рубрика": "rubric", "заголовок": "headline", "подзаголовок": "subhead", "лид": "subhead",
                "автор": "byline", "источник": "source"}
LABEL_RE = re.compile(r"^\s*([А-ЯЁа-яё]+)\s*:\s*(.+?)\s*$", re.DOTALL)
CAPTION_RE = re.compile(r"^\s*(Подпись|Фото)\s*:\s*(.+?)\s*$", re.DOTALL | re.IGNORECASE)
IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/x-emf": ".emf",
               "image/x-wmf": ".wmf", "image/tiff": ".tif", "image/bmp": ".bmp", "image/svg+xml": ".svg"}
INLINE_ESCAPE = re.compile(r"([\\`*_\[\]|])")
LINE_START = re.compile(r"^(\s*)(#{1,6}\s|>|[+*]\s|\d+[.)]\s|=+\s*$)")
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"}


class WordError(Exception):
    """A Word file that cannot be read."""


@dataclass
class Node:
    """An element of mammoth's HTML."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)


class _Tree(HTMLParser):
    """Build a Node tree from mammoth's (well-formed) HTML."""

    VOID = {"img", "br", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def convert(path: Path, root: Path, stem: str) -> str:
    """Return the Markdown article (front matter and body) of a Word file; write its pictures to root/images."""
    import mammoth

    pictures: list[tuple[str, bytes]] = []

    def keep_image(image: Any) -> dict[str, str]:
        with image.open() as stream:
            data = stream.read()
        suffix = IMAGE_TYPES.get(image.content_type, "." + image.content_type.rsplit("/", 1)[-1])
        name = f"images/{stem}-{len(pictures) + 1}{suffix}"
        pictures.append((name, data))
        return {"src": name}

    try:
        with path.open("rb") as handle:
            result = mammoth.convert_to_html(handle, convert_image=mammoth.images.img_element(keep_image),
                                             external_file_access=False)
    except Exception as exc:  # noqa: BLE001 - a damaged .docx fails anywhere inside zipfile or the XML reader
        raise WordError(_("not a readable Word document ({error}); open it in Word and save it again as .docx").format(
            error=f"{type(exc).__name__}: {exc}")) from exc
    for name, data in pictures:
        _write_if_changed(root / name, data)
    tree = _Tree()
    tree.feed(result.value)
    tree.close()
    return _article(tree.root)


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write a picture unless the same bytes are there already (a rebuild must not touch its mtime)."""
    if path.is_file() and hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(data).digest():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    partial.replace(path)


def _text(node: Node | str) -> str:
    """Return the plain text of a node."""
    if isinstance(node, str):
        return node
    return "".join(_text(child) for child in node.children)


def _article(root: Node) -> str:
    """Turn the tree into front matter and Markdown blocks."""
    front: dict[str, Any] = {}
    blocks: list[str] = []
    images: list[dict[str, str]] = []
    notes: list[str] = []
    leading = True
    for node in root.children:
        if isinstance(node, str):
            if node.strip():
                blocks.append(_escape_block(node.strip()))
            continue
        pics = [n for n in _walk(node) if n.tag == "img"]
        text = " ".join(_text(node).split())
        label = LABEL_RE.match(text) if node.tag == "p" and not pics else None
        key = FRONT_LABELS.get(label[1].lower()) if label else None
        if leading and key:
            front[key] = label[2] if label else ""
            continue
        if node.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and "headline" not in front and not blocks:
            front["headline"] = text  # labels may still follow the headline: «Подзаголовок: …»
            continue
        leading = False
        caption = CAPTION_RE.match(text) if node.tag == "p" and images and not pics else None
        if caption and blocks[-1:] == ["\0picture"]:
            images[-1]["caption" if caption[1].lower() == "подпись" else "credit"] = (
                caption[2] if caption[1].lower() == "подпись" else f"Фото: {caption[2]}")
            continue
        if pics:
            for pic in pics:
                entry = {"file": pic.attrs.get("src", "")}
                if pic.attrs.get("alt", "").strip():
                    entry["caption"] = " ".join(pic.attrs["alt"].split())
                images.append(entry)
            blocks.append("\0picture")
            if not text:
                continue
        if node.tag == "ol" and any(isinstance(li, Node) and li.attrs.get("id", "").startswith(("footnote-",
                                    "endnote-")) for li in node.children):
            notes += _notes(node)
            continue
        blocks.append(_block(node))
    if images:
        front["images"] = images
    body = "\n\n".join(b for b in [*blocks, *notes] if b and b != "\0picture")
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n{body}\n"


def _walk(node: Node) -> list[Node]:
    """Return a node and all its descendant elements."""
    out = [node]
    for child in node.children:
        if isinstance(child, Node):
            out += _walk(child)
    return out


def _block(node: Node, depth: int = 0) -> str:
    """Render one block element as Markdown."""
    tag = node.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "## " + _inline(node).strip()
    if tag in ("ul", "ol"):
        return _list(node, depth)
    if tag == "table":
        return _table(node)
    if tag == "blockquote":
        return "\n".join("> " + line for line in "\n\n".join(_block(c) for c in node.children
                                                                if isinstance(c, Node)).split("\n"))
    return _escape_block(_inline(node).strip())


def _escape_block(text: str) -> str:
    """Keep a paragraph's first characters from being read as Markdown block syntax (but not «- », dialogue)."""
    return LINE_START.sub(lambda m: m[1] + "\\" + m[2], text)


def _list(node: Node, depth: int) -> str:
    """Render a list; bullets are «* » because «- » opens a line of dialogue."""
    lines = []
    number = 1
    for item in node.children:
        if not isinstance(item, Node) or item.tag != "li":
            continue
        marker = f"{number}. " if node.tag == "ol" else "* "
        number += 1
        inline = Node("li", {}, [c for c in item.children if not (isinstance(c, Node) and c.tag in ("ul", "ol"))])
        lines.append("   " * depth + marker + _inline(inline).strip())
        for sub in item.children:
            if isinstance(sub, Node) and sub.tag in ("ul", "ol"):
                lines.append(_list(sub, depth + 1))
    return "\n".join(lines)


def _table(node: Node) -> str:
    """Render a table; the first row is the header, as a Markdown table needs one."""
    rows = [[" ".join(_inline(cell).split()) or " " for cell in row.children
             if isinstance(cell, Node) and cell.tag in ("td", "th")]
            for row in _walk(node) if row.tag == "tr"]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [" "] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])


def _notes(node: Node) -> list[str]:
    """Render footnotes as closing paragraphs «[1] Текст.», without Word's back-links."""
    out = []
    for number, item in enumerate((c for c in node.children if isinstance(c, Node)), 1):
        text = " ".join(_inline(item).split())
        out.append(f"\\[{number}\\] {text}")
    return out


def _inline(node: Node | str) -> str:
    """Render inline content: bold, italic, links, breaks; text escaped for Markdown."""
    if isinstance(node, str):
        return INLINE_ESCAPE.sub(r"\\\1", node.replace("\n", " "))
    tag = node.tag
    if tag == "a" and node.attrs.get("href", "").startswith("#footnote-ref") or tag == "a" and node.attrs.get(
            "href", "").startswith("#endnote-ref"):
        return ""  # the back-link «↑» of a footnote
    if tag == "img":
        return ""
    if tag == "br":
        return "\\\n"
    inner = "".join(_inline(child) for child in node.children)
    if tag in ("strong", "b", "em", "i"):
        mark = "**" if tag in ("strong", "b") else "*"
        core = inner.strip()
        if not core:
            return inner
        lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
        return f"{lead}{mark}{core}{mark}{trail}"  # Word's «жирный » keeps its space outside the marks
    if tag == "a":
        href = node.attrs.get("href", "")
        if href.startswith(("#footnote-", "#endnote-")):
            return inner  # «[1]», already escaped
        if href and not href.startswith("#"):
            return f"[{inner}]({html.unescape(href).replace(' ', '%20')})"
    return inner
