"""Read copy fit from WeasyPrint's laid-out box tree.

This is the only module that touches WeasyPrint's private ``Page._page_box``; the version range is pinned
in pyproject.toml and tests/test_boxes.py checks the structure it relies on: a multi-column block whose
children are one block per column, each as tall as the block, with text that does not fit set in extra
columns to the right (clipped by the frame).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .engine import Layout
from .frames import ArticleFrame

PX_PER_MM = 96 / 25.4


@dataclass
class FrameFit:
    """How one article frame's text fits: all counts in body lines."""

    frame: ArticleFrame
    lines_capacity: int
    lines_needed: int
    overset_lines: int
    overset_chars: int
    underset_lines: int
    column_lines: list[int]

    def describe(self) -> str:
        """Return the editor's line: page 3, «Товарооборот…»: overset 7 lines ≈ 310 characters."""
        title = self.frame.article.headline
        short = title if len(title) <= 40 else title[:38].rstrip() + "…"
        return (f"page {self.frame.page}, «{short}» ({self.frame.article.source_name}): overset "
                f"{self.overset_lines} lines ≈ {self.overset_chars} characters")


def read_fits(document: Any, layout: Layout) -> list[FrameFit]:
    """Return the fit of every article frame in the rendered document."""
    wanted = {f"columns-{frame.key}": frame for frame in layout.article_frames()}
    found: dict[str, Any] = {}
    for page in document.pages:
        _find(page._page_box, wanted, found)  # noqa: SLF001 - see the module docstring
    return [_fit(frame, found[name], frame.line_mm * PX_PER_MM) for name, frame in wanted.items() if name in found]


def _find(box: Any, wanted: dict[str, ArticleFrame], found: dict[str, Any]) -> None:
    """Collect the multi-column blocks whose ids we want."""
    element = getattr(box, "element", None)
    ident = element.get("id") if element is not None else None
    if ident in wanted and ident not in found:
        found[ident] = box
        return
    for child in getattr(box, "children", ()):
        _find(child, wanted, found)


def _fit(frame: ArticleFrame, block: Any, step: float) -> FrameFit:
    """Count lines in the frame's columns and in the overflow columns beyond them."""
    columns = [child for child in block.children if hasattr(child, "children")]
    used = [_used_lines(column, step) for column in columns]
    capacity_per_column = frame.body_lines or 0
    inside, outside = used[: frame.columns], used[frame.columns:]
    overset = sum(outside)
    underset = 0 if overset else sum(capacity_per_column - n for n in inside) + \
        capacity_per_column * (frame.columns - len(inside))
    chars = sum(len(_text(column)) for column in columns[frame.columns:])
    return FrameFit(frame=frame, lines_capacity=capacity_per_column * frame.columns,
                    lines_needed=sum(used), overset_lines=overset, overset_chars=chars,
                    underset_lines=max(0, underset), column_lines=used)


def _used_lines(column: Any, step: float) -> int:
    """Return how many body lines a column's content takes from its top."""
    bottom = column.position_y
    for child in column.children:
        bottom = max(bottom, child.position_y + child.margin_height())
    return round((bottom - column.position_y) / step)


def _text(box: Any) -> str:
    """Return the text set in a box, without the hyphens WeasyPrint added."""
    parts = []
    for child in box.descendants():
        text = getattr(child, "text", None)
        if isinstance(text, str):
            parts.append(text)
    return "".join(parts)


def find_block(document: Any, ident: str, columns: int) -> tuple[int, list[str]] | None:
    """Return the block (data-b) where text first overflows the columns, and its lines inside them."""
    found: dict[str, Any] = {}
    for page in document.pages:
        _find(page._page_box, {ident: None}, found)  # type: ignore[dict-item]  # noqa: SLF001
    block = found.get(ident)
    if block is None:
        return None
    column_boxes = [child for child in block.children if hasattr(child, "children")]
    overflow = [line for column in column_boxes[columns:] for line in _lines(column, None)]
    if not overflow:
        return None
    index = overflow[0][0]
    if index is None:
        return None
    inside = [text for column in column_boxes[:columns] for b, text in _lines(column, None) if b == index]
    return index, inside


def _lines(box: Any, block: int | None) -> list[tuple[int | None, str]]:
    """Return (block index, text) for every line box under box, in order."""
    element = getattr(box, "element", None)
    mark = element.get("data-b") if element is not None and hasattr(element, "get") else None
    if mark is not None:
        block = int(mark)
    if type(box).__name__ == "LineBox":
        return [(block, _text(box))]
    out: list[tuple[int | None, str]] = []
    for child in getattr(box, "children", ()):
        out += _lines(child, block)
    return out
