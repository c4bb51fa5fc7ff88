"""The preflight of an issue: lay it out, make the print files, and check them as a printing house would."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..build import Result
from ..cache import BuildCache
from ..i18n import _
from ..units import MM_PER_PT
from .checks import check_ads, check_imprint, check_layout, check_placeholders, locator
from .findings import Report
from .ink import measure_ink
from .pagechecks import check_page, check_pdfx
from .pdfx import print_pages, sheet
from .scan import scan_pdf
from .settings import PrintSettings, load_print_settings


@dataclass
class PrintRun:
    """An issue made ready for print: the layout, the settings, the per-page files and their preflight."""

    result: Result
    settings: PrintSettings
    pages: list[tuple[str, bytes]]
    report: Report


def prepare(issue_dir: Path, strict: bool = False, cache: BuildCache | None = None) -> PrintRun:
    """Lay out an issue, make its PDF/X-1a pages in memory and preflight them; nothing is written.

    strict: placeholders in the furniture are errors (the final check before print), not warnings.
    """
    from ..build import lay_out_issue

    result = lay_out_issue(issue_dir, cache)
    return prepare_result(result, strict)


def prepare_result(result: Result, strict: bool = False) -> PrintRun:
    """Make the print pages of a laid-out issue and preflight them."""
    settings = load_print_settings(result.issue.paper)
    pages = print_pages(result, settings)
    return PrintRun(
        result=result, settings=settings, pages=pages, report=preflight_issue(result, settings, pages, strict)
    )


def preflight_issue(
    result: Result, settings: PrintSettings, pages: list[tuple[str, bytes]], strict: bool = False
) -> Report:
    """Check an issue's print pages, its layout, imprint and ads; every finding names its page and subject."""
    issue = result.issue
    geometry = sheet(settings)
    locate = locator(result, geometry)
    scans = [scan_pdf(data) for _name, data in pages]
    inks = _measure(pages, [s.pages[0].bleed or s.pages[0].media for s in scans], settings.safe_margin)
    report = Report(title=f"«{issue.paper.name}» № {issue.number}, {issue.date.isoformat()}")
    report.findings += check_layout(result)
    back = next((n for n, p in enumerate(result.layout.pages) if p.template == "back"), len(pages) - 1)
    report.findings += check_imprint(result, pages[back][1], geometry)
    report.findings += check_placeholders(result, strict)
    ad_findings, ad_facts = check_ads(result, settings)
    report.findings += ad_findings
    for number, ((name, _data), scan, ink) in enumerate(zip(pages, scans, inks, strict=True), 1):
        report.findings += check_pdfx(scan, number)
        found, facts = check_page(number, scan.pages[0], ink, settings, locate, for_press=True)
        report.findings += found
        report.pages.append({"page": number, "file": name, **{k: v for k, v in facts.items() if k != "page"}})
    report.facts = {"pages": len(pages), **_setting_facts(settings), **ad_facts, "print_run": issue.print_run}
    return report


def _measure(pages: list[tuple[str, bytes]], boxes: list[tuple[float, ...]], safe_mm: float) -> list[Any]:
    """Measure the ink of every page with Ghostscript (the files are written to a temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="volna-preflight-") as tmp:
        files = []
        for name, data in pages:
            path = Path(tmp) / name
            path.write_bytes(data)
            files.append(path)
        return measure_ink(files, [(box[0], box[1]) for box in boxes], safe_mm / MM_PER_PT)


def _setting_facts(settings: PrintSettings) -> dict[str, Any]:
    """Return the settings the report states, so the printing house sees what was checked against."""
    return {
        "trim_mm": f"{settings.trim_width:g} × {settings.trim_height:g}",
        "scale": f"{settings.scale:.1%}",
        "bleed_mm": settings.bleed,
        "icc_profile": settings.icc_profile.name,
        "ink_limit_percent": settings.ink_limit,
        "image_ppi": _("warning under {warn:g}, error under {error:g}").format(warn=settings.ppi_warn,
                                                                              error=settings.ppi_error),
    }
