"""The typesetter the layout stage is handed: WeasyPrint through the paper's templates.

Pieces (heads, captions, the imprint) are measured many at a time on one tall page; texts are set as
documents whose pages are their columns. Both are cached by what they show and the design they are set
in, so the placement search's trials and the final composition set each thing once.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from .composer import compose_body
from .layout.grid import line_mm
from .layout.setter import FlowFit, FlowSpec, Piece
from .manifest.model import Issue
from .pdf import design_stamp, render, resource_stamp
from .render import base_context, get_env
from .units import PX_PER_MM


class WeasySetter:
    """Measure pieces and set flows for one issue; keeps the laid-out flow documents for composition."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        self.env = get_env(issue.paper)
        self.context = base_context(issue)
        self.step = line_mm(issue.paper)
        self.design = design_stamp(issue.paper)
        self._heights: dict[str, float] = {}
        self._fits: dict[str, FlowFit] = {}
        self.documents: dict[str, Any] = {}  # flow key → its laid-out document (kept for composition)
        self.messages: list[str] = []
        self.composer_notes: list[str] = []  # paragraphs the composer left to WeasyPrint's own breaking
        self.renders = 0

    def _key(self, *parts: object) -> str:
        """Return a cache key for content set in this design."""
        return hashlib.sha256(repr((self.design, *parts)).encode()).hexdigest()

    def piece_html(self, piece: Piece) -> str:
        """Return the HTML of a piece as the page shows it."""
        values = dict(piece.context)
        return self.env.get_template(piece.template).render(**self.context, **values, d=values, imprint_view=None)

    def heights(self, pieces: list[Piece]) -> list[float]:
        """Return the height in mm of every piece, setting only those not yet measured."""
        keys = [self._key("piece", p) for p in pieces]
        todo = {k: p for k, p in zip(keys, pieces, strict=True) if k not in self._heights}
        if todo:
            items = [(p.width_mm, self.piece_html(p)) for p in todo.values()]
            html = self.env.get_template("pieces.html").render(pieces=items)
            document = self._render(html)
            anchors = _anchors(document)
            for index, key in enumerate(todo):
                start, end = anchors[f"start-{index}"], anchors[f"end-{index}"]
                self._heights[key] = max(0.0, (end[1] - start[1]) / PX_PER_MM)
        return [self._heights[k] for k in keys]

    def flows(self, specs: list[FlowSpec]) -> list[FlowFit]:
        """Set every text in its columns; texts with no columns yet are measured together on tall pages."""
        keys = [self._flow_key(s) for s in specs]
        batch = {k: s for k, s in zip(keys, specs, strict=True) if not s.columns and k not in self._fits}
        by_width: dict[float, dict[str, FlowSpec]] = {}
        for key, spec in batch.items():
            by_width.setdefault(round(spec.tail_width_mm, 3), {})[key] = spec
        for width, group in by_width.items():
            document = self._render(self._flow_html(list(group.values()), (), width))
            anchors_by_page = [page.anchors for page in document.pages]
            for index, key in enumerate(group):
                start = _find(anchors_by_page, f"start-{index}")
                end = _find(anchors_by_page, f"end-{index}")
                lines = round((end[1] - start[1]) / PX_PER_MM / self.step) if end[0] == start[0] else 0
                self._fits[key] = FlowFit(pages=1, end_page=0, end_line=lines)
        for key, spec in zip(keys, specs, strict=True):
            if key not in self._fits:
                self._fits[key] = self._set(spec, key)
        return [self._fits[k] for k in keys]

    def document(self, spec: FlowSpec) -> Any:
        """Return the laid-out document of a flow (setting it if needed)."""
        key = self._flow_key(spec)
        if key not in self.documents:
            self._fits[key] = self._set(spec, key)
        return self.documents[key]

    def _flow_key(self, spec: FlowSpec) -> str:
        """Return the cache key of a flow: its text, the pictures it shows, its columns."""
        return self._key("flow", spec, resource_stamp(spec.body))

    def _set(self, spec: FlowSpec, key: str) -> FlowFit:
        """Set one text in its columns and read where it ended."""
        document = self._render(self._flow_html([spec], spec.columns, spec.tail_width_mm))
        self.documents[key] = document
        for number, page in enumerate(document.pages):
            if "end-0" in page.anchors:
                lines = round(page.anchors["end-0"][1] / PX_PER_MM / self.step)
                return FlowFit(pages=len(document.pages), end_page=number, end_line=lines)
        return FlowFit(pages=len(document.pages), end_page=len(document.pages) - 1, end_line=0)

    def _flow_html(self, specs: list[FlowSpec], columns: tuple[tuple[float, int], ...], tail: float) -> str:
        """Return the HTML of one or more texts set in columns then a tall tail page."""
        return self.env.get_template("flow.html").render(
            flows=[self._composed(s, columns, tail) for s in specs], columns=columns, tail_width_mm=tail, line_pt=self.issue.paper.grid.line_pt)

    def _composed(self, spec: FlowSpec, columns: tuple[tuple[float, int], ...], tail: float) -> FlowSpec:
        """Return a text with its body paragraphs composed at its column width (composer.py).

        Columns of different widths in one text (rare) are left to WeasyPrint: a line chosen for one
        width would be wrong in the other.
        """
        settings = self.issue.paper.composer
        widths = {round(w, 2) for w, _ in columns} | {round(tail, 2)}
        if not settings.enabled or len(widths) != 1:
            return spec
        result = compose_body(spec.body, tail, self.issue.paper.body_pt, settings, spec.spacing)
        for block, words, widest in result.failed:
            how = (f"its spaces stretch to {widest:.0%} of the space" if widest else
                   "WeasyPrint breaks it")
            note = (f"{spec.key}: paragraph {block + 1} cannot be set within the composer's limits at "
                    f"{tail:.1f} mm; {how}: «{words}…»")
            if note not in self.composer_notes:
                self.composer_notes.append(note)
        return dataclasses.replace(spec, body=result.html)

    def _render(self, html: str) -> Any:
        """Lay out HTML, keeping WeasyPrint's warnings."""
        document, messages = render(html, self.issue.root, self.issue.paper)
        self.renders += 1
        self.messages += [m for m in messages if m not in self.messages]
        return document


def _anchors(document: Any) -> dict[str, tuple[float, float]]:
    """Return every anchor of a document (their pages do not matter for a one-page measure)."""
    found: dict[str, tuple[float, float]] = {}
    for page in document.pages:
        found.update(page.anchors)
    return found


def _find(pages: list[dict[str, tuple[float, float]]], name: str) -> tuple[int, float]:
    """Return the page index and y of an anchor."""
    for index, anchors in enumerate(pages):
        if name in anchors:
            return index, anchors[name][1]
    return -1, 0.0
