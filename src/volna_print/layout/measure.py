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

from ..manifest.model import Issue
from ..pdf import render
from ..render import get_env
from .frames import ArticleFrame
from .grid import Rect, line_mm

PX_MM = 25.4 / 96  # WeasyPrint reports positions in CSS pixels
HEAD_GAP_MM = 1.0  # at least this much air between the head and the first body line
MEASURE_CSS = """
@page { size: 400mm 8000mm; margin: 0; }
.page.measure { position: relative; height: auto; overflow: visible; break-after: page; }
.page.measure .frame { position: relative; height: auto !important; overflow: visible; }
.page.measure .head { height: auto !important; }
"""

_cache: dict[str, "Measure"] = {}


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
    """Return the measure of every frame, rendering only those not yet in the cache."""
    env = get_env(issue.paper)
    template = env.get_template("article.html")
    step = line_mm(issue.paper)
    probes: list[tuple[str, ArticleFrame]] = []
    keys = []
    for frame in frames:
        probe = copy.copy(frame)
        probe.measuring, probe.rect, probe.key = True, Rect(0, 0, frame.rect.w, 0), "probe"
        probe.head_lines = probe.body_lines = None
        html = template.render(frame=probe, line_mm=step)
        key = hashlib.sha256(f"{issue.paper.folder}|{probe.rect.w:.3f}|{html}".encode()).hexdigest()
        keys.append(key)
        if key not in _cache and all(key != k for k, _ in probes):
            probe.key = f"probe{len(probes)}"  # ids must be unique within the measuring document
            probes.append((key, probe))
    if probes:
        _measure_batch(issue, probes, step)
    return [_cache[key] for key in keys]


def _measure_batch(issue: Issue, probes: list[tuple[str, ArticleFrame]], step: float) -> None:
    """Set the probes in one document and read their markers."""
    html = get_env(issue.paper).get_template("measure.html").render(
        frames=[p for _, p in probes], line_mm=step)
    document, _ = render(html, issue.root, issue.paper, MEASURE_CSS)
    anchors: dict[str, tuple[float, float]] = {}
    for page in document.pages:
        anchors.update(page.anchors)
    for key, probe in probes:
        top = anchors[f"frame-{probe.key}"][1]
        head_end = anchors[f"head-end-{probe.key}"][1]
        start, end = anchors[f"body-start-{probe.key}"][1], anchors[f"end-{probe.key}"][1]
        _cache[key] = Measure(head_mm=(head_end - top) * PX_MM,
                              body_lines=round((end - start) * PX_MM / step))
