"""Load an issue folder: issue.yaml, its articles and ads, checked all at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import ManifestError
from .article import load_article, shown_text
from .assets import ART_SUFFIXES, asset_path
from .fields import Fields
from .model import (
    AD_FITS,
    AD_LABELS,
    AGE_MARKS,
    FIT_MODES,
    PAGE_TEMPLATES,
    RANKS,
    Ad,
    Article,
    Frame,
    Issue,
    Jump,
    PagePlan,
    Paper,
)
from .paper import load_paper
from .sequence import sequence_warnings
from .source import Doc, Mark, Problems, display_path, parse_yaml, quote, read_text

ISSUE_KEYS = ("paper", "number", "total", "date", "weather", "price", "age_mark", "print_run", "signed_to_print",
              "order", "pages", "articles", "ads")
ARTICLE_SUFFIXES = (".md", ".markdown", ".docx")  # a Word file is converted by manifest/docx.py
ARTICLE_KEYS = ("id", "file", "page", "frame", "columns", "fit", "continue", "rank")
AD_KEYS = ("id", "file", "size", "page", "frame", "advertiser", "label", "fit")
FRAME_KEYS = ("col", "row", "cols", "rows")
SIZE_RE = re.compile(r"^\s*(\d{1,6})\s*[xXхХ×*]\s*(\d{1,6})\s*$")  # 2x3, also Cyrillic «х» and «×»
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")  # ids name output files: short ASCII


def load_issue(folder: Path) -> Issue:
    """Read and check an issue folder; raise ManifestError listing every problem."""
    problems = Problems()
    issue = _load(folder, problems)
    if problems or issue is None:
        raise ManifestError(problems.messages or ["the issue could not be read"])
    return issue


def _load(folder: Path, problems: Problems) -> Issue | None:
    """Read everything, collecting problems; return the issue when nothing is wrong."""
    path = folder / "issue.yaml"
    shown = display_path(path)
    text = read_text(path, shown, problems) if _manifest_readable(folder, path, shown, problems) else None
    doc = parse_yaml(text, shown, problems) if text is not None else None
    if doc is None:
        return None
    top = Fields(doc, (), doc.data, problems, ISSUE_KEYS)
    paper_slug = top.text("paper", True)
    paper = load_paper(paper_slug, problems) if paper_slug and _paper_exists(top, paper_slug) else None
    signed = top.sub("signed_to_print", ("scheduled", "actual"), required=True,
                     example='{scheduled: "2025-07-29 18:00", actual: "2025-07-29 17:40"}')
    pages = _pages(top)
    values: dict[str, Any] = dict(
        number=top.integer("number", True, 1, 999), total=top.integer("total", False, 1),
        date=top.date("date", True), weather=top.text("weather"), price=top.text("price", True),
        age_mark=top.choice("age_mark", AGE_MARKS, True), print_run=top.integer("print_run", True, 1),
        signed_scheduled=signed.moment("scheduled", True) if signed else None,
        signed_actual=signed.moment("actual", True) if signed else None,
        order=top.integer("order", False, 1),
    )
    if paper is None:
        return None
    root = folder.resolve()
    articles = _articles(root, doc, top, paper, len(pages), problems)
    ads = _ads(root, doc, top, paper, len(pages), problems)
    _check_ids(doc, articles, ads, problems)
    _check_overlaps(doc, paper, pages, articles, ads, problems)
    _check_ad_room(paper, pages, ads, problems)
    if len(pages) % 4:
        problems.warn(doc.mark(("pages",)), "pages", f"{len(pages)} pages is not a multiple of 4; the printing "
                      "house prints in multiples of 4")
    if values["number"] and values["date"] and values["signed_scheduled"] and values["signed_actual"]:
        for message in sequence_warnings(folder, values["number"], values["total"], values["date"],
                                         values["signed_scheduled"], values["signed_actual"]):
            problems.warn(doc.mark(("date",)), "", message)
    if problems or any(v is None for k, v in values.items() if k not in ("total", "weather", "order")):
        return None
    return Issue(root=root, paper=paper, pages=tuple(pages), articles=tuple(a for a, _ in articles),
                 ads=tuple(a for a, _ in ads), warnings=tuple(problems.warnings), **values)


def _manifest_readable(folder: Path, path: Path, shown: str, problems: Problems) -> bool:
    """Check that issue.yaml is there and is the folder's own file, not a link to somewhere else."""
    if not path.exists() and not path.is_symlink():
        others = sorted(p.name for p in folder.glob("*.y*ml")) if folder.is_dir() else []
        hint = f"rename {others[0]} to issue.yaml" if others else "is this the issue's folder?"
        problems.error(Mark(shown, 1, 1), "", f"no issue.yaml in {display_path(folder)}; {hint}")
        return False
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if not inside:
        problems.error(Mark(shown, 1, 1), "", "issue.yaml is a link that leads out of the issue folder; "
                       "copy the file in instead")
        return False
    return True


def _paper_exists(top: Fields, slug: str) -> bool:
    """Check that the paper's design folder exists."""
    from .paper import layouts_dir

    if not ID_RE.match(slug) or not _is_file(layouts_dir() / slug / "paper.yaml"):
        known = sorted(p.name for p in layouts_dir().iterdir() if (p / "paper.yaml").is_file())
        top.error("paper", f'no design {quote(slug)} in layouts/; known: {", ".join(known) or "none"}')
        return False
    return True


def _is_file(path: Path) -> bool:
    """Return whether a path is a file; an unreadable or impossible path is not."""
    try:
        return path.is_file()
    except OSError:
        return False


def _pages(top: Fields) -> list[PagePlan]:
    """Read the page plan: the front page first, the back page last by default."""
    items = top.items("pages", True, example='write one line per page, each starting with "- ", e.g. '
                      "- {template: front}")
    if top.data.get("pages") == []:
        top.error("pages", "the page plan is empty; list one entry per page")
    plans = []
    for index, item in enumerate(items):
        fields = Fields(top.doc, ("pages", index), item if item is not None else {}, top.problems,
                        ("template", "section"))
        default = "front" if index == 0 else "back" if index == len(items) - 1 else "inner"
        plans.append(PagePlan(number=index + 1, template=fields.choice("template", PAGE_TEMPLATES, default=default)
                              or default, section=fields.text("section")))
    return plans


def _frame(fields: Fields, name: str, paper: Paper, cols: int | None = None, rows: int | None = None) -> Frame | None:
    """Read a grid frame and check that it lies inside the grid."""
    example = "{col: 1, row: 1, cols: 2, rows: 3}" if cols is None else "{col: 1, row: 1}"
    sub = fields.sub(name, FRAME_KEYS, example=example)
    if sub is None:
        return None
    grid = paper.grid
    col, row = sub.integer("col", True, 1, grid.columns), sub.integer("row", True, 1, grid.rows)
    if cols is None:
        cols = sub.integer("cols", True, 1, grid.columns)
    elif "cols" in sub.data:
        sub.error("cols", "an ad's width comes from its size; remove cols")
    if rows is None:
        rows = sub.integer("rows", True, 1, grid.rows)
    elif "rows" in sub.data:
        sub.error("rows", "an ad's height comes from its size; remove rows")
    if None in (col, row, cols, rows):
        return None
    assert col and row and cols and rows
    if col + cols - 1 > grid.columns:
        sub.error("col", f"the frame spans columns {col}–{col + cols - 1} but the grid has {grid.columns}")
        return None
    if row + rows - 1 > grid.rows:
        sub.error("row", f"the frame spans rows {row}–{row + rows - 1} but the grid has {grid.rows}")
        return None
    return Frame(col, row, cols, rows)


def _page_number(fields: Fields, count: int) -> int | None:
    """Read a page number of the plan (without a plan, already reported, any page number is let through)."""
    return fields.integer("page", True, 1, count if count else None)


def _articles(root: Path, doc: Doc, top: Fields, paper: Paper, pages: int,
              problems: Problems) -> list[tuple[Article, Mark]]:
    """Read the articles list and every article file."""
    out = []
    for index, item in enumerate(top.items("articles")):
        fields = Fields(doc, ("articles", index), item, problems, ARTICLE_KEYS)
        path = asset_path(root, fields, "file", ARTICLE_SUFFIXES)
        page, frame = _page_number(fields, pages), _frame(fields, "frame", paper)
        columns = fields.integer("columns", False, 1, paper.grid.columns)
        if columns and frame and columns > frame.cols:
            fields.error("columns", f"{columns} text columns do not fit in a frame {frame.cols} columns wide")
        jump = None
        auto = isinstance(fields.data, dict) and fields.data.get("continue") == "auto"
        sub = None if auto else fields.sub("continue", ("page", "frame"), example="{page: 4}, or auto")
        if auto:
            jump = Jump(0, None, auto=True)
        elif sub is not None:
            jump_page = _page_number(sub, pages)
            if jump_page is not None and page is not None and jump_page == page:
                sub.error("page", "an article continues on another page, not on its own")
            jump = Jump(jump_page or 0, _frame(sub, "frame", paper))
        text = load_article(root, path, problems) if path else None
        fit = fields.choice("fit", FIT_MODES)
        rank = fields.choice("rank", RANKS)
        ident = fields.text("id") or (path.stem if path else f"article-{index + 1}")
        if text is None or page is None or path is None:
            continue
        article = Article(id=ident, file=path, source_name=display_path(path), page=page, frame=frame,
                          columns=columns, fit=fit, jump=jump, rubric=text.rubric, headline=text.headline,
                          subhead=text.subhead, source=text.source, byline=text.byline, images=text.images,
                          body=text.body, rank=rank)
        out.append((article, doc.mark(("articles", index))))
    return out


def _ads(root: Path, doc: Doc, top: Fields, paper: Paper, pages: int, problems: Problems) -> list[tuple[Ad, Mark]]:
    """Read the ads list."""
    out = []
    for index, item in enumerate(top.items("ads")):
        fields = Fields(doc, ("ads", index), item, problems, AD_KEYS)
        path = asset_path(root, fields, "file", ART_SUFFIXES)
        size = _size(fields, paper)
        page = _page_number(fields, pages)
        frame = _frame(fields, "frame", paper, *size) if size else None
        label = fields.choice("label", AD_LABELS, default="Реклама") or "Реклама"
        fit = fields.choice("fit", AD_FITS, default="contain") or "contain"
        ident = fields.text("id") or (path.stem if path else f"ad-{index + 1}")
        if path is None or size is None or page is None:
            continue
        ad = Ad(id=ident, file=path, cols=size[0], rows=size[1], page=page, frame=frame,
                advertiser=shown_text(fields, "advertiser"), label=label, fit=fit)
        out.append((ad, doc.mark(("ads", index))))
    return out


def _size(fields: Fields, paper: Paper) -> tuple[int, int] | None:
    """Read a booked ad size «columns x modules»."""
    value = fields.text("size", True)
    if value is None:
        return None
    match = SIZE_RE.match(value)
    if not match:
        fields.error("size", f"{quote(value)} is not a size; write columns x modules, e.g. 2x3")
        return None
    cols, rows = int(match[1]), int(match[2])
    grid = paper.grid
    if not (1 <= cols <= grid.columns and 1 <= rows <= grid.rows):
        unit = "; a size is counted in grid columns x modules, not in mm" if max(cols, rows) > 2 * grid.rows else ""
        fields.error("size", f"{cols}x{rows} does not fit the page grid: columns 1–{grid.columns}, "
                     f"modules 1–{grid.rows}{unit}")
        return None
    return cols, rows


def _check_ids(doc: Doc, articles: list[tuple[Article, Mark]], ads: list[tuple[Ad, Mark]],
               problems: Problems) -> None:
    """Every article and ad id must be unique and usable in a file name."""
    seen: dict[str, Mark] = {}
    entries: list[tuple[Article | Ad, Mark]] = [*articles, *ads]
    for item, mark in entries:
        if not ID_RE.match(item.id):
            problems.error(mark, "id", f'{quote(item.id)} must be up to 64 ASCII letters, digits, "-" or "_" '
                           "(an entry without id: takes its file's name)")
        if item.id in seen:
            problems.error(mark, "id", f"duplicate id {quote(item.id)} (first used at line {seen[item.id].line}); "
                           "give each article and ad its own id")
        seen.setdefault(item.id, mark)


def _check_overlaps(doc: Doc, paper: Paper, pages: list[PagePlan], articles: list[tuple[Article, Mark]],
                    ads: list[tuple[Ad, Mark]], problems: Problems) -> None:
    """Frames on one page must not overlap each other (the imprint is placed around them at build time)."""
    placed: list[tuple[int, Frame, str, Mark]] = []
    for article, mark in articles:
        if article.frame:
            placed.append((article.page, article.frame, f"article {quote(article.id)}", mark))
        if article.jump and article.jump.frame:
            placed.append((article.jump.page, article.jump.frame, f"article {quote(article.id)} (continued)", mark))
    placed += [(ad.page, ad.frame, f"ad {quote(ad.id)}", mark) for ad, mark in ads if ad.frame]
    for index, (page, frame, name, mark) in enumerate(placed):
        for other_page, other, other_name, _ in placed[:index]:
            if other_page == page and frame.cells() & other.cells():
                problems.error(mark, "frame", f"{name} overlaps {other_name} on page {page}; move one of them")


def _check_ad_room(paper: Paper, pages: list[PagePlan], ads: list[tuple[Ad, Mark]], problems: Problems) -> None:
    """Every booked ad must fit its page: a paid ad is never dropped for want of room."""
    grid = paper.grid
    used: dict[int, int] = {}
    full: set[int] = set()
    for ad, mark in ads:
        # the last page keeps one module row for the imprint, which is placed at the foot or above the ads
        imprint = 1 if ad.page == len(pages) else 0
        tallest = grid.rows - imprint
        if ad.rows > tallest:
            problems.error(mark, "size", f"ad {quote(ad.id)} ({ad.cols}x{ad.rows}) is taller than page {ad.page} "
                           f"allows: {tallest} modules (the imprint needs a row of the last page); book it "
                           "smaller or on another page")
            continue
        used[ad.page] = used.get(ad.page, 0) + ad.cols * ad.rows
        free = grid.columns * (grid.rows - imprint)
        if used[ad.page] > free and ad.page not in full:
            full.add(ad.page)
            problems.error(mark, "size", f"with ad {quote(ad.id)} the ads on page {ad.page} take {used[ad.page]} "
                           f"modules, more than the {free} the page has; move an ad to another page")


