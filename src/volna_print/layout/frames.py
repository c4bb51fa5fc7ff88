"""What the templates draw: one view per placed item, in mm and whole body lines."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup
from PIL import Image as PILImage

from ..manifest.model import Ad, Article, Frame, Image, Paper
from ..units import MM_PER_INCH, PT_PER_INCH
from .grid import Rect, line_mm
from .place import Choice
from .setter import FlowSpec

# Headline size in pt by rank and span: a short item never gets a lead head, a wide lead gets the largest.
HEADLINE_PT = {
    "lead": {1: 22, 2: 28, 3: 34, 4: 40, 5: 44},
    "main": {1: 20, 2: 24, 3: 28, 4: 32, 5: 36},
    "secondary": {1: 17, 2: 20, 3: 24, 4: 26, 5: 28},
    "brief": {1: 14, 2: 15, 3: 16, 4: 17, 5: 18},
}
HEAD_SHRINK = 0.75  # a headline may be set this much smaller than its size to fill its span…
HEAD_GROWTH = {"lead": 1.35, "main": 1.35, "secondary": 1.3, "brief": 1.0}  # …or this much larger
FOCUS_PORTRAIT = (0.5, 0.15)  # a portrait keeps its upper part, where faces are
FOCUS_DEFAULT = (0.5, 0.5)
BODY_IMAGE_MAX_LINES = 24  # a photo inside the text columns: at most this tall


@dataclass
class ImageView:
    """A photo as set: its box in mm, the crop that fills it, caption lines below."""

    uri: str
    width_mm: float
    height_mm: float
    lines: int  # image and caption together, in body lines
    caption: Markup
    credit: Markup
    position: str  # CSS object-position: the focus that stays when cropping
    crop: float  # share of the picture cut off (0: none)
    ppi: float  # effective resolution as set
    name: str


@dataclass
class Column:
    """One text column of an article on the page: a rectangle in mm, a whole number of lines."""

    rect: Rect
    lines: int

    def resize(self, lines: int, step: float) -> None:
        """Give the column so many lines from its top."""
        self.lines = lines
        self.rect = Rect(self.rect.x, self.rect.y, self.rect.w, lines * step)


@dataclass
class ArticleFrame:
    """One placed part of an article (a jumped article has two): head, photo and its text columns."""

    key: str
    article: Article
    page: int
    template: str
    rect: Rect  # the bounding box of the whole shape
    head: Rect  # rubric, headline and subhead, across the shape
    columns_list: list[Column]
    rank: str
    headline_pt: float
    rubric: Markup
    headline: Markup
    subhead: Markup
    photo: ImageView | None = None
    photo_rect: Rect | None = None
    continued_on: int | None = None
    continued_from: int | None = None
    jump_rect: Rect | None = None  # the line «Продолжение на стр. N» under the last column
    auto: bool = False
    kind: str = "article"
    flow: Flow | None = None  # the text this part shows a piece of
    choice: Choice | None = None  # how the placement search set it
    released: int = 0  # lines taken off its columns when they were balanced: still underset

    @property
    def columns(self) -> int:
        """Return how many text columns the part has."""
        return len(self.columns_list)

    @property
    def lead(self) -> bool:
        """Return whether this is the page's lead story."""
        return self.rank == "lead"


@dataclass
class Flow:
    """One article's text and the parts it flows through, in order."""

    article: Article
    body: str
    tail_width_mm: float
    parts: list[ArticleFrame] = field(default_factory=list)
    spacing: str = ""

    def spec(self, parts: list[ArticleFrame] | None = None) -> FlowSpec:
        """Return the document to set: the columns of the parts, then the tail page."""
        chosen = self.parts if parts is None else parts
        columns = tuple((c.rect.w, c.lines) for part in chosen for c in part.columns_list)
        return FlowSpec(key=self.article.id, body=self.body, columns=columns, tail_width_mm=self.tail_width_mm,
                        spacing=self.spacing)


@dataclass
class AdFrame:
    """One ad block."""

    key: str
    ad: Ad
    page: int
    grid: Frame
    rect: Rect
    uri: str
    label: str
    kind: str = "ad"


@dataclass
class ImprintView:
    """The imprint block where it was placed."""

    rect: Rect
    cols: int


@dataclass
class PageView:
    """One page: its furniture zone and its frames."""

    number: int
    template: str
    section: str | None
    head: Rect
    frames: list[ArticleFrame | AdFrame]
    imprint: ImprintView | None = None
    notes: list[str] = field(default_factory=list)


def headline_size(rank: str, cols: int, text: str) -> float:
    """Return the headline size in pt for a rank and span; a long headline in a narrow span is smaller."""
    table = HEADLINE_PT.get(rank, HEADLINE_PT["main"])
    size = table.get(cols, table[max(table)])
    if len(text) > 70 and cols <= 3:
        size -= 3
    return size


def headline_sizes(rank: str, cols: int, text: str) -> tuple[float, ...]:
    """Return the sizes a headline may take, best first: its rank's and span's, then nearer ones first.

    Within HEAD_SHRINK…HEAD_GROWTH of it (in whole points) so that a head can fill its span; a brief never
    grows (a short item never gets a lead head).
    """
    base = headline_size(rank, cols, text)
    low, high = math.ceil(base * HEAD_SHRINK), math.floor(base * HEAD_GROWTH.get(rank, 1.2))
    others = sorted((float(size) for size in range(low, high + 1) if size != base),
                    key=lambda size: (abs(size / base - 1), -size))
    return (base, *others)


@lru_cache(maxsize=1024)
def pixel_size(path: Path, _mtime: int) -> tuple[int, int]:
    """Return an image's size in pixels (checked readable during validation); cached while unchanged."""
    with PILImage.open(path) as image:
        return image.size


def image_pixels(image: Image) -> tuple[int, int]:
    """Return a picture's size in pixels."""
    return pixel_size(image.file, image.file.stat().st_mtime_ns)


def focus_of(image: Image) -> tuple[float, float]:
    """Return the point that stays when the picture is cropped: the editor's, or the top of a portrait."""
    if image.focus is not None:
        return image.focus
    width, height = image_pixels(image)
    return FOCUS_PORTRAIT if height > width else FOCUS_DEFAULT


def height_range(paper: Paper, image: Image, width_mm: float) -> tuple[float, float]:
    """Return the picture heights in mm it may take at a width: its aspect, the crop limit, its pixels.

    An explicit aspect fixes the height (the editor chose that crop). Otherwise the engine may cut up to
    max_crop of the height or of the width; and the picture is never enlarged past photo_min_ppi.
    """
    px_w, px_h = image_pixels(image)
    if image.aspect is not None:
        natural = width_mm / image.aspect
        return natural, natural
    natural = width_mm * px_h / px_w
    keep = 1 - paper.rules.max_crop
    low, high = natural * keep, natural / keep
    max_h = px_h * MM_PER_INCH / paper.rules.photo_min_ppi  # taller than this needs more pixels
    return low, max(low, min(high, max_h))


def max_width(paper: Paper, image: Image) -> float:
    """Return the widest the picture may be set at photo_min_ppi, cropped to the limit."""
    px_w, _ = image_pixels(image)
    keep = 1.0 if image.aspect is not None else 1 - paper.rules.max_crop
    return px_w * MM_PER_INCH / paper.rules.photo_min_ppi / keep


def image_view(paper: Paper, image: Image, width_mm: float, image_lines: int, caption_lines: int,
               caption: Markup, credit: Markup) -> ImageView:
    """Return a photo set in a box of a width and whole lines; the crop that fills it follows the focus."""
    step = line_mm(paper)
    height = image_lines * step - 1.0  # a millimetre of air under the picture
    px_w, px_h = image_pixels(image)
    scale = max(width_mm / px_w, height / px_h)  # mm per pixel: the picture covers its box
    crop = 1 - min(width_mm / (px_w * scale), height / (px_h * scale))
    fx, fy = focus_of(image)
    return ImageView(uri=image.file.as_uri(), width_mm=width_mm, height_mm=height,
                     lines=image_lines + caption_lines, caption=caption, credit=credit,
                     position=f"{fx * 100:.0f}% {fy * 100:.0f}%", crop=crop, ppi=MM_PER_INCH / scale,
                     name=image.file.name)


def body_image_lines(paper: Paper, image: Image, width_mm: float) -> int:
    """Return the image lines of a photo inside a text column: its aspect within the crop limit, capped."""
    low, high = height_range(paper, image, width_mm)
    px_w, px_h = image_pixels(image)
    natural = width_mm / image.aspect if image.aspect else width_mm * px_h / px_w
    height = min(max(natural, low), high)
    return max(3, min(BODY_IMAGE_MAX_LINES, math.floor((height + 1.0) / line_mm(paper))))


def art_uri(path: Path) -> str:
    """Return a URI WeasyPrint can draw: PDF artwork is rasterised at 300 ppi, as WeasyPrint draws no PDF."""
    if path.suffix.lower() != ".pdf":
        return path.as_uri()
    return _pdf_as_png(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _pdf_as_png(path: Path, _mtime: int) -> str:
    """Rasterise the first page of a PDF to a PNG data URI."""
    import base64
    import io

    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        bitmap = pdf[0].render(scale=300 / PT_PER_INCH)
        image = bitmap.to_pil().convert("RGB")
    finally:
        pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(300, 300))
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
