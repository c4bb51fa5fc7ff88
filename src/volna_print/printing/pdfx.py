"""Per-page PDF/X-1a:2001 files for the printing house: boxes, OutputIntent, metadata, ASCII names."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ..build import Result
from ..manifest.model import Issue
from ..pdf import write_atomic
from ..units import PT_PER_MM
from .color import Converter
from .convert import convert_document, drop
from .operators import MARKS_TAG
from .settings import PrintSettings, load_print_settings

MARKS_MM = 10.0  # room for crop marks beyond the bleed
MARK_GAP_MM, MARK_LENGTH_MM = 2.0, 6.0
PDF_VERSION = "1.3"  # PDF/X-1a:2001 is built on PDF 1.3
PDFX_VERSION, PDFX_CONFORMANCE = "PDF/X-1:2001", "PDF/X-1a:2001"
COLOR_REGISTRY = "http://www.color.org"


@dataclass(frozen=True)
class Sheet:
    """Where the design's page lies on the print file's page (all in pt, PDF axes: y up)."""

    scale: float
    left: float  # the design page's lower-left corner on the sheet
    bottom: float
    media: tuple[float, float, float, float]
    bleed: tuple[float, float, float, float]
    trim: tuple[float, float, float, float]
    page_height_pt: float  # the design page's height

    def to_design_mm(self, x: float, y: float) -> tuple[float, float]:
        """Return a point of the print file as mm on the design page, from its top-left corner."""
        design_x, design_y = (x - self.left) / self.scale, (y - self.bottom) / self.scale
        return design_x / PT_PER_MM, (self.page_height_pt - design_y) / PT_PER_MM


def sheet(settings: PrintSettings) -> Sheet:
    """Return the geometry of every print page: trim, bleed, room for marks, the design scaled to fit."""
    trim_w, trim_h = settings.trim_width * PT_PER_MM, settings.trim_height * PT_PER_MM
    page_w, page_h = settings.page_width * PT_PER_MM, settings.page_height * PT_PER_MM
    bleed = settings.bleed * PT_PER_MM
    edge = bleed + (MARKS_MM * PT_PER_MM if settings.crop_marks else 0.0)
    scale = settings.scale
    left = edge + (trim_w - page_w * scale) / 2
    bottom = edge + (trim_h - page_h * scale) / 2
    trim = (edge, edge, edge + trim_w, edge + trim_h)
    return Sheet(
        scale=scale,
        left=left,
        bottom=bottom,
        page_height_pt=page_h,
        media=(0.0, 0.0, trim_w + 2 * edge, trim_h + 2 * edge),
        bleed=(edge - bleed, edge - bleed, edge + trim_w + bleed, edge + trim_h + bleed),
        trim=trim,
    )


def print_name(issue: Issue, page: int) -> str:
    """Return the ASCII file name printing houses ask for: volna_2025-07-30_n31_p01.pdf."""
    slug = re.sub(r"[^A-Za-z0-9-]+", "-", issue.paper.slug).strip("-") or "paper"
    return f"{slug}_{issue.date.isoformat()}_n{issue.number}_p{page:02d}.pdf"


def write_print_files(result: Result, out_dir: Path) -> list[Path]:
    """Write one PDF/X-1a:2001 file per page of a built issue into out_dir; return their paths."""
    settings = load_print_settings(result.issue.paper)
    paths = []
    for name, data in print_pages(result, settings):
        path = out_dir / name
        write_atomic(path, data)
        paths.append(path)
    return paths


def print_pages(result: Result, settings: PrintSettings) -> list[tuple[str, bytes]]:
    """Return (file name, PDF/X-1a bytes) for every page of a laid-out issue."""
    source = result.pdf.read_bytes() if result.pdf and Path(result.pdf).is_file() else result.data
    if source is None:
        raise ValueError("the issue was laid out without a PDF")  # a caller's bug: build() composes one
    converter = Converter(settings)
    geometry = sheet(settings)
    with pikepdf.open(io.BytesIO(source)) as pdf:
        convert_document(pdf, converter)
        return [
            (print_name(result.issue, number), _one_page(pdf, number, result.issue, converter, geometry))
            for number in range(1, len(pdf.pages) + 1)
        ]


def _one_page(pdf: pikepdf.Pdf, number: int, issue: Issue, converter: Converter, geometry: Sheet) -> bytes:
    """Return one page as its own PDF/X-1a:2001 file."""
    out = pikepdf.new()
    out.pages.append(pdf.pages[number - 1])
    out.remove_unreferenced_resources()
    page = out.pages[0]
    _place(out, page.obj, geometry, converter.settings.crop_marks)
    title = f"«{issue.paper.name}» № {issue.number}, {issue.date.isoformat()}, полоса {number}"
    _mark_pdfx(out, issue, title, converter)
    buffer = io.BytesIO()
    out.save(
        buffer,
        force_version=PDF_VERSION,
        fix_metadata_version=False,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
        compress_streams=True,
        deterministic_id=True,
    )
    return buffer.getvalue()


def _place(pdf: pikepdf.Pdf, page: pikepdf.Object, geometry: Sheet, marks: bool) -> None:
    """Scale the design into the trim, set the page boxes and draw crop marks."""
    content = b"".join(part.read_bytes() for part in _streams(page.Contents))
    if geometry.scale != 1 or geometry.left or geometry.bottom:
        s = geometry.scale
        content = (
            f"q {s:.6f} 0 0 {s:.6f} {geometry.left:.4f} {geometry.bottom:.4f} cm\n".encode()
            + content
            + b"\nQ\n"
        )
    if marks:
        content += _crop_marks(geometry)
    page.Contents = pdf.make_stream(content)
    page.MediaBox = Array([round(v, 6) for v in geometry.media])
    page.BleedBox = Array([round(v, 6) for v in geometry.bleed])
    page.TrimBox = Array([round(v, 6) for v in geometry.trim])
    drop(page, "/CropBox", "/ArtBox", "/Group", "/Annots")


def _streams(contents: Any) -> list[pikepdf.Object]:
    """Return a page's content streams as a list."""
    return list(contents) if isinstance(contents, Array) else [contents]


def _crop_marks(geometry: Sheet) -> bytes:
    """Return crop marks at the four trim corners, outside the bleed, in all four inks (registration)."""
    x0, y0, x1, y1 = geometry.trim
    bleed = geometry.trim[0] - geometry.bleed[0]
    gap, length = bleed + MARK_GAP_MM * PT_PER_MM, MARK_LENGTH_MM * PT_PER_MM
    lines = []
    for x, y, sx, sy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        lines.append(f"{x + sx * gap:.3f} {y:.3f} m {x + sx * (gap + length):.3f} {y:.3f} l S")
        lines.append(f"{x:.3f} {y + sy * gap:.3f} m {x:.3f} {y + sy * (gap + length):.3f} l S")
    # Tagged as marked content so the preflight leaves the marks' 400 % out of the ink check, as printers do.
    return (f"/{MARKS_TAG} BMC q 0.25 w 1 1 1 1 K\n" + "\n".join(lines) + "\nQ EMC\n").encode()


def _mark_pdfx(pdf: pikepdf.Pdf, issue: Issue, title: str, converter: Converter) -> None:
    """Write the PDF/X-1a:2001 identification: Info keys and the OutputIntent with the embedded profile."""
    signed = f"D:{issue.signed_actual:%Y%m%d%H%M%S}"  # the time the issue was signed to print: reproducible
    pdf.trailer.Info = pdf.make_indirect(
        Dictionary(
            Title=String(title),
            Creator=String("volna-print"),
            Producer=String("volna-print (pikepdf)"),
            CreationDate=String(signed),
            ModDate=String(signed),
            Trapped=Name("/False"),
            GTS_PDFXVersion=String(PDFX_VERSION),
            GTS_PDFXConformance=String(PDFX_CONFORMANCE),
        )
    )
    profile = pdf.make_stream(converter.profile_bytes)
    profile.N = 4
    condition = converter.settings.output_condition
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(condition),
        OutputCondition=String(converter.description),
        Info=String(converter.description),
        DestOutputProfile=profile,
    )
    if condition != "Custom":
        intent.RegistryName = String(COLOR_REGISTRY)
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])
    drop(pdf.Root, "/Outlines", "/Names", "/Metadata", "/OpenAction", "/AcroForm")
