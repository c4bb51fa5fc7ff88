"""Compose the issue's PDF: each page's furniture, with the articles' column pages laid onto it.

Every furniture page and every text's column pages are joined into one WeasyPrint document and written
once (fonts are subset once for the issue). pikepdf then draws each placed column page onto its
newspaper page as a form XObject — vector text that stays text — and deletes the column pages. The
pages a text did not reach in its placed columns (its overset) are deleted with them: text that does not
fit is not in the file at all.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

import pikepdf
import pypdfium2

from .errors import BuildError
from .layout.engine import Layout
from .layout.flows import FrameFit
from .manifest.model import Issue
from .pdf import render_pages
from .render import render_issue
from .setting import WeasySetter
from .units import PT_PER_MM

HYPHEN_BREAK = re.compile(r"-\r?\n(?=[a-zа-яё])")
CUT_WORDS = 5  # words shown each side of where an overset text is cut


@dataclass
class Composed:
    """The issue's PDF and WeasyPrint's warnings."""

    data: bytes
    messages: list[str]


def compose(issue: Issue, layout: Layout, setter: WeasySetter) -> Composed:
    """Return the issue's PDF: furniture pages with every placed column laid onto them."""
    furniture, messages = render_pages(render_issue(issue, layout.pages), issue.root, issue.paper)
    pages = list(furniture.pages)
    placements: list[tuple[int, int, Any]] = []  # (newspaper page index, joined page index, column rect)
    tails: list[tuple[FrameFit, int, int]] = []  # (last part's fit, its last placed page, first unplaced page)
    for flow in layout.flows:
        if not flow.parts:
            continue
        document = setter.document(flow.spec())
        offset = len(pages)
        pages += document.pages
        index = 0
        for part in flow.parts:
            for column in part.columns_list:
                if index < len(document.pages):
                    placements.append((part.page - 1, offset + index, column.rect))
                index += 1
        fit = next((f for f in layout.fits if f.frame is flow.parts[-1]), None)
        if fit is not None and fit.overset_lines:
            tails.append((fit, offset + index - 1, offset + index))
    try:
        data = furniture.copy(pages).write_pdf()
    except Exception as exc:  # WeasyPrint has no error hierarchy of its own
        raise BuildError(f"WeasyPrint could not write the PDF: {exc}; nothing was written") from exc
    read_cuts(data, tails)
    return Composed(_overlay(data, len(furniture.pages), placements, issue.paper.height), messages + setter.messages)


def _overlay(data: bytes, count: int, placements: list[tuple[int, int, Any]], height_mm: float) -> bytes:
    """Draw the column pages onto their newspaper pages, then delete every column page.

    Each column page becomes a form XObject named by its place (/Col<page>_<n>), so the file is the same
    byte for byte from build to build (pikepdf's add_overlay picks random names).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        drawn: dict[int, list[bytes]] = {}
        for target, source, rect in placements:
            page = pdf.pages[target]
            column = pdf.pages[source]
            name = pikepdf.Name(f"/Col{target + 1}_{len(drawn.get(target, [])) + 1}")
            if "/Resources" not in page.obj:
                page.obj.Resources = pikepdf.Dictionary()
            if "/XObject" not in page.obj.Resources:
                page.obj.Resources.XObject = pikepdf.Dictionary()
            page.obj.Resources.XObject[name] = column.as_form_xobject()
            box = column.mediabox
            scale_x = rect.w * PT_PER_MM / float(box[2] - box[0])
            scale_y = rect.h * PT_PER_MM / float(box[3] - box[1])
            left, bottom = rect.x * PT_PER_MM, (height_mm - rect.y - rect.h) * PT_PER_MM
            drawn.setdefault(target, []).append(
                f"q {scale_x:.6f} 0 0 {scale_y:.6f} {left:.4f} {bottom:.4f} cm {name} Do Q\n".encode())
        for target, commands in sorted(drawn.items()):
            page = pdf.pages[target]
            page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)  # the furniture's state stays its own
            page.contents_add(pikepdf.Stream(pdf, b"Q\n" + b"".join(commands)))
        while len(pdf.pages) > count:
            del pdf.pages[-1]
        out = io.BytesIO()
        pdf.remove_unreferenced_resources()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def read_cuts(data: bytes, tails: list[tuple[FrameFit, int, int]]) -> None:
    """Read, from the written column pages, where each overset text is cut and how much is lost."""
    if not tails:
        return
    pdf = pypdfium2.PdfDocument(data)
    try:
        for fit, last, first_lost in tails:
            lost = _page_text(pdf, first_lost) if first_lost < len(pdf) else ""
            kept = _page_text(pdf, last) if last >= 0 else ""
            fit.overset_chars = len(" ".join(lost.split()))
            fit.last_fitting = " ".join(_words(kept)[-CUT_WORDS:])
            fit.first_overset = " ".join(_words(lost)[:CUT_WORDS])
    finally:
        pdf.close()


def _words(text: str) -> list[str]:
    """Return the words of a text, without list markers and stray punctuation (they name no place)."""
    return [token for token in text.split() if any(ch.isalnum() for ch in token)]


def _page_text(pdf: Any, index: int) -> str:
    """Return the text of one page, words rejoined where a line ended in a hyphen."""
    page = pdf[index]
    try:
        text = page.get_textpage().get_text_range()
    finally:
        page.close()
    text = text.replace("\u00ad", "").replace("\ufffe", "")
    return HYPHEN_BREAK.sub("", text)  # a word hyphenated at a line end, rejoined with its rest
