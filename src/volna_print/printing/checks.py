"""Checks of the issue as laid out: overset, the imprint the law requires, the ads' share and sizes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..layout.frames import AdFrame, PageView
from ..layout.grid import Rect
from ..text import group_digits, moment
from .findings import Finding
from .pdfx import PT_PER_MM, Sheet
from .settings import PrintSettings

SIZE_TOLERANCE_MM = 1.0
PLACEHOLDER = "ОБРАЗЕЦ"


def locator(result: Any, geometry: Sheet) -> Any:
    """Return a function naming what lies at a point of a print page: «article x», «ad y», «imprint»…"""

    def locate(page: int, x: float, y: float) -> str:
        """Return the name of the frame (or furniture) at a point of a print page, or ""."""
        x_mm, y_mm = geometry.to_design_mm(x, y)
        view: PageView = result.layout.pages[page - 1]
        for frame in view.frames:
            if _contains(frame.rect, x_mm, y_mm):
                return f"ad {frame.ad.id}" if isinstance(frame, AdFrame) else f"article {frame.article.id}"
        if view.template == "back" and _contains(result.layout.imprint, x_mm, y_mm):
            return "imprint"
        if _contains(view.head, x_mm, y_mm):
            return "masthead" if view.template == "front" else "running head"
        return ""

    return locate


def _contains(rect: Rect, x: float, y: float) -> bool:
    """Return whether a point (mm) lies in a rectangle, edges included."""
    return rect.x - 0.5 <= x <= rect.x + rect.w + 0.5 and rect.y - 0.5 <= y <= rect.y + rect.h + 0.5


def check_layout(result: Any) -> list[Finding]:
    """Report overset text (errors: text would be lost) and the build's warnings."""
    found = [
        Finding(
            "error",
            "overset",
            f"{fit.overset_lines} lines ≈ {fit.overset_chars} characters do not fit the frame",
            fit.frame.page,
            f"article {fit.frame.article.id}",
        )
        for fit in result.overset()
    ]
    found += [Finding("warning", "build", warning) for warning in result.warnings]
    return found


def imprint_items(result: Any) -> list[tuple[str, str, bool]]:
    """Return (what, value as printed, required by law) for every item of the imprint (media law art. 27)."""
    issue, paper = result.issue, result.issue.paper
    data = paper.imprint
    return [
        ("name of the paper", paper.name, True),
        ("founder", "; ".join(data.founders), True),
        ("editor-in-chief", data.editor_in_chief, True),
        ("publisher", data.publisher, True),
        ("publisher's address", data.publisher_address, True),
        ("editorial office's address", paper.contacts.get("address", ""), True),
        ("printing house", data.printer, True),
        ("printing house's address", data.printer_address, True),
        ("issue number", str(issue.number), True),
        ("date", f"{issue.date:%d.%m.%Y}", True),
        ("signed to print (scheduled)", moment(issue.signed_scheduled), True),
        ("signed to print (actual)", moment(issue.signed_actual), True),
        ("print run", group_digits(issue.print_run), True),
        ("price", issue.price, True),
        ("age mark", issue.age_mark, True),
        ("registration note", data.registration, False),
    ]


def check_imprint(result: Any, back_page_pdf: bytes | None, geometry: Sheet) -> list[Finding]:
    """Check that every imprint item is filled in, is not a sample value, and is printed in the imprint."""
    page = next((p.number for p in result.layout.pages if p.template == "back"), len(result.layout.pages))
    printed = _words(imprint_text(back_page_pdf, result.layout.imprint, geometry)) if back_page_pdf else None
    found, samples = [], []
    for what, value, required in imprint_items(result):
        level = "error" if required else "warning"
        if not value.strip():
            found.append(Finding(level, "imprint", f"the {what} is missing (paper.yaml or issue.yaml)", page))
        elif PLACEHOLDER in value:
            samples.append(what)
        elif printed is not None and not set(_words(value)) <= set(printed):
            found.append(
                Finding(
                    level,
                    "imprint",
                    f"the {what} («{value}») is not printed inside the imprint's "
                    "area (does the imprint overflow?)",
                    page,
                )
            )
    if samples:
        found.append(
            Finding(
                "warning",
                "imprint",
                f"sample values («{PLACEHOLDER}…») to replace in paper.yaml: " + ", ".join(samples),
                page,
            )
        )
    return found


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


def check_ads(result: Any, settings: PrintSettings) -> tuple[list[Finding], dict[str, Any]]:
    """Check the ads' share of the issue and that every artwork fits its booked module."""
    paper = result.issue.paper
    margins = paper.margins
    type_area = (paper.width - margins.inside - margins.outside) * (
        paper.height - margins.top - margins.bottom
    )
    ads = [f for page in result.layout.pages for f in page.frames if isinstance(f, AdFrame)]
    share = 100 * sum(f.rect.w * f.rect.h for f in ads) / (type_area * len(result.layout.pages))
    found = []
    if share > settings.ad_share_max:
        found.append(
            Finding(
                "warning",
                "ad share",
                f"ads take {share:.1f} % of the issue's type area, over the "
                f"{settings.ad_share_max:g} % a non-advertising periodical may carry (38-ФЗ art. 16)",
            )
        )
    for frame in ads:
        finding = artwork_fit(frame.ad.file, (frame.rect.w, frame.rect.h), frame.page, f"ad {frame.ad.id}")
        if finding:
            found.append(finding)
    return found, {"ad_share_percent": round(share, 1), "ads": len(ads)}


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

    from ..manifest.assets import IMAGE_FORMATS

    with Image.open(path, formats=IMAGE_FORMATS) as image:
        width, height = image.size
        dpi = image.info.get("dpi")
    if dpi and dpi[0] >= 10 and dpi[1] >= 10:
        return (width / float(dpi[0]) * 25.4, height / float(dpi[1]) * 25.4), (width, height)
    return None, (width, height)


def artwork_fit(path: Path, booked: tuple[float, float], page: int | None, subject: str) -> Finding | None:
    """Compare an artwork with its booked module: ±1 mm, or at least the same proportions."""
    size, shape = artwork_size(path)
    width, height = booked
    booked_text = f"the booked module is {width:.1f}×{height:.1f} mm"
    # Proportions match when, scaled to the module's height, the artwork's width is within 1 mm.
    same_shape = abs(shape[0] / shape[1] * height - width) <= SIZE_TOLERANCE_MM
    if (
        size is not None
        and abs(size[0] - width) <= SIZE_TOLERANCE_MM
        and abs(size[1] - height) <= SIZE_TOLERANCE_MM
    ):
        return None
    if not same_shape:
        made = f"{size[0]:.1f}×{size[1]:.1f} mm" if size else f"{shape[0]}×{shape[1]} px"
        return Finding(
            "error",
            "ad size",
            f"the artwork is {made}, {booked_text}: its proportions differ, it would not fill the module",
            page,
            subject,
        )
    if size is None:
        return None  # no physical size stated: the proportions are all there is to check
    return Finding(
        "warning",
        "ad size",
        f"the artwork is {size[0]:.1f}×{size[1]:.1f} mm, {booked_text}: it "
        f"will be scaled by {width / size[0]:.0%}",
        page,
        subject,
    )
