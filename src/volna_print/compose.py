"""Compose the issue's PDF: each page's furniture, with the articles' column pages laid onto it.

Every furniture page and every text's column pages are PDFs of their own (cached, rendered in workers).
pikepdf joins the furniture pages and draws each placed column page onto its newspaper page as a form
XObject — vector text that stays text. The pages a text did not reach in its placed columns (its overset)
are never copied: text that does not fit is not in the file at all."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from typing import Any

import pikepdf
import pypdfium2

from .layout.engine import Layout
from .layout.flows import FrameFit
from .manifest.model import Issue
from .pdf import render_pdfs
from .render import render_issue
from .setting import WeasySetter
from .units import PT_PER_MM

HYPHEN_BREAK = re.compile(r"-\r?\n(?=[a-zа-яё])")
CUT_WORDS = 5  # words shown each side of where an overset text is cut
HANG_ROOM_MM = 2.0  # room past a column's right edge for hanging punctuation (less than the gutter)


@dataclass
class Composed:
    """The issue's PDF and WeasyPrint's warnings."""

    data: bytes
    messages: list[str]


def compose(issue: Issue, layout: Layout, setter: WeasySetter) -> Composed:
    """Return the issue's PDF: furniture pages with every placed column laid onto them."""
    rendered = render_pdfs(setter.cache, render_issue(issue, layout.pages), issue.root, issue.paper, setter.design)
    messages = [m for _, logged in rendered for m in logged]  # a cached page still reports its warnings
    flows = [flow for flow in layout.flows if flow.parts]
    columns = setter.flow_pdfs([flow.spec() for flow in flows])
    placements: list[tuple[int, int, int, Any]] = []  # (newspaper page index, flow, its page, column rect)
    for number, flow in enumerate(flows):
        index = 0
        for part in flow.parts:
            for column in part.columns_list:
                placements.append((part.page - 1, number, index, column.rect))
                index += 1
        fit = next((f for f in layout.fits if f.frame is flow.parts[-1]), None)
        if fit is not None and fit.overset_lines:
            read_cut(columns[number], fit, index - 1, index)
    hang = HANG_ROOM_MM if issue.paper.composer.hang else 0.0
    data = assemble([data for data, _ in rendered], columns, placements, issue.paper.height, hang)
    return Composed(data, messages + [m for m in setter.messages if m not in messages])


def assemble(pages: list[bytes], columns: list[bytes], placements: list[tuple[int, int, int, Any]],
             height_mm: float, hang_mm: float = 0.0) -> bytes:
    """Join the furniture pages and draw the placed column pages onto them; unplaced columns stay out.

    Each column page becomes a form XObject named by its place (/Col<page>_<n>), so the file is the same
    byte for byte from build to build (pikepdf's add_overlay picks random names). Pictures drawn on several
    pages (a repeated ad) are kept once. `hang_mm`: what each column shows past its right edge (hanging
    punctuation, when the paper has it; otherwise a column shows nothing past its edge).
    """
    sources: list[pikepdf.Pdf] = []
    try:
        pdf = pikepdf.new()
        for data in pages:
            sources.append(pikepdf.open(io.BytesIO(data)))
            pdf.pages.extend(sources[-1].pages)
        flows = [pikepdf.open(io.BytesIO(data)) for data in columns]
        sources += flows
        drawn: dict[int, list[bytes]] = {}
        for target, flow, index, rect in placements:
            if index >= len(flows[flow].pages):
                continue
            page = pdf.pages[target]
            column = flows[flow].pages[index]
            name = pikepdf.Name(f"/Col{target + 1}_{len(drawn.get(target, [])) + 1}")
            if "/Resources" not in page.obj:
                page.obj.Resources = pikepdf.Dictionary()
            if "/XObject" not in page.obj.Resources:
                page.obj.Resources.XObject = pikepdf.Dictionary()
            form = column.as_form_xobject()
            box = column.mediabox
            if hang_mm:  # a line's last hyphen or comma hangs past the column's edge (composer.HANG): shown
                form.BBox = [box[0], box[1], float(box[2]) + hang_mm * PT_PER_MM, box[3]]
            page.obj.Resources.XObject[name] = pdf.copy_foreign(form)
            scale_x = rect.w * PT_PER_MM / float(box[2] - box[0])
            scale_y = rect.h * PT_PER_MM / float(box[3] - box[1])
            left, bottom = rect.x * PT_PER_MM, (height_mm - rect.y - rect.h) * PT_PER_MM
            drawn.setdefault(target, []).append(
                f"q {scale_x:.6f} 0 0 {scale_y:.6f} {left:.4f} {bottom:.4f} cm {name} Do Q\n".encode())
        for target, commands in sorted(drawn.items()):
            page = pdf.pages[target]
            page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)  # the furniture's state stays its own
            page.contents_add(pikepdf.Stream(pdf, b"Q\n" + b"".join(commands)))
        share_pictures(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()
    finally:
        for source in sources:
            source.close()


def share_pictures(pdf: pikepdf.Pdf) -> None:
    """Point every page at one copy of each picture: pages are rendered apart, so a repeated one came twice."""
    seen: dict[bytes, pikepdf.Object] = {}
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        if resources is None or "/XObject" not in resources:
            continue
        xobjects = resources.XObject
        for name in list(xobjects.keys()):
            image = xobjects[name]
            if image.get("/Subtype") != "/Image":
                continue
            digest = hashlib.sha256(image.read_raw_bytes() + repr(sorted(
                (str(k), repr(v)) for k, v in image.items() if k != "/Length")).encode()).digest()
            xobjects[name] = seen.setdefault(digest, image)


def read_cut(data: bytes, fit: FrameFit, last: int, first_lost: int) -> None:
    """Read, from a text's column pages, where it is cut and how much is lost (its pages after the placed ones)."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        lost = " ".join(_page_text(pdf, page) for page in range(first_lost, len(pdf)))
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
