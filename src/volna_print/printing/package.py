"""The printing house's package: one zip of the page files, the preflight report, checksums and a readme.

The zip is reproducible: entries in a fixed order with fixed times (the issue's date) and permissions, and
page files that are themselves byte-stable, so the same issue always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime
from pathlib import Path

from ..i18n import _
from ..pdf import write_atomic
from ..text import group_digits, issue_number
from .pdfx import print_name
from .preflight import PrintRun

NBSP = "\u00a0"


def package_name(run: PrintRun) -> str:
    """Return the zip's ASCII stem: volna_2025-07-30_n31."""
    return print_name(run.result.issue, 1).rsplit("_p", 1)[0]


def write_package(run: PrintRun, out_dir: Path) -> Path:
    """Write the package zip into out_dir and return its path."""
    stem = package_name(run)
    files = [
        *run.pages,
        ("preflight.txt", run.report.as_text().encode()),
        ("preflight.html", run.report.as_html().encode()),
        ("README.txt", readme(run).encode()),
    ]
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in files)
    files.append(("SHA256SUMS", sums.encode()))
    path = out_dir / f"{stem}.zip"
    write_atomic(path, zip_bytes(stem, files, run.result.issue.date.timetuple()[:6]))
    return path


def zip_bytes(folder: str, files: list[tuple[str, bytes]], stamp: tuple[int, ...]) -> bytes:
    """Return a zip of files under one folder, with nothing in it that changes from run to run."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)  # type: ignore[arg-type]  # zipfile's stub wants a 6-tuple type; ours is one
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system builds it
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def readme(run: PrintRun) -> str:
    """Return the short readme for the printing house, in the active language (Russian by default).

    Plain spaces, not the paper's no-break ones: the readme is read in whatever viewer the printing house has.
    """
    issue, settings, report = run.result.issue, run.settings, run.report
    paper = issue.paper
    first, last = run.pages[0][0], run.pages[-1][0]
    lines = [
        f"«{paper.name}» {issue_number(issue.number, issue.total)}, {issue.date:%d.%m.%Y}",
        _("Pages: {count}, one file per page, PDF/X-1a:2001: {first} … {last}").format(
            count=len(run.pages), first=first, last=last),
        _("Print run: {copies} copies.").format(copies=group_digits(issue.print_run))
        + (" " + _("Order No. {order}.").format(order=issue.order) if issue.order else ""),
        _("Trim size: {width:g} × {height:g} mm; bleed: {bleed:g} mm; crop marks: {marks}").format(
            width=settings.trim_width, height=settings.trim_height, bleed=settings.bleed,
            marks=_("present") if settings.crop_marks else _("none")),
        _("Colour: CMYK, profile {profile}; total ink at most {limit:g} %; black text 100 % K").format(
            profile=settings.icc_profile.name, limit=settings.ink_limit)
        + (" " + _("overprinting") if settings.black_overprint else ""),
        _("Signed to print: scheduled {scheduled}, actual {actual}").format(
            scheduled=_moment(issue.signed_scheduled), actual=_moment(issue.signed_actual)),
        _("Preflight: errors {errors}, warnings {warnings}: preflight.txt, preflight.html").format(
            errors=len(report.errors), warnings=len(report.warnings)),
        _("Checksums: SHA256SUMS (check with sha256sum -c SHA256SUMS)"),
        _("Editorial office: {address}; phone {phone}; {email}").format(
            address=paper.contacts.get("address", ""), phone=paper.contacts.get("phone", ""),
            email=paper.contacts.get("email", "")),
    ]
    return "\n".join(line.replace(NBSP, " ") for line in lines) + "\n"


def _moment(value: datetime) -> str:
    """Return a time as the readme states it: «29.07.2025 at 18:00»."""
    return _("{when:%d.%m.%Y} at {when:%H:%M}").format(when=value)
