"""Print production: PDF/X-1a per-page files, preflight and the printing house's package."""

from __future__ import annotations

from pathlib import Path

from ..build import Result


def write_print_files(result: Result, out_dir: Path) -> list[Path]:
    """Write one PDF/X-1a:2001 file per page of a built issue into out_dir; return their paths."""
    from .pdfx import write_print_files as write

    return write(result, out_dir)
