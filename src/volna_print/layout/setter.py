"""What the layout stage asks of the typesetter it is handed: heights of pieces, and text flowed into columns.

The layout stage knows nothing of WeasyPrint or the templates: the build hands it an object with these two
methods (heights, flows, and remember for its own results) (volna_print.setting.WeasySetter), so layout/ depends on nothing above it and can be tested with a
fake setter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
MARK_PREFIX = "mark-"  # ids in a text's HTML whose places the setter reports (FlowFit.marks)


@dataclass(frozen=True)
class Piece:
    """A piece of furniture or an article's head, to be measured at a width: a template and its data."""

    template: str
    context: tuple[tuple[str, Any], ...]  # hashable: the pieces are cached by what they show
    width_mm: float


@dataclass(frozen=True)
class FlowSpec:
    """An article's text set as a document whose pages are its columns, then one tall page for the rest."""

    key: str
    body: str  # the text's HTML: blocks, body photos, byline, source
    columns: tuple[tuple[float, int], ...]  # (width mm, lines) of every placed column, in reading order
    tail_width_mm: float  # the width of the page that takes whatever does not fit
    spacing: str = ""  # letter and word spacing within ±1 %, when the fit asks for it


@dataclass(frozen=True)
class FlowFit:
    """Where a flowed text ended: the page (0-based; == len(columns) means the tail page) and its line."""

    pages: int  # pages the text took, the tail page included when it was reached
    end_page: int
    end_line: int  # lines used on the page where the text ended
    marks: tuple[tuple[str, int, int], ...] = ()  # (id, page, line) of every element with a MARK_PREFIX id


class Setter(Protocol):
    """The typesetter the layout stage is handed."""

    def heights(self, pieces: list[Piece]) -> list[float]:
        """Return the height in mm of every piece set at its width."""
        ...

    def flows(self, specs: list[FlowSpec]) -> list[FlowFit]:
        """Set every text into its columns and say where each ended."""
        ...

    def remember(self, kind: str, parts: tuple[Any, ...], make: Callable[[], T]) -> T:
        """Return the layout's own result for these inputs as an earlier build kept it, or make it.

        The placement search is the layout's costliest step and depends only on what it is given; the
        build keeps its results with the pieces it set, so a page whose inputs did not change is not
        searched again.
        """
        ...

    def memo(self, kind: str, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """Return a working memo the layout keeps for this process only (never stored), or make one.

        Only for memos of pure functions: what the layout finds must not depend on whether one was kept.
        """
        ...

    def prefetch(self, kind: str, jobs: list[tuple[tuple[Any, ...], Callable[..., Any], tuple[Any, ...]]]) -> None:
        """Work out side by side, where there are cores to share, what remember would make for each job.

        A job is (parts, function, args): function(*args) is what remember(kind, parts, …) would make. The
        functions are pure, so the results do not depend on where they ran.
        """
        ...
