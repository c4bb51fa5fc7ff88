"""Load an issue folder: issue.yaml, its articles and ads, checked all at once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ManifestError
from ..i18n import _, ngettext
from .article import load_article, shown_text
from .assets import asset_path
from .fields import Fields
from .kinds import Mapping
from .model import Ad, Article, Frame, Issue, Jump, PagePlan, Paper
from .paper import load_paper
from .schema import AdKeys, ArticleKeys, FrameKeys, IssueKeys, JumpKeys, PageKeys, SignedKeys
from .sequence import sequence_warnings
from .source import Doc, Mark, Problems, display_path, key_name, parse_yaml, quote, read_text

# The key names of each mapping, as the schema declares them (the fuzz tests build documents from them).
ISSUE_KEYS = IssueKeys.names()
ARTICLE_KEYS = ArticleKeys.names()
AD_KEYS = AdKeys.names()
FRAME_KEYS = FrameKeys.names()
SIZE_RE = re.compile(r"^\s*(\d{1,6})\s*[xXхХ×*]\s*(\d{1,6})\s*$")  # 2x3, also Cyrillic «х» and «×»
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")  # ids name output files: short ASCII


def load_issue(folder: Path) -> Issue:
    """Read and check an issue folder; raise ManifestError listing every problem."""
    problems = Problems()
    issue = _load(folder, problems)
    if problems or issue is None:
        raise ManifestError(problems.messages or [_("the issue could not be read")])
    return issue


@dataclass(frozen=True)
class _Header:
    """The issue's own values as read: None where one is missing or wrong (and that is reported)."""

    number: int | None
    total: int | None
    date: dt.date | None
    weather: str | None
    price: str | None
    age_mark: str | None
    print_run: int | None
    signed_scheduled: dt.datetime | None
    signed_actual: dt.datetime | None
    order: int | None


def _load(folder: Path, problems: Problems) -> Issue | None:
    """Read everything, collecting problems; return the issue when nothing is wrong."""
    path = folder / "issue.yaml"
    shown = display_path(path)
    text = read_text(path, shown, problems) if _manifest_readable(folder, path, shown, problems) else None
    doc = parse_yaml(text, shown, problems) if text is not None else None
    if doc is None:
        return None
    top = Fields(doc, (), doc.data, problems, IssueKeys)
    paper_slug = top.get(IssueKeys.paper)
    paper = load_paper(paper_slug, problems) if paper_slug and _paper_exists(top, paper_slug) else None
    signed = top.get(IssueKeys.signed_to_print)
    pages = _pages(top)
    header = _header(top, signed)
    if paper is None:
        return None
    # The bounds of frames and page numbers are known only now; the entries read below inherit them.
    top.limits = {"columns": paper.grid.columns, "rows": paper.grid.rows, **({"pages": len(pages)} if pages else {})}
    root = folder.resolve()
    articles = _articles(root, top, paper)
    ads = _ads(root, top, paper)
    _check_ids(doc, articles, ads, problems)
    _check_overlaps(doc, paper, pages, articles, ads, problems)
    _check_ad_room(paper, pages, ads, problems)
    if len(pages) % 4:
        problems.warn(doc.mark(("pages",)), "pages", ngettext(
            "{count} page is not a multiple of 4; the printing house prints in multiples of 4",
            "{count} pages is not a multiple of 4; the printing house prints in multiples of 4",
            len(pages)).format(count=len(pages)))
    _sequence(folder, doc, header, problems)
    if problems:
        return None
    return _issue(root, paper, header, pages, articles, ads, problems.warnings)


def _header(top: Fields, signed: Fields | None) -> _Header:
    """Read the issue's own values, in the order their problems are listed."""
    keys = IssueKeys
    return _Header(
        number=top.get(keys.number), total=top.get(keys.total), date=top.get(keys.date),
        weather=top.get(keys.weather), price=top.get(keys.price), age_mark=top.get(keys.age_mark),
        print_run=top.get(keys.print_run),
        signed_scheduled=signed.get(SignedKeys.scheduled) if signed else None,
        signed_actual=signed.get(SignedKeys.actual) if signed else None,
        order=top.get(keys.order),
    )


def _sequence(folder: Path, doc: Doc, header: _Header, problems: Problems) -> None:
    """Warn when the issue disagrees with the one before it (only when its own values could be read)."""
    h = header
    if h.number and h.date and h.signed_scheduled and h.signed_actual:
        for message in sequence_warnings(folder, h.number, h.total, h.date, h.signed_scheduled, h.signed_actual):
            problems.warn(doc.mark(("date",)), "", message)


def _issue(root: Path, paper: Paper, header: _Header, pages: list[PagePlan],
           articles: list[tuple[Article, Mark, str]], ads: list[tuple[Ad, Mark, str]],
           warnings: list[str]) -> Issue | None:
    """Build the issue; None when a required value is missing (already reported)."""
    h = header
    if (h.number is None or h.date is None or h.price is None or h.age_mark is None or h.print_run is None
            or h.signed_scheduled is None or h.signed_actual is None):
        return None
    return Issue(root=root, paper=paper, number=h.number, total=h.total, date=h.date, weather=h.weather,
                 price=h.price, age_mark=h.age_mark, print_run=h.print_run, signed_scheduled=h.signed_scheduled,
                 signed_actual=h.signed_actual, order=h.order, pages=tuple(pages),
                 articles=tuple(a[0] for a in articles), ads=tuple(a[0] for a in ads), warnings=tuple(warnings))


def _manifest_readable(folder: Path, path: Path, shown: str, problems: Problems) -> bool:
    """Check that issue.yaml is there and is the folder's own file, not a link to somewhere else."""
    if not path.exists() and not path.is_symlink():
        others = sorted(p.name for p in folder.glob("*.y*ml")) if folder.is_dir() else []
        hint = _("rename {file} to issue.yaml").format(file=others[0]) if others else _("is this the issue's folder?")
        problems.error(Mark(shown, 1, 1), "", _("no issue.yaml in {folder}; {hint}").format(
            folder=display_path(folder), hint=hint))
        return False
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if not inside:
        problems.error(Mark(shown, 1, 1), "", _("issue.yaml is a link that leads out of the issue folder; "
                                                "copy the file in instead"))
        return False
    return True


def _paper_exists(top: Fields, slug: str) -> bool:
    """Check that the paper's design folder exists."""
    from .paper import layouts_dir

    if not ID_RE.match(slug) or not _is_file(layouts_dir() / slug / "paper.yaml"):
        known = sorted(p.name for p in layouts_dir().iterdir() if (p / "paper.yaml").is_file())
        top.error("paper", _("no design {name} in layouts/; known: {known}").format(
            name=quote(slug), known=", ".join(known) or _("none")))
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
    spec = IssueKeys.pages
    items = top.get(spec) or []
    if top.data.get("pages") == []:
        top.error("pages", _("the page plan is empty; list one entry per page"))
    plans = []
    for index, item in enumerate(items):
        fields = top.entry(spec, index, item if item is not None else {})  # «- » alone: a page of the default type
        default = "front" if index == 0 else "back" if index == len(items) - 1 else "inner"
        plans.append(PagePlan(number=index + 1, template=fields.get(PageKeys.template) or default,
                              section=fields.get(PageKeys.section)))
    return plans


def _frame(fields: Fields, spec: Mapping, paper: Paper, cols: int | None = None,
           rows: int | None = None) -> Frame | None:
    """Read a grid frame (an ad's gives only its corner: cols and rows come from its size) inside the grid."""
    sub = fields.get(spec)
    if sub is None:
        return None
    grid = paper.grid
    col, row = sub.get(FrameKeys.col), sub.get(FrameKeys.row)
    if cols is None:
        cols = sub.get(FrameKeys.cols)
    elif "cols" in sub.data:
        sub.error("cols", _("an ad's width comes from its size; remove cols"))
    if rows is None:
        rows = sub.get(FrameKeys.rows)
    elif "rows" in sub.data:
        sub.error("rows", _("an ad's height comes from its size; remove rows"))
    if col is None or row is None or cols is None or rows is None:
        return None
    if col + cols - 1 > grid.columns:
        sub.error("col", _("the frame spans columns {first}–{last} but the grid has {count}").format(
            first=col, last=col + cols - 1, count=grid.columns))
        return None
    if row + rows - 1 > grid.rows:
        sub.error("row", _("the frame spans rows {first}–{last} but the grid has {count}").format(
            first=row, last=row + rows - 1, count=grid.rows))
        return None
    return Frame(col, row, cols, rows)


def _articles(root: Path, top: Fields, paper: Paper) -> list[tuple[Article, Mark, str]]:
    """Read the articles list and every article file."""
    out = []
    spec = IssueKeys.articles
    for index, item in enumerate(top.get(spec) or []):
        article = _article(root, top.entry(spec, index, item), paper, index)
        if article is not None:
            out.append((article, top.doc.mark(("articles", index)), key_name(("articles", index), top.doc.data)))
    return out


def _article(root: Path, fields: Fields, paper: Paper, index: int) -> Article | None:
    """Read one entry of the articles list and its file."""
    keys = ArticleKeys
    path = asset_path(root, fields, keys.file)
    page, frame = fields.get(keys.page), _frame(fields, keys.frame, paper)
    columns = fields.get(keys.columns)
    if columns and frame and columns > frame.cols:
        fields.error("columns", ngettext("{columns} text columns do not fit in a frame {width} column wide",
                                         "{columns} text columns do not fit in a frame {width} columns wide",
                                         frame.cols).format(columns=columns, width=frame.cols))
    jump = _jump(fields, page, paper)
    text = load_article(root, path, fields.problems) if path else None
    fit, rank = fields.get(keys.fit), fields.get(keys.rank)
    ident = fields.get(keys.id) or (path.stem if path else f"article-{index + 1}")
    if text is None or page is None or path is None:
        return None
    return Article(id=ident, file=path, source_name=display_path(path), page=page, frame=frame, columns=columns,
                   fit=fit, jump=jump, rubric=text.rubric, headline=text.headline, subhead=text.subhead,
                   source=text.source, byline=text.byline, images=text.images, body=text.body, rank=rank)


def _jump(fields: Fields, page: int | None, paper: Paper) -> Jump | None:
    """Read where an article continues: `auto`, or a page and perhaps a frame there."""
    if fields.data.get("continue") == "auto":
        return Jump(0, None, auto=True)
    sub = fields.get(ArticleKeys.continue_)
    if sub is None:
        return None
    jump_page = sub.get(JumpKeys.page)
    if jump_page is not None and page is not None and jump_page == page:
        sub.error("page", _("an article continues on another page, not on its own"))
    return Jump(jump_page or 0, _frame(sub, JumpKeys.frame, paper))


def _ads(root: Path, top: Fields, paper: Paper) -> list[tuple[Ad, Mark, str]]:
    """Read the ads list."""
    out = []
    spec = IssueKeys.ads
    for index, item in enumerate(top.get(spec) or []):
        ad = _ad(root, top.entry(spec, index, item), paper, index)
        if ad is not None:
            out.append((ad, top.doc.mark(("ads", index)), key_name(("ads", index), top.doc.data)))
    return out


def _ad(root: Path, fields: Fields, paper: Paper, index: int) -> Ad | None:
    """Read one entry of the ads list."""
    keys = AdKeys
    path = asset_path(root, fields, keys.file)
    size = _size(fields, paper)
    page = fields.get(keys.page)
    frame = _frame(fields, keys.frame, paper, *size) if size else None
    label, fit = fields.value(keys.label), fields.value(keys.fit)
    ident = fields.get(keys.id) or (path.stem if path else f"ad-{index + 1}")
    if path is None or size is None or page is None:
        return None
    return Ad(id=ident, file=path, cols=size[0], rows=size[1], page=page, frame=frame,
              advertiser=shown_text(fields, keys.advertiser), label=label, fit=fit)


def _size(fields: Fields, paper: Paper) -> tuple[int, int] | None:
    """Read a booked ad size «columns x modules»."""
    value = fields.get(AdKeys.size)
    if value is None:
        return None
    match = SIZE_RE.match(value)
    if not match:
        fields.error("size", _("{value} is not a size; write columns x modules, e.g. 2x3").format(value=quote(value)))
        return None
    cols, rows = int(match[1]), int(match[2])
    grid = paper.grid
    if not (1 <= cols <= grid.columns and 1 <= rows <= grid.rows):
        unit = _("; a size is counted in grid columns x modules, not in mm") if max(cols, rows) > 2 * grid.rows else ""
        fields.error("size", _("{cols}x{rows} does not fit the page grid: columns 1–{columns}, modules 1–{modules}"
                               "{hint}").format(cols=cols, rows=rows, columns=grid.columns, modules=grid.rows, hint=unit))
        return None
    return cols, rows


def _check_ids(doc: Doc, articles: list[tuple[Article, Mark, str]], ads: list[tuple[Ad, Mark, str]],
               problems: Problems) -> None:
    """Every article and ad id must be unique and usable in a file name."""
    seen: dict[str, Mark] = {}
    entries: list[tuple[Article | Ad, Mark, str]] = [*articles, *ads]
    for item, mark, entry in entries:
        key = _("{entry}, {key}").format(entry=entry, key="id")
        if not ID_RE.match(item.id):
            problems.error(mark, key, _('{id} must be up to 64 ASCII letters, digits, "-" or "_" (an entry without '
                                        "id: takes its file's name)").format(id=quote(item.id)))
        if item.id in seen:
            problems.error(mark, key, _("duplicate id {id} (first used at line {line}); give each article and ad its "
                                        "own id").format(id=quote(item.id), line=seen[item.id].line))
        seen.setdefault(item.id, mark)


def _check_overlaps(doc: Doc, paper: Paper, pages: list[PagePlan], articles: list[tuple[Article, Mark, str]],
                    ads: list[tuple[Ad, Mark, str]], problems: Problems) -> None:
    """Frames on one page must not overlap each other (the imprint is placed around them at build time)."""
    placed: list[tuple[int, Frame, str, Mark, str]] = []
    for article, mark, entry in articles:
        if article.frame:
            placed.append((article.page, article.frame, _("article {id}").format(id=quote(article.id)), mark, entry))
        if article.jump and article.jump.frame:
            placed.append((article.jump.page, article.jump.frame,
                           _("article {id} (continued)").format(id=quote(article.id)), mark, entry))
    placed += [(ad.page, ad.frame, _("ad {id}").format(id=quote(ad.id)), mark, entry)
               for ad, mark, entry in ads if ad.frame]
    for index, (page, frame, name, mark, entry) in enumerate(placed):
        for other_page, other, other_name, _mark, _entry in placed[:index]:
            if other_page == page and frame.cells() & other.cells():
                problems.error(mark, _("{entry}, {key}").format(entry=entry, key="frame"), _(
                    "{name} overlaps {other} on page {page}; move one of them").format(
                    name=name, other=other_name, page=page))


def _check_ad_room(paper: Paper, pages: list[PagePlan], ads: list[tuple[Ad, Mark, str]], problems: Problems) -> None:
    """Every booked ad must fit its page: a paid ad is never dropped for want of room."""
    grid = paper.grid
    used: dict[int, int] = {}
    full: set[int] = set()
    for ad, mark, entry in ads:
        key = _("{entry}, {key}").format(entry=entry, key="size")
        # the last page keeps one module row for the imprint, which is placed at the foot or above the ads
        imprint = 1 if ad.page == len(pages) else 0
        tallest = grid.rows - imprint
        if ad.rows > tallest:
            problems.error(mark, key, _("ad {id} ({cols}x{rows}) is taller than page {page} allows: {tallest} "
                                        "modules (the imprint needs a row of the last page); book it smaller or on "
                                        "another page").format(id=quote(ad.id), cols=ad.cols, rows=ad.rows,
                                                               page=ad.page, tallest=tallest))
            continue
        used[ad.page] = used.get(ad.page, 0) + ad.cols * ad.rows
        free = grid.columns * (grid.rows - imprint)
        if used[ad.page] > free and ad.page not in full:
            full.add(ad.page)
            problems.error(mark, key, _("with ad {id} the ads on page {page} take {used} modules, more than the "
                                        "{free} the page has; move an ad to another page").format(
                id=quote(ad.id), page=ad.page, used=used[ad.page], free=free))


