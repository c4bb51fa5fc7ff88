"""The typesetter the layout stage is handed: WeasyPrint through the paper's templates.

Pieces (heads, captions, the imprint) are measured many at a time on one tall page; texts are set as
documents whose pages are their columns. Both are cached by what they show and the design they are set
in, so the placement search's trials and the final composition set each thing once. A text's composed
lines are measured in their cheaper measuring form (composer.measuring_form: the same line boxes) and set
with their spacing once, for the page.
"""

from __future__ import annotations

import dataclasses
import re
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from .cache import BuildCache
from .composer import Whole, compose_body, measuring_form, spacing_css
from .layout.grid import line_mm
from .layout.setter import MARK_PREFIX, FlowFit, FlowSpec, Piece
from .manifest.model import Issue
from .pdf import design_stamp, render, render_pdfs, resource_stamp
from .render import base_context, get_env
from .units import PX_PER_MM

T = TypeVar("T")
MEMOS = 2  # working memos kept of a kind (a page's search memo: up to MEMO_ENTRIES entries, some 30 MB)
MARK_ID_RE = re.compile(f' id="{MARK_PREFIX}[^"]*"')


class WeasySetter:
    """Measure pieces and set flows for one issue, through the build's cache."""

    def __init__(self, issue: Issue, cache: BuildCache) -> None:
        self.issue = issue
        self.cache = cache
        self.env = get_env(issue.paper)
        self.context = base_context(issue)
        self.step = line_mm(issue.paper)
        self.design = design_stamp(issue.paper, cache)
        self.messages: list[str] = []
        self._compositions: dict[tuple[str, float, str, Whole], Any] = {}
        self.renders = 0

    def piece_html(self, piece: Piece) -> str:
        """Return the HTML of a piece as the page shows it."""
        values = dict(piece.context)
        return self.env.get_template(piece.template).render(**self.context, **values, d=values, imprint_view=None)

    def heights(self, pieces: list[Piece]) -> list[float]:
        """Return the height in mm of every piece, setting only those not yet measured."""
        htmls = [self.piece_html(p) for p in pieces]
        keys = [self._key("piece", p.width_mm, html) for p, html in zip(pieces, htmls, strict=True)]
        found = {k: self._load("piece", k) for k in keys}
        todo = {k: (p.width_mm, html) for k, p, html in zip(keys, pieces, htmls, strict=True) if found[k] is None}
        if todo:
            html = self.env.get_template("pieces.html").render(pieces=list(todo.values()))
            document, messages = self._render(html)
            anchors = _anchors(document)
            for index, key in enumerate(todo):
                start, end = anchors[f"start-{index}"], anchors[f"end-{index}"]
                found[key] = max(0.0, (end[1] - start[1]) / PX_PER_MM)
                self.cache.store("piece", key, (found[key], messages))
        return [found[k] for k in keys]

    def flows(self, specs: list[FlowSpec]) -> list[FlowFit]:
        """Set every text in its columns; texts with no columns yet are measured together on tall pages."""
        keys = [self._flow_key(s) for s in specs]
        found = {k: self._fit(k) for k in keys}
        batch = {k: s for k, s in zip(keys, specs, strict=True) if not s.columns and found[k] is None}
        by_width: dict[float, dict[str, FlowSpec]] = {}
        for key, spec in batch.items():
            by_width.setdefault(round(spec.tail_width_mm, 3), {})[key] = spec
        for width, group in by_width.items():
            document, messages = self._render(self._flow_html(list(group.values()), (), width, measuring=True))
            anchors_by_page = [page.anchors for page in document.pages]
            for index, key in enumerate(group):
                start = _find(anchors_by_page, f"start-{index}")
                end = _find(anchors_by_page, f"end-{index}")
                lines = round((end[1] - start[1]) / PX_PER_MM / self.step) if end[0] == start[0] else 0
                found[key] = FlowFit(pages=1, end_page=0, end_line=lines)
                self.cache.store("fit", key, ((found[key], ()), messages))
        fits = []
        for key, spec in zip(keys, specs, strict=True):
            fit = found[key]
            if fit is None:
                fit = found[key] = self._set(spec, key)[0]
            fits.append(fit)
        return fits

    def _fit(self, key: str) -> FlowFit | None:
        """Return a text's stored fit, or None."""
        entry = self._load("fit", key)
        return None if entry is None else entry[0]

    def remember(self, kind: str, parts: tuple[Any, ...], make: Callable[[], T]) -> T:
        """Return a result of the layout's own work from the build cache, or make and keep it."""
        return self.cache.cached(kind, self.cache.key(kind, parts), make)

    def memo(self, kind: str, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """Return a working memo of the layout's, kept in this process for the latest MEMOS keys of a kind."""
        memos: OrderedDict[tuple[Any, ...], Any] = self.cache.remembered(f"memo/{kind}", OrderedDict)
        if key not in memos:
            memos[key] = make()
            while len(memos) > MEMOS:
                memos.popitem(last=False)
        memos.move_to_end(key)
        return memos[key]

    def prefetch(self, kind: str, jobs: list[tuple[tuple[Any, ...], Callable[..., Any], tuple[Any, ...]]]) -> None:
        """Make in worker processes the results of the jobs not yet in the cache, and keep them there."""
        keyed = [(self.cache.key(kind, parts), function, args) for parts, function, args in jobs]
        todo = [job for job in keyed if self.cache.load(kind, job[0]) is None]
        if len(todo) < 2 or self.cache.jobs <= 1:
            return  # nothing to share: remember makes them one by one
        results = self.cache.map(_call, [(function, args) for _, function, args in todo])
        for (key, _, _), result in zip(todo, results, strict=True):
            self.cache.store(kind, key, result)

    def flow_pdfs(self, specs: list[FlowSpec]) -> list[bytes]:
        """Return every text set in its columns as a PDF whose pages are its columns (then its overset)."""
        keys = [self._flow_key(s) for s in specs]
        htmls = [self._flow_html([s], s.columns, s.tail_width_mm, self._whole(s, k)) for s, k in zip(specs, keys, strict=True)]
        kept = [self.cache.documents.get(k) for k in keys]
        results = render_pdfs(self.cache, htmls, self.issue.root, self.issue.paper, self.design, kept)
        for _, messages in results:
            self._report(messages)
        return [data for data, _ in results]

    def _whole(self, spec: FlowSpec, key: str) -> Whole:
        """Return the lines a text keeps unhyphenated at its columns' feet, setting it if not yet set."""
        entry = self._load("fit", key)
        return entry[1] if entry is not None else self._set(spec, key)[1]

    def _load(self, kind: str, key: str) -> Any:
        """Return a measure from the cache, reporting again the warnings its render logged; None if absent."""
        entry = self.cache.load(kind, key)
        if entry is None:
            return None
        value, messages = entry
        self._report(messages)
        return value

    def _report(self, messages: list[str]) -> None:
        """Keep WeasyPrint's warnings, each once."""
        self.messages += [m for m in messages if m not in self.messages]

    def _key(self, kind: str, *parts: object) -> str:
        """Return a cache key for content set in this design (the pictures it shows by their bytes)."""
        html = str(parts[-1])
        return self.cache.key(kind, self.design, resource_stamp(html, self.cache), *parts)

    def _flow_key(self, spec: FlowSpec) -> str:
        """Return the cache key of a flow: its HTML (text, spacing, columns), the pictures it shows, the design."""
        return self._key("flow", self._flow_html([spec], spec.columns, spec.tail_width_mm))

    def _set(self, spec: FlowSpec, key: str) -> tuple[FlowFit, Whole]:
        """Set one text in its columns and read where it ended.

        A composed line that ends a column in a hyphen (a reader should not carry half a word on to the
        next column) is named in the result: the text's final HTML composes its paragraph again with that
        line whole and the same number of lines, so every line box, and the fit read here, stays as it
        is. A text is set in its measuring form (composer.measuring_form); the laid-out document is kept
        for the page only when that is the form it prints in (nothing composed) and no foot changes.
        """
        html = self._flow_html([spec], spec.columns, spec.tail_width_mm, measuring=True)
        document, messages = self._render(html)
        whole: Whole = tuple(sorted(column_feet_hyphenated(document, len(spec.columns))))
        body = self._composed(spec, spec.columns, spec.tail_width_mm).body
        if not whole and measuring_form(body) == body:  # nothing composed: the page prints as measured
            self.cache.keep_document(key, (document, messages))
        marks = tuple(sorted((name, number, round(point[1] / PX_PER_MM / self.step))
                             for number, page in enumerate(document.pages)
                             for name, point in page.anchors.items() if name.startswith(MARK_PREFIX)))
        # where the text ended: its end marker's page and line, else (none placed) the last page
        end_page, end_line = next(((number, round(page.anchors["end-0"][1] / PX_PER_MM / self.step))
                                   for number, page in enumerate(document.pages) if "end-0" in page.anchors),
                                  (len(document.pages) - 1, 0))
        fit = FlowFit(pages=len(document.pages), end_page=end_page, end_line=end_line, marks=marks)
        self.cache.store("fit", key, ((fit, whole), messages))
        return fit, whole

    def _flow_html(self, specs: list[FlowSpec], columns: tuple[tuple[float, int], ...], tail: float,
                   whole: Whole = (), measuring: bool = False) -> str:
        """Return the HTML of one or more texts set in columns then a tall tail page (`whole`: the lines of
        a single text's paragraphs kept unhyphenated, each the last of a column; `measuring`: composed
        lines in the form that lays out fastest in the same line boxes, composer.measuring_form)."""
        flows = [self._composed(s, columns, tail, whole) for s in specs]
        if measuring:
            flows = [dataclasses.replace(f, body=measuring_form(f.body)) for f in flows]
        if len(flows) > 1:  # texts measured together: their marks' names would clash, and are not asked for
            flows = [dataclasses.replace(f, body=MARK_ID_RE.sub("", f.body)) for f in flows]
        return self.env.get_template("flow.html").render(
            flows=flows, columns=columns, tail_width_mm=tail, line_pt=self.issue.paper.grid.line_pt,
            spacing_css=spacing_css("".join(f.body for f in flows)))

    def _composed(self, spec: FlowSpec, columns: tuple[tuple[float, int], ...], tail: float,
                  whole: Whole = ()) -> FlowSpec:
        """Return a text with its body paragraphs composed at its column width (composer.py).

        Columns of different widths in one text (rare) are left to WeasyPrint: a line chosen for one
        width would be wrong in the other.
        """
        settings = self.issue.paper.composer
        widths = {round(w, 2) for w, _ in columns} | {round(tail, 2)}
        if not settings.enabled or len(widths) != 1:
            return spec
        return dataclasses.replace(spec, body=self._compose(spec, tail, whole).html)

    def _compose(self, spec: FlowSpec, width: float, whole: Whole = ()) -> Any:
        """Compose a text's paragraphs at a width, once per process and kept with the build's cache: a
        rebuild after an edit composes only the texts that changed (composer.py is pure Python)."""
        key = (spec.body, round(width, 3), spec.spacing, whole)
        if key not in self._compositions:
            paper = self.issue.paper
            stored = self.cache.key("composed", self.design, paper.body_pt, paper.composer, *key)
            self._compositions[key] = self.cache.cached("composed", stored, lambda: compose_body(
                spec.body, width, paper.body_pt, paper.composer, spec.spacing, whole))
        return self._compositions[key]

    def composer_notes(self, specs: list[FlowSpec]) -> list[tuple[str, int, str, float]]:
        """Return the paragraphs of the issue's texts the composer sets past its limits.

        Asked of the final texts, not collected while setting, so that a text taken from the cache is
        reported as surely as one set now.
        """
        if not self.issue.paper.composer.enabled:
            return []
        notes = []
        for spec in specs:
            widths = {round(w, 2) for w, _ in spec.columns} | {round(spec.tail_width_mm, 2)}
            if len(widths) == 1:
                notes += [(spec.key, block, words, widest)
                          for block, words, widest in self._compose(spec, spec.tail_width_mm).failed]
        return notes

    def _render(self, html: str) -> tuple[Any, list[str]]:
        """Lay out HTML, keeping WeasyPrint's warnings."""
        document, messages = render(html, self.issue.root, self.issue.paper, self.cache, self.design)
        self.renders += 1
        self._report(messages)
        return document, messages


def column_feet_hyphenated(document: Any, columns: int) -> set[tuple[int, int]]:
    """Return the composed lines (block, line of its paragraph) that end one of a text's columns in a hyphen.

    The last column page the text reaches is left alone: its last line ends the text. A line is numbered
    by the line boxes its paragraph has on the pages before and above it.
    """
    found = set()
    seen: dict[Any, int] = {}  # paragraph element → its line boxes on the pages so far
    for number, page in enumerate(document.pages[:max(0, len(document.pages) - 1)]):
        # the page's box tree: WeasyPrint's (pinned to 70.x in pyproject.toml) has no public name for it
        lines = list(_line_boxes(getattr(page, "_page_box", None)))
        for _, element in lines:
            seen[element] = seen.get(element, 0) + 1
        if number >= columns or not lines:
            continue
        line, paragraph = lines[-1]
        if paragraph is None or "composed" not in (paragraph.get("class") or "").split():
            continue
        block = paragraph.get("data-b")
        if block is not None and _text_of(line).rstrip().endswith("-"):
            found.add((int(block), seen[paragraph] - 1))
    return found


def _line_boxes(box: Any) -> Any:
    """Yield every line box in a box's tree, in order, with the element of the block holding it."""
    for child in getattr(box, "children", ()):
        if type(child).__name__ == "LineBox":
            yield child, box.element
        else:
            yield from _line_boxes(child)


def _text_of(box: Any) -> str:
    """Return the text a box draws."""
    if hasattr(box, "text"):
        return str(box.text)
    return "".join(_text_of(child) for child in getattr(box, "children", ()))


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


def _call(cache: BuildCache, function: Callable[..., T], args: tuple[Any, ...]) -> T:
    """Run a pure layout function in a worker (BuildCache.map hands every call the worker's cache)."""
    return function(*args)
