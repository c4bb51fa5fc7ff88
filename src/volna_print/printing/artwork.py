"""The preflight of one file an advertiser delivers: PDF, JPEG, PNG or TIFF artwork."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms

from ..errors import ManifestError, VolnaError
from ..i18n import _, ngettext
from ..manifest.assets import IMAGE_FORMATS, check_artwork
from ..manifest.model import PAGE_TEMPLATES, Frame, Paper
from ..units import MM_PER_INCH, MM_PER_PT
from .checks import art_area, artwork_fit, artwork_size
from .color import total_ink
from .findings import Finding, Report
from .ink import measure_ink
from .messages import say
from .pagechecks import check_page
from .scan import scan_pdf
from .settings import PrintSettings, load_print_settings

RASTER_SUFFIXES = (".jpg", ".jpeg", ".png")  # what an issue can place (manifest/assets.py)


def preflight_file(
    path: Path, size: str | None = None, paper_slug: str = "volna", page: str | None = None, fit: str = "contain"
) -> Report:
    """Check one artwork file; with size (COLSxROWS) also against the module it is booked for on a page
    (a number or front/inner/back; an inner page by default)."""
    paper = load_paper_or_fail(paper_slug)
    settings = load_print_settings(paper)
    template = page_template(page)
    booked = module_size(paper, size, template) if size else None
    report = Report(title=path.name)
    suffix = path.suffix.lower()
    problem = check_artwork(path) if suffix in (*RASTER_SUFFIXES, ".pdf") else None
    if problem:  # the checks the loader makes: damaged files, decompression bombs, foreign formats
        raise VolnaError(f"{path}: {problem}")
    if suffix == ".pdf":
        _pdf(path, settings, report)
    elif suffix in RASTER_SUFFIXES:
        _raster(path, settings, booked, report)
    else:
        raise VolnaError(_("{file}: expected an issue folder, or a PDF, JPEG or PNG file").format(file=path))
    if booked:
        report.facts["page"] = template
        report.facts["artwork_area_mm"] = _mm(booked)
        finding = artwork_fit(path, booked, None, path.name, fit, settings)
        if finding:
            report.findings.append(finding)
    return report


def page_template(page: str | None) -> str:
    """Return the page type a booking is for: page 1 is the front page, any other number an inner page."""
    import click

    if page is None:
        return "inner"
    text = page.strip().lower()
    if text in PAGE_TEMPLATES:
        return text
    if text.isdigit() and int(text) >= 1:
        return "front" if int(text) == 1 else "inner"
    raise click.BadParameter(
        _("«{page}»: give a page number or one of {names}").format(page=page, names=", ".join(PAGE_TEMPLATES)),
        param_hint="--page",
    )


def load_paper_or_fail(slug: str) -> Paper:
    """Load a paper's settings or report why not."""
    from ..manifest.paper import load_paper
    from ..manifest.source import Problems

    problems = Problems()
    paper = load_paper(slug, problems)
    if paper is None:
        raise ManifestError(problems.messages or [_("paper «{slug}»: cannot read its settings").format(slug=slug)])
    return paper


def module_size(paper: Paper, size: str, template: str = "inner") -> tuple[float, float]:
    """Return the size in mm the artwork of a booked ad (COLSxROWS modules) is made for on a page type."""
    import click

    from ..layout.grid import frame_rect

    match = re.fullmatch(r"\s*(\d+)\s*[xх×]\s*(\d+)\s*", size)
    if not match:
        raise click.BadParameter(
            _("«{size}»: write the booked size as COLSxROWS, e.g. 2x3").format(size=size), param_hint="--size"
        )
    cols, rows = int(match[1]), int(match[2])
    if not (1 <= cols <= paper.grid.columns and 1 <= rows <= paper.grid.rows):
        raise click.BadParameter(
            _("«{size}»: the grid has {columns}×{rows} modules").format(
                size=size, columns=paper.grid.columns, rows=paper.grid.rows),
            param_hint="--size",
        )
    return art_area(paper, frame_rect(paper, template, 2, Frame(1, 1, cols, rows)))


def _raster(path: Path, settings: PrintSettings, booked: tuple[float, float] | None, report: Report) -> None:
    """Check a picture: resolution, colour mode, transparency, total ink of CMYK pictures."""
    with Image.open(path, formats=IMAGE_FORMATS) as image:
        image.load()
    physical = artwork_size(path)[0]
    facts: dict[str, Any] = {
        "pixels": f"{image.width}×{image.height}",
        "mode": image.mode,
        "size_mm": _mm(physical) if physical else _("not stated"),
    }
    icc = image.info.get("icc_profile")
    if icc:
        facts["icc_profile"] = _profile_name(icc)
    report.pages.append(facts)
    ppi = _effective_ppi(image.size, physical, booked)
    if ppi is None:
        report.findings.append(
            Finding(
                "warning",
                "resolution",
                _("the file states no resolution; give --size to check it against the booked module"),
                None,
                path.name,
            )
        )
    else:
        facts["ppi"] = round(ppi)
        _ppi_finding(ppi, settings, path.name, report)
    report.findings += _colour_findings(image, settings, path.name)


def _effective_ppi(
    pixels: tuple[int, int], physical: tuple[float, float] | None, booked: tuple[float, float] | None
) -> float | None:
    """Return the ppi as printed: fitted into the booked module when given, else at its stated size."""
    if booked:
        scale = min(booked[0] / pixels[0], booked[1] / pixels[1])  # mm per pixel, fitted whole (contain)
        return MM_PER_INCH / scale
    if physical:
        return pixels[0] / (physical[0] / MM_PER_INCH)
    return None


def _ppi_finding(ppi: float, settings: PrintSettings, subject: str, report: Report) -> None:
    """Report a picture with too few pixels for newsprint."""
    level = "error" if ppi < settings.ppi_error else "warning" if ppi < settings.ppi_warn else ""
    if level:
        limit = settings.ppi_error if level == "error" else settings.ppi_warn
        message = _("{ppi:.0f} ppi, under {limit:g} ppi").format(ppi=ppi, limit=limit)
        report.findings.append(Finding(level, "resolution", message, None, subject))


def _colour_findings(
    image: Image.Image, settings: PrintSettings, subject: str
) -> list[Finding]:
    """Say what happens to the picture's colours at build, and check a CMYK picture's total ink."""
    found = []
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        found.append(
            Finding(
                "info", "transparency", _("transparent areas are flattened onto white at build"), None, subject
            )
        )
    if image.mode == "CMYK":
        total = total_ink(image)
        count = int((total > (settings.ink_limit + 0.5) * 2.55).sum())
        if count:
            target = settings.ink_limit - settings.ink_margin
            message = say(
                "ink.ad.reduced", peak=total.max() / 2.55, count=count, limit=settings.ink_limit, target=target
            )
            found.append(Finding("warning", "ink", message, None, subject))
    elif image.mode not in ("L", "1"):
        found.append(
            Finding(
                "info",
                "colour",
                _("{mode}: converted to CMYK through {profile} (ink held under {limit:g} %) at build").format(
                    mode=image.mode, profile=settings.icc_profile.name, limit=settings.ink_limit),
                None,
                subject,
            )
        )
    return found


def _profile_name(icc: bytes) -> str:
    """Return an embedded profile's description."""
    import io

    try:
        return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc))).strip()
    except (OSError, ImageCms.PyCMSError):
        return _("unreadable")


def _pdf(path: Path, settings: PrintSettings, report: Report) -> None:
    """Check PDF artwork page by page: fonts, colours, pictures, ink."""
    try:
        scan = scan_pdf(path)
    except Exception as exc:  # pikepdf raises its own errors for broken files
        raise VolnaError(_("{file}: not a readable PDF: {error}").format(file=path, error=exc)) from exc
    if scan.encrypted:
        report.findings.append(Finding("error", "pdf", _("the file is encrypted"), None, path.name))
    origins = [((p.bleed or p.media)[0], (p.bleed or p.media)[1]) for p in scan.pages]
    with tempfile.TemporaryDirectory(prefix="volna-art-") as tmp:
        copy = Path(tmp) / "art.pdf"  # Ghostscript gets a plain ASCII path whatever the advertiser named it
        copy.write_bytes(path.read_bytes())
        inks = measure_ink([copy], origins)
    for page, ink in zip(scan.pages, inks, strict=True):
        found, facts = check_page(page.number, page, ink, settings, lambda *_: path.name, for_press=False)
        report.findings += found
        box = page.trim or page.media
        facts["size_mm"] = _mm(((box[2] - box[0]) * MM_PER_PT, (box[3] - box[1]) * MM_PER_PT))
        report.pages.append(facts)
    report.facts = {"pdf_version": scan.version, "pdfx": scan.pdfx_version or _("no"), "pages": len(scan.pages)}
    if len(scan.pages) > 1:
        message = ngettext("{count} page: only the first is placed", "{count} pages: only the first is placed",
                           len(scan.pages)).format(count=len(scan.pages))
        report.findings.append(Finding("warning", "pages", message, None, path.name))


def _mm(size: tuple[float, float]) -> str:
    """Return a size in mm as the report's data states it: «297.0 × 420.0», in any language (JSON has it)."""
    return f"{size[0]:.1f} × {size[1]:.1f}"
