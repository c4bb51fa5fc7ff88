"""The printing house's package: one zip of the page files, the preflight report, checksums and a readme.

The zip is reproducible: entries in a fixed order with fixed times (the issue's date) and permissions, and
page files that are themselves byte-stable, so the same issue always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from ..pdf import write_atomic
from ..text import group_digits, issue_number, moment
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
    """Return the short readme for the printing house, in Russian."""
    issue, settings, report = run.result.issue, run.settings, run.report
    paper = issue.paper
    first, last = run.pages[0][0], run.pages[-1][0]
    lines = [
        f"«{paper.name}» {issue_number(issue.number, issue.total)}, {issue.date:%d.%m.%Y}".replace(NBSP, " "),
        f"Полос: {len(run.pages)} — по файлу на полосу, PDF/X-1a:2001: {first} … {last}",
        f"Тираж: {group_digits(issue.print_run).replace(NBSP, ' ')} экз."
        + (f" Заказ № {issue.order}." if issue.order else ""),
        (
            f"Формат (обрез): {settings.trim_width:g} × {settings.trim_height:g} мм; "
            f"вылеты: {settings.bleed:g} мм; "
            f"метки реза: {'есть' if settings.crop_marks else 'нет'}"
        ),
        f"Цвет: CMYK, профиль {settings.icc_profile.name}; "
        f"сумма красок не более {settings.ink_limit:g} %; чёрный текст 100 % K"
        + (" с наложением (overprint)" if settings.black_overprint else ""),
        f"Подписано в печать: по графику {moment(issue.signed_scheduled)}, фактически "
        f"{moment(issue.signed_actual)}".replace(NBSP, " "),
        (
            f"Префлайт: ошибок {len(report.errors)}, предупреждений {len(report.warnings)} — preflight.txt, "
            "preflight.html"
        ),
        "Контрольные суммы: SHA256SUMS (проверка: sha256sum -c SHA256SUMS)",
        (
            f"Редакция: {paper.contacts.get('address', '')}; тел. {paper.contacts.get('phone', '')}; "
            f"{paper.contacts.get('email', '')}"
        ),
    ]
    return "\n".join(lines) + "\n"
