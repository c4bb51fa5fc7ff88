"""Checks of the issue as laid out: overset, the imprint the law requires, the ads' share and sizes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..build import Result
from ..i18n import N_, _, ngettext
from ..layout.frames import AdFrame, PageView
from ..layout.grid import Rect
from ..manifest.assets import IMAGE_FORMATS, IMAGE_SUFFIXES
from ..manifest.model import Paper
from ..text import group_digits, moment
from ..units import MM_PER_INCH, MM_PER_PT, PT_PER_MM
from .findings import Finding
from .messages import say
from .pdfx import Sheet
from .settings import PrintSettings

PLACEHOLDER = "ОБРАЗЕЦ"
# A sample value («ОБРАЗЕЦ: …», any case) or a blank to fill in («19__», «№ ___»).
PLACEHOLDER_RE = re.compile(rf"{PLACEHOLDER}|_{{2,}}", re.IGNORECASE)


def locator(result: Result, geometry: Sheet) -> Any:
    """Return a function naming what lies at a point of a print page: «article x», «ad y», «imprint»…"""

    def locate(page: int, x: float, y: float) -> str:
        """Return the name of the frame (or furniture) at a point of a print page, or ""."""
        x_mm, y_mm = geometry.to_design_mm(x, y)
        view: PageView = result.layout.pages[page - 1]
        for frame in view.frames:
            if _contains(frame.rect, x_mm, y_mm):
                return ad_name(frame.ad.id) if isinstance(frame, AdFrame) else article_name(frame.article.id)
        if view.template == "back" and _contains(result.layout.imprint, x_mm, y_mm):
            return _(PLACES["imprint"])
        if _contains(view.head, x_mm, y_mm):
            return _(PLACES["masthead"]) if view.template == "front" else _("running head")
        return ""

    return locate


def ad_name(ident: str) -> str:
    """Return how a finding names an ad: «ad cafe»."""
    return _("ad {id}").format(id=ident)


def article_name(ident: str) -> str:
    """Return how a finding names an article: «article school»."""
    return _("article {id}").format(id=ident)


def _contains(rect: Rect, x: float, y: float) -> bool:
    """Return whether a point (mm) lies in a rectangle, edges included."""
    return rect.x - 0.5 <= x <= rect.x + rect.w + 0.5 and rect.y - 0.5 <= y <= rect.y + rect.h + 0.5


def check_layout(result: Result) -> list[Finding]:
    """Report overset text (errors: text would be lost) and the build's warnings."""
    found = [
        Finding(
            "error",
            "overset",
            ngettext("{lines} line ≈ {chars} characters does not fit the frame",
                     "{lines} lines ≈ {chars} characters do not fit the frame", fit.overset_lines).format(
                lines=fit.overset_lines, chars=fit.overset_chars),
            fit.frame.page,
            article_name(fit.frame.article.id),
        )
        for fit in result.overset()
    ]
    found += [Finding("warning", "build", warning) for warning in result.warnings]
    return found


def imprint_items(result: Result) -> list[tuple[str, str, bool]]:
    """Return (what, value as printed, required by law) for every item of the imprint (media law art. 27)."""
    issue, paper = result.issue, result.issue.paper
    data = paper.imprint
    return [
        (_("the name of the paper"), paper.name, True),
        (_("the founder"), "; ".join(data.founders), True),
        (_("the editor-in-chief"), data.editor_in_chief, True),
        (_("the publisher"), data.publisher, True),
        (_("the publisher's address"), data.publisher_address, True),
        (_("the editorial office's address"), paper.contacts.get("address", ""), True),
        (_("the printing house"), data.printer, True),
        (_("the printing house's address"), data.printer_address, True),
        (_("the issue number"), str(issue.number), True),
        (_("the date"), f"{issue.date:%d.%m.%Y}", True),
        (_("signed to print (scheduled)"), moment(issue.signed_scheduled), True),
        (_("signed to print (actual)"), moment(issue.signed_actual), True),
        (_("the print run"), group_digits(issue.print_run), True),
        (_("the price"), issue.price, True),
        (_("the age mark"), issue.age_mark, True),
        (_("the registration note"), data.registration, False),
    ]


def check_imprint(result: Result, back_page_pdf: bytes | None, geometry: Sheet) -> list[Finding]:
    """Check that every imprint item is filled in, is not a sample value, and is printed in the imprint."""
    page = next((p.number for p in result.layout.pages if p.template == "back"), len(result.layout.pages))
    printed = _words(imprint_text(back_page_pdf, result.layout.imprint, geometry)) if back_page_pdf else None
    found = []
    for what, value, required in imprint_items(result):
        level = "error" if required else "warning"
        if not value.strip():
            message = _("{what} is missing (paper.yaml or issue.yaml)").format(what=what)
            found.append(Finding(level, "imprint", message, page))
        elif is_placeholder(value):
            continue  # check_placeholders reports it, with the key to fill in
        elif printed is not None and not set(_words(value)) <= set(printed):
            message = _("{what} («{value}») is not printed inside the imprint's area (does the imprint "
                        "overflow?)").format(what=what, value=value)
            found.append(Finding(level, "imprint", message, page))
    return found


def is_placeholder(value: str) -> bool:
    """Return whether a printed value is a placeholder: «ОБРАЗЕЦ…», a blank to fill in («19__»)."""
    return bool(PLACEHOLDER_RE.search(value))


# Where the furniture prints a standing value, as a finding says «printed …»; also the finding's subject.
PLACES = {
    "masthead": N_("masthead"),
    "imprint": N_("imprint"),
}
PRINTED = {
    "masthead": N_("in the masthead"),
    "founded": N_("in the masthead: «Издаётся с … года»"),
    "both": N_("in the masthead and the imprint"),
    "imprint": N_("in the imprint"),
}


def furniture_values(result: Result) -> list[tuple[str, str, str, int]]:
    """Return (key as written, value, where it is printed, page) for every standing value the pages print.

    Where is a key of PRINTED; a list's items are named by their number, counted from 1 as editors count.
    """
    issue, paper = result.issue, result.issue.paper
    pages = result.layout.pages
    back = next((p.number for p in pages if p.template == "back"), len(pages))
    data = paper.imprint
    values = [
        ("paper.yaml name", paper.name, "masthead", 1),
        ("paper.yaml subtitle", paper.subtitle, "masthead", 1),
        ("paper.yaml founded", paper.founded, "founded", 1),
        *((f"paper.yaml contacts.{k}", v, "both", 1) for k, v in paper.contacts.items()),
        *((list_item("paper.yaml imprint.founders", n), v, "imprint", back) for n, v in enumerate(data.founders, 1)),
        *(
            (f"paper.yaml imprint.{k}", getattr(data, k), "imprint", back)
            for k in ("publisher", "publisher_address", "editor_in_chief", "printer", "printer_address")
        ),
        ("paper.yaml imprint.registration", data.registration, "imprint", back),
        *((list_item("paper.yaml imprint.notes", n), v, "imprint", back) for n, v in enumerate(data.notes, 1)),
        ("issue.yaml price", issue.price, "both", 1),
        ("issue.yaml weather", issue.weather or "", "masthead", 1),
    ]
    return [(key, value, where, page) for key, value, where, page in values if value]


def list_item(key: str, number: int) -> str:
    """Return how a message names an item of a list in a settings file: «imprint.founders, item 2»."""
    return _("{key}, item {number}").format(key=key, number=number)


def check_placeholders(result: Result, strict: bool = False) -> list[Finding]:
    """Report placeholders in the furniture the pages print: warnings, errors under --strict."""
    level = "error" if strict else "warning"
    return [
        Finding(level, "placeholder", say("placeholder", key=key, value=value, where=_(PRINTED[where])), page,
                _(PLACES["imprint" if where == "imprint" else "masthead"]))
        for key, value, where, page in furniture_values(result)
        if is_placeholder(value)
    ]


def imprint_text(pdf: bytes, rect: Rect, geometry: Sheet) -> str:
    """Return the text printed in the imprint's rectangle of a print page (read with PDFium)."""
    import pypdfium2

    left = geometry.left + rect.x * PT_PER_MM * geometry.scale
    top = geometry.bottom + (geometry.page_height_pt - rect.y * PT_PER_MM) * geometry.scale
    right = left + rect.w * PT_PER_MM * geometry.scale
    bottom = top - rect.h * PT_PER_MM * geometry.scale
    document = pypdfium2.PdfDocument(pdf)
    try:
        text = (
            document[0]
            .get_textpage()
            .get_text_bounded(left=left - 2, bottom=bottom - 2, right=right + 2, top=top + 2)
        )
    finally:
        document.close()
    return str(text)


def _words(text: str) -> list[str]:
    """Return the words and numbers of a text, lower case, for matching regardless of spaces and dashes."""
    return re.findall(r"[0-9a-zа-яё+]+", text.replace("\u00a0", " ").lower())


def art_area(paper: Paper, rect: Rect) -> tuple[float, float]:
    """Return the size in mm the artwork of an ad is made for: its module less the marking's strip and the
    frame's rule (paper.yaml `ads:`; templates/ad.html draws the same)."""
    rule = paper.ads.rule_pt * MM_PER_PT
    return rect.w - 2 * rule, rect.h - paper.ads.label_strip - 2 * rule


def check_ads(result: Result, settings: PrintSettings) -> tuple[list[Finding], dict[str, Any]]:
    """Check the ads' share of the issue, that every artwork fits its booked module, and its ink."""
    paper = result.issue.paper
    margins = paper.margins
    type_area = (paper.width - margins.inside - margins.outside) * (
        paper.height - margins.top - margins.bottom
    )
    ads = [f for page in result.layout.pages for f in page.frames if isinstance(f, AdFrame)]
    share = 100 * sum(f.rect.w * f.rect.h for f in ads) / (type_area * len(result.layout.pages))
    found = []
    if share > settings.ad_share_max:
        message = _("ads take {share:.1f} % of the issue's type area, over the {limit:g} % a non-advertising "
                    "periodical may carry (38-ФЗ art. 16)").format(share=share, limit=settings.ad_share_max)
        found.append(Finding("warning", "ad share", message))
    for frame in ads:
        subject = ad_name(frame.ad.id)
        area = art_area(paper, frame.rect)
        finding = artwork_fit(frame.ad.file, area, frame.page, subject, frame.ad.fit, settings)
        found += [finding] if finding else []
        found += _delivered_ink(frame.ad.file, settings, frame.page, subject)
    return found, {"ad_share_percent": round(share, 1), "ads": len(ads)}


def _delivered_ink(path: Path, settings: PrintSettings, page: int, subject: str) -> list[Finding]:
    """Warn about CMYK artwork without a profile that the build had to hold under the ink limit."""
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return []
    from PIL import Image

    from .color import total_ink

    with Image.open(path, formats=IMAGE_FORMATS) as image:
        if image.mode != "CMYK" or image.info.get("icc_profile"):
            return []
        total = total_ink(image)
    count = int((total > settings.ink_limit * 2.55).sum())
    if not count:
        return []
    target = settings.ink_limit - settings.ink_margin
    message = say(
        "ink.ad.reduced", peak=total.max() / 2.55, count=count, limit=settings.ink_limit, target=target
    )
    return [Finding("warning", "ink", message, page, subject)]


def artwork_size(path: Path) -> tuple[tuple[float, float] | None, tuple[float, float]]:
    """Return an artwork's physical size in mm (None when it states none) and its proportions (w, h)."""
    if path.suffix.lower() == ".pdf":
        import pikepdf

        with pikepdf.open(path) as pdf:
            page = pdf.pages[0].obj
            box = [float(v) for v in page.get("/TrimBox", page.MediaBox)]
        size = ((box[2] - box[0]) / PT_PER_MM, (box[3] - box[1]) / PT_PER_MM)
        return size, size
    from PIL import Image

    with Image.open(path, formats=IMAGE_FORMATS) as image:
        width, height = image.size
        dpi = image.info.get("dpi")
    if dpi and dpi[0] >= 10 and dpi[1] >= 10:
        return (width / float(dpi[0]) * MM_PER_INCH, height / float(dpi[1]) * MM_PER_INCH), (width, height)
    return None, (width, height)


def artwork_fit(
    path: Path,
    area: tuple[float, float],
    page: int | None,
    subject: str,
    fit: str,
    settings: PrintSettings,
) -> Finding | None:
    """Compare an artwork with the area its module leaves it; say in mm what the fit does and what to order.

    Within settings.ad_size_tolerance nothing is said; the same proportions at another size are scaled.
    """
    size, shape = artwork_size(path)
    width, height = area
    tolerance = settings.ad_size_tolerance
    # The artwork scaled to the area, whole (contain) or filling it (cover): what is left over or cut off.
    scale = (min if fit == "contain" else max)(width / shape[0], height / shape[1])
    spare_w, spare_h = abs(width - shape[0] * scale), abs(height - shape[1] * scale)
    made = (_("{width:.1f} × {height:.1f} mm").format(width=size[0], height=size[1]) if size
            else _("{width:g} × {height:g} px").format(width=shape[0], height=shape[1]))
    values = {"made": made, "width": width, "height": height}
    if max(spare_w, spare_h) > tolerance:
        sides = _("at the sides") if spare_w > spare_h else _("above and below")
        key = "fit.contain" if fit == "contain" else "fit.cover"
        values.update(spare=max(spare_w, spare_h), sides=sides, ratio=_ratio(shape), area_ratio=_ratio(area))
        return Finding("warning", "ad size", say(key, **values), page, subject)
    if size is None or (abs(size[0] - width) <= tolerance and abs(size[1] - height) <= tolerance):
        return None  # no physical size stated: the proportions are all there is to check
    return Finding("info", "ad size", say("fit.scaled", **values, scale=100 * width / size[0]), page, subject)


def _ratio(size: tuple[float, float]) -> str:
    """Return proportions as «1.86 : 1» (1,86 : 1 in Russian)."""
    return _("{ratio:.2f} : 1").format(ratio=size[0] / size[1])
