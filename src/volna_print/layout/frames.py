"""What the templates draw: one view per frame, in mm and whole body lines."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup
from PIL import Image as PILImage

from ..manifest.model import Ad, Article, Frame, Image, Issue, Paper
from ..text import body_blocks, line
from .grid import Rect, frame_rect, line_mm

GUTTER_MM = 4.5  # column gap inside a frame: the grid's gutter
HEADLINE_PT = {1: 17, 2: 22, 3: 28, 4: 32, 5: 36}
LEAD_BONUS_PT = 8
# The lead photo's height depends on the frame's width only (capped), so that measuring a head for a
# width tells the placement search the truth whatever height it then picks.
LEAD_IMAGE_LINES = 22


@dataclass
class ImageView:
    """A photo sized to whole body lines."""

    uri: str
    height_mm: float
    lines: int
    caption: Markup
    credit: Markup


@dataclass
class ArticleFrame:
    """One frame of an article (a jumped article has two)."""

    key: str
    article: Article
    page: int
    template: str
    grid: Frame
    rect: Rect
    columns: int
    lead: bool
    headline_pt: float
    rubric: Markup
    headline: Markup
    subhead: Markup
    lead_image: ImageView | None
    blocks: list[Markup]
    body_images: list[ImageView]
    byline: Markup
    source: Markup
    line_mm: float = 0.0
    continued_on: int | None = None
    continued_from: int | None = None
    head_lines: int | None = None
    body_lines: int | None = None
    spacing: str = ""
    measuring: bool = False
    balance: bool = False
    auto: bool = False
    kind: str = "article"
    cols: int = field(init=False)

    def __post_init__(self) -> None:
        self.cols = self.grid.cols

    @property
    def body(self) -> Markup:
        """Return the text's HTML: its blocks, which a jump may have split between two frames."""
        return Markup("".join(self.blocks))

    @property
    def columns_css(self) -> str:
        """Return the inline style of the text columns: free in the measuring pass, fixed when placed."""
        if self.measuring:
            return f"column-count: 1; width: {self.column_width:.3f}mm; {self.spacing}"
        height = f" height: {self.body_lines * self.line_mm:.3f}mm;" if self.body_lines is not None else ""
        # Text that fits is balanced over the columns; text that does not fills them in order, so what is
        # left over lands in extra columns beyond the frame, where the fit check counts it.
        fill = "balance" if self.balance else "auto"
        return f"column-count: {self.columns}; column-fill: {fill};{height} {self.spacing}"

    @property
    def column_width(self) -> float:
        """Return the width of one text column in mm."""
        return (self.rect.w - (self.columns - 1) * GUTTER_MM) / self.columns


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
class PageView:
    """One page: its furniture zone and its frames."""

    number: int
    template: str
    section: str | None
    head: Rect
    frames: list[ArticleFrame | AdFrame]


def article_frame(issue: Issue, article: Article, frame: Frame, page: int, lead: bool,
                  key: str | None = None) -> ArticleFrame:
    """Build the view of an article placed in a grid frame."""
    paper = issue.paper
    template = issue.pages[page - 1].template
    rect = frame_rect(paper, template, page, frame)
    columns = min(article.columns or frame.cols, frame.cols)
    col_w = (rect.w - (columns - 1) * GUTTER_MM) / columns
    images = list(article.images)
    lead_image = _image_view(paper, images.pop(0), rect.w, LEAD_IMAGE_LINES) if images else None
    blocks = body_blocks(article.body)
    return ArticleFrame(
        key=key or article.id, article=article, page=page, template=template, grid=frame, rect=rect,
        columns=columns, lead=lead, headline_pt=headline_size(frame.cols, lead, article.headline),
        rubric=line(article.rubric), headline=line(article.headline), subhead=line(article.subhead),
        lead_image=lead_image, blocks=blocks,
        body_images=[_image_view(paper, image, col_w, 20) for image in images],
        byline=line(article.byline), source=line(article.source), line_mm=line_mm(paper),
    )


def headline_size(cols: int, lead: bool, text: str) -> float:
    """Return the headline size in pt: wider frames and the lead story get bigger type."""
    size = HEADLINE_PT.get(cols, HEADLINE_PT[max(HEADLINE_PT)]) + (LEAD_BONUS_PT if lead else 0)
    if len(text) > 70 and cols <= 3:  # a long headline in a narrow frame would take half the frame
        size -= 3
    return size


def _image_view(paper: Paper, image: Image, width_mm: float, max_lines: int) -> ImageView:
    """Size a photo to the width, in whole body lines, capped."""
    px_w, px_h = pixel_size(image.file, image.file.stat().st_mtime_ns)
    step = line_mm(paper)
    lines = max(3, min(max_lines, math.floor(width_mm * px_h / px_w / step)))
    return ImageView(uri=image.file.as_uri(), height_mm=lines * step, lines=lines, caption=line(image.caption),
                     credit=line(image.credit))


@lru_cache(maxsize=512)
def pixel_size(path: Path, _mtime: int) -> tuple[int, int]:
    """Return an image's size in pixels (checked readable during validation); cached while unchanged."""
    with PILImage.open(path) as image:
        return image.size


def ad_frame(issue: Issue, ad: Ad, frame: Frame) -> AdFrame:
    """Build the view of an ad in its booked modules."""
    template = issue.pages[ad.page - 1].template
    rect = frame_rect(issue.paper, template, ad.page, frame)
    return AdFrame(key=ad.id, ad=ad, page=ad.page, grid=frame, rect=rect, uri=art_uri(ad.file), label=ad.label)


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
        bitmap = pdf[0].render(scale=300 / 72)
        image = bitmap.to_pil().convert("RGB")
    finally:
        pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(300, 300))
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
