"""An article's text as one flow through the columns of its parts, and how it fits them.

A text is set as a document whose pages are its columns (see setter.FlowSpec): the fit is read from
where the text ended, not estimated. A jumped article has two parts on two pages; its text flows from the
first part's columns into the second's, so a jump never splits the text by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import _, ngettext
from .frames import ArticleFrame, Flow
from .setter import MARK_PREFIX, FlowFit


@dataclass
class FrameFit:
    """How one placed part's text fits: all counts in body lines."""

    frame: ArticleFrame
    lines_capacity: int
    lines_needed: int
    overset_lines: int
    underset_lines: int
    overset_chars: int = 0
    last_fitting: str = ""  # the last words set in the part
    first_overset: str = ""  # the first words that did not fit
    column_lines: list[int] = field(default_factory=list)
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)  # a mark's (column of this part, line)

    def describe(self) -> str:
        """Return the editor's line: page 3, «Товарооборот…»: overset 7 lines ≈ 310 characters."""
        title = self.frame.article.headline
        short = title if len(title) <= 40 else title[:38].rstrip() + "…"
        cut = _("; cut after «…{last}», lost from «{first}…»").format(
            last=self.last_fitting, first=self.first_overset) if self.first_overset else ""
        return ngettext("page {page}, «{headline}» ({file}): overset {lines} line ≈ {chars} characters{cut}",
                        "page {page}, «{headline}» ({file}): overset {lines} lines ≈ {chars} characters{cut}",
                        self.overset_lines).format(page=self.frame.page, headline=short,
                                                   file=self.frame.article.source_name, lines=self.overset_lines,
                                                   chars=self.overset_chars, cut=cut)


def part_fit(flow: Flow, index: int, fit: FlowFit) -> FrameFit:
    """Return the fit of one part of a flow from where the whole text ended (balanced-away lines as underset)."""
    result = _part_fit(flow, index, fit)
    released = flow.parts[index].released
    result.lines_capacity += released
    result.underset_lines += released
    first = sum(p.columns for p in flow.parts[:index])
    result.marks = {name[len(MARK_PREFIX):]: (page - first, line) for name, page, line in fit.marks}
    return result


def _part_fit(flow: Flow, index: int, fit: FlowFit) -> FrameFit:
    """Return the fit of one part of a flow in its columns as set."""
    parts = flow.parts
    first = sum(p.columns for p in parts[:index])
    part = parts[index]
    lines = [c.lines for c in part.columns_list]
    capacity = sum(lines)
    last = index == len(parts) - 1
    end = fit.end_page - first  # the column of this part where the text ended (may be outside it)
    if end < 0:  # the text ended in an earlier part: this one is empty
        return FrameFit(part, capacity, 0, 0, capacity, column_lines=[0] * len(lines))
    if end < len(lines):
        used = [*lines[:end], fit.end_line] + [0] * (len(lines) - end - 1)
        return FrameFit(part, capacity, sum(used), 0, capacity - sum(used), column_lines=used)
    if not last:  # the rest flows on into the next part
        return FrameFit(part, capacity, capacity, 0, 0, column_lines=lines)
    placed = sum(p.columns for p in parts)
    over = fit.end_line if fit.end_page >= placed else 0
    return FrameFit(part, capacity, capacity + over, over, 0, column_lines=lines)
