"""The issue as the rest of the pipeline sees it: typed, immutable, validated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

PAGE_TEMPLATES = ("front", "inner", "back")
AGE_MARKS = ("0+", "6+", "12+", "16+", "18+")
AD_LABELS = ("Реклама", "На правах рекламы")
FIT_MODES = ("tight", "loose")
RANKS = ("lead", "main", "secondary", "brief")  # an article's weight: headline size and preferred span
FOCUS_WORDS = {"top": (0.5, 0.0), "center": (0.5, 0.5), "bottom": (0.5, 1.0)}
AD_FITS = ("contain", "cover")  # artwork unlike its module: fitted whole (padded) or filling it (cropped)
AD_LABEL_PLACES = ("top", "bottom")


@dataclass(frozen=True)
class Frame:
    """A rectangle on the module grid, 1-based."""

    col: int
    row: int
    cols: int
    rows: int

    def cells(self) -> set[tuple[int, int]]:
        """Return the grid modules the frame covers."""
        return {(c, r) for c in range(self.col, self.col + self.cols) for r in range(self.row, self.row + self.rows)}


@dataclass(frozen=True)
class Margins:
    """Page margins in mm."""

    top: float
    bottom: float
    inside: float
    outside: float


@dataclass(frozen=True)
class Grid:
    """The module grid: columns × rows, a module a whole number of body lines."""

    columns: int
    rows: int
    gutter: float
    line_pt: float
    module_lines: dict[str, int]
    reserved_rows: dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class Imprint:
    """The paper's standing imprint data (art. 27 of the media law)."""

    founders: tuple[str, ...]
    publisher: str
    publisher_address: str
    editor_in_chief: str
    printer: str
    printer_address: str
    registration: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    """What the layout engine may do and what a page ready for print must reach (paper.yaml `layout:`)."""

    min_fill: float = 0.9  # --strict refuses a page whose type area is filled less than this
    photo_min_ppi: float = 200.0  # a photo is never set larger than its pixels allow at this resolution
    max_crop: float = 0.25  # share of a photo's width or height the engine may crop without being asked


@dataclass(frozen=True)
class AdStyle:
    """How ads sit in their modules (paper.yaml `ads:`): the marking's strip and the frame's rule."""

    label: str = "top"
    """Where the «Реклама» strip lies inside the module: top or bottom; the artwork gets the rest."""
    label_strip: float = 3.0
    """Height of the strip in mm."""
    rule_pt: float = 0.5
    """Weight of the frame's rule in pt."""


@dataclass(frozen=True)
class Composer:
    """The paragraph composer's limits and weights (paper.yaml `composer:`; volna_print.composer)."""

    enabled: bool = True
    word_min: float = 0.8  # a space may shrink to this share of the normal space…
    word_max: float = 1.4  # …and stretch to this one
    letter: float = 0.02  # letter spacing a line may take, ± em per character
    max_hyphens: int = 2  # hyphenated lines running
    hang: bool = False  # a justified line's last hyphen or punctuation hangs past the edge (composer.HANG)
    emergency: float = 100.0  # a paragraph with no breaks within the limits may stretch its spaces this far
    # (in units of the limit's stretch: as far as it must) and is reported; 1: never, it is
    # left to WeasyPrint's own breaking
    emergency_letter: float = 0.025  # such a paragraph's line past the spaces' limit may spread its letters to this
    emergency_hyphens: int = 3  # …and such a paragraph may run this many hyphenated lines, each past max_hyphens
    past_hyphen: float = 120000.0  # costing as much as a line at 160 % (only where it saves a looser one)
    indent: float = 1.2  # first-line indent in em (volna.css `.columns p`)
    min_word: int = 5  # as volna.css `hyphenate-limit-chars: 5 2 2` (≥ 2 letters each side)
    min_left: int = 2
    min_right: int = 2
    line_penalty: float = 10.0  # Knuth–Plass weights: a line, a hyphen, a one-letter word at a line end…
    hyphen_penalty: float = 50.0
    one_letter_penalty: float = 100.0
    nbsp_penalty: float = 150.0  # a line break at a no-break space between words (0: never)
    double_hyphen: float = 3000.0  # …two hyphenated lines running…
    final_hyphen: float = 5000.0  # …the last full line hyphenated…
    fitness_jump: float = 3000.0  # …a tight line next to a loose one


@dataclass(frozen=True)
class Paper:
    """The paper's design and standing data, from layouts/<paper>/paper.yaml."""

    slug: str
    folder: Path
    name: str
    subtitle: str
    founded: str
    website: str | None
    width: float
    height: float
    margins: Margins
    grid: Grid
    fonts: dict[str, str]
    body_pt: float
    contacts: dict[str, str]
    imprint: Imprint
    rules: Rules = field(default_factory=Rules)
    ads: AdStyle = AdStyle()
    composer: Composer = Composer()


@dataclass(frozen=True)
class Image:
    """A picture placed with an article."""

    file: Path
    caption: str | None
    credit: str | None
    cols: int | None = None  # the span the editor asks for; None: the engine chooses
    aspect: float | None = None  # width / height after cropping; None: the picture's own, within the crop limit
    focus: tuple[float, float] | None = None  # the point (0–1 from top-left) that stays when cropping
    shrink: bool = True  # may the engine set it narrower than asked (or than the article's span)?


@dataclass(frozen=True)
class Jump:
    """Where an article continues."""

    page: int
    frame: Frame | None
    auto: bool = False  # continue: auto — the engine picks a later page with room, only when needed


@dataclass(frozen=True)
class Article:
    """One article: its text and where it goes."""

    id: str
    file: Path
    source_name: str
    page: int
    frame: Frame | None
    columns: int | None
    fit: str | None
    jump: Jump | None
    rubric: str | None
    headline: str
    subhead: str | None
    source: str | None
    byline: str | None
    images: tuple[Image, ...]
    body: str
    rank: str | None = None  # lead / main / secondary / brief; None: from order and length


@dataclass(frozen=True)
class Ad:
    """One booked ad block."""

    id: str
    file: Path
    cols: int
    rows: int
    page: int
    frame: Frame | None
    advertiser: str | None
    label: str
    fit: str = "contain"


@dataclass(frozen=True)
class PagePlan:
    """One page of the page plan."""

    number: int
    template: str
    section: str | None


@dataclass(frozen=True)
class Issue:
    """A whole issue, read and checked."""

    root: Path
    paper: Paper
    number: int
    total: int | None
    date: dt.date
    weather: str | None
    price: str
    age_mark: str
    print_run: int
    signed_scheduled: dt.datetime
    signed_actual: dt.datetime
    order: int | None
    pages: tuple[PagePlan, ...]
    articles: tuple[Article, ...]
    ads: tuple[Ad, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def basename(self) -> str:
        """Return the ASCII stem of output files: volna-2025-07-30-n31."""
        return f"{self.paper.slug}-{self.date.isoformat()}-n{self.number}"
