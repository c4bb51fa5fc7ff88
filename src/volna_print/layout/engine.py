"""Lay out an issue: place every frame, measure it, size its text to the baseline grid."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..manifest.model import Frame, Issue
from .frames import AdFrame, ArticleFrame, PageView, ad_frame, article_frame
from .grid import Rect, frame_lines, frame_rect, head_rect, line_mm
from .measure import measure


@dataclass
class Layout:
    """The issue laid out: pages with placed frames, ready for the templates."""

    pages: list[PageView]
    imprint: Rect
    notes: list[str] = field(default_factory=list)

    def article_frames(self) -> list[ArticleFrame]:
        """Return every article frame in page order."""
        return [f for p in self.pages for f in p.frames if isinstance(f, ArticleFrame)]


def lay_out(issue: Issue) -> Layout:
    """Place every article and ad of the issue and size their contents to the baseline grid."""
    frames: dict[int, list[ArticleFrame | AdFrame]] = {p.number: [] for p in issue.pages}
    lead_done = False
    for article in issue.articles:
        if article.frame is None:
            continue  # placed automatically by the placement step
        lead = article.page == 1 and not lead_done
        lead_done = lead_done or article.page == 1
        frames[article.page].append(article_frame(issue, article, article.frame, article.page, lead))
    for ad in issue.ads:
        if ad.frame is not None:
            frames[ad.page].append(ad_frame(issue, ad, ad.frame))
    articles = [f for fs in frames.values() for f in fs if isinstance(f, ArticleFrame)]
    fit_to_grid(issue, articles)
    pages = [PageView(number=p.number, template=p.template, section=p.section,
                      head=head_rect(issue.paper, p.template, p.number), frames=frames[p.number])
             for p in issue.pages]
    return Layout(pages=pages, imprint=imprint_rect(issue))


def fit_to_grid(issue: Issue, articles: list[ArticleFrame]) -> None:
    """Measure heads and give each frame's text columns a height of whole body lines."""
    step = line_mm(issue.paper)
    for frame, size in zip(articles, measure(issue, articles), strict=True):
        total = frame_lines(issue.paper, frame.template, frame.grid.rows)
        frame.head_lines = min(size.head_lines(step), total)
        frame.body_lines = total - frame.head_lines
        # Balance only with room to spare: widows and orphans can cost a line per column break.
        frame.balance = size.body_lines + frame.columns <= frame.body_lines * frame.columns


def imprint_rect(issue: Issue) -> Rect:
    """Return where the imprint goes: the back page's reserved rows, or nowhere."""
    back = next((p for p in issue.pages if p.template == "back"), issue.pages[-1])
    rows = issue.paper.grid.reserved_rows.get("back") or (issue.paper.grid.rows,)
    frame = Frame(1, min(rows), issue.paper.grid.columns, max(rows) - min(rows) + 1)
    return frame_rect(issue.paper, back.template, back.number, frame)
