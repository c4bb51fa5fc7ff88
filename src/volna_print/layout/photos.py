"""Photos as part of the fit: the spans and heights a lead photo may take, body photos, what to warn about."""

from __future__ import annotations

import math

from markupsafe import escape

from ..i18n import _
from ..manifest.model import Article, Image, Issue
from ..text import line
from ..units import MM_PER_INCH
from .frames import BODY_IMAGE_MAX_LINES, body_image_lines, height_range, image_pixels, image_view, max_width
from .grid import column_width, grid_lines, line_mm, span_width
from .place import PhotoNeed
from .setter import Piece, Setter

PHOTO_SHARE = {"lead": 0.45, "main": 0.35, "secondary": 0.3, "brief": 0.2}  # of the page's height, at most


def photo_notes(issue: Issue, article: Article) -> list[str]:
    """Say which photos are too small for print even at one column, and which an asked aspect crops hard."""
    paper = issue.paper
    notes = []
    for image in article.images:
        width, height = image_pixels(image)
        shown = image.file.name
        ppi = width * MM_PER_INCH / column_width(paper)
        if ppi < paper.rules.photo_min_ppi:
            notes.append(_("page {page}, «{headline}»: photo {file} is {width} px wide: even one column wide it "
                           "prints at {ppi:.0f} ppi, below the paper's {least:.0f}; give a larger picture").format(
                page=article.page, headline=article.headline, file=shown, width=width, ppi=ppi,
                least=paper.rules.photo_min_ppi))
        if image.aspect:
            own = width / height
            crop = 1 - min(own / image.aspect, image.aspect / own)
            if crop > paper.rules.max_crop:
                loss = (_("photo {file} loses {crop:.0f} % of its width to the aspect asked in the front matter")
                        if own > image.aspect else
                        _("photo {file} loses {crop:.0f} % of its height to the aspect asked in the front matter"))
                notes.append(_("page {page}, «{headline}»: {loss}").format(
                    page=article.page, headline=article.headline, loss=loss.format(file=shown, crop=crop * 100)))
    return notes


def body_figure(issue: Issue, image: Image, width: float, lines: int | None = None, anchor: str = "") -> str:
    """Return the HTML of a photo set inside the text columns: column width, whole lines (else as its aspect
    gives), caption below; `anchor` names it, so that the setter can say where it stands."""
    step = line_mm(issue.paper)
    if lines is None:
        lines = body_image_lines(issue.paper, image, width)
    view = image_view(issue.paper, image, width, lines, 0, line(image.caption), line(image.credit))
    caption = ""
    if image.caption or image.credit:
        credit = f' <span class="credit">{escape(view.credit)}</span>' if image.credit else ""
        caption = f"<figcaption>{escape(view.caption)}{credit}</figcaption>"
    named = f' id="{anchor}"' if anchor else ""
    return (f'<figure class="photo"{named}><img src="{escape(view.uri)}" alt="" style="height: {lines * step - 1.0:.3f}mm; '
            f'object-position: {view.position}">{caption}</figure>')


def body_figure_lines(issue: Issue, image: Image, width: float) -> tuple[int, int, int]:
    """Return the fewest, the natural and the most image lines a photo inside the text may take: down and up
    to its crop limit (and its pixels, and BODY_IMAGE_MAX_LINES); an explicit aspect, or a photo that may not
    shrink, keeps its height either way."""
    step = line_mm(issue.paper)
    natural = body_image_lines(issue.paper, image, width)
    if not image.shrink or image.aspect is not None:
        return natural, natural, natural
    low, high = height_range(issue.paper, image, width)
    fewest = min(natural, max(3, math.ceil((low + 1.0) / step - 1e-6)))
    most = max(natural, min(BODY_IMAGE_MAX_LINES, math.floor((high + 1.0) / step + 1e-6)))
    return fewest, natural, most


def photo_need(issue: Issue, setter: Setter, image: Image, template: str, rank: str,
               body_lines: int) -> PhotoNeed:
    """Return the spans and line heights a lead photo may take, caption included.

    A photo is never taller than its rank's share of the page, nor (span for span) than the text it
    illustrates: a short story does not get a picture a third of the page high.
    """
    paper = issue.paper
    step = line_mm(paper)
    limit = math.floor(grid_lines(paper, template) * PHOTO_SHARE.get(rank, PHOTO_SHARE["main"]))
    widest = max_width(paper, image)
    spans = [c for c in range(1, paper.grid.columns + 1) if c == 1 or span_width(paper, c) <= widest + 0.5]
    if image.cols:
        spans = [c for c in spans if c <= image.cols] if image.shrink else [image.cols]
        spans = spans or [1]
    captions = setter.heights([caption_piece(issue, image, span_width(paper, c)) for c in spans])
    options = []
    for cols, caption in zip(spans, captions, strict=True):
        low, high = height_range(paper, image, span_width(paper, cols))
        lowest = max(3, math.ceil((low + 1.0) / step - 1e-6))
        by_text = max(8, 3 * body_lines // (2 * cols))  # the picture may outweigh its text by half, no more
        highest = max(lowest, min(limit, by_text, math.floor((high + 1.0) / step + 1e-6)))
        extra = caption_lines(caption, step)
        options.append((cols, lowest + extra, highest + extra))
    return PhotoNeed(tuple(options))


def caption_piece(issue: Issue, image: Image, width: float) -> Piece:
    """Return a photo's caption as drawn under a lead photo."""
    return Piece("caption.html", (("caption", line(image.caption)), ("credit", line(image.credit))), width)


def caption_lines(height_mm: float, step: float) -> int:
    """Return the body lines a caption takes (none when there is no caption)."""
    return math.ceil((height_mm + 0.8) / step - 1e-6) if height_mm > 0.05 else 0
