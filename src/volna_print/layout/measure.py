"""Measuring pass: how tall an article's head is and how many body lines its text needs.

All frames not yet measured are set in one WeasyPrint document (one tall page each, text in one column
of the frame's column width) and read through the public ``Page.anchors``: markers after the head and at
the end of the text give the heights. Results are cached by the frame's HTML, so a rebuild measures only
what changed.
"""

from __future__ import annotations

import copy
import hashlib
import math
from dataclasses import dataclass

from markupsafe import Markup

from ..manifest.model import Issue
from ..pdf import design_stamp, render
from ..render import get_env
from .frames import ArticleFrame
from .grid import Rect, line_mm

PX_MM = 25.4 / 96  # WeasyPrint reports positions in CSS pixels
HEAD_GAP_MM = 1.0  # at least this much air between the head and the first body line
MEASURE_CSS = """
@page { size: 400mm 50000mm; margin: 0; }
.page.measure { position: relative; height: auto; overflow: visible; break-after: auto; break-inside: avoid;
  margin-bottom: 10mm; }
.page.measure .frame { position: relative; height: auto !important; overflow: visible; }
.page.measure .head { height: auto !important; }
"""

_cache: dict[str, tuple[float, int]] = {}  # probe HTML hash → (head mm, body lines)


@dataclass(frozen=True)
class Measure:
    """Measured sizes of one frame's content."""

    head_mm: float
    body_lines: int

    def head_lines(self, step: float) -> int:
        """Return the head height in whole body lines, so the text below starts on the grid."""
        if self.head_mm <= 0.05:
            return 0
        return math.ceil((self.head_mm + HEAD_GAP_MM) / step - 1e-6)


def measure(issue: Issue, frames: list[ArticleFrame]) -> list[Measure]:
    """Return the measure of every frame, rendering only the parts not yet in the cache.

    A frame is measured in two parts, cached apart: its head at the frame's width, and its body in one
    text column. The body's column width does not depend on the frame's span, so one body measure serves
    every shape the placement search tries, and the final sizing finds both parts in the cache.
    """
    step = line_mm(issue.paper)
    template = get_env(issue.paper).get_template("article.html")
    design = design_stamp(issue.paper)  # a changed stylesheet, font or type size invalidates every measure
    probes: dict[str, ArticleFrame] = {}
    keys = []
    for frame in frames:
        pair = (_probe(frame, "head"), _probe(frame, "body"))
        names = []
        for probe in pair:
            html = template.render(frame=probe, line_mm=step)
            key = hashlib.sha256(f"{design}|{probe.rect.w:.3f}|{html}".encode()).hexdigest()
            names.append(key)
            if key not in _cache and key not in probes:
                probes[key] = probe
        keys.append(names)
    if probes:
        _measure_batch(issue, probes, step)
    return [Measure(head_mm=_cache[head][0], body_lines=_cache[body][1]) for head, body in keys]


def _probe(frame: ArticleFrame, part: str) -> ArticleFrame:
    """Return a copy of the frame with only its head, or only its body, free in height."""
    probe = copy.copy(frame)
    probe.measuring, probe.key = True, "probe"
    probe.head_lines = probe.body_lines = None
    probe.continued_on = None
    if part == "head":
        probe.rect = Rect(0, 0, frame.rect.w, 0)
        probe.blocks, probe.body_images = [], []
        probe.byline = probe.source = Markup("")
    else:
        probe.rect, probe.columns = Rect(0, 0, frame.column_width, 0), 1
        # nothing of the span may remain, so that every span's body probe is the same HTML (one measure)
        probe.cols, probe.lead, probe.headline_pt = 1, False, 0
        probe.rubric = probe.headline = probe.subhead = Markup("")
        probe.lead_image, probe.continued_from = None, None
    return probe


def _measure_batch(issue: Issue, probes: dict[str, ArticleFrame], step: float) -> None:
    """Set the probes in one document and read their markers."""
    for index, probe in enumerate(probes.values()):
        probe.key = f"probe{index}"  # ids must be unique within the measuring document
    html = get_env(issue.paper).get_template("measure.html").render(frames=list(probes.values()), line_mm=step)
    document, _ = render(html, issue.root, issue.paper, MEASURE_CSS)
    anchors: dict[str, tuple[float, float]] = {}
    for page in document.pages:
        anchors.update(page.anchors)
    for key, probe in probes.items():
        top = anchors[f"frame-{probe.key}"][1]
        head_end = anchors[f"head-end-{probe.key}"][1]
        start, end = anchors[f"body-start-{probe.key}"][1], anchors[f"end-{probe.key}"][1]
        _cache[key] = ((head_end - top) * PX_MM, round((end - start) * PX_MM / step))
